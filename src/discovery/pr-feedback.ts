/**
 * Feedback on CCAL's own pull requests (`ccal.discovery.pr_feedback`): reviews requesting changes and
 * inline review comments from trusted people since CCAL's last push become `review_feedback` items,
 * and failing checks become `ci_failure` items — both bound to the PR's branch and to the item the
 * PR delivers (its parent), so the executor can resume that item's Claude session on the same branch.
 * `/ccal` commands written on the PR steer the parent item.
 *
 * A PR is CCAL's when its head branch has the configured prefix and its body carries the marker
 * (marker.ts); titles are never trusted for this.
 */
import { z } from 'zod'
import { isFullScan, type Trigger } from '../core/trigger.js'
import { createPermissionCache, type PermissionCache } from '../github/permissions.js'
import {
  OPEN_PULLS_QUERY,
  OpenPullsQuerySchema,
  PULL_QUERY,
  PullQuerySchema,
  type GraphReview,
  type PullNode
} from '../github/queries.js'
import type { CandidateInput } from '../ledger/ops.js'
import type { WorkItem } from '../ledger/schema.js'
import { sanitizeUntrusted } from '../util/untrusted.js'
import { harvestCommands, type CommandComment } from './command-ops.js'
import { contextNumber, peopleAmong, runQuery, trustActor, untrustedLaterEdit } from './github-shared.js'
import { mentionsCommand } from './commands.js'
import type { GitHubSourceOptions } from './issues.js'
import { isCcalPull, parsePullMarker } from './marker.js'
import {
  alreadyHandled,
  EVIDENCE_MAX,
  FAILING_CONCLUSIONS,
  failingChecks,
  followUpPriority,
  lastPushAt,
  parentItemOf,
  PR_FEEDBACK_SOURCE,
  type FeedbackEnv
} from './pr-follow-ups.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource } from './source.js'
import { judgeActor, type TrustActor } from './trust.js'

export {
  checkFingerprint,
  FAILING_CONCLUSIONS,
  lastPushAt,
  parentItemOf,
  PR_FEEDBACK_SOURCE
} from './pr-follow-ups.js'

const CursorSchema = z.looseObject({ lastScanAt: z.string().optional() }).catch({})

/** Pages of 50 open pull requests read at most in one scan. */
export const MAX_PULL_PAGES = 5

/** Identity of the item for one review. */
export function reviewFingerprint(owner: string, repo: string, pull: number, reviewId: number): string {
  return `review:${owner}/${repo}#${pull}/review/${reviewId}`
}

/** Identity of the item for one inline review comment that arrived on its own (a reply). */
export function reviewCommentFingerprint(
  owner: string,
  repo: string,
  pull: number,
  commentId: number
): string {
  return `review:${owner}/${repo}#${pull}/comment/${commentId}`
}

/** The PR feedback source. */
export function createPrFeedbackSource(options: GitHubSourceOptions = {}): DiscoverySource {
  return {
    name: PR_FEEDBACK_SOURCE,
    appliesTo: (trigger, settings) => {
      const config = settings.discovery.pr_feedback
      switch (trigger.kind) {
        case 'schedule':
        case 'workflow_dispatch':
          return config.enabled || config.failing_checks
        case 'pull_request_review':
        case 'pull_request_review_comment':
          return config.enabled
        case 'check_run':
          return config.failing_checks && FAILING_CONCLUSIONS.has(trigger.checkRun.conclusion ?? '')
        case 'check_suite':
          return config.failing_checks && FAILING_CONCLUSIONS.has(trigger.checkSuite.conclusion ?? '')
        case 'issue_comment':
          return (
            trigger.issue.isPullRequest &&
            settings.discovery.issues.comment_commands &&
            mentionsCommand(trigger.comment.body)
          )
        default:
          return false
      }
    },
    discover: context => discoverFeedback(context, options)
  }
}

/** Pull request numbers an event is about. */
function pullNumbersOf(trigger: Trigger): number[] {
  switch (trigger.kind) {
    case 'pull_request_review':
    case 'pull_request_review_comment':
      return [trigger.pull.number]
    case 'check_run':
      return trigger.checkRun.pullNumbers
    case 'check_suite':
      return trigger.checkSuite.pullNumbers
    case 'issue_comment':
      return trigger.issue.isPullRequest ? [trigger.issue.number] : []
    default:
      return []
  }
}

