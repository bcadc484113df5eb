import { afterEach, describe, expect, it } from '@jest/globals'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'
import { REPO, restClient, startBasic, statusOf } from './fixtures.js'

async function postJson(
  url: string,
  body: unknown
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

describe('GitHub emulator: control API and authentication', () => {
  let gh: GitHubEmulator

  afterEach(async () => {
    await gh.stop()
  })

  it('serves the request log and violations at GET /_emulator/requests', async () => {
    gh = await startBasic()
    await restClient(gh).rest.issues.get({ ...REPO, issue_number: 1 })

    const log = (await (await fetch(`${gh.url}/_emulator/requests`)).json()) as {
      requests: unknown[]
      violations: unknown[]
    }

    expect(log.requests).toEqual([
      expect.objectContaining({ operationId: 'issues/get', token: 'tok-bot', status: 200 })
    ])
    expect(log.violations).toEqual([])
  })

  it('applies scripted mutations from POST /_emulator/state', async () => {
    gh = await startBasic()
    const labeled = await postJson(`${gh.url}/_emulator/state`, {
      action: 'label_issue',
      issue: 3,
      label: 'ccal-task',
      actor: 'alice'
    })
    const reviewed = await postJson(`${gh.url}/_emulator/state`, {
      action: 'submit_review',
      pull: 4,
      user: 'alice',
      state: 'APPROVED'
    })
    const merged = gh.mutate({ action: 'merge_pull', pull: 4, actor: 'alice' })

    expect([labeled.status, reviewed.status]).toEqual([200, 200])
    expect(merged).toEqual({ number: 4 })
    expect(gh.state.issue(3).events.filter(e => e.event === 'labeled')).toEqual([
      expect.objectContaining({ label: 'ccal-task', actor: 'alice' })
    ])
    expect(gh.state.pull(4).pull.merged).toBe(true)
    expect(gh.requests()).toEqual([])
  })

  it('explains a bad mutation with 400', async () => {
    gh = await startBasic()

    const { status, json } = await postJson(`${gh.url}/_emulator/state`, {
      action: 'label_issue',
      issue: 'three'
    })

    expect(status).toBe(400)
    expect(String(json.message)).toContain('issue')
  })

  it('arms faults from POST /_emulator/faults', async () => {
    gh = await startBasic()
    await postJson(`${gh.url}/_emulator/faults`, { routeRegex: '^/repos/[^/]+/[^/]+$', status: 500 })

    expect(await statusOf(restClient(gh).rest.repos.get(REPO))).toBe(500)
  })

  it('answers 401 for unknown tokens when the scenario says so, and for requests without a token', async () => {
    gh = await startGitHubEmulator({ tokens: { good: 'alice' }, reject_unknown_tokens: true })

    const bad = await statusOf(restClient(gh, 'bad').rest.repos.get({ owner: 'octo-org', repo: 'demo' }))
    const none = (await fetch(`${gh.url}/repos/octo-org/demo`)).status
    const good = await statusOf(restClient(gh, 'good').rest.repos.get({ owner: 'octo-org', repo: 'demo' }))

    expect([bad, none, good]).toEqual([401, 401, 200])
    expect(gh.requests().map(r => r.user)).toEqual([null, null, 'alice'])
  })
})
