import { describe, expect, it } from '@jest/globals'
import { defaultSettings, type Settings } from '../../../src/config/schema.js'
import { schedule } from '../../../src/core/scheduler.js'
import {
  leaseItem,
  reclaimExpiredLeases,
  recordResult,
  transition,
  upsertCandidates
} from '../../../src/ledger/ops.js'
import { T0, applyOps, candidate, emptyLedger, idOf } from '../../support/ledgers.js'

function settingsWith(change: (settings: Settings) => void): Settings {
  const settings = defaultSettings()
  change(settings)
  return settings
}

const HOUR = 3_600_000

describe('schedule ranking', () => {
  it('puts the more urgent priority first, then the older item', () => {
    let ledger = applyOps(
      emptyLedger(),
      [upsertCandidates([candidate('low', { priority: 4 })])],
      new Date(T0.getTime() - 5 * HOUR)
    )
    ledger = applyOps(ledger, [
      upsertCandidates([candidate('urgent', { priority: 1 }), candidate('also-low', { priority: 4 })])
    ])

    const plan = schedule({ ledger, settings: defaultSettings(), now: T0 })

    expect(plan.picked.map(decision => decision.title)).toEqual(['urgent', 'low', 'also-low'])
  })

  it('prefers review feedback on an open PR over lint at the same priority', () => {
    const ledger = applyOps(emptyLedger(), [
      upsertCandidates([
        candidate('lint batch', { type: 'lint' }),
        candidate('review', { type: 'review_feedback' })
      ])
    ])

    const plan = schedule({ ledger, settings: defaultSettings(), now: T0 })

    expect(plan.picked.map(decision => decision.type)).toEqual(['review_feedback', 'lint'])
  })

  it('lets learned weights lift a type that humans merge', () => {
    const ledger = applyOps(emptyLedger(), [
      upsertCandidates([candidate('a', { type: 'lint' }), candidate('b', { type: 'coverage' })])
    ])

    const plan = schedule({
      ledger,
      settings: defaultSettings(),
      now: T0,
      learnedWeight: item => (item.type === 'coverage' ? 1 : -1)
    })

    expect(plan.picked[0]?.type).toBe('coverage')
    expect(plan.picked[0]?.components.learned).toBe(10)
    expect(plan.picked[1]?.components.learned).toBe(-10)
  })
})

