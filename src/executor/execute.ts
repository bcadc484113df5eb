/**
 * One work item, start to finish, in its worktree: prompt → Claude Code → diff gate → verify
 * (and one resumed retry with the failure fed back) → an {@link ExecutionOutcome}. Everything that
 * is not a success leaves the working tree as it was found (clean). The executor holds no GitHub
 * client and writes no ledger: the caller records the session id (`onSessionId`) and the outcome.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Settings } from '../config/schema.js'
import { createGit, NEUTRAL_GIT_CONFIG, type Git } from '../git/git.js'
import type { WorkItem } from '../ledger/schema.js'
import { CcalError } from '../util/errors.js'
import { reuseDirectories } from '../workspace/setup.js'
import type { Sandbox } from './sandbox.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { buildClaudeArguments, fitsInArgument } from './arguments.js'
import { isMissingSession, runClaudeProcess, type ClaudeProcessResult } from './claude.js'
import { withoutModelCredentials } from './environment.js'
import type { ClaudeRuntime } from './install.js'
import { openTranscript, type Transcript, type TranscriptOptions } from './transcript.js'
import { classifyRun, summarizeOutcome, type ExecutionOutcome, type RunRecord } from './outcome.js'
import { buildPrompt, buildSystemPrompt, buildVerifyRetryPrompt, type ConventionDocument } from './prompt.js'
import { describeViolations, inspectChanges, isCleanTree, revertAll, type GateReport } from './safety.js'
import { hasOnlyPreexistingFailures, runOnBase } from './baseline.js'
import {
  failureOutputs,
  isPassingStep,
  runVerify,
  verifyCommands,
  type VerifyReport,
  type VerifyStep
} from './verify.js'

export type { ExecutionOutcome } from './outcome.js'

/** The working tree is not clean before a run: changes could not be told apart from the agent's. */
export class DirtyWorkingTreeError extends CcalError {}

/** Repository documents offered to the agent as conventions, first found of each group. */
export const CONVENTION_FILES: readonly (readonly string[])[] = [
  ['CLAUDE.md'],
  ['CONTRIBUTING.md', '.github/CONTRIBUTING.md', 'docs/CONTRIBUTING.md']
]

/** Everything one execution needs. */
export interface ExecuteOptions {
  readonly item: Pick<WorkItem, 'id' | 'type' | 'title' | 'description' | 'untrusted' | 'context'>
  readonly settings: Pick<Settings, 'claude' | 'verify' | 'safety'>
  /** From `prepareClaude` (install.ts). */
  readonly runtime: Pick<ClaudeRuntime, 'executable' | 'env'>
  /** The item's worktree, at the commit the change starts from, clean. */
  readonly repoDir: string
  /** What is left of the budget (the smaller of run and day); no `--max-budget-usd` when undefined. */
  readonly budgetUsd?: number
  /** What earlier verdicts on this kind of item say (src/learning/patterns.ts). */
  readonly hints?: readonly string[]
  /** The config file, relative to the repository root: always excluded from changes. */
  readonly configPath?: string
  /** Continue this earlier session (a follow-up on the same item) instead of starting a new one. */
  readonly resumeSessionId?: string
  /** CCAL is shutting down (see `shutdownSignal` in claude.ts). */
  readonly signal?: AbortSignal
  /** Store the session id at once (ledger), so a killed run can still be resumed. */
  readonly onSessionId?: (sessionId: string) => void | Promise<void>
  readonly logger?: Logger
  /** Overrides `ccal.claude.timeout_seconds` (for example with the time left in the job). */
  readonly timeoutMs?: number
  /** Time between SIGTERM and SIGKILL when a run is stopped (default 5 s). */
  readonly killGraceMs?: number
  /** Readies a fresh worktree before anything runs in it (`ccal.workspace`). */
  readonly setup?: WorktreeSetup
  /** The box the agent, the set-up and the verify commands run in (sandbox.ts). */
  readonly sandbox?: Sandbox
  /** Keep every line Claude Code prints, in a file outside the worktree (transcript.ts). */
  readonly transcript?: TranscriptOptions
}

/** What a fresh worktree gets before the agent starts: copied directories, then the set-up command. */
export interface WorktreeSetup {
  /** The maintainer's checkout, where `reuse` directories are copied from (read only). */
  readonly checkout: string
  readonly reuse: readonly string[]
  readonly command?: string
  readonly timeoutMs: number
}

