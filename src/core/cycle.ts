/**
 * One cycle (DESIGN.md §2): open the ledger → reclaim expired leases → discover (scoped by the
 * trigger) → merge → reconcile → plan → for each picked item: lease, run, gate, verify, deliver,
 * record → report. Every transition is a ledger commit; one failing item or source never aborts
 * the others. Effects come in through `CycleDeps`, created at the edge (action or CLI).
 */
import type { Settings } from '../config/schema.js'
import {
  branchNameFor,
  commitMessage,
  issueCommentBody,
  pullRequestBody,
  firstParagraph
} from '../delivery/content.js'
import {
  authenticated,
  commitAll,
  hasChanges,
  prepareBranch,
  pushBranch,
  type Identity
} from '../delivery/git.js'
import { commentOn, openOrUpdatePull, replyToReviewComment } from '../delivery/pulls.js'
import type { DiscoveryResult, DiscoverySource } from '../discovery/source.js'
import type { Git } from '../git/git.js'
import type { GitHubClient } from '../github/client.js'
import {
  beginCycle,
  combine,
  countStatus,
  leaseItem,
  reclaimExpiredLeases,
  recordResult,
  recordSessionId,
  releaseLease,
  renewLease,
  setCursor,
  spentToday,
  upsertCandidates,
  type LedgerOp
} from '../ledger/ops.js'
import { ITEM_STATUSES, type ItemStatus, type Ledger, type WorkItem } from '../ledger/schema.js'
import type { LedgerStore } from '../ledger/store.js'
import { isLearningDue, lastLearnedAt, learnedWeight, learningOp } from '../learning/adaptation.js'
import { hintsFor, isTrusted } from '../learning/patterns.js'
import { errorMessage } from '../util/errors.js'
import type { Logger } from '../util/logger.js'
import type { CycleReport, ExecutedItem, ExecutionStatus, SourceReport } from './report.js'
import { schedule, type Plan } from './scheduler.js'
import { describeTrigger, type Trigger } from './trigger.js'

/** What running one item produced in the working tree (the executor's answer, before delivery). */
export interface ExecutionOutcome {
  /** changed: a change passed the gate and verification; the others deliver nothing. */
  status: 'changed' | 'no_op' | 'failed' | 'rejected' | 'aborted'
  reason: string
  summary: string
  sessionId: string | null
  turns: number
  costUsd: number
  durationMs: number
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number }
  filesChanged: string[]
  verify: 'passed' | 'failed' | 'skipped' | 'not_run'
  /** Verification failed only as it does on the base branch; the change adds no failure of its own. */
  failuresOnBase?: boolean
}

export interface ExecutionRequest {
  item: WorkItem
  /** What earlier verdicts on this kind of work say (src/learning/patterns.ts), for the prompt. */
  hints?: readonly string[]
  /** The most this item may spend: what is left of the run and day budgets. */
  maxBudgetUsd: number
  /** Claude session to resume (follow-ups on the same item). */
  resumeSessionId?: string
  /** Called as soon as the session id is known, so a killed run can still be resumed. */
  onSessionId(sessionId: string): Promise<void>
  signal?: AbortSignal
}

/** Runs one work item in the working tree. The real one drives Claude Code (src/executor). */
export interface ItemExecutor {
  /**
   * Checks the agent can run at all (installed, authenticated) before any item is leased, so a
   * setup problem fails the run with its own message instead of using up items' attempts.
   */
  prepare?(): Promise<void>
  execute(request: ExecutionRequest): Promise<ExecutionOutcome>
  /** Releases what `prepare` started (the model proxy); called once the cycle is over. */
  close?(): Promise<void>
}

export type CycleMode = 'cycle' | 'plan' | 'execute'

export interface CycleDeps {
  settings: Settings
  trigger: Trigger
  mode: CycleMode
  /** The item to run in execute mode. */
  itemId?: string
  runId: string
  /** Repository working tree. */
  root: string
  git: Git
  store: LedgerStore
  github?: GitHubClient
  /** Token for pushing item branches (per command, never stored). */
  pushToken?: string
  sources: readonly DiscoverySource[]
  executor: ItemExecutor
  logger: Logger
  now?: () => Date
  /** Aborted on SIGTERM/SIGINT: the current item is released and no further item starts. */
  signal?: AbortSignal
}

