/**
 * One cycle (DESIGN.md §2): open the ledger → reclaim expired leases → discover (scoped by the
 * trigger) → merge → reconcile → plan → for each picked item: lease, run, gate, verify, deliver,
 * record → report. Every transition is a ledger commit; one failing item or source never aborts
 * the others. Effects come in through `CycleDeps`, created at the edge (action or CLI).
 */
import type { Settings } from '../config/schema.js'
import { toResultInput, type ExecutionOutcome } from '../executor/outcome.js'
import { hasChanges, startBranch } from '../delivery/git.js'
import { answerCommand } from '../delivery/commands.js'
import { branchNameFor } from '../delivery/content.js'
import { tellOpenPulls } from '../delivery/scan-notes.js'
import { RECONCILE_SOURCE } from '../discovery/reconcile.js'
import { changesMaterially, isBookkeepingDue } from '../ledger/bookkeeping.js'
import {
  baseBranchOf,
  branchOf,
  deliver,
  deliverFollowUp,
  deliverPushed,
  describeVerify,
  findPushedWork,
  followUpTarget
} from '../delivery/deliver.js'
import type { CommandAnswer } from '../discovery/command-ops.js'
import { createTracker, owesPullNotice, type Tracker, type TrackingState } from '../delivery/tracking.js'
import { publishDashboard } from '../dashboard/publish.js'
import type { DiscoveryResult, DiscoverySource } from '../discovery/source.js'
import type { Git } from '../git/git.js'
import type { GitHubClient } from '../github/client.js'
import {
  beginCycle,
  combine,
  countStatus,
  lastResult,
  leaseItem,
  reclaimExpiredLeases,
  recordResult,
  recordSessionId,
  recordTracking,
  releaseLease,
  renewLease,
  setCursor,
  upsertCandidates,
  type LedgerLimits,
  type LedgerOp
} from '../ledger/ops.js'
import { ITEM_STATUSES, type ItemStatus, type Ledger, type WorkItem } from '../ledger/schema.js'
import type { LedgerStore } from '../ledger/store.js'
import { isLearningDue, lastLearnedAt, learnedWeight, learningOp } from '../learning/adaptation.js'
import { hintsFor, isTrusted } from '../learning/patterns.js'
import { BudgetReservationError, errorMessage, LedgerConflictError, withinTime } from '../util/errors.js'
import { withFields, type Logger } from '../util/logger.js'
import type { TokenSource } from '../util/token-source.js'
import type { Workspace, Worktree, WorktreeMarker } from '../workspace/workspace.js'
import type { CycleReport, ExecutedItem, ExecutionStatus, SourceReport } from './report.js'
import { runInLanes } from './lanes.js'
import { modelWindow } from './model-window.js'
import {
  describeOutage,
  describeReset,
  OUTAGE_CURSOR,
  OUTAGE_LIMIT,
  OutageBreaker,
  recordedOutage,
  type RecordedOutage
} from './outage.js'
import { schedule, type Plan, type PlanDecision } from './scheduler.js'
import { describeTrigger, type Trigger } from './trigger.js'

/** What running one item produced: the executor's one outcome type (src/executor/outcome.ts). */
export type { ExecutionOutcome }

export interface ExecutionRequest {
  item: WorkItem
  /** The item's own worktree, at the commit its branch starts from, clean. */
  worktree: string
  /** What earlier verdicts on this kind of work say (src/learning/patterns.ts), for the prompt. */
  hints?: readonly string[]
  /** The most this item may spend: what is left of the run and day budgets. */
  maxBudgetUsd: number
  /** The time the run has left (`safety.max_execution_time_seconds`): the agent gets no more. */
  timeoutMs?: number
  /** Claude session to resume (follow-ups on the same item). */
  resumeSessionId?: string
  /** Called as soon as the session id is known, so a killed run can still be resumed. */
  onSessionId(sessionId: string): Promise<void>
  /** Logs with the item's id on every line. */
  logger?: Logger
  signal?: AbortSignal
}

