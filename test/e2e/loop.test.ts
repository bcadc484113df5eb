/**
 * The whole loop as users get it: dist/index.js run the way the Actions runner runs it, with the
 * real Claude Code CLI (against the scripted model server), the GitHub emulator and real git.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { parsePullMarker } from '../../src/discovery/marker.js'
import { git } from '../support/repos.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SCHEDULE_EVENT,
  createWorld,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

function labeledEvent() {
  return { name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) }
}

describe('an issue labelled by a maintainer', () => {
  it('becomes, in one cycle, a pull request that fixes it with the real change, and the item is pr_open', async () => {
    world = await createWorld()

    const run = await world.runAction(labeledEvent())

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(1)
    const pull = pulls[0]!
    expect(pull.body).toContain(`Fixes #${BUG_ISSUE.number}`)
    // Named by the issue's own title, as a person would name it.
    expect(pull.title).toBe(`Resolve #${BUG_ISSUE.number}: ${BUG_ISSUE.title}`)
    // The checks as proof: the command, its exit code, its last lines.
    expect(pull.body).toMatch(/\| test \| `[^`]+` \| 0 \| \d+\.\d s \|/)
    expect(pull.body).toContain('<details><summary>Last lines of test</summary>')
    expect(pull.pull.head).toMatch(/^ccal\/issue\/[0-9a-f]{8}-/)
    expect(git(world.sandbox.origin, 'show', `${pull.pull.head}:src/math.js`)).toContain('return a + b')
    expect(git(world.sandbox.origin, 'log', '-1', '--format=%B', pull.pull.head)).toMatch(
      /CCAL-Item: [0-9a-f]{12}/
    )
    // Two ledger pushes, the floor: the lease before the agent (creating the branch) and the result.
    expect(git(world.sandbox.origin, 'rev-list', '--count', 'ccal-ledger')).toBe('2')

    const itemId = parsePullMarker(pull.body)!
    const item = world.itemOfPull(pull.body)
    expect(item.status).toBe('pr_open')
    expect(item.pr?.number).toBe(pull.number)
    expect(item.sessionId).toBeTruthy()

    expect(
      world.gh.state
        .issue(BUG_ISSUE.number)
        .comments.map(comment => comment.body)
        .join('\n')
    ).toContain(`CCAL opened #${pull.number}`)
    expect(run.summary).toContain('✅ PR opened')
    expect(JSON.parse(run.outputs.prs ?? '[]')).toEqual([
      expect.objectContaining({ item: itemId, number: pull.number, status: 'pr_opened' })
    ])
    expect(run.outputs).toMatchObject({
      conclusion: 'pr_opened',
      'pr-number': String(pull.number),
      'pr-url': expect.stringContaining(`/pull/${pull.number}`),
      'session-id': item.sessionId
    })
    expect(Number(run.outputs.turns)).toBeGreaterThan(0)
    expect(Number(run.outputs.tokens)).toBeGreaterThan(0)
    expect(run.outputs['items-executed']).toBe('1')
  })

  it('loads the Actions tool cache when the runner offers one, and a cache service that does not answer costs nothing', async () => {
    // The cache chunk of the bundle (the Azure SDK, compacted) is loaded and asked whether the
    // feature is there; nothing listens at the results URL.
    world = await createWorld({
      env: { ACTIONS_RUNTIME_TOKEN: 'runtime-token', ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' }
    })

    const run = await world.runAction(labeledEvent())

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
  })

  it('says what to change when the repository does not let Actions open pull requests, and links the pushed branch', async () => {
    world = await createWorld()
    // GitHub's answer when "Allow GitHub Actions to create and approve pull requests" is off.
    world.gh.injectFault({
      method: 'POST',
      route: '/repos/{owner}/{repo}/pulls',
      status: 403,
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
      times: 5
    })

    const run = await world.runAction(labeledEvent())

    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toEqual([])
    const [item] = world.ledgerItems()
    const branch = git(world.sandbox.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/ccal/')
    expect(branch).toMatch(/^ccal\/issue\//)
    const tracking = world.gh.state
      .issue(BUG_ISSUE.number)
      .comments.map(comment => comment.body)
      .join('\n')
    expect(tracking).toContain('Allow GitHub Actions to create and approve pull requests')
    expect(tracking).toContain(`/compare/main...${encodeURIComponent(branch)}?expand=1`)
    expect(run.summary).toContain('Workflow permissions')
    expect(item!.lastError).toContain('Fix: ')
  })

  it('opens no second pull request when the same cycle runs twice', async () => {
    world = await createWorld()
    await world.runAction(labeledEvent())

    const second = await world.runAction(labeledEvent())

    expect(second.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(world.gh.requests().filter(entry => entry.operationId === 'pulls/create')).toHaveLength(1)
    expect(second.outputs['items-executed']).toBe('0')
  })

  it('writes the ledger once per real change: a cycle with nothing new makes no commit', async () => {
    world = await createWorld()
    await world.runAction(labeledEvent())
    const commits = () => Number(git(world!.sandbox.origin, 'rev-list', '--count', 'ccal-ledger'))
    // The next scan sees the pull request named on the issue: a change, written once.
    await world.runAction(SCHEDULE_EVENT)
    const before = commits()

    const idle = await world.runAction(SCHEDULE_EVENT)

    expect(idle.status).toBe(0)
    expect(commits()).toBe(before)
    expect(world.ledgerItems().map(item => item.status)).toEqual(['pr_open'])
  })
})
