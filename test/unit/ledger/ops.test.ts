import { describe, expect, it } from '@jest/globals'
import {
  addManualItem,
  beginCycle,
  canTransition,
  combine,
  countStatus,
  findByFingerprint,
  itemIdForFingerprint,
  leaseItem,
  pruneHistory,
  reclaimExpiredLeases,
  recordPatternUse,
  recordResult,
  releaseLease,
  renewLease,
  resolveItemId,
  setCursor,
  spentToday,
  transition,
  upsertCandidate,
  upsertCandidates,
  upsertPattern,
  type CandidateInput,
  type LedgerOp,
  type OpContext
} from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger, type WorkItem } from '../../../src/ledger/schema.js'
import { IllegalTransitionError, LedgerConflictError, LedgerLookupError } from '../../../src/util/errors.js'

const T0 = new Date('2026-03-01T10:00:00.000Z')
const MINUTE = 60_000

function at(minutes: number, runId = 'run-1'): OpContext {
  return { now: new Date(T0.getTime() + minutes * MINUTE), runId }
}

function apply(ledger: Ledger, op: LedgerOp, context: OpContext = at(0)): Ledger {
  return op(ledger, context).ledger
}

function candidate(fingerprint: string, overrides: Partial<CandidateInput> = {}): CandidateInput {
  return { fingerprint, type: 'lint', source: 'lint', title: `fix ${fingerprint}`, ...overrides }
}

function only(ledger: Ledger): WorkItem {
  const items = [...ledger.items.values()]
  expect(items).toHaveLength(1)
  return items[0]!
}

function withItem(
  fingerprint = 'fp-1',
  overrides: Partial<CandidateInput> = {}
): { ledger: Ledger; id: string } {
  const ledger = apply(emptyLedger(), upsertCandidate(candidate(fingerprint, overrides)))
  return { ledger, id: only(ledger).id }
}

