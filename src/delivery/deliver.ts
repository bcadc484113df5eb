/**
 * Delivery of an item's change: the base branch, the commit and push, the pull request (opened or
 * updated), and for a follow-up the answer on its parent's pull request. The cycle decides when;
 * this module does it.
 */
import type { Settings } from '../config/schema.js'
import type { ExecutionOutcome } from '../executor/outcome.js'
import type { Git } from '../git/git.js'
import type { GitHubClient } from '../github/client.js'
import type { Logger } from '../util/logger.js'
import type { TokenSource } from '../util/token-source.js'
import { lastResult } from '../ledger/ops.js'
import type { Ledger, WorkItem } from '../ledger/schema.js'
import {
  ITEM_TRAILER,
  branchNameFor,
  commitMessage,
  firstParagraph,
  pullRequestBody,
  safeTitle
} from './content.js'
import { authenticated, commitAll, pushBranch, type Identity } from './git.js'
import { coverageAfter, findingsAfter } from './findings-after.js'
import { commentOn, openOrUpdatePull, replyToReviewComment } from './pulls.js'
import { commitSigned } from './signed.js'

/** What delivery needs from the cycle. */
export interface DeliveryDeps {
  settings: Settings
  github?: GitHubClient
  /** Tokens for pushing item branches (asked for per command, never stored). */
  pushTokens?: TokenSource
  /** Git in the checkout (read only): the remote's default branch when there is no GitHub client. */
  git: Git
  /** The workflow run's page, linked from the pull request body. */
  runUrl?: string
  /** Where delivery's warnings go (a reviewer GitHub refused, say). */
  logger?: Pick<Logger, 'warning'>
}

function identityOf(settings: Settings): Identity {
  return { name: settings.identity.name, email: settings.identity.email }
}

/** Where a follow-up (review feedback, a failing check) goes: its parent's pull request branch. */
export interface FollowUpTarget {
  branch: string
  prNumber: number
  parent: WorkItem | undefined
}

export function followUpTarget(item: WorkItem, ledger: Ledger): FollowUpTarget | undefined {
  const { branch, prNumber } = item.context
  if (!item.parentId || typeof branch !== 'string' || typeof prNumber !== 'number') return undefined
  return { branch, prNumber, parent: ledger.items.get(item.parentId) }
}

/** The branch an item's work is pushed to: its parent's pull request branch for a follow-up. */
export function branchOf(item: WorkItem, ledger: Ledger, settings: Settings): string {
  return followUpTarget(item, ledger)?.branch ?? branchNameFor(item, settings.pull_requests.branch_prefix)
}

/** Base branches by client: the repository's default is looked up once per cycle, not once per item. */
const baseBranches = new WeakMap<object, Promise<string>>()

/** The branch pull requests target: configured, else the repository's default branch. */
export function baseBranchOf(deps: DeliveryDeps): Promise<string> {
  const configured = deps.settings.pull_requests.base_branch
  if (configured) return Promise.resolve(configured)
  // Keyed by the client, which every item of a cycle shares (the deps object is copied per item).
  const key = deps.github ?? deps.git
  let base = baseBranches.get(key)
  if (!base) {
    base = defaultBranch(deps)
    baseBranches.set(key, base)
  }
  return base
}

