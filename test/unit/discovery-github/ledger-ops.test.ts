import { describe, expect, it } from '@jest/globals'
import { commandOp, relabelRetryOp } from '../../../src/discovery/command-ops.js'
import { discoveryPlan } from '../../../src/discovery/plan-view.js'
import { reconcilePull } from '../../../src/discovery/reconcile.js'
import {
  combine,
  leaseItem,
  recordResult,
  transition,
  upsertCandidates,
  type LedgerOp
} from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../../src/ledger/schema.js'

const T0 = new Date('2026-11-01T00:00:00Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const apply = (ledger: Ledger, ops: LedgerOp[], when: Date) =>
  combine(ops)(ledger, { now: when, runId: 'run-1' }).ledger
const FINGERPRINT = 'issue:octo-org/demo#7'

/** An issue item whose PR #40 (branch ccal/issue-7) is open, delivered at minute 10. */
function withOpenPull(): { ledger: Ledger; id: string } {
  let ledger = apply(
    emptyLedger(),
    [
      upsertCandidates([
        { fingerprint: FINGERPRINT, type: 'issue', source: 'github-issues', title: 'Resolve issue #7' }
      ])
    ],
    at(0)
  )
  const id = [...ledger.items.keys()][0]!
  ledger = apply(ledger, [leaseItem(id, 3_600_000)], at(5))
  ledger = apply(
    ledger,
    [
      recordResult(
        { itemId: id, success: true, summary: 'done', durationMs: 1, turns: 1, costUsd: 0 },
        { pr: { number: 40, url: 'https://github.com/octo-org/demo/pull/40', branch: 'ccal/issue-7' } }
      )
    ],
    at(10)
  )
  return { ledger, id }
}

describe('reconciliation (pure)', () => {
  const pull = { number: 40, headRef: 'ccal/issue-7', body: '', merged: false, closed: false }

  it('does nothing while the PR is open', () => {
    const { ledger } = withOpenPull()
    expect(reconcilePull(ledger, pull)).toEqual([])
  })

  it('completes the item when its PR is merged, and settles it only once', () => {
    const { ledger, id } = withOpenPull()
    const ops = reconcilePull(ledger, { ...pull, merged: true, closed: true })
    const settled = apply(ledger, ops, at(20))
    expect(settled.items.get(id)!.status).toBe('completed')
    expect(settled.items.get(id)!.history.at(-1)!.detail).toBe('PR #40 merged (accepted)')
    expect(apply(settled, ops, at(21)).items.get(id)).toBe(settled.items.get(id))
  })

  it('rejects the item when its PR is closed without merging', () => {
    const { ledger, id } = withOpenPull()
    const settled = apply(ledger, reconcilePull(ledger, { ...pull, closed: true }), at(20))
    expect(settled.items.get(id)!.status).toBe('rejected')
  })

  it('records the verdict on a PR whose item a later attempt left waiting for a person', () => {
    const { ledger: open, id } = withOpenPull()
    const waiting = apply(open, [transition(id, 'needs_human', { reason: 'no change needed' })], at(15))

    const settled = apply(waiting, reconcilePull(waiting, { ...pull, merged: true, closed: true }), at(20))

    expect(settled.items.get(id)!.status).toBe('completed')
  })

  it('refuses to lease an item another run delivered since the plan was made', () => {
    const { ledger, id } = withOpenPull()

    expect(() => apply(ledger, [leaseItem(id, 60_000, undefined, undefined, ['pending'])], at(20))).toThrow(
      `item ${id} is pr_open now, not pending as planned (another run moved it)`
    )
  })

  it('ignores a closed PR on another branch with the same number', () => {
    const { ledger } = withOpenPull()
    expect(reconcilePull(ledger, { ...pull, headRef: 'someone/else', closed: true })).toEqual([])
  })
})

describe('commands and re-labelling as ledger operations', () => {
  function rejected(): { ledger: Ledger; id: string } {
    const { ledger, id } = withOpenPull()
    return { ledger: apply(ledger, [transition(id, 'rejected')], at(20)), id }
  }

  it('/ccal retry brings a rejected item back with fresh attempts, once per comment', () => {
    const { ledger, id } = rejected()
    const op = commandOp({
      target: { fingerprint: FINGERPRINT },
      commands: [{ kind: 'retry' }],
      actor: 'alice',
      commentId: 500,
      mark: 'lastCommandId',
      where: 'issue #7'
    })
    const retried = apply(ledger, [op], at(30))
    expect(retried.items.get(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      context: { lastCommandId: 500 }
    })
    const again = op(apply(retried, [transition(id, 'in_progress')], at(31)), { now: at(32), runId: 'r' })
    expect(again.description).toBe('/ccal retry by @alice on issue #7: already applied')
  })

  it('/ccal skip dismisses a pending item but leaves an open PR alone; /ccal priority sets the priority', () => {
    const { ledger, id } = withOpenPull()
    const op = commandOp({
      target: { itemId: id },
      commands: [{ kind: 'skip' }, { kind: 'priority', priority: 1 }],
      actor: 'alice',
      commentId: 7,
      mark: 'lastPullCommandId',
      where: 'PR #40'
    })
    const result = op(ledger, { now: at(30), runId: 'r' })
    expect(result.ledger.items.get(id)).toMatchObject({
      status: 'pr_open',
      priority: 1,
      context: { lastPullCommandId: 7, priorityOverride: 1 }
    })
    expect(result.description).toContain('skip not applicable to a pr_open item, priority 3 → 1')
  })

  it('re-labelling after the rejection retries; a label older than the rejection does not', () => {
    const { ledger, id } = rejected()
    const old = relabelRetryOp(FINGERPRINT, { name: 'ccal-task', actor: 'alice', at: at(15).toISOString() })
    expect(apply(ledger, [old], at(30)).items.get(id)!.status).toBe('rejected')
    const fresh = relabelRetryOp(FINGERPRINT, { name: 'ccal-task', actor: 'alice', at: at(25).toISOString() })
    expect(apply(ledger, [fresh], at(30)).items.get(id)!.status).toBe('pending')
  })
})

describe('dry-run plan view', () => {
  it('lists candidates with source, fingerprint, trust and priority, then what was skipped and why', () => {
    const plan = discoveryPlan([
      {
        source: 'github-issues',
        requests: 3,
        candidates: [
          {
            fingerprint: 'issue:o/r#2',
            type: 'issue',
            source: 'github-issues',
            title: 'Resolve issue #2',
            priority: 4,
            context: { trust: 'trusted: label by bob (write)', priorityReason: "label 'enhancement' → 4" }
          },
          {
            fingerprint: 'issue:o/r#1',
            type: 'issue',
            source: 'github-issues',
            title: 'Resolve issue #1',
            priority: 2,
            context: { trust: 'trusted: label by alice (admin)', priorityReason: "label 'bug' → 2" }
          }
        ],
        skipped: [{ what: 'issue #3', reason: 'untrusted: label by mallory, whose permission …' }]
      }
    ])
    expect(plan.rows.map(row => [row.decision, row.fingerprint ?? row.title, row.priority])).toEqual([
      ['candidate', 'issue:o/r#1', 2],
      ['candidate', 'issue:o/r#2', 4],
      ['skipped', 'issue #3', null]
    ])
    expect(plan.rows[0]).toEqual({
      source: 'github-issues',
      decision: 'candidate',
      fingerprint: 'issue:o/r#1',
      type: 'issue',
      title: 'Resolve issue #1',
      trust: 'trusted: label by alice (admin)',
      priority: 2,
      reason: "label 'bug' → 2"
    })
    expect(plan.rows[2]!.trust).toContain('untrusted')
    expect(plan.requests).toEqual({ 'github-issues': 3 })
    expect(plan.counts).toEqual({ candidates: 2, skipped: 1, operations: 0 })
  })

  it('shows what operations would do without touching the given ledger', () => {
    const { ledger, id } = withOpenPull()
    const before = JSON.stringify(ledger)
    const plan = discoveryPlan(
      [
        {
          source: 'pr-reconcile',
          candidates: [],
          skipped: [],
          ops: reconcilePull(ledger, {
            number: 40,
            headRef: 'ccal/issue-7',
            body: '',
            merged: true,
            closed: true
          })
        }
      ],
      { ledger, context: { now: at(30), runId: 'dry' } }
    )
    expect(plan.rows).toEqual([
      expect.objectContaining({
        decision: 'operation',
        title: `${id}: pr_open → completed (PR #40 merged (accepted))`,
        reason: 'would change the ledger'
      })
    ])
    expect(JSON.stringify(ledger)).toBe(before)
  })
})
