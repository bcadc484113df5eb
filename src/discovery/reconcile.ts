/**
 * Reconciliation of CCAL's pull requests with the ledger (DESIGN.md §2 step 6): a merged PR completes
 * its item (accepted), one closed without merging marks it `rejected` — never retried unless a
 * trusted person asks (`/ccal retry` or re-labelling, see issues.ts). Follow-ups still waiting for a
 * PR that is gone are dismissed.
 *
 * A `pull_request` (closed) event is settled from its payload, without requests; every other trigger
 * asks GitHub about the PRs the ledger has open, up to 50 in one aliased GraphQL query.
 */
import {
  PULL_STATES_BATCH,
  pullStatesQuery,
  PullStateSchema,
  PullStatesQuerySchema,
  type PullState
} from '../github/queries.js'
import { createPermissionCache } from '../github/permissions.js'
import { addWords, combine, transition, type LedgerOp } from '../ledger/ops.js'
import type { HumanWords, ItemStatus, Ledger, WorkItem } from '../ledger/schema.js'
import type { Settings } from '../config/schema.js'
import { sanitizeUntrusted } from '../util/untrusted.js'
import { runQuery, trustActor, type RequestCounter } from './github-shared.js'
import { judgeActor, type PermissionLookup } from './trust.js'
import { parsePullMarker } from './marker.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource, Skipped } from './source.js'

/** The source name. */
export const RECONCILE_SOURCE = 'pr-reconcile'

/** What reconciliation needs to know about a pull request. */
export interface PullOutcome {
  number: number
  headRef: string
  body: string
  merged: boolean
  closed: boolean
  /** What trusted people said on it (read for a pull request closed unmerged). */
  words?: readonly HumanWords[]
}

/**
 * True when an item's pull request may still get a verdict to record: its PR is open as far as the
 * ledger knows, or a later attempt left it waiting (pending, needs a human, failed) with the PR still
 * there. An item being worked on is settled once its run lets go of it.
 */
export function awaitsVerdict(item: WorkItem): boolean {
  return item.pr !== null && ['pr_open', 'pending', 'needs_human', 'failed'].includes(item.status)
}

/** Follow-ups that are waiting for a PR (not being worked on) are dismissed when it goes away. */
const WAITING: readonly ItemStatus[] = ['pending', 'needs_human']

/** Moves an item with an open PR to completed (merged) or rejected (closed), if it is still in that state. */
export function settlePullOp(
  itemId: string,
  prNumber: number,
  merged: boolean,
  words: readonly HumanWords[] = []
): LedgerOp {
  return (ledger, context) => {
    const item = ledger.items.get(itemId)
    if (!item || !awaitsVerdict(item) || item.pr?.number !== prNumber)
      return { ledger, description: `${itemId}: PR #${prNumber} already settled` }
    const reason = merged ? `PR #${prNumber} merged (accepted)` : `PR #${prNumber} closed without merging`
    // The verdict is a person's (a merge or a close), whatever CCAL made of the item meanwhile.
    const settle = transition(itemId, merged ? 'completed' : 'rejected', { reason, actor: 'human' })
    if (merged || words.length === 0) return settle(ledger, context)
    return combine([settle, addWords(itemId, words)], `${itemId}: ${reason}, with what people said`)(
      ledger,
      context
    )
  }
}

/** Comments and reviews taken as the reason for a close, at most. */
const CLOSING_COMMENTS = 2

/**
 * What trusted people other than the pull request's author (CCAL itself) said last on it: the last
 * comments and the last review with text, sanitized, oldest first.
 */
