/**
 * The GitHub client: REST through @actions/github's Octokit and GraphQL through @octokit/graphql,
 * both against GITHUB_API_URL / GITHUB_GRAPHQL_URL (GitHub.com by default, GHES or the test
 * emulator by setting them), with retries for server errors and GitHub's rate-limit back-off.
 * Created once at the edge and passed in; nothing else constructs a client.
 */
import { getOctokit } from '@actions/github'
import type { graphql as baseGraphql } from '@octokit/graphql'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import type { Logger } from '../util/logger.js'
import { toTokenSource, type TokenSource } from '../util/token-source.js'

export type RestClient = ReturnType<typeof getOctokit>
export type GraphqlClient = typeof baseGraphql

/** A repository's API clients and its coordinates. */
export interface GitHubClient {
  rest: RestClient
  graphql: GraphqlClient
  owner: string
  repo: string
  /** REST base URL (no trailing slash). */
  apiUrl: string
}

export interface GitHubClientOptions {
  /** A token, or a source asked for one by every request (each retry too): a GitHub App's, which renews. */
  token: string | TokenSource
  owner: string
  repo: string
  /** REST base URL; default GITHUB_API_URL's convention, https://api.github.com. */
  apiUrl?: string
  /** GraphQL endpoint; default `${apiUrl}/graphql`, or GHES's `/api/graphql` beside `/api/v3`. */
  graphqlUrl?: string
  logger: Logger
  /** Retries after a server error or rate limit (default 3). */
  retries?: number
  /** Unit of back-off waits in ms (GitHub's retry-after is in seconds): default 1000; tests use less. */
  retryUnitMs?: number
  /**
   * Average ms between two writes, after a short burst (see `spacing`). Unset: GitHub's guidance
   * against secondary limits — one mutating request a second, which also keeps requests that notify
   * people (comments, issues, pull requests) under the 80 a minute GitHub allows for content
   * creation. (Octokit's own default, a strict 3 s for those, made every cycle wait seconds for
   * nothing, and items running at once queue on it.) Tests pass 0.
   */
  writeSpacingMs?: number
  /**
   * Time limit for one attempt of one request, answer included (`ccal.loop.request_timeout_seconds`):
   * a call GitHub never answers fails (and is retried like a server error) instead of hanging the run.
   */
  timeoutMs?: number
}

export const DEFAULT_API_URL = 'https://api.github.com'

/** Time limit of one request attempt when none is configured. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000

/**
 * `fetch` with a time limit per attempt (the retry plugin's retries each get their own), its
 * failure saying what was not answered and after how long.
 */
function timedFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const limit = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, limit]) : limit
    try {
      return await fetch(input, { ...init, signal })
    } catch (error) {
      if (!limit.aborted) throw error
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      throw new Error(
        `no answer from ${new URL(url).pathname} within ${timeoutMs / 1000} s (ccal.loop.request_timeout_seconds)`,
        { cause: error }
      )
    }
  }
}

/** The part of Octokit's request function an auth hook uses (its type lives in @octokit/types). */
interface HookedRequest {
  (options: unknown): Promise<unknown>
  endpoint: { merge(route: unknown, parameters?: unknown): { headers: Record<string, string | undefined> } }
}

/**
 * An Octokit authentication strategy that asks `source` for the token of each request as it is sent
 * (retries and GraphQL included: GraphQL goes through the same request hook). Throttled requests
 * wait in their queue first, so the token is the one current when the request leaves.
 */
function sourceAuth(source: TokenSource): () => unknown {
  return () =>
    Object.assign(async () => ({ type: 'token', tokenType: 'oauth', token: await source.token() }), {
      hook: async (request: HookedRequest, route: unknown, parameters?: unknown) => {
        const endpoint = request.endpoint.merge(route, parameters)
        endpoint.headers.authorization = `token ${await source.token()}`
        return request(endpoint)
      }
    })
}

/**
 * getOctokit insists on a token, which it turns into the `auth` option; with an `authStrategy`,
 * Octokit hands that to the strategy, and ours ignores it.
 */
