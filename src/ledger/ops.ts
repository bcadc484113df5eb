/**
 * Pure ledger operations. Each operation is a plain function `(ledger, context) → { ledger,
 * description }`: it never touches git, the clock or randomness except through `context`, and
 * returns a new ledger that shares every unchanged item with the old one (the store writes only
 * the items whose object changed). The description is the first line of the commit message.
 *
 * The store may apply the same operation more than once (when another writer won the race it
 * re-applies it to the newer state), so an operation must be a function of its arguments and the
 * ledger it is given, nothing else.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import {
  BudgetReservationError,
  CcalError,
  IllegalTransitionError,
  LedgerConflictError,
  LedgerLookupError
} from '../util/errors.js'
import { oneLine } from '../util/text.js'
import { byUrgency } from './items.js'
import {
  ItemContextSchema,
  ItemTypeSchema,
  PatternsFileSchema,
  PullRequestRefSchema,
  UntrustedTextSchema,
  type ExecutionResult,
  type Generation,
  type GenerationEnding,
  type HumanWords,
  type ItemContext,
  type ItemEvent,
  type ItemStatus,
  type ItemType,
  type Ledger,
  type LearningPattern,
  type PullRequestRef,
  type ResultAggregate,
  type SystemState,
  type TokenUsage,
  type WorkItem
} from './schema.js'

/** What an operation may know about the world: the time and the run applying it. */
export interface OpContext {
  readonly now: Date
  readonly runId: string
  /** Limits from the settings (queue size, retention, attempts); operations fall back to the defaults. */
  readonly limits?: Partial<LedgerLimits>
}

/** An operation's outcome: the new ledger (the same object when nothing changed) and the commit line. */
export interface OpResult {
  readonly ledger: Ledger
  readonly description: string
}

/** A ledger operation. */
export type LedgerOp = (ledger: Ledger, context: OpContext) => OpResult

/** Limits the operations apply; every field has a default in {@link DEFAULT_LIMITS}. */
export interface LedgerLimits {
  /** Pending items beyond which new candidates are deferred (discovery will find them again). */
  readonly maxPending: number
  /** Results kept in results.json; older ones are folded into per-type aggregates. */
  readonly maxResults: number
  /** Results older than this are folded into aggregates too. */
  readonly maxResultAgeDays: number
  /** History events kept per item; older ones are counted in `historyDropped`. */
  readonly maxHistoryEvents: number
  /** Days of per-day spend kept in state.json. */
  readonly spendDays: number
  /** Attempts an item gets unless the candidate says otherwise. */
  readonly defaultMaxAttempts: number
}

/** Defaults for {@link LedgerLimits}. */
export const DEFAULT_LIMITS: LedgerLimits = {
  maxPending: 500,
  maxResults: 500,
  maxResultAgeDays: 90,
  maxHistoryEvents: 100,
  spendDays: 31,
  defaultMaxAttempts: 3
}

/** Who asks for a status change. Some moves (retrying something rejected) are a human's call only. */
export type Actor = 'ccal' | 'human'

/**
 * The transition table: `TRANSITIONS[from][to]` is the least privileged actor allowed to make the
 * move; a missing entry means the move is illegal.
 */
export const TRANSITIONS: Readonly<Record<ItemStatus, Partial<Record<ItemStatus, Actor>>>> = {
  pending: {
    in_progress: 'ccal',
    completed: 'ccal',
    needs_human: 'ccal',
    dismissed: 'ccal',
    rejected: 'human'
  },
  in_progress: {
    pending: 'ccal',
    pr_open: 'ccal',
    completed: 'ccal',
    failed: 'ccal',
    needs_human: 'ccal',
    dismissed: 'ccal'
  },
  // dismissed: the work of an open PR is gone from the base (fixed some other way).
  pr_open: {
    in_progress: 'ccal',
    completed: 'ccal',
    rejected: 'ccal',
    failed: 'ccal',
    needs_human: 'ccal',
    dismissed: 'ccal'
  },
  // A completed item whose fingerprint comes back is a regression and is reopened.
  completed: { pending: 'ccal' },
  // A merge or close of an item's pull request is a person's verdict, whatever the item's state.
  failed: { pending: 'human', dismissed: 'ccal', completed: 'human', rejected: 'human' },
  rejected: { pending: 'human', dismissed: 'ccal' },
  needs_human: { pending: 'human', completed: 'human', rejected: 'human', dismissed: 'ccal' },
  dismissed: { pending: 'human' }
}

/** True when `actor` may move an item from `from` to `to`. */
export function canTransition(from: ItemStatus, to: ItemStatus, actor: Actor): boolean {
  const needed = TRANSITIONS[from][to]
  return needed !== undefined && (needed === 'ccal' || actor === 'human')
}

// ---------------------------------------------------------------------------------------------
// Ids and lookups

const ID_LENGTH = 12

/**
 * The id of the item with this fingerprint: the first 12 hex characters of its SHA-256, extended
 * 4 characters at a time in the (unlikely) case another fingerprint already holds the shorter id.
 * Deriving ids from fingerprints makes two writers that find the same problem agree on its id.
 */
export function itemIdForFingerprint(ledger: Ledger, fingerprint: string): string {
  return idAmong(ledger.items, fingerprint)
}

/** {@link itemIdForFingerprint} among the items `items` can look up. */
function idAmong(items: { get(id: string): WorkItem | undefined }, fingerprint: string): string {
  const full = createHash('sha256').update(fingerprint).digest('hex')
  for (let length = ID_LENGTH; length <= full.length; length += 4) {
    const id = full.slice(0, length)
    const existing = items.get(id)
    if (!existing || existing.fingerprint === fingerprint) return id
  }
  throw new CcalError(`no free item id for fingerprint ${fingerprint}`)
}

