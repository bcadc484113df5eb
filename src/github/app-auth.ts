/**
 * Authenticating as a GitHub App installation: a JSON web token signed with the App's private key
 * (RS256) finds the App's installation on the repository and buys an installation token, which
 * expires (an hour on GitHub.com). The source here keeps one token and buys the next before the
 * current one runs out, so a daemon that runs for days never sends an expired one.
 *
 * Written on node:crypto and fetch rather than `@octokit/auth-app`: that library caches an
 * installation token for a fixed 59 minutes whatever its `expires_at` says, so a token that lives
 * less (a GitHub Enterprise Server setting, the tests' emulator) would be sent after it expired; the
 * whole job is one signature and two requests.
 */
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto'
import { CcalError, errorMessage } from '../util/errors.js'
import type { Logger } from '../util/logger.js'
import type { TokenSource } from '../util/token-source.js'

/** An App, its key or its installation is not what CCAL was told; the message says what to change. */
export class GitHubAppError extends CcalError {}

/** `iat` is set this far in the past: GitHub refuses a JWT issued in its future, and clocks drift. */
export const JWT_BACKDATE_SECONDS = 60
/** How long a JWT is valid: GitHub refuses an `exp` more than 10 minutes ahead; 9 leave room for a fast clock. */
export const JWT_LIFETIME_SECONDS = 9 * 60
/** A token is replaced once less than this remains (or half its lifetime, when that is shorter). */
export const REFRESH_MARGIN_MS = 5 * 60_000
/** A clock difference to GitHub smaller than this is noise (the `date` header has whole seconds). */
const SKEW_THRESHOLD_MS = 10_000

/** The claims of an App's JWT. */
export interface AppJwtClaims {
  iat: number
  exp: number
  iss: string
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url')
}

/** The claims of a JWT made at `nowMs` (GitHub's clock): issued a minute ago, valid for nine more. */
export function appJwtClaims(appId: string, nowMs: number): AppJwtClaims {
  const now = Math.floor(nowMs / 1000)
  return { iat: now - JWT_BACKDATE_SECONDS, exp: now + JWT_LIFETIME_SECONDS, iss: appId }
}

/** The App's JSON web token (RS256) at `nowMs`. */
export function appJwt(appId: string, privateKey: KeyObject, nowMs: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))
  const payload = base64url(JSON.stringify(appJwtClaims(appId, nowMs)))
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey)
  return `${header}.${payload}.${base64url(signature)}`
}

/**
 * The App's private key from PEM text; `origin` names where it came from (`--private-key-file
 * app.pem`, `CCAL_APP_PRIVATE_KEY`) in the one-line error a bad key gets.
 */
export function readAppPrivateKey(pem: string, origin: string): KeyObject {
  const expected =
    "expected the GitHub App's RSA private key in PEM form, as GitHub downloads it (-----BEGIN RSA PRIVATE KEY----- …)"
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    const found = pem.trim() === '' ? 'nothing' : `text without a 'BEGIN … PRIVATE KEY' line`
    throw new GitHubAppError(`${origin}: ${expected}, found ${found}`)
  }
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch (error) {
    throw new GitHubAppError(
      `${origin}: ${expected}, found a key that does not parse (${errorMessage(error)})`
    )
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new GitHubAppError(
      `${origin}: ${expected}, found a key of type ${key.asymmetricKeyType ?? 'unknown'}`
    )
  return key
}

/** The App id as GitHub shows it on the App's page: a positive whole number. */
export function readAppId(text: string, origin: string): string {
  const id = text.trim()
  if (!/^[1-9]\d*$/.test(id))
    throw new GitHubAppError(
      `${origin}: expected the GitHub App's id (a number, on the App's settings page under "App ID"), found '${text}'`
    )
  return id
}

/** One installation token and when it stops working, on our clock. */
export interface HeldToken {
  token: string
  expiresAtMs: number
  /** From when it was bought to when it expires. */
  lifetimeMs: number
}

/** How long before expiry a token is replaced: {@link REFRESH_MARGIN_MS}, or half its lifetime if shorter. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetimeMs) / 2)
}

/** True when `held` is missing or close enough to its expiry to be replaced now. */
export function needsRefresh(held: HeldToken | undefined, nowMs: number): boolean {
  if (!held) return true
  return held.expiresAtMs - nowMs < refreshMarginMs(held.lifetimeMs)
}

export interface AppTokenSourceOptions {
  appId: string
  privateKey: KeyObject
  owner: string
  repo: string
  /** REST base URL (GitHub.com's, GHES's `/api/v3`, the emulator's). */
  apiUrl: string
  logger: Logger
  /** Time limit of one request (default 30 s). */
  timeoutMs?: number
  /** Attempts of a request that fails on the network or with a 5xx (default 3). */
  attempts?: number
  /** Wait before the second attempt, doubled for each further one (default 1000 ms). */
  retryDelayMs?: number
  now?: () => number
}

interface ApiAnswer {
  status: number
  body: unknown
}

function messageOf(body: unknown): string {
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  )
    return (body as { message: string }).message
  return 'no message'
}

/**
 * The installation tokens of `appId` for `owner/repo`. The installation is looked up once; a token is
 * bought on first use and again when {@link needsRefresh} says so; callers asking at once share one
 * purchase. A failed purchase while the held token still works keeps that token, with a warning.
 */
