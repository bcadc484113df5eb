/**
 * GitHub Apps: who a request's credentials are. A JSON web token is checked as GitHub checks it
 * (RS256 signed with the App's key, `exp` in the future but at most 10 minutes ahead, `iat` not in
 * the future) and answered with GitHub's messages; an installation token acts as the App's bot user
 * `<slug>[bot]` until it expires, then it is `Bad credentials` like any unknown token.
 */
import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto'
import { hasPermission } from './state.js'
import type { Permission, Scenario, ScenarioApp } from './scenario.js'
import type { EmulatorState } from './state.js'

/** GitHub refuses a JWT whose `exp` is further ahead than this. */
export const JWT_MAX_LIFETIME_SECONDS = 600

/**
 * GitHub's answers to a JWT it does not accept (all 401 but the unknown App's 404). The texts are
 * GitHub's, as users and client libraries quote them.
 */
export const JWT_ERRORS = {
  undecodable: 'A JSON web token could not be decoded',
  unknownApp: 'Integration not found',
  expired:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  tooFar: "'Expiration time' claim ('exp') is too far in the future",
  issuedInFuture:
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
} as const

/** One installation of an App. */
export interface InstallationRecord {
  id: number
  app: AppRecord
  account: string
  repositories: 'all' | string[]
  permissions: Record<string, string>
  createdAt: string
}

/** An App of the scenario. */
export interface AppRecord {
  id: number
  slug: string
  name: string
  publicKey: KeyObject
  installations: InstallationRecord[]
  /** The bot user its installation tokens act as. */
  botLogin: string
}

/** An installation token handed out. */
interface IssuedToken {
  installation: InstallationRecord
  expiresAtMs: number
}

/** Who a request is, or why it is refused. */
export type Credentials =
  | { kind: 'user'; login: string }
  | { kind: 'app'; app: AppRecord }
  | { kind: 'refused'; status: number; message: string }

/** True for text shaped like a JWT: three base64url parts. */
export function isJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The repository role an installation's permissions amount to (what the bot user may do). */
function roleOf(permissions: Record<string, string>): Permission {
  if (permissions.administration === 'write') return 'admin'
  const writes = ['contents', 'pull_requests', 'issues'].some(name => permissions[name] === 'write')
  return writes ? 'write' : 'read'
}

/** The Apps of one emulator and the installation tokens they were given. */
export class AppRegistry {
  readonly apps = new Map<number, AppRecord>()
  private readonly issued = new Map<string, IssuedToken>()
  readonly tokenTtlSeconds: number

  constructor(scenario: Scenario, state: EmulatorState) {
    this.tokenTtlSeconds = scenario.installation_token_ttl_seconds
    for (const app of scenario.apps) this.add(app, state)
  }

  private add(app: ScenarioApp, state: EmulatorState): void {
    const record: AppRecord = {
      id: app.id,
      slug: app.slug,
      name: app.name ?? app.slug,
      publicKey: createPublicKey(app.public_key),
      installations: [],
      botLogin: `${app.slug}[bot]`
    }
    for (const installation of app.installations) {
      record.installations.push({
        id: installation.id,
        app: record,
        account: installation.account ?? state.repo.owner,
        repositories: installation.repositories,
        permissions: installation.permissions,
        createdAt: state.now()
      })
    }
    this.apps.set(app.id, record)
    const bot = state.user(record.botLogin)
    bot.type = 'Bot'
    const role = record.installations
      .filter(installation => this.covers(installation, state.repo.owner, state.repo.name))
      .map(installation => roleOf(installation.permissions))
      .reduce<Permission>((best, role) => (hasPermission(role, best) ? role : best), 'none')
    if (hasPermission(role, bot.permission)) bot.permission = role
  }

  /** True when `installation` gives access to `owner/repo`. */
  covers(installation: InstallationRecord, owner: string, repo: string): boolean {
    if (installation.account.toLowerCase() !== owner.toLowerCase()) return false
    return (
      installation.repositories === 'all' ||
      installation.repositories.some(name => name.toLowerCase() === repo.toLowerCase())
    )
  }

  /** The App's installation that covers `owner/repo`, if any. */
  installationFor(app: AppRecord, owner: string, repo: string): InstallationRecord | undefined {
    return app.installations.find(installation => this.covers(installation, owner, repo))
  }

  /** A new installation token, valid for the scenario's TTL (cut to whole seconds, as `expires_at` says). */
  issue(installation: InstallationRecord, nowMs: number): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`
    const expiresAtMs = Math.floor((nowMs + this.tokenTtlSeconds * 1000) / 1000) * 1000
    this.issued.set(token, { installation, expiresAtMs })
    return { token, expiresAt: new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z') }
  }

  /** Whom `token` authenticates at `nowMs`: an App (a JWT), an installation's bot, else undefined. */
  authenticate(token: string, nowMs: number): Credentials | undefined {
    const issued = this.issued.get(token)
    if (issued) {
      return issued.expiresAtMs > nowMs
        ? { kind: 'user', login: issued.installation.app.botLogin }
        : { kind: 'refused', status: 401, message: 'Bad credentials' }
    }
    return isJwt(token) ? this.verifyJwt(token, nowMs) : undefined
  }

  private verifyJwt(token: string, nowMs: number): Credentials {
    const refused = (message: string, status = 401): Credentials => ({ kind: 'refused', status, message })
    const [headerPart, payloadPart, signature] = token.split('.') as [string, string, string]
    const header = decodePart(headerPart)
    const claims = decodePart(payloadPart)
    if (!header || !claims || header.alg !== 'RS256') return refused(JWT_ERRORS.undecodable)
    const app = this.apps.get(Number(claims.iss))
    if (!app || !/^\d+$/.test(String(claims.iss))) return refused(JWT_ERRORS.unknownApp, 404)
    const valid = createVerify('RSA-SHA256')
      .update(`${headerPart}.${payloadPart}`)
      .verify(app.publicKey, Buffer.from(signature, 'base64url'))
    if (!valid) return refused(JWT_ERRORS.undecodable)
    const now = Math.floor(nowMs / 1000)
    const { exp, iat } = claims
    if (typeof exp !== 'number' || exp <= now) return refused(JWT_ERRORS.expired)
    if (exp > now + JWT_MAX_LIFETIME_SECONDS) return refused(JWT_ERRORS.tooFar)
    if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now)
      return refused(JWT_ERRORS.issuedInFuture)
    return { kind: 'app', app }
  }
}
