/**
 * The Dashboard issue's body, as pure functions of the ledger, the settings and the queue: what is
 * in flight, awaiting review, queued, waiting for a person, blocked, rejected; the budget; what
 * learning says; the last cycle that did something. Each steerable item carries checkboxes whose
 * hidden marker names the action and the item, and {@link parseTicks} reads them back.
 *
 * The body holds no clock: an idle cycle (the ledger unchanged) renders the same text, so the issue
 * is not edited. Text from outside (item titles, reasons) is neutralized for GitHub: it pings no one,
 * links nothing and cannot forge a checkbox marker (HTML comments are dropped).
 */
import type { Settings } from '../config/schema.js'
import { awaitsApproval, type Plan, type PlanDecision } from '../core/scheduler.js'
import { safeTitle } from '../delivery/content.js'
import { OUTAGE_CURSOR, recordedOutage } from '../core/outage.js'
import { lastResult } from '../ledger/ops.js'
import type { ItemStatus, ItemType, Ledger, WorkItem } from '../ledger/schema.js'
import { pullRequestOutcomes } from '../learning/outcomes.js'
import { isTrusted } from '../learning/patterns.js'
import { oneLine } from '../util/text.js'
import { neutralizeForGitHub } from '../util/untrusted.js'

/** The hidden line that tells CCAL's dashboard from any other issue. */
export const DASHBOARD_MARKER = '<!-- ccal:dashboard -->'

/** GitHub's limit on an issue body; the body stays under it with room to spare. */
export const ISSUE_BODY_LIMIT = 65_536
const BODY_BUDGET = 60_000

/** What a ticked box asks for. */
export const STEER_ACTIONS = ['retry', 'skip', 'next', 'approve'] as const
export type SteerAction = (typeof STEER_ACTIONS)[number]

const ACTION_LABELS: Record<SteerAction, string> = {
  retry: 'retry',
  skip: 'skip',
  next: 'run next',
  approve: 'approve'
}

/** One ticked box: the action and the item it names. */
export interface Tick {
  action: SteerAction
  itemId: string
}

export interface DashboardInput {
  ledger: Ledger
  settings: Settings
  /** The queue as the scheduler ranks it now (pending items, picked first). */
  plan: Plan
  /** The repository's web address (`https://github.com/o/r`): runs of Actions are linked from it. */
  repositoryUrl?: string
}

/** A run named by its id: linked when it is an Actions run (`<run id>-<attempt>`), else in code. */
function runRef(runId: string, repositoryUrl: string | undefined): string {
  const actions = /^(\d+)-(\d+)$/.exec(runId)
  return actions && repositoryUrl
    ? `[run ${actions[1]}](${repositoryUrl}/actions/runs/${actions[1]}/attempts/${actions[2]})`
    : `run \`${text(runId, 60)}\``
}

/** Items shown per section before "… and N more". */
const QUEUE_SHOWN = 20
const SECTION_SHOWN = 25

const BOX = (action: SteerAction, itemId: string): string =>
  `- [ ] <!-- ccal:${action}=${itemId} --> ${ACTION_LABELS[action]}`

/** Ticked boxes in a dashboard body, in the order written (each at most once). */
export function parseTicks(body: string): Tick[] {
  const ticks: Tick[] = []
  const seen = new Set<string>()
  const pattern = /^\s*[-*] \[[xX]\] <!-- ccal:(retry|skip|next|approve)=([0-9a-f]{8,64}) -->/gm
  for (const match of body.matchAll(pattern)) {
    const key = `${match[1]}=${match[2]}`
    if (seen.has(key)) continue
    seen.add(key)
    ticks.push({ action: match[1] as SteerAction, itemId: match[2] as string })
  }
  return ticks
}

/** True when `body` is a dashboard CCAL wrote. */
export function isDashboardBody(body: string | null | undefined): boolean {
  return (body ?? '').includes(DASHBOARD_MARKER)
}

function text(value: string, max = 160): string {
  return oneLine(neutralizeForGitHub(value, { maxLength: max * 2 }), max)
}

function title(item: WorkItem): string {
  return text(safeTitle(item), 120)
}

function typeName(type: ItemType): string {
  return type.replace(/_/g, ' ')
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`
}

/** `2026-12-01 14:05 UTC`: absolute, so the body does not change as time passes. */
function when(iso: string | null | undefined): string {
  if (!iso) return 'unknown'
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

function pullLink(item: WorkItem): string {
  return item.pr ? `#${item.pr.number}` : 'no pull request'
}

/** When the item reached its current status. */
function since(item: WorkItem): string {
  for (let index = item.history.length - 1; index >= 0; index -= 1) {
    const event = item.history[index]
    if (event?.event === 'status' && event.to === item.status) return event.at
  }
  return item.updatedAt
}

/** Why an item stopped where it is, in one line. */
function why(item: WorkItem): string {
  const moved = [...item.history]
    .reverse()
    .find(event => event.event === 'status' && event.to === item.status)
  const reason = item.lastError ?? moved?.detail
  return reason ? text(reason, 140) : 'no reason recorded'
}

