/**
 * A subscription's usage limit, as Claude Code reports it (pure). On a claude.ai login the API refuses
 * a request with HTTP 429 and `anthropic-ratelimit-unified-status: rejected` plus
 * `anthropic-ratelimit-unified-reset: <epoch seconds>`; the CLI then ends the run with
 * `is_error: true`, `api_error_status: 429`, `api_error: "usage_limit_reached"`, a stream line
 * `{"type":"rate_limit_event","rate_limit_info":{"status":"rejected","resetsAt":<epoch s>,…}}` and a
 * result text for people. The texts seen so far (each quoted in test/unit/executor/usage-limit.test.ts
 * with where it was seen):
 *
 * - `Claude AI usage limit reached|1755615600` (CLI 1.0.x: the reset as epoch seconds after a pipe)
 * - `Claude usage limit reached. Your limit will reset at 5pm (Europe/Warsaw).` (1.0.x)
 * - `5-hour limit reached ∙ resets 4pm`, `Session limit reached ∙ resets 5am` (1.0.8x)
 * - `You've hit your limit · resets 3pm (America/New_York)`, `… session limit · resets 5:20am
 *   (America/Denver)`, `… weekly limit · resets 5pm (America/Detroit)`, `… · resets Apr 23 at 4pm
 *   (America/Recife)` (2.1.x)
 * - `You've hit your 5-hour limit · resets 1:18am (UTC)`, `… · resets Dec 5, 12:19am (UTC)` (2.1.330,
 *   checked here against the scripted model server)
 *
 * The reset becomes an absolute instant: the epoch when there is one (exact); else the time of day in
 * the zone named (the machine's zone when none is), the next time it comes round; else a bounded
 * default wait, and the reason says so. An API-key account's 429 carries no reset the CLI reports:
 * that stays a rate limit (a plain outage), not a usage limit.
 */
import { oneLine } from '../util/text.js'
import { isTimeZone, localTimeZone, nextTimeOfDay, wallClock, zonedInstant } from '../util/time-zone.js'
import { sanitizeUntrusted } from '../util/untrusted.js'

/** How long CCAL waits when a usage limit names no reset time it can read. */
export const DEFAULT_USAGE_WAIT_MS = 3_600_000

/** The CLI's `api_error` for a request refused by the account's own usage limit. */
export const USAGE_LIMIT_API_ERROR = 'usage_limit_reached'

/** What a `rate_limit_event` stream line said. */
export interface RateLimitEvent {
  /** `allowed`, `allowed_warning` or `rejected`. */
  readonly status: string
  /** When the limit resets, in epoch seconds, when the CLI says. */
  readonly resetsAt: number | null
  /** `five_hour`, `seven_day`, … */
  readonly rateLimitType: string | null
}

/** A usage limit a run ended on. */
export interface UsageLimit {
  /** When model work may start again (ISO). */
  readonly resetsAt: string
  /** How the reset was told: `resets 5pm (Europe/Paris)`, `epoch 1755615600`, or why it is a default. */
  readonly said: string
  /** False when no reset could be read and {@link DEFAULT_USAGE_WAIT_MS} was assumed. */
  readonly known: boolean
  /** The CLI's line, one line, sanitized and bounded: safe to quote in a comment or the ledger. */
  readonly line: string
}

/** What the CLI wrote that may tell of a usage limit. */
export interface UsageLimitEvidence {
  /** The result text (or the CLI's error text). */
  readonly text: string
  /** The result line's `api_error`, when it has one. */
  readonly apiError?: string | null
  /** The last `rate_limit_event` of the run, when there was one. */
  readonly rateLimit?: RateLimitEvent | null
}

const MAX_LINE = 300

/** The texts the CLI has used for a refused request (see the module comment). */
const USAGE_LIMIT_TEXT =
  /usage limit reached|you'?ve hit your (?:[\w-]+ )*limit|\b(?:5-hour|five-hour|session|weekly|opus|sonnet) limit reached/i

/** `Claude AI usage limit reached|1755615600` (seconds; milliseconds accepted too). */
const PIPE_EPOCH = /usage limit reached\|(\d{10,13})\b/i

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * `resets 5pm`, `resets at 1 PM`, `reset at 5pm (Europe/Warsaw)`, `resets 5:20am (America/Denver)`,
 * `resets Dec 5, 12:19am (UTC)`, `resets Apr 23 at 4pm (America/Recife)`, `resets 17:00`.
 */
