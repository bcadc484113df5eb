/**
 * The scheduler: ranks pending items and picks what this run may do within its limits. Pure — the
 * ledger, settings and the clock in, a plan out — and every decision carries its reason, so the plan
 * (job summary, `ccal run --dry-run`) explains itself.
 */
import type { Settings } from '../config/schema.js'
import type { ItemType, Ledger, WorkItem } from '../ledger/schema.js'
import { spentToday } from '../ledger/ops.js'
import { signedTenths } from '../util/text.js'

/** How much each source's work matters before priority: finishing a PR in review beats polishing lint. */
export const SOURCE_WEIGHTS: Readonly<Record<ItemType, number>> = {
  review_feedback: 4,
  ci_failure: 3.5,
  issue: 3,
  manual: 3,
  error_log: 2,
  lint: 1,
  coverage: 0.5
}

/** Cost assumed for an item of a type CCAL has no results for yet. */
export const DEFAULT_COST_ESTIMATE_USD = 0.5

export interface ScoreComponents {
  priority: number
  source: number
  age: number
  attempts: number
  effort: number
  learned: number
}

export interface RankedItem {
  itemId: string
  title: string
  type: ItemType
  priority: number
  score: number
  components: ScoreComponents
  estimatedCostUsd: number
  /** True when the item will open a new pull request (not a follow-up on an existing one). */
  opensPullRequest: boolean
}

export interface PlanDecision extends RankedItem {
  picked: boolean
  reason: string
}

export interface Plan {
  /** Items to execute, in order. */
  picked: PlanDecision[]
  /** Pending items not picked this run, each with why. */
  deferred: PlanDecision[]
  limits: {
    itemsPerRun: number
    concurrency: number
    openPullRequests: number
    maxOpenPullRequests: number
    pullRequestsLastHour: number
    maxPullRequestsPerHour: number
    spentTodayUsd: number
    costPerDayUsd: number
    spentThisRunUsd: number
    costPerRunUsd: number
  }
}

export interface ScheduleInput {
  ledger: Ledger
  settings: Settings
  now: Date
  /** Model spend already recorded in this run (execute mode after other items). */
  spentThisRunUsd?: number
  /** An item's learned weight in [-1, 1] (src/learning/adaptation.ts); 0 for all when absent. */
  learnedWeight?: (item: WorkItem) => number
  /** Consider only these item ids (execute mode, or an event that concerns one item). */
  onlyItems?: readonly string[]
  /**
   * Why no model work may start now (a usage limit, outside the active hours; model-window.ts):
   * every pending item is deferred with this reason.
   */
  blocked?: string
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

function isPending(item: WorkItem): boolean {
  return item.status === 'pending'
}

/** A follow-up pushes to an existing PR branch; everything else opens a new pull request. */
function opensPullRequest(item: WorkItem): boolean {
  return item.pr === null && item.type !== 'review_feedback'
}

/**
 * When the item's last failed attempt ended, or undefined when there is nothing to back off from.
 * An attempt whose run died (lease expired) or was stopped (lease released) before recording a
 * result is not a failure of the item: the next cycle takes it up again at once. It was leased only
 * after any earlier back-off had passed, and its attempt still counts towards `maxAttempts`, which
 * bounds an item that keeps killing its run.
 */
function lastAttemptAt(item: WorkItem): number | undefined {
  for (let index = item.history.length - 1; index >= 0; index--) {
    const entry = item.history[index]
    if (entry?.event === 'result') return Date.parse(entry.at)
    if (entry?.event === 'expired' || entry?.event === 'released') return undefined
  }
  return item.attempts > 0 ? Date.parse(item.updatedAt) : undefined
}

/** When a failed item may be tried again: back-off doubles with each attempt. */
export function retryNotBefore(item: WorkItem, backoffSeconds: number): number | undefined {
  if (item.attempts === 0) return undefined
  const last = lastAttemptAt(item)
  if (last === undefined) return undefined
  return last + backoffSeconds * 1000 * 2 ** Math.max(0, item.attempts - 1)
}

/** Effort from evidence size and files named: 0 for a one-liner, about 3 for a long multi-file report. */
export function estimateEffort(item: WorkItem): number {
  const evidence =
    (item.untrusted?.evidence?.length ?? 0) + (item.untrusted?.body?.length ?? 0) + item.description.length
  const files = Array.isArray(item.context.files) ? item.context.files.length : item.context.file ? 1 : 0
  return Math.min(3, Math.log10(1 + evidence / 500)) + Math.min(2, files / 5)
}

/** Average cost of recent results of the same type, else the default. */
export function estimateCost(ledger: Ledger, type: ItemType): number {
  const costs = ledger.results.filter(result => result.itemType === type).map(result => result.costUsd)
  if (costs.length > 0) return costs.reduce((sum, cost) => sum + cost, 0) / costs.length
  const aggregate = ledger.state.aggregates[type]
  if (aggregate && aggregate.results > 0) return aggregate.costUsd / aggregate.results
  return DEFAULT_COST_ESTIMATE_USD
}

/** The learned part of a score, for the plan's reasons; nothing when learning did not move it. */
function learnedNote(learned: number): string {
  return learned === 0 ? '' : `, learned ${signedTenths(learned)}`
}

/** Ranks one item; higher scores go first. */
export function rankItem(item: WorkItem, ledger: Ledger, now: Date, learned = 0): RankedItem {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(item.createdAt)) / DAY_MS)
  const components: ScoreComponents = {
    priority: (6 - item.priority) * 10,
    source: SOURCE_WEIGHTS[item.type] * 3,
    age: Math.min(14, ageDays) * 0.5,
    attempts: -4 * item.attempts,
    effort: -2 * estimateEffort(item),
    // Up to one priority step either way: a kind of work maintainers always close sinks below the
    // next priority's, one they always merge rises above it.
    learned: 10 * learned
  }
  const score = Object.values(components).reduce((sum, value) => sum + value, 0)
  return {
    itemId: item.id,
    title: item.title,
    type: item.type,
    priority: item.priority,
    score: Math.round(score * 100) / 100,
    components,
    estimatedCostUsd: estimateCost(ledger, item.type),
    opensPullRequest: opensPullRequest(item)
  }
}

