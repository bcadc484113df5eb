/**
 * Issues labelled for CCAL (`ccal.discovery.issues`). A scheduled cycle reads every open issue that
 * carries a trigger label in one paginated GraphQL query (100 per page, server-side label filter),
 * with the latest LABELED events in the same query so the labeller is known without a call per
 * issue; permissions are looked up once per distinct labeller. An `issues` or `issue_comment` event
 * looks at that one issue only.
 *
 * An issue becomes a candidate only when a trigger label was applied by a trusted person (trust.ts).
 * An item that is done with (rejected, failed, dismissed, completed) is not reported again unless a
 * trusted person re-applies the label or writes `/ccal retry`.
 */
import { z } from 'zod'
import { isFullScan } from '../core/trigger.js'
import { createPermissionCache, type PermissionCache } from '../github/permissions.js'
import {
  ISSUE_QUERY,
  ISSUES_QUERY,
  IssueQuerySchema,
  IssuesQuerySchema,
  type IssueNode
} from '../github/queries.js'
import { findByFingerprint, transition, type CandidateInput, type LedgerOp } from '../ledger/ops.js'
import type { Ledger, WorkItem } from '../ledger/schema.js'
import { harvestCommands, relabelRetryOp, type CommandAnswer, type CommandComment } from './command-ops.js'
import { mentionsCommand } from './commands.js'
import { issueCandidate, issueFingerprint, ISSUES_SOURCE } from './issue-candidate.js'
import {
  CLOSED_OUT_STATUSES,
  contextNumber,
  lastStatusChangeAt,
  peopleAmong,
  runQuery,
  trustActor,
  untrustedLaterEdit,
  type RequestCounter
} from './github-shared.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource, Skipped } from './source.js'
import { judgeActor, type TrustDecision } from './trust.js'

export { issueCandidate, issueFingerprint, ISSUES_SOURCE } from './issue-candidate.js'

/** Pages of 100 issues read at most in one scan (a guard against runaway pagination). */
export const MAX_ISSUE_PAGES = 20

/** Collaborators shared between the GitHub sources of one run. */
export interface GitHubSourceOptions {
  /** Share one cache between sources so a login costs one request per run; one per discover otherwise. */
  permissions?: PermissionCache
}

const CursorSchema = z
  .looseObject({ lastScanAt: z.string().optional(), lastFullScanAt: z.string().optional() })
  .catch({})

/**
 * An incremental scan asks for issues updated since a little before the last scan: clocks differ,
 * and an update made while that scan paged may carry an earlier time than its end.
 */
const SINCE_MARGIN_MS = 5 * 60 * 1000

/** The issues source. */
export function createIssuesSource(options: GitHubSourceOptions = {}): DiscoverySource {
  return {
    name: ISSUES_SOURCE,
    appliesTo(trigger, settings) {
      const config = settings.discovery.issues
      if (!config.enabled) return false
      if (isFullScan(trigger) || trigger.kind === 'issues') return true
      // A comment matters only when it holds a command: ordinary discussion costs no request.
      return (
        trigger.kind === 'issue_comment' &&
        !trigger.issue.isPullRequest &&
        config.comment_commands &&
        mentionsCommand(trigger.comment.body)
      )
    },
    discover: context => discoverIssues(context, options)
  }
}

/** What the per-issue decision needs, fixed for one discover call. */
interface IssueEnv {
  context: DiscoveryContext
  owner: string
  repo: string
  triggerLabels: Set<string>
  permissions: PermissionCache
  /** The comment of an `issue_comment` event (it may be newer than what the query returned). */
  eventComment?: CommandComment
}

