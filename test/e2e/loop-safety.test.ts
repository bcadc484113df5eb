/**
 * The loop's safety nets end to end (dist/index.js, the real Claude Code CLI against the scripted
 * model server, the GitHub emulator, real git): a dry run writes nothing anywhere; a run killed
 * mid-item is recovered by the next one through its lease, without a duplicate pull request; and
 * the fan-out path (`plan` emits a matrix, `execute` runs exactly one item of it).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from '@jest/globals'
import { parsePullMarker } from '../../src/discovery/marker.js'
import type { ScriptInput } from '../support/model-server/index.js'
import { killTree, waitFor } from '../support/processes.js'
import { git } from '../support/repos.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
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

/** The branches on origin. */
function originBranches(w: World): string[] {
  return git(w.sandbox.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')
    .split('\n')
    .filter(Boolean)
}

describe('a dry run', () => {
  it('writes nothing anywhere and reports the plan', async () => {
    world = await createWorld()
    const branchesBefore = originBranches(world)

    const run = await world.runAction(labeledEvent(), { 'dry-run': 'true' })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(originBranches(world)).toEqual(branchesBefore)
    expect(git(world.sandbox.origin, 'ls-remote', '--heads', world.sandbox.origin, 'ccal-ledger')).toBe('')
    const writes = world.gh
      .requests()
      .filter(entry => entry.method !== 'GET' && !(entry.kind === 'graphql' && isQuery(entry.graphql?.query)))
    expect(writes).toEqual([])
    expect(world.gh.state.pulls()).toHaveLength(0)
    expect(world.gh.state.issue(BUG_ISSUE.number).comments).toHaveLength(0)
    expect(world.model.requests()).toHaveLength(0)
    expect(git(world.sandbox.dir, 'status', '--porcelain')).toBe('')
    expect(run.summary).toContain('dry run')
    expect(run.summary).toContain(`Resolve issue #${BUG_ISSUE.number}`)
    expect(JSON.parse(run.outputs.plan ?? '{}')).toEqual({ include: [{ item: expect.any(String) }] })
    expect(run.outputs['items-executed']).toBe('0')
  })
})

/** A GraphQL document that only reads (no `mutation` operation). */
function isQuery(query: string | null | undefined): boolean {
  return typeof query === 'string' && !/^\s*mutation\b/m.test(query)
}

describe('a cycle killed with SIGKILL in the middle of an item', () => {
  it('is recovered by the next cycle once the lease expires, without a duplicate pull request', async () => {
    const config = { ccal: { ...SANDBOX_CONFIG.ccal, loop: { session_timeout_seconds: 2 } } }
    // The agent's first answer takes a minute: the run is killed while it waits.
    world = await createWorld({
      config,
      script: [{ text: 'Looking into it.', delay_ms: 60_000 }]
    })
    const w = world
    const killed = w.startAction(labeledEvent())
    const leased = await waitFor('the item in progress on the ledger', () =>
      w.ledgerItems().find(item => item.status === 'in_progress')
    )
    await waitFor('the agent mid-run', () => (w.model.requests().length > 0 ? true : undefined))
    killTree(killed.child.pid!)
    const first = await killed.done
    expect(first.status).toBeNull()
    expect(w.gh.state.pulls()).toHaveLength(0)

    // Past the lease (as last renewed by the dead run), the next cycle (a schedule) reclaims the
    // item and does it.
    const lease = w.ledgerItems().find(item => item.id === leased.id)!.lease!
    await sleep(Math.max(0, Date.parse(lease.until) - Date.now()) + 200)
    w.model.setScript(fixBugScript())
    const second = await w.runAction(SCHEDULE_EVENT)

    expect(second.stderr).toBe('')
    expect(second.status).toBe(0)
    const pulls = w.gh.state.pulls()
    expect(pulls).toHaveLength(1)
    expect(w.gh.requests().filter(entry => entry.operationId === 'pulls/create')).toHaveLength(1)
    const item = w.ledgerItems().find(entry => entry.id === leased.id)!
    expect(parsePullMarker(pulls[0]!.body)).toBe(item.id)
    expect(item.status).toBe('pr_open')
    const expired = item.history.find(entry => entry.event === 'expired')
    expect(expired?.detail).toContain(`lease of run ${lease.runId} expired at ${lease.until}`)
    expect(item.history.some(entry => entry.from === 'in_progress' && entry.to === 'pending')).toBe(true)
    expect(git(w.sandbox.origin, 'show', `${pulls[0]!.pull.head}:src/math.js`)).toContain('return a + b')
  })
})

describe('the lease of an item whose run is alive', () => {
  it('is renewed while the item runs longer than session_timeout_seconds, so no cycle reclaims it', async () => {
    const config = { ccal: { ...SANDBOX_CONFIG.ccal, loop: { session_timeout_seconds: 2 } } }
    // The agent thinks for 3 s before it starts: longer than the lease.
    const [firstTurn, ...rest] = fixBugScript() as Array<Record<string, unknown>>
    world = await createWorld({ config, script: [{ ...firstTurn, delay_ms: 3_000 }, ...rest] as ScriptInput })
    const w = world
    const running = w.startAction(labeledEvent())
    const leased = await waitFor('the item in progress on the ledger', () =>
      w.ledgerItems().find(item => item.status === 'in_progress')
    )
    const firstUntil = Date.parse(leased.lease!.until)
    await sleep(Math.max(0, firstUntil - Date.now()) + 500)

    const readAt = Date.now()
    const live = w.ledgerItems().find(item => item.id === leased.id)!
    const run = await running.done

    expect(live.status).toBe('in_progress')
    expect(Date.parse(live.lease!.until)).toBeGreaterThan(readAt)
    expect(live.history.some(entry => entry.event === 'renewed')).toBe(true)
    expect(run.status).toBe(0)
    expect(w.gh.state.pulls()).toHaveLength(1)
    const done = w.ledgerItems().find(item => item.id === leased.id)!
    expect(done.status).toBe('pr_open')
    expect(done.lease).toBeNull()
    expect(done.history.some(entry => entry.event === 'expired')).toBe(false)
  })
})

describe('the fan-out path', () => {
  const SECOND_ISSUE = { number: 2, title: 'Document shout()', body: 'shout() has no example in the README.' }

  it('plans the picked items as a matrix, and execute runs exactly the item it is given', async () => {
    world = await createWorld({
      scenario: {
        issues: [
          {
            ...BUG_ISSUE,
            author: MAINTAINER,
            labels: ['ccal-task'],
            labeled_by: { 'ccal-task': MAINTAINER }
          },
          {
            ...SECOND_ISSUE,
            author: MAINTAINER,
            labels: ['ccal-task'],
            labeled_by: { 'ccal-task': MAINTAINER }
          }
        ]
      }
    })

    const plan = await world.runAction(SCHEDULE_EVENT, { mode: 'plan' })

    expect(plan.stderr).toBe('')
    expect(plan.status).toBe(0)
    const matrix = JSON.parse(plan.outputs.plan ?? '{}') as { include: Array<{ item: string }> }
    const byIssue = new Map(world.ledgerItems().map(item => [item.context.issueNumber, item]))
    expect(matrix.include.map(entry => entry.item).sort()).toEqual(
      [byIssue.get(BUG_ISSUE.number)!.id, byIssue.get(SECOND_ISSUE.number)!.id].sort()
    )
    expect(world.model.requests()).toHaveLength(0)
    expect(world.gh.state.pulls()).toHaveLength(0)
    expect(world.ledgerItems().map(item => item.status)).toEqual(['pending', 'pending'])

    const bugItem = byIssue.get(BUG_ISSUE.number)!.id
    const execute = await world.runAction(SCHEDULE_EVENT, { mode: 'execute', item: bugItem })

    expect(execute.stderr).toBe('')
    expect(execute.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(1)
    expect(parsePullMarker(pulls[0]!.body)).toBe(bugItem)
    expect(execute.outputs['items-executed']).toBe('1')
    const after = new Map(world.ledgerItems().map(item => [item.id, item.status]))
    expect(after.get(bugItem)).toBe('pr_open')
    expect(after.get(byIssue.get(SECOND_ISSUE.number)!.id)).toBe('pending')
  })
})
