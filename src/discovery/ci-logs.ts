/**
 * The CI-logs source: failed workflow runs on the watched branches (the default branch unless
 * configured, plus the run named by a `workflow_run` trigger), their failed jobs (latest attempt),
 * and each job's log, streamed from the plain-text download the API redirects to through the
 * scanner, so that a log of any size is read in bounded memory. The job's check-run annotations
 * are read beside the log: the same problem once, with the file and line an annotation knows and
 * the log line lost. What failed becomes one item per distinct failure (findings/failures.ts),
 * fingerprinted by its normalized errors and not by the job or step that printed them: the same
 * failure in 20 runs or in every job of a matrix is one item, another error in the same step is
 * another item.
 *
 * Runs already looked at are remembered in the cursor. With `flaky_check`, a failed run is first
 * re-run (failed jobs only) and becomes work only when the re-run fails again.
 */
import { z } from 'zod'
import type { Settings } from '../config/schema.js'
import { isFullScan, type Trigger } from '../core/trigger.js'
import { buildEvidence, evidenceBudget, placeOf } from '../findings/evidence.js'
import { collectFailures, type Failure } from '../findings/failures.js'
import { finding, type Finding } from '../findings/finding.js'
import { errorSignature } from '../findings/fingerprint.js'
import { exitCodeOf } from '../findings/log/framing.js'
import { prefetchRunJobs, type RunJobs } from './run-jobs.js'
import { createLogStream } from '../findings/log-reader.js'
import { repoPath } from '../findings/paths.js'
import { toolLabel } from '../findings/tools/labels.js'
import type { GitHubClient } from '../github/client.js'
import { countStatus, findByFingerprint, type CandidateInput } from '../ledger/ops.js'
import { errorMessage } from '../util/errors.js'
import { isScanDue } from './files.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource, Skipped } from './source.js'

export const CI_LOGS_SOURCE = 'ci-logs'

/** Run ids remembered as processed (oldest forgotten first); far more than a cycle ever examines. */
const MAX_REMEMBERED_RUNS = 500

