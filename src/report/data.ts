/**
 * The numbers behind `ccal report`: what CCAL spent, what became of its pull requests and how the
 * queue moved, over a window of days, from the ledger alone (pure). Each item carries its own
 * timeline (created, every status move, each generation's pull request), so the series are rebuilt
 * from the items rather than from every ledger commit's tree; where an item's oldest history events
 * were dropped, the commit lines that changed it (`ccal ledger log ITEM`) fill the gap when given.
 *
 * The same {@link ReportData} is written as JSON (`--json`) and drawn as the HTML page (html.ts).
 */
import { z } from 'zod'
import { utcDay } from '../ledger/ops.js'
import {
  ITEM_STATUSES,
  ItemStatusSchema,
  ItemTypeSchema,
  TimestampSchema,
  UtcDaySchema,
  type ItemStatus,
  type ItemType,
  type Ledger,
  type WorkItem
} from '../ledger/schema.js'

/** The version of the JSON document {@link ReportDataSchema} describes. */
export const REPORT_DATA_VERSION = 1

/** Days a report covers unless asked otherwise: four weeks. */
export const DEFAULT_REPORT_DAYS = 28

const DAY_MS = 86_400_000
const usd = z.number().nonnegative()
const count = z.number().int().nonnegative()
const rate = z.number().min(0).max(1)

export const PullRequestFactSchema = z.strictObject({
  itemId: z.string(),
  type: ItemTypeSchema,
  title: z.string(),
  number: z.number().int().positive(),
  generation: z.number().int().positive(),
  /** When the item moved to pr_open in this generation; null when no record of it is left. */
  openedAt: TimestampSchema.nullable(),
  /** A maintainer's verdict: merged, closed unmerged, or none yet. */
  verdict: z.enum(['merged', 'closed']).nullable(),
  /** When the ledger recorded the verdict (reconciliation, at most one cycle after the event). */
  verdictAt: TimestampSchema.nullable(),
  /** Hours from opened to merged, for a merged PR whose opening is known. */
  hoursToMerge: z.number().nonnegative().nullable()
})
export type PullRequestFact = z.infer<typeof PullRequestFactSchema>

/** The report's data: everything the page draws, in one JSON document. */
export const ReportDataSchema = z.strictObject({
  version: z.literal(REPORT_DATA_VERSION),
  generatedAt: TimestampSchema,
  ledger: z.strictObject({ branch: z.string().nullable(), commit: z.string().nullable() }),
  window: z.strictObject({ from: UtcDaySchema, to: UtcDaySchema, days: z.number().int().positive() }),
  /** The day budget (`budgets.cost_per_day_usd`) the spend is drawn against; null when unknown. */
  budget: z.strictObject({ dayUsd: usd.nullable() }),
  /** The headline numbers, over the window. */
  summary: z.strictObject({
    items: count,
    byStatus: z.record(ItemStatusSchema, count),
    spentUsd: usd,
    daysOverBudget: count,
    prsOpened: count,
    prsMerged: count,
    prsClosed: count,
    /** Merged ÷ (merged + closed) of the verdicts in the window; null without a verdict. */
    mergeRate: rate.nullable(),
    medianHoursToMerge: z.number().nonnegative().nullable(),
    /** All spend in the window ÷ pull requests merged in it: what one accepted change cost. */
    costPerMergedPrUsd: usd.nullable()
  }),
  spendPerDay: z.array(z.strictObject({ day: UtcDaySchema, usd, attempts: count })),
  /** Weeks start on Monday (UTC); `week` is that Monday. */
  pullRequestsPerWeek: z.array(
    z.strictObject({ week: UtcDaySchema, opened: count, merged: count, closed: count })
  ),
  /** Per item type with any verdict or spend in the window. */
  byType: z.array(
    z.strictObject({
      type: ItemTypeSchema,
      merged: count,
      closed: count,
      mergeRate: rate.nullable(),
      medianHoursToMerge: z.number().nonnegative().nullable(),
      /** Spend of the attempts still in the ledger's results (older ones are folded, without dates). */
      spentUsd: usd,
      costPerMergedPrUsd: usd.nullable()
    })
  ),
  /** Items waiting (pending) and pull requests awaiting review (pr_open) at the end of each day. */
  queuePerDay: z.array(z.strictObject({ day: UtcDaySchema, pending: count, prOpen: count })),
  /** Failures found again and again (CI failures, error-log entries), most occurrences first. */
  failureFingerprints: z.array(
    z.strictObject({
      itemId: z.string(),
      fingerprint: z.string(),
      type: ItemTypeSchema,
      title: z.string(),
      status: ItemStatusSchema,
      occurrences: count,
      regressions: count,
      failedAttempts: count,
      lastSeenAt: TimestampSchema
    })
  ),
  /** Why attempts in the window failed: the executor's reason code, most frequent first. */
  attemptFailures: z.array(z.strictObject({ reason: z.string(), count })),
  pullRequests: z.array(PullRequestFactSchema),
  /** Where a number is an approximation, and why. */
  notes: z.array(z.string())
})
export type ReportData = z.infer<typeof ReportDataSchema>

