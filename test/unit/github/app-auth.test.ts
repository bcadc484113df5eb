/**
 * The GitHub App's JSON web token and the rule for renewing installation tokens, checked with
 * node:crypto as GitHub would check them.
 */
import { describe, expect, it } from '@jest/globals'
import { createVerify, generateKeyPairSync } from 'node:crypto'
import {
  appJwt,
  JWT_BACKDATE_SECONDS,
  JWT_LIFETIME_SECONDS,
  needsRefresh,
  readAppId,
  readAppPrivateKey,
  refreshMarginMs,
  REFRESH_MARGIN_MS
} from '../../../src/github/app-auth.js'

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
const NOW = Date.parse('2026-03-01T12:00:00.750Z')

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>
}

describe('appJwt', () => {
  const jwt = appJwt('12345', readAppPrivateKey(pem, 'test'), NOW)
  const [header, payload, signature] = jwt.split('.') as [string, string, string]

  it('is an RS256 JWT whose signature the App’s public key verifies', () => {
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' })
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(publicKey, Buffer.from(signature, 'base64url'))
    expect(valid).toBe(true)
  })

  it('is issued by the App a minute in the past and expires less than ten minutes ahead', () => {
    const now = Math.floor(NOW / 1000)
    const claims = decode(payload)
    expect(claims).toEqual({ iss: '12345', iat: now - JWT_BACKDATE_SECONDS, exp: now + JWT_LIFETIME_SECONDS })
    expect(claims.iat).toBe(now - 60)
    expect((claims.exp as number) - now).toBeLessThanOrEqual(600)
  })

  it('does not verify with another key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(other, Buffer.from(signature, 'base64url'))
    expect(valid).toBe(false)
  })
})

describe('readAppPrivateKey', () => {
  it('accepts the PKCS#1 PEM GitHub downloads, and PKCS#8', () => {
    expect(readAppPrivateKey(pem, 'x').asymmetricKeyType).toBe('rsa')
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(readAppPrivateKey(pkcs8, 'x').asymmetricKeyType).toBe('rsa')
  })

  it('names the flag and what was expected for text that is no key', () => {
    expect(() => readAppPrivateKey('ghp_notakey', '--private-key-file app.pem')).toThrow(
      "--private-key-file app.pem: expected the GitHub App's RSA private key in PEM form, as GitHub downloads it (-----BEGIN RSA PRIVATE KEY----- …), found text without a 'BEGIN … PRIVATE KEY' line"
    )
  })

  it('says so for a PEM that does not parse, on one line', () => {
    const broken = pem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!')
    let message = ''
    try {
      readAppPrivateKey(broken, 'CCAL_APP_PRIVATE_KEY')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^CCAL_APP_PRIVATE_KEY: expected .*, found a key that does not parse/)
    expect(message).not.toContain('\n')
  })

  it('refuses a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    expect(() => readAppPrivateKey(ec, 'k')).toThrow(/found a key of type ec$/)
  })
})

describe('readAppId', () => {
  it('takes a positive whole number and names the flag otherwise', () => {
    expect(readAppId(' 42 ', '--app-id')).toBe('42')
    expect(() => readAppId('my-app', '--app-id')).toThrow(
      `--app-id: expected the GitHub App's id (a number, on the App's settings page under "App ID"), found 'my-app'`
    )
  })
})

describe('the refresh rule', () => {
  const hour = 3_600_000

  it('renews an hour-long token once less than five minutes remain', () => {
    const held = { token: 't', expiresAtMs: NOW + hour, lifetimeMs: hour }
    expect(refreshMarginMs(hour)).toBe(REFRESH_MARGIN_MS)
    expect(needsRefresh(held, NOW + hour - REFRESH_MARGIN_MS - 1)).toBe(false)
    expect(needsRefresh(held, NOW + hour - REFRESH_MARGIN_MS + 1)).toBe(true)
  })

  it('renews a short-lived token once half its lifetime has passed', () => {
    const held = { token: 't', expiresAtMs: NOW + 2000, lifetimeMs: 2000 }
    expect(needsRefresh(held, NOW + 999)).toBe(false)
    expect(needsRefresh(held, NOW + 1001)).toBe(true)
  })

  it('buys a token when none is held, and replaces an expired one', () => {
    expect(needsRefresh(undefined, NOW)).toBe(true)
    expect(needsRefresh({ token: 't', expiresAtMs: NOW - 1, lifetimeMs: hour }, NOW)).toBe(true)
  })
})
