/**
 * When model work may start (pure): not before a recorded usage limit resets, and only inside
 * `loop.active_hours` when they are set. Outside, a cycle still discovers, reconciles and reports;
 * it starts no item, and every pending item's plan entry says why and until when. An item already
 * running is never stopped by either rule.
 */
import { WEEKDAY_NAMES, type Settings } from '../config/schema.js'
import type { Ledger } from '../ledger/schema.js'
import { addDays, describeInstant, wallClock, zonedInstant } from '../util/time-zone.js'
import { describeReset, isUsageLimitAhead, OUTAGE_CURSOR, recordedOutage } from './outage.js'

/** The hours of `loop.active_hours`. */
export type ActiveHours = Settings['loop']['active_hours']

/** Whether model work may start now, and if not, why and until when. */
export type ModelWindow =
  | { readonly open: true }
  | {
      readonly open: false
      readonly cause: 'usage_limit' | 'active_hours'
      /** When model work may start again (ISO). */
      readonly until: string
      /** One line for the plan, the summary and the log. */
      readonly reason: string
    }

const OPEN: ModelWindow = { open: true }

function minutesOf(text: string): number {
  const [hours, minutes] = text.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

function daysOf(window: ActiveHours): Set<number> {
  return new Set((window.days ?? WEEKDAY_NAMES).map(day => WEEKDAY_NAMES.indexOf(day)))
}

/**
 * Return true if `now` falls inside the active hours. A window past midnight (22:00 to 06:00)
 * belongs to the day it opens: with `days: [fri]` it runs from Friday 22:00 to Saturday 06:00.
 */
export function isWithinActiveHours(window: ActiveHours, now: Date): boolean {
  const clock = wallClock(now, window.time_zone)
  const minute = clock.hour * 60 + clock.minute
  const from = minutesOf(window.from)
  const to = minutesOf(window.to)
  const days = daysOf(window)
  if (from < to) return days.has(clock.weekday) && minute >= from && minute < to
  return (days.has(clock.weekday) && minute >= from) || (days.has((clock.weekday + 6) % 7) && minute < to)
}

/** The next instant after `now` at which the active hours open. */
export function nextOpening(window: ActiveHours, now: Date): Date {
  const today = wallClock(now, window.time_zone)
  const from = minutesOf(window.from)
  const days = daysOf(window)
  for (let offset = 0; offset <= 8; offset++) {
    if (!days.has((today.weekday + offset) % 7)) continue
    const at = zonedInstant(
      addDays(today, offset),
      { hour: Math.floor(from / 60), minute: from % 60 },
      window.time_zone
    )
    if (at.getTime() > now.getTime()) return at
  }
  // Unreachable with at least one day; a week on is a safe answer all the same.
  return new Date(now.getTime() + 7 * 86_400_000)
}

/** `09:00–18:00 Europe/Paris, mon–fri`. */
export function describeActiveHours(window: ActiveHours): string {
  const days = window.days ? `, ${window.days.join(' ')}` : ''
  return `${window.from}–${window.to} ${window.time_zone}${days}`
}

/** The active-hours rule alone. */
export function activeHoursWindow(window: ActiveHours, now: Date): ModelWindow {
  if (isWithinActiveHours(window, now)) return OPEN
  const opens = nextOpening(window, now)
  return {
    open: false,
    cause: 'active_hours',
    until: opens.toISOString(),
    reason: `active hours: model work starts only ${describeActiveHours(window)}; it opens next at ${describeInstant(opens, now, window.time_zone)}`
  }
}

/** The usage-limit rule alone: closed while the ledger holds a usage limit that has not reset. */
export function usageLimitWindow(ledger: Ledger, now: Date): ModelWindow {
  const recorded = recordedOutage(ledger.state.cursors[OUTAGE_CURSOR])
  if (!isUsageLimitAhead(recorded, now)) return OPEN
  return {
    open: false,
    cause: 'usage_limit',
    until: recorded.resetsAt,
    reason: `usage limit: model work waits until ${describeReset(recorded, now)}`
  }
}

/** Both rules: the usage limit first (it is the account's), then the active hours. */
export function modelWindow(ledger: Ledger, settings: Settings, now: Date): ModelWindow {
  const usage = usageLimitWindow(ledger, now)
  return usage.open ? activeHoursWindow(settings.loop.active_hours, now) : usage
}