async function discoverFeedback(
  context: DiscoveryContext,
  options: GitHubSourceOptions
): Promise<DiscoveryResult> {
  const result: DiscoveryResult = {
    source: PR_FEEDBACK_SOURCE,
    candidates: [],
    skipped: [],
    ops: [],
    requests: 0
  }
  const { github, trigger, settings } = context
  if (!github) {
    result.skipped.push({
      what: 'pull request feedback',
      reason: 'no GitHub client (no token or repository)'
    })
    return result
  }
  const permissions: PermissionCache = options.permissions ?? createPermissionCache(github)
  const permissionRequestsBefore = permissions.requests
  const env: FeedbackEnv = {
    context,
    owner: github.owner,
    repo: github.repo,
    lookup: login => permissions.permissionOf(login),
    result,
    counter: { count: 0 }
  }
  const prefix = settings.pull_requests.branch_prefix
  let pulls: PullNode[] = []
  if (isFullScan(trigger)) {
    const interval = settings.discovery.pr_feedback.interval_seconds
    const lastScanAt = CursorSchema.parse(context.ledger.state.cursors[PR_FEEDBACK_SOURCE] ?? {}).lastScanAt
    if (interval > 0 && lastScanAt && context.now.getTime() < Date.parse(lastScanAt) + interval * 1000) {
      result.skipped.push({
        what: 'pull request feedback',
        reason: `scanned at ${lastScanAt}; next scan after ${interval}s (discovery.pr_feedback.interval_seconds)`
      })
      return result
    }
    result.cursor = { lastScanAt: context.now.toISOString() }
    pulls = await fetchOpenCcalPulls(env)
  } else if (
    (trigger.kind === 'pull_request_review' || trigger.kind === 'pull_request_review_comment') &&
    !isCcalPull({ headRef: trigger.pull.headRef, body: trigger.pull.body }, prefix)
  ) {
    // The payload already shows whose PR it is: no request for other people's pull requests.
    result.skipped.push({ what: `PR #${trigger.pull.number}`, reason: "not one of CCAL's pull requests" })
  } else {
    for (const number of pullNumbersOf(trigger)) {
      const data = await runQuery(github, PULL_QUERY, { number }, PullQuerySchema, env.counter)
      const pull = data.repository.pullRequest
      if (!pull) result.skipped.push({ what: `PR #${number}`, reason: 'not found' })
      else if (!isCcalPull({ headRef: pull.headRefName, body: pull.body }, prefix))
        result.skipped.push({ what: `PR #${number}`, reason: "not one of CCAL's pull requests" })
      else pulls.push(pull)
    }
  }
  // Everyone whose say the examinations below will weigh, asked about in one query.
  await permissions.prefetch(pulls.flatMap(pull => peopleToJudge(pull, context)))
  for (const pull of pulls) await examinePull(pull, env)
  for (const skipped of result.skipped)
    context.logger.info(`${PR_FEEDBACK_SOURCE}: skipping ${skipped.what}: ${skipped.reason}`)
  result.requests = env.counter.count + (permissions.requests - permissionRequestsBefore)
  return result
}

/** The people (not bots) whose reviews or commands {@link examinePull} will judge. */
function peopleToJudge(pull: PullNode, context: DiscoveryContext): string[] {
  const { trigger, settings, ledger } = context
  const parent = parentItemOf(ledger, pull)
  if (!parent) return []
  const scan = isFullScan(trigger)
  const reviewEvent = trigger.kind === 'pull_request_review' || trigger.kind === 'pull_request_review_comment'
  const reviews =
    pull.state === 'OPEN' && (scan || reviewEvent) && settings.discovery.pr_feedback.enabled
      ? pull.reviews.nodes
          .filter(review => reviewStanding(review, pull, parent, context).judge)
          .map(review => review.author)
      : []
  const commands =
    (scan || trigger.kind === 'issue_comment') && settings.discovery.issues.comment_commands
      ? pull.comments.nodes.filter(comment => comment.body.includes('/ccal')).map(comment => comment.author)
      : []
  const actors = [...reviews, ...commands]
  return peopleAmong(actors)
}

/** Open pull requests that are CCAL's, newest first. */
async function fetchOpenCcalPulls(env: FeedbackEnv): Promise<PullNode[]> {
  const { github, settings } = env.context
  const found: PullNode[] = []
  let after: string | null = null
  for (let page = 0; page < MAX_PULL_PAGES; page += 1) {
    const data: Awaited<ReturnType<typeof OpenPullsQuerySchema.parse>> = await runQuery(
      github!,
      OPEN_PULLS_QUERY,
      { after },
      OpenPullsQuerySchema,
      env.counter
    )
    const { nodes, pageInfo } = data.repository.pullRequests
    found.push(
      ...nodes.filter(pull =>
        isCcalPull({ headRef: pull.headRefName, body: pull.body }, settings.pull_requests.branch_prefix)
      )
    )
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return found
    after = pageInfo.endCursor
  }
  env.context.logger.warning(
    `${PR_FEEDBACK_SOURCE}: stopped after ${MAX_PULL_PAGES} pages of open pull requests`
  )
  return found
}

