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
  token: string
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
   * Minimum ms between two writes. Unset: GitHub's guidance against secondary limits — 1 s between
   * writes, 3 s between requests that notify people (comments, issues, pull requests). Tests pass 0.
   */
  writeSpacingMs?: number
}

export const DEFAULT_API_URL = 'https://api.github.com'

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
  const retryOnLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _: unknown, count: number) => {
      const willRetry = count < retries
      logger.warning(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ${willRetry ? `retrying in ${retryAfter}s` : 'giving up'}`
      )
      return willRetry
    }
  const rest = getOctokit(
    options.token,
    {
      baseUrl: apiUrl,
      retry: { retries, retryAfterBaseValue: unit },
      throttle: {
        retryAfterBaseValue: unit,
        fallbackSecondaryRateRetryAfter: 60,
        // Each client gets its own limiters: the plugin's default ones are shared by the process.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 1000 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 3000 }),
        onRateLimit: retryOnLimit('primary'),
        onSecondaryRateLimit: retryOnLimit('secondary')
      }
    },
    retry,
    throttling
  )
  // Octokit's own graphql (@octokit/graphql underneath) shares the retry and throttling hooks.
  const graphql = rest.graphql.defaults({ url: graphqlUrl }) as GraphqlClient
  return { rest, graphql, owner: options.owner, repo: options.repo, apiUrl }
}
