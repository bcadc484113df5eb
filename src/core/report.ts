/**
 * What one cycle did, and its two renderings: the job summary (markdown tables, the dashboard) and
 * Prometheus text-format metrics. Pure: the cycle fills a CycleReport, the adapters write it out.
 */
import type { ItemStatus, ItemType } from '../ledger/schema.js'
import { ITEM_STATUSES } from '../ledger/schema.js'
import type { Plan } from './scheduler.js'
import { signedTenths } from '../util/text.js'

export type ExecutionStatus =
  | 'pr_opened'
  | 'pr_updated'
  | 'completed'
  | 'no_op'
  | 'failed'
  | 'blocked'
  | 'budget_stopped'
  | 'outage'
  | 'usage_limit'
  | 'skipped'

export interface ExecutedItem {
  itemId: string
  title: string
  type: ItemType
  status: ExecutionStatus
  /** Why it ended this way (failure reason, gate rejection, "no change needed"). */
  reason: string
  costUsd: number
  turns: number
  /** Tokens the agent used (input, output and cache reads and writes together). */
  tokens?: number
  /** The Claude Code session of the attempt, when the agent ran. */
  sessionId?: string
  durationMs: number
  verify: string
  pr?: { number: number; url: string }
  /** The agent's own summary of what it did, when it ran. */
  summary?: string
  /** The executor's reason code (max_turns, budget_exceeded, timeout, …), when the agent ran. */
  code?: string
  /** Tools the agent asked for and was denied. */
  denied?: string[]
  /** The usage limit the attempt ran into, for `usage_limit`: when it resets (ISO), as told, and the CLI's line. */
  usageLimit?: { resetsAt: string; resetSaid?: string; line: string }
  /** Where the attempt left the item: its status, attempts and round. */
  after?: { status: ItemStatus; attempts: number; maxAttempts: number; generation: number }
}

export interface SourceReport {
  candidates: number
  skipped: Array<{ what: string; reason: string }>
  requests: number
  error?: string
}

export interface CycleReport {
  runId: string
  mode: 'cycle' | 'plan' | 'execute'
  dryRun: boolean
  trigger: string
  startedAt: string
  finishedAt: string
  discovered: Record<string, SourceReport>
  plan: Plan | undefined
  executed: ExecutedItem[]
  /** Items by status in the ledger after the cycle. */
  queue: Partial<Record<ItemStatus, number>>
  /** Problems that did not stop the cycle (a source that failed, a comment that could not be posted). */
  problems: string[]
  /** The learning step, when learning is enabled and the mode learns. */
  learning?: LearningReport
  /**
   * Set when model work may not start (a usage limit not yet reset, outside `loop.active_hours`):
   * why and until when (ISO). The daemon wakes for it; the summary says it first.
   */
  modelWork?: { cause: 'usage_limit' | 'active_hours'; until: string; reason: string }
  /** The items' transcripts, when `monitoring.transcripts` kept any. */
  transcripts?: TranscriptsReport
  /** The HTML report, when the run wrote one (the action's `report` input). */
  htmlReport?: HtmlReportEntry
}

export interface HtmlReportEntry {
  /** Where the page and its data were written. */
  directory: string
  /** The workflow run artifact they were uploaded as, and its page. */
  artifact?: { name: string; url: string | null }
  /** Why it was not uploaded, when the upload failed. */
  problem?: string
}

export interface TranscriptsReport {
  /** Items with a transcript (one JSONL file each). */
  items: number
  /** Where the files are. */
  directory: string
  /** The workflow run artifact they were uploaded as. */
  artifact?: string
  /** Why they were not uploaded, when an upload was tried and failed. */
  problem?: string
}

export interface LearningReport {
  /** Whether this cycle recomputed the patterns (else it used the stored ones). */
  recomputed: boolean
  patterns: number
  /** Patterns with enough verdicts to steer ranking and prompts. */
  trusted: number
  computedAt: string
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').slice(0, 200)
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return []
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.map(escapeCell).join(' | ')} |`),
    ''
  ]
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`
}

const STATUS_LABEL: Record<ExecutionStatus, string> = {
  pr_opened: '✅ PR opened',
  pr_updated: '✅ PR updated',
  completed: '✅ completed',
  no_op: '➖ no change needed',
  failed: '❌ failed',
  blocked: '⛔ blocked by the safety gate',
  budget_stopped: '⏸️ stopped at the budget (not counted as an attempt)',
  outage: '⏸️ model unavailable (not counted as an attempt)',
  usage_limit: '⏸️ waiting for the usage limit to reset (not counted as an attempt)',
  skipped: '⏭️ skipped'
}