function queueOf(ledger: Ledger): Partial<Record<ItemStatus, number>> {
  return Object.fromEntries(ITEM_STATUSES.map(status => [status, countStatus(ledger, status)]))
}

/** The ops that merge one source's findings into the ledger, as one commit. */
function mergeOps(result: DiscoveryResult): LedgerOp[] {
  const ops: LedgerOp[] = []
  if (result.candidates.length > 0) ops.push(upsertCandidates(result.candidates))
  ops.push(...(result.ops ?? []))
  if (result.cursor !== undefined) ops.push(setCursor(result.source, result.cursor))
  return ops
}

/**
 * Runs one cycle and reports what it did, with the ledger as it left it. Throws only when the ledger
 * cannot be opened or the agent cannot be set up.
 */
export async function runCycle(deps: CycleDeps): Promise<{ report: CycleReport; ledger: Ledger }> {
  const now = deps.now ?? (() => new Date())
  const { settings, logger, store } = deps
  const dryRun = settings.safety.dry_run
  const startedAt = now().toISOString()
  const report: CycleReport = {
    runId: deps.runId,
    mode: deps.mode,
    dryRun,
    trigger: describeTrigger(deps.trigger),
    startedAt,
    finishedAt: startedAt,
    discovered: {},
    plan: undefined,
    executed: [],
    queue: {},
    problems: []
  }
  // A dry run only reads: the ledger branch is not even created. Writes go one at a time: while an
  // item runs, its lease heartbeat and the session id may want to write at the same moment.
  let writing: Promise<unknown> = Promise.resolve()
  const write = (op: LedgerOp): Promise<Ledger> => {
    const next = writing.then(async () => {
      const result = await store.write(op)
      if (result.changed) logger.debug(`ledger: ${result.description}`)
      return result.ledger
    })
    writing = next.catch(() => undefined)
    return next
  }
  let ledger = dryRun ? (await store.read({ refresh: true })).ledger : (await store.init()).ledger
  if (!dryRun) ledger = await write(combine([beginCycle(), reclaimExpiredLeases()]))

  if (deps.mode !== 'execute') {
    ledger = await discover(deps, ledger, report, write, dryRun)
    ledger = await learnFromVerdicts(deps, ledger, report, write, dryRun)
  }

  const onlyItems = deps.mode === 'execute' ? [deps.itemId ?? ''] : undefined
  const patterns = ledger.patterns
  const plan = schedule({
    ledger,
    settings,
    now: now(),
    learnedWeight: item => learnedWeight(item, patterns, settings.learning),
    ...(onlyItems ? { onlyItems } : {})
  })
  report.plan = plan
  logPlan(logger, plan)

  if (deps.mode === 'plan' || dryRun) return finish(report, ledger, now)
  if (plan.picked.length > 0) await deps.executor.prepare?.()
  if (deps.mode === 'execute' && plan.picked.length === 0) {
    const why = plan.deferred[0]?.reason ?? `item ${deps.itemId} is not pending`
    report.problems.push(`execute: ${deps.itemId}: not run: ${why}`)
  }
  for (const decision of plan.picked) {
    if (deps.signal?.aborted) {
      report.problems.push('stopped by a signal before all planned items ran')
      break
    }
    const spentRun = report.executed.reduce((sum, item) => sum + item.costUsd, 0)
    const budget = Math.min(
      settings.budgets.cost_per_run_usd - spentRun,
      settings.budgets.cost_per_day_usd - spentToday(ledger, now())
    )
    if (budget <= 0) {
      report.problems.push(`budget exhausted before ${decision.itemId}`)
      break
    }
    const executed = await executeItem(deps, ledger, decision.itemId, budget, write)
    report.executed.push(executed.report)
    ledger = executed.ledger
  }
  return finish(report, ledger, now)
}