/** Runs one work item in its worktree. The real one drives Claude Code (src/executor). */
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
  /** The maintainer's checkout: discovery reads it; nothing writes it. */
  root: string
  /** Git in the checkout, for reading only. */
  git: Git
  /** CCAL's own repository and the items' worktrees. */
  workspace: Workspace
  /**
   * Readies a worktree of the base made for discovery (copied directories, the set-up command);
   * returns why it failed. Items' worktrees are readied by the executor.
   */
  setUpWorktree?: (dir: string, git: Git) => Promise<string | undefined>
  store: LedgerStore
  github?: GitHubClient
  /** Tokens for pushing item branches (asked for per command, never stored). */
  pushTokens?: TokenSource
  /** The workflow run's page, linked from tracking comments. */
  runUrl?: string
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
  // What can wait (the cycle's start, discovery, tracking notes) is staged: it goes with the next
  // write, so that a cycle makes one commit per real transition, and an idle one none.
  let writing: Promise<unknown> = Promise.resolve()
  let latest: Ledger | undefined
  let staged: LedgerOp[] = []
  const opContext = () => ({ now: now(), runId: deps.runId, limits: ledgerLimits(settings) })
  const write = (op: LedgerOp): Promise<Ledger> => {
    const next = writing.then(async () => {
      const held = staged
      staged = []
      let result: Awaited<ReturnType<typeof store.write>>
      try {
        result = await store.write(held.length === 0 ? op : combine([...held, op]))
      } catch (error) {
        // The operation failed (a lease another run won, say): what was staged must not go with it.
        if (held.length > 0)
          await store.write(combine(held)).then(
            written => void (latest = written.ledger),
            (stagedError: unknown) =>
              logger.warning(
                `ledger: could not write what the cycle had staged: ${errorMessage(stagedError)}`
              )
          )
        throw error
      }
      if (result.changed) logger.debug(`ledger: ${result.description}`)
      latest = result.ledger
      return result.ledger
    })
    writing = next.catch(() => undefined)
    return next
  }
  /** Holds `op` for the next write; returns `view` as it will then be. */
  const stage: Stage = (view, op) => {
    staged.push(op)
    return op(view, opContext()).ledger
  }
  /** Writes what is staged, unless it is bookkeeping alone that is not yet due. */
  const settle = async (): Promise<void> => {
    await writing
    if (dryRun || staged.length === 0) return
    const written = (await store.read()).ledger
    const after = combine(staged)(written, opContext()).ledger
    if (!changesMaterially(written, after) && !isBookkeepingDue(written, now())) {
      logger.debug(`ledger: nothing but bookkeeping to write (${staged.length} staged operations dropped)`)
      staged = []
      return
    }
    await write(ledger => ({ ledger, description: 'no change' }))
  }
  const tracker = createTracker({
    ...(deps.github ? { github: deps.github } : {}),
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
    now,
    warn: message => logger.warning(message),
    remember: async (itemId, note) => {
      // Goes with the item's next write (its result), or the cycle's last.
      staged.push(recordTracking(itemId, note))
    }
  })
  // The branch is not created here: the cycle's first write makes it (one push, not two), and a dry
  // run only reads.
  let ledger = (await store.read({ refresh: true })).ledger
  if (!dryRun) {
    ledger = stage(ledger, combine([beginCycle(), reclaimExpiredLeases()]))
    await pruneWorktrees(deps, ledger, now())
  }

  if (deps.mode !== 'execute') {
    ledger = await discover(deps, ledger, report, { write, stage }, dryRun)
    ledger = learnFromVerdicts(deps, ledger, report, stage)
  }

  const onlyItems = deps.mode === 'execute' ? [deps.itemId ?? ''] : undefined
  const patterns = ledger.patterns
  // A usage limit not yet reset, or a time outside the active hours: discovery and the report go on,
  // no item starts.
  const window = modelWindow(ledger, settings, now())
  if (!window.open) {
    report.modelWork = { cause: window.cause, until: window.until, reason: window.reason }
    logger.info(`model work paused: ${window.reason}; discovery and reporting go on`)
  }
  const plan = schedule({
    ledger,
    settings,
    now: now(),
    learnedWeight: item => learnedWeight(item, patterns, settings.learning),
    ...(onlyItems ? { onlyItems } : {}),
    ...(window.open ? {} : { blocked: window.reason })
  })
  report.plan = plan
  logPlan(logger, plan)

  if (deps.mode === 'plan' || dryRun) {
    await settle()
    await keepDashboard(deps, latest ?? ledger, report)
    return finish(report, latest ?? ledger, now)
  }
  await tellDeferred(tracker, ledger, plan)
  await tellOwedPulls(tracker, ledger, deps.mode === 'execute' ? deps.itemId : undefined)
  if (plan.picked.length > 0) await deps.executor.prepare?.()
  if (deps.mode === 'execute' && plan.picked.length === 0) {
    const why = plan.deferred[0]?.reason ?? `item ${deps.itemId} is not pending`
    report.problems.push(`execute: ${deps.itemId}: not run: ${why}`)
  }
  // Items run side by side (each in its own worktree, with its own lease and budget reservation);
  // two items on the same pull request branch run one after the other.
  const slots = deps.mode === 'execute' ? 1 : settings.loop.max_concurrent_work
  const deadline = Date.parse(startedAt) + settings.safety.max_execution_time_seconds * 1000
  const executed: (ExecutedItem | undefined)[] = []
  let stopped = false
  // After an outage an earlier cycle saw, the first item runs alone: a probe of the model.
  const outageBefore = recordedOutage(ledger.state.cursors[OUTAGE_CURSOR])
  const run: CycleRun = {
    write,
    stage,
    deadline,
    tracker,
    breaker: new OutageBreaker(outageBefore ? 1 : OUTAGE_LIMIT)
  }
  const task = (decision: PlanDecision, index: number) => ({
    lane: branchOf(ledger.items.get(decision.itemId) as WorkItem, ledger, settings),
    run: async () => {
      if (deps.signal?.aborted) {
        stopped = true
        return
      }
      executed[index] = await executeItem(deps, decision, run)
    }
  })
  const tasks = plan.picked.map(task)
  const probe = outageBefore ? tasks.slice(0, 1) : []
  if (probe.length > 0)
    logger.info(
      outageBefore!.kind === 'usage_limit'
        ? `model: the usage limit an earlier cycle met has reset (${outageBefore!.resetsAt}); one item goes first`
        : `model: an earlier cycle saw an outage (${outageBefore!.kind}); one item goes first`
    )
  await runInLanes(probe, 1)
  await runInLanes(tasks.slice(probe.length), slots)
  await keepOutage(run, outageBefore, report, logger)
  if (stopped) report.problems.push('stopped by a signal before all planned items ran')
  report.executed.push(...executed.filter((entry): entry is ExecutedItem => entry !== undefined))
  for (const entry of report.executed)
    if (entry.status === 'skipped' && /^(budget|time):/.test(entry.reason)) report.problems.push(entry.reason)
  await settle()
  ledger = latest ?? ledger
  await keepDashboard(deps, ledger, report)
  return finish(report, ledger, now)
}

