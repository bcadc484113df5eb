/**
 * The CI-logs source: failed workflow runs on the watched branches (the default branch unless
 * configured, plus the run named by a `workflow_run` trigger), their failed jobs (latest attempt),
 * and each job's log (the API answers with a redirect to plain text). The log goes through the
 * streaming scanner; the errors found become one item per failing job and tool, fingerprinted by
 * the set of normalized failures, so the same failure in 20 runs is one item.
 *
 * Runs already looked at are remembered in the cursor. With `flaky_check`, a failed run is first
 * re-run (failed jobs only) and becomes work only when the re-run fails again.
 */
import { z } from 'zod'
import type { Settings } from '../config/schema.js'
import { isFullScan, type Trigger } from '../core/trigger.js'
import type { GitHubClient } from '../github/client.js'
import type { CandidateInput } from '../ledger/ops.js'
import { errorMessage } from '../util/errors.js'
import { buildEvidence, evidenceBudget } from '../findings/evidence.js'
import type { Finding } from '../findings/finding.js'
import { errorSignature, shortHash } from '../findings/fingerprint.js'
import { scanLogBuffer } from '../findings/log-reader.js'
import { stripAnsi, stripTimestamp } from '../findings/log/line-parser.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource, Skipped } from './source.js'

export const CI_LOGS_SOURCE = 'ci-logs'

/** Run ids remembered as processed (oldest forgotten first); far more than a cycle ever examines. */
const MAX_REMEMBERED_RUNS = 500
/** Lines of a step's output kept as evidence when no tool's error could be read from it. */
const TAIL_LINES = 40

const CursorSchema = z.looseObject({
  processed: z.array(z.number()).default([]),
  /** Run id → the attempt CCAL asked for when it re-ran the failed jobs. */
  rerun: z.record(z.string(), z.number()).default({})
})

const FAILED = new Set(['failure', 'timed_out'])

/** What the source needs of a workflow run (the REST answer is parsed into this). */
const RunSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullable().optional(),
  head_branch: z.string().nullable().optional(),
  head_sha: z.string(),
  status: z.string().nullable().optional(),
  conclusion: z.string().nullable().optional(),
  run_attempt: z.number().optional(),
  html_url: z.string().optional()
})
type Run = z.infer<typeof RunSchema>
const JobSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  conclusion: z.string().nullable().optional(),
  html_url: z.string().nullable().optional()
})
type Job = z.infer<typeof JobSchema>

function label(text: string, max = 80): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '').trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

/** The last `TAIL_LINES` lines before the exit-code line of `step`, timestamps removed. */
export function stepTail(log: string, step: string | null, exitLine: string): string {
  const lines = log.split(/\r?\n/).map(line => stripAnsi(stripTimestamp(line)))
  let end = lines.findIndex(
    (line, index) =>
      line === exitLine &&
      (step === null ||
        lines
          .slice(0, index)
          .reverse()
          .find(l => l.startsWith('##[group]'))
          ?.includes(step))
  )
  if (end < 0) end = lines.length
  let start = end - 1
  while (start > 0 && end - start < TAIL_LINES && !lines[start - 1]?.startsWith('##[group]')) start--
  return lines
    .slice(start, end)
    .filter(line => line !== '##[endgroup]')
    .join('\n')
}

/**
 * Findings of a failed job's log that are work: errors from tools; the runner's annotations only
 * when they add something; an exit code only when nothing else explains the failure of its step.
 */
export function jobFailures(findings: readonly Finding[]): Finding[] {
  const errors = findings.filter(f => f.severity === 'error')
  const tools = errors.filter(f => f.tool !== 'actions')
  const toolKeys = new Set(tools.map(f => `${f.file}|${f.line}|${f.message}`))
  const annotations = errors.filter(
    f => f.tool === 'actions' && f.rule !== 'exit-code' && !toolKeys.has(`${f.file}|${f.line}|${f.message}`)
  )
  const explainedSteps = new Set([...tools, ...annotations].map(f => f.step))
  const exits = errors.filter(
    f => f.tool === 'actions' && f.rule === 'exit-code' && !explainedSteps.has(f.step)
  )
  return [...tools, ...annotations, ...exits]
}

interface JobContext {
  run: Run
  job: Job
  log: string
  root: string
  evidenceChars: number
}