describe('upsertCandidates', () => {
  it('creates a pending item whose id derives from the fingerprint', () => {
    const result = upsertCandidate(candidate('eslint:no-unused-vars:src/a.ts'))(emptyLedger(), at(0))

    const item = only(result.ledger)
    expect(item).toMatchObject({
      status: 'pending',
      occurrences: 1,
      attempts: 0,
      maxAttempts: 3,
      source: 'lint',
      priority: 3
    })
    expect(item.id).toMatch(/^[0-9a-f]{12}$/)
    expect(item.id).toBe(itemIdForFingerprint(emptyLedger(), 'eslint:no-unused-vars:src/a.ts'))
    expect(result.description).toBe(`add lint ${item.id}: fix eslint:no-unused-vars:src/a.ts`)
    expect(result.ledger.state.totals.itemsCreated).toBe(1)
  })

  it('counts a known fingerprint as another occurrence instead of a duplicate', () => {
    const { ledger, id } = withItem()

    const next = apply(ledger, upsertCandidate(candidate('fp-1', { context: { file: 'b.ts' } })), at(5))

    expect([...next.items.keys()]).toEqual([id])
    expect(next.items.get(id)).toMatchObject({
      occurrences: 2,
      lastSeenAt: at(5).now.toISOString(),
      context: { file: 'b.ts' }
    })
    expect(next.state.totals.itemsCreated).toBe(1)
  })

  it('reopens a completed item whose fingerprint comes back as a regression', () => {
    const seeded = withItem()
    const id = seeded.id
    let ledger = seeded.ledger
    ledger = apply(ledger, leaseItem(id, 10 * MINUTE))
    ledger = apply(
      ledger,
      recordResult({ itemId: id, success: true, summary: 'fixed', durationMs: 10, turns: 2, costUsd: 0 })
    )
    expect(ledger.items.get(id)!.status).toBe('completed')

    const result = upsertCandidate(candidate('fp-1'))(ledger, at(60))

    expect(result.ledger.items.get(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      regressions: 1,
      occurrences: 2
    })
    expect(result.ledger.items.get(id)!.history.map(entry => entry.event)).toContain('regression')
    expect(result.ledger.state.totals.regressions).toBe(1)
    expect(result.description).toMatch(/^reopen regression/)
  })

  it('does not reopen a rejected item when its fingerprint comes back', () => {
    const seeded = withItem()
    const id = seeded.id
    let ledger = seeded.ledger
    ledger = apply(ledger, leaseItem(id, MINUTE))
    ledger = apply(
      ledger,
      transition(id, 'pr_open', { pr: { number: 7, url: 'https://x/7', branch: 'ccal/7' } })
    )
    ledger = apply(ledger, transition(id, 'rejected'))

    const next = apply(ledger, upsertCandidate(candidate('fp-1')))

    expect(next.items.get(id)).toMatchObject({ status: 'rejected', occurrences: 2 })
  })

  it('defers new candidates beyond the pending queue limit, admitting the most urgent first', () => {
    const batch = [
      candidate('low', { priority: 5 }),
      candidate('urgent', { priority: 1 }),
      candidate('mid', { priority: 3 })
    ]

    const result = upsertCandidates(batch, { maxPending: 2 })(emptyLedger(), at(0))

    const titles = [...result.ledger.items.values()].map(item => item.fingerprint).sort()
    expect(titles).toEqual(['mid', 'urgent'])
    expect(result.ledger.state.totals.candidatesDeferred).toBe(1)
    expect(result.description).toBe('merge 3 candidates: 2 new, 0 seen again, 1 deferred (queue full)')
  })

  it('still updates known items when the queue is full', () => {
    const { ledger, id } = withItem('known')

    const next = apply(ledger, upsertCandidates([candidate('known'), candidate('new')], { maxPending: 1 }))

    expect(next.items.get(id)!.occurrences).toBe(2)
    expect(findByFingerprint(next, 'new')).toBeUndefined()
  })

  it('rejects a candidate that does not match the schema before touching the ledger', () => {
    expect(() => upsertCandidate({ ...candidate('x'), priority: 9 })).toThrow()
  })

  it('keeps every untouched item the very same object, so the store rewrites only changed files', () => {
    const ledger = apply(emptyLedger(), upsertCandidates([candidate('a'), candidate('b')]))
    const before = findByFingerprint(ledger, 'b')

    const next = apply(ledger, upsertCandidate(candidate('a')))

    expect(findByFingerprint(next, 'b')).toBe(before)
  })
})

describe('addManualItem', () => {
  it('adds a manual item even when the queue is full, and two requests with one title are two items', () => {
    let ledger = emptyLedger()
    ledger = apply(ledger, addManualItem({ title: 'Write docs', priority: 2 }, 'nonce-1'))
    ledger = apply(ledger, addManualItem({ title: 'Write docs' }, 'nonce-2'))

    expect(countStatus(ledger, 'pending')).toBe(2)
    expect([...ledger.items.values()].every(item => item.source === 'manual' && item.type === 'manual')).toBe(
      true
    )
  })

  it('gives the same item when the same request is applied again (a retried write)', () => {
    const op = addManualItem({ title: 'Once' }, 'nonce')
    const first = apply(emptyLedger(), op)

    const again = apply(first, op)

    expect([...again.items.keys()]).toHaveLength(1)
  })
})

