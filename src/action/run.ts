/**
 * The action adapter: inputs and the event payload in, settings and a trigger out, then the
 * engine; the report goes to the job summary, the outputs, annotations and the metrics file.
 * Everything below this file is shared with the `ccal` CLI.
 */
import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadSettings } from '../config/load.js'
import type { Settings } from '../config/schema.js'
import { runEngine, type TranscriptFiles } from '../core/engine.js'
import { renderMetrics, renderSummary, type CycleReport, type HtmlReportEntry } from '../core/report.js'
import type { LedgerStore } from '../ledger/store.js'
import { DEFAULT_REPORT_DAYS, reportData } from '../report/data.js'
import { REPORT_DATA_FILE, writeReportJson, writeReportPage } from '../report/files.js'
import { droppedHistoryCommits } from '../report/history.js'
import { describeTrigger, triggerFromEnvironment } from '../core/trigger.js'
import { shutdownSignal } from '../executor/index.js'
import { actionsToolCache } from './tool-cache.js'
import type { Ledger } from '../ledger/schema.js'
import type { Logger } from '../util/logger.js'
import { writeMetricsFile } from '../util/metrics.js'
import { pathSegment } from '../workspace/location.js'
import { uploadArtifact } from './artifacts.js'
import { errorMessage } from '../util/errors.js'
import { CCAL_VERSION } from '../version.js'
import { readActionInputs } from './inputs.js'
import { createActionLogger } from './logger.js'
import { writeActionOutputs } from './outputs.js'

/** Evidence annotations shown at most, so a large lint batch does not flood the run page. */
const MAX_ANNOTATIONS = 10

/** Runs one invocation of the action. Throws typed errors; the entry point reports them. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const inputs = readActionInputs()
  const root = resolve(
    env.GITHUB_WORKSPACE && env.GITHUB_WORKSPACE.trim() !== '' ? env.GITHUB_WORKSPACE : process.cwd()
  )
  const loaded = loadSettings({
    root,
    configPath: inputs.configPath,
    configRequired: inputs.configExplicit,
    env,
    overrides: inputs.overrides
  })
  const { settings } = loaded
  const logger = createActionLogger(settings.monitoring.log_level)
  for (const warning of loaded.warnings) logger.warning(warning)
  const trigger = triggerFromEnvironment(env)
  logger.info(
    `CCAL ${CCAL_VERSION}: mode ${inputs.mode}${settings.safety.dry_run ? ' (dry run)' : ''}, trigger ${describeTrigger(trigger)}, ` +
      `settings from ${loaded.configFound ? loaded.configPath : 'defaults (no config file)'}`
  )
  if (trigger.kind === 'ignored') {
    logger.info(`nothing to do: ${trigger.reason}`)
    writeActionOutputs({
      itemsDiscovered: 0,
      itemsExecuted: 0,
      prs: [],
      plannedItems: [],
      executed: [],
      summary: trigger.reason
    })
    return
  }
  const shutdown = shutdownSignal()
  try {
    const toolCache = await actionsToolCache(env)
    const { report, ledger, transcripts, store, commit } = await runEngine({
      settings,
      configPath: loaded.configPath,
      root,
      env,
      trigger,
      mode: inputs.mode,
      ...(inputs.item ? { itemId: inputs.item } : {}),
      githubToken: inputs.githubToken,
      ...(inputs.anthropicApiKey ? { anthropicApiKey: inputs.anthropicApiKey } : {}),
      ...(inputs.claudeOauthToken ? { claudeOauthToken: inputs.claudeOauthToken } : {}),
      ...(toolCache ? { toolCache } : {}),
      logger,
      signal: shutdown.signal
    })
    if (transcripts) {
      const name = transcriptArtifactName(report.runId, inputs.mode === 'execute' ? inputs.item : undefined)
      await uploadTranscripts(report, transcripts, name, settings, env, logger)
    }
    if (inputs.report) {
      const name = reportArtifactName(report.runId, inputs.mode === 'execute' ? inputs.item : undefined)
      await uploadReport(report, { ledger, store, commit }, name, settings, env, logger)
    }
    await publish(report, ledger, settings, env)
  } finally {
    shutdown.dispose()
  }
}

/**
 * The name of this run's transcripts artifact. Names are unique within a workflow run: the run id
 * carries the attempt, and each job of an execute matrix adds its item.
 */
export function transcriptArtifactName(runId: string, itemId?: string): string {
  return `ccal-transcripts-${pathSegment(runId)}${itemId ? `-${pathSegment(itemId)}` : ''}`
}

/** The name of this run's report artifact (unique in the workflow run, as the transcripts' is). */
export function reportArtifactName(runId: string, itemId?: string): string {
  return `ccal-report-${pathSegment(runId)}${itemId ? `-${pathSegment(itemId)}` : ''}`
}