async function discover(
  deps: CycleDeps,
  ledger: Ledger,
  report: CycleReport,
  write: (op: LedgerOp) => Promise<Ledger>,
  dryRun: boolean
): Promise<Ledger> {
  const now = deps.now ?? (() => new Date())
  let current = ledger
  for (const source of deps.sources) {
    if (!source.appliesTo(deps.trigger, deps.settings)) continue
    const entry: SourceReport = { candidates: 0, skipped: [], requests: 0 }
    report.discovered[source.name] = entry
    try {
      const result = await source.discover({
        settings: deps.settings,
        trigger: deps.trigger,
        ledger: current,
        ...(deps.github ? { github: deps.github } : {}),
        root: deps.root,
        runId: deps.runId,
        now: now(),
        logger: deps.logger
      })
      entry.candidates = result.candidates.length
      entry.skipped = result.skipped
      entry.requests = result.requests ?? 0
      for (const skipped of result.skipped)
        deps.logger.info(`${source.name}: skipped ${skipped.what}: ${skipped.reason}`)
      const ops = mergeOps(result)
      if (ops.length === 0) continue
      const merge = combine(ops)
      current = dryRun ? merge(current, { now: now(), runId: deps.runId }).ledger : await write(merge)
    } catch (error) {
      entry.error = errorMessage(error)
      report.problems.push(`${source.name}: ${entry.error}`)
      deps.logger.warning(`discovery source ${source.name} failed: ${entry.error}`)
    }
  }
  return current
}

/**
 * Step 9 of DESIGN.md §2, run right after reconciliation rather than after execution: the verdicts
 * it learns from are the merges and closes reconciliation has just recorded (executing an item
 * yields none: its PR is ruled on later), so this cycle's plan can already use them. Execute mode
 * (one item of a fanned-out plan) uses the patterns its plan job stored.
 */
async function learnFromVerdicts(
  deps: CycleDeps,
  ledger: Ledger,
  report: CycleReport,
  write: (op: LedgerOp) => Promise<Ledger>,
  dryRun: boolean
): Promise<Ledger> {
  const settings = deps.settings.learning
  if (!settings.enabled) return ledger
  const now = (deps.now ?? (() => new Date()))()
  const due = isLearningDue(ledger, settings, now)
  let current = ledger
  if (due) {
    const op = learningOp()
    current = dryRun ? op(current, { now, runId: deps.runId }).ledger : await write(op)
    deps.logger.info(
      `learning: ${current.patterns.length} pattern(s) from the verdicts on CCAL's pull requests`
    )
  }
  report.learning = {
    recomputed: due,
    patterns: current.patterns.length,
    trusted: current.patterns.filter(pattern => isTrusted(pattern, settings)).length,
    computedAt: new Date(lastLearnedAt(current) ?? now.getTime()).toISOString()
  }
  return current
}

function logPlan(logger: Logger, plan: Plan): void {
  for (const decision of plan.picked)
    logger.info(`plan: ${decision.itemId} ${decision.title}: ${decision.reason}`)
  for (const decision of plan.deferred)
    logger.info(`plan: deferred ${decision.itemId} ${decision.title}: ${decision.reason}`)
}

function finish(
  report: CycleReport,
  ledger: Ledger,
  now: () => Date
): { report: CycleReport; ledger: Ledger } {
  report.queue = queueOf(ledger)
  report.finishedAt = now().toISOString()
  return { report, ledger }
}

function identityOf(settings: Settings): Identity {
  return { name: settings.identity.name, email: settings.identity.email }
}

/** What an outcome that delivers nothing does to the item. */
function statusAfter(outcome: ExecutionOutcome): { status?: ItemStatus; reportStatus: ExecutionStatus } {
  switch (outcome.status) {
    case 'no_op':
      return { status: 'needs_human', reportStatus: 'no_op' }
    case 'rejected':
      return { status: 'needs_human', reportStatus: 'rejected' }
    default:
      return { reportStatus: 'failed' }
  }
}

/** Where a follow-up (review feedback, a failing check) goes: its parent's pull request branch. */
interface FollowUpTarget {
  branch: string
  prNumber: number
  parent: WorkItem | undefined
}

