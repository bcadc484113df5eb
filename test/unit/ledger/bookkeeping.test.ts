import { describe, expect, it } from '@jest/globals'
import {
  BOOKKEEPING_REFRESH_MS,
  changesMaterially,
  isBookkeepingDue
} from '../../../src/ledger/bookkeeping.js'
import {
  beginCycle,
  leaseItem,
  setCursor,
  upsertCandidates,
  type CandidateInput
} from '../../../src/ledger/ops.js'
import { applyOps, emptyLedger, idOf } from '../../support/ledgers.js'

const ISSUE: CandidateInput = {
  fingerprint: 'issue:octo/demo#7',
  type: 'issue',
  source: 'github-issues',
  title: 'Resolve issue #7',
  context: { issueNumber: 7 }
}
const LATER = new Date('2026-06-01T12:00:00Z')

describe('what an idle cycle changes', () => {
  const known = applyOps(emptyLedger(), [
    upsertCandidates([ISSUE]),
    setCursor('ci-logs', { processed: [1], lastScanAt: '2026-05-01T00:00:00Z' })
  ])

  it('is bookkeeping: the cycle counter, scan times, and an item seen again', () => {
    const idle = applyOps(
      known,
      [
        beginCycle(),
        upsertCandidates([ISSUE]),
        setCursor('ci-logs', { processed: [1], lastScanAt: LATER.toISOString() })
      ],
      LATER
    )

    expect(idle.items.get(idOf(idle, ISSUE.fingerprint))!.occurrences).toBe(2)
    expect(changesMaterially(known, idle)).toBe(false)
  })

  it('is more than bookkeeping once there is a new item, a transition or a cursor’s real progress', () => {
    const other = { ...ISSUE, fingerprint: 'issue:octo/demo#8', context: { issueNumber: 8 } }

    expect(changesMaterially(known, applyOps(known, [upsertCandidates([other])], LATER))).toBe(true)
    expect(
      changesMaterially(known, applyOps(known, [leaseItem(idOf(known, ISSUE.fingerprint), 60_000)], LATER))
    ).toBe(true)
    expect(
      changesMaterially(known, applyOps(known, [setCursor('ci-logs', { processed: [1, 2] })], LATER))
    ).toBe(true)
    expect(
      changesMaterially(
        known,
        applyOps(known, [upsertCandidates([{ ...ISSUE, title: 'Resolve issue #7 again' }])])
      )
    ).toBe(true)
  })

  it('is written alone once an hour, so that scan times and last sightings stay roughly current', () => {
    const cycled = applyOps(known, [beginCycle()], LATER)

    expect(isBookkeepingDue(cycled, new Date(LATER.getTime() + BOOKKEEPING_REFRESH_MS - 1))).toBe(false)
    expect(isBookkeepingDue(cycled, new Date(LATER.getTime() + BOOKKEEPING_REFRESH_MS))).toBe(true)
    expect(isBookkeepingDue(emptyLedger(), LATER)).toBe(true)
  })
})