/** The scheduler's view of `ledger` now, as the next cycle would rank it. */
function rankedQueue(deps: CycleDeps, ledger: Ledger): Plan {
  const { settings } = deps
  return schedule({
    ledger,
    settings,
    now: (deps.now ?? (() => new Date()))(),
    learnedWeight: item => learnedWeight(item, ledger.patterns, settings.learning)
  })
}

/**
 * Rebuilds the Dashboard issue from the settled ledger (the plan job of a fan-out too; its execute
 * jobs leave it to the next plan). A failure is a problem of the cycle, never its end.
 */
async function keepDashboard(deps: CycleDeps, ledger: Ledger, report: CycleReport): Promise<void> {
  const { github, settings } = deps
  if (!github || !settings.dashboard.enabled || deps.mode === 'execute' || settings.safety.dry_run) return
  try {
    const outcome = await publishDashboard(
      { github, settings, logger: deps.logger },
      { ledger, plan: rankedQueue(deps, ledger) }
    )
    deps.logger.info(`dashboard: ${outcome}`)
  } catch (error) {
    report.problems.push(`dashboard: ${errorMessage(error)}`)
    deps.logger.warning(`dashboard: could not update it: ${errorMessage(error)}`)
  }
}

/**
 * Keeps the cycle's outage for the next one (and says it once), or clears an earlier one the model
 * has since answered through.
 */
async function keepOutage(
  run: CycleRun,
  before: RecordedOutage | undefined,
  report: CycleReport,
  logger: Logger
): Promise<void> {
  const outage = run.breaker.open
  if (outage?.kind === 'usage_limit' && outage.resetsAt) {
    const reason = `usage limit: model work waits until ${describeReset(outage)}`
    const line = `${reason}; no further item started in this cycle, and none was charged an attempt; cycles before then discover and report only, and the first one after it tries one item first`
    logger.warning(line)
    report.problems.push(line)
    report.modelWork = { cause: 'usage_limit', until: outage.resetsAt, reason }
  } else if (outage) {
    const line = `model outage: ${describeOutage(outage)}; no further item started in this cycle, and none was charged an attempt; the next cycle tries one item first`
    logger.error(line)
    report.problems.push(line)
  }
  if (outage) {
    await run
      .write(setCursor(OUTAGE_CURSOR, { ...outage, at: new Date().toISOString() }))
      .catch(error => logger.warning(`could not record the outage: ${errorMessage(error)}`))
    return
  }
  if (before && run.breaker.answered)
    await run
      .write(setCursor(OUTAGE_CURSOR, null))
      .catch(error => logger.warning(`could not clear the recorded outage: ${errorMessage(error)}`))
}

/** Removes the worktrees of runs that ended without removing them (killed), before new ones are made. */
async function pruneWorktrees(deps: CycleDeps, ledger: Ledger, now: Date): Promise<void> {
  const leaseMs = deps.settings.loop.session_timeout_seconds * 1000
  try {
    const removed = await deps.workspace.pruneStale(marker => isLiveWorktree(marker, ledger, now, leaseMs))
    if (removed.length > 0)
      deps.logger.info(
        `workspace: removed ${removed.length} worktree(s) left by runs that ended: ${removed.join(', ')}`
      )
  } catch (error) {
    deps.logger.warning(`workspace: could not remove stale worktrees: ${errorMessage(error)}`)
  }
}

/**
 * True while a worktree may still be in use: an item's, while the run that made it holds the item's
 * lease; a discovery worktree, for as long as a lease would last.
 */
export function isLiveWorktree(marker: WorktreeMarker, ledger: Ledger, now: Date, leaseMs: number): boolean {
  if (marker.itemId === null) return Date.parse(marker.createdAt) + leaseMs > now.getTime()
  const lease = ledger.items.get(marker.itemId)?.lease
  return (
    lease !== null &&
    lease !== undefined &&
    lease.runId === marker.runId &&
    Date.parse(lease.until) > now.getTime()
  )
}