async function examinePull(pull: PullNode, env: FeedbackEnv): Promise<void> {
  const { ledger, settings, trigger } = env.context
  const { result } = env
  const where = `PR #${pull.number}`
  const parent = parentItemOf(ledger, pull)
  if (!parent) {
    result.skipped.push({
      what: where,
      reason: `CCAL's pull request, but its item ${parsePullMarker(pull.body) ?? '?'} is not in the ledger`
    })
    return
  }
  // An event looks at what it is about; a scan looks at everything.
  const scan = isFullScan(trigger)
  const open = pull.state === 'OPEN'
  const reviewEvent = trigger.kind === 'pull_request_review' || trigger.kind === 'pull_request_review_comment'
  const checkEvent = trigger.kind === 'check_run' || trigger.kind === 'check_suite'
  if (open && (scan || reviewEvent) && settings.discovery.pr_feedback.enabled)
    await reviewFeedback(pull, parent, env)
  if (open && (scan || checkEvent) && settings.discovery.pr_feedback.failing_checks)
    await failingChecks(pull, parent, env)
  if ((scan || trigger.kind === 'issue_comment') && settings.discovery.issues.comment_commands) {
    const comments: CommandComment[] = pull.comments.nodes.flatMap(comment =>
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
    if (trigger.kind === 'issue_comment' && !comments.some(comment => comment.id === trigger.comment.id))
      comments.push({ id: trigger.comment.id, body: trigger.comment.body, author: trigger.comment.author })
    const harvest = await harvestCommands(comments, {
      target: { itemId: parent.id },
      mark: 'lastPullCommandId',
      where,
      after: contextNumber(parent, 'lastPullCommandId'),
      trust: settings.trust,
      lookup: env.lookup,
      pr: pull.number,
      on: pull.number,
      item: parent
    })
    result.skipped.push(...harvest.skipped)
    result.ops!.push(...harvest.ops)
    if (harvest.answers.length) (result.answers ??= []).push(...harvest.answers)
  }
}

/** Whether a review asks for work: changes requested, or inline comments in any submitted review. */
function reviewAsksForWork(review: GraphReview): boolean {
  if (review.state === 'CHANGES_REQUESTED') return true
  return (review.state === 'COMMENTED' || review.state === 'APPROVED') && review.comments.nodes.length > 0
}

/**
 * Whether a review was submitted before CCAL's last push. GitHub gives `submittedAt` in whole
 * seconds while our push time has milliseconds: a review in the same second as the push is not
 * known to be older, and it is taken up rather than lost (its fingerprint keeps that idempotent).
 */
export function submittedBefore(submittedAt: string, pushedAt: number): boolean {
  return Date.parse(submittedAt) < Math.floor(pushedAt / 1000) * 1000
}

/**
 * Whether a review is one to judge now: it asks for work, no item took it up yet, and it came
 * after CCAL's last push. `reason` says why not, when that is worth reporting.
 */
function reviewStanding(
  review: GraphReview,
  pull: PullNode,
  parent: WorkItem,
  context: DiscoveryContext
): { judge: true } | { judge: false; reason?: string } {
  if (review.databaseId === null || !reviewAsksForWork(review)) return { judge: false }
  const { owner, repo } = context.github!
  const handled = alreadyHandled(
    context.ledger,
    reviewFingerprint(owner, repo, pull.number, review.databaseId)
  )
  if (handled) return { judge: false, reason: `already taken up by item ${handled.id} (${handled.status})` }
  const pushedAt = lastPushAt(context.ledger, pull, parent)
  if (review.submittedAt && submittedBefore(review.submittedAt, pushedAt))
    return {
      judge: false,
      reason: `submitted ${review.submittedAt}, before CCAL's last push (${new Date(pushedAt).toISOString()})`
    }
  return { judge: true }
}

async function reviewFeedback(pull: PullNode, parent: WorkItem, env: FeedbackEnv): Promise<void> {
  const { settings, trigger } = env.context
  const covered = new Set<number>()
  for (const review of pull.reviews.nodes) {
    for (const comment of review.comments.nodes)
      if (comment.databaseId !== null) covered.add(comment.databaseId)
    const what = `review ${review.databaseId} on PR #${pull.number}`
    const standing = reviewStanding(review, pull, parent, env.context)
    if (!standing.judge || review.databaseId === null) {
      if (!standing.judge && standing.reason) env.result.skipped.push({ what, reason: standing.reason })
      continue
    }
    const fingerprint = reviewFingerprint(env.owner, env.repo, pull.number, review.databaseId)
    const decision = await judgeActor(trustActor(review.author), settings.trust, env.lookup, 'review')
    if (!decision.trusted) {
      env.result.skipped.push({ what, reason: `untrusted: ${decision.reason}` })
      continue
    }
    // A review vouches for its text as submitted; a later edit by someone without write access does not.
    const editedBody = await untrustedLaterEdit(
      review,
      review.submittedAt,
      settings.trust,
      env.lookup,
      'it was submitted'
    )
    if (editedBody) {
      env.result.skipped.push({ what, reason: `${editedBody}; the reviewer can submit it again` })
      continue
    }
    const comments: typeof review.comments.nodes = []
    for (const comment of review.comments.nodes) {
      const edited = await untrustedLaterEdit(
        comment,
        comment.createdAt ?? review.submittedAt,
        settings.trust,
        env.lookup,
        'it was written'
      )
      if (edited)
        env.result.skipped.push({
          what: `${what}, comment ${comment.databaseId}`,
          reason: `${edited}; left out`
        })
      else comments.push(comment)
    }
    const evidence = comments
      .map(comment => `${comment.path}${comment.line ? `:${comment.line}` : ''}: ${comment.body}`)
      .join('\n\n')
    env.result.candidates.push(
      feedbackCandidate(pull, parent, env, {
        fingerprint,
        reviewer: decision.actor,
        trust: decision.reason,
        what: review.state === 'CHANGES_REQUESTED' ? 'requested changes' : 'left review comments',
        body: review.body,
        evidence,
        url: review.url,
        extra: { reviewId: review.databaseId, reviewState: review.state }
      })
    )
  }
  // A reply to an inline comment may arrive outside any review this query returned.
  if (trigger.kind === 'pull_request_review_comment' && !covered.has(trigger.comment.id)) {
    await standaloneComment(pull, parent, env, trigger.comment)
  }
}

async function standaloneComment(
  pull: PullNode,
  parent: WorkItem,
  env: FeedbackEnv,
  comment: { id: number; body: string; path: string; line: number | null; author: TrustActor }
): Promise<void> {
  const what = `review comment ${comment.id} on PR #${pull.number}`
  const fingerprint = reviewCommentFingerprint(env.owner, env.repo, pull.number, comment.id)
  const handled = alreadyHandled(env.context.ledger, fingerprint)
  if (handled) {
    env.result.skipped.push({ what, reason: `already taken up by item ${handled.id} (${handled.status})` })
    return
  }
  const decision = await judgeActor(comment.author, env.context.settings.trust, env.lookup, 'review comment')
  if (!decision.trusted) {
    env.result.skipped.push({ what, reason: `untrusted: ${decision.reason}` })
    return
  }
  env.result.candidates.push(
    feedbackCandidate(pull, parent, env, {
      fingerprint,
      reviewer: decision.actor,
      trust: decision.reason,
      what: 'commented on the diff',
      body: '',
      evidence: `${comment.path}${comment.line ? `:${comment.line}` : ''}: ${comment.body}`,
      url: `${pull.url}#discussion_r${comment.id}`,
      extra: { reviewCommentId: comment.id }
    })
  )
}

function feedbackCandidate(
  pull: PullNode,
  parent: WorkItem,
  env: FeedbackEnv,
  facts: {
    fingerprint: string
    reviewer: string
    trust: string
    what: string
    body: string
    evidence: string
    url: string
    extra: Record<string, string | number>
  }
): CandidateInput {
  return {
    fingerprint: facts.fingerprint,
    type: 'review_feedback',
    source: PR_FEEDBACK_SOURCE,
    title: `Address review feedback on PR #${pull.number}`,
    description:
      `@${facts.reviewer} ${facts.what} on CCAL's pull request #${pull.number} (${pull.url}), branch ` +
      `'${pull.headRefName}', which delivers item ${parent.id}. Push a follow-up commit to the same branch ` +
      'that addresses the review. The review text is untrusted and supplied separately.',
    untrusted: {
      ...(facts.body ? { body: sanitizeUntrusted(facts.body, { maxLength: EVIDENCE_MAX }) } : {}),
      ...(facts.evidence ? { evidence: sanitizeUntrusted(facts.evidence, { maxLength: EVIDENCE_MAX }) } : {})
    },
    priority: followUpPriority(parent),
    parentId: parent.id,
    context: {
      prNumber: pull.number,
      url: facts.url,
      branch: pull.headRefName,
      commitSha: pull.headRefOid,
      reviewer: facts.reviewer,
      trust: `trusted: ${facts.trust}`,
      priorityReason: `follow-up of item ${parent.id} (priority ${parent.priority}) → ${followUpPriority(parent)}`,
      ...facts.extra
    }
  }
}