async function readConventions(repoDir: string): Promise<ConventionDocument[]> {
  const documents: ConventionDocument[] = []
  for (const group of CONVENTION_FILES) {
    for (const path of group) {
      try {
        documents.push({ path, text: await readFile(join(repoDir, path), 'utf8') })
        break
      } catch {
        // Not there: try the next place.
      }
    }
  }
  return documents
}

/** Runs one item; see the module comment. Throws only for caller errors (a dirty tree). */
export async function executeItem(options: ExecuteOptions): Promise<ExecutionOutcome> {
  const logger = options.logger ?? silentLogger
  const git = createGit({ cwd: options.repoDir, logger, config: NEUTRAL_GIT_CONFIG })
  if (options.setup) {
    const started = Date.now()
    const failure = await prepareWorktree(options.repoDir, options.setup, {
      git,
      env: withoutModelCredentials(options.runtime.env),
      logger,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.sandbox ? { sandbox: options.sandbox } : {})
    })
    if (failure)
      return summarizeOutcome({
        status: 'failed',
        code: 'setup_failed',
        reason: failure,
        runs: [],
        gate: null,
        verify: [],
        durationMs: Date.now() - started
      })
  }
  if (!(await isCleanTree(git)))
    throw new DirtyWorkingTreeError(
      `the working tree at ${options.repoDir} has uncommitted changes${options.setup?.command ? ` after the set-up command (${options.setup.command})` : ''}; CCAL runs each item on a clean tree`
    )
  const files: string[] = []
  const transcript = options.transcript ? openTranscript({ logger, ...options.transcript }) : undefined
  try {
    return await executeInCleanTree(options, git, logger, files, transcript)
  } finally {
    await transcript?.close()
    await Promise.all(files.map(path => rm(path, { recursive: true, force: true })))
  }
}

/**
 * Writes a system prompt too long for the command line to a file the agent's process can read: in
 * the box, its own HOME (the box's /tmp is its own); without one, a new directory under the
 * machine's temporary directory. Returns the file; `made` gets what to remove afterwards.
 */
async function writeSystemPromptFile(
  text: string,
  options: Pick<ExecuteOptions, 'sandbox' | 'runtime'>,
  made: string[]
): Promise<string> {
  const boxHome =
    options.sandbox?.kind === 'bubblewrap' ? options.sandbox.environment(options.runtime.env).HOME : undefined
  const dir = await mkdtemp(
    join(boxHome ?? tmpdir(), boxHome ? '.ccal-system-prompt-' : 'ccal-system-prompt-')
  )
  made.push(dir)
  const path = join(dir, 'append-system-prompt.md')
  await writeFile(path, text, { mode: 0o600 })
  return path
}

/**
 * Readies a fresh worktree: copies reusable directories and runs the set-up command (output to the
 * log); returns why it failed, if it did.
 */
export async function prepareWorktree(
  dir: string,
  setup: WorktreeSetup,
  options: {
    git: Git
    env: Readonly<Record<string, string>>
    logger: Logger
    signal?: AbortSignal
    sandbox?: Sandbox
  }
): Promise<string | undefined> {
  const { git, logger } = options
  if (setup.reuse.length > 0)
    await reuseDirectories({ checkout: setup.checkout, worktree: dir, git, entries: setup.reuse, logger })
  if (!setup.command) return undefined
  logger.info(`workspace: set-up command: ${setup.command}`)
  const report = await runVerify({
    commands: [{ name: 'setup', command: setup.command }],
    cwd: dir,
    env: options.env,
    timeoutMs: setup.timeoutMs,
    maxOutput: 8_000,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {})
  })
  const step = report.steps[0]
  if (!step) return 'the set-up command did not run (CCAL was stopped)'
  const output = step.output.trimEnd()
  const outcome = step.timedOut
    ? `timed out after ${Math.round(setup.timeoutMs / 1000)} s`
    : `exited with ${step.exitCode}`
  logger.info(
    `workspace: set-up command ${outcome} in ${(step.durationMs / 1000).toFixed(1)} s${output ? `:\n${output}` : ''}`
  )
  return isPassingStep(step) ? undefined : `the set-up command (${setup.command}) ${outcome}`
}

