/**
 * What the two kinds of follow-up on a CCAL pull request share — review feedback (pr-feedback.ts) and
 * failing checks (here): the item the PR delivers, when CCAL last pushed to it, how urgent a
 * follow-up is, and whether a piece of feedback was already taken up.
 */
import { CheckRunsSchema, type CheckRun, type PullNode } from '../github/queries.js'
import { findByFingerprint } from '../ledger/ops.js'
import type { Ledger, WorkItem } from '../ledger/schema.js'
import { sanitizeUntrusted } from '../util/untrusted.js'
import { oneLine } from '../util/text.js'
import type { RequestCounter } from './github-shared.js'
import { parsePullMarker } from './marker.js'
import type { DiscoveryContext, DiscoveryResult } from './source.js'
import type { PermissionLookup } from './trust.js'

/** The source name (also its candidates' `source`). */
export const PR_FEEDBACK_SOURCE = 'pr-feedback'

/** Check conclusions that mean "fix something" (cancelled and neutral do not). */
export const FAILING_CONCLUSIONS: ReadonlySet<string> = new Set(['failure', 'timed_out'])

/** Untrusted text kept per follow-up at most. */
export const EVIDENCE_MAX = 20_000

/** Identity of the item for one failing check on one commit of a PR. */
export function checkFingerprint(
  owner: string,
  repo: string,
  pull: number,
  name: string,
  sha: string
): string {
  return `check:${owner}/${repo}#${pull}/${name}@${sha}`
}

/** What a PR feedback scan works with. */
export interface FeedbackEnv {
  context: DiscoveryContext
  owner: string
  repo: string
  lookup: PermissionLookup
  result: DiscoveryResult
  counter: RequestCounter
}

/** The item a CCAL PR delivers: named by its marker, else the item that recorded the PR. */
export function parentItemOf(ledger: Ledger, pull: { number: number; body: string }): WorkItem | undefined {
  const marked = parsePullMarker(pull.body)
  const byMarker = marked ? ledger.items.get(marked) : undefined
  if (byMarker) return byMarker
  return [...ledger.items.values()].find(item => item.pr?.number === pull.number && item.parentId === null)
}

/**
 * When CCAL last pushed to a PR's branch: the newest successful result of the PR's items (the parent
 * and its follow-ups; a result is recorded right after the push), or the PR's creation.
 */
export function lastPushAt(
  ledger: Ledger,
  pull: { number: number; createdAt: string },
  parent: WorkItem
): number {
  const family = new Set(
    [...ledger.items.values()]
      .filter(item => item.id === parent.id || item.parentId === parent.id || item.pr?.number === pull.number)
      .map(item => item.id)
  )
  let latest = Date.parse(pull.createdAt)
  for (const result of ledger.results) {
    if (result.success && family.has(result.itemId)) latest = Math.max(latest, Date.parse(result.executedAt))
  }
  return latest
}

/** A known item for this fingerprint that is past pending: the feedback was already taken up. */
export function alreadyHandled(ledger: Ledger, fingerprint: string): WorkItem | undefined {
  const known = findByFingerprint(ledger, fingerprint)
  return known && known.status !== 'pending' ? known : undefined
}

/** Follow-ups go ahead of new work: one step more urgent than the item they continue. */
export function followUpPriority(parent: WorkItem): number {
  return Math.max(1, parent.priority - 1)
}

/** Failing checks at the PR's head commit become `ci_failure` items for the same branch. */
export async function failingChecks(pull: PullNode, parent: WorkItem, env: FeedbackEnv): Promise<void> {
  const { github, trigger } = env.context
  let runs: CheckRun[]
  if (trigger.kind === 'check_run') {
    // The event names the one check; the PR query already said which commit is the head.
    const run = trigger.checkRun
    runs = [
      { id: run.id, name: run.name, head_sha: run.headSha, status: 'completed', conclusion: run.conclusion }
    ]
  } else if (pull.headChecks !== undefined) {
    // The PR query brought them (the head commit's check rollup): no request of their own.
    runs = pull.headChecks
  } else {
    env.counter.count += 1
    const response = await github!.rest.rest.checks.listForRef({
      owner: env.owner,
      repo: env.repo,
      ref: pull.headRefOid,
      filter: 'latest',
      per_page: 100
    })
    runs = CheckRunsSchema.parse(response.data).check_runs
  }
  for (const run of runs) {
    if (run.head_sha !== pull.headRefOid || !FAILING_CONCLUSIONS.has(run.conclusion ?? '')) continue
    const fingerprint = checkFingerprint(env.owner, env.repo, pull.number, run.name, run.head_sha)
    const what = `check '${oneLine(run.name, 60)}' on PR #${pull.number}`
    const handled = alreadyHandled(env.context.ledger, fingerprint)
    if (handled) {
      env.result.skipped.push({ what, reason: `already taken up by item ${handled.id} (${handled.status})` })
      continue
    }
    const output = [run.output?.title, run.output?.summary].filter(Boolean).join('\n\n')
    env.result.candidates.push({
      fingerprint,
      type: 'ci_failure',
      source: PR_FEEDBACK_SOURCE,
      title: `Fix failing check '${oneLine(sanitizeUntrusted(run.name), 60)}' on PR #${pull.number}`,
      description:
        `The check '${oneLine(sanitizeUntrusted(run.name), 120)}' ${run.conclusion} on commit ${run.head_sha} of CCAL's pull ` +
        `request #${pull.number} (branch '${pull.headRefName}'), which delivers item ${parent.id}. Push a fix to the same branch.`,
      untrusted: output ? { evidence: sanitizeUntrusted(output, { maxLength: EVIDENCE_MAX }) } : null,
      priority: followUpPriority(parent),
      parentId: parent.id,
      context: {
        prNumber: pull.number,
        branch: pull.headRefName,
        commitSha: run.head_sha,
        jobName: run.name,
        checkRunId: run.id,
        conclusion: run.conclusion ?? 'unknown',
        ...(run.html_url ? { url: run.html_url } : { url: pull.url }),
        trust: "trusted: a check on CCAL's own pull request",
        priorityReason: `follow-up of item ${parent.id} (priority ${parent.priority}) → ${followUpPriority(parent)}`
      }
    })
  }
}