const CursorSchema = z.looseObject({
  processed: z.array(z.number()).default([]),
  /** Run id → the attempt CCAL asked for when it re-ran the failed jobs. */
  rerun: z.record(z.string(), z.number()).default({}),
  /** When a scheduled scan last looked for failed runs (`interval_seconds` counts from it). */
  lastScanAt: z.string().optional()
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
  html_url: z.string().optional(),
  node_id: z.string().optional()
})
type Run = z.infer<typeof RunSchema>
const JobSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  conclusion: z.string().nullable().optional(),
  html_url: z.string().nullable().optional(),
  check_run_url: z.string().nullable().optional()
})
type Job = z.infer<typeof JobSchema>

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
    // A failed run's own event is always looked at; scheduled scans keep to the interval.
    const scheduled = context.trigger.kind !== 'workflow_run'
    if (scheduled && !isScanDue(cursor.lastScanAt, config.interval_seconds, context.now)) {
      result.skipped.push({
        what: 'CI logs',
        reason: `scanned at ${cursor.lastScanAt}; next scan after ${config.interval_seconds}s (discovery.ci_logs.interval_seconds)`
      })
      return result
    }
    const processed = new Set(cursor.processed)
    const rerun = { ...cursor.rerun }
    const count = () => (result.requests = (result.requests ?? 0) + 1)
    const runs = await this.failedRuns(github, context, count)
    // A run is remembered only once its failures have room in the queue: one whose new items the
    // ledger would not admit (ledger.queue_size_limit) is left for a later scan, not lost.
    let room = context.settings.ledger.queue_size_limit - countStatus(context.ledger, 'pending')
    const examined = runs.slice(0, config.max_runs_per_cycle)
    // The jobs (and annotations) of every run this scan may read, in one request. With flaky_check,
    // a run is read only once its re-run has failed again: a run not re-run yet is not asked about.
    const wanted = examined.filter(
      run =>
        !processed.has(run.id) &&
        (config.workflows.length === 0 || config.workflows.includes(run.name ?? '')) &&
        (!config.flaky_check ||
          (rerun[String(run.id)] !== undefined &&
            run.status === 'completed' &&
            FAILED.has(run.conclusion ?? '')))
    )
    const prefetched =
      wanted.length > 0 && room > 0
        ? await prefetchRunJobs(github, wanted, count, problem =>
            context.logger.info(`${this.name}: ${problem}`)
          )
        : new Map<number, RunJobs>()
    for (const run of examined) {
      const what = `run ${run.id} (${plain(run.name ?? 'workflow')})`
      if (processed.has(run.id)) {
        result.skipped.push({ what, reason: 'already processed' })
        continue
      }
      if (room <= 0) {
        result.skipped.push({
          what,
          reason: `the queue is full (ledger.queue_size_limit ${context.settings.ledger.queue_size_limit} pending items); left for a later scan`
        })
        continue
      }
      if (config.workflows.length > 0 && !config.workflows.includes(run.name ?? '')) {
        result.skipped.push({ what, reason: `workflow not in discovery.ci_logs.workflows` })
        continue
      }
      if (config.flaky_check && !(await this.failureRepeats(github, run, rerun, result.skipped, count)))
        continue
      try {
        const found = await this.runCandidates(github, run, context, count, prefetched.get(run.id))
        result.candidates.push(...found)
        const fresh = found.filter(candidate => !findByFingerprint(context.ledger, candidate.fingerprint))
        // Not all of them fit: the run is read again by a later scan, for what was not admitted.
        if (fresh.length > room) {
          room = 0
          continue
        }
        room -= fresh.length
        processed.add(run.id)
        delete rerun[String(run.id)]
      } catch (error) {
        result.skipped.push({ what, reason: `could not read its jobs or logs: ${errorMessage(error)}` })
      }
    }
    const remembered = [...processed].slice(-MAX_REMEMBERED_RUNS)
    const lastScanAt = scheduled ? context.now.toISOString() : cursor.lastScanAt
    result.cursor = { processed: remembered, rerun, ...(lastScanAt ? { lastScanAt } : {}) }
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
    const what = `run ${run.id} (${plain(run.name ?? 'workflow')})`
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

  /** One candidate per distinct failure of the run's failed jobs (a failure several jobs share is one). */
  private async runCandidates(
    github: GitHubClient,
    run: Run,
    context: DiscoveryContext,
    count: () => void,
    prefetched?: RunJobs
  ): Promise<CandidateInput[]> {
    const listed = prefetched?.jobs ?? (await this.listJobs(github, run, count))
    const jobs = listed.map(job => JobSchema.parse(job)).filter(job => FAILED.has(job.conclusion ?? ''))
    const byFingerprint = new Map<string, { failure: Failure; job: Job; others: string[] }>()
    for (const job of jobs) {
      const given = prefetched?.annotations.get(job.id)
      for (const failure of await this.jobFailures(github, job, context, count, given)) {
        const known = byFingerprint.get(failure.fingerprint)
        if (known) known.others.push(job.name)
        else byFingerprint.set(failure.fingerprint, { failure, job, others: [] })
      }
    }
    const evidenceChars = evidenceBudget(context.settings.claude.max_prompt_length)
    return [...byFingerprint.values()].map(({ failure, job, others }) =>
      failureCandidate(failure, { run, job, alsoFailing: others, evidenceChars })
    )
  }

  /** The latest attempt's jobs of a run, through REST. */
  private async listJobs(github: GitHubClient, run: Run, count: () => void): Promise<unknown[]> {
    count()
    const { data } = await github.rest.rest.actions.listJobsForWorkflowRun({
      owner: github.owner,
      repo: github.repo,
      run_id: run.id,
      filter: 'latest',
      per_page: 100
    })
    return data.jobs
  }

  /**
   * What failed in a job: its log streamed through the parsers, with its check run's annotations
   * (`given` when they came with the jobs, else asked for).
   */
  private async jobFailures(
    github: GitHubClient,
    job: Job,
    context: DiscoveryContext,
    count: () => void,
    given?: readonly Record<string, unknown>[]
  ): Promise<Failure[]> {
    const annotations = given
      ? failureAnnotations(given, context)
      : await this.annotations(github, job, context, count)
    const matcher = annotationMatcher(annotations, context.root)
    const collector = collectFailures(context.root)
    const stream = createLogStream({
      root: context.root,
      onFinding: found => collector.add(matcher.enrich(found))
    })
    count()
    const response = await github.rest.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      owner: github.owner,
      repo: github.repo,
      job_id: job.id,
      // The API redirects to the plain-text log: read it as a stream, never whole.
      request: { parseSuccessResponseBody: false }
    })
    const body = response.data as unknown as AsyncIterable<Uint8Array> | null
    const length = Number(response.headers['content-length'] ?? Number.NaN)
    const maxBytes = context.settings.discovery.ci_logs.max_log_bytes
    // The end of a log is where a job fails: past max_log_bytes, the head is skipped.
    const skip = Number.isFinite(length) && length > maxBytes ? length - maxBytes : 0
    if (skip > 0)
      context.logger.info(
        `${this.name}: the log of job ${job.id} has ${length} bytes, more than discovery.ci_logs.max_log_bytes; reading its last ${maxBytes}`
      )
    let seen = 0
    let started = skip === 0
    for await (const chunk of body ?? []) {
      let piece = chunk
      if (!started) {
        if (seen + piece.length <= skip) {
          seen += piece.length
          continue
        }
        piece = piece.subarray(Math.max(0, skip - seen))
        // Start at the next whole line.
        const newline = piece.indexOf(10)
        if (newline < 0) {
          seen += chunk.length
          continue
        }
        piece = piece.subarray(newline + 1)
        started = true
      }
      seen += chunk.length
      stream.write(piece)
    }
    stream.end()
    for (const found of matcher.unmatched()) collector.add(found)
    return collector.failures()
  }

  /** The failure annotations of the job's check run (its id is the job's). */
  private async annotations(
    github: GitHubClient,
    job: Job,
    context: DiscoveryContext,
    count: () => void
  ): Promise<Annotation[]> {
    if (!context.settings.discovery.ci_logs.annotations) return []
    try {
      count()
      const { data } = await github.rest.rest.checks.listAnnotations({
        owner: github.owner,
        repo: github.repo,
        check_run_id: checkRunId(job),
        per_page: 100
      })
      return failureAnnotations(data, context)
    } catch (error) {
      // Annotations add places to what the log says; without them (no `checks: read`), the log alone.
      context.logger.info(`${this.name}: no annotations for job ${job.id}: ${errorMessage(error)}`)
      return []
    }
  }
}