/** The ledger's limits as the settings give them. */
export function ledgerLimits(settings: Settings): Partial<LedgerLimits> {
  return {
    maxPending: settings.ledger.queue_size_limit,
    maxResultAgeDays: settings.ledger.history_retention_days,
    defaultMaxAttempts: settings.loop.retry_limit + 1
  }
}

/** Holds an operation for the cycle's next write and returns the view as it will then be. */
type Stage = (view: Ledger, op: LedgerOp) => Ledger

/** How discovery writes: what must be on the branch before a step (answers) is written at once. */
interface DiscoveryWrites {
  write: (op: LedgerOp) => Promise<Ledger>
  stage: Stage
}

async function discover(
  deps: CycleDeps,
  ledger: Ledger,
  report: CycleReport,
  writes: DiscoveryWrites,
  dryRun: boolean
): Promise<Ledger> {
  const now = deps.now ?? (() => new Date())
  let current = ledger
  const tree = evidenceTree(deps)
  try {
    current = await discoverFrom(deps, current, report, writes, dryRun, tree.get, now)
  } finally {
    await tree.close()
  }
  return current
}

/**
 * The base branch's tree for evidence sources, made on first use: the checkout itself when it sits
 * at the base (clean, its HEAD on the base branch), else a worktree of the base's tip — never the
 * maintainer's feature branch or their unfinished edits.
 */
function evidenceTree(deps: CycleDeps): { get: () => Promise<string>; close: () => Promise<void> } {
  let made: Promise<{ root: string; worktree?: Worktree }> | undefined
  const make = async (): Promise<{ root: string; worktree?: Worktree }> => {
    const base = await baseBranchOf(deps)
    const tip = await deps.workspace.fetchBranch(base)
    if (!tip) throw new Error(`the remote has no branch '${base}'`)
    const away = await awayFromBase(deps.git, deps.workspace.git, tip)
    if (!away) return { root: deps.root }
    const worktree = await deps.workspace.addWorktree({ commit: tip, purpose: 'discovery' })
    deps.logger.info(
      `discovery: the checkout ${away}; evidence is read in a worktree of ${base} (${tip.slice(0, 7)})`
    )
    const failure = await deps.setUpWorktree?.(worktree.dir, worktree.git)
    if (failure) deps.logger.warning(`discovery: ${failure}; evidence commands may fail`)
    return { root: worktree.dir, worktree }
  }
  return {
    get: async () => (await (made ??= make())).root,
    close: async () => {
      const tree = await made?.catch(() => undefined)
      await tree?.worktree?.remove()
    }
  }
}

/**
 * Why the checkout is not the base's tree (changed tracked files, another branch), or undefined when
 * it is. Untracked files do not count: they are what earlier workflow steps leave (reports).
 */
async function awayFromBase(checkout: Git, workspace: Git, tip: string): Promise<string | undefined> {
  const status = await checkout.exec(['status', '--porcelain', '--untracked-files=no'])
  if (status.exitCode !== 0) return 'cannot be read'
  const changed = status.stdout.split('\n').filter(Boolean).length
  if (changed > 0) return `has ${changed} changed file(s)`
  const head = (await checkout.exec(['rev-parse', 'HEAD'])).stdout.trim()
  const onBase = await workspace.exec(['merge-base', '--is-ancestor', head, tip])
  return onBase.exitCode === 0 ? undefined : `is at ${head.slice(0, 7)}, which is not on the base branch`
}

async function discoverFrom(
  deps: CycleDeps,
  ledger: Ledger,
  report: CycleReport,
  writes: DiscoveryWrites,
  dryRun: boolean,
  tree: () => Promise<string>,
  now: () => Date
): Promise<Ledger> {
  let current = ledger
  const deadline = Date.parse(report.startedAt) + deps.settings.safety.max_execution_time_seconds * 1000
  for (const source of deps.sources) {
    if (!source.appliesTo(deps.trigger, deps.settings)) continue
    const entry: SourceReport = { candidates: 0, skipped: [], requests: 0 }
    report.discovered[source.name] = entry
    // A source that hangs or crawls (thousands of issues, a huge log) costs its own time, not the cycle's.
    const limitMs = Math.max(
      0,
      Math.min(deps.settings.discovery.time_limit_seconds * 1000, deadline - now().getTime())
    )
    try {
      const result = await withinTime(
        source.discover({
          settings: deps.settings,
          trigger: deps.trigger,
          ledger: current,
          ...(deps.github ? { github: deps.github } : {}),
          root: deps.root,
          tree,
          runId: deps.runId,
          now: now(),
          logger: deps.logger
        }),
        limitMs,
        `stopped after ${Math.round(limitMs / 1000)} s (ccal.discovery.time_limit_seconds is ${deps.settings.discovery.time_limit_seconds}, safety.max_execution_time_seconds ${deps.settings.safety.max_execution_time_seconds}); what it found is dropped, and the next cycle scans again`
      )
      entry.candidates = result.candidates.length
      entry.skipped = result.skipped
      entry.requests = result.requests ?? 0
      for (const skipped of result.skipped)
        deps.logger.info(`${source.name}: skipped ${skipped.what}: ${skipped.reason}`)
      const ops = mergeOps(result)
      if (ops.length > 0) {
        const merge = combine(ops)
        const before = current
        current = writes.stage(current, merge)
        if (!dryRun && deps.github && source.name !== RECONCILE_SOURCE)
          await tellOpenPulls(deps.github, before, current, message => deps.logger.warning(message))
      }
      // Told only once what they asked for is written.
      if (!dryRun && result.answers?.length)
        current = await answerCommands(deps, current, result.answers, writes.write)
    } catch (error) {
      entry.error = errorMessage(error)
      report.problems.push(`${source.name}: ${entry.error}`)
      deps.logger.warning(`discovery source ${source.name} failed: ${entry.error}`)
    }
  }
  return current
}