describe('leases', () => {
  it('moves a pending item to in_progress, uses an attempt and sets the lease', () => {
    const { ledger, id } = withItem()

    const next = apply(ledger, leaseItem(id, 30 * MINUTE), at(1))

    expect(next.items.get(id)).toMatchObject({
      status: 'in_progress',
      attempts: 1,
      lease: { runId: 'run-1', acquiredAt: at(1).now.toISOString(), until: at(31).now.toISOString() }
    })
    expect(next.state.totals.attempts).toBe(1)
  })

  it('refuses an item another run holds until its lease expires, then lets it be taken over', () => {
    const { ledger, id } = withItem()
    const leased = apply(ledger, leaseItem(id, 10 * MINUTE), at(0, 'run-a'))

    expect(() => apply(leased, leaseItem(id, MINUTE), at(5, 'run-b'))).toThrow(LedgerConflictError)
    const taken = apply(leased, leaseItem(id, MINUTE), at(11, 'run-b'))
    expect(taken.items.get(id)).toMatchObject({ attempts: 2, lease: { runId: 'run-b' } })
  })

  it('renews only the holder’s lease', () => {
    const { ledger, id } = withItem()
    const leased = apply(ledger, leaseItem(id, 10 * MINUTE), at(0))

    const renewed = apply(leased, renewLease(id, 10 * MINUTE), at(8))

    expect(renewed.items.get(id)!.lease!.until).toBe(at(18).now.toISOString())
    expect(renewed.items.get(id)!.attempts).toBe(1)
    expect(() => apply(leased, renewLease(id, MINUTE), at(1, 'intruder'))).toThrow(LedgerConflictError)
  })

  it('releases a lease back to pending', () => {
    const { ledger, id } = withItem()
    const leased = apply(ledger, leaseItem(id, MINUTE))

    const released = apply(leased, releaseLease(id, { reason: 'run cancelled' }))

    expect(released.items.get(id)).toMatchObject({ status: 'pending', lease: null, attempts: 1 })
  })

  it('reclaims expired leases: back to pending, or failed when no attempts are left', () => {
    let ledger = apply(
      emptyLedger(),
      upsertCandidates([candidate('a'), candidate('b', { maxAttempts: 1 }), candidate('c')])
    )
    const [a, b, c] = ['a', 'b', 'c'].map(fp => findByFingerprint(ledger, fp)!.id) as [string, string, string]
    ledger = apply(ledger, leaseItem(a, 10 * MINUTE), at(0, 'crashed'))
    ledger = apply(ledger, leaseItem(b, 10 * MINUTE), at(0, 'crashed'))
    ledger = apply(ledger, leaseItem(c, 60 * MINUTE), at(0, 'alive'))

    const result = reclaimExpiredLeases()(ledger, at(20, 'next-run'))

    expect(result.ledger.items.get(a)).toMatchObject({ status: 'pending', lease: null })
    expect(result.ledger.items.get(b)).toMatchObject({ status: 'failed', lease: null })
    expect(result.ledger.items.get(c)).toMatchObject({ status: 'in_progress', lease: { runId: 'alive' } })
    expect(result.description).toMatch(/^reclaim 2 expired leases/)
  })

  it('returns the same ledger when no lease has expired', () => {
    const { ledger } = withItem()

    expect(reclaimExpiredLeases()(ledger, at(0)).ledger).toBe(ledger)
  })
})