describe('schedule limits', () => {
  it('picks at most max_items_per_run and says why the rest waits', () => {
    const ledger = applyOps(emptyLedger(), [
      upsertCandidates(['a', 'b', 'c', 'd'].map(name => candidate(name)))
    ])

    const plan = schedule({ ledger, settings: settingsWith(s => (s.loop.max_items_per_run = 2)), now: T0 })

    expect(plan.picked).toHaveLength(2)
    expect(plan.deferred.map(decision => decision.reason)).toEqual([
      'run limit reached: 2 item(s) per run',
      'run limit reached: 2 item(s) per run'
    ])
  })

  it('opens no new pull request beyond the open-PR cap but still takes follow-ups', () => {
    let ledger = applyOps(emptyLedger(), [
      upsertCandidates([candidate('done'), candidate('new'), candidate('fb', { type: 'review_feedback' })])
    ])
    const done = idOf(ledger, 'done')
    ledger = applyOps(ledger, [
      leaseItem(done, HOUR),
      recordResult(
        { itemId: done, success: true, summary: 'ok', durationMs: 1, turns: 1, costUsd: 0.1 },
        { pr: { number: 1, url: 'u', branch: 'ccal/x' } }
      )
    ])

    const plan = schedule({ ledger, settings: settingsWith(s => (s.budgets.max_open_prs = 1)), now: T0 })

    expect(plan.picked.map(decision => decision.title)).toEqual(['fb'])
    expect(plan.deferred).toEqual([
      expect.objectContaining({ title: 'new', reason: 'open pull request cap reached: 1 of 1 open' })
    ])
  })

  it('respects the pull requests per hour cap from the ledger history', () => {
    let ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('opened'), candidate('next')])])
    const opened = idOf(ledger, 'opened')
    ledger = applyOps(
      ledger,
      [
        leaseItem(opened, HOUR),
        recordResult(
          { itemId: opened, success: true, summary: 'ok', durationMs: 1, turns: 1, costUsd: 0 },
          { pr: { number: 2, url: 'u', branch: 'b' } }
        )
      ],
      new Date(T0.getTime() - 10 * 60_000)
    )

    const plan = schedule({ ledger, settings: settingsWith(s => (s.budgets.prs_per_hour = 1)), now: T0 })

    expect(plan.picked).toEqual([])
    expect(plan.deferred[0]?.reason).toBe('hourly pull request cap reached: 1 of 1 in the last hour')
  })

  it('stops at the daily budget using what the ledger recorded today', () => {
    let ledger = applyOps(emptyLedger(), [
      upsertCandidates([candidate('spent'), candidate('a'), candidate('b')])
    ])
    const spent = idOf(ledger, 'spent')
    ledger = applyOps(ledger, [
      leaseItem(spent, HOUR),
      recordResult({ itemId: spent, success: true, summary: 'ok', durationMs: 1, turns: 1, costUsd: 3 })
    ])

    const plan = schedule({
      ledger,
      settings: settingsWith(s => {
        s.budgets.cost_per_day_usd = 8
        s.budgets.cost_per_run_usd = 100
      }),
      now: T0
    })

    // Past results of the type make the estimate $3 an item: $3 spent + $3 planned fits, one more does not.
    expect(plan.picked).toHaveLength(1)
    expect(plan.deferred[0]?.reason).toBe(
      'daily budget: $6.00 spent or planned today + ~$3.00 would pass $8.00'
    )
  })

  it('stops at the run budget', () => {
    const ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('a'), candidate('b')])])

    const plan = schedule({
      ledger,
      settings: settingsWith(s => (s.budgets.cost_per_run_usd = 0.6)),
      now: T0
    })

    expect(plan.picked).toHaveLength(1)
    expect(plan.deferred[0]?.reason).toMatch(/^run budget: \$0\.50 planned \+ ~\$0\.50 would pass \$0\.60$/)
  })

  it('backs off a failed item, doubling the wait with each attempt', () => {
    let ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('flaky')])])
    const flaky = idOf(ledger, 'flaky')
    const failOnce = [
      leaseItem(flaky, HOUR),
      recordResult({
        itemId: flaky,
        success: false,
        summary: '',
        error: 'boom',
        durationMs: 1,
        turns: 1,
        costUsd: 0
      })
    ]
    ledger = applyOps(ledger, failOnce, T0)
    const settings = settingsWith(s => (s.loop.retry_backoff_seconds = 600))

    expect(schedule({ ledger, settings, now: new Date(T0.getTime() + 5 * 60_000) }).deferred[0]?.reason).toBe(
      'backing off after 1 failed attempt(s) until 2026-11-24T12:10:00.000Z'
    )
    expect(schedule({ ledger, settings, now: new Date(T0.getTime() + 11 * 60_000) }).picked).toHaveLength(1)

    ledger = applyOps(ledger, failOnce, new Date(T0.getTime() + 11 * 60_000))
    expect(
      schedule({ ledger, settings, now: new Date(T0.getTime() + 25 * 60_000) }).deferred[0]?.reason
    ).toBe('backing off after 2 failed attempt(s) until 2026-11-24T12:31:00.000Z')
  })

  it('takes up at once an item whose run died before recording a result (lease expired)', () => {
    let ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('crashed')])])
    const crashed = idOf(ledger, 'crashed')
    ledger = applyOps(ledger, [leaseItem(crashed, 60_000)], T0)
    ledger = applyOps(ledger, [reclaimExpiredLeases()], new Date(T0.getTime() + 2 * 60_000))
    const settings = settingsWith(s => (s.loop.retry_backoff_seconds = 600))

    const plan = schedule({ ledger, settings, now: new Date(T0.getTime() + 3 * 60_000) })

    expect(ledger.items.get(crashed)?.attempts).toBe(1)
    expect(plan.picked.map(decision => decision.itemId)).toEqual([crashed])
  })

  it('considers only the named items when asked (execute mode)', () => {
    const ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('a'), candidate('b')])])

    const plan = schedule({ ledger, settings: defaultSettings(), now: T0, onlyItems: [idOf(ledger, 'b')] })

    expect(plan.picked.map(decision => decision.title)).toEqual(['b'])
    expect(plan.deferred).toEqual([])
  })

  it('never picks items that are not pending', () => {
    let ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('gone')])])
    ledger = applyOps(ledger, [transition(idOf(ledger, 'gone'), 'dismissed')])

    expect(schedule({ ledger, settings: defaultSettings(), now: T0 }).picked).toEqual([])
  })
})