export function appTokenSource(options: AppTokenSourceOptions): TokenSource {
  return new AppTokenSource(options)
}

class AppTokenSource implements TokenSource {
  readonly description: string
  private held: HeldToken | undefined
  private buying: Promise<string> | undefined
  private installationId: number | undefined
  private skewMs = 0
  private readonly now: () => number

  constructor(private readonly options: AppTokenSourceOptions) {
    this.description = `GitHub App ${options.appId}`
    this.now = options.now ?? Date.now
  }

  async token(): Promise<string> {
    if (!needsRefresh(this.held, this.now())) return (this.held as HeldToken).token
    this.buying ??= this.buy().finally(() => {
      this.buying = undefined
    })
    try {
      return await this.buying
    } catch (error) {
      const held = this.held
      if (!held || held.expiresAtMs - this.now() < 1000 || error instanceof GitHubAppError) throw error
      this.options.logger.warning(
        `GitHub App ${this.options.appId}: could not renew the installation token (${errorMessage(error)}); using the current one, which expires in ${Math.round((held.expiresAtMs - this.now()) / 1000)} s`
      )
      return held.token
    }
  }

  private async buy(): Promise<string> {
    const { owner, repo, appId, logger } = this.options
    this.installationId ??= await this.findInstallation()
    const answer = await this.request('POST', `/app/installations/${this.installationId}/access_tokens`, {
      repositories: [repo]
    })
    if (answer.status === 404) {
      // Uninstalled (or re-installed under a new id) since it was looked up: look again next time.
      this.installationId = undefined
      throw this.notInstalled()
    }
    if (answer.status !== 201) throw this.refused(answer, 'an installation token')
    const body = answer.body as { token?: unknown; expires_at?: unknown }
    const expires = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : Number.NaN
    if (typeof body.token !== 'string' || Number.isNaN(expires))
      throw new GitHubAppError(
        `GitHub App ${appId}: the installation token answer has no token or expires_at`
      )
    const boughtAt = this.now()
    const expiresAtMs = expires - this.skewMs
    this.held = { token: body.token, expiresAtMs, lifetimeMs: expiresAtMs - boughtAt }
    logger.debug(
      `GitHub App ${appId}: installation token for ${owner}/${repo} bought, expires ${body.expires_at as string}`
    )
    return body.token
  }

  private async findInstallation(): Promise<number> {
    const { owner, repo } = this.options
    const answer = await this.request('GET', `/repos/${owner}/${repo}/installation`)
    if (answer.status === 404 && messageOf(answer.body) === 'Integration not found')
      throw new GitHubAppError(
        `GitHub App ${this.options.appId} does not exist here (GitHub: Integration not found): check --app-id / CCAL_APP_ID`
      )
    if (answer.status === 404) throw this.notInstalled()
    if (answer.status !== 200) throw this.refused(answer, "the App's installation")
    const id = (answer.body as { id?: unknown }).id
    if (typeof id !== 'number')
      throw new GitHubAppError(`GitHub App ${this.options.appId}: the installation answer has no id`)
    return id
  }

  private notInstalled(): GitHubAppError {
    const { owner, repo, appId } = this.options
    return new GitHubAppError(
      `GitHub App ${appId} is not installed on ${owner}/${repo} (or its installation does not include that repository): install it from the App's page (Install App) with access to ${owner}/${repo}`
    )
  }

  private refused(answer: ApiAnswer, what: string): Error {
    const message = messageOf(answer.body)
    const text = `GitHub App ${this.options.appId}: GitHub refused to give ${what} (${answer.status}: ${message})`
    if (answer.status === 401)
      return new GitHubAppError(
        `${text}: check that the private key is this App's (--private-key-file / CCAL_APP_PRIVATE_KEY), and the machine's clock`
      )
    if (answer.status === 403 || answer.status === 422) return new GitHubAppError(text)
    return new CcalError(text)
  }

  /** One request authenticated as the App, retried on the network and on 5xx. */
  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
    const attempts = this.options.attempts ?? 3
    const delay = this.options.retryDelayMs ?? 1000
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.send(method, path, body)
        if (answer.status < 500 || attempt >= attempts) return answer
      } catch (error) {
        if (attempt >= attempts)
          throw new CcalError(
            `GitHub App ${this.options.appId}: ${method} ${path} failed: ${errorMessage(error)}`,
            { cause: error }
          )
      }
      await new Promise(done => setTimeout(done, delay * 2 ** (attempt - 1)))
    }
  }

  private async send(method: string, path: string, body: unknown): Promise<ApiAnswer> {
    const jwt = appJwt(this.options.appId, this.options.privateKey, this.now() + this.skewMs)
    const sentAt = this.now()
    const response = await fetch(`${this.options.apiUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${jwt}`,
        'user-agent': 'ccal',
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000)
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    const date = Date.parse(response.headers.get('date') ?? '')
    const skew = Number.isNaN(date) ? 0 : date - sentAt
    // Only a clock clearly off moves the claims: the header's whole seconds are noise otherwise.
    this.skewMs = Math.abs(skew) >= SKEW_THRESHOLD_MS ? skew : 0
    return { status: response.status, body: parsed }
  }
}
