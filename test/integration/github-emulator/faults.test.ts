import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GitHubEmulator } from '../../support/github-emulator/index.js'
import { graphqlClient, REPO, restClient, startBasic } from './fixtures.js'

interface OctokitFailure {
  status: number
  message: string
  response?: { headers: Record<string, string | undefined> }
}

async function failure(promise: Promise<unknown>): Promise<OctokitFailure> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (error: unknown) => error as OctokitFailure
  )
}

describe('GitHub emulator: fault injection', () => {
  let gh: GitHubEmulator

  beforeEach(async () => {
    gh = await startBasic()
  })
  afterEach(async () => {
    await gh.stop()
  })

  it('fails the next request to a route with 503, then answers normally', async () => {
    gh.injectFault({ route: '/repos/{owner}/{repo}/issues/{issue_number}', status: 503 })
    const octokit = restClient(gh)

    const first = await failure(octokit.rest.issues.get({ ...REPO, issue_number: 1 }))
    const second = await octokit.rest.issues.get({ ...REPO, issue_number: 1 })

    expect(first.status).toBe(503)
    expect(second.status).toBe(200)
    expect(gh.requests().map(r => r.fault?.status ?? null)).toEqual([503, null])
  })

  it('answers a secondary rate limit as 403 with retry-after', async () => {
    gh.injectFault({ method: 'POST', route: /\/comments$/, status: 403, retryAfter: 7, times: 2 })
    const octokit = restClient(gh)
    const comment = (): Promise<unknown> =>
      octokit.rest.issues.createComment({ ...REPO, issue_number: 1, body: 'hi' })

    const first = await failure(comment())
    await failure(comment())
    await comment()

    expect(first.status).toBe(403)
    expect(first.message).toContain('secondary rate limit')
    expect(first.response?.headers['retry-after']).toBe('7')
    expect(gh.state.issue(1).comments).toHaveLength(1)
  })

  it('answers 429 and an exhausted primary rate limit', async () => {
    gh.injectFault({ route: '/repos/{owner}/{repo}', status: 429, retryAfter: 1 })
    gh.injectFault({ route: '/repos/{owner}/{repo}', status: 403, rateLimitRemaining: 0 })
    const octokit = restClient(gh)

    const tooMany = await failure(octokit.rest.repos.get(REPO))
    const exhausted = await failure(octokit.rest.repos.get(REPO))

    expect(tooMany.status).toBe(429)
    expect(exhausted.status).toBe(403)
    expect(exhausted.response?.headers['x-ratelimit-remaining']).toBe('0')
  })

  it('slows a reply down without changing it', async () => {
    gh.injectFault({ route: '/repos/{owner}/{repo}', delayMs: 150 })
    const started = Date.now()

    const { status } = await restClient(gh).rest.repos.get(REPO)

    expect(status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('injects faults into GraphQL too', async () => {
    gh.injectFault({ route: '/graphql', status: 502 })

    const error = await failure(graphqlClient(gh)('query { viewer { login } }'))

    expect(error.status).toBe(502)
  })
})