function followUpTarget(item: WorkItem, ledger: Ledger): FollowUpTarget | undefined {
  const { branch, prNumber } = item.context
  if (!item.parentId || typeof branch !== 'string' || typeof prNumber !== 'number') return undefined
  return { branch, prNumber, parent: ledger.items[item.parentId] }
}

async function executeItem(
  deps: CycleDeps,
  ledger: Ledger,
  itemId: string,
  budgetUsd: number,
  write: (op: LedgerOp) => Promise<Ledger>
): Promise<{ ledger: Ledger; report: ExecutedItem }> {
  const { settings, logger } = deps
  const leaseMs = settings.loop.session_timeout_seconds * 1000
  const current = await write(leaseItem(itemId, leaseMs))
  const heartbeat = leaseHeartbeat(write, itemId, leaseMs, logger)
  // The result (or the release) ends the lease: the heartbeat stops before it is written.
  const finalWrite = async (op: LedgerOp): Promise<Ledger> => {
    await heartbeat.stop()
    return write(op)
  }
  try {
    return await runLeasedItem(deps, current, itemId, budgetUsd, write, finalWrite)
  } finally {
    await heartbeat.stop()
  }
}

/**
 * Keeps this run's lease on an item alive while the item runs, renewing it well before it expires:
 * the lease then says "the run holding it is alive" whatever the length of the run (an agent run,
 * its verify retry and the delivery may well take longer than `session_timeout_seconds`), and a dead
 * run's item is reclaimed `session_timeout_seconds` after its last renewal. A renewal that fails is
 * logged; the next one tries again.
 */
function leaseHeartbeat(
  write: (op: LedgerOp) => Promise<Ledger>,
  itemId: string,
  leaseMs: number,
  logger: Logger
): { stop(): Promise<void> } {
  let stopped = false
  let renewing: Promise<unknown> = Promise.resolve()
  const timer = setInterval(
    () => {
      renewing = renewing
        .then(() => (stopped ? undefined : write(renewLease(itemId, leaseMs))))
        .catch(error => logger.warning(`could not renew the lease on ${itemId}: ${errorMessage(error)}`))
    },
    Math.max(500, Math.floor(leaseMs / 3))
  )
  timer.unref()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await renewing
    }
  }
}