const AnnotationSchema = z.looseObject({
  path: z.string(),
  start_line: z.number().nullable().optional(),
  start_column: z.number().nullable().optional(),
  annotation_level: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  message: z.string()
})
type Annotation = z.infer<typeof AnnotationSchema>

/** The annotations that name a failure (not the runner's "Process completed with exit code N."). */
function failureAnnotations(raw: readonly unknown[], context: DiscoveryContext): Annotation[] {
  if (!context.settings.discovery.ci_logs.annotations) return []
  return raw
    .map(entry => AnnotationSchema.parse(entry))
    .filter(
      annotation =>
        annotation.annotation_level === 'failure' && exitCodeOf(annotation.message.trim()) === null
    )
}

/** The job's check run id: the last part of its check_run_url, which GitHub gives the job's own id. */
function checkRunId(job: Job): number {
  const fromUrl = /\/check-runs\/(\d+)$/.exec(job.check_run_url ?? '')
  return fromUrl ? Number(fromUrl[1]) : job.id
}

/** An annotation as a finding: GitHub files an annotation that names no file under `.github`. */
export function annotationFinding(annotation: Annotation): Finding {
  const file = annotation.path && annotation.path !== '.github' ? annotation.path : null
  return finding({
    tool: 'actions',
    file,
    line: file ? (annotation.start_line ?? null) : null,
    column: file ? (annotation.start_column ?? null) : null,
    rule: annotation.title ?? null,
    message: annotation.message.trim(),
    excerpt: null
  })
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * Merges a job's annotations into its log's findings: an annotation that repeats a finding (same
 * file and line, or the same message) is that finding, and gives it the file and line the log
 * line lost (a `::error file=…` command shows only its message in the log); the others are
 * findings of their own.
 */
export function annotationMatcher(annotations: readonly Annotation[], root?: string) {
  const pending = annotations.map(annotation => annotationFinding(annotation))
  const used = new Set<number>()
  const samePlace = (found: Finding, annotation: Finding) =>
    found.file !== null &&
    annotation.file !== null &&
    repoPath(found.file, root) === repoPath(annotation.file, root) &&
    found.line === annotation.line
  const sameWords = (found: Finding, annotation: Finding) => {
    const a = squash(found.message)
    const b = squash(annotation.message)
    return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a))
  }
  return {
    enrich(found: Finding): Finding {
      const index = pending.findIndex(
        (annotation, at) =>
          !used.has(at) &&
          (samePlace(found, annotation) ||
            (sameWords(found, annotation) &&
              (found.file === null || annotation.file === null || samePlace(found, annotation))))
      )
      if (index < 0) return found
      used.add(index)
      const annotation = pending[index] as Finding
      if (found.file === null && annotation.file !== null) {
        found.file = annotation.file
        found.line = annotation.line
        found.column = annotation.column
      }
      return found
    },
    unmatched(): Finding[] {
      return pending.filter((_, at) => !used.has(at))
    }
  }
}