/** The item with this fingerprint, if the ledger has one. */
export function findByFingerprint(ledger: Ledger, fingerprint: string): WorkItem | undefined {
  const item = ledger.items.get(itemIdForFingerprint(ledger, fingerprint))
  return item?.fingerprint === fingerprint ? item : undefined
}

/** The item whose id is `idOrPrefix` or uniquely starts with it (as git accepts short shas). */
export function resolveItemId(ledger: Ledger, idOrPrefix: string): string {
  if (ledger.items.get(idOrPrefix)) return idOrPrefix
  const matches = [...ledger.items.keys()].filter(id => id.startsWith(idOrPrefix))
  if (matches.length === 1) return matches[0]!
  if (matches.length > 1)
    throw new LedgerLookupError(`item id '${idOrPrefix}' is ambiguous: ${matches.slice(0, 5).join(', ')}…`)
  throw new LedgerLookupError(`no item '${idOrPrefix}' in the ledger`)
}

function requireItem(ledger: Ledger, id: string): WorkItem {
  const item = ledger.items.get(id)
  if (!item) throw new LedgerLookupError(`no item '${id}' in the ledger`)
  return item
}

// ---------------------------------------------------------------------------------------------
// Small building blocks

function putItems(ledger: Ledger, changed: readonly WorkItem[]): Ledger {
  if (changed.length === 0) return ledger
  return { ...ledger, items: ledger.items.with(changed) }
}

function event(
  context: OpContext,
  kind: ItemEvent['event'],
  fields: { from?: ItemStatus | null; to?: ItemStatus | null; detail?: string | null } = {}
): ItemEvent {
  return {
    at: context.now.toISOString(),
    event: kind,
    runId: context.runId,
    from: fields.from ?? null,
    to: fields.to ?? null,
    detail: fields.detail ?? null
  }
}

function withEvent(item: WorkItem, entry: ItemEvent, limits: LedgerLimits): WorkItem {
  const history = [...item.history, entry]
  const excess = Math.max(0, history.length - limits.maxHistoryEvents)
  return {
    ...item,
    history: excess > 0 ? history.slice(excess) : history,
    historyDropped: item.historyDropped + excess,
    updatedAt: entry.at
  }
}

/** Moves an item to `to`, checking the table and recording the change in its history. */
function moveItem(
  item: WorkItem,
  to: ItemStatus,
  actor: Actor,
  context: OpContext,
  limits: LedgerLimits,
  detail: string | null = null
): WorkItem {
  if (item.status === to) return item
  if (!canTransition(item.status, to, actor))
    throw new IllegalTransitionError(item.id, item.status, to, actor)
  // A human sending an item back to the queue gives it a fresh set of attempts.
  const attempts = to === 'pending' && actor === 'human' ? 0 : item.attempts
  return withEvent(
    { ...item, status: to, attempts },
    event(context, 'status', { from: item.status, to, detail }),
    limits
  )
}

/** Earlier generations kept on an item (older ones live on in the branch's history). */
const MAX_GENERATIONS = 20
/** Words kept per generation, and the length of each. */
const MAX_WORDS = 6
const MAX_WORD_LENGTH = 4000

/** How an item's current generation ended, from the status it is leaving. */
function endingOf(item: WorkItem): GenerationEnding {
  switch (item.status) {
    case 'rejected':
      return 'closed'
    case 'completed':
      return item.pr ? 'merged' : 'completed'
    case 'failed':
    case 'needs_human':
    case 'dismissed':
      return item.status
    default:
      return 'failed'
  }
}

/**
 * True when asking for an item again must start its next generation: its round ended with a pull
 * request that is no longer open (merged or closed), or in success. Any other retry continues the
 * same round, with fresh attempts.
 */
export function startsNewGeneration(item: WorkItem): boolean {
  return (
    item.status === 'rejected' ||
    item.status === 'completed' ||
    (item.pr !== null && item.status !== 'pr_open')
  )
}

/** Words as the ledger keeps them: bounded in number and length, newest last. */
function keptWords(words: readonly HumanWords[]): HumanWords[] {
  return words.slice(-MAX_WORDS).map(word => ({ ...word, body: word.body.slice(0, MAX_WORD_LENGTH) }))
}

/**
 * Starts the item's next generation: the current one's pull request and the words said about it
 * move to `generations`; the next starts without a pull request, a session or used attempts, so it
 * is worked on a fresh branch from the base and delivered as a new pull request.
 */
function nextGeneration(
  item: WorkItem,
  ended: GenerationEnding,
  context: OpContext,
  limits: LedgerLimits,
  why: string
): WorkItem {
  const record: Generation = {
    generation: item.generation,
    pr: item.pr,
    ended,
    at: context.now.toISOString(),
    words: keptWords(item.words)
  }
  const earlier = item.pr
    ? ` after PR #${item.pr.number} (${ended})`
    : ` (generation ${item.generation} ${ended})`
  return withEvent(
    {
      ...item,
      generation: item.generation + 1,
      generations: [...item.generations, record].slice(-MAX_GENERATIONS),
      words: [],
      pr: null,
      sessionId: null,
      attempts: 0,
      lastError: null
    },
    event(context, 'generation', { detail: `generation ${item.generation + 1}: ${why}${earlier}` }),
    limits
  )
}

/** Statuses a person can ask to retry: the closed-out ones, and completed ones (to redo them). */
export const RETRYABLE_STATUSES: readonly ItemStatus[] = [
  'failed',
  'rejected',
  'dismissed',
  'needs_human',
  'completed'
]
/**
 * Statuses a person can skip (dismiss): items nobody is working on. An item with an open pull
 * request is skipped by closing it; one in progress belongs to the run holding its lease.
 */
export const SKIPPABLE_STATUSES: readonly ItemStatus[] = ['pending', 'failed', 'rejected', 'needs_human']