async function runLeasedItem(
  deps: CycleDeps,
  leased: Ledger,
  itemId: string,
  budgetUsd: number,
  write: (op: LedgerOp) => Promise<Ledger>,
  finalWrite: (op: LedgerOp) => Promise<Ledger>
): Promise<{ ledger: Ledger; report: ExecutedItem }> {
  const { settings, logger } = deps
  let current = leased
  const item = current.items[itemId] as WorkItem
  const base = await baseBranchOf(deps)
  const followUp = followUpTarget(item, current)
  const branch = followUp?.branch ?? branchNameFor(item, settings.pull_requests.branch_prefix)
  const continuesBranch = followUp !== undefined || item.pr !== null
  const resumeSessionId = settings.claude.context_preservation
    ? (item.sessionId ?? followUp?.parent?.sessionId ?? undefined)
    : undefined
  const entry: ExecutedItem = {
    itemId,
    title: item.title,
    type: item.type,
    status: 'failed',
    reason: '',
    costUsd: 0,
    turns: 0,
    durationMs: 0,
    verify: 'not_run'
  }
  logger.info(
    `execute ${itemId}: ${item.title} on ${branch}${resumeSessionId ? ` (resuming session ${resumeSessionId})` : ''}`
  )
  let outcome: ExecutionOutcome | undefined
  try {
    await prepareBranch(deps.git, { branch, base, followUp: continuesBranch })
    const hints = hintsFor(item, current.patterns, settings.learning)
    outcome = await deps.executor.execute({
      item,
      ...(hints.length > 0 ? { hints } : {}),
      maxBudgetUsd: budgetUsd,
      ...(resumeSessionId ? { resumeSessionId } : {}),
      onSessionId: async sessionId => {
        current = await write(recordSessionId(itemId, sessionId))
      },
      ...(deps.signal ? { signal: deps.signal } : {})
    })
    Object.assign(entry, {
      costUsd: outcome.costUsd,
      turns: outcome.turns,
      durationMs: outcome.durationMs,
      verify: describeVerify(outcome),
      reason: outcome.reason
    })
    if (outcome.status === 'aborted') {
      current = await finalWrite(releaseLease(itemId, { reason: 'run stopped by a signal' }))
      entry.status = 'skipped'
      return { ledger: current, report: entry }
    }
    if (outcome.status !== 'changed' || !(await hasChanges(deps.git))) {
      const after =
        outcome.status === 'changed'
          ? { status: 'needs_human' as const, reportStatus: 'no_op' as const }
          : statusAfter(outcome)
      current = await finalWrite(
        recordResult(resultInput(itemId, outcome, false), after.status ? { status: after.status } : {})
      )
      entry.status = after.reportStatus
      return { ledger: current, report: entry }
    }
    const live = current.items[itemId] as WorkItem
    if (followUp) {
      const pr = await deliverFollowUp(deps, live, { ...followUp, base, outcome })
      current = await finalWrite(
        recordResult(resultInput(itemId, outcome, true), { status: 'completed', pr })
      )
      entry.status = 'pr_updated'
      entry.pr = { number: pr.number, url: pr.url }
      return { ledger: current, report: entry }
    }
    const delivered = await deliver(deps, live, { branch, base, replace: item.pr === null, outcome })
    current = await finalWrite(recordResult(resultInput(itemId, outcome, true), { pr: delivered.pr }))
    entry.status = delivered.created ? 'pr_opened' : 'pr_updated'
    entry.pr = { number: delivered.pr.number, url: delivered.pr.url }
    return { ledger: current, report: entry }
  } catch (error) {
    const message = errorMessage(error)
    logger.warning(`item ${itemId} failed: ${message}`)
    entry.status = 'failed'
    entry.reason = message
    current = await finalWrite(
      recordResult({
        ...resultInput(itemId, outcome, false),
        error: message,
        summary: outcome?.summary ?? ''
      })
    ).catch(async recordError => {
      logger.error(`could not record the failure of ${itemId}: ${errorMessage(recordError)}`)
      return current
    })
    return { ledger: current, report: entry }
  }
}

function resultInput(itemId: string, outcome: ExecutionOutcome | undefined, success: boolean) {
  return {
    itemId,
    success,
    summary: outcome?.summary ?? '',
    error: success ? null : (outcome?.reason ?? null),
    durationMs: outcome?.durationMs ?? 0,
    turns: outcome?.turns ?? 0,
    tokens: outcome?.tokens ?? {},
    costUsd: outcome?.costUsd ?? 0,
    sessionId: outcome?.sessionId ?? null,
    filesChanged: outcome?.filesChanged ?? [],
    verify: outcome?.verify ?? ('not_run' as const)
  }
}

/** Base branches by cycle: the repository's default is looked up once per cycle, not once per item. */
const baseBranches = new WeakMap<CycleDeps, Promise<string>>()

/** The branch pull requests target: configured, else the repository's default branch. */
function baseBranchOf(deps: CycleDeps): Promise<string> {
  const configured = deps.settings.pull_requests.base_branch
  if (configured) return Promise.resolve(configured)
  let base = baseBranches.get(deps)
  if (!base) {
    base = defaultBranch(deps)
    baseBranches.set(deps, base)
  }
  return base
}

