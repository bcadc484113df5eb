/**
 * `ccal run`: the same engine as the action, from a shell or a self-hosted runner's service.
 * `--once` (the default) runs one cycle; `--daemon --interval N` repeats it until SIGINT/SIGTERM,
 * finishing or releasing the current item first. While model work is paused (a usage limit not yet
 * reset, outside `loop.active_hours`) the daemon keeps its interval for discovery and reporting and
 * wakes early for the moment work may start again. `--dry-run` discovers and plans without executing,
 * pushing or writing the ledger; `--json` prints machine-readable output.
 *
 * Outside Actions: the repository comes from GITHUB_REPOSITORY or the origin remote, the API from
 * GITHUB_API_URL / GITHUB_GRAPHQL_URL (GitHub.com by default), the credentials from a GitHub App
 * (`--app-id`, `--private-key-file`; see github-auth.ts) or from GITHUB_TOKEN or GH_TOKEN, and the
 * trigger from GITHUB_EVENT_NAME / GITHUB_EVENT_PATH (a schedule when unset).
 */
import type { Server } from 'node:http'
import { resolve } from 'node:path'
import { loadSettings } from '../../config/load.js'
import type { TextOverride } from '../../config/overrides.js'
import type { Settings } from '../../config/schema.js'
import { runEngine, type EngineResult } from '../../core/engine.js'
import type { CycleMode } from '../../core/cycle.js'
import { renderMetrics, renderSummary } from '../../core/report.js'
import { describeTrigger, triggerFromEnvironment } from '../../core/trigger.js'
import { discoveryPlan, type PlanRow } from '../../discovery/plan-view.js'
import { UsageError, errorMessage } from '../../util/errors.js'
import { createStreamLogger, type Logger } from '../../util/logger.js'
import { healthOf, serveMetrics, writeMetricsFile, type DaemonProgress } from '../../util/metrics.js'
import type { TokenSource } from '../../util/token-source.js'
import { githubAuth } from '../github-auth.js'
import { parseCommandArgs, type CliCommand, type CliIo } from '../io.js'

const USAGE = [
  'Usage: ccal run [--once | --daemon [--interval SECONDS]] [--dry-run] [--json]',
  '                [--mode cycle|plan|execute] [--item ID] [--max-items N]',
  '                [--config PATH] [--repo DIR] [--metrics-port PORT]',
  '                [--app-id ID --private-key-file PATH]',
  '',
  'Runs the cycle: discover → plan → execute → open or update pull requests → report.',
  '  --once              one cycle (the default)',
  '  --daemon            repeat every --interval seconds (default ccal.loop.cycle_interval_seconds)',
  '                      until SIGINT or SIGTERM',
  '  --dry-run           discover and plan only: nothing is executed, pushed or written',
  '  --json              print the report (and, in a dry run, the discovery rows) as JSON',
  '  --mode plan         print the picked item ids as a matrix; --mode execute --item ID runs one item',
  '  --app-id ID         authenticate as this GitHub App (or CCAL_APP_ID); its installation on the',
  '                      repository is found, and its tokens are renewed before they expire',
  "  --private-key-file PATH  the App's private key, a PEM file (or CCAL_APP_PRIVATE_KEY_FILE, or",
  '                      the PEM text itself in CCAL_APP_PRIVATE_KEY)',
  '',
  'GitHub: a GitHub App (above), else GITHUB_TOKEN or GH_TOKEN; GITHUB_REPOSITORY or the origin',
  'remote; GITHUB_API_URL and GITHUB_GRAPHQL_URL for GitHub Enterprise Server. Claude Code:',
  "ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN or the runner's own login. The trigger: GITHUB_EVENT_NAME and",
  'GITHUB_EVENT_PATH when set, a schedule otherwise.'
].join('\n')

const MODES: readonly CycleMode[] = ['cycle', 'plan', 'execute']

function isMode(value: string): value is CycleMode {
  return (MODES as readonly string[]).includes(value)
}

function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`ccal run: ${flag} expects a positive whole number, found '${text}'`)
  return value
}

function textRow(row: PlanRow): string {
  const priority = row.priority === null ? '  ' : `P${row.priority}`
  const what = row.fingerprint ?? row.title
  const why = row.decision === 'candidate' ? `${row.trust ?? ''}; ${row.reason}` : row.reason
  return `  ${row.decision.padEnd(9)}  ${priority}  ${row.source.padEnd(14)}  ${what}  — ${why}`
}