function plain(text: string, max = 80): string {
  const clean = text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (clean.length <= max) return clean
  const space = clean.lastIndexOf(' ', max - 1)
  return `${clean.slice(0, space > max / 2 ? space : max - 1)}…`
}

interface FailureContext {
  run: Run
  job: Job
  /** Other failed jobs of the run with the same failure (a matrix). */
  alsoFailing: readonly string[]
  evidenceChars: number
}

/** Findings named in an item's context: enough for a reviewer and for learning, not the whole list. */
const CONTEXT_FINDINGS = 50

/** The work item of one failure. */
export function failureCandidate(failure: Failure, on: FailureContext): CandidateInput {
  const first = failure.findings[0] as Finding
  const workflow = plain(on.run.name ?? 'workflow')
  const jobName = plain(on.job.name)
  const url = on.job.html_url ?? on.run.html_url
  const { name, kind } = toolLabel(failure.tool)
  const steps = [
    ...new Set(failure.findings.map(found => found.step).filter((step): step is string => step !== null))
  ]
  const what =
    kind === 'runner'
      ? "No tool's error could be read from the output: the step's first error line and its last lines are in the evidence. Find the cause and fix it."
      : `${name} reports ${failure.count} problem${failure.count === 1 ? '' : 's'} (listed first in the evidence, then the output they were read from). Fix ${failure.count === 1 ? 'it' : 'them'} so that the job passes again, without weakening the checks.`
  return {
    fingerprint: failure.fingerprint,
    type: 'ci_failure',
    source: CI_LOGS_SOURCE,
    title: failure.title,
    description: [
      `The job "${jobName}" of workflow "${workflow}" failed on ${plain(on.run.head_branch ?? 'the default branch')} at ${on.run.head_sha.slice(0, 12)}${steps[0] ? `, in step "${plain(steps[0])}"` : ''}.`,
      what,
      on.alsoFailing.length > 0
        ? `The same failure also fails: ${on.alsoFailing.map(job => `"${plain(job)}"`).join(', ')}.`
        : '',
      url ? `Run: ${url}` : ''
    ]
      .filter(Boolean)
      .join('\n'),
    untrusted: { evidence: buildEvidence(failure.findings, on.evidenceChars) },
    priority: 2,
    context: {
      ...(first.file !== null ? { file: first.file } : {}),
      ...(first.line !== null ? { line: first.line } : {}),
      ...(first.rule !== null ? { rule: first.rule } : {}),
      errorSignature: errorSignature(first),
      workflowRunId: on.run.id,
      jobName: on.job.name,
      commitSha: on.run.head_sha,
      ...(url ? { url } : {}),
      ...(steps[0] ? { step: steps[0] } : {}),
      tool: failure.tool,
      count: failure.count,
      findings: failure.findings
        .slice(0, CONTEXT_FINDINGS)
        .map(found => ({ place: placeOf(found), rule: found.rule }))
    }
  }
}