/** One item per tool failing in the job; the fingerprint is the set of its normalized failures. */
export function ciCandidates(failures: readonly Finding[], job: JobContext): CandidateInput[] {
  const byTool = new Map<string, Finding[]>()
  for (const failure of failures) {
    const key =
      failure.tool === 'actions' && failure.rule === 'exit-code' ? `exit:${failure.step}` : failure.tool
    byTool.set(key, [...(byTool.get(key) ?? []), failure])
  }
  const workflow = label(job.run.name ?? 'workflow')
  const jobName = label(job.job.name)
  const url = job.job.html_url ?? job.run.html_url
  return [...byTool.entries()].map(([key, findings]) => {
    const signatures = [...new Set(findings.map(f => errorSignature(f, job.root)))].sort()
    const first = findings[0] as Finding
    const exitOnly = key.startsWith('exit:')
    const tool = exitOnly ? 'step' : first.tool
    const evidence = exitOnly
      ? stepTail(job.log, first.step ?? null, `##[error]${first.message}`)
      : buildEvidence(findings, job.evidenceChars)
    const count = signatures.length
    return {
      fingerprint: `ci:${workflow}:${jobName}:${tool}:${shortHash(signatures.join('\n'))}`,
      type: 'ci_failure',
      source: CI_LOGS_SOURCE,
      title: exitOnly
        ? `Fix the failing step "${label(first.step ?? 'unknown step', 60)}" of ${workflow} / ${jobName}`
        : `Fix ${count} ${label(tool, 30)} error${count === 1 ? '' : 's'} failing ${workflow} / ${jobName}`,
      description: [
        `The job "${jobName}" of workflow "${workflow}" failed on ${job.run.head_branch ?? 'the default branch'} at ${job.run.head_sha.slice(0, 12)}${first.step ? `, in step "${label(first.step, 80)}"` : ''}.`,
        exitOnly
          ? 'No tool error could be read from its log; the end of the step output is in the evidence. Find the cause and fix it.'
          : `Fix the ${count} error${count === 1 ? '' : 's'} in the evidence so that the job passes again.`,
        url ? `Run: ${url}` : ''
      ]
        .filter(Boolean)
        .join('\n'),
      untrusted: {
        evidence: evidence.length > job.evidenceChars ? `${evidence.slice(-job.evidenceChars)}` : evidence
      },
      priority: 2,
      context: {
        ...(first.file !== null ? { file: first.file } : {}),
        ...(first.line !== null ? { line: first.line } : {}),
        ...(first.rule !== null ? { rule: first.rule } : {}),
        errorSignature: signatures[0] ?? '',
        workflowRunId: job.run.id,
        jobName: job.job.name,
        commitSha: job.run.head_sha,
        ...(url ? { url } : {}),
        ...(first.step ? { step: first.step } : {}),
        tool
      }
    }
  })
}

/** Failed CI runs and their logs as work. */
export class CiLogsSource implements DiscoverySource {
  readonly name = CI_LOGS_SOURCE

  appliesTo(trigger: Trigger, settings: Settings): boolean {
    if (!settings.discovery.ci_logs.enabled) return false
    return isFullScan(trigger) || (trigger.kind === 'workflow_run' && trigger.run.conclusion !== 'success')
  }

  async discover(context: DiscoveryContext): Promise<DiscoveryResult> {
    const result: DiscoveryResult = { source: this.name, candidates: [], skipped: [], requests: 0 }
    const github = context.github
    if (!github) {
      result.skipped.push({ what: 'CI logs', reason: 'no GitHub client (running without GitHub)' })
      return result
    }
    const config = context.settings.discovery.ci_logs
    const cursor = CursorSchema.parse(context.ledger.state.cursors[this.name] ?? {})
    const processed = new Set(cursor.processed)
    const rerun = { ...cursor.rerun }
    const count = () => (result.requests = (result.requests ?? 0) + 1)
    const runs = await this.failedRuns(github, context, count)
    for (const run of runs.slice(0, config.max_runs_per_cycle)) {
      const what = `run ${run.id} (${label(run.name ?? 'workflow')})`
      if (processed.has(run.id)) {
        result.skipped.push({ what, reason: 'already processed' })
        continue
      }
      if (config.workflows.length > 0 && !config.workflows.includes(run.name ?? '')) {
        result.skipped.push({ what, reason: `workflow not in discovery.ci_logs.workflows` })
        continue
      }
      if (config.flaky_check && !(await this.failureRepeats(github, run, rerun, result.skipped, count)))
        continue
      try {
        result.candidates.push(...(await this.runCandidates(github, run, context, count)))
        processed.add(run.id)
        delete rerun[String(run.id)]
      } catch (error) {
        result.skipped.push({ what, reason: `could not read its jobs or logs: ${errorMessage(error)}` })
      }
    }
    const remembered = [...processed].slice(-MAX_REMEMBERED_RUNS)
    result.cursor = { processed: remembered, rerun }
    return result
  }