function pullRequestsOpenedSince(ledger: Ledger, since: number): number {
  let count = 0
  for (const item of ledger.items.values()) {
    const opened = item.history.some(
      entry =>
        entry.event === 'status' &&
        entry.to === 'pr_open' &&
        entry.from === 'in_progress' &&
        Date.parse(entry.at) >= since
    )
    if (opened && item.type !== 'review_feedback') count++
  }
  return count
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`
}

/** Ranks pending items and picks within items-per-run, PR caps, back-off and the run and day budgets. */
/**
 * True when an item waits for a person's approval before any work: pending, of a type the settings
 * hold back (`dashboard.approval_required`), and not approved on the dashboard yet.
 */
export function awaitsApproval(item: WorkItem, settings: Settings): boolean {
  return (
    item.status === 'pending' &&
    settings.dashboard.approval_required.includes(item.type) &&
    typeof item.context.approvedBy !== 'string'
  )
}

export function schedule(input: ScheduleInput): Plan {
  const { ledger, settings, now } = input
  const only = input.onlyItems ? new Set(input.onlyItems) : undefined
  const limits: Plan['limits'] = {
    itemsPerRun: settings.loop.max_items_per_run,
    concurrency: settings.loop.max_concurrent_work,
    openPullRequests: [...ledger.items.values()].filter(
      item => item.status === 'pr_open' && item.type !== 'review_feedback'
    ).length,
    maxOpenPullRequests: settings.budgets.max_open_prs,
    pullRequestsLastHour: pullRequestsOpenedSince(ledger, now.getTime() - HOUR_MS),
    maxPullRequestsPerHour: settings.budgets.prs_per_hour,
    spentTodayUsd: spentToday(ledger, now),
    costPerDayUsd: settings.budgets.cost_per_day_usd,
    spentThisRunUsd: input.spentThisRunUsd ?? 0,
    costPerRunUsd: settings.budgets.cost_per_run_usd
  }
  const ranked = [...ledger.items.values()]
    .filter(item => isPending(item) && (!only || only.has(item.id)))
    .map(item => ({ item, rank: rankItem(item, ledger, now, input.learnedWeight?.(item) ?? 0) }))
    .sort(
      (a, b) =>
        b.rank.score - a.rank.score ||
        a.item.createdAt.localeCompare(b.item.createdAt) ||
        a.item.id.localeCompare(b.item.id)
    )

  const picked: PlanDecision[] = []
  const deferred: PlanDecision[] = []
  let plannedCost = 0
  let newPullRequests = 0
  for (const { item, rank } of ranked) {
    const defer = (reason: string) => deferred.push({ ...rank, picked: false, reason })
    if (input.blocked !== undefined) {
      defer(input.blocked)
      continue
    }
    if (awaitsApproval(item, settings)) {
      defer(`waits for approval: tick 'approve' on the dashboard (dashboard.approval_required: ${item.type})`)
      continue
    }
    const notBefore = retryNotBefore(item, settings.loop.retry_backoff_seconds)
    if (notBefore !== undefined && notBefore > now.getTime()) {
      defer(`backing off after ${item.attempts} failed attempt(s) until ${new Date(notBefore).toISOString()}`)
      continue
    }
    if (picked.length >= limits.itemsPerRun) {
      defer(`run limit reached: ${limits.itemsPerRun} item(s) per run`)
      continue
    }
    if (rank.opensPullRequest && limits.openPullRequests + newPullRequests >= limits.maxOpenPullRequests) {
      defer(
        `open pull request cap reached: ${limits.openPullRequests + newPullRequests} of ${limits.maxOpenPullRequests} open`
      )
      continue
    }
    if (
      rank.opensPullRequest &&
      limits.pullRequestsLastHour + newPullRequests >= limits.maxPullRequestsPerHour
    ) {
      defer(
        `hourly pull request cap reached: ${limits.pullRequestsLastHour + newPullRequests} of ${limits.maxPullRequestsPerHour} in the last hour`
      )
      continue
    }
    const runTotal = limits.spentThisRunUsd + plannedCost + rank.estimatedCostUsd
    if (runTotal > limits.costPerRunUsd) {
      defer(
        `run budget: ${usd(limits.spentThisRunUsd + plannedCost)} planned + ~${usd(rank.estimatedCostUsd)} would pass ${usd(limits.costPerRunUsd)}`
      )
      continue
    }
    const dayTotal = limits.spentTodayUsd + plannedCost + rank.estimatedCostUsd
    if (dayTotal > limits.costPerDayUsd) {
      defer(
        `daily budget: ${usd(limits.spentTodayUsd + plannedCost)} spent or planned today + ~${usd(rank.estimatedCostUsd)} would pass ${usd(limits.costPerDayUsd)}`
      )
      continue
    }
    plannedCost += rank.estimatedCostUsd
    if (rank.opensPullRequest) newPullRequests++
    picked.push({
      ...rank,
      picked: true,
      reason: `rank ${picked.length + 1}: score ${rank.score} (priority ${item.priority}, ${item.type}${item.attempts ? `, attempt ${item.attempts + 1}` : ''}${learnedNote(rank.components.learned)}), ~${usd(rank.estimatedCostUsd)}`
    })
  }
  return { picked, deferred, limits }
}