interface RunOptions {
  root: string
  configPath: string
  settings: Settings
  mode: CycleMode
  itemId?: string
  json: boolean
  logger: Logger
  /** GitHub's credentials, made once: a daemon's App tokens are renewed across cycles. */
  tokens?: TokenSource
  secretFiles: string[]
}

function printResult(io: CliIo, options: RunOptions, result: EngineResult, commit: string | null): void {
  const { report } = result
  const repository = `${result.repository.owner}/${result.repository.repo}`
  if (report.dryRun) {
    const discovery = discoveryPlan(result.discoveries, {
      ledger: result.ledger,
      context: { now: new Date(), runId: result.report.runId }
    })
    if (options.json) {
      io.stdout(
        JSON.stringify(
          {
            dryRun: true,
            trigger: report.trigger,
            repository,
            ledger: { commit },
            ...discovery,
            plan: report.plan
          },
          null,
          2
        )
      )
      return
    }
    const counts = discovery.counts
    io.stdout(
      [
        `Dry run (${report.trigger}) on ${repository}: ${counts.candidates} candidates, ${counts.skipped} skipped, ` +
          `${counts.operations} ledger operations`,
        ...discovery.rows.map(textRow),
        '',
        ...(report.plan?.picked ?? []).map(
          decision => `  would run  ${decision.itemId}  ${decision.title} — ${decision.reason}`
        ),
        ...(report.plan?.deferred ?? []).map(
          decision => `  deferred   ${decision.itemId}  ${decision.title} — ${decision.reason}`
        )
      ].join('\n')
    )
    return
  }
  if (options.mode === 'plan') {
    const include = (report.plan?.picked ?? []).map(decision => ({ item: decision.itemId }))
    io.stdout(options.json ? JSON.stringify({ include }) : include.map(entry => entry.item).join('\n'))
    return
  }
  io.stdout(options.json ? JSON.stringify(report, null, 2) : renderSummary(report).trimEnd())
}

async function runOnce(io: CliIo, options: RunOptions, signal?: AbortSignal): Promise<EngineResult> {
  const trigger = triggerFromEnvironment(io.env)
  options.logger.info(
    `ccal run: ${options.mode}${options.settings.safety.dry_run ? ' (dry run)' : ''}, trigger ${describeTrigger(trigger)}`
  )
  return runEngine({
    settings: options.settings,
    configPath: options.configPath,
    root: options.root,
    env: io.env,
    trigger,
    mode: options.mode,
    ...(options.itemId ? { itemId: options.itemId } : {}),
    ...(options.tokens ? { githubToken: options.tokens } : {}),
    ...(options.secretFiles.length > 0 ? { secretFiles: options.secretFiles } : {}),
    ...(io.env.CCAL_RUN_ID ? { runId: io.env.CCAL_RUN_ID } : {}),
    logger: options.logger,
    ...(signal ? { signal } : {})
  })
}

function writeMetrics(options: RunOptions, result: EngineResult): string {
  const text = renderMetrics(result.report, {
    cycles: result.ledger.state.cycles,
    costUsd: result.ledger.state.totals.costUsd
  })
  const file = options.settings.monitoring.metrics.file
  if (options.settings.monitoring.metrics.enabled && file) writeMetricsFile(resolve(options.root, file), text)
  return text
}

/**
 * How long the daemon waits for its next cycle: the interval, or less when model work is paused
 * (a usage limit, the active hours) and may start again before the interval is over. A pause longer
 * than the interval does not stretch it: discovery, reconciliation and the report go on meanwhile.
 */
export function untilNextCycle(
  intervalSeconds: number,
  paused: { until: string } | undefined,
  now: number = Date.now()
): number {
  const interval = intervalSeconds * 1000
  if (!paused) return interval
  // A second past the moment, so that the cycle finds it passed.
  const resumes = Date.parse(paused.until) - now + 1000
  return Number.isFinite(resumes) && resumes > 0 && resumes < interval ? resumes : interval
}

