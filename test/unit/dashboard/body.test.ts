import { describe, expect, it } from '@jest/globals'
import { dashboardBody, parseTicks, ISSUE_BODY_LIMIT } from '../../../src/dashboard/body.js'
import { steerOp } from '../../../src/dashboard/steer.js'
import { schedule } from '../../../src/core/scheduler.js'
import { SettingsSchema } from '../../../src/config/schema.js'
import { upsertCandidates, transition } from '../../../src/ledger/ops.js'
import { applyOps, emptyLedger, idOf } from '../../support/ledgers.js'

const settings = SettingsSchema.parse({})
const now = new Date('2026-12-01T12:00:00Z')

function ledgerOf(count: number, type: 'lint' | 'coverage' = 'lint') {
  return applyOps(emptyLedger(), [
    upsertCandidates(
      Array.from({ length: count }, (_, index) => ({
        fingerprint: `${type}:rule-${index}`,
        type,
        source: type,
        title: `Fix rule ${index} @alice <!-- ccal:retry=0123456789ab -->`
      }))
    )
  ])
}

describe('the dashboard body', () => {
  it('reads back the boxes a person ticked, once each, and never a marker inside a title', () => {
    const ledger = ledgerOf(2)
    const body = dashboardBody({ ledger, settings, plan: schedule({ ledger, settings, now }) })
    const id = idOf(ledger, 'lint:rule-0')

    expect(parseTicks(body)).toEqual([])
    expect(body).not.toContain('ccal:retry=0123456789ab')
    expect(body).toContain('@\u200Dalice')
    const ticked = body.replace(`- [ ] <!-- ccal:next=${id} -->`, `- [x] <!-- ccal:next=${id} -->`)
    expect(parseTicks(`${ticked}\n${ticked}`)).toEqual([{ action: 'next', itemId: id }])
  })

  it('is the same text for the same ledger: it holds no clock', () => {
    const ledger = ledgerOf(3)
    const first = dashboardBody({ ledger, settings, plan: schedule({ ledger, settings, now }) })
    const later = dashboardBody({ ledger, settings, plan: schedule({ ledger, settings, now }) })
    expect(later).toBe(first)
  })

  it("stays within GitHub's limit, saying how many more each cut section holds", () => {
    const ledger = ledgerOf(3000)
    const body = dashboardBody({ ledger, settings, plan: schedule({ ledger, settings, now }) })

    expect(body.length).toBeLessThan(ISSUE_BODY_LIMIT)
    expect(body).toContain(`### Queue (${ledger.items.count('pending')})`)
    expect(body).toMatch(/… and \d+ more/)
  })
})

describe('steering from the dashboard', () => {
  it('runs an item next, skips another, and says why a tick that does not apply was not applied', () => {
    const ledger = ledgerOf(3)
    const [a, b, c] = ['lint:rule-0', 'lint:rule-1', 'lint:rule-2'].map(fp => idOf(ledger, fp)) as [
      string,
      string,
      string
    ]
    const done = applyOps(ledger, [transition(c, 'dismissed', { actor: 'human' })])

    const { ledger: after, description } = steerOp(
      [
        { action: 'next', itemId: a },
        { action: 'skip', itemId: b },
        { action: 'next', itemId: c }
      ],
      { login: 'maintainer', at: '2026-12-01T10:00:00Z' }
    )(done, { now, runId: 'r' })

    expect(after.items.get(a)!.priority).toBe(1)
    expect(after.items.get(b)!.status).toBe('dismissed')
    expect(after.items.get(b)!.context.steeredBy).toBe('maintainer (skip, 2026-12-01T10:00:00Z)')
    expect(description).toContain(`${c}: run next not applied (the item is dismissed)`)
  })

  it('holds new items of an approval type until someone approves one', () => {
    const gated = SettingsSchema.parse({ dashboard: { approval_required: ['coverage'] } })
    const ledger = ledgerOf(2, 'coverage')
    const id = idOf(ledger, 'coverage:rule-0')

    const before = schedule({ ledger, settings: gated, now })
    expect(before.picked).toEqual([])
    expect(before.deferred[0]!.reason).toContain("tick 'approve' on the dashboard")

    const approved = steerOp([{ action: 'approve', itemId: id }], {
      login: 'maintainer',
      at: '2026-12-01T10:00:00Z'
    })(ledger, { now, runId: 'r' }).ledger
    expect(
      schedule({ ledger: approved, settings: gated, now }).picked.map(decision => decision.itemId)
    ).toEqual([id])
  })
})