async function executeInCleanTree(
  options: ExecuteOptions,
  git: Git,
  logger: Logger,
  files: string[],
  transcript: Transcript | undefined
): Promise<ExecutionOutcome> {
  const { settings } = options
  const started = Date.now()
  const runs: RunRecord[] = []
  const verifyReports: VerifyReport[] = []
  let gate: GateReport | null = null
  const finish = async (
    partial: Pick<ExecutionOutcome, 'status' | 'code' | 'reason'> & { failuresOnBase?: boolean },
    keepChanges = false
  ): Promise<ExecutionOutcome> => {
    if (!keepChanges) await revertAll(git)
    return summarizeOutcome({
      ...partial,
      runs,
      gate,
      verify: verifyReports,
      durationMs: Date.now() - started
    })
  }

  if (options.budgetUsd !== undefined && options.budgetUsd <= 0)
    return finish({ status: 'failed', code: 'budget_exceeded', reason: 'no budget left for this run' })

  const extraExcludedPaths = options.configPath ? [options.configPath] : []
  const excludedPaths = [...settings.safety.excluded_paths, ...extraExcludedPaths]
  const commands = verifyCommands(settings.verify)
  const prompt = buildPrompt({
    item: options.item,
    hints: options.hints,
    conventions: await readConventions(options.repoDir),
    verifyCommands: commands.map(command => command.command),
    maxLength: settings.claude.max_prompt_length
  })
  if (prompt.trimmedChars > 0)
    logger.info(`prompt: ${prompt.trimmedChars} characters of evidence trimmed to fit`)
  if (prompt.overLimit) logger.warning(`prompt: CCAL's own text alone exceeds max_prompt_length; sent whole`)
  const systemPrompt = buildSystemPrompt({ excludedPaths, extra: settings.claude.append_system_prompt })
  const systemPromptFile = fitsInArgument(systemPrompt)
    ? undefined
    : await writeSystemPromptFile(systemPrompt, options, files)
  const cwd = join(options.repoDir, settings.claude.working_directory)
  const timeoutMs = options.timeoutMs ?? settings.claude.timeout_seconds * 1000

  const run = async (
    text: string,
    resume: string | undefined,
    purpose: RunRecord['purpose']
  ): Promise<RunRecord> => {
    const spent = runs.reduce((sum, record) => sum + record.costUsd, 0)
    const budget = options.budgetUsd === undefined ? undefined : options.budgetUsd - spent
    const args = buildClaudeArguments({
      settings,
      systemPrompt,
      ...(systemPromptFile ? { systemPromptFile } : {}),
      maxBudgetUsd: budget,
      resumeSessionId: resume,
      extraExcludedPaths
    })
    logger.info(
      `running Claude Code for ${options.item.id} (${purpose}${resume ? `, resuming ${resume}` : ''})`
    )
    const child: ClaudeProcessResult = await runClaudeProcess({
      executable: options.runtime.executable,
      args,
      prompt: text,
      cwd,
      env: options.runtime.env,
      timeoutMs,
      killGraceMs: options.killGraceMs,
      signal: options.signal,
      onSessionId: options.onSessionId,
      logger,
      ...(transcript ? { onLine: (line: string) => transcript.write(line) } : {}),
      ...(options.sandbox ? { sandbox: options.sandbox } : {})
    })
    if (resume && isMissingSession(child)) {
      // Nothing ran: the session's transcript never reached the disk (its run was killed early).
      logger.warning(`session ${resume} cannot be resumed (no transcript); starting a new one`)
      return run(text, undefined, purpose)
    }
    const record = classifyRun(child, purpose, settings.claude.max_turns)
    runs.push(record)
    return record
  }

  // `context_preservation: false` starts every follow-up afresh (the verify retry still resumes).
  const resume = settings.claude.context_preservation ? options.resumeSessionId : undefined
  const first = await run(prompt.text, resume, 'initial')
  if (first.code !== 'success')
    return finish({ status: first.status, code: first.code, reason: first.reason })

  gate = await inspectChanges({ git, safety: settings.safety, extraExcludedPaths })
  if (gate.verdict === 'no_change' && !first.text.trim())
    // An empty answer is the model's silence, not the agent's judgement that nothing needs doing.
    return finish({
      status: 'failed',
      code: 'empty_answer',
      reason: `the model gave an empty answer (${first.turns} turn${first.turns === 1 ? '' : 's'}) and nothing was changed`
    })
  if (gate.verdict === 'no_change')
    return finish({
      status: 'no_op',
      code: 'no_change',
      reason: 'Claude Code finished without changing any file'
    })
  if (gate.verdict === 'blocked')
    return finish({ status: 'blocked', code: 'gate_blocked', reason: describeViolations(gate.violations) })

  const verifyEnv = withoutModelCredentials(options.runtime.env)
  const verifyOnce = async () => {
    const report = await runVerify({
      commands,
      cwd: options.repoDir,
      env: verifyEnv,
      timeoutMs: settings.verify.timeout_seconds * 1000,
      signal: options.signal,
      ...(options.sandbox ? { sandbox: options.sandbox } : {})
    })
    verifyReports.push(report)
    logger.info(
      `verify: ${report.outcome}${report.steps.map(step => ` ${step.name}=${step.exitCode}`).join('')}`
    )
    return report
  }

  // Runs the failing commands on the base (see baseline.ts) and compares their failures.
  const failsOnlyAsTheBaseDoes = async (current: VerifyReport): Promise<boolean> => {
    const failing = current.steps.filter(step => !isPassingStep(step))
    if (failing.length === 0) return false
    const baseSteps: VerifyStep[] = await runOnBase(git, commands, {
      cwd: options.repoDir,
      env: verifyEnv,
      timeoutMs: settings.verify.timeout_seconds * 1000,
      signal: options.signal,
      ...(options.sandbox ? { sandbox: options.sandbox } : {})
    })
    const preexisting = failing.every(step => {
      const base = baseSteps.find(candidate => candidate.command === step.command)
      return base !== undefined && hasOnlyPreexistingFailures(step, base, options.repoDir)
    })
    logger.info(
      preexisting
        ? 'verify: every failure was already on the base branch; the change adds none'
        : 'verify: the change fails checks that pass on the base branch, or fails them differently'
    )
    return preexisting
  }

  let report = await verifyOnce()
  for (let attempt = 0; report.outcome === 'failed' && attempt < settings.verify.retries; attempt++) {
    if (options.signal?.aborted) break
    const sessionId = runs.at(-1)?.sessionId
    if (!sessionId) break
    const retryPrompt = buildVerifyRetryPrompt(failureOutputs(report), settings.claude.max_prompt_length)
    const retry = await run(retryPrompt, sessionId, 'verify_retry')
    if (retry.code !== 'success')
      return finish({
        status: retry.status,
        code: retry.code,
        reason: `after a failed verification: ${retry.reason}`
      })
    gate = await inspectChanges({ git, safety: settings.safety, extraExcludedPaths })
    if (gate.verdict === 'no_change')
      return finish({
        status: 'no_op',
        code: 'no_change',
        reason: 'the retry left no change in the working tree'
      })
    if (gate.verdict === 'blocked')
      return finish({
        status: 'blocked',
        code: 'gate_blocked',
        reason: describeViolations(gate.violations)
      })
    report = await verifyOnce()
  }
  // After the retries: checks that fail on the base too are not this change's doing — unless making
  // them pass is the item's very purpose (a CI failure), when nothing fixed means nothing done.
  const preexisting =
    report.outcome === 'failed' &&
    options.item.type !== 'ci_failure' &&
    !options.signal?.aborted &&
    (await failsOnlyAsTheBaseDoes(report))
  if (options.signal?.aborted)
    return finish({ status: 'cancelled', code: 'cancelled', reason: 'CCAL was stopped' })
  if (report.outcome === 'failed' && !preexisting) {
    const failed = report.steps.filter(step => step.exitCode !== 0 || step.timedOut).map(step => step.command)
    return finish({
      status: 'failed',
      code: 'verify_failed',
      reason: `verification failed: ${failed.join(', ')}`
    })
  }
  if (report.outcome === 'passed' || preexisting) {
    // The checks themselves may have written files (reports, snapshots) that delivery would commit.
    gate = await inspectChanges({ git, safety: settings.safety, extraExcludedPaths })
    if (gate.verdict === 'blocked')
      return finish({
        status: 'blocked',
        code: 'gate_blocked',
        reason: `after verification: ${describeViolations(gate.violations)}`
      })
  }
  const reason = preexisting
    ? 'changed and checked; verification fails on the base branch too, and the change adds no failure'
    : 'changed, checked and verified'
  return finish({ status: 'success', code: 'success', reason, failuresOnBase: preexisting }, true)
}