const RESET_PHRASE =
  /\bresets?\s+(?:at\s+)?(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:,\s*|\s+at\s+|\s+))?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?:\s*\(([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)\))?/i

/** Return true if the text is one of the CLI's usage-limit messages. */
export function isUsageLimitText(text: string): boolean {
  return USAGE_LIMIT_TEXT.test(text)
}

/** The CLI's line, quoted safely: the first line that names the limit, sanitized, bounded. */
function quotedLine(text: string): string {
  const lines = sanitizeUntrusted(text, { maxLength: 4000 }).split('\n')
  const line = lines.find(candidate => isUsageLimitText(candidate)) ?? lines[0] ?? ''
  return oneLine(line, MAX_LINE)
}

function fromEpoch(value: number): Date {
  return new Date(value > 1e12 ? value : value * 1000)
}

/** The instant a reset phrase names, or undefined when the phrase is not one. */
export function parseResetPhrase(
  text: string,
  now: Date,
  localZone: string = localTimeZone()
): { at: Date; said: string } | undefined {
  const match = RESET_PHRASE.exec(text)
  if (!match) return undefined
  const [phrase, monthName, dayText, hourText, minuteText, meridiem, zoneName] = match
  // A bare number ("resets 5") is no time: a time has am/pm or minutes.
  if (!meridiem && minuteText === undefined) return undefined
  let hour = Number(hourText)
  const minute = minuteText === undefined ? 0 : Number(minuteText)
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0)
  }
  if (hour > 23 || minute > 59) return undefined
  const zone = zoneName && isTimeZone(zoneName) ? zoneName : localZone
  const said = oneLine(phrase.trim(), 80)
  if (monthName && dayText) {
    const month = MONTHS.indexOf(monthName.toLowerCase().slice(0, 3)) + 1
    const day = Number(dayText)
    if (day < 1 || day > 31) return undefined
    const { year } = wallClock(now, zone)
    // The next such date: this year's, unless it is well past (a reset is never long ago).
    for (const candidate of [year, year + 1]) {
      const at = zonedInstant({ year: candidate, month, day }, { hour, minute }, zone)
      if (at.getTime() > now.getTime() - 86_400_000) return { at, said }
    }
    return undefined
  }
  // The CLI shows the reset to the minute, rounded down: a time within the last minute is now.
  const at = nextTimeOfDay(now, { hour, minute }, zone, 60_000)
  return { at: at.getTime() <= now.getTime() ? new Date(at.getTime() + 60_000) : at, said }
}

/**
 * The usage limit a run ended on, if it ended on one: the CLI's `api_error`, a rejected
 * `rate_limit_event`, or one of its texts. Only for runs that ended on an error: a finished agent's
 * summary may well talk about limits.
 */
export function usageLimitOf(
  evidence: UsageLimitEvidence,
  now: Date,
  localZone: string = localTimeZone()
): UsageLimit | undefined {
  const rejected = evidence.rateLimit?.status === 'rejected' ? evidence.rateLimit : undefined
  const flagged = evidence.apiError === USAGE_LIMIT_API_ERROR
  if (!rejected && !flagged && !isUsageLimitText(evidence.text)) return undefined
  const line = quotedLine(evidence.text) || 'usage limit reached'
  const found = (at: Date, said: string): UsageLimit => ({
    resetsAt: at.toISOString(),
    said,
    known: true,
    line
  })
  if (rejected?.resetsAt) {
    const at = fromEpoch(rejected.resetsAt)
    const phrase = parseResetPhrase(evidence.text, now, localZone)
    return found(at, phrase?.said ?? `epoch ${rejected.resetsAt}`)
  }
  const pipe = PIPE_EPOCH.exec(evidence.text)
  if (pipe?.[1]) return found(fromEpoch(Number(pipe[1])), `epoch ${pipe[1]}`)
  const phrase = parseResetPhrase(evidence.text, now, localZone)
  if (phrase) return found(phrase.at, phrase.said)
  return {
    resetsAt: new Date(now.getTime() + DEFAULT_USAGE_WAIT_MS).toISOString(),
    said: `no reset time given; CCAL waits ${DEFAULT_USAGE_WAIT_MS / 60_000} minutes`,
    known: false,
    line
  }
}
