/**
 * `ccal report --html DIR [--json FILE|-] [--days N]`: the report with charts (spend against the
 * budget, pull requests and their verdicts, the queue, failures) as one self-contained page, and
 * its numbers as JSON, from the ledger branch and, where items dropped old history, its git log.
 */
import { resolve } from 'node:path'
import { loadSettings } from '../../config/load.js'
import { DEFAULT_REPORT_DAYS, reportData } from '../../report/data.js'
import { reportJson, writeReportJson, writeReportPage } from '../../report/files.js'
import { droppedHistoryCommits } from '../../report/history.js'
import { UsageError } from '../../util/errors.js'
import { parseCommandArgs, type CliCommand } from '../io.js'
import { LOCATION_OPTIONS, openCliLedger } from './ledger.js'

const MAX_DAYS = 366

const USAGE = [
  'Usage: ccal report --html DIR [--json FILE|-] [--days N] [--config PATH]',
  '                   [--repo DIR] [--branch NAME] [--remote NAME]',
  '',
  'A report with charts from the ledger branch: spend per day against the day budget, pull requests',
  'opened, merged and closed per week, merge rate and cost per merged pull request per item type,',
  'time to merge, queue size over time and the most frequent failure fingerprints.',
  '  --html DIR      write DIR/index.html: one page, no script, nothing loaded from the network',
  '  --json FILE|-   write the same numbers as JSON to FILE, or to stdout with -',
  `  --days N        the window, ending today (UTC); default ${DEFAULT_REPORT_DAYS}`,
  '  --config PATH   the settings file the day budget is read from (default .github/ccal.yml)'
].join('\n')

function parseDays(text: string | undefined): number {
  if (text === undefined) return DEFAULT_REPORT_DAYS
  const days = Number(text)
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new UsageError(`ccal report: --days expects a whole number from 1 to ${MAX_DAYS}, found '${text}'`)
  return days
}

/** `ccal report`. */
export const reportCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('report', args, {
    ...LOCATION_OPTIONS,
    html: { type: 'string' },
    json: { type: 'string' },
    days: { type: 'string' },
    config: { type: 'string' }
  })
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`ccal report: unexpected argument '${positionals[0]}'`)
  if (values.html === undefined && values.json === undefined)
    throw new UsageError('ccal report: say where to write it: --html DIR, --json FILE or --json -')
  const days = parseDays(values.days)
  const root = resolve(io.cwd, values.repo ?? '.')
  const { settings } = loadSettings({
    root,
    ...(values.config ? { configPath: values.config, configRequired: true } : {}),
    env: io.env
  })
  const store = await openCliLedger(io, values)
  const { ledger, commit } = await store.read({ refresh: true })
  const now = new Date()
  const since = new Date(now.getTime() - days * 86_400_000)
  const commitsByItem = commit ? await droppedHistoryCommits(store, ledger, since) : new Map()
  const data = reportData(ledger, {
    now,
    days,
    dayBudgetUsd: settings.budgets.cost_per_day_usd,
    branch: store.branch,
    commit,
    commitsByItem
  })
  // With the JSON on stdout, what was written is said on stderr.
  const say = values.json === '-' ? io.stderr : io.stdout
  if (values.json === '-') io.stdout(reportJson(data).trimEnd())
  else if (values.json !== undefined) {
    const path = resolve(io.cwd, values.json)
    await writeReportJson(path, data)
    say(`wrote the report's data to ${path}`)
  }
  if (values.html !== undefined) {
    const page = await writeReportPage(resolve(io.cwd, values.html), data)
    say(
      `wrote the report to ${page}: ${data.window.days} days, ${data.window.from} to ${data.window.to}` +
        (commit ? '' : `; ledger '${store.branch}' does not exist yet, so every chart is empty`)
    )
  }
  return 0
}