describe('budget reservations', () => {
  const budget = { capUsd: 1, minimumUsd: 0.5, runBudgetUsd: 5, dayBudgetUsd: 2 }
  const three = () =>
    apply(emptyLedger(), upsertCandidates(['a', 'b', 'c'].map(fingerprint => candidate(fingerprint))))
  const ids = (ledger: Ledger) =>
    ['a', 'b', 'c'].map(fingerprint => itemIdForFingerprint(ledger, fingerprint))

  it('reserves the item cap while the budgets leave it, and refuses an item the rest cannot cover', () => {
    let ledger = three()
    const [a, b, c] = ids(ledger) as [string, string, string]
    ledger = apply(ledger, leaseItem(a, 10 * MINUTE, undefined, budget), at(0, 'run-1'))
    ledger = apply(ledger, leaseItem(b, 10 * MINUTE, undefined, budget), at(0, 'run-2'))

    expect(ledger.items.get(a)!.lease!.reservedUsd).toBe(1)
    expect(ledger.items.get(b)!.lease!.reservedUsd).toBe(1)
    expect(() => leaseItem(c, 10 * MINUTE, undefined, budget)(ledger, at(0, 'run-3'))).toThrow(
      "the day budget ($2.00) leaves $0.00 after today's spend and $2.00 reserved by running items"
    )
  })

  it('gives back the reservation with the result, counting only what was spent', () => {
    let ledger = three()
    const [a, , c] = ids(ledger) as [string, string, string]
    ledger = apply(ledger, leaseItem(a, 10 * MINUTE, undefined, budget))
    ledger = apply(
      ledger,
      recordResult({
        itemId: a,
        success: true,
        summary: 'done',
        costUsd: 0.3,
        durationMs: 1,
        turns: 1,
        tokens: {}
      })
    )
    ledger = apply(ledger, leaseItem(c, 10 * MINUTE, undefined, { ...budget, dayBudgetUsd: 1.5 }))

    expect(spentToday(ledger, T0)).toBe(0.3)
    expect(ledger.items.get(c)!.lease!.reservedUsd).toBe(1)
  })

  it('reserves what is left when that is less than the cap but covers the estimate', () => {
    let ledger = three()
    const [a, b] = ids(ledger) as [string, string, string]
    ledger = apply(ledger, leaseItem(a, 10 * MINUTE, undefined, budget))
    ledger = apply(ledger, leaseItem(b, 10 * MINUTE, undefined, { ...budget, dayBudgetUsd: 1.6 }))

    expect(ledger.items.get(b)!.lease!.reservedUsd).toBe(0.6)
  })

  it('keeps the run budget across the run’s items, and ignores reservations of leases that expired', () => {
    let ledger = three()
    const [a, b, c] = ids(ledger) as [string, string, string]
    const run = { ...budget, runBudgetUsd: 1.2, dayBudgetUsd: 100 }
    ledger = apply(ledger, leaseItem(a, 10 * MINUTE, undefined, run))

    expect(() => leaseItem(b, 10 * MINUTE, undefined, run)(ledger, at(1))).toThrow(
      /the run budget \(\$1\.20\) leaves \$0\.20/
    )
    expect(
      apply(ledger, leaseItem(c, 10 * MINUTE, undefined, run), at(11, 'run-2')).items.get(c)!.lease!
        .reservedUsd
    ).toBe(1)
  })

  it("counts a killed run's reservation as spent when its lease is reclaimed", () => {
    let ledger = three()
    const [a] = ids(ledger) as [string, string, string]
    ledger = apply(ledger, leaseItem(a, 10 * MINUTE, undefined, budget))
    ledger = apply(ledger, reclaimExpiredLeases(), at(11))

    expect(spentToday(ledger, T0)).toBe(1)
    expect(ledger.items.get(a)!.history.at(-2)?.detail).toContain('its $1.00 reservation is counted as spent')
  })
})

describe('transitions', () => {
  it('follows the table and throws on an illegal move', () => {
    const { ledger, id } = withItem()

    expect(() => apply(ledger, transition(id, 'pr_open'))).toThrow(IllegalTransitionError)
    expect(() => apply(ledger, transition(id, 'pr_open'))).toThrow(
      `item ${id}: cannot move from 'pending' to 'pr_open' (as ccal)`
    )
  })

  it('lets only a human send a rejected item back to the queue, with fresh attempts', () => {
    const seeded = withItem()
    const id = seeded.id
    let ledger = seeded.ledger
    ledger = apply(ledger, leaseItem(id, MINUTE))
    ledger = apply(ledger, transition(id, 'pr_open', { pr: { number: 3, url: 'https://x/3', branch: 'b' } }))
    ledger = apply(ledger, transition(id, 'rejected', { reason: 'PR closed unmerged' }))

    expect(() => apply(ledger, transition(id, 'pending'))).toThrow(IllegalTransitionError)
    const retried = apply(ledger, transition(id, 'pending', { actor: 'human' }))
    expect(retried.items.get(id)).toMatchObject({ status: 'pending', attempts: 0 })
  })

  it('answers questions about the table', () => {
    expect(canTransition('pending', 'in_progress', 'ccal')).toBe(true)
    expect(canTransition('failed', 'pending', 'ccal')).toBe(false)
    expect(canTransition('failed', 'pending', 'human')).toBe(true)
    expect(canTransition('completed', 'failed', 'human')).toBe(false)
  })

  it('names an unknown item clearly', () => {
    expect(() => apply(emptyLedger(), transition('abcdef012345', 'dismissed'))).toThrow(LedgerLookupError)
  })
})