/** Sleeps `ms` unless the signal fires first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(done => {
    if (signal.aborted) return done()
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true })
  })
}

async function daemon(
  io: CliIo,
  options: RunOptions,
  intervalSeconds: number,
  metricsPort?: number
): Promise<number> {
  const controller = new AbortController()
  const stop = (signal: NodeJS.Signals) => {
    options.logger.info(`ccal run: ${signal} received; stopping after the current step`)
    controller.abort()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  let metrics = ''
  let server: Server | undefined
  const progress: DaemonProgress = { startedAt: Date.now(), intervalMs: intervalSeconds * 1000, cycles: 0 }
  try {
    if (metricsPort) {
      server = await serveMetrics(
        metricsPort,
        () => metrics,
        '127.0.0.1',
        () => healthOf(progress, Date.now())
      )
      options.logger.info(
        `ccal run: metrics at http://127.0.0.1:${metricsPort}/metrics, health at http://127.0.0.1:${metricsPort}/healthz`
      )
    }
    let cycles = 0
    while (!controller.signal.aborted) {
      let waitMs = intervalSeconds * 1000
      try {
        const result = await runOnce(io, options, controller.signal)
        metrics = writeMetrics(options, result)
        const { report } = result
        cycles += 1
        Object.assign(progress, { cycles, lastGoodAt: Date.now() })
        delete progress.lastError
        waitMs = untilNextCycle(intervalSeconds, report.modelWork)
        options.logger.info(
          `ccal run: cycle ${cycles} done: ${report.executed.length} executed, ${report.problems.length} problems; next in ${Math.round(waitMs / 1000)}s`
        )
        if (report.modelWork)
          options.logger.info(
            `ccal run: model work paused until ${report.modelWork.until} (${report.modelWork.reason}); cycles go on every ${intervalSeconds}s to discover and report, and one starts as soon as it may work again`
          )
      } catch (error) {
        // A daemon outlives a bad cycle (the network, a lost race); the next one starts afresh.
        options.logger.error(`ccal run: cycle failed: ${errorMessage(error)}`)
        progress.lastError = errorMessage(error)
      }
      await pause(waitMs, controller.signal)
    }
    options.logger.info(`ccal run: stopped after ${cycles} cycle${cycles === 1 ? '' : 's'}`)
    return 0
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await new Promise<void>(done => (server ? server.close(() => done()) : done()))
  }
}

/** `ccal run` — see the module comment. */
export const runCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('run', args, {
    repo: { type: 'string' },
    config: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    once: { type: 'boolean' },
    daemon: { type: 'boolean' },
    interval: { type: 'string' },
    mode: { type: 'string' },
    item: { type: 'string' },
    'max-items': { type: 'string' },
    'metrics-port': { type: 'string' },
    'app-id': { type: 'string' },
    'private-key-file': { type: 'string' },
    help: { type: 'boolean', short: 'h' }
  })
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`ccal run: unexpected argument '${positionals[0]}'`)
  if (values.once && values.daemon) throw new UsageError('ccal run: --once and --daemon exclude each other')
  const mode = values.mode ?? 'cycle'
  if (!isMode(mode))
    throw new UsageError(`ccal run: --mode expects one of ${MODES.join(' | ')}, found '${mode}'`)
  if (mode === 'execute' && !values.item) throw new UsageError('ccal run: --mode execute needs --item ID')
  const interval = positiveInteger('--interval', values.interval)
  const metricsPort = positiveInteger('--metrics-port', values['metrics-port'])
  const maxItems = positiveInteger('--max-items', values['max-items'])

  const root = resolve(io.cwd, values.repo ?? '.')
  const overrides: TextOverride[] = []
  if (values['dry-run'])
    overrides.push({ path: ['safety', 'dry_run'], text: 'true', origin: 'flag --dry-run' })
  if (maxItems)
    overrides.push({
      path: ['loop', 'max_items_per_run'],
      text: String(maxItems),
      origin: 'flag --max-items'
    })
  const configPath = values.config ?? io.env.CCAL_CONFIG
  const loaded = loadSettings({
    root,
    ...(configPath ? { configPath, configRequired: true } : {}),
    env: io.env,
    overrides
  })
  const { settings } = loaded
  const logger = createStreamLogger({
    write: line => io.stderr(line),
    level: settings.monitoring.log_level,
    json: settings.monitoring.json_logs
  })
  for (const warning of loaded.warnings) logger.warning(warning)
  const auth = await githubAuth(
    io,
    { appId: values['app-id'], privateKeyFile: values['private-key-file'] },
    { root, logger, timeoutMs: settings.loop.request_timeout_seconds * 1000, command: 'ccal run' }
  )
  const options: RunOptions = {
    root,
    configPath: loaded.configPath,
    settings,
    mode,
    ...(values.item ? { itemId: values.item } : {}),
    json: values.json ?? false,
    logger,
    ...(auth.tokens ? { tokens: auth.tokens } : {}),
    secretFiles: auth.secretFiles
  }
  if (values.daemon) {
    const port = metricsPort ?? settings.monitoring.metrics.port
    return daemon(io, options, interval ?? settings.loop.cycle_interval_seconds, port)
  }
  const result = await runOnce(io, options)
  writeMetrics(options, result)
  printResult(io, options, result, result.commit)
  return 0
}