/**
 * A person asks for an item again (`/ccal retry`, re-labelling, `ccal ledger retry`): it goes back
 * to pending with fresh attempts — as its next generation when its last round ended with a pull
 * request or in success — and what they said is kept for the prompt.
 */
export function retryItem(
  itemId: string,
  request: { reason: string; words?: HumanWords },
  limits?: Partial<LedgerLimits>
): LedgerOp {
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const item = requireItem(ledger, itemId)
    const fresh = startsNewGeneration(item)
    const ended = endingOf(item)
    let moved = moveItem(item, 'pending', 'human', context, effective, request.reason)
    // Fresh attempts, as many as the settings give now (the store's limits), else as many as before.
    const maxAttempts = limits?.defaultMaxAttempts ?? context.limits?.defaultMaxAttempts ?? item.maxAttempts
    moved = { ...moved, lease: null, maxAttempts }
    if (fresh) moved = nextGeneration(moved, ended, context, effective, request.reason)
    if (request.words) moved = { ...moved, words: keptWords([...moved.words, request.words]) }
    return {
      ledger: putItems(ledger, [moved]),
      description: `${itemId}: ${item.status} → pending${fresh ? ` as generation ${moved.generation}` : ''} (${request.reason})`
    }
  }
}

/**
 * A person sets an item's priority (`/ccal priority N`, `ccal ledger priority`): it stays theirs,
 * whatever the source reports later.
 */
export function overridePriority(itemId: string, priority: number, reason: string): LedgerOp {
  return (ledger, context) => {
    const item = requireItem(ledger, itemId)
    const updated: WorkItem = {
      ...item,
      priority,
      context: { ...item.context, priorityOverride: priority },
      updatedAt: context.now.toISOString()
    }
    return {
      ledger: putItems(ledger, [updated]),
      description: `${itemId}: priority ${item.priority} → ${priority} (${reason})`
    }
  }
}

/** Keeps where an item's tracking comment is and which state it shows (see delivery/tracking.ts). */
export function recordTracking(itemId: string, note: { commentId?: number; state: string }): LedgerOp {
  return (ledger, context) => {
    const item = requireItem(ledger, itemId)
    const commentId = note.commentId ?? item.context.trackingCommentId
    if (item.context.trackingCommentId === commentId && item.context.trackingState === note.state)
      return { ledger, description: `${itemId}: tracking comment unchanged` }
    const updated: WorkItem = {
      ...item,
      context: {
        ...item.context,
        ...(commentId !== undefined ? { trackingCommentId: commentId } : {}),
        trackingState: note.state
      },
      updatedAt: context.now.toISOString()
    }
    return {
      ledger: putItems(ledger, [updated]),
      description: `${itemId}: tracking comment ${commentId ?? '(none yet)'} shows ${note.state}`
    }
  }
}

/** Keeps what trusted people said about an item's current generation (a closing comment, a review). */
export function addWords(itemId: string, words: readonly HumanWords[]): LedgerOp {
  return (ledger, context) => {
    const item = requireItem(ledger, itemId)
    const known = new Set(item.words.map(word => `${word.kind}:${word.author}:${word.at}`))
    const fresh = words.filter(word => !known.has(`${word.kind}:${word.author}:${word.at}`))
    if (fresh.length === 0) return { ledger, description: `${itemId}: no new words` }
    const updated: WorkItem = {
      ...item,
      words: keptWords([...item.words, ...fresh]),
      updatedAt: context.now.toISOString()
    }
    return {
      ledger: putItems(ledger, [updated]),
      description: `${itemId}: keep what ${[...new Set(fresh.map(word => `@${word.author}`))].join(', ')} said (${fresh.map(word => word.kind).join(', ')})`
    }
  }
}

/** The limits an operation applies: the defaults, then the store's (from settings), then its own. */
function withLimits(limits: Partial<LedgerLimits> | undefined, context: OpContext): LedgerLimits {
  return { ...DEFAULT_LIMITS, ...context.limits, ...limits }
}