async function defaultBranch(deps: CycleDeps): Promise<string> {
  if (deps.github) {
    const { data } = await deps.github.rest.rest.repos.get({
      owner: deps.github.owner,
      repo: deps.github.repo
    })
    return data.default_branch
  }
  const head = await deps.git.exec(['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'])
  return head.exitCode === 0 ? head.stdout.trim().replace(/^origin\//, '') : 'main'
}

/** Commits the working tree's change as CCAL and pushes it to the item's branch; returns the commit. */
async function commitAndPush(
  deps: CycleDeps,
  item: WorkItem,
  target: { branch: string; base: string; replace: boolean; outcome: ExecutionOutcome }
): Promise<string> {
  const { settings } = deps
  const sha = await commitAll(deps.git, {
    message: commitMessage(item, target.outcome.summary),
    identity: identityOf(settings)
  })
  const pushGit = await authenticated(deps.git, deps.pushToken)
  await pushBranch(pushGit, {
    branch: target.branch,
    base: target.base,
    branchPrefix: settings.pull_requests.branch_prefix,
    replace: target.replace
  })
  return sha
}

async function deliver(
  deps: CycleDeps,
  item: WorkItem,
  target: { branch: string; base: string; replace: boolean; outcome: ExecutionOutcome }
): Promise<{ pr: { number: number; url: string; branch: string }; created: boolean }> {
  const { settings } = deps
  if (!deps.github) throw new Error('no GitHub client: cannot open a pull request')
  await commitAndPush(deps, item, target)
  const body = pullRequestBody({
    item,
    summary: target.outcome.summary,
    verify: describeVerify(target.outcome),
    turns: target.outcome.turns,
    costUsd: target.outcome.costUsd,
    durationMs: target.outcome.durationMs
  })
  const pull = await openOrUpdatePull(deps.github, {
    branch: target.branch,
    base: target.base,
    title: item.title,
    body,
    draft: settings.pull_requests.draft,
    labels: settings.pull_requests.labels
  })
  const issueNumber = typeof item.context.issueNumber === 'number' ? item.context.issueNumber : undefined
  if (pull.created && item.type === 'issue' && issueNumber) {
    await commentOn(
      deps.github,
      issueNumber,
      issueCommentBody({
        pullNumber: pull.number,
        pullUrl: pull.url,
        summary: target.outcome.summary,
        costUsd: target.outcome.costUsd,
        turns: target.outcome.turns
      })
    ).catch(error =>
      deps.logger.warning(`could not comment on issue #${issueNumber}: ${errorMessage(error)}`)
    )
  }
  return { pr: { number: pull.number, url: pull.url, branch: target.branch }, created: pull.created }
}

/**
 * A follow-up commit on the parent's pull request: pushed without replacing anything, then answered
 * on the pull request (in the review comment's thread when there is one). The PR body stays the
 * parent's, so its marker keeps naming the parent item.
 */
async function deliverFollowUp(
  deps: CycleDeps,
  item: WorkItem,
  target: FollowUpTarget & { base: string; outcome: ExecutionOutcome }
): Promise<{ number: number; url: string; branch: string }> {
  if (!deps.github) throw new Error('no GitHub client: cannot answer on the pull request')
  const sha = await commitAndPush(deps, item, { ...target, replace: false })
  const answer = followUpComment(item, sha, target.outcome)
  const commentId = item.context.reviewCommentId
  if (typeof commentId === 'number') {
    await replyToReviewComment(deps.github, target.prNumber, commentId, answer)
  } else {
    await commentOn(deps.github, target.prNumber, answer)
  }
  const url = target.parent?.pr?.url ?? (typeof item.context.url === 'string' ? item.context.url : '')
  return { number: target.prNumber, url, branch: target.branch }
}

function followUpComment(item: WorkItem, sha: string, outcome: ExecutionOutcome): string {
  const who =
    typeof item.context.reviewer === 'string' ? `@${item.context.reviewer}'s review` : 'the failing check'
  const summary = firstParagraph(outcome.summary)
  return [
    `CCAL pushed ${sha.slice(0, 7)} to address ${who}.`,
    '',
    summary,
    '',
    `_Verification: ${describeVerify(outcome)}; ${outcome.turns} agent turn${outcome.turns === 1 ? '' : 's'}, $${outcome.costUsd.toFixed(2)}._`
  ].join('\n')
}

/** The verification result as people should read it. */
export function describeVerify(outcome: Pick<ExecutionOutcome, 'verify' | 'failuresOnBase'>): string {
  return outcome.failuresOnBase ? 'fails on the base branch too; this change adds no failure' : outcome.verify
}