/** The artifact's page on GitHub, when the run's variables say where it is. */
function artifactUrl(env: NodeJS.ProcessEnv, id: number): string | null {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return null
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`
}

/**
 * Writes the report with charts (the page and its data, as `ccal report --html` does) to
 * RUNNER_TEMP and uploads it as one artifact; a failure is a warning in the log and the summary,
 * never the run's failure, and leaves the files where they are.
 */
async function uploadReport(
  report: CycleReport,
  source: { ledger: Ledger; store: LedgerStore; commit: string | null },
  name: string,
  settings: Settings,
  env: NodeJS.ProcessEnv,
  logger: Logger
): Promise<void> {
  const directory = join(env.RUNNER_TEMP || tmpdir(), name)
  const entry: HtmlReportEntry = (report.htmlReport = { directory })
  try {
    const now = new Date()
    const since = new Date(now.getTime() - DEFAULT_REPORT_DAYS * 86_400_000)
    const commitsByItem = source.commit
      ? await droppedHistoryCommits(source.store, source.ledger, since)
      : undefined
    const data = reportData(source.ledger, {
      now,
      days: DEFAULT_REPORT_DAYS,
      dayBudgetUsd: settings.budgets.cost_per_day_usd,
      branch: settings.ledger.branch,
      commit: source.commit,
      ...(commitsByItem ? { commitsByItem } : {})
    })
    const page = await writeReportPage(directory, data)
    const json = join(directory, REPORT_DATA_FILE)
    await writeReportJson(json, data)
    const uploaded = await uploadArtifact(name, [page, json], directory, { env })
    entry.artifact = { name: uploaded.name, url: artifactUrl(env, uploaded.id) }
    logger.info(`report: uploaded as artifact ${uploaded.name} (id ${uploaded.id}, ${uploaded.size} bytes)`)
  } catch (error) {
    entry.problem = errorMessage(error)
    logger.warning(`report: ${entry.problem}; the files stay in ${directory}`)
  }
}

/**
 * Uploads the transcripts as one artifact and says so in the report; a failed upload is a warning,
 * never the run's failure, and leaves the files where they are.
 */
async function uploadTranscripts(
  report: CycleReport,
  transcripts: TranscriptFiles,
  name: string,
  settings: Settings,
  env: NodeJS.ProcessEnv,
  logger: Logger
): Promise<void> {
  const entry = (report.transcripts ??= { items: transcripts.files.length, directory: transcripts.directory })
  const retentionDays = settings.monitoring.transcripts.retention_days
  try {
    const uploaded = await uploadArtifact(name, transcripts.files, transcripts.directory, {
      env,
      ...(retentionDays ? { retentionDays } : {})
    })
    entry.artifact = uploaded.name
    logger.info(
      `transcripts: ${transcripts.files.length} uploaded as artifact ${uploaded.name} (id ${uploaded.id}, ${uploaded.size} bytes)`
    )
    await rm(transcripts.directory, { recursive: true, force: true })
  } catch (error) {
    entry.problem = errorMessage(error)
    logger.warning(`transcripts: ${entry.problem}; they stay in ${transcripts.directory}`)
  }
}

async function publish(
  report: CycleReport,
  ledger: Ledger,
  settings: Settings,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const summary = renderSummary(report)
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write()
  writeActionOutputs({
    itemsDiscovered: Object.values(report.discovered).reduce((sum, source) => sum + source.candidates, 0),
    itemsExecuted: report.executed.filter(item => item.status !== 'skipped').length,
    prs: report.executed.flatMap(item =>
      item.pr ? [{ item: item.itemId, number: item.pr.number, url: item.pr.url, status: item.status }] : []
    ),
    plannedItems: report.plan?.picked.map(decision => decision.itemId) ?? [],
    summary,
    executed: report.executed
  })
  for (const problem of report.problems) core.warning(problem)
  annotateEvidence(report, ledger)
  const metrics = settings.monitoring.metrics
  if (metrics.enabled && metrics.file) {
    const totals = { cycles: ledger.state.cycles, costUsd: ledger.state.totals.costUsd }
    writeMetricsFile(
      resolve(env.GITHUB_WORKSPACE ?? process.cwd(), metrics.file),
      renderMetrics(report, totals)
    )
  }
}

/** A notice on the file and line each planned or executed item is about, where the evidence names one. */
function annotateEvidence(report: CycleReport, ledger: Ledger): void {
  const ids = [
    ...(report.plan?.picked ?? []).map(decision => decision.itemId),
    ...report.executed.map(item => item.itemId)
  ]
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id) || seen.size >= MAX_ANNOTATIONS) continue
    seen.add(id)
    const item = ledger.items.get(id)
    const file = item?.context.file
    if (!item || typeof file !== 'string') continue
    const line = typeof item.context.line === 'number' ? item.context.line : undefined
    core.notice(`CCAL work item ${item.id}: ${item.title}`, {
      title: `CCAL: ${item.type}`,
      file,
      ...(line ? { startLine: line } : {})
    })
  }
}