/** What became of the item, as its tracking comment tells it: the outcome, why, and what comes next. */
function outcomeCell(item: ExecutedItem): string {
  const delivered = item.status === 'pr_opened' || item.status === 'pr_updated'
  const code = item.code && !delivered ? ` (${item.code})` : ''
  // What comes next goes before the reason: a long reason is what a table cell cuts.
  const parts = [`${STATUS_LABEL[item.status]}${code}`]
  const after = item.after
  if (after && !delivered) {
    const next =
      after.status === 'pending'
        ? `back in the queue (attempt ${after.attempts} of ${after.maxAttempts} used)`
        : after.status === 'failed'
          ? 'failed: not retried unless a person asks'
          : after.status === 'needs_human'
            ? 'waits for a person'
            : after.status.replace(/_/g, ' ')
    parts.push(`now ${next}`)
  }
  if (after && after.generation > 1) parts.push(`round ${after.generation}`)
  if (item.denied?.length) parts.push(`tools denied: ${item.denied.join(', ')}`)
  if (item.reason) parts.push(item.reason)
  return parts.join(' · ')
}

/** Where the run's transcripts went, in one line. */
function transcriptsLine(transcripts: TranscriptsReport): string {
  const items = `${transcripts.items} item${transcripts.items === 1 ? '' : 's'}`
  if (transcripts.artifact) return `Transcripts: artifact \`${transcripts.artifact}\` (${items}).`
  const where = `${items} in \`${transcripts.directory}\``
  return transcripts.problem
    ? `Transcripts: not uploaded (${transcripts.problem.replace(/\r?\n/g, ' ')}); ${where}.`
    : `Transcripts: ${where}.`
}

/** Where the run's HTML report went, in one line. */
function htmlReportLine(entry: HtmlReportEntry): string {
  if (entry.artifact) {
    const name = `\`${entry.artifact.name}\``
    return `Report with charts: artifact ${entry.artifact.url ? `[${name}](${entry.artifact.url})` : name} (open \`index.html\`).`
  }
  return `Report with charts: not uploaded (${(entry.problem ?? 'unknown problem').replace(/\r?\n/g, ' ')}); written to \`${entry.directory}\`.`
}