/** The UTC calendar day of a moment, `YYYY-MM-DD`. */
export function utcDay(moment: Date): string {
  return moment.toISOString().slice(0, 10)
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function shortTitle(title: string): string {
  return oneLine(title, 60)
}

// ---------------------------------------------------------------------------------------------
// Discovery: candidates become items

/** What a discovery source reports; validated before it enters the ledger. */
export const CandidateSchema = z.strictObject({
  fingerprint: z.string().min(1),
  type: ItemTypeSchema,
  source: z.string().min(1),
  title: z.string().min(1),
  description: z.string().default(''),
  untrusted: UntrustedTextSchema.nullable().default(null),
  priority: z.number().int().min(1).max(5).default(3),
  context: ItemContextSchema.default({}),
  maxAttempts: z.number().int().positive().optional(),
  parentId: z.string().nullable().default(null)
})
/** A candidate as a source writes it (defaults may be omitted). */
export type CandidateInput = z.input<typeof CandidateSchema>
export type Candidate = z.output<typeof CandidateSchema>

function newItem(id: string, candidate: Candidate, context: OpContext, limits: LedgerLimits): WorkItem {
  const at = context.now.toISOString()
  return {
    id,
    fingerprint: candidate.fingerprint,
    type: candidate.type,
    source: candidate.source,
    title: candidate.title,
    description: candidate.description,
    untrusted: candidate.untrusted,
    priority: candidate.priority,
    status: 'pending',
    attempts: 0,
    maxAttempts: candidate.maxAttempts ?? limits.defaultMaxAttempts,
    lease: null,
    createdAt: at,
    updatedAt: at,
    lastSeenAt: at,
    occurrences: 1,
    regressions: 0,
    context: candidate.context,
    pr: null,
    sessionId: null,
    parentId: candidate.parentId,
    lastError: null,
    generation: 1,
    generations: [],
    words: [],
    history: [event(context, 'created', { to: 'pending', detail: `from ${candidate.source}` })],
    historyDropped: 0
  }
}

/** A known fingerprint seen again: count it, refresh the evidence, reopen it if it had been completed. */
function seenAgain(item: WorkItem, candidate: Candidate, context: OpContext, limits: LedgerLimits): WorkItem {
  // The source's view of the priority (labels, reactions, age) is current unless a person set one
  // with `/ccal priority N`; context keys the source does not report (command marks) are kept.
  const overridden = typeof item.context.priorityOverride === 'number'
  const refreshed: WorkItem = {
    ...item,
    occurrences: item.occurrences + 1,
    lastSeenAt: context.now.toISOString(),
    updatedAt: context.now.toISOString(),
    priority: overridden ? item.priority : candidate.priority,
    // The source's words are current: a batch with fewer findings left says so in its title.
    title: candidate.title,
    description: candidate.description,
    context: { ...item.context, ...candidate.context },
    untrusted: candidate.untrusted ?? item.untrusted
  }
  if (item.status !== 'completed') return refreshed
  const reopened = moveItem(
    refreshed,
    'pending',
    'ccal',
    context,
    limits,
    'regression: fingerprint found again'
  )
  const regressed = withEvent(
    { ...reopened, lease: null, regressions: item.regressions + 1 },
    event(context, 'regression', { detail: `occurrence ${refreshed.occurrences}` }),
    limits
  )
  return nextGeneration(regressed, item.pr ? 'merged' : 'completed', context, limits, 'regression')
}

/**
 * Merges discovered candidates: a known fingerprint updates its item (occurrences, evidence; a
 * completed one is reopened as a regression), an unknown one becomes a pending item unless the
 * pending queue is full, in which case it is deferred (counted, not stored: the source will report
 * it again). New candidates are admitted most urgent first.
 */
export function upsertCandidates(
  candidates: readonly CandidateInput[],
  limits?: Partial<LedgerLimits>
): LedgerOp {
  const parsed = candidates.map(candidate => CandidateSchema.parse(candidate))
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const changed = new Map<string, WorkItem>()
    const fresh: Candidate[] = []
    let seen = 0
    let regressions = 0
    for (const candidate of parsed) {
      const id = itemIdForFingerprint(ledger, candidate.fingerprint)
      const existing = changed.get(id) ?? ledger.items.get(id)
      if (existing) {
        const updated = seenAgain(existing, candidate, context, effective)
        if (existing.status === 'completed') regressions += 1
        else seen += 1
        changed.set(id, updated)
      } else {
        fresh.push(candidate)
      }
    }
    let pending = countStatus(ledger, 'pending') + regressions
    let created = 0
    let deferred = 0
    const byUrgency = [...fresh].sort((a, b) => a.priority - b.priority)
    // Ids of later candidates in the batch must see the items admitted before them.
    const admitted = new Map<string, WorkItem>()
    const lookup = { get: (id: string) => admitted.get(id) ?? ledger.items.get(id) }
    for (const candidate of byUrgency) {
      const id = idAmong(lookup, candidate.fingerprint)
      if (changed.has(id)) {
        // The same new fingerprint twice in one batch counts as two occurrences of one item.
        changed.set(id, seenAgain(changed.get(id)!, candidate, context, effective))
        seen += 1
        continue
      }
      if (pending >= effective.maxPending) {
        deferred += 1
        continue
      }
      const item = newItem(id, candidate, context, effective)
      changed.set(id, item)
      admitted.set(id, item)
      pending += 1
      created += 1
    }
    if (changed.size === 0 && deferred === 0) return { ledger, description: 'merge candidates: nothing new' }
    const totals = {
      ...ledger.state.totals,
      itemsCreated: ledger.state.totals.itemsCreated + created,
      regressions: ledger.state.totals.regressions + regressions,
      candidatesDeferred: ledger.state.totals.candidatesDeferred + deferred
    }
    const next = { ...putItems(ledger, [...changed.values()]), state: { ...ledger.state, totals } }
    if (parsed.length === 1 && changed.size === 1) {
      const item = [...changed.values()][0]!
      const what = created ? 'add' : regressions ? 'reopen regression' : 'seen again'
      return { ledger: next, description: `${what} ${item.type} ${item.id}: ${shortTitle(item.title)}` }
    }
    const parts = [`${created} new`, `${seen} seen again`]
    if (regressions) parts.push(plural(regressions, 'regression'))
    if (deferred) parts.push(`${deferred} deferred (queue full)`)
    return { ledger: next, description: `merge ${plural(parsed.length, 'candidate')}: ${parts.join(', ')}` }
  }
}

/** {@link upsertCandidates} for a single candidate. */
export function upsertCandidate(candidate: CandidateInput, limits?: Partial<LedgerLimits>): LedgerOp {
  return upsertCandidates([candidate], limits)
}

/** What a person asks for with `ccal ledger add`. */
export interface ManualItemInput {
  readonly title: string
  readonly type?: ItemType
  readonly priority?: number
  readonly description?: string
}

/**
 * Adds a work item a person asked for (source `manual`). `nonce` makes its fingerprint unique, so two
 * requests with the same title are two items; pass the same nonce when retrying the same request.
 * A person's request is never deferred by the queue limit.
 */
export function addManualItem(input: ManualItemInput, nonce: string): LedgerOp {
  return upsertCandidates(
    [
      {
        fingerprint: `manual:${nonce}`,
        type: input.type ?? 'manual',
        source: 'manual',
        title: input.title,
        description: input.description ?? '',
        priority: input.priority ?? 3
      }
    ],
    { maxPending: Number.POSITIVE_INFINITY }
  )
}

// ---------------------------------------------------------------------------------------------
// Leases

/**
 * Claims an item for `context.runId` until `now + ttlMs`: a pending (or pr_open, for a follow-up)
 * item moves to in_progress and uses one attempt; an item this run already holds is renewed; an
 * item held by another run whose lease has not expired, or (with `from`) one no longer in a status
 * the caller planned it from, is a {@link LedgerConflictError}.
 */
