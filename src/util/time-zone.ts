/**
 * Wall-clock time in IANA time zones with nothing but `Intl`: what the clock on the wall shows at an
 * instant, the instant a wall-clock time names, and the next instant a time of day comes round.
 * Daylight-saving changes are handled the way people read clocks: a time the clock skips (02:30 on
 * the night it jumps from 02:00 to 03:00) comes at the jump, a time it shows twice means the first.
 */

/** What a clock in a time zone shows. `weekday` is 0 for Sunday … 6 for Saturday; `month` is 1–12. */
export interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly weekday: number
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short'
    })
    formatters.set(zone, format)
  }
  return format
}

/** Return true if `zone` is a time zone `Intl` knows (`Europe/Paris`, `UTC`, `America/New_York`). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** The machine's own time zone (`TZ`, else the system's), `UTC` when it cannot be told. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** What the clock in `zone` shows at `instant`. */
export function wallClock(instant: Date, zone: string): WallClock {
  const parts: Record<string, string> = {}
  for (const part of formatter(zone).formatToParts(instant)) parts[part.type] = part.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? '')
  }
}

/** The zone's offset from UTC at `instant`, in milliseconds (Paris in winter: +3,600,000). */
function offsetAt(instant: number, zone: string): number {
  const clock = wallClock(new Date(instant), zone)
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second)
  return asUtc - Math.floor(instant / 1000) * 1000
}

/**
 * The instant at which the clock in `zone` shows the given date and time. A time skipped by a
 * daylight-saving jump maps to the moment of the jump; a time shown twice maps to the first.
 */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  zone: string
): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute)
  // The offsets a few hours either side of the naive instant cover every real transition.
  const candidates = [
    ...new Set([offsetAt(naive - 6 * 3_600_000, zone), offsetAt(naive + 6 * 3_600_000, zone)])
  ]
    .map(offset => naive - offset)
    .filter(instant => {
      const clock = wallClock(new Date(instant), zone)
      return clock.hour === time.hour && clock.minute === time.minute && clock.day === date.day
    })
    .sort((a, b) => a - b)
  if (candidates[0] !== undefined) return new Date(candidates[0])
  // Skipped by a jump forward: the first instant after it, i.e. the jump itself.
  const before = naive - offsetAt(naive - 6 * 3_600_000, zone)
  const after = naive - offsetAt(naive + 6 * 3_600_000, zone)
  let low = Math.min(before, after)
  let high = Math.max(before, after)
  const shownBefore = (instant: number) => {
    const clock = wallClock(new Date(instant), zone)
    return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute) < naive
  }
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2 / 1000) * 1000
    if (shownBefore(middle)) low = middle
    else high = middle
  }
  return new Date(high)
}

/** The calendar date `days` after the given one (proleptic Gregorian, no time zone involved). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number
): { year: number; month: number; day: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
}

/**
 * The first instant after `now` (or up to `graceMs` before it) at which the clock in `zone` shows
 * `hour:minute`: today's if it is still to come, else tomorrow's.
 */
export function nextTimeOfDay(
  now: Date,
  time: { hour: number; minute: number },
  zone: string,
  graceMs = 0
): Date {
  const today = wallClock(now, zone)
  for (let days = 0; days <= 2; days++) {
    const candidate = zonedInstant(addDays(today, days), time, zone)
    if (candidate.getTime() > now.getTime() - graceMs) return candidate
  }
  return zonedInstant(addDays(today, 3), time, zone)
}

/** `17:00` — hours and minutes as the clock in `zone` shows them at `instant`. */
export function clockTime(instant: Date, zone: string): string {
  const clock = wallClock(instant, zone)
  return `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`
}

/**
 * An instant for people: `17:00 UTC` when it is within a day of `now`, else `2026-12-05 17:00 UTC`;
 * in another zone than UTC the zone's own clock comes first (`18:00 Europe/Paris (17:00 UTC)`).
 */
export function describeInstant(instant: Date, now: Date, zone = 'UTC'): string {
  const near = Math.abs(instant.getTime() - now.getTime()) < 20 * 3_600_000
  const show = (where: string) => {
    const clock = wallClock(instant, where)
    const day = `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')} `
    return `${near ? '' : day}${clockTime(instant, where)} ${where}`
  }
  return zone === 'UTC' || zone === 'Etc/UTC' ? show('UTC') : `${show(zone)} (${show('UTC')})`
}
