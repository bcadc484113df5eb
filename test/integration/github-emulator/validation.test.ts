import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GitHubEmulator } from '../../support/github-emulator/index.js'
import { REPO, restClient, startBasic, statusOf } from './fixtures.js'

describe('GitHub emulator: requests are checked against the OpenAPI description', () => {
  let gh: GitHubEmulator

  beforeEach(async () => {
    gh = await startBasic()
  })
  afterEach(async () => {
    await gh.stop({ allowViolations: true })
  })

  it('rejects a body that does not match the operation schema with 422 and a violation', async () => {
    const status = await statusOf(
      restClient(gh).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...REPO,
        issue_number: 1,
        body: 42 as unknown as string
      })
    )

    expect(status).toBe(422)
    expect(gh.violations()).toEqual([
      expect.objectContaining({
        source: 'client',
        kind: 'invalid-body',
        operationId: 'issues/create-comment',
        message: 'body/body must be string'
      })
    ])
    expect(gh.state.issue(1).comments).toEqual([])
  })

  it('reports a body property the operation does not have (a typo GitHub would silently ignore)', async () => {
    const status = await statusOf(
      restClient(gh).request('POST /repos/{owner}/{repo}/pulls', {
        ...REPO,
        title: 't',
        head: 'ccal/x',
        base: 'main',
        drafty: true
      })
    )

    expect(status).toBe(422)
    expect(gh.violations()[0]?.message).toContain("body has unknown property 'drafty'")
  })

  it('rejects a route that is not in the description with 404 and a violation', async () => {
    const status = await statusOf(restClient(gh).request('GET /repos/{owner}/{repo}/frobnicate', REPO))

    expect(status).toBe(404)
    expect(gh.violations()).toEqual([
      expect.objectContaining({ kind: 'unknown-route', path: '/repos/octo-org/demo/frobnicate' })
    ])
  })

  it('rejects a method the path does not have', async () => {
    const status = await statusOf(
      restClient(gh).request('DELETE /repos/{owner}/{repo}/issues/{issue_number}', {
        ...REPO,
        issue_number: 1
      })
    )

    expect(status).toBe(404)
    expect(gh.violations()[0]).toMatchObject({ kind: 'unknown-method' })
    expect(gh.violations()[0]?.message).toContain('only GET, PATCH')
  })

  it('rejects a missing required query parameter, a bad enum value and an unknown parameter', async () => {
    const octokit = restClient(gh)
    const statuses = [
      await statusOf(octokit.request('GET /search/issues', {} as { q: string })),
      await statusOf(
        octokit.request('GET /repos/{owner}/{repo}/pulls', { ...REPO, state: 'merged' as 'open' })
      ),
      await statusOf(octokit.request('GET /repos/{owner}/{repo}/issues', { ...REPO, per_pag: 5 }))
    ]

    expect(statuses).toEqual([422, 422, 422])
    expect(gh.violations().map(v => v.message)).toEqual([
      "missing required query parameter 'q'",
      expect.stringContaining("query parameter 'state' must be equal to one of the allowed values"),
      "unknown query parameter 'per_pag'"
    ])
  })

  it('answers requests for another repository with 404 and a violation', async () => {
    const status = await statusOf(restClient(gh).rest.repos.get({ owner: 'someone', repo: 'else' }))

    expect(status).toBe(404)
    expect(gh.violations()[0]).toMatchObject({ kind: 'unknown-repository' })
  })

  it('makes stop() throw while violations are recorded', async () => {
    await statusOf(restClient(gh).request('GET /nope'))

    await expect(gh.stop()).rejects.toThrow(/\[client\/unknown-route\] GET \/nope/)
  })

  it('answers a known but unemulated operation with 501 and an emulator-side violation', async () => {
    const status = await statusOf(restClient(gh).rest.repos.listBranches(REPO))

    expect(status).toBe(501)
    expect(gh.violations()).toEqual([
      expect.objectContaining({
        source: 'emulator',
        kind: 'not-implemented',
        operationId: 'repos/list-branches'
      })
    ])
  })
})