export function leaseItem(
  itemId: string,
  ttlMs: number,
  limits?: Partial<LedgerLimits>,
  budget?: BudgetRequest,
  from?: readonly ItemStatus[]
): LedgerOp {
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const item = requireItem(ledger, itemId)
    const until = new Date(context.now.getTime() + ttlMs).toISOString()
    if (item.lease && item.lease.runId === context.runId)
      return renewLease(itemId, ttlMs, limits)(ledger, context)
    if (item.lease && Date.parse(item.lease.until) > context.now.getTime()) {
      throw new LedgerConflictError(
        `item ${itemId} is leased by run ${item.lease.runId} until ${item.lease.until}`
      )
    }
    // The plan was made from an older ledger: another run may have worked the item since.
    if (from && !from.includes(item.status)) {
      throw new LedgerConflictError(
        `item ${itemId} is ${item.status} now, not ${from.join(' or ')} as planned (another run moved it)`
      )
    }
    const reservedUsd = budget ? reserve(ledger, itemId, budget, context) : undefined
    const taken =
      item.status === 'in_progress' ? item : moveItem(item, 'in_progress', 'ccal', context, effective)
    const reservation = reservedUsd === undefined ? '' : `, $${reservedUsd.toFixed(2)} reserved`
    const leased = withEvent(
      {
        ...taken,
        attempts: taken.attempts + 1,
        lease: {
          runId: context.runId,
          acquiredAt: context.now.toISOString(),
          until,
          ...(reservedUsd === undefined ? {} : { reservedUsd })
        }
      },
      event(context, 'leased', {
        detail: `attempt ${taken.attempts + 1} of ${taken.maxAttempts}, until ${until}${reservation}`
      }),
      effective
    )
    const totals = { ...ledger.state.totals, attempts: ledger.state.totals.attempts + 1 }
    return {
      ledger: { ...putItems(ledger, [leased]), state: { ...ledger.state, totals } },
      description: `lease ${itemId} to run ${context.runId} (attempt ${leased.attempts} of ${leased.maxAttempts}${reservation})`
    }
  }
}

/** What an item may spend at most, and the budgets its reservation must fit in. */
export interface BudgetRequest {
  /** The most the item may spend (its --max-budget-usd when the budgets leave that much). */
  capUsd: number
  /** Below this (the item's cost estimate) the item does not start. */
  minimumUsd: number
  runBudgetUsd: number
  dayBudgetUsd: number
}

/** Money set aside by live leases other than `itemId`'s: all of them, and this run's. */
export function reservedByOthers(
  ledger: Ledger,
  itemId: string,
  runId: string,
  now: Date
): { day: number; run: number } {
  let day = 0
  let run = 0
  for (const other of ledger.items.values()) {
    const lease = other.lease
    if (other.id === itemId || !lease?.reservedUsd || Date.parse(lease.until) <= now.getTime()) continue
    day += lease.reservedUsd
    if (lease.runId === runId) run += lease.reservedUsd
  }
  return { day, run }
}

/** Model spend recorded by the results of `runId`. */
export function spentByRun(ledger: Ledger, runId: string): number {
  return ledger.results
    .filter(result => result.runId === runId)
    .reduce((sum, result) => sum + result.costUsd, 0)
}

/**
 * The reservation for an item about to start: its cap, or what the budgets still leave after what
 * has been spent and what running items reserved — or a {@link BudgetReservationError} when that is
 * less than the item is expected to cost.
 */
function reserve(ledger: Ledger, itemId: string, budget: BudgetRequest, context: OpContext): number {
  const others = reservedByOthers(ledger, itemId, context.runId, context.now)
  const dayLeft = budget.dayBudgetUsd - spentToday(ledger, context.now) - others.day
  const runLeft = budget.runBudgetUsd - spentByRun(ledger, context.runId) - others.run
  const reserved = roundUsd(Math.max(0, Math.min(budget.capUsd, dayLeft, runLeft)))
  if (reserved <= 0 || reserved < Math.min(budget.minimumUsd, budget.capUsd)) {
    const which =
      dayLeft <= runLeft
        ? `the day budget ($${budget.dayBudgetUsd.toFixed(2)}) leaves $${Math.max(0, dayLeft).toFixed(2)} after today's spend and $${others.day.toFixed(2)} reserved by running items`
        : `the run budget ($${budget.runBudgetUsd.toFixed(2)}) leaves $${Math.max(0, runLeft).toFixed(2)} after this run's spend and $${others.run.toFixed(2)} reserved by its running items`
    throw new BudgetReservationError(`${which}; ${itemId} needs ~$${budget.minimumUsd.toFixed(2)}`)
  }
  return reserved
}

function requireOwnLease(item: WorkItem, context: OpContext): void {
  if (!item.lease || item.lease.runId !== context.runId) {
    const holder = item.lease ? `run ${item.lease.runId}` : 'nobody'
    throw new LedgerConflictError(`item ${item.id} is not leased by run ${context.runId} (held by ${holder})`)
  }
}

/** Extends this run's lease on an item to `now + ttlMs`. */
export function renewLease(itemId: string, ttlMs: number, limits?: Partial<LedgerLimits>): LedgerOp {
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const item = requireItem(ledger, itemId)
    requireOwnLease(item, context)
    const until = new Date(context.now.getTime() + ttlMs).toISOString()
    const renewed = withEvent(
      { ...item, lease: { ...item.lease!, until } },
      event(context, 'renewed', { detail: `until ${until}` }),
      effective
    )
    return {
      ledger: putItems(ledger, [renewed]),
      description: `renew lease on ${itemId} for run ${context.runId}`
    }
  }
}

/**
 * Gives up this run's lease without a result (e.g. the run is stopping). The item moves to `to`
 * (default back to pending).
 */
