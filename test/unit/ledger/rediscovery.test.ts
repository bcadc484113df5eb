import { describe, expect, it } from '@jest/globals'
import { recordSessionId, upsertCandidates } from '../../../src/ledger/ops.js'
import { T0, applyOps, candidate, emptyLedger, idOf } from '../../support/ledgers.js'

describe('an item found again', () => {
  it('keeps context keys the source does not report, such as command marks', () => {
    let ledger = applyOps(emptyLedger(), [
      upsertCandidates([candidate('issue:o/r#1', { context: { issueNumber: 1 } })])
    ])
    const id = idOf(ledger, 'issue:o/r#1')
    ledger = {
      ...ledger,
      items: ledger.items.with([{ ...ledger.items.get(id)!, context: { issueNumber: 1, lastCommandId: 77 } }])
    }

    ledger = applyOps(ledger, [
      upsertCandidates([candidate('issue:o/r#1', { context: { issueNumber: 1, url: 'u' } })])
    ])

    expect(ledger.items.get(id)?.context).toEqual({ issueNumber: 1, lastCommandId: 77, url: 'u' })
  })

  it("takes the source's current priority", () => {
    let ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('x', { priority: 4 })])])

    ledger = applyOps(ledger, [upsertCandidates([candidate('x', { priority: 1 })])])

    expect(ledger.items.get(idOf(ledger, 'x'))?.priority).toBe(1)
  })

  it('keeps a priority a person set with /ccal priority', () => {
    let ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('x', { priority: 4 })])])
    const id = idOf(ledger, 'x')
    ledger = {
      ...ledger,
      items: ledger.items.with([{ ...ledger.items.get(id)!, priority: 2, context: { priorityOverride: 2 } }])
    }

    ledger = applyOps(ledger, [upsertCandidates([candidate('x', { priority: 5 })])])

    expect(ledger.items.get(id)?.priority).toBe(2)
  })
})

describe('recordSessionId', () => {
  it('stores the session at once and says so in the commit line', () => {
    const ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('x')])])
    const id = idOf(ledger, 'x')

    const result = recordSessionId(id, 'sess-1')(ledger, { now: T0, runId: 'r' })

    expect(result.ledger.items.get(id)?.sessionId).toBe('sess-1')
    expect(result.description).toBe(`${id}: session sess-1`)
    expect(recordSessionId(id, 'sess-1')(result.ledger, { now: T0, runId: 'r' }).ledger).toBe(result.ledger)
  })
})