function isGateBlocked(ledger: Ledger, item: WorkItem): boolean {
  return item.status === 'needs_human' && lastResult(ledger, item.id)?.code === 'gate_blocked'
}

interface Section {
  heading: string
  /** How many entries the section has (lists only). */
  count?: number
  lines: string[]
  /** How many entries were left out of `lines` ("… and N more"). */
  more: number
}

function section(heading: string, entries: string[][], shown: number, total = entries.length): Section {
  const kept = entries.slice(0, shown)
  return { heading, count: total, lines: kept.flat(), more: total - kept.length }
}

/** The items of the statuses the dashboard lists, newest change first (one pass over the items). */
function grouped(ledger: Ledger): Map<ItemStatus, WorkItem[]> {
  const groups = new Map<ItemStatus, WorkItem[]>()
  for (const item of ledger.items.values()) {
    if (!LISTED.has(item.status)) continue
    const group = groups.get(item.status) ?? []
    group.push(item)
    groups.set(item.status, group)
  }
  for (const group of groups.values())
    group.sort((a, b) => since(b).localeCompare(since(a)) || a.id.localeCompare(b.id))
  return groups
}

const LISTED = new Set<ItemStatus>(['in_progress', 'pr_open', 'needs_human', 'failed', 'rejected'])

function entry(item: WorkItem, detail: string, actions: readonly SteerAction[]): string[] {
  return [
    `- **${title(item)}** (${typeName(item.type)}, \`${item.id}\`) — ${detail}`,
    ...actions.map(action => `  ${BOX(action, item.id)}`)
  ]
}

function queued(decision: PlanDecision, item: WorkItem, settings: Settings): string[] {
  // A picked item's reason is its rank; the score is shown already.
  const reason = decision.picked ? 'next in line' : text(decision.reason, 140)
  const actions: SteerAction[] = awaitsApproval(item, settings) ? ['approve', 'skip'] : ['next', 'skip']
  if (item.priority === 1 && actions[0] === 'next') actions.shift()
  return entry(item, `priority ${item.priority}, score ${decision.score.toFixed(1)}: ${reason}`, actions)
}