export function releaseLease(
  itemId: string,
  options: { to?: ItemStatus; reason?: string } = {},
  limits?: Partial<LedgerLimits>
): LedgerOp {
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const item = requireItem(ledger, itemId)
    requireOwnLease(item, context)
    const released = withEvent(
      { ...item, lease: null },
      event(context, 'released', { detail: options.reason ?? null }),
      effective
    )
    const moved = moveItem(
      released,
      options.to ?? 'pending',
      'ccal',
      context,
      effective,
      options.reason ?? null
    )
    return {
      ledger: putItems(ledger, [moved]),
      description: `release ${itemId} from run ${context.runId} → ${moved.status}${options.reason ? ` (${options.reason})` : ''}`
    }
  }
}

/**
 * Stores the Claude session of the run holding the item, as soon as it is known, so a run killed
 * mid-item can still be resumed by the next one.
 */
export function recordSessionId(itemId: string, sessionId: string): LedgerOp {
  return (ledger, context) => {
    const item = requireItem(ledger, itemId)
    if (item.sessionId === sessionId) return { ledger, description: `${itemId} session unchanged` }
    const updated: WorkItem = { ...item, sessionId, updatedAt: context.now.toISOString() }
    return { ledger: putItems(ledger, [updated]), description: `${itemId}: session ${sessionId}` }
  }
}

/**
 * Returns items whose lease has expired (a crashed or cancelled run) to pending — or to failed when
 * they have used all their attempts.
 */
export function reclaimExpiredLeases(limits?: Partial<LedgerLimits>): LedgerOp {
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const now = context.now.getTime()
    const reclaimed: WorkItem[] = []
    let charged = 0
    for (const item of ledger.items.values()) {
      if (!item.lease || Date.parse(item.lease.until) > now) continue
      const reserved = item.lease.reservedUsd
      const expired = withEvent(
        { ...item, lease: null },
        event(context, 'expired', {
          detail: `lease of run ${item.lease.runId} expired at ${item.lease.until}${reserved ? `; its $${reserved.toFixed(2)} reservation is counted as spent` : ''}`
        }),
        effective
      )
      const to: ItemStatus = item.attempts >= item.maxAttempts ? 'failed' : 'pending'
      // A run that died may have spent up to what it reserved: counted as spent, so that a killed
      // run's work cannot take the day past its budget unseen.
      charged += item.lease.reservedUsd ?? 0
      reclaimed.push(
        item.status === 'in_progress'
          ? moveItem(expired, to, 'ccal', context, effective, 'lease expired')
          : expired
      )
    }
    if (reclaimed.length === 0) return { ledger, description: 'reclaim expired leases: none' }
    const ids = reclaimed.map(item => item.id)
    const state: SystemState =
      charged > 0
        ? {
            ...ledger.state,
            dailySpendUsd: addSpend(
              ledger.state.dailySpendUsd,
              utcDay(context.now),
              charged,
              effective.spendDays
            )
          }
        : ledger.state
    return {
      ledger: { ...putItems(ledger, reclaimed), state },
      description: `reclaim ${plural(ids.length, 'expired lease')}: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Status changes and results

/** Moves an item to another status through the transition table (illegal moves throw). */
export function transition(
  itemId: string,
  to: ItemStatus,
  options: { actor?: Actor; reason?: string; pr?: PullRequestRef } = {},
  limits?: Partial<LedgerLimits>
): LedgerOp {
  const pr = options.pr ? PullRequestRefSchema.parse(options.pr) : undefined
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const item = requireItem(ledger, itemId)
    if (item.status === to && (!pr || item.pr?.number === pr.number)) {
      return { ledger, description: `${itemId} already ${to}` }
    }
    let moved = moveItem(item, to, options.actor ?? 'ccal', context, effective, options.reason ?? null)
    // Leaving in_progress by any route ends the lease.
    if (to !== 'in_progress' && moved.lease) moved = { ...moved, lease: null }
    if (pr) moved = { ...moved, pr }
    const why = options.reason ? ` (${options.reason})` : ''
    return { ledger: putItems(ledger, [moved]), description: `${itemId}: ${item.status} → ${to}${why}` }
  }
}

/** What the executor reports about one attempt; the store adds the item type, run and time. */
export interface ResultInput {
  readonly itemId: string
  readonly success: boolean
  readonly summary: string
  readonly error?: string | null
  readonly durationMs: number
  readonly turns: number
  readonly tokens?: Partial<TokenUsage>
  readonly costUsd: number
  readonly sessionId?: string | null
  readonly filesChanged?: readonly string[]
  readonly verify?: ExecutionResult['verify']
  /** The executor's reason code, when the agent ran. */
  readonly code?: string | null
  readonly deniedTools?: readonly string[]
}

/**
 * Records an attempt's result: appends it to results (folding old ones into aggregates), adds its
 * cost to today's budget and the totals, ends the run's lease and moves the item on. Without an
 * explicit `status`: success with a PR → pr_open, success without → completed, failure → pending
 * while attempts remain, else failed.
 */
export function recordResult(
  input: ResultInput,
  outcome: {
    status?: ItemStatus
    pr?: PullRequestRef
    /** The attempt ended for a reason of the run, not the item's (a budget stop): it is not counted. */
    notAnAttempt?: boolean
  } = {},
  limits?: Partial<LedgerLimits>
): LedgerOp {
  const pr = outcome.pr ? PullRequestRefSchema.parse(outcome.pr) : undefined
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const item = requireItem(ledger, input.itemId)
    const result: ExecutionResult = {
      itemId: item.id,
      itemType: item.type,
      runId: context.runId,
      success: input.success,
      summary: input.summary,
      error: input.error ?? null,
      durationMs: Math.max(0, Math.round(input.durationMs)),
      turns: input.turns,
      tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, ...input.tokens },
      costUsd: input.costUsd,
      sessionId: input.sessionId ?? null,
      filesChanged: [...(input.filesChanged ?? [])],
      verify: input.verify ?? 'not_run',
      code: input.code ?? null,
      deniedTools: [...(input.deniedTools ?? [])],
      executedAt: context.now.toISOString()
    }
    const withPr = pr ?? item.pr
    const attempts = outcome.notAnAttempt ? Math.max(0, item.attempts - 1) : item.attempts
    const to: ItemStatus =
      outcome.status ??
      (input.success
        ? withPr
          ? 'pr_open'
          : 'completed'
        : attempts >= item.maxAttempts
          ? 'failed'
          : 'pending')
    const recorded = withEvent(
      {
        ...item,
        attempts,
        lease: null,
        pr: withPr,
        sessionId: result.sessionId ?? item.sessionId,
        lastError: result.error
      },
      event(context, 'result', {
        detail: `${input.success ? 'success' : 'failure'}${outcome.notAnAttempt ? ' (not counted as an attempt)' : ''}: ${shortTitle(input.summary || result.error || '')}`
      }),
      effective
    )
    const moved = moveItem(recorded, to, 'ccal', context, effective)
    const tokens =
      result.tokens.input + result.tokens.output + result.tokens.cacheRead + result.tokens.cacheWrite
    const totals = ledger.state.totals
    const state: SystemState = {
      ...ledger.state,
      totals: {
        ...totals,
        successes: totals.successes + (result.success ? 1 : 0),
        failures: totals.failures + (result.success ? 0 : 1),
        costUsd: roundUsd(totals.costUsd + result.costUsd),
        tokens: totals.tokens + tokens,
        durationMs: totals.durationMs + result.durationMs
      },
      dailySpendUsd: addSpend(
        ledger.state.dailySpendUsd,
        utcDay(context.now),
        result.costUsd,
        effective.spendDays
      )
    }
    const appended: Ledger = { ...putItems(ledger, [moved]), state, results: [...ledger.results, result] }
    const folded = foldResults(appended, context.now, effective)
    const cost = result.costUsd > 0 ? `, $${result.costUsd.toFixed(2)}` : ''
    const prText = moved.pr && moved.status === 'pr_open' ? ` PR #${moved.pr.number}` : ''
    return {
      ledger: folded.ledger,
      description: `result ${item.id}: ${result.success ? 'success' : 'failure'} → ${moved.status}${prText} (${plural(result.turns, 'turn')}${cost})${folded.count ? `; fold ${plural(folded.count, 'old result')}` : ''}`
    }
  }
}