  /** Failed runs on the watched branches, newest first, plus the triggering run. */
  private async failedRuns(
    github: GitHubClient,
    context: DiscoveryContext,
    count: () => void
  ): Promise<Run[]> {
    const config = context.settings.discovery.ci_logs
    const runs = new Map<number, Run>()
    const trigger = context.trigger
    if (trigger.kind === 'workflow_run') {
      count()
      const { data } = await github.rest.rest.actions.getWorkflowRun({
        owner: github.owner,
        repo: github.repo,
        run_id: trigger.run.id
      })
      const run = RunSchema.parse(data)
      if (
        FAILED.has(run.conclusion ?? '') ||
        (config.flaky_check && run.run_attempt !== undefined && run.run_attempt > 1)
      )
        runs.set(run.id, run)
    }
    if (isFullScan(trigger)) {
      let branches = config.branches
      if (branches.length === 0) {
        count()
        const { data } = await github.rest.rest.repos.get({ owner: github.owner, repo: github.repo })
        branches = [data.default_branch]
      }
      for (const branch of branches) {
        count()
        const { data } = await github.rest.rest.actions.listWorkflowRunsForRepo({
          owner: github.owner,
          repo: github.repo,
          branch,
          status: 'failure',
          per_page: Math.min(100, config.max_runs_per_cycle)
        })
        for (const raw of data.workflow_runs) runs.set(raw.id, RunSchema.parse(raw))
      }
      // Runs CCAL re-ran are no longer "failure" while they run again: look at them too.
      for (const id of Object.keys(
        context.ledger.state.cursors[this.name]
          ? CursorSchema.parse(context.ledger.state.cursors[this.name]).rerun
          : {}
      )) {
        if (runs.has(Number(id))) continue
        count()
        const { data } = await github.rest.rest.actions.getWorkflowRun({
          owner: github.owner,
          repo: github.repo,
          run_id: Number(id)
        })
        runs.set(Number(id), RunSchema.parse(data))
      }
    }
    return [...runs.values()].sort((a, b) => b.id - a.id)
  }

  /**
   * The flaky check: re-runs a failed run's failed jobs once; true once the re-run has failed too.
   * A run that passes on its re-run is flaky: it is skipped (and its re-run forgotten).
   */
  private async failureRepeats(
    github: GitHubClient,
    run: Run,
    rerun: Record<string, number>,
    skipped: Skipped[],
    count: () => void
  ): Promise<boolean> {
    const what = `run ${run.id} (${label(run.name ?? 'workflow')})`
    const asked = rerun[String(run.id)]
    if (asked === undefined) {
      count()
      await github.rest.rest.actions.reRunWorkflowFailedJobs({
        owner: github.owner,
        repo: github.repo,
        run_id: run.id
      })
      rerun[String(run.id)] = (run.run_attempt ?? 1) + 1
      skipped.push({ what, reason: 'failed jobs re-run once to tell a flaky failure from a real one' })
      return false
    }
    if (run.status !== 'completed') {
      skipped.push({ what, reason: 'its re-run is still running' })
      return false
    }
    if (!FAILED.has(run.conclusion ?? '')) {
      delete rerun[String(run.id)]
      skipped.push({ what, reason: 'flaky: it passed when re-run' })
      return false
    }
    return true
  }

  private async runCandidates(
    github: GitHubClient,
    run: Run,
    context: DiscoveryContext,
    count: () => void
  ): Promise<CandidateInput[]> {
    const config = context.settings.discovery.ci_logs
    count()
    const { data } = await github.rest.rest.actions.listJobsForWorkflowRun({
      owner: github.owner,
      repo: github.repo,
      run_id: run.id,
      filter: 'latest',
      per_page: 100
    })
    const jobs = data.jobs.map(job => JobSchema.parse(job)).filter(job => FAILED.has(job.conclusion ?? ''))
    const candidates: CandidateInput[] = []
    for (const job of jobs) {
      count()
      const response = await github.rest.rest.actions.downloadJobLogsForWorkflowRun({
        owner: github.owner,
        repo: github.repo,
        job_id: job.id
      })
      const raw = response.data as unknown
      let log =
        typeof raw === 'string'
          ? raw
          : raw instanceof ArrayBuffer
            ? Buffer.from(raw).toString('utf8')
            : String(raw ?? '')
      if (Buffer.byteLength(log) > config.max_log_bytes) {
        // The end of a log is where a job fails: keep the tail.
        context.logger.info(
          `${this.name}: log of job ${job.id} is larger than max_log_bytes; reading its last ${config.max_log_bytes} bytes`
        )
        log = Buffer.from(log).subarray(-config.max_log_bytes).toString('utf8')
      }
      const failures = jobFailures(scanLogBuffer(Buffer.from(log)))
      candidates.push(
        ...ciCandidates(failures, {
          run,
          job,
          log,
          root: context.root,
          evidenceChars: evidenceBudget(context.settings.claude.max_prompt_length)
        })
      )
    }
    return candidates
  }
}
