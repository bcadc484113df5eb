/**
 * A GitHub App's installation tokens against the emulator, whose tokens expire in seconds: CCAL's
 * client keeps working across several expiries (REST and GraphQL alike), buying new tokens as it
 * goes; the emulator answers GitHub's messages to JWTs GitHub would refuse.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { appJwt, appTokenSource, readAppPrivateKey } from '../../../src/github/app-auth.js'
import { createGitHubClient } from '../../../src/github/client.js'
import { silentLogger } from '../../../src/util/logger.js'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'
import { JWT_ERRORS } from '../../support/github-emulator/apps.js'

const REPO = { owner: 'octo-org', repo: 'demo' } as const
const APP_ID = 4242
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const key: KeyObject = readAppPrivateKey(
  privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  'test'
)
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()

let gh: GitHubEmulator

function start(options: { ttlSeconds?: number; repositories?: 'all' | string[] } = {}) {
  return startGitHubEmulator({
    repo: { owner: REPO.owner, name: REPO.repo },
    reject_unknown_tokens: true,
    installation_token_ttl_seconds: options.ttlSeconds ?? 3600,
    apps: [
      {
        id: APP_ID,
        slug: 'ccal-test',
        public_key: publicPem,
        installations: [{ id: 77, repositories: options.repositories ?? 'all' }]
      }
    ]
  })
}

afterEach(async () => {
  await gh.stop()
})

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms))

describe('an App client against tokens that expire in two seconds', () => {
  beforeEach(async () => {
    gh = await start({ ttlSeconds: 2 })
  })

  it('never sends an expired token over five seconds of REST and GraphQL requests', async () => {
    const tokens = appTokenSource({
      appId: String(APP_ID),
      privateKey: key,
      ...REPO,
      apiUrl: gh.url,
      logger: silentLogger
    })
    const client = createGitHubClient({
      token: tokens,
      ...REPO,
      apiUrl: gh.url,
      logger: silentLogger,
      retries: 0,
      writeSpacingMs: 0
    })

    const started = Date.now()
    let requests = 0
    while (Date.now() - started < 5_000) {
      const { data } = await client.rest.rest.repos.get(REPO)
      const viewer = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      expect(data.permissions?.push).toBe(true)
      expect(viewer.viewer.login).toBe('ccal-test[bot]')
      requests += 2
      await sleep(150)
    }

    const log = gh.requests()
    const minted = log.filter(entry => entry.operationId === 'apps/create-installation-access-token')
    expect(log.filter(entry => entry.status === 401)).toEqual([])
    expect(requests).toBeGreaterThanOrEqual(10)
    // Two-second tokens over five seconds: several were bought, each used by the bot.
    expect(minted.length).toBeGreaterThanOrEqual(3)
    expect(new Set(log.filter(entry => entry.user === 'ccal-test[bot]').map(entry => entry.token)).size).toBe(
      minted.length
    )
    expect(log.filter(entry => entry.operationId === 'apps/get-repo-installation')).toHaveLength(1)
  })

  it('answers Bad credentials to a token once it has expired, on REST and GraphQL', async () => {
    const tokens = appTokenSource({
      appId: String(APP_ID),
      privateKey: key,
      ...REPO,
      apiUrl: gh.url,
      logger: silentLogger
    })
    const stale = await tokens.token()
    await sleep(2_100)

    const rest = await fetch(`${gh.url}/repos/${REPO.owner}/${REPO.repo}`, {
      headers: { authorization: `token ${stale}` }
    })
    const graphql = await fetch(`${gh.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `bearer ${stale}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query { viewer { login } }' })
    })

    expect([rest.status, graphql.status]).toEqual([401, 401])
    expect(((await rest.json()) as { message: string }).message).toBe('Bad credentials')
    expect(await tokens.token()).not.toBe(stale)
  })
})

describe("the emulator's App routes", () => {
  beforeEach(async () => {
    gh = await start()
  })

  async function withJwt(jwt: string, path = `/repos/${REPO.owner}/${REPO.repo}/installation`) {
    const response = await fetch(`${gh.url}${path}`, { headers: { authorization: `Bearer ${jwt}` } })
    return { status: response.status, message: ((await response.json()) as { message?: string }).message }
  }

  function signed(claims: Record<string, unknown>, signer: KeyObject = key): string {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
    return `${header}.${payload}.${sign(`${header}.${payload}`, signer)}`
  }

  it('finds the installation with a valid JWT', async () => {
    expect(await withJwt(appJwt(String(APP_ID), key, Date.now()))).toMatchObject({ status: 200 })
  })

  it("answers GitHub's messages to JWTs GitHub refuses", async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    const iss = String(APP_ID)
    // After the key (seconds on a loaded machine), with margins a slow request cannot eat.
    const now = Math.floor(Date.now() / 1000)

    expect(await withJwt('abc.def.ghi')).toEqual({ status: 401, message: JWT_ERRORS.undecodable })
    expect(await withJwt(signed({ iss, iat: now - 60, exp: now + 60 }, other))).toEqual({
      status: 401,
      message: JWT_ERRORS.undecodable
    })
    expect(await withJwt(signed({ iss, iat: now - 60, exp: now + 720 }))).toEqual({
      status: 401,
      message: JWT_ERRORS.tooFar
    })
    expect(await withJwt(signed({ iss, iat: now - 600, exp: now - 1 }))).toEqual({
      status: 401,
      message: JWT_ERRORS.expired
    })
    expect(await withJwt(signed({ iss, iat: now + 120, exp: now + 300 }))).toEqual({
      status: 401,
      message: JWT_ERRORS.issuedInFuture
    })
    expect(await withJwt(signed({ iss: '999', iat: now - 60, exp: now + 60 }))).toEqual({
      status: 404,
      message: JWT_ERRORS.unknownApp
    })
  })

  it('records a JWT used where an installation token belongs as a violation', async () => {
    const answer = await withJwt(appJwt(String(APP_ID), key, Date.now()), `/repos/${REPO.owner}/${REPO.repo}`)

    expect(answer.status).toBe(403)
    expect(gh.violations().map(violation => violation.kind)).toEqual(['invalid-auth'])
    await gh.stop({ allowViolations: true })
    gh = await start()
  })
})

describe('an App that is not installed on the repository', () => {
  it('is told in one line, naming the App and the repository', async () => {
    gh = await start({ repositories: ['elsewhere'] })
    const tokens = appTokenSource({
      appId: String(APP_ID),
      privateKey: key,
      ...REPO,
      apiUrl: gh.url,
      logger: silentLogger
    })

    await expect(tokens.token()).rejects.toThrow(
      /^GitHub App 4242 is not installed on octo-org\/demo \(or its installation does not include that repository\): install it/
    )
  })
})

function sign(input: string, signer: KeyObject): string {
  return createSign('RSA-SHA256').update(input).sign(signer).toString('base64url')
}