describe('recordResult', () => {
  it('records a success with a PR: pr_open, lease ended, cost on today’s budget and the totals', () => {
    const seeded = withItem()
    const id = seeded.id
    let ledger = seeded.ledger
    ledger = apply(ledger, leaseItem(id, MINUTE))

    const result = recordResult(
      {
        itemId: id,
        success: true,
        summary: 'fixed it',
        durationMs: 1500,
        turns: 4,
        costUsd: 0.25,
        sessionId: 's-1',
        tokens: { input: 100, output: 50 }
      },
      { pr: { number: 12, url: 'https://x/12', branch: 'ccal/fix' } }
    )(ledger, at(2))

    const item = result.ledger.items.get(id)!
    expect(item).toMatchObject({ status: 'pr_open', lease: null, sessionId: 's-1', pr: { number: 12 } })
    expect(result.ledger.results).toHaveLength(1)
    expect(result.ledger.results[0]).toMatchObject({
      itemId: id,
      itemType: 'lint',
      runId: 'run-1',
      costUsd: 0.25,
      verify: 'not_run'
    })
    expect(spentToday(result.ledger, at(2).now)).toBe(0.25)
    expect(result.ledger.state.totals).toMatchObject({
      successes: 1,
      failures: 0,
      costUsd: 0.25,
      tokens: 150,
      durationMs: 1500
    })
    expect(result.description).toBe(`result ${id}: success → pr_open PR #12 (4 turns, $0.25)`)
  })

  it('puts a failed attempt back in the queue while attempts remain, and fails it after the last', () => {
    const seeded = withItem('fp', { maxAttempts: 2 })
    const id = seeded.id
    let ledger = seeded.ledger
    const failure = {
      itemId: id,
      success: false,
      summary: '',
      error: 'tests fail',
      durationMs: 1,
      turns: 1,
      costUsd: 0
    }
    ledger = apply(ledger, leaseItem(id, MINUTE))
    ledger = apply(ledger, recordResult(failure))
    expect(ledger.items.get(id)).toMatchObject({ status: 'pending', lastError: 'tests fail' })

    ledger = apply(ledger, leaseItem(id, MINUTE))
    ledger = apply(ledger, recordResult(failure))

    expect(ledger.items.get(id)).toMatchObject({ status: 'failed', attempts: 2 })
    expect(ledger.state.totals.failures).toBe(2)
  })

  it('keeps spend per UTC day', () => {
    const seeded = withItem('fp', { maxAttempts: 5 })
    const id = seeded.id
    let ledger = seeded.ledger
    const spend = (cost: number): LedgerOp =>
      recordResult({ itemId: id, success: false, summary: '', durationMs: 1, turns: 1, costUsd: cost })
    const lateOnDay1 = { now: new Date('2026-03-01T23:59:00Z'), runId: 'r' }
    const earlyOnDay2 = { now: new Date('2026-03-02T00:01:00Z'), runId: 'r' }
    ledger = apply(ledger, leaseItem(id, MINUTE), lateOnDay1)
    ledger = apply(ledger, spend(1.5), lateOnDay1)
    ledger = apply(ledger, leaseItem(id, MINUTE), earlyOnDay2)
    ledger = apply(ledger, spend(0.5), earlyOnDay2)

    expect(ledger.state.dailySpendUsd).toEqual({ '2026-03-01': 1.5, '2026-03-02': 0.5 })
    expect(spentToday(ledger, earlyOnDay2.now)).toBe(0.5)
    expect(ledger.state.totals.costUsd).toBe(2)
  })

  it('folds results beyond the retention limit into per-type aggregates instead of dropping them', () => {
    const seeded = withItem('fp', { maxAttempts: 10 })
    const id = seeded.id
    let ledger = seeded.ledger
    for (let run = 0; run < 4; run += 1) {
      ledger = apply(ledger, leaseItem(id, MINUTE), at(run))
      ledger = apply(
        ledger,
        recordResult(
          {
            itemId: id,
            success: run % 2 === 0,
            summary: `run ${run}`,
            durationMs: 100,
            turns: 2,
            costUsd: 1
          },
          { status: 'pending' },
          { maxResults: 2 }
        ),
        at(run)
      )
    }

    expect(ledger.results.map(result => result.summary)).toEqual(['run 2', 'run 3'])
    expect(ledger.state.aggregates.lint).toEqual({
      results: 2,
      successes: 1,
      failures: 1,
      costUsd: 2,
      tokens: 0,
      turns: 4,
      durationMs: 200,
      firstAt: at(0).now.toISOString(),
      lastAt: at(1).now.toISOString()
    })
    expect(ledger.state.totals.resultsFolded).toBe(2)
  })

  it('folds results older than the age limit on its own', () => {
    const seeded = withItem()
    const id = seeded.id
    let ledger = seeded.ledger
    ledger = apply(ledger, leaseItem(id, MINUTE), at(0))
    ledger = apply(
      ledger,
      recordResult({ itemId: id, success: true, summary: 'old', durationMs: 1, turns: 1, costUsd: 0 }),
      at(0)
    )

    const result = pruneHistory({ maxResultAgeDays: 1 })(ledger, at(2 * 24 * 60))

    expect(result.ledger.results).toEqual([])
    expect(result.ledger.state.aggregates.lint!.results).toBe(1)
    expect(result.description).toBe('fold 1 old result into aggregates')
  })
})