/** The ledger cursor of the command comments CCAL answered (the newest few hundred). */
const ANSWERED_CURSOR = 'command-answers'
const ANSWERED_KEPT = 500

/**
 * Reacts to (and, when refused, replies to) each command comment not answered before, then keeps
 * their ids, so that a refused comment, which never moves an item's high-water mark, is answered
 * once and not on every scan.
 */
async function answerCommands(
  deps: CycleDeps,
  ledger: Ledger,
  answers: readonly CommandAnswer[],
  write: (op: LedgerOp) => Promise<Ledger>
): Promise<Ledger> {
  if (!deps.github) return ledger
  const cursor = ledger.state.cursors[ANSWERED_CURSOR]
  const answered = new Set(Array.isArray(cursor) ? cursor.filter(id => typeof id === 'number') : [])
  const fresh = answers.filter(answer => !answered.has(answer.commentId))
  if (fresh.length === 0) return ledger
  for (const answer of fresh) {
    try {
      await answerCommand(deps.github, answer)
    } catch (error) {
      deps.logger.warning(
        `could not answer comment ${answer.commentId} on #${answer.on}: ${errorMessage(error)}`
      )
    }
    answered.add(answer.commentId)
  }
  const kept = [...answered].sort((a, b) => a - b).slice(-ANSWERED_KEPT)
  return write(setCursor(ANSWERED_CURSOR, kept))
}

/**
 * Step 9 of DESIGN.md §2, run right after reconciliation rather than after execution: the verdicts
 * it learns from are the merges and closes reconciliation has just recorded (executing an item
 * yields none: its PR is ruled on later), so this cycle's plan can already use them. Execute mode
 * (one item of a fanned-out plan) uses the patterns its plan job stored.
 */