export async function closingWords(
  state: PullState,
  trust: Settings['trust'],
  lookup: PermissionLookup
): Promise<HumanWords[]> {
  const opener = state.author?.login.toLowerCase()
  const byOthers = (login: string | undefined) => login !== undefined && login.toLowerCase() !== opener
  const said: Array<Omit<HumanWords, 'author'> & { actor: ReturnType<typeof trustActor> }> = []
  const comments = (state.comments?.nodes ?? []).filter(
    comment => comment.body.trim() && byOthers(comment.author?.login)
  )
  for (const comment of comments.slice(-CLOSING_COMMENTS))
    said.push({
      actor: trustActor(comment.author),
      kind: 'comment',
      pr: state.number,
      at: comment.createdAt,
      body: comment.body
    })
  const review = (state.reviews?.nodes ?? [])
    .filter(node => node.body.trim() && node.submittedAt && byOthers(node.author?.login))
    .at(-1)
  if (review)
    said.push({
      actor: trustActor(review.author),
      kind: 'review',
      pr: state.number,
      at: review.submittedAt!,
      body: `(${review.state.toLowerCase().replace(/_/g, ' ')}) ${review.body}`
    })
  const words: HumanWords[] = []
  for (const entry of said) {
    const decision = await judgeActor(entry.actor, trust, lookup, entry.kind)
    if (!decision.trusted) continue
    words.push({
      author: decision.actor,
      kind: entry.kind,
      pr: entry.pr,
      at: entry.at,
      body: sanitizeUntrusted(entry.body, { maxLength: 4000 })
    })
  }
  return words.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

/** Dismisses a follow-up that can no longer be pushed anywhere because its PR is closed. */
export function dismissFollowUpOp(itemId: string, prNumber: number): LedgerOp {
  return (ledger, context) => {
    const item = ledger.items.get(itemId)
    if (!item || !WAITING.includes(item.status))
      return { ledger, description: `${itemId}: follow-up of PR #${prNumber} not waiting` }
    return transition(itemId, 'dismissed', { reason: `PR #${prNumber} is closed` })(ledger, context)
  }
}

/** Items that delivered a PR and are waiting on its outcome. */
function boundItems(ledger: Ledger, pull: PullOutcome): WorkItem[] {
  const marked = parsePullMarker(pull.body)
  return [...ledger.items.values()].filter(
    item =>
      awaitsVerdict(item) &&
      item.pr?.number === pull.number &&
      (item.pr.branch === pull.headRef || item.id === marked)
  )
}

/** Follow-up items (review feedback, failing checks) of a PR. */
function followUps(ledger: Ledger, pull: PullOutcome, parents: readonly WorkItem[]): WorkItem[] {
  const parentIds = new Set(parents.map(item => item.id))
  const marked = parsePullMarker(pull.body)
  if (marked) parentIds.add(marked)
  return [...ledger.items.values()].filter(
    item =>
      item.parentId !== null &&
      parentIds.has(item.parentId) &&
      item.context.prNumber === pull.number &&
      WAITING.includes(item.status)
  )
}

/**
 * The operations that settle one pull request's outcome (pure): nothing while it is open; its items
 * completed or rejected and waiting follow-ups dismissed once it is closed.
 */
export function reconcilePull(ledger: Ledger, pull: PullOutcome): LedgerOp[] {
  if (!pull.closed && !pull.merged) return []
  const bound = boundItems(ledger, pull)
  return [
    ...bound.map(item => settlePullOp(item.id, pull.number, pull.merged, pull.words ?? [])),
    ...followUps(ledger, pull, bound).map(item => dismissFollowUpOp(item.id, pull.number))
  ]
}

/** The reconciliation source: runs on every trigger CCAL acts on. */
export function createReconcileSource(): DiscoverySource {
  return {
    name: RECONCILE_SOURCE,
    appliesTo: trigger => trigger.kind !== 'ignored',
    discover: reconcile
  }
}

async function reconcile(context: DiscoveryContext): Promise<DiscoveryResult> {
  const result: DiscoveryResult = {
    source: RECONCILE_SOURCE,
    candidates: [],
    skipped: [],
    ops: [],
    requests: 0
  }
  const { github, trigger, ledger, logger, settings } = context
  const permissions = github ? createPermissionCache(github) : undefined
  const lookup: PermissionLookup = async login => (permissions ? permissions.permissionOf(login) : 'none')
  const counter: RequestCounter = { count: 0 }
  const states = async (numbers: readonly number[]): Promise<Map<number, PullState | undefined>> => {
    const found = new Map<number, PullState | undefined>()
    for (let start = 0; start < numbers.length; start += PULL_STATES_BATCH) {
      const batch = numbers.slice(start, start + PULL_STATES_BATCH)
      const variables = Object.fromEntries(batch.map((number, index) => [`n${index}`, number]))
      const data = await runQuery(
        github!,
        pullStatesQuery(batch.length),
        variables,
        PullStatesQuerySchema,
        counter,
        { allowPartial: true }
      )
      batch.forEach((number, index) => {
        const parsed = PullStateSchema.safeParse(data.repository[`p${index}`])
        found.set(number, parsed.success ? parsed.data : undefined)
      })
    }
    return found
  }
  const outcomeOf = async (state: PullState): Promise<PullOutcome> => {
    const closedUnmerged = state.state !== 'OPEN' && !state.merged
    return {
      number: state.number,
      headRef: state.headRefName,
      body: state.body,
      merged: state.merged,
      closed: state.state !== 'OPEN',
      ...(closedUnmerged ? { words: await closingWords(state, settings.trust, lookup) } : {})
    }
  }
  const finish = (): DiscoveryResult => {
    result.requests = counter.count + (permissions?.requests ?? 0)
    for (const skipped of result.skipped)
      logger.warning(`${RECONCILE_SOURCE}: ${skipped.what}: ${skipped.reason}`)
    return result
  }

  if (trigger.kind === 'pull_request') {
    const pull: PullOutcome = {
      number: trigger.pull.number,
      headRef: trigger.pull.headRef,
      body: trigger.pull.body,
      merged: trigger.pull.merged,
      closed: trigger.pull.state === 'closed'
    }
    result.ops = reconcilePull(ledger, pull)
    if (result.ops.length === 0) {
      result.skipped.push({
        what: `PR #${pull.number}`,
        reason: 'no CCAL item is waiting on this pull request'
      })
      return result
    }
    // The payload has the verdict but not what people said around it: one query reads that.
    if (pull.closed && !pull.merged && github) {
      const state = (await states([pull.number])).get(pull.number)
      if (state) result.ops = reconcilePull(ledger, { ...pull, words: (await outcomeOf(state)).words ?? [] })
    }
    return finish()
  }
  const tracked = [
    ...new Set([...ledger.items.values()].filter(awaitsVerdict).map(item => item.pr!.number))
  ].sort((a, b) => a - b)
  if (tracked.length === 0) return result
  if (!github) {
    result.skipped.push({ what: `${tracked.length} open PRs`, reason: 'no GitHub client to check them' })
    return result
  }
  for (const [number, state] of await states(tracked)) {
    if (!state) {
      result.skipped.push(missing(number))
      continue
    }
    result.ops!.push(...reconcilePull(ledger, await outcomeOf(state)))
  }
  return finish()
}

function missing(number: number): Skipped {
  return { what: `PR #${number}`, reason: 'not found on GitHub (deleted or not accessible); left as it is' }
}