describe('history of events', () => {
  it('keeps at most maxHistoryEvents per item and counts the rest', () => {
    const seeded = withItem()
    const id = seeded.id
    let ledger = seeded.ledger
    ledger = apply(ledger, leaseItem(id, MINUTE, { maxHistoryEvents: 3 }))
    for (let minute = 1; minute <= 5; minute += 1)
      ledger = apply(ledger, renewLease(id, MINUTE, { maxHistoryEvents: 3 }), at(minute))

    expect(ledger.items.get(id)!.history).toHaveLength(3)
    expect(ledger.items.get(id)!.historyDropped).toBe(5)
  })
})

describe('system state and patterns', () => {
  it('counts cycles, stores cursors and combines operations into one description', () => {
    const result = combine([beginCycle(), setCursor('ci-logs', { lastRunId: 42 }), reclaimExpiredLeases()])(
      emptyLedger(),
      at(0, 'run-9')
    )

    expect(result.ledger.state).toMatchObject({
      cycles: 1,
      lastRunId: 'run-9',
      cursors: { 'ci-logs': { lastRunId: 42 } }
    })
    expect(result.description).toBe('cycle 1 begins (run run-9); cursor ci-logs → {"lastRunId":42}')
  })

  it('maintains pattern usage and success rate', () => {
    let ledger = apply(
      emptyLedger(),
      upsertPattern({
        id: 'lint-unused',
        trigger: { type: 'lint', rule: 'no-unused-vars', errorSignature: null },
        approach: 'remove it',
        confidence: 0.5
      })
    )
    ledger = apply(ledger, recordPatternUse('lint-unused', true))
    ledger = apply(ledger, recordPatternUse('lint-unused', false))

    expect(ledger.patterns[0]).toMatchObject({ usageCount: 2, successCount: 1, successRate: 0.5 })
  })
})

describe('resolveItemId', () => {
  it('accepts a unique prefix and names ambiguous or missing ids', () => {
    const ledger = apply(emptyLedger(), upsertCandidates([candidate('a'), candidate('b')]))
    const id = findByFingerprint(ledger, 'a')!.id

    expect(resolveItemId(ledger, id.slice(0, 6))).toBe(id)
    expect(() => resolveItemId(ledger, 'ffffffffffff')).toThrow("no item 'ffffffffffff' in the ledger")
  })
})
