import { describe, expect, it } from '@jest/globals'
import { reportData, ReportDataSchema, statusMovesInSubject } from '../../../src/report/data.js'
import { applyOps, candidate, emptyLedger, idOf, syntheticHistory, T0 } from '../../support/ledgers.js'
import { leaseItem, recordResult, upsertCandidate } from '../../../src/ledger/ops.js'

const options = { now: T0, days: 28, dayBudgetUsd: 20, branch: 'ccal-ledger', commit: 'a'.repeat(40) }

describe('reportData on a few weeks of history', () => {
  const data = reportData(syntheticHistory(), options)

  it('covers the 28 UTC days ending today and the Monday-based weeks they touch', () => {
    expect(data.window).toEqual({ from: '2026-10-28', to: '2026-11-24', days: 28 })
    expect(data.spendPerDay).toHaveLength(28)
    expect(data.pullRequestsPerWeek.map(week => week.week)).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23'
    ])
  })

  it('counts 3 of 4 verdicts merged, with a median time to merge of 24 hours', () => {
    expect(data.summary).toMatchObject({ prsOpened: 5, prsMerged: 3, prsClosed: 1, mergeRate: 0.75 })
    expect(data.summary.medianHoursToMerge).toBe(24)
    const hours = Object.fromEntries(
      data.pullRequests
        .filter(pull => pull.verdict === 'merged')
        .map(pull => [pull.number, pull.hoursToMerge])
    )
    expect(hours).toEqual({ 1: 24, 3: 6, 4: 48 })
  })

  it('keeps the merged pull request of a generation that came back as a regression', () => {
    const lint = data.pullRequests.find(pull => pull.number === 4)!
    expect(lint).toMatchObject({
      type: 'lint',
      generation: 1,
      verdict: 'merged',
      verdictAt: '2026-11-14T12:00:00.000Z'
    })
  })

  it('gives spend per day from the budget count, and the days over the day budget', () => {
    const spend = Object.fromEntries(
      data.spendPerDay.filter(day => day.usd > 0).map(day => [day.day, day.usd])
    )
    expect(spend).toEqual({
      '2026-11-04': 1.5,
      '2026-11-06': 2,
      '2026-11-10': 0.5,
      '2026-11-11': 1,
      '2026-11-12': 0.8,
      '2026-11-18': 25,
      '2026-11-20': 1.2
    })
    expect(data.summary.spentUsd).toBe(32)
    expect(data.summary.daysOverBudget).toBe(1)
    expect(data.budget).toEqual({ dayUsd: 20 })
  })

  it('divides all spend by the merged pull requests for the cost per accepted change', () => {
    expect(data.summary.costPerMergedPrUsd).toBeCloseTo(32 / 3, 6)
    const byType = Object.fromEntries(data.byType.map(type => [type.type, type]))
    expect(byType.issue).toMatchObject({
      merged: 1,
      closed: 1,
      mergeRate: 0.5,
      spentUsd: 4.7,
      costPerMergedPrUsd: 4.7
    })
    expect(byType.ci_failure).toMatchObject({
      merged: 1,
      closed: 0,
      mergeRate: 1,
      medianHoursToMerge: 6,
      costPerMergedPrUsd: 1.5
    })
    expect(byType.error_log).toMatchObject({
      merged: 0,
      mergeRate: null,
      spentUsd: 25,
      costPerMergedPrUsd: null
    })
  })

  it('counts each pull request in the week it was opened and the week of its verdict', () => {
    const weeks = Object.fromEntries(data.pullRequestsPerWeek.map(({ week, ...counts }) => [week, counts]))
    expect(weeks['2026-11-02']).toEqual({ opened: 2, merged: 1, closed: 1 })
    expect(weeks['2026-11-09']).toEqual({ opened: 2, merged: 2, closed: 0 })
    expect(weeks['2026-11-16']).toEqual({ opened: 1, merged: 0, closed: 0 })
  })

  it('rebuilds the queue at the end of each day from the items’ own timelines', () => {
    const queue = Object.fromEntries(data.queuePerDay.map(({ day, ...counts }) => [day, counts]))
    expect(queue['2026-11-01']).toEqual({ pending: 0, prOpen: 0 })
    expect(queue['2026-11-04']).toEqual({ pending: 0, prOpen: 1 })
    expect(queue['2026-11-15']).toEqual({ pending: 1, prOpen: 0 })
    expect(queue['2026-11-20']).toEqual({ pending: 2, prOpen: 1 })
    expect(queue['2026-11-24']).toEqual({ pending: 3, prOpen: 1 })
  })

  it('lists the failures seen most often first, with their failed attempts', () => {
    expect(
      data.failureFingerprints.map(({ fingerprint, occurrences, failedAttempts }) => ({
        fingerprint,
        occurrences,
        failedAttempts
      }))
    ).toEqual([
      { fingerprint: 'ci:date-test', occurrences: 5, failedAttempts: 1 },
      { fingerprint: 'log:worker-typeerror', occurrences: 2, failedAttempts: 1 }
    ])
    expect(data.attemptFailures).toEqual([
      { reason: 'max_turns', count: 1 },
      { reason: 'verify_failed', count: 1 }
    ])
  })

  it('is valid against its own schema, with nothing approximated', () => {
    expect(ReportDataSchema.safeParse(JSON.parse(JSON.stringify(data))).success).toBe(true)
    expect(data.notes).toEqual([])
  })

  it('leaves out what falls before a shorter window', () => {
    const week = reportData(syntheticHistory(), { ...options, days: 7 })
    expect(week.window).toEqual({ from: '2026-11-18', to: '2026-11-24', days: 7 })
    expect(week.summary).toMatchObject({ prsOpened: 1, prsMerged: 0, mergeRate: null, spentUsd: 26.2 })
  })

  it('has empty series and no rates for a ledger with no history', () => {
    const nothing = reportData(emptyLedger(), { ...options, dayBudgetUsd: null })
    expect(nothing.summary).toMatchObject({
      items: 0,
      spentUsd: 0,
      mergeRate: null,
      medianHoursToMerge: null,
      costPerMergedPrUsd: null
    })
    expect(nothing.queuePerDay.every(day => day.pending === 0 && day.prOpen === 0)).toBe(true)
  })
})

