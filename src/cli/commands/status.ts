import {
  ITEM_STATUSES,
  type GLANCED_STATUSES,
  type ItemStatus,
  type LearningPattern
} from '../../ledger/schema.js'
import {
  describeOutage,
  describeReset,
  isUsageLimitAhead,
  OUTAGE_CURSOR,
  recordedOutage
} from '../../core/outage.js'
import { UsageError } from '../../util/errors.js'
import { sanitizeUntrusted } from '../../util/untrusted.js'
import { parseCommandArgs, type CliCommand } from '../io.js'
import {
  LOCATION_OPTIONS,
  itemLine,
  ledgerHeading,
  itemSummary,
  ledgerJsonHead,
  moneyLines,
  openCliLedger
} from './ledger.js'

type GlancedStatus = (typeof GLANCED_STATUSES)[number]

const USAGE = [
  'Usage: ccal status [--json] [--repo DIR] [--branch NAME] [--remote NAME]',
  '',
  'The queue, the work in progress, open pull requests and the budget, from the ledger branch.'
].join('\n')

/** What the learning step made of the verdicts on CCAL's pull requests, most verdicts first. */
function learnedLines(patterns: readonly LearningPattern[]): string[] {
  if (patterns.length === 0) return []
  const shown = [...patterns]
    .sort((a, b) => b.usageCount - a.usageCount || a.id.localeCompare(b.id))
    .slice(0, 10)
  return [
    '',
    `Learned from pull request verdicts (${patterns.length} pattern${patterns.length === 1 ? '' : 's'})`,
    ...shown.map(pattern => {
      // Rule names come from tool output: no control characters reach the terminal, no newlines.
      const rule =
        pattern.trigger.rule === null
          ? ''
          : ` · rule ${sanitizeUntrusted(pattern.trigger.rule, { maxLength: 80 }).replace(/\s+/g, ' ')}`
      return `  ${pattern.trigger.type}${rule}: ${pattern.successCount} of ${pattern.usageCount} merged (confidence ${pattern.confidence.toFixed(2)})`
    })
  ]
}

/** The model outage or usage limit the ledger holds, in one line, or nothing when there is none. */
function modelLine(cursor: unknown, now: Date): string[] {
  const outage = recordedOutage(cursor)
  if (!outage) return []
  if (isUsageLimitAhead(outage, now))
    return [
      `Model work: waiting for the usage limit to reset at ${describeReset(outage, now)} (recorded ${outage.at})`
    ]
  if (outage.kind === 'usage_limit')
    return [
      `Model work: the usage limit recorded at ${outage.at} has reset; the next cycle tries one item first`
    ]
  return [`Model work: an outage was recorded at ${outage.at}: ${describeOutage(outage, now)}`]
}

/** `ccal status` — the at-a-glance view of the ledger. */
export const statusCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('status', args, {
    ...LOCATION_OPTIONS,
    json: { type: 'boolean' }
  })
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 0) {
    throw new UsageError(`ccal status: unexpected argument '${positionals[0]}'`)
  }
  const store = await openCliLedger(io, values)
  // The summary file answers without reading every item: status costs the same at 50 items as at 50,000.
  const { commit, state, patterns, summary } = await store.overview()
  const now = new Date()
  const count = (status: ItemStatus) => summary.counts[status] ?? 0
  const total = ITEM_STATUSES.reduce((sum, status) => sum + count(status), 0)
  if (values.json) {
    const first = (status: GlancedStatus) => (summary.first[status] ?? []).map(itemSummary)
    io.stdout(
      JSON.stringify(
        {
          ...ledgerJsonHead(store, commit, state, count, now),
          // The outage or usage limit (with its `resetsAt`) that holds model work back, if any.
          modelOutage: recordedOutage(state.cursors[OUTAGE_CURSOR]) ?? null,
          // The first of each, most urgent first; `counts` says how many there are.
          inProgress: first('in_progress'),
          prOpen: first('pr_open'),
          needsHuman: first('needs_human'),
          patterns
        },
        null,
        2
      )
    )
    return 0
  }
  const lines = [ledgerHeading(store, commit, total)]
  lines.push(
    `Queue: ${count('pending')} pending, ${count('in_progress')} in progress, ${count('pr_open')} PRs open, ` +
      `${count('completed')} completed, ${count('failed')} failed, ${count('rejected')} rejected, ` +
      `${count('needs_human')} need a human, ${count('dismissed')} dismissed`
  )
  const section = (title: string, status: GlancedStatus, limit: number): void => {
    const items = summary.first[status] ?? []
    if (items.length === 0) return
    lines.push('', `${title} (${count(status)})`, ...items.slice(0, limit).map(itemLine))
    if (count(status) > limit) lines.push(`  … and ${count(status) - limit} more (ccal ledger show)`)
  }
  section('In progress', 'in_progress', 10)
  section('Open PRs', 'pr_open', 10)
  section('Needs a human', 'needs_human', 10)
  section('Failed', 'failed', 10)
  section('Next up', 'pending', 5)
  lines.push(...learnedLines(patterns))
  lines.push('', ...modelLine(state.cursors[OUTAGE_CURSOR], now), ...moneyLines(state, now))
  lines.push(
    state.lastCycleAt
      ? `Last cycle: #${state.cycles} at ${state.lastCycleAt} (run ${state.lastRunId})`
      : 'Last cycle: none yet'
  )
  io.stdout(lines.join('\n'))
  return 0
}