async function discoverIssues(
  context: DiscoveryContext,
  options: GitHubSourceOptions
): Promise<DiscoveryResult> {
  const result: DiscoveryResult = { source: ISSUES_SOURCE, candidates: [], skipped: [], ops: [], requests: 0 }
  const { github, trigger, settings, logger } = context
  if (!github) {
    result.skipped.push({ what: 'GitHub issues', reason: 'no GitHub client (no token or repository)' })
    return result
  }
  const config = settings.discovery.issues
  const counter: RequestCounter = { count: 0 }
  const permissions = options.permissions ?? createPermissionCache(github)
  const permissionRequestsBefore = permissions.requests
  const env: IssueEnv = {
    context,
    owner: github.owner,
    repo: github.repo,
    triggerLabels: new Set(config.labels.map(label => label.toLowerCase())),
    permissions
  }

  let issues: IssueNode[]
  let fullScan = false
  if (
    trigger.kind === 'issues' &&
    !trigger.issue.labels.some(label => env.triggerLabels.has(label.toLowerCase())) &&
    !findByFingerprint(context.ledger, issueFingerprint(env.owner, env.repo, trigger.issue.number))
  ) {
    // The payload already shows there is nothing to do: an issue opened without a trigger label.
    result.skipped.push({
      what: `issue #${trigger.issue.number}`,
      reason: `carries none of the trigger labels (${config.labels.join(', ')})`
    })
    return result
  }
  if (trigger.kind === 'issues' || trigger.kind === 'issue_comment') {
    const data = await runQuery(
      github,
      ISSUE_QUERY,
      { number: trigger.issue.number },
      IssueQuerySchema,
      counter
    )
    issues = data.repository.issue ? [data.repository.issue] : []
    if (issues.length === 0)
      result.skipped.push({
        what: `issue #${trigger.issue.number}`,
        reason: 'not found (deleted or transferred)'
      })
    if (trigger.kind === 'issue_comment') {
      env.eventComment = {
        id: trigger.comment.id,
        body: trigger.comment.body,
        author: trigger.comment.author
      }
    }
  } else {
    const cursor = CursorSchema.parse(context.ledger.state.cursors[ISSUES_SOURCE] ?? {})
    const { lastScanAt, lastFullScanAt } = cursor
    const due = lastScanAt ? Date.parse(lastScanAt) + config.interval_seconds * 1000 : 0
    if (config.interval_seconds > 0 && context.now.getTime() < due) {
      result.skipped.push({
        what: 'GitHub issues',
        reason: `scanned at ${lastScanAt}; next scan after ${config.interval_seconds}s (discovery.issues.interval_seconds)`
      })
      return result
    }
    // Between full scans only what changed is read: requests do not grow with the open issues.
    const incremental =
      lastScanAt !== undefined &&
      lastFullScanAt !== undefined &&
      context.now.getTime() - Date.parse(lastFullScanAt) < config.full_scan_seconds * 1000
    const since = incremental
      ? new Date(Date.parse(lastScanAt) - SINCE_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : undefined
    const scan = await fetchLabelledIssues(env, counter, since)
    issues = scan.issues
    fullScan = scan.complete && !incremental
    const now = context.now.toISOString()
    result.cursor = {
      lastScanAt: now,
      ...(fullScan ? { lastFullScanAt: now } : lastFullScanAt ? { lastFullScanAt } : {})
    }
    if (incremental) logger.debug(`${ISSUES_SOURCE}: incremental scan of issues updated since ${since}`)
  }

  // Everyone whose say the evaluations below will weigh, asked about in one query.
  await permissions.prefetch(issues.flatMap(issue => peopleToJudge(issue, env)))
  for (const issue of issues) {
    const evaluation = await evaluateIssue(issue, env)
    if (evaluation.candidate) result.candidates.push(evaluation.candidate)
    result.skipped.push(...evaluation.skipped)
    result.ops!.push(...evaluation.ops)
    if (evaluation.answers?.length) (result.answers ??= []).push(...evaluation.answers)
  }
  if (fullScan) result.ops!.push(...withdrawnRequests(context.ledger, result.candidates))
  for (const skipped of result.skipped)
    logger.info(`${ISSUES_SOURCE}: skipping ${skipped.what}: ${skipped.reason}`)
  result.requests = counter.count + (permissions.requests - permissionRequestsBefore)
  logger.debug(`${ISSUES_SOURCE}: ${issues.length} issues read, ${result.candidates.length} candidates`, {
    requests: result.requests
  })
  return result
}

/**
 * Every open issue carrying a trigger label (updated since `since`, when given), 100 per request;
 * `complete` unless the page guard hit.
 */
async function fetchLabelledIssues(
  env: IssueEnv,
  counter: RequestCounter,
  since?: string
): Promise<{ issues: IssueNode[]; complete: boolean }> {
  const { github } = env.context
  const issues: IssueNode[] = []
  let after: string | null = null
  for (let page = 0; page < MAX_ISSUE_PAGES; page += 1) {
    const data: z.output<typeof IssuesQuerySchema> = await runQuery(
      github!,
      ISSUES_QUERY,
      { labels: env.context.settings.discovery.issues.labels, after, since: since ?? null },
      IssuesQuerySchema,
      counter
    )
    const connection: z.output<typeof IssuesQuerySchema>['repository']['issues'] = data.repository.issues
    issues.push(...connection.nodes)
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return { issues, complete: true }
    after = connection.pageInfo.endCursor
  }
  env.context.logger.warning(
    `${ISSUES_SOURCE}: stopped after ${MAX_ISSUE_PAGES} pages (${issues.length} issues); the rest waits for the next cycle`
  )
  return { issues, complete: false }
}

interface Evaluation {
  candidate?: CandidateInput
  skipped: Skipped[]
  ops: LedgerOp[]
  answers?: CommandAnswer[]
}

/** The latest LABELED event of each trigger label the issue carries, newest first. */
function triggerLabelEvents(issue: IssueNode, carried: readonly string[]) {
  const events: { label: string; actor: IssueNode['author']; at: string }[] = []
  for (const label of carried) {
    const latest = issue.timelineItems.nodes
      .filter(
        node => node.__typename === 'LabeledEvent' && node.label?.name.toLowerCase() === label.toLowerCase()
      )
      .at(-1)
    if (latest) events.push({ label, actor: latest.actor ?? null, at: latest.createdAt ?? issue.createdAt })
  }
  return events.sort((a, b) => b.at.localeCompare(a.at))
}

/** The people (not bots) who applied the issue's trigger labels, edited it or wrote commands on it. */
function peopleToJudge(issue: IssueNode, env: IssueEnv): string[] {
  const carried = issue.labels.nodes
    .map(label => label.name)
    .filter(label => env.triggerLabels.has(label.toLowerCase()))
  if (issue.state !== 'OPEN' || carried.length === 0) return []
  const actors = [
    ...triggerLabelEvents(issue, carried).map(event => event.actor),
    issue.editor,
    ...issue.comments.nodes.filter(comment => comment.body.includes('/ccal')).map(comment => comment.author)
  ]
  return peopleAmong(actors)
}

/** Trusted when any carried trigger label was last applied by a trusted person. */
async function judgeLabellers(
  issue: IssueNode,
  carried: readonly string[],
  env: IssueEnv
): Promise<{ decision: TrustDecision; label?: string; at?: string }> {
  const events = triggerLabelEvents(issue, carried)
  if (events.length === 0) {
    return {
      decision: {
        trusted: false,
        actor: 'unknown',
        reason: `no LABELED event found for ${carried.map(label => `'${label}'`).join(', ')}: cannot tell who asked`
      }
    }
  }
  const reasons: string[] = []
  for (const event of events) {
    const decision = await judgeActor(
      trustActor(event.actor),
      env.context.settings.trust,
      login => env.permissions.permissionOf(login),
      `label '${event.label}' applied`
    )
    if (decision.trusted) return { decision, label: event.label, at: event.at }
    reasons.push(decision.reason)
  }
  return {
    decision: { trusted: false, actor: events[0]!.actor?.login ?? 'ghost', reason: reasons.join('; ') }
  }
}

async function evaluateIssue(issue: IssueNode, env: IssueEnv): Promise<Evaluation> {
  const { settings, ledger } = env.context
  const config = settings.discovery.issues
  const where = `issue #${issue.number}`
  const fingerprint = issueFingerprint(env.owner, env.repo, issue.number)
  const existing = findByFingerprint(ledger, fingerprint)
  const out: Evaluation = { skipped: [], ops: [] }
  if (issue.state !== 'OPEN') {
    out.skipped.push({ what: where, reason: `the issue is ${issue.state.toLowerCase()}` })
    return out
  }
  const labels = issue.labels.nodes.map(label => label.name)
  const carried = labels.filter(label => env.triggerLabels.has(label.toLowerCase()))
  if (carried.length === 0) {
    out.skipped.push({
      what: where,
      reason: `carries none of the trigger labels (${config.labels.join(', ')})`
    })
    return out
  }
  const labelled = await judgeLabellers(issue, carried, env)
  if (!labelled.decision.trusted) {
    out.skipped.push({ what: where, reason: `untrusted: ${labelled.decision.reason}` })
    return out
  }
  // The label vouches for the text as it was when it was applied; a later edit by someone without
  // write access does not inherit that trust.
  const edit = await untrustedLaterEdit(
    issue,
    labelled.at,
    settings.trust,
    login => env.permissions.permissionOf(login),
    'the label'
  )
  if (edit) {
    const kept = existing?.untrusted
    if (!kept) {
      out.skipped.push({
        what: where,
        reason: `${edit}, and CCAL never read the text as labelled; a trusted person can re-apply the label`
      })
      return out
    }
    env.context.logger.info(`${ISSUES_SOURCE}: ${where}: ${edit}; the edit is ignored`)
    out.skipped.push({ what: `${where} (its latest edit)`, reason: `${edit}; the text as labelled is kept` })
    issue = { ...issue, title: kept.title ?? issue.title, body: kept.body ?? issue.body }
  }

  const comments: CommandComment[] = issue.comments.nodes.flatMap(comment =>
    comment.databaseId === null
      ? []
      : [
          {
            id: comment.databaseId,
            body: comment.body,
            author: trustActor(comment.author),
            at: comment.createdAt
          }
        ]
  )
  if (env.eventComment && !comments.some(comment => comment.id === env.eventComment!.id))
    comments.push(env.eventComment)
  const harvest = config.comment_commands
    ? await harvestCommands(comments, {
        target: { fingerprint },
        mark: 'lastCommandId',
        where,
        after: existing ? contextNumber(existing, 'lastCommandId') : undefined,
        trust: settings.trust,
        lookup: login => env.permissions.permissionOf(login),
        on: issue.number,
        ...(existing ? { item: existing } : {})
      })
    : { ops: [], skipped: [], requests: [], answers: [] }
  out.skipped.push(...harvest.skipped)
  out.answers = harvest.answers
  const retryAsked = harvest.requests.some(request =>
    request.commands.some(command => command.kind === 'retry')
  )
  const relabelled =
    existing !== undefined &&
    labelled.at !== undefined &&
    Date.parse(labelled.at) > Date.parse(lastStatusChangeAt(existing))

  if (existing && isDoneWith(existing) && !retryAsked && !relabelled) {
    out.ops.push(...harvest.ops)
    out.skipped.push({ what: where, reason: doneWithReason(existing) })
    return out
  }
  const foreignPull = issue.closedByPullRequestsReferences.nodes.find(
    pull => pull.state === 'OPEN' && !pull.headRefName.startsWith(settings.pull_requests.branch_prefix)
  )
  if (foreignPull && !existing) {
    out.ops.push(...harvest.ops)
    out.skipped.push({ what: where, reason: `pull request #${foreignPull.number} already addresses it` })
    return out
  }

  out.candidate = issueCandidate(
    issue,
    { owner: env.owner, repo: env.repo, settings, now: env.context.now },
    { labels, labelled, existing }
  )
  // Merged first, then: a re-labelled closed-out item goes back to pending, then commands act.
  if (existing && relabelled && CLOSED_OUT_STATUSES.includes(existing.status))
    out.ops.push(
      relabelRetryOp(fingerprint, { name: labelled.label!, actor: labelled.decision.actor, at: labelled.at! })
    )
  out.ops.push(...harvest.ops)
  return out
}

function isDoneWith(item: WorkItem): boolean {
  return item.status === 'completed' || CLOSED_OUT_STATUSES.includes(item.status)
}

function doneWithReason(item: WorkItem): string {
  const pr = item.pr ? ` (PR #${item.pr.number})` : ''
  const why =
    item.status === 'rejected'
      ? `its pull request${pr} was closed without merging`
      : item.status === 'completed'
        ? `it was completed${pr}`
        : `it is ${item.status}`
  return `item ${item.id} is ${item.status}: ${why}; a trusted '/ccal retry' or re-applying the label brings it back`
}

/**
 * Pending issue items that a complete scan no longer reports — the issue was closed, its trigger
 * label removed, or the person who applied it lost their access — are dismissed before anyone works
 * on them. Re-labelling by a trusted person brings them back.
 */
function withdrawnRequests(ledger: Ledger, candidates: readonly CandidateInput[]): LedgerOp[] {
  const reported = new Set(candidates.map(candidate => candidate.fingerprint))
  return [...ledger.items.values()]
    .filter(
      item => item.source === ISSUES_SOURCE && item.status === 'pending' && !reported.has(item.fingerprint)
    )
    .map(item => {
      const reason = `issue #${String(item.context.issueNumber ?? '?')} is no longer an open, trusted request`
      const op: LedgerOp = (current, context) =>
        current.items.get(item.id)?.status === 'pending'
          ? transition(item.id, 'dismissed', { reason })(current, context)
          : { ledger: current, description: `${item.id}: no longer pending` }
      return op
    })
}
