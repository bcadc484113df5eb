/**
 * The tracking comment: one comment per item on the conversation people watch (the item's issue,
 * or the pull request a review or check follow-up belongs to), edited in place as the item moves —
 * picked, working, and how it ended: the pull request, or why not and what a person can do.
 * The body is built here (pure); {@link postTracking} creates or edits it.
 */
import type { GitHubClient } from '../github/client.js'
import { createCommentOnce, findComment } from './pulls.js'
import type { WorkItem } from '../ledger/schema.js'
import { errorMessage, httpStatus } from '../util/errors.js'
import { neutralizeForGitHub } from '../util/untrusted.js'

/** Where an item's tracking comment lives: an issue or pull request number. */
export function trackingTarget(item: Pick<WorkItem, 'type' | 'context' | 'parentId'>): number | undefined {
  const { issueNumber, prNumber } = item.context
  if (item.type === 'issue' && typeof issueNumber === 'number') return issueNumber
  if (item.parentId !== null && typeof prNumber === 'number') return prNumber
  return undefined
}

/** Where the item stands, as the tracking comment tells it. */
export type TrackingState =
  | { kind: 'working'; attempt: number; maxAttempts: number }
  | {
      kind: 'pr_opened' | 'pr_updated'
      pr: { number: number; url: string }
      summary: string
      turns: number
      costUsd: number
    }
  | { kind: 'no_change'; summary: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string; final: boolean; attempt: number; maxAttempts: number }
  | { kind: 'deferred'; reason: string }
  | { kind: 'budget_stopped'; reason: string }
  | { kind: 'outage'; reason: string }
  /** Refused by the account's usage limit: `until` says when model work goes on, in people's words. */
  | { kind: 'usage_limit'; until: string; resetsAt: string; reason: string }

/** The hidden line that names the item a tracking comment follows. */
export function formatTrackingMarker(itemId: string): string {
  if (!/^[0-9a-f]{8,64}$/.test(itemId)) throw new RangeError(`not an item id: '${itemId}'`)
  return `<!-- ccal:tracking=${itemId} -->`
}

/** Text from the agent or an error, quoted safely: one paragraph, no pings, bounded. */
function quoted(text: string, max = 600): string {
  return neutralizeForGitHub(text.split(/\n\s*\n/)[0] ?? '', { maxLength: max }).trim()
}

const RETRY_HINT =
  'A person with write access can comment `/ccal retry` to try again, or `/ccal skip` to drop it.'

/** The headline and what follows, per state. */
function stateLines(state: TrackingState): string[] {
  switch (state.kind) {
    case 'working':
      return [
        `⏳ **Working on it** (attempt ${state.attempt} of ${state.maxAttempts}).`,
        '',
        'This comment is updated when the attempt ends.'
      ]
    case 'pr_opened':
    case 'pr_updated': {
      const cost = `_${state.turns} agent turn${state.turns === 1 ? '' : 's'}, $${state.costUsd.toFixed(2)}._`
      const headline =
        state.kind === 'pr_opened'
          ? `✅ **CCAL opened #${state.pr.number}**: ${state.pr.url}`
          : `✅ **CCAL updated #${state.pr.number}**: ${state.pr.url}`
      return [headline, '', quoted(state.summary), '', cost]
    }
    case 'no_change':
      return [
        'ℹ️ **No change made**: the agent found nothing to change.',
        '',
        quoted(state.summary),
        '',
        `It now waits for a person. ${RETRY_HINT}`
      ]
    case 'blocked':
      return [
        '⛔ **Blocked by the safety gate**: the change touched what CCAL may not change.',
        '',
        quoted(state.reason),
        '',
        `It now waits for a person. ${RETRY_HINT}`
      ]
    case 'failed':
      return state.final
        ? [
            `❌ **Failed** (attempt ${state.attempt} of ${state.maxAttempts}); CCAL will not try again on its own.`,
            '',
            quoted(state.reason),
            '',
            RETRY_HINT
          ]
        : [
            `⚠️ **Attempt ${state.attempt} of ${state.maxAttempts} failed**; CCAL tries again in a later run.`,
            '',
            quoted(state.reason)
          ]
    case 'deferred':
      return ['⏸️ **Waiting**', '', quoted(state.reason)]
    case 'budget_stopped':
      return [
        '⏸️ **Stopped at the budget**; this does not count as an attempt. CCAL goes on when the budget allows.',
        '',
        quoted(state.reason)
      ]
    case 'outage':
      return [
        '⏸️ **The model API was unavailable**; this does not count as an attempt. CCAL tries again in a later run.',
        '',
        quoted(state.reason)
      ]
    case 'usage_limit':
      return [
        `⏸️ **Waiting for the usage limit to reset** at ${state.until}; this does not count as an attempt. CCAL starts no model work before then and takes the item up again after it.`,
        '',
        `Claude Code said: ${quoted(state.reason, 300)}`
      ]
  }
}