function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function addSpend(
  daily: Readonly<Record<string, number>>,
  day: string,
  costUsd: number,
  keepDays: number
): Record<string, number> {
  const next: Record<string, number> = { ...daily, [day]: roundUsd((daily[day] ?? 0) + costUsd) }
  const days = Object.keys(next).sort()
  for (const old of days.slice(0, Math.max(0, days.length - keepDays))) delete next[old]
  return next
}

/** Money spent on the UTC day of `now`, in USD. */
export function spentToday(ledger: Pick<Ledger, 'state'>, now: Date): number {
  return ledger.state.dailySpendUsd[utcDay(now)] ?? 0
}

/** Folds results beyond the retention limits into per-type aggregates; returns how many it folded. */
function foldResults(ledger: Ledger, now: Date, limits: LedgerLimits): { ledger: Ledger; count: number } {
  const oldest = now.getTime() - limits.maxResultAgeDays * 86_400_000
  const byAge = ledger.results.filter(result => Date.parse(result.executedAt) < oldest).length
  const overflow = Math.max(0, ledger.results.length - limits.maxResults)
  const count = Math.max(byAge, overflow)
  if (count === 0) return { ledger, count: 0 }
  const sorted = [...ledger.results].sort((a, b) => a.executedAt.localeCompare(b.executedAt))
  const aggregates = { ...ledger.state.aggregates }
  for (const result of sorted.slice(0, count))
    aggregates[result.itemType] = addToAggregate(aggregates[result.itemType], result)
  const state: SystemState = {
    ...ledger.state,
    aggregates,
    totals: { ...ledger.state.totals, resultsFolded: ledger.state.totals.resultsFolded + count }
  }
  return { ledger: { ...ledger, state, results: sorted.slice(count) }, count }
}

function addToAggregate(aggregate: ResultAggregate | undefined, result: ExecutionResult): ResultAggregate {
  const tokens =
    result.tokens.input + result.tokens.output + result.tokens.cacheRead + result.tokens.cacheWrite
  const base: ResultAggregate = aggregate ?? {
    results: 0,
    successes: 0,
    failures: 0,
    costUsd: 0,
    tokens: 0,
    turns: 0,
    durationMs: 0,
    firstAt: result.executedAt,
    lastAt: result.executedAt
  }
  return {
    results: base.results + 1,
    successes: base.successes + (result.success ? 1 : 0),
    failures: base.failures + (result.success ? 0 : 1),
    costUsd: roundUsd(base.costUsd + result.costUsd),
    tokens: base.tokens + tokens,
    turns: base.turns + result.turns,
    durationMs: base.durationMs + result.durationMs,
    firstAt: base.firstAt < result.executedAt ? base.firstAt : result.executedAt,
    lastAt: base.lastAt > result.executedAt ? base.lastAt : result.executedAt
  }
}

/** Applies the result retention limits on their own (recordResult already does after each result). */
export function pruneHistory(limits?: Partial<LedgerLimits>): LedgerOp {
  return (ledger, context) => {
    const effective = withLimits(limits, context)
    const folded = foldResults(ledger, context.now, effective)
    return {
      ledger: folded.ledger,
      description: folded.count
        ? `fold ${plural(folded.count, 'old result')} into aggregates`
        : 'fold old results: none'
    }
  }
}

// ---------------------------------------------------------------------------------------------
// System state and patterns

