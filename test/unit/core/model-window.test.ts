import { describe, expect, it } from '@jest/globals'
import { defaultSettings, SettingsSchema } from '../../../src/config/schema.js'
import {
  activeHoursWindow,
  isWithinActiveHours,
  modelWindow,
  nextOpening,
  type ActiveHours
} from '../../../src/core/model-window.js'
import { OUTAGE_CURSOR, OutageBreaker } from '../../../src/core/outage.js'
import { schedule } from '../../../src/core/scheduler.js'
import { setCursor, upsertCandidates } from '../../../src/ledger/ops.js'
import { zonedInstant } from '../../../src/util/time-zone.js'
import { T0, applyOps, candidate, emptyLedger } from '../../support/ledgers.js'

const PARIS_OFFICE: ActiveHours = {
  from: '09:00',
  to: '18:00',
  time_zone: 'Europe/Paris',
  days: ['mon', 'tue', 'wed', 'thu', 'fri']
}
const NIGHTS: ActiveHours = { from: '22:00', to: '06:00', time_zone: 'America/New_York', days: ['fri'] }

describe('loop.active_hours', () => {
  it('is open on the zone’s clock, not UTC’s: 09:00 Paris is 08:00 UTC in winter and 07:00 in summer', () => {
    expect(isWithinActiveHours(PARIS_OFFICE, new Date('2026-01-14T08:00:00Z'))).toBe(true)
    expect(isWithinActiveHours(PARIS_OFFICE, new Date('2026-01-14T07:59:00Z'))).toBe(false)
    expect(isWithinActiveHours(PARIS_OFFICE, new Date('2026-07-15T07:00:00Z'))).toBe(true)
    expect(isWithinActiveHours(PARIS_OFFICE, new Date('2026-07-15T16:00:00Z'))).toBe(false)
  })

  it('keeps to its days: closed all Saturday, and the next opening after Friday evening is Monday 09:00', () => {
    const fridayEvening = new Date('2026-01-16T18:30:00Z')

    expect(isWithinActiveHours(PARIS_OFFICE, new Date('2026-01-17T10:00:00Z'))).toBe(false)
    expect(nextOpening(PARIS_OFFICE, fridayEvening).toISOString()).toBe('2026-01-19T08:00:00.000Z')
  })

  it('runs a window past midnight into the next day, as part of the day it opened on', () => {
    // Friday 2026-01-16 22:00 New York (UTC-5) to Saturday 06:00.
    expect(isWithinActiveHours(NIGHTS, new Date('2026-01-17T03:00:00Z'))).toBe(true)
    expect(isWithinActiveHours(NIGHTS, new Date('2026-01-17T10:59:00Z'))).toBe(true)
    expect(isWithinActiveHours(NIGHTS, new Date('2026-01-17T11:00:00Z'))).toBe(false)
    // Thursday night is not a Friday window, nor is Saturday night.
    expect(isWithinActiveHours(NIGHTS, new Date('2026-01-16T04:00:00Z'))).toBe(false)
    expect(isWithinActiveHours(NIGHTS, new Date('2026-01-18T04:00:00Z'))).toBe(false)
    expect(nextOpening(NIGHTS, new Date('2026-01-17T12:00:00Z')).toISOString()).toBe(
      '2026-01-24T03:00:00.000Z'
    )
  })

  it('follows a daylight-saving jump: the night Paris skips 02:00–03:00, a 02:30 opening comes at 03:00', () => {
    const early: ActiveHours = { from: '02:30', to: '05:00', time_zone: 'Europe/Paris' }

    // 2026-03-29: 02:00 CET jumps to 03:00 CEST, i.e. at 01:00 UTC.
    expect(nextOpening(early, new Date('2026-03-28T23:00:00Z')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z'
    )
    expect(isWithinActiveHours(early, new Date('2026-03-29T01:00:00Z'))).toBe(true)
    // The night after, 02:30 CEST is 00:30 UTC.
    expect(nextOpening(early, new Date('2026-03-29T12:00:00Z')).toISOString()).toBe(
      '2026-03-30T00:30:00.000Z'
    )
  })

  it('takes a time the clock shows twice (the October fall-back) at its first showing', () => {
    expect(
      zonedInstant({ year: 2026, month: 10, day: 25 }, { hour: 2, minute: 30 }, 'Europe/Paris').toISOString()
    ).toBe('2026-10-25T00:30:00.000Z')
  })

  it('says, when closed, when it opens next in both clocks', () => {
    const window = activeHoursWindow(PARIS_OFFICE, new Date('2026-01-14T19:00:00Z'))

    expect(window).toEqual({
      open: false,
      cause: 'active_hours',
      until: '2026-01-15T08:00:00.000Z',
      reason:
        'active hours: model work starts only 09:00–18:00 Europe/Paris, mon tue wed thu fri; it opens next at 09:00 Europe/Paris (08:00 UTC)'
    })
  })

  it('is validated: a zone Intl does not know, a bad time, and from = to are refused with the key named', () => {
    const parse = (active_hours: unknown) => SettingsSchema.safeParse({ loop: { active_hours } })

    expect(parse({ from: '09:00', to: '18:00', time_zone: 'Europe/Parise' }).error?.issues[0]?.path).toEqual([
      'loop',
      'active_hours',
      'time_zone'
    ])
    expect(parse({ from: '9am', to: '18:00' }).success).toBe(false)
    expect(parse({ from: '09:00', to: '09:00' }).success).toBe(false)
    expect(parse({ from: '22:00', to: '06:00' }).data?.loop.active_hours).toEqual({
      from: '22:00',
      to: '06:00',
      time_zone: 'UTC'
    })
  })

  it('is open at every hour by default', () => {
    const always = defaultSettings().loop.active_hours

    expect(always).toEqual({ from: '00:00', to: '24:00', time_zone: 'UTC' })
    for (const at of ['2026-01-17T00:00:00Z', '2026-01-17T23:59:59Z', '2026-03-29T01:00:00Z'])
      expect(isWithinActiveHours(always, new Date(at))).toBe(true)
  })
})

describe('the model window of a cycle', () => {
  const resetsAt = new Date(T0.getTime() + 3_600_000).toISOString()
  const limited = applyOps(emptyLedger(), [
    upsertCandidates([candidate('fix add()')]),
    setCursor(OUTAGE_CURSOR, {
      kind: 'usage_limit',
      status: 429,
      message: "You've hit your 5-hour limit · resets 1pm (UTC)",
      at: T0.toISOString(),
      resetsAt,
      resetSaid: 'resets 1pm (UTC)'
    })
  ])

  it('is closed until a recorded usage limit resets, and every pending item’s plan entry says why', () => {
    const window = modelWindow(limited, defaultSettings(), T0)
    expect(window.open).toBe(false)
    const reason = window.open ? '' : window.reason

    const plan = schedule({ ledger: limited, settings: defaultSettings(), now: T0, blocked: reason })

    expect(reason).toMatch(/^usage limit: model work waits until \d\d:\d\d UTC \(resets 1pm, UTC\)$/)
    expect(plan.picked).toEqual([])
    expect(plan.deferred.map(decision => decision.reason)).toEqual([reason])
  })

  it('opens again once the reset has passed', () => {
    expect(modelWindow(limited, defaultSettings(), new Date(Date.parse(resetsAt) + 1000)).open).toBe(true)
  })
})

describe('the outage breaker and a usage limit', () => {
  it('opens at the first usage limit: it holds for every item of the account', () => {
    const breaker = new OutageBreaker()

    breaker.observe({ kind: 'usage_limit', status: 429, message: 'limit', resetsAt: '2026-01-01T00:00:00Z' })

    expect(breaker.open?.kind).toBe('usage_limit')
  })
})