/** The tracking comment's body for an item in a state. */
export function trackingBody(input: {
  item: Pick<WorkItem, 'id' | 'generation'>
  state: TrackingState
  /** The workflow run acting on the item, when there is one. */
  runUrl?: string
  at: Date
}): string {
  const round = input.item.generation > 1 ? ` · round ${input.item.generation}` : ''
  const run = input.runUrl ? ` · [workflow run](${input.runUrl})` : ''
  return [
    ...stateLines(input.state),
    '',
    `<sub>CCAL · item \`${input.item.id}\`${round} · ${input.at.toISOString().slice(0, 16).replace('T', ' ')} UTC${run}</sub>`,
    '',
    formatTrackingMarker(input.item.id)
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
}

/** Which answer a create-or-edit got. */
export interface TrackingWrite {
  commentId: number
  created: boolean
}

function isNotFound(error: unknown): boolean {
  return httpStatus(error) === 404
}

/**
 * Edits the item's tracking comment, or creates it when there is none yet (or it was deleted).
 * Returns its id, to be kept in the ledger.
 */
export async function postTracking(
  client: GitHubClient,
  target: number,
  commentId: number | undefined,
  body: string,
  /** Look for a comment carrying the item's marker first, among those since this time. */
  lookSince?: { itemId: string; since: string }
): Promise<TrackingWrite> {
  const where = { owner: client.owner, repo: client.repo }
  if (commentId === undefined && lookSince) commentId = await findTrackingComment(client, target, lookSince)
  if (commentId !== undefined) {
    try {
      await client.rest.rest.issues.updateComment({ ...where, comment_id: commentId, body })
      return { commentId, created: false }
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  }
  const made = await createCommentOnce(client, target, body)
  return { commentId: made.id, created: true }
}

/**
 * The item's tracking comment on `target`, by its marker: a run killed between creating it and
 * recording it left no id in the ledger. The marker is hidden text anyone could copy, so only a
 * bot's comment counts (CCAL posts as github-actions[bot] or its App): a person's is never edited.
 * With a personal token nothing is found, and the rare crash leaves a second comment.
 */
async function findTrackingComment(
  client: GitHubClient,
  target: number,
  look: { itemId: string; since: string }
): Promise<number | undefined> {
  const marker = formatTrackingMarker(look.itemId)
  const found = await findComment(
    client,
    target,
    look.since,
    comment => comment.body?.includes(marker) === true && comment.user?.type === 'Bot'
  )
  return found?.id
}

/** What the tracker needs from the cycle. */
export interface TrackerDeps {
  github?: GitHubClient
  runUrl?: string
  now: () => Date
  warn: (message: string) => void
  /**
   * Keeps the comment id and the state's key on the item (a ledger write), when they changed; a
   * state that could not be written is kept as {@link OWED_STATE}, for a later cycle to write.
   */
  remember: (itemId: string, note: { commentId?: number; state: string }) => Promise<void>
}

/** A short key of a state: the same key twice in a row is not written again (no edit per cycle). */
export function stateKey(state: TrackingState): string {
  switch (state.kind) {
    case 'working':
      return `working:${state.attempt}`
    case 'pr_opened':
    case 'pr_updated':
      return `${state.kind}:${state.pr.number}`
    case 'failed':
      return `failed:${state.attempt}:${state.final}`
    case 'deferred':
      return `deferred:${state.reason.split(':')[0]}`
    case 'usage_limit':
      return `usage_limit:${state.resetsAt}`
    default:
      return state.kind
  }
}

/** The state of a tracking comment a write to GitHub failed to bring up to date. */
export const OWED_STATE = 'owed'

/**
 * True when the item's pull request is open but its tracking comment does not say so: the run that
 * opened it was killed before the comment, or GitHub refused the comment. Only items whose comment
 * CCAL began (a state is recorded) qualify, so nothing is posted for items older than the comment.
 */
export function owesPullNotice(item: WorkItem): boolean {
  const state = item.context.trackingState
  return (
    item.status === 'pr_open' &&
    item.pr !== null &&
    trackingTarget(item) !== undefined &&
    typeof state === 'string' &&
    state !== `pr_opened:${item.pr.number}` &&
    state !== `pr_updated:${item.pr.number}`
  )
}

/** Keeps items' tracking comments; failures are warnings, never an item's failure. */
export interface Tracker {
  /**
   * Shows `state` on the item's comment. Updates of one item are written in the order asked, so a
   * caller need not wait for one (the agent does not wait for "working") before asking the next.
   */
  update(item: WorkItem, state: TrackingState): Promise<void>
  /** Resolves once every update asked for the item so far is written. */
  settled(itemId: string): Promise<void>
}

/** The tracker of one cycle. */
export function createTracker(deps: TrackerDeps): Tracker {
  // What this cycle wrote, ahead of the ledger copy the caller holds (writes land in the background).
  const written = new Map<string, { commentId: number; state: string }>()
  const queues = new Map<string, Promise<void>>()
  const write = async (item: WorkItem, state: TrackingState): Promise<void> => {
    const target = trackingTarget(item)
    if (!deps.github || target === undefined) return
    const key = stateKey(state)
    const mine = written.get(item.id)
    const known = mine?.commentId ?? item.context.trackingCommentId
    const shown = mine?.state ?? item.context.trackingState
    if (shown === key && typeof known === 'number') return
    const body = trackingBody({
      item,
      state,
      at: deps.now(),
      ...(deps.runUrl ? { runUrl: deps.runUrl } : {})
    })
    try {
      // A later attempt may follow a run killed before it kept the comment's id: look for it first.
      const posted = await postTracking(
        deps.github,
        target,
        typeof known === 'number' ? known : undefined,
        body,
        item.attempts > 1 ? { itemId: item.id, since: item.createdAt } : undefined
      )
      const note = { commentId: posted.commentId, state: key }
      written.set(item.id, note)
      await deps.remember(item.id, note)
    } catch (error) {
      deps.warn(`could not update the tracking comment of ${item.id} on #${target}: ${errorMessage(error)}`)
      // Kept so that a later cycle writes what this one could not (an opened PR, above all).
      await deps
        .remember(item.id, { ...(typeof known === 'number' ? { commentId: known } : {}), state: OWED_STATE })
        .catch(() => undefined)
    }
  }
  return {
    update(item, state) {
      const next = (queues.get(item.id) ?? Promise.resolve()).then(() => write(item, state))
      queues.set(item.id, next)
      return next
    },
    settled: itemId => queues.get(itemId) ?? Promise.resolve()
  }
}