/** One ledger commit that changed an item, as `LedgerStore.log({ itemId })` lists it. */
export interface ItemCommit {
  readonly date: string
  readonly subject: string
}

export interface ReportOptions {
  readonly now: Date
  /** Days in the window, ending with the UTC day of `now`. */
  readonly days: number
  readonly dayBudgetUsd: number | null
  readonly branch?: string | null
  readonly commit?: string | null
  /** Commits (newest first) of items whose oldest history events were dropped, by item id. */
  readonly commitsByItem?: ReadonlyMap<string, readonly ItemCommit[]>
  /** How many failure fingerprints to list (default 10). */
  readonly topFailures?: number
}

/** Item types whose fingerprints name a failure (as opposed to a request or a finding). */
const FAILURE_TYPES: readonly ItemType[] = ['ci_failure', 'error_log']

/** A moment an item entered a status. */
interface StatusMark {
  readonly at: number
  readonly status: ItemStatus
}

/** The report's data for `ledger` over the window `options` describe. */
export function reportData(ledger: Ledger, options: ReportOptions): ReportData {
  const days = windowDays(options.now, options.days)
  const from = days[0]!
  const to = days.at(-1)!
  const start = Date.parse(`${from}T00:00:00.000Z`)
  const end = Date.parse(`${to}T00:00:00.000Z`) + DAY_MS
  const inWindow = (at: string | null): at is string =>
    at !== null && Date.parse(at) >= start && Date.parse(at) < end
  const notes: string[] = []
  const items = [...ledger.items.values()]

  const results = ledger.results.filter(result => inWindow(result.executedAt))
  const spendPerDay = days.map(day => {
    const ofDay = results.filter(result => result.executedAt.startsWith(day))
    // state.json's daily spend is the budget's own count; results fill days it no longer keeps.
    const kept = ledger.state.dailySpendUsd[day]
    return {
      day,
      usd: roundUsd(kept ?? ofDay.reduce((sum, result) => sum + result.costUsd, 0)),
      attempts: ofDay.length
    }
  })
  const spentUsd = roundUsd(spendPerDay.reduce((sum, day) => sum + day.usd, 0))
  const folded = Object.values(ledger.state.aggregates).some(
    aggregate => Date.parse(aggregate.lastAt) >= start
  )
  if (folded)
    notes.push(
      'Some results of this window were folded into per-type totals (ledger retention): spend per type and failure reasons count only the results still kept; spend per day is complete.'
    )

  const timelines = new Map<string, StatusMark[]>()
  let approximated = 0
  for (const item of items) {
    const timeline = statusTimeline(item, options.commitsByItem?.get(item.id))
    if (timeline.approximate) approximated += 1
    timelines.set(item.id, timeline.marks)
  }
  if (approximated > 0)
    notes.push(
      `${approximated} item${approximated === 1 ? '' : 's'} had their oldest history events dropped and no commit history given: their early status moves are approximated.`
    )

  const pullRequests = items
    .flatMap(item => pullRequestFacts(item, options.commitsByItem?.get(item.id)))
    .filter(pull => inWindow(pull.openedAt) || inWindow(pull.verdictAt))
    .sort(
      (a, b) =>
        (a.openedAt ?? a.verdictAt ?? '').localeCompare(b.openedAt ?? b.verdictAt ?? '') ||
        a.number - b.number
    )
  const merged = pullRequests.filter(pull => pull.verdict === 'merged' && inWindow(pull.verdictAt))
  const closed = pullRequests.filter(pull => pull.verdict === 'closed' && inWindow(pull.verdictAt))
  const unknownOpening = merged.filter(pull => pull.openedAt === null).length
  if (unknownOpening > 0)
    notes.push(
      `${unknownOpening} merged pull request${unknownOpening === 1 ? '' : 's'} without a record of when ${unknownOpening === 1 ? 'it was' : 'they were'} opened: left out of the time to merge.`
    )

  const weeks = [...new Set(days.map(mondayOf))]
  const pullRequestsPerWeek = weeks.map(week => ({
    week,
    opened: pullRequests.filter(
      pull => inWindow(pull.openedAt) && mondayOf(pull.openedAt.slice(0, 10)) === week
    ).length,
    merged: merged.filter(pull => mondayOf(pull.verdictAt!.slice(0, 10)) === week).length,
    closed: closed.filter(pull => mondayOf(pull.verdictAt!.slice(0, 10)) === week).length
  }))

  const types = new Set<ItemType>([...merged, ...closed].map(pull => pull.type))
  for (const result of results) types.add(result.itemType)
  const byType = [...types].sort().map(type => {
    const mergedOfType = merged.filter(pull => pull.type === type)
    const closedOfType = closed.filter(pull => pull.type === type)
    const spent = roundUsd(
      results.filter(result => result.itemType === type).reduce((sum, result) => sum + result.costUsd, 0)
    )
    return {
      type,
      merged: mergedOfType.length,
      closed: closedOfType.length,
      mergeRate: ratio(mergedOfType.length, mergedOfType.length + closedOfType.length),
      medianHoursToMerge: median(hoursOf(mergedOfType)),
      spentUsd: spent,
      costPerMergedPrUsd: mergedOfType.length > 0 ? roundUsd(spent / mergedOfType.length) : null
    }
  })

  const queuePerDay = queueSeries(days, items, timelines)

  const failedAttempts = new Map<string, number>()
  for (const result of ledger.results)
    if (!result.success) failedAttempts.set(result.itemId, (failedAttempts.get(result.itemId) ?? 0) + 1)
  const failureFingerprints = items
    .filter(item => FAILURE_TYPES.includes(item.type) && Date.parse(item.lastSeenAt) >= start)
    .sort(
      (a, b) =>
        b.occurrences - a.occurrences ||
        b.regressions - a.regressions ||
        b.lastSeenAt.localeCompare(a.lastSeenAt) ||
        a.id.localeCompare(b.id)
    )
    .slice(0, options.topFailures ?? 10)
    .map(item => ({
      itemId: item.id,
      fingerprint: item.fingerprint,
      type: item.type,
      title: item.title,
      status: item.status,
      occurrences: item.occurrences,
      regressions: item.regressions,
      failedAttempts: failedAttempts.get(item.id) ?? 0,
      lastSeenAt: item.lastSeenAt
    }))

  const reasons = new Map<string, number>()
  for (const result of results.filter(result => !result.success)) {
    const reason = result.code ?? 'not run'
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  }
  const attemptFailures = [...reasons]
    .map(([reason, times]) => ({ reason, count: times }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))

  const byStatus = Object.fromEntries(
    ITEM_STATUSES.map(status => [status, ledger.items.count(status)])
  ) as Record<ItemStatus, number>
  const budget = options.dayBudgetUsd
  return ReportDataSchema.parse({
    version: REPORT_DATA_VERSION,
    generatedAt: options.now.toISOString(),
    ledger: { branch: options.branch ?? null, commit: options.commit ?? null },
    window: { from, to, days: days.length },
    budget: { dayUsd: budget },
    summary: {
      items: ledger.items.size,
      byStatus,
      spentUsd,
      daysOverBudget: budget === null ? 0 : spendPerDay.filter(day => day.usd > budget).length,
      prsOpened: pullRequests.filter(pull => inWindow(pull.openedAt)).length,
      prsMerged: merged.length,
      prsClosed: closed.length,
      mergeRate: ratio(merged.length, merged.length + closed.length),
      medianHoursToMerge: median(hoursOf(merged)),
      costPerMergedPrUsd: merged.length > 0 ? roundUsd(spentUsd / merged.length) : null
    },
    spendPerDay,
    pullRequestsPerWeek,
    byType,
    queuePerDay,
    failureFingerprints,
    attemptFailures,
    pullRequests,
    notes
  })
}