function learnFromVerdicts(deps: CycleDeps, ledger: Ledger, report: CycleReport, stage: Stage): Ledger {
  const settings = deps.settings.learning
  if (!settings.enabled) return ledger
  const now = (deps.now ?? (() => new Date()))()
  const due = isLearningDue(ledger, settings, now)
  let current = ledger
  if (due) {
    current = stage(current, learningOp())
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

/**
 * What an outcome that delivers nothing does to the item: a model outage is not held against it (it
 * waits in the queue, its attempt given back); no change needed or blocked by the safety gate wait
 * for a person; a failure another attempt would not fix (too many turns,
 * verification that still fails) is final; a budget stop is not held against the item, which waits
 * for the next budget window; any other failure is tried again while attempts remain.
 */
function statusAfter(outcome: ExecutionOutcome): {
  status?: ItemStatus
  notAnAttempt?: boolean
  reportStatus: ExecutionStatus
} {
  if (outcome.outage)
    return {
      status: 'pending',
      notAnAttempt: true,
      reportStatus: outcome.outage.kind === 'usage_limit' ? 'usage_limit' : 'outage'
    }
  if (outcome.status === 'no_op') return { status: 'needs_human', reportStatus: 'no_op' }
  if (outcome.status === 'blocked') return { status: 'needs_human', reportStatus: 'blocked' }
  if (outcome.code === 'budget_exceeded')
    return { status: 'pending', notAnAttempt: true, reportStatus: 'budget_stopped' }
  if (!outcome.requeue) return { status: 'failed', reportStatus: 'failed' }
  return { reportStatus: 'failed' }
}

/** The most one item may spend: configured, else the run budget shared by the items that run at once. */
export function itemBudgetCap(settings: Settings): number {
  return (
    settings.budgets.cost_per_item_usd ??
    settings.budgets.cost_per_run_usd / Math.max(1, settings.loop.max_concurrent_work)
  )
}

/** Less time left than this in the run, and no further item starts. */
const MIN_ITEM_TIME_MS = 60_000

/** What every item of one cycle shares: the ledger writer, the deadline, the tracker, the breaker. */
interface CycleRun {
  write: (op: LedgerOp) => Promise<Ledger>
  /** Holds an operation for the next write (what can wait for one). */
  stage: Stage
  deadline: number
  tracker: Tracker
  breaker: OutageBreaker
}

async function executeItem(deps: CycleDeps, decision: PlanDecision, run: CycleRun): Promise<ExecutedItem> {
  const { settings } = deps
  const { write, deadline } = run
  const { itemId } = decision
  const logger = withFields(deps.logger, { item: itemId })
  const outage = run.breaker.open
  if (outage) {
    const reason = `outage: ${itemId} not started: ${describeOutage(outage)}`
    logger.info(reason)
    return { ...emptyEntry(decision), status: 'skipped', reason }
  }
  const leaseMs = settings.loop.session_timeout_seconds * 1000
  const now = (deps.now ?? (() => new Date()))().getTime()
  const timeLeftMs = deadline - now
  if (timeLeftMs < Math.min(MIN_ITEM_TIME_MS, settings.safety.max_execution_time_seconds * 500)) {
    const reason = `time: ${itemId} not started: the run has ${Math.max(0, Math.round(timeLeftMs / 1000))} s left of safety.max_execution_time_seconds (${settings.safety.max_execution_time_seconds} s)`
    logger.info(reason)
    return { ...emptyEntry(decision), status: 'skipped', reason }
  }
  let current: Ledger
  try {
    current = await write(
      leaseItem(
        itemId,
        leaseMs,
        undefined,
        {
          capUsd: itemBudgetCap(settings),
          minimumUsd: decision.estimatedCostUsd,
          runBudgetUsd: settings.budgets.cost_per_run_usd,
          dayBudgetUsd: settings.budgets.cost_per_day_usd
        },
        // The scheduler plans pending items only; anything else means another run got there first.
        ['pending']
      )
    )
  } catch (error) {
    // Not started, nothing spent, no attempt used: the item stays as it was for a later run.
    if (!(error instanceof BudgetReservationError) && !(error instanceof LedgerConflictError)) throw error
    const reason = `${error instanceof BudgetReservationError ? 'budget' : 'lease'}: ${itemId} not started: ${errorMessage(error)}`
    logger.info(reason)
    return { ...emptyEntry(decision), status: 'skipped', reason }
  }
  const budgetUsd = current.items.get(itemId)?.lease?.reservedUsd ?? itemBudgetCap(settings)
  const heartbeat = leaseHeartbeat(write, itemId, leaseMs, logger)
  // The result (or the release) ends the lease: the heartbeat stops before it is written.
  const finalWrite = async (op: LedgerOp): Promise<Ledger> => {
    await heartbeat.stop()
    return write(op)
  }
  try {
    const entry = await runLeasedItem(
      { ...deps, logger },
      current,
      itemId,
      { budgetUsd, timeLeftMs },
      finalWrite,
      run
    )
    return entry
  } finally {
    await heartbeat.stop()
  }
}

function emptyEntry(decision: Pick<PlanDecision, 'itemId' | 'title' | 'type'>): ExecutedItem {
  return {
    itemId: decision.itemId,
    title: decision.title,
    type: decision.type,
    status: 'failed',
    reason: '',
    costUsd: 0,
    turns: 0,
    durationMs: 0,
    verify: 'not_run'
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
  limits: { budgetUsd: number; timeLeftMs: number },
  finalWrite: (op: LedgerOp) => Promise<Ledger>,
  run: CycleRun
): Promise<ExecutedItem> {
  const { entry, ledger } = await attemptItem(deps, leased, itemId, limits, finalWrite, run)
  const after = (ledger.items.get(itemId) ?? leased.items.get(itemId)) as WorkItem
  entry.after = {
    status: after.status,
    attempts: after.attempts,
    maxAttempts: after.maxAttempts,
    generation: after.generation
  }
  const state = trackedOutcome(entry, after)
  if (state && !(after.parentId !== null && entry.status === 'pr_updated'))
    await run.tracker.update(after, state)
  await run.tracker.settled(itemId)
  return entry
}

async function attemptItem(
  deps: CycleDeps,
  leased: Ledger,
  itemId: string,
  limits: { budgetUsd: number; timeLeftMs: number },
  finalWrite: (op: LedgerOp) => Promise<Ledger>,
  run: CycleRun
): Promise<{ entry: ExecutedItem; ledger: Ledger }> {
  const { settings, logger } = deps
  const { tracker } = run
  let current = leased
  const item = current.items.get(itemId) as WorkItem
  const base = await baseBranchOf(deps)
  const followUp = followUpTarget(item, current)
  const branch = followUp?.branch ?? branchNameFor(item, settings.pull_requests.branch_prefix)
  const continuesBranch = followUp !== undefined || item.pr !== null
  const resumeSessionId = settings.claude.context_preservation
    ? (item.sessionId ?? followUp?.parent?.sessionId ?? undefined)
    : undefined
  const entry = emptyEntry({ itemId, title: item.title, type: item.type })
  logger.info(
    `execute ${itemId}: ${item.title} on ${branch}${resumeSessionId ? ` (resuming session ${resumeSessionId})` : ''}`
  )
  // People watching the item's issue see it picked (a follow-up's answer comes in its thread); the
  // agent does not wait for the comment (the tracker writes the outcome after it).
  if (!followUp)
    void tracker.update(item, { kind: 'working', attempt: item.attempts, maxAttempts: item.maxAttempts })
  let outcome: ExecutionOutcome | undefined
  let worktree: Worktree | undefined
  try {
    // An earlier attempt of this round may have pushed its work and stopped before the pull request.
    const pushed =
      !continuesBranch && item.attempts > 1
        ? await findPushedWork(deps.workspace, item, branch, base)
        : undefined
    if (pushed) {
      logger.info(
        `execute ${itemId}: ${branch} already has its work (${pushed.sha.slice(0, 7)}, pushed by an earlier attempt): opening the pull request without running the agent`
      )
      const delivered = await deliverPushed(deps, item, { branch, base, pushed, ledger: current })
      Object.assign(entry, {
        status: openedStatus(item, delivered.created),
        summary: pushed.summary,
        pr: { number: delivered.pr.number, url: delivered.pr.url }
      })
      await showOpened(tracker, entry, item)
      current = await finalWrite(
        recordResult(
          { itemId, success: true, summary: pushed.summary, durationMs: 0, turns: 0, costUsd: 0 },
          { pr: delivered.pr, notAnAttempt: true }
        )
      )
      return { entry, ledger: current }
    }
    const start = await startBranch(deps.workspace, { branch, base, followUp: continuesBranch })
    const startSha = await deps.workspace.fetchBranch(start)
    if (!startSha) throw new Error(`the remote has no branch '${start}' to start ${itemId} from`)
    worktree = await deps.workspace.addWorktree({ commit: startSha, itemId, purpose: 'item', name: branch })
    logger.info(`execute ${itemId}: worktree ${worktree.dir} at ${start} ${startSha.slice(0, 7)}`)
    const hints = hintsFor(item, current.patterns, settings.learning)
    outcome = await deps.executor.execute({
      item,
      worktree: worktree.dir,
      ...(hints.length > 0 ? { hints } : {}),
      maxBudgetUsd: limits.budgetUsd,
      timeoutMs: limits.timeLeftMs,
      ...(resumeSessionId ? { resumeSessionId } : {}),
      logger,
      // Staged: it goes with the lease's next renewal or the result, whichever comes first, rather
      // than a push of its own. A run killed before either starts its next attempt afresh.
      onSessionId: async sessionId => {
        current = run.stage(current, recordSessionId(itemId, sessionId))
      },
      ...(deps.signal ? { signal: deps.signal } : {})
    })
    // An outcome the agent reached counts for the breaker, a cancelled one says nothing of the model.
    if (outcome.status !== 'cancelled') run.breaker.observe(outcome.outage)
    const { input, output, cacheRead, cacheWrite } = outcome.tokens
    Object.assign(entry, {
      costUsd: outcome.costUsd,
      turns: outcome.turns,
      tokens: input + output + cacheRead + cacheWrite,
      ...(outcome.sessionId ? { sessionId: outcome.sessionId } : {}),
      durationMs: outcome.durationMs,
      verify: describeVerify(outcome),
      reason: outcome.reason,
      summary: outcome.summary
    })
    entry.code = outcome.code
    if (outcome.permissionDenials.length > 0)
      entry.denied = [...new Set(outcome.permissionDenials.map(denial => denial.toolName))]
    if (outcome.status === 'cancelled') {
      current = await finalWrite(releaseLease(itemId, { reason: 'run stopped by a signal' }))
      entry.status = 'skipped'
      return { entry, ledger: current }
    }
    if (outcome.status !== 'success' || !(await hasChanges(worktree.git))) {
      const after: ReturnType<typeof statusAfter> =
        outcome.status === 'success' ? { status: 'needs_human', reportStatus: 'no_op' } : statusAfter(outcome)
      current = await finalWrite(
        recordResult(toResultInput(itemId, outcome, false), {
          ...(after.status ? { status: after.status } : {}),
          ...(after.notAnAttempt ? { notAnAttempt: true } : {})
        })
      )
      entry.status = after.reportStatus
      if (outcome.outage?.kind === 'usage_limit' && outcome.outage.resetsAt) {
        const { resetsAt, resetSaid, message } = outcome.outage
        entry.usageLimit = { resetsAt, line: message, ...(resetSaid ? { resetSaid } : {}) }
        entry.reason = `waiting for the usage limit to reset at ${describeReset(outcome.outage)}; Claude Code said: ${message}`
      }
      return { entry, ledger: current }
    }
    const live = current.items.get(itemId) as WorkItem
    if (followUp) {
      const pr = await deliverFollowUp(deps, worktree.git, live, { ...followUp, base, outcome })
      current = await finalWrite(
        recordResult(toResultInput(itemId, outcome, true), { status: 'completed', pr })
      )
      entry.status = 'pr_updated'
      entry.pr = { number: pr.number, url: pr.url }
      return { entry, ledger: current }
    }
    const delivered = await deliver(deps, worktree.git, live, {
      branch,
      base,
      replace: item.pr === null,
      outcome
    })
    entry.status = openedStatus(item, delivered.created)
    entry.pr = { number: delivered.pr.number, url: delivered.pr.url }
    await showOpened(tracker, entry, live)
    current = await finalWrite(recordResult(toResultInput(itemId, outcome, true), { pr: delivered.pr }))
    return { entry, ledger: current }
  } catch (error) {
    const message = errorMessage(error)
    logger.warning(`item ${itemId} failed: ${message}`)
    entry.status = 'failed'
    entry.reason = message
    current = await finalWrite(recordResult(toResultInput(itemId, outcome, false, message))).catch(
      async recordError => {
        logger.error(`could not record the failure of ${itemId}: ${errorMessage(recordError)}`)
        return current
      }
    )
    return { entry, ledger: current }
  } finally {
    await worktree?.remove()
  }
}

/**
 * Shows the opened pull request on the item's tracking comment before its result is written, so
 * that the comment's note goes with the result in one push. A run killed between the two leaves a
 * comment that is right (the pull request is open) and an item the next cycle reconciles by its
 * pull request's marker.
 */
async function showOpened(tracker: Tracker, entry: ExecutedItem, item: WorkItem): Promise<void> {
  const state = trackedOutcome(entry, item)
  if (state) await tracker.update(item, state)
}

/**
 * A round's first pull request is "opened" even when GitHub already had it (an answer lost, a run
 * killed after the request): for the people watching, this is when it appears.
 */
function openedStatus(item: WorkItem, created: boolean): 'pr_opened' | 'pr_updated' {
  return created || item.pr === null ? 'pr_opened' : 'pr_updated'
}

/** What the tracking comment says about an attempt that ended as `entry` left the item. */
function trackedOutcome(entry: ExecutedItem, item: WorkItem): TrackingState | undefined {
  switch (entry.status) {
    case 'pr_opened':
    case 'pr_updated':
      return entry.pr
        ? {
            kind: entry.status,
            pr: entry.pr,
            summary: entry.summary ?? '',
            turns: entry.turns,
            costUsd: entry.costUsd
          }
        : undefined
    case 'completed':
      return undefined
    case 'no_op':
      return { kind: 'no_change', summary: entry.summary || entry.reason }
    case 'blocked':
      return { kind: 'blocked', reason: entry.reason }
    case 'budget_stopped':
      return { kind: 'budget_stopped', reason: entry.reason }
    case 'outage':
      return { kind: 'outage', reason: entry.reason }
    case 'usage_limit':
      return entry.usageLimit
        ? {
            kind: 'usage_limit',
            resetsAt: entry.usageLimit.resetsAt,
            until: describeReset(entry.usageLimit),
            reason: entry.usageLimit.line
          }
        : { kind: 'outage', reason: entry.reason }
    case 'failed':
      return {
        kind: 'failed',
        reason: entry.reason,
        final: item.status !== 'pending',
        attempt: item.attempts,
        maxAttempts: item.maxAttempts
      }
    case 'skipped':
      return entry.reason.startsWith('run stopped')
        ? { kind: 'deferred', reason: `${entry.reason}: the item is back in the queue` }
        : undefined
  }
}

/** Items whose tracking comment owes its "opened #N" this many at most get it per cycle. */
const OWED_TOLD = 10

/**
 * Writes the "opened #N" that an item's tracking comment still owes: the run that opened its pull
 * request was killed before the comment, or GitHub refused it. In execute mode, the run's item only.
 */
async function tellOwedPulls(tracker: Tracker, ledger: Ledger, only: string | undefined): Promise<void> {
  const owing = [...ledger.items.values()].filter(item => owesPullNotice(item) && (!only || item.id === only))
  for (const item of owing.slice(0, OWED_TOLD)) {
    const result = lastResult(ledger, item.id, entry => entry.success)
    await tracker.update(item, {
      kind: 'pr_opened',
      pr: { number: item.pr!.number, url: item.pr!.url },
      summary: result?.summary ?? '',
      turns: result?.turns ?? 0,
      costUsd: result?.costUsd ?? 0
    })
  }
}

/** Items deferred by a budget this many at most get their tracking comment told per cycle. */
const DEFERRALS_TOLD = 10

/** Tells the people watching budget-deferred items why they wait (once per reason, not every cycle). */
async function tellDeferred(tracker: Tracker, ledger: Ledger, plan: Plan): Promise<void> {
  const budgeted = plan.deferred.filter(decision => /^(run|daily) budget/.test(decision.reason))
  for (const decision of budgeted.slice(0, DEFERRALS_TOLD)) {
    const item = ledger.items.get(decision.itemId)
    const resumes = decision.reason.startsWith('daily')
      ? 'CCAL goes on after 00:00 UTC, when a new day of budget starts.'
      : 'CCAL goes on in a later run.'
    if (item) await tracker.update(item, { kind: 'deferred', reason: `${decision.reason}. ${resumes}` })
  }
}
