import { itemsByStatus } from '../../ledger/ops.js'
import type { LearningPattern } from '../../ledger/schema.js'
import { UsageError } from '../../util/errors.js'
import { sanitizeUntrusted } from '../../util/untrusted.js'
import { parseCommandArgs, type CliCommand } from '../io.js'
import {
  LOCATION_OPTIONS,
  itemLine,
  ledgerHeading,
  moneyLines,
  openCliLedger,
  summaryJson
} from './ledger.js'

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
  const snapshot = await store.read()
  const now = new Date()
  if (values.json) {
    const { items, ...summary } = summaryJson(store, snapshot, now)
    io.stdout(
      JSON.stringify(
        {
          ...summary,
          inProgress: items.in_progress,
          prOpen: items.pr_open,
          needsHuman: items.needs_human,
          patterns: snapshot.ledger.patterns
        },
        null,
        2
      )
    )
    return 0
  }
  const groups = itemsByStatus(snapshot.ledger)
  const { state } = snapshot.ledger
  const lines = [ledgerHeading(store, snapshot)]
  lines.push(
    `Queue: ${groups.pending.length} pending, ${groups.in_progress.length} in progress, ${groups.pr_open.length} PRs open, ` +
      `${groups.completed.length} completed, ${groups.failed.length} failed, ${groups.rejected.length} rejected, ` +
      `${groups.needs_human.length} need a human, ${groups.dismissed.length} dismissed`
  )
  const section = (title: string, items: typeof groups.pending, limit: number): void => {
    if (items.length === 0) return
    lines.push('', `${title} (${items.length})`, ...items.slice(0, limit).map(itemLine))
    if (items.length > limit) lines.push(`  … and ${items.length - limit} more (ccal ledger show)`)
  }
  section('In progress', groups.in_progress, 10)
  section('Open PRs', groups.pr_open, 10)
  section('Needs a human', groups.needs_human, 10)
  section('Failed', groups.failed, 10)
  section('Next up', groups.pending, 5)
  lines.push(...learnedLines(snapshot.ledger.patterns))
  lines.push('', ...moneyLines(snapshot.ledger, now))
  lines.push(
    state.lastCycleAt
      ? `Last cycle: #${state.cycles} at ${state.lastCycleAt} (run ${state.lastRunId})`
      : 'Last cycle: none yet'
  )
  io.stdout(lines.join('\n'))
  return 0
}
