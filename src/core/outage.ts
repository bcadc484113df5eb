/**
 * The model-outage breaker of one cycle: after a few consecutive items end on the same kind of model
 * outage (overloaded, failing, rate-limited, unreachable) — or on the first rejected credential or
 * usage limit, which hold for the whole account — no further item starts. Outages are not the items' fault: they are not charged as attempts (the
 * cycle records them as such), and the outage is kept in the ledger so that the next cycle probes
 * with one item before starting the others.
 */
import { z } from 'zod'
import type { Outage, OutageKind } from '../executor/outcome.js'
import { describeInstant } from '../util/time-zone.js'

/** Items in a row ending on one kind of outage after which the cycle stops starting items. */
export const OUTAGE_LIMIT = 2

/**
 * The ledger cursor where an open outage is kept between cycles (null once the model answers again).
 * A usage limit is kept here too, with its `resetsAt`: the one place that says model work waits.
 */
export const OUTAGE_CURSOR = 'model-outage'

/** An outage as the ledger keeps it. */
export const RecordedOutageSchema = z.looseObject({
  kind: z.string(),
  status: z.number().nullable(),
  message: z.string(),
  at: z.string(),
  /** When it ends, when that is known (a usage limit's reset, ISO). */
  resetsAt: z.string().optional(),
  /** How the end was told (`resets 5pm (Europe/Paris)`). */
  resetSaid: z.string().optional()
})
export type RecordedOutage = z.infer<typeof RecordedOutageSchema>

/** The outage an earlier cycle recorded, if any (anything unreadable counts as none). */
export function recordedOutage(cursor: unknown): RecordedOutage | undefined {
  const parsed = RecordedOutageSchema.safeParse(cursor)
  return parsed.success ? parsed.data : undefined
}

/** Return true if the outage is a usage limit whose reset is still to come at `now`. */
export function isUsageLimitAhead(
  outage: Pick<RecordedOutage, 'kind' | 'resetsAt'> | undefined,
  now: Date
): outage is RecordedOutage & { resetsAt: string } {
  return (
    outage?.kind === 'usage_limit' &&
    outage.resetsAt !== undefined &&
    Date.parse(outage.resetsAt) > now.getTime()
  )
}

/** `17:00 UTC (resets 6pm, Europe/Paris)`: when a usage limit resets, as people read it. */
export function describeReset(
  outage: Pick<Outage, 'resetsAt' | 'resetSaid'>,
  now: Date = new Date()
): string {
  if (!outage.resetsAt) return 'an unknown time'
  const when = describeInstant(new Date(outage.resetsAt), now)
  // `resets 5pm (Europe/Paris)` inside parentheses reads better as `resets 5pm, Europe/Paris`.
  const said = outage.resetSaid?.replace(/\s*\(([^)]*)\)/g, ', $1')
  return said ? `${when} (${said})` : when
}

/** What an outage means, for people: one line. */
export function describeOutage(
  outage: Pick<Outage, 'status' | 'message' | 'resetsAt' | 'resetSaid'> & { kind: string },
  now: Date = new Date()
): string {
  if (outage.kind === 'usage_limit')
    return `Claude Code's usage limit was reached; model work waits until ${describeReset(outage, now)}; it said: ${outage.message.replace(/\s+/g, ' ').slice(0, 200)}`
  const code = outage.status === null ? '' : ` (HTTP ${outage.status})`
  const what: Record<OutageKind, string> = {
    auth: `the model API rejected the credential${code}: check ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN or the runner's Claude login`,
    overloaded: `the model API is overloaded${code}`,
    server_error: `the model API is failing${code}`,
    rate_limited: `the model API is rate-limiting this account${code}`,
    unreachable: 'the model API cannot be reached',
    usage_limit: "Claude Code's usage limit was reached"
  }
  const kind = outage.kind as OutageKind
  return `${what[kind] ?? `model outage ${outage.kind}${code}`}; it said: ${outage.message.replace(/\s+/g, ' ').slice(0, 200)}`
}

/** The breaker's state within one cycle. */
export class OutageBreaker {
  private kind: OutageKind | undefined
  private count = 0
  private opened: Outage | undefined
  /** True once an item ended on something other than an outage (the model answered). */
  answered = false

  /** `limit`: outages in a row that open it (1 when an earlier cycle already saw the outage). */
  constructor(private readonly limit: number = OUTAGE_LIMIT) {}

  /** The outage that stopped the cycle from starting items, if it did. */
  get open(): Outage | undefined {
    return this.opened
  }

  /** Counts one item's end: an outage of the same kind as the last adds up; anything else resets. */
  observe(outage: Outage | undefined): void {
    if (!outage) {
      this.kind = undefined
      this.count = 0
      this.answered = true
      return
    }
    this.count = outage.kind === this.kind ? this.count + 1 : 1
    this.kind = outage.kind
    // A rejected credential or a usage limit holds for every item: no second one is tried.
    if (outage.kind === 'auth' || outage.kind === 'usage_limit' || this.count >= this.limit)
      this.opened ??= outage
  }
}