/** The UTC days of the window, oldest first, ending with the day of `now`. */
function windowDays(now: Date, length: number): string[] {
  const last = Date.parse(`${utcDay(now)}T00:00:00.000Z`)
  return Array.from({ length: Math.max(1, Math.floor(length)) }, (_, index) =>
    utcDay(new Date(last - (Math.max(1, Math.floor(length)) - 1 - index) * DAY_MS))
  )
}

/** The Monday (UTC) of the week a day is in. */
export function mondayOf(day: string): string {
  const at = new Date(`${day}T00:00:00.000Z`)
  const sinceMonday = (at.getUTCDay() + 6) % 7
  return utcDay(new Date(at.getTime() - sinceMonday * DAY_MS))
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function hoursOf(pulls: readonly PullRequestFact[]): number[] {
  return pulls.flatMap(pull => (pull.hoursToMerge === null ? [] : [pull.hoursToMerge]))
}

/** The median of `values`, or null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * The status moves a ledger commit line records for `itemId` (see the descriptions the operations
 * in ledger/ops.ts write): `ID: from → to`, `result ID: success → to`, `lease ID to run …`,
 * `release ID from run … → to`, `add TYPE ID: …`, `reopen regression TYPE ID: …`. A commit of
 * several operations joins their lines with "; ".
 */
export function statusMovesInSubject(subject: string, itemId: string): ItemStatus[] {
  const moves: ItemStatus[] = []
  for (const part of subject.split('; ')) {
    const status = statusOfPart(part, itemId)
    if (status) moves.push(status)
  }
  return moves
}

function statusOfPart(part: string, itemId: string): ItemStatus | null {
  const id = itemId.replace(/[^0-9a-f]/g, '')
  const arrow = new RegExp(
    `^(?:result ${id}: (?:success|failure)|${id}: [a-z_]+|release ${id} from run \\S+) → ([a-z_]+)`
  ).exec(part)
  if (arrow) {
    const status = ItemStatusSchema.safeParse(arrow[1])
    return status.success ? status.data : null
  }
  if (new RegExp(`^lease ${id} to run `).test(part)) return 'in_progress'
  if (new RegExp(`^(?:add|reopen regression) [a-z_]+ ${id}: `).test(part)) return 'pending'
  return null
}

/**
 * When the item entered each status, oldest first: created as pending, then every status event of
 * its history. Events dropped from the item are taken from its commits when given; without them the
 * item is taken to have been in the first kept move's `from` status since it was created.
 */
function statusTimeline(
  item: WorkItem,
  commits: readonly ItemCommit[] | undefined
): { marks: StatusMark[]; approximate: boolean } {
  const created = Date.parse(item.createdAt)
  const kept = item.history
    .filter(entry => entry.event === 'status' && entry.to !== null)
    .map(entry => ({ at: Date.parse(entry.at), status: entry.to!, from: entry.from }))
  const marks: StatusMark[] = [{ at: created, status: 'pending' }]
  let approximate = false
  if (item.historyDropped > 0) {
    const firstKept = item.history[0] ? Date.parse(item.history[0].at) : Number.POSITIVE_INFINITY
    if (commits) {
      for (const commit of [...commits].reverse()) {
        const at = Date.parse(commit.date)
        if (!(at < firstKept) || at < created) continue
        for (const status of statusMovesInSubject(commit.subject, item.id)) marks.push({ at, status })
      }
    } else {
      approximate = true
      // Before the first kept move it was in that move's `from` status; with no move kept, it has
      // been in its present status since the events that were dropped.
      const first = kept[0]
      const since = first ? first.from : item.status
      if (since) marks.push({ at: created, status: since })
    }
  }
  marks.push(...kept.map(({ at, status }) => ({ at, status })))
  return { marks: marks.sort((a, b) => a.at - b.at), approximate }
}

/** Items pending and pull requests open at the end of each day. */
function queueSeries(
  days: readonly string[],
  items: readonly WorkItem[],
  timelines: ReadonlyMap<string, readonly StatusMark[]>
): ReportData['queuePerDay'] {
  const pending = new Array<number>(days.length).fill(0)
  const prOpen = new Array<number>(days.length).fill(0)
  const ends = days.map(day => Date.parse(`${day}T00:00:00.000Z`) + DAY_MS)
  for (const item of items) {
    const marks = timelines.get(item.id) ?? []
    let index = 0
    let status: ItemStatus | null = null
    for (let day = 0; day < days.length; day++) {
      while (index < marks.length && marks[index]!.at < ends[day]!) status = marks[index++]!.status
      if (status === 'pending') pending[day]! += 1
      else if (status === 'pr_open') prOpen[day]! += 1
    }
  }
  return days.map((day, index) => ({ day, pending: pending[index]!, prOpen: prOpen[index]! }))
}

/**
 * The pull requests of an item, one per generation that had one: when it was opened (its move to
 * pr_open in that generation) and the verdict on it. Follow-ups (`review_feedback`) push to their
 * parent's pull request and are not counted again.
 */
function pullRequestFacts(item: WorkItem, commits: readonly ItemCommit[] | undefined): PullRequestFact[] {
  if (item.type === 'review_feedback') return []
  // The history split where each generation begins; the last part is the current generation.
  const parts: WorkItem['history'][] = [[]]
  for (const entry of item.history) {
    if (entry.event === 'generation') parts.push([])
    parts.at(-1)!.push(entry)
  }
  const partOf = (generation: number) => {
    const index = parts.length - 1 - (item.generation - generation)
    // The first part began before the kept history when events were dropped: it may be partial.
    return index >= 0 ? parts[index]! : []
  }
  const facts: PullRequestFact[] = []
  for (let generation = 1; generation <= item.generation; generation++) {
    const earlier = item.generations.find(entry => entry.generation === generation)
    const pr = generation === item.generation ? item.pr : (earlier?.pr ?? null)
    if (!pr) continue
    const events = partOf(generation).filter(entry => entry.event === 'status')
    const opened =
      events.find(entry => entry.to === 'pr_open')?.at ?? openedInCommits(item.id, pr.number, commits)
    let verdict: PullRequestFact['verdict'] = null
    let verdictAt: string | null = null
    const lastMoveTo = (status: ItemStatus) => events.filter(entry => entry.to === status).at(-1)?.at ?? null
    if (generation === item.generation) {
      if (item.status === 'completed') verdict = 'merged'
      else if (item.status === 'rejected') verdict = 'closed'
      if (verdict) verdictAt = lastMoveTo(verdict === 'merged' ? 'completed' : 'rejected') ?? item.updatedAt
    } else if (earlier && (earlier.ended === 'merged' || earlier.ended === 'closed')) {
      verdict = earlier.ended
      verdictAt = lastMoveTo(verdict === 'merged' ? 'completed' : 'rejected') ?? earlier.at
    }
    const hoursToMerge =
      verdict === 'merged' && opened && verdictAt
        ? Math.max(0, (Date.parse(verdictAt) - Date.parse(opened)) / 3_600_000)
        : null
    facts.push({
      itemId: item.id,
      type: item.type,
      title: item.title,
      number: pr.number,
      generation,
      openedAt: opened ?? null,
      verdict,
      verdictAt,
      hoursToMerge
    })
  }
  return facts
}

/** When a commit line recorded the item's move to pr_open with this pull request, if one did. */
function openedInCommits(
  itemId: string,
  prNumber: number,
  commits: readonly ItemCommit[] | undefined
): string | undefined {
  const oldestFirst = [...(commits ?? [])].reverse()
  const found = oldestFirst.find(
    commit =>
      commit.subject.includes(`PR #${prNumber}`) &&
      statusMovesInSubject(commit.subject, itemId).includes('pr_open')
  )
  return found ? new Date(Date.parse(found.date)).toISOString() : undefined
}