/** Counts a new cycle and remembers which run it was. */
export function beginCycle(): LedgerOp {
  return (ledger, context) => ({
    ledger: {
      ...ledger,
      state: {
        ...ledger.state,
        cycles: ledger.state.cycles + 1,
        lastCycleAt: context.now.toISOString(),
        lastRunId: context.runId
      }
    },
    description: `cycle ${ledger.state.cycles + 1} begins (run ${context.runId})`
  })
}

/** Stores a source's progress marker (log offset, last seen run id, …). */
export function setCursor(source: string, cursor: z.core.util.JSONType): LedgerOp {
  return ledger => {
    if (JSON.stringify(ledger.state.cursors[source]) === JSON.stringify(cursor)) {
      return { ledger, description: `cursor ${source} unchanged` }
    }
    return {
      ledger: {
        ...ledger,
        state: { ...ledger.state, cursors: { ...ledger.state.cursors, [source]: cursor } }
      },
      description: `cursor ${source} → ${shortTitle(JSON.stringify(cursor))}`
    }
  }
}

/** Records the hash of the settings the run used, so a change of configuration is visible in the log. */
export function setConfigHash(hash: string): LedgerOp {
  return ledger =>
    ledger.state.configHash === hash
      ? { ledger, description: 'config hash unchanged' }
      : {
          ledger: { ...ledger, state: { ...ledger.state, configHash: hash } },
          description: `config hash → ${hash.slice(0, 12)}`
        }
}

/** What the learning loop knows about a pattern; counters and timestamps are maintained here. */
export interface PatternInput {
  readonly id: string
  readonly trigger: LearningPattern['trigger']
  readonly approach: string
  readonly failedApproaches?: readonly string[]
  readonly confidence: number
}

/** Creates or updates a learning pattern (keyed by id), keeping its usage counters. */
export function upsertPattern(input: PatternInput): LedgerOp {
  return (ledger, context) => {
    const at = context.now.toISOString()
    const existing = ledger.patterns.find(pattern => pattern.id === input.id)
    const pattern: LearningPattern = {
      id: input.id,
      trigger: input.trigger,
      approach: input.approach,
      failedApproaches: [...(input.failedApproaches ?? existing?.failedApproaches ?? [])],
      confidence: input.confidence,
      usageCount: existing?.usageCount ?? 0,
      successCount: existing?.successCount ?? 0,
      successRate: existing?.successRate ?? 0,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at
    }
    const patterns = [...ledger.patterns.filter(other => other.id !== input.id), pattern].sort((a, b) =>
      a.id.localeCompare(b.id)
    )
    return {
      ledger: { ...ledger, patterns },
      description: `${existing ? 'update' : 'add'} pattern ${input.id}`
    }
  }
}

/**
 * Replaces all patterns with a recomputed set (the learning step derives them from the verdicts on
 * CCAL's pull requests); validated like every pattern the ledger stores.
 */
export function setPatterns(patterns: readonly LearningPattern[]): LedgerOp {
  const next = PatternsFileSchema.parse([...patterns].sort((a, b) => a.id.localeCompare(b.id)))
  return ledger => {
    if (JSON.stringify(ledger.patterns) === JSON.stringify(next)) {
      return { ledger, description: 'patterns unchanged' }
    }
    return { ledger: { ...ledger, patterns: next }, description: `patterns: ${next.length} learned` }
  }
}

/** Counts one use of a pattern and whether it worked. */
export function recordPatternUse(patternId: string, success: boolean): LedgerOp {
  return (ledger, context) => {
    const existing = ledger.patterns.find(pattern => pattern.id === patternId)
    if (!existing) throw new LedgerLookupError(`no pattern '${patternId}' in the ledger`)
    const usageCount = existing.usageCount + 1
    const successCount = existing.successCount + (success ? 1 : 0)
    const updated: LearningPattern = {
      ...existing,
      usageCount,
      successCount,
      successRate: successCount / usageCount,
      updatedAt: context.now.toISOString()
    }
    const patterns = ledger.patterns.map(pattern => (pattern.id === patternId ? updated : pattern))
    return {
      ledger: { ...ledger, patterns },
      description: `pattern ${patternId} used: ${success ? 'success' : 'failure'}`
    }
  }
}

/** Applies several operations as one commit; the description lists theirs unless one is given. */
export function combine(ops: readonly LedgerOp[], description?: string): LedgerOp {
  return (ledger, context) => {
    let current = ledger
    const lines: string[] = []
    for (const op of ops) {
      const result = op(current, context)
      if (result.ledger !== current) lines.push(result.description)
      current = result.ledger
    }
    return { ledger: current, description: description ?? (lines.join('; ') || 'no change') }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** The item's newest result that `which` accepts (results are kept oldest first). */
export function lastResult(
  ledger: Ledger,
  itemId: string,
  which: (result: ExecutionResult) => boolean = () => true
): ExecutionResult | undefined {
  for (let index = ledger.results.length - 1; index >= 0; index -= 1) {
    const result = ledger.results[index] as ExecutionResult
    if (result.itemId === itemId && which(result)) return result
  }
  return undefined
}

/** How many items have this status. */
export function countStatus(ledger: Ledger, status: ItemStatus): number {
  return ledger.items.count(status)
}

/** Items grouped by status, each group most urgent first, then oldest first. */
export function itemsByStatus(ledger: Ledger): Record<ItemStatus, WorkItem[]> {
  const groups: Record<ItemStatus, WorkItem[]> = {
    pending: [],
    in_progress: [],
    pr_open: [],
    completed: [],
    failed: [],
    rejected: [],
    needs_human: [],
    dismissed: []
  }
  for (const item of ledger.items.values()) groups[item.status].push(item)
  for (const group of Object.values(groups)) group.sort(byUrgency)
  return groups
}

/** Re-exported for callers that build contexts from source data. */
export type { ItemContext }