/** The job summary: discovered by source, the queue, what was executed, the budget, what was skipped and why. */
export function renderSummary(report: CycleReport): string {
  const lines: string[] = [`## CCAL ${report.dryRun ? 'dry run' : report.mode}`, '']
  lines.push(
    `Run \`${report.runId}\` · trigger: ${report.trigger} · ${report.startedAt} → ${report.finishedAt}`,
    ''
  )

  if (report.modelWork) {
    const { modelWork } = report
    lines.push(
      `> ⏸️ **Model work is paused**: ${modelWork.reason}. Discovery, reconciliation and this report go on; no item starts before ${modelWork.until}.`,
      ''
    )
  }

  lines.push('### Discovered', '')
  const sources = Object.entries(report.discovered)
  if (sources.length === 0) lines.push('No source ran for this trigger.', '')
  lines.push(
    ...table(
      ['Source', 'Candidates', 'Skipped', 'API requests', 'Note'],
      sources.map(([name, source]) => [
        name,
        String(source.candidates),
        String(source.skipped.length),
        String(source.requests),
        source.error ?? ''
      ])
    )
  )

  lines.push('### Executed', '')
  if (report.executed.length === 0)
    lines.push(report.dryRun ? 'Nothing executed: dry run.' : 'Nothing executed.', '')
  lines.push(
    ...table(
      ['Item', 'Type', 'Outcome', 'Verify', 'Turns', 'Cost', 'Pull request'],
      report.executed.map(item => [
        `${item.title} (\`${item.itemId}\`)`,
        item.type,
        outcomeCell(item),
        item.verify,
        String(item.turns),
        usd(item.costUsd),
        item.pr ? `[#${item.pr.number}](${item.pr.url})` : ''
      ])
    )
  )
  if (report.transcripts) lines.push(transcriptsLine(report.transcripts), '')
  if (report.htmlReport) lines.push(htmlReportLine(report.htmlReport), '')
  // A table cell is cut at 200 characters; a failure that says what to change is given whole.
  const fixes = report.executed.filter(item => item.status === 'failed' && item.reason.includes(' Fix: '))
  if (fixes.length > 0) {
    lines.push('### What to change', '')
    for (const item of fixes) lines.push(`- \`${item.itemId}\`: ${item.reason.replace(/\r?\n/g, ' ')}`)
    lines.push('')
  }

  if (report.plan) {
    const { limits } = report.plan
    const spentNow = report.executed.reduce((sum, item) => sum + item.costUsd, 0)
    lines.push('### Plan', '')
    lines.push(
      ...table(
        ['Item', 'Type', 'Priority', 'Score', 'Learned', 'Decision'],
        [...report.plan.picked, ...report.plan.deferred].map(decision => [
          `${decision.title} (\`${decision.itemId}\`)`,
          decision.type,
          String(decision.priority),
          String(decision.score),
          signedTenths(decision.components.learned),
          `${decision.picked ? 'picked' : 'deferred'}: ${decision.reason}`
        ])
      )
    )
    lines.push('### Budget', '')
    lines.push(
      ...table(
        ['Limit', 'Used', 'Allowed'],
        [
          ['Spend today (UTC)', usd(limits.spentTodayUsd + spentNow), usd(limits.costPerDayUsd)],
          ['Spend this run', usd(limits.spentThisRunUsd + spentNow), usd(limits.costPerRunUsd)],
          ['Open pull requests', String(limits.openPullRequests), String(limits.maxOpenPullRequests)],
          [
            'Pull requests in the last hour',
            String(limits.pullRequestsLastHour),
            String(limits.maxPullRequestsPerHour)
          ],
          ['Items per run', String(report.executed.length), String(limits.itemsPerRun)]
        ]
      )
    )
  }

  if (report.learning) {
    const { learning } = report
    lines.push('### Learning', '')
    lines.push(
      `${learning.patterns} pattern(s) from maintainers' verdicts on CCAL pull requests, ${learning.trusted} with enough verdicts to steer ranking and prompts; ${learning.recomputed ? 'recomputed in this run' : `computed ${learning.computedAt}`}.`,
      ''
    )
  }

  lines.push('### Queue', '')
  lines.push(
    ...table(
      ['Status', 'Items'],
      ITEM_STATUSES.filter(status => (report.queue[status] ?? 0) > 0).map(status => [
        status,
        String(report.queue[status])
      ])
    )
  )

  const skipped = sources.flatMap(([name, source]) =>
    source.skipped.map(entry => [name, entry.what, entry.reason])
  )
  if (skipped.length > 0) {
    lines.push('### Skipped', '')
    lines.push(...table(['Source', 'What', 'Why'], skipped.slice(0, 50)))
    if (skipped.length > 50) lines.push(`… and ${skipped.length - 50} more.`, '')
  }
  if (report.problems.length > 0) {
    lines.push('### Problems', '', ...report.problems.map(problem => `- ${escapeCell(problem)}`), '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** Histogram buckets for item durations, in seconds. */
export const DURATION_BUCKETS = [30, 60, 120, 300, 600, 1200, 1800, 3600]

function metricLine(name: string, labels: Record<string, string>, value: number): string {
  const entries = Object.entries(labels)
  const text = entries.length
    ? `{${entries.map(([key, v]) => `${key}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`
    : ''
  return `${name}${text} ${Number.isFinite(value) ? value : 0}`
}

/**
 * Prometheus text exposition of one cycle plus the ledger-wide counters: discovered by source,
 * executed by type and status, a duration histogram, queue size by status, cycles.
 */
export function renderMetrics(
  report: CycleReport,
  ledgerTotals: { cycles: number; costUsd: number }
): string {
  const out: string[] = []
  const family = (name: string, help: string, type: 'counter' | 'gauge' | 'histogram') =>
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)

  family('ccal_discovered_items', 'Candidates found in the last cycle, by source.', 'gauge')
  for (const [source, entry] of Object.entries(report.discovered))
    out.push(metricLine('ccal_discovered_items', { source }, entry.candidates))

  family('ccal_executed_items', 'Items executed in the last cycle, by type and outcome.', 'gauge')
  const executed = new Map<string, number>()
  for (const item of report.executed) {
    const key = `${item.type}\u0000${item.status}`
    executed.set(key, (executed.get(key) ?? 0) + 1)
  }
  for (const [key, count] of executed) {
    const [type, status] = key.split('\u0000') as [string, string]
    out.push(metricLine('ccal_executed_items', { type, status }, count))
  }

  family('ccal_item_duration_seconds', 'Duration of items executed in the last cycle.', 'histogram')
  const durations = report.executed.map(item => item.durationMs / 1000)
  for (const bound of DURATION_BUCKETS) {
    out.push(
      metricLine(
        'ccal_item_duration_seconds_bucket',
        { le: String(bound) },
        durations.filter(d => d <= bound).length
      )
    )
  }
  out.push(metricLine('ccal_item_duration_seconds_bucket', { le: '+Inf' }, durations.length))
  out.push(
    metricLine(
      'ccal_item_duration_seconds_sum',
      {},
      durations.reduce((sum, d) => sum + d, 0)
    )
  )
  out.push(metricLine('ccal_item_duration_seconds_count', {}, durations.length))

  family('ccal_queue_items', 'Items in the ledger, by status.', 'gauge')
  for (const status of ITEM_STATUSES)
    out.push(metricLine('ccal_queue_items', { status }, report.queue[status] ?? 0))

  if (report.learning) {
    family(
      'ccal_learning_patterns',
      'Learned patterns, by whether they have enough verdicts to act on.',
      'gauge'
    )
    out.push(metricLine('ccal_learning_patterns', { trusted: 'true' }, report.learning.trusted))
    out.push(
      metricLine(
        'ccal_learning_patterns',
        { trusted: 'false' },
        report.learning.patterns - report.learning.trusted
      )
    )
  }

  family('ccal_cycles_total', 'Cycles recorded in the ledger.', 'counter')
  out.push(metricLine('ccal_cycles_total', {}, ledgerTotals.cycles))
  family('ccal_cost_usd_total', 'Model spend recorded in the ledger, in USD.', 'counter')
  out.push(metricLine('ccal_cost_usd_total', {}, ledgerTotals.costUsd))
  return `${out.join('\n')}\n`
}