describe('items whose oldest history was dropped', () => {
  /** An item created Nov 10, worked and back in the queue, whose history keeps only its last 2 events. */
  function trimmed() {
    const fingerprint = 'ci:flaky'
    let ledger = applyOps(
      emptyLedger(),
      [upsertCandidate(candidate(fingerprint, { type: 'ci_failure' }))],
      new Date('2026-11-10T08:00:00Z')
    )
    const id = idOf(ledger, fingerprint)
    ledger = applyOps(ledger, [leaseItem(id, 3_600_000)], new Date('2026-11-12T08:00:00Z'))
    const limits = { maxHistoryEvents: 2 }
    ledger = applyOps(
      ledger,
      [
        recordResult(
          { itemId: id, success: false, summary: '', durationMs: 1, turns: 1, costUsd: 0.1 },
          {},
          limits
        )
      ],
      new Date('2026-11-12T09:00:00Z')
    )
    return { ledger, id }
  }

  it('reads the status moves of the operations from commit lines', () => {
    expect(statusMovesInSubject('lease abcdef012345 to run 7-1 (attempt 1 of 3)', 'abcdef012345')).toEqual([
      'in_progress'
    ])
    expect(
      statusMovesInSubject(
        'result abcdef012345: success → pr_open PR #3 (4 turns, $0.50); cycle 2 begins (run x)',
        'abcdef012345'
      )
    ).toEqual(['pr_open'])
    expect(
      statusMovesInSubject('abcdef012345: pr_open → completed (PR #3 merged (accepted))', 'abcdef012345')
    ).toEqual(['completed'])
    expect(
      statusMovesInSubject('add ci_failure abcdef012345: x; lease 999999999999 to run y', 'abcdef012345')
    ).toEqual(['pending'])
    expect(statusMovesInSubject('abcdef012345: pr_open → completed', '111111111111')).toEqual([])
  })

  it('says so when no commits are given, and uses them when they are', () => {
    const { ledger, id } = trimmed()
    expect(ledger.items.get(id)!.historyDropped).toBeGreaterThan(0)
    const without = reportData(ledger, options)
    expect(without.notes.join(' ')).toContain('1 item had their oldest history events dropped')
    // Taken to have been in_progress (the first kept move's origin) since it was created.
    expect(without.queuePerDay.find(day => day.day === '2026-11-11')!.pending).toBe(0)

    const commits = [
      { date: '2026-11-12T09:00:00+00:00', subject: `result ${id}: failure → pending (1 turn, $0.10)` },
      { date: '2026-11-12T08:00:00+00:00', subject: `lease ${id} to run run-test (attempt 1 of 3)` },
      { date: '2026-11-10T08:00:00+00:00', subject: `add ci_failure ${id}: ci:flaky` }
    ]
    const withGit = reportData(ledger, { ...options, commitsByItem: new Map([[id, commits]]) })
    expect(withGit.notes).toEqual([])
    const queue = Object.fromEntries(withGit.queuePerDay.map(day => [day.day, day.pending]))
    expect(queue).toMatchObject({ '2026-11-09': 0, '2026-11-10': 1, '2026-11-11': 1, '2026-11-12': 1 })
  })
})