const TOKEN_FROM_STRATEGY = 'token-from-the-auth-strategy'

/** Writes allowed in a burst before the spacing applies (a cycle's few writes need not queue). */
const WRITE_BURST = 8

/**
 * One write per `ms` on average, one at a time, with a burst of {@link WRITE_BURST} first: items
 * delivered at once do not wait out a second each, and a run that writes a lot still averages one
 * a second — under GitHub's 80 content-creating requests a minute. A secondary limit GitHub does
 * answer with is waited out by the plugin (`onSecondaryRateLimit`).
 */
function spacing(ms: number): Bottleneck.ConstructorOptions {
  if (ms <= 0) return { maxConcurrent: 1, minTime: 0 }
  return {
    maxConcurrent: 1,
    reservoir: WRITE_BURST,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: ms,
    reservoirIncreaseMaximum: WRITE_BURST
  }
}

/** True when a GraphQL document holds a mutation (or a subscription): a write. */
export function isMutation(document: string): boolean {
  return /^\s*(mutation|subscription)\b/m.test(document.replace(/#[^\n]*/g, ''))
}

/** The web address of the repository: github.com's for api.github.com, the host's for GHES (`/api/v3`). */
export function repositoryWebUrl(client: Pick<GitHubClient, 'apiUrl' | 'owner' | 'repo'>): string {
  const api = new URL(client.apiUrl)
  const origin = api.hostname === 'api.github.com' ? 'https://github.com' : api.origin
  return `${origin}/${client.owner}/${client.repo}`
}

/** GitHub.com serves GraphQL at /graphql; GHES serves REST at /api/v3 and GraphQL at /api/graphql. */
export function graphqlUrlFor(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '')
  return base.endsWith('/api/v3') ? `${base.slice(0, -'/v3'.length)}/graphql` : `${base}/graphql`
}

/** Creates the REST and GraphQL clients for one repository. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '')
  const graphqlUrl = options.graphqlUrl ?? graphqlUrlFor(apiUrl)
  const retries = options.retries ?? 3
  const unit = options.retryUnitMs ?? 1000
  const { logger } = options
  const tokens = toTokenSource(options.token)
  const retryOnLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _: unknown, count: number) => {
      const willRetry = count < retries
      logger.warning(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ${willRetry ? `retrying in ${retryAfter}s` : 'giving up'}`
      )
      return willRetry
    }
  const client = (writeSpacingMs: number) =>
    getOctokit(
      TOKEN_FROM_STRATEGY,
      {
        authStrategy: sourceAuth(tokens),
        baseUrl: apiUrl,
        request: { fetch: timedFetch(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) },
        retry: { retries, retryAfterBaseValue: unit },
        throttle: {
          retryAfterBaseValue: unit,
          fallbackSecondaryRateRetryAfter: 60,
          // Each client gets its own limiters: the plugin's default ones are shared by the process.
          write: new Bottleneck.Group(spacing(writeSpacingMs)),
          notifications: new Bottleneck.Group(spacing(options.writeSpacingMs ?? 1000)),
          onRateLimit: retryOnLimit('primary'),
          onSecondaryRateLimit: retryOnLimit('secondary')
        }
      },
      retry,
      throttling
    )
  const rest = client(options.writeSpacingMs ?? 1000)
  // The throttling plugin spaces every GraphQL request as a write. Queries only read: they go
  // through a client of their own, one at a time but without the wait; mutations stay spaced.
  const reads = client(0)
  const spaced = rest.graphql.defaults({ url: graphqlUrl }) as GraphqlClient
  const unspaced = reads.graphql.defaults({ url: graphqlUrl }) as GraphqlClient
  const graphql = ((query: Parameters<GraphqlClient>[0], parameters?: Parameters<GraphqlClient>[1]) =>
    (typeof query === 'string' && !isMutation(query) ? unspaced : spaced)(query, parameters)) as GraphqlClient
  return { rest, graphql, owner: options.owner, repo: options.repo, apiUrl }
}