function learningLines(ledger: Ledger, settings: Settings): string[] {
  const verdicts = new Map<ItemType, { merged: number; total: number }>()
  for (const outcome of pullRequestOutcomes(ledger)) {
    const counts = verdicts.get(outcome.type) ?? { merged: 0, total: 0 }
    counts.total += 1
    if (outcome.merged) counts.merged += 1
    verdicts.set(outcome.type, counts)
  }
  const lines: string[] = []
  if (verdicts.size === 0) lines.push('- No pull request has been merged or closed yet.')
  for (const [type, counts] of [...verdicts].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(
      `- ${typeName(type)}: ${counts.merged} of ${counts.total} pull request${counts.total === 1 ? '' : 's'} merged (${Math.round((100 * counts.merged) / counts.total)}%)`
    )
  const trusted = ledger.patterns.filter(pattern => isTrusted(pattern, settings.learning))
  lines.push(
    trusted.length === 0
      ? `- Patterns in use: none yet (a pattern needs ${settings.learning.pattern_min_occurrences} verdicts).`
      : `- Patterns in use: ${trusted
          .slice(0, 10)
          .map(
            pattern =>
              `${typeName(pattern.trigger.type)}${pattern.trigger.rule ? ` \`${text(pattern.trigger.rule, 60)}\`` : ''} (${Math.round(pattern.successRate * 100)}% merged)`
          )
          .join(', ')}${trusted.length > 10 ? ` and ${trusted.length - 10} more` : ''}.`
  )
  return lines
}

function budgetLines(ledger: Ledger, settings: Settings): string[] {
  const { budgets } = settings
  const days = Object.keys(ledger.state.dailySpendUsd).sort()
  const lastDay = days.at(-1)
  const open = ledger.items.count('pr_open')
  // The model's state as the ledger keeps it: an outage the last cycle saw, a usage limit's reset.
  const outage = recordedOutage(ledger.state.cursors[OUTAGE_CURSOR])
  const model = outage
    ? [
        outage.kind === 'usage_limit' && outage.resetsAt
          ? `- Model work waits for the usage limit to reset at ${when(outage.resetsAt)}${outage.resetSaid ? ` (${text(outage.resetSaid, 80)})` : ''}.`
          : `- The model was unavailable on ${when(outage.at)} (${text(outage.kind.replace(/_/g, ' '), 40)}): the next cycle tries one item first.`
      ]
    : []
  return [
    ...model,
    lastDay
      ? `- Spent on ${lastDay} (UTC), the last day with spend: ${usd(ledger.state.dailySpendUsd[lastDay] ?? 0)} of ${usd(budgets.cost_per_day_usd)} a day.`
      : `- Nothing spent yet; the day's budget is ${usd(budgets.cost_per_day_usd)}.`,
    `- Per run: at most ${usd(budgets.cost_per_run_usd)}${budgets.cost_per_item_usd ? `, ${usd(budgets.cost_per_item_usd)} per item` : ''}.`,
    `- Open pull requests: ${open} of at most ${budgets.max_open_prs}; at most ${budgets.prs_per_hour} opened per hour.`,
    `- All time: ${usd(ledger.state.totals.costUsd)} over ${ledger.state.totals.attempts} attempt${ledger.state.totals.attempts === 1 ? '' : 's'}.`
  ]
}

function render(sections: Section[], head: string[], tail: string[]): string {
  const lines = [...head]
  for (const part of sections) {
    lines.push('', `### ${part.heading}${part.count === undefined ? '' : ` (${part.count})`}`, '')
    if (part.count === 0) lines.push('_None._')
    else lines.push(...part.lines)
    if (part.more > 0)
      lines.push(`- … and ${part.more} more (\`ccal status\` or \`ccal report\` list them all)`)
  }
  lines.push(...tail)
  return `${lines.join('\n')}\n`
}

/**
 * The last run that worked items, from the ledger's results: when, which run, and where each item
 * it worked stands now. Derived, not recorded, so that showing it costs the ledger no write.
 */
function lastWork(ledger: Ledger, repositoryUrl: string | undefined): string {
  const last = ledger.results.at(-1)
  if (!last) return '_No item has been worked yet._'
  const worked = ledger.results.filter(result => result.runId === last.runId)
  const items = [...new Set(worked.map(result => result.itemId))].map(id => {
    const item = ledger.items.get(id)
    if (!item) return `\`${id}\``
    const where =
      item.status === 'pr_open' && item.pr ? `#${item.pr.number} open` : item.status.replace(/_/g, ' ')
    return `**${title(item)}** (${where})`
  })
  const spent = worked.reduce((sum, result) => sum + result.costUsd, 0)
  return `${when(last.executedAt)}, ${runRef(last.runId, repositoryUrl)}: ${items.length} item${items.length === 1 ? '' : 's'} worked for ${usd(spent)}: ${items.join('; ')}.`
}

/** The dashboard's body: every section with its count, within GitHub's limit. */
export function dashboardBody(input: DashboardInput): string {
  const { ledger, settings, plan } = input
  const queue = [...plan.picked, ...plan.deferred]
    .map(decision => ({ decision, item: ledger.items.get(decision.itemId) }))
    .filter((pair): pair is { decision: PlanDecision; item: WorkItem } => pair.item !== undefined)
  const groups = grouped(ledger)
  const byStatus = (status: ItemStatus): WorkItem[] => groups.get(status) ?? []
  const needsHuman = byStatus('needs_human')
  const head = [
    DASHBOARD_MARKER,
    'CCAL rebuilds this issue from its ledger (the `' +
      settings.ledger.branch +
      '` branch) after each cycle. Tick a box to steer an item: the next cycle does what a person with the `' +
      settings.trust.min_permission +
      "` permission or more asked, unticks the box and records who asked; anyone else's ticks are ignored."
  ]
  const build = (shown: number): string =>
    render(
      [
        section(
          'In flight',
          byStatus('in_progress').map(item =>
            entry(
              item,
              `since ${when(item.lease?.acquiredAt ?? since(item))}, ${runRef(item.lease?.runId ?? 'unknown', input.repositoryUrl)}`,
              []
            )
          ),
          shown
        ),
        section(
          'Awaiting review',
          byStatus('pr_open').map(item => entry(item, `${pullLink(item)} since ${when(since(item))}`, [])),
          shown
        ),
        section(
          'Queue',
          queue.map(({ decision, item }) => queued(decision, item, settings)),
          Math.min(QUEUE_SHOWN, shown)
        ),
        section(
          'Needs a human',
          needsHuman
            .filter(item => !isGateBlocked(ledger, item))
            .map(item => entry(item, why(item), ['retry', 'skip'])),
          shown
        ),
        section(
          'Blocked by the safety gate',
          needsHuman
            .filter(item => isGateBlocked(ledger, item))
            .map(item => entry(item, why(item), ['retry', 'skip'])),
          shown
        ),
        section(
          'Failed',
          byStatus('failed').map(item =>
            entry(item, `after ${item.attempts} of ${item.maxAttempts} attempts: ${why(item)}`, [
              'retry',
              'skip'
            ])
          ),
          shown
        ),
        section(
          'Rejected',
          byStatus('rejected').map(item =>
            entry(item, `${pullLink(item)} closed unmerged on ${when(since(item))}`, ['retry'])
          ),
          shown
        ),
        { heading: 'Budget', lines: budgetLines(ledger, settings), more: 0 },
        { heading: 'What learning says', lines: learningLines(ledger, settings), more: 0 }
      ],
      head,
      ['', '### Last work', '', lastWork(ledger, input.repositoryUrl)]
    )
  // Sections shrink together until the body fits; the full lists are in `ccal status` and the report.
  for (const shown of [SECTION_SHOWN, 10, 5, 2, 0]) {
    const body = build(shown)
    if (body.length <= BODY_BUDGET || shown === 0) return body.slice(0, ISSUE_BODY_LIMIT)
  }
  return build(0)
}