async function defaultBranch(deps: DeliveryDeps): Promise<string> {
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

/**
 * Commits the working tree's change as CCAL and pushes it to the item's branch; returns the commit.
 * With `pull_requests.sign_commits`, GitHub makes the commit through its API and signs it.
 */
async function commitAndPush(
  deps: DeliveryDeps,
  git: Git,
  item: WorkItem,
  target: { branch: string; base: string; replace: boolean; outcome: ExecutionOutcome }
): Promise<string> {
  const { settings } = deps
  const message = commitMessage(item, target.outcome.summary)
  const pushGit = await authenticated(git, deps.pushTokens)
  if (settings.pull_requests.sign_commits && deps.github) {
    // GitHub makes (and signs) the commit; git only reads the change and fetches the result.
    return commitSigned(deps.github, pushGit, {
      branch: target.branch,
      base: target.base,
      branchPrefix: settings.pull_requests.branch_prefix,
      message,
      replace: target.replace
    })
  }
  const sha = await commitAll(git, { message, identity: identityOf(settings) })
  await pushBranch(pushGit, {
    branch: target.branch,
    base: target.base,
    branchPrefix: settings.pull_requests.branch_prefix,
    replace: target.replace
  })
  return sha
}

export async function deliver(
  deps: DeliveryDeps,
  git: Git,
  item: WorkItem,
  target: { branch: string; base: string; replace: boolean; outcome: ExecutionOutcome }
): Promise<{ pr: { number: number; url: string; branch: string }; created: boolean }> {
  if (!deps.github) throw new Error('no GitHub client: cannot open a pull request')
  await commitAndPush(deps, git, item, target)
  const checks = target.outcome.verify.at(-1)
  const findings = checks ? findingsAfter(item, checks.steps, git.cwd) : undefined
  const coverage = await coverageAfter(
    item,
    deps.settings.discovery.coverage.reports,
    git.cwd,
    Date.now() - target.outcome.durationMs - 1000
  )
  return openPull(deps, item, target, {
    summary: target.outcome.summary,
    verify: describeVerify(target.outcome),
    ...(checks ? { steps: checks.steps, checkRuns: target.outcome.verify.length } : {}),
    ...(findings ? { findings } : {}),
    ...(coverage ? { coverage } : {}),
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
    turns: target.outcome.turns,
    costUsd: target.outcome.costUsd,
    durationMs: target.outcome.durationMs
  })
}

/** Opens (or updates) the item's pull request from `target.branch`, its body saying `checks`. */
async function openPull(
  deps: DeliveryDeps,
  item: WorkItem,
  target: { branch: string; base: string },
  checks: Omit<Parameters<typeof pullRequestBody>[0], 'item'>
): Promise<{ pr: { number: number; url: string; branch: string }; created: boolean }> {
  if (!deps.github) throw new Error('no GitHub client: cannot open a pull request')
  const pull = await openOrUpdatePull(
    deps.github,
    {
      branch: target.branch,
      base: target.base,
      title: safeTitle(item),
      body: pullRequestBody({ item, ...checks }),
      draft: deps.settings.pull_requests.draft,
      labels: deps.settings.pull_requests.labels,
      reviewers: deps.settings.pull_requests.reviewers,
      assignees: deps.settings.pull_requests.assignees
    },
    message => deps.logger?.warning(`delivery: ${message}`)
  )
  return { pr: { number: pull.number, url: pull.url, branch: target.branch }, created: pull.created }
}

/** What an earlier attempt pushed to an item's branch and opened no pull request for. */
export interface PushedWork {
  sha: string
  /** The agent's summary as it was committed (the commit message's body). */
  summary: string
}

/** Reads a branch of the remote: its tip, and whether `sha` is already in `base`. */
export interface BranchReader {
  /** The branch's tip, fetched; undefined when the remote has no such branch. */
  fetchBranch(branch: string): Promise<string | undefined>
  git: Git
}

/**
 * The commit an earlier attempt of `item` pushed to `branch` and never opened a pull request for:
 * the run was killed, or cut off, between its push and the pull request. A push comes only after the
 * agent's work passed the gate and the verify commands, so the next attempt delivers that commit
 * instead of running the agent again. Undefined when the branch is not there, is not the item's
 * (its tip has no `CCAL-Item` trailer naming it), or has nothing the base does not have.
 */
export async function findPushedWork(
  reader: BranchReader,
  item: Pick<WorkItem, 'id'>,
  branch: string,
  base: string
): Promise<PushedWork | undefined> {
  const sha = await reader.fetchBranch(branch)
  if (!sha) return undefined
  const message = await reader.git.run(['log', '-1', '--format=%B', sha])
  if (!hasItemTrailer(message, item.id)) return undefined
  const baseSha = await reader.fetchBranch(base)
  if (baseSha) {
    const merged = await reader.git.exec(['merge-base', '--is-ancestor', sha, baseSha])
    if (merged.exitCode === 0) return undefined
  }
  return { sha, summary: committedSummary(message) }
}

function hasItemTrailer(message: string, itemId: string): boolean {
  return message.split('\n').some(line => line.trim() === `${ITEM_TRAILER}: ${itemId}`)
}

/** The body of a message {@link commitMessage} wrote: between the subject and the trailer. */
function committedSummary(message: string): string {
  const lines = message.trim().split('\n')
  return lines
    .slice(1)
    .filter(line => !line.startsWith(`${ITEM_TRAILER}: `))
    .join('\n')
    .trim()
}

/**
 * Opens (or finds) the pull request for work already on the item's branch. What the body says of
 * the checks comes from the attempt that pushed it, when the ledger kept its result.
 */
export async function deliverPushed(
  deps: DeliveryDeps,
  item: WorkItem,
  target: { branch: string; base: string; pushed: PushedWork; ledger: Ledger }
): Promise<{ pr: { number: number; url: string; branch: string }; created: boolean }> {
  const result = lastResult(target.ledger, item.id, entry => entry.code === 'success')
  return openPull(deps, item, target, {
    summary: result?.summary || target.pushed.summary,
    verify: result
      ? `${result.verify} (pushed by an earlier attempt that stopped before opening this pull request)`
      : 'passed before the push (the attempt that pushed it stopped before opening this pull request)',
    turns: result?.turns ?? 0,
    costUsd: result?.costUsd ?? 0,
    durationMs: result?.durationMs ?? 0
  })
}

/**
 * A follow-up commit on the parent's pull request: pushed without replacing anything, then answered
 * on the pull request (in the review comment's thread when there is one). The PR body stays the
 * parent's, so its marker keeps naming the parent item.
 */
export async function deliverFollowUp(
  deps: DeliveryDeps,
  git: Git,
  item: WorkItem,
  target: FollowUpTarget & { base: string; outcome: ExecutionOutcome }
): Promise<{ number: number; url: string; branch: string }> {
  if (!deps.github) throw new Error('no GitHub client: cannot answer on the pull request')
  const sha = await commitAndPush(deps, git, item, { ...target, replace: false })
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
export function describeVerify(outcome: Pick<ExecutionOutcome, 'verifyOutcome' | 'failuresOnBase'>): string {
  return outcome.failuresOnBase
    ? 'fails on the base branch too; this change adds no failure'
    : outcome.verifyOutcome
}
