/**
 * The ledger's data model, defined once: every TypeScript type of the ledger is inferred from these
 * zod schemas, and every file read from or written to the ledger branch is checked against them.
 *
 * Conventions: timestamps are ISO-8601 UTC strings (`Date#toISOString`); absent values are explicit
 * `null` rather than missing keys, so a file always shows every field; objects are strict (an
 * unknown key is reported, never silently dropped on the next write) except `context`, which sources
 * extend with their own JSON.
 */
import { z } from 'zod'
import { Items } from './items.js'

/** The schema version this code writes. A ledger with a newer version is refused, an older one migrated. */
export const SCHEMA_VERSION = 2

/** Where work items come from. */
export const ITEM_TYPES = [
  'issue',
  'ci_failure',
  'lint',
  'coverage',
  'review_feedback',
  'error_log',
  'manual'
] as const
export const ItemTypeSchema = z.enum(ITEM_TYPES)
export type ItemType = z.infer<typeof ItemTypeSchema>

/**
 * Lifecycle of a work item: `pending` → `in_progress` → `pr_open` → `completed` | `failed` |
 * `rejected` (PR closed unmerged; never retried unless a human asks) | `needs_human` | `dismissed`.
 * The allowed moves are the table in ops.ts.
 */
export const ITEM_STATUSES = [
  'pending',
  'in_progress',
  'pr_open',
  'completed',
  'failed',
  'rejected',
  'needs_human',
  'dismissed'
] as const
export const ItemStatusSchema = z.enum(ITEM_STATUSES)
export type ItemStatus = z.infer<typeof ItemStatusSchema>

/** An ISO-8601 UTC timestamp. */
export const TimestampSchema = z.iso.datetime()

/** Item ids: lowercase hex, file- and URL-safe; see `itemIdForFingerprint` in ops.ts. */
export const ItemIdSchema = z.string().regex(/^[0-9a-f]{8,64}$/, 'expected lowercase hex, 8 to 64 characters')

/** A run's claim on an item; expired leases are reclaimed by the next cycle. */
export const LeaseSchema = z.strictObject({
  runId: z.string().min(1),
  acquiredAt: TimestampSchema,
  until: TimestampSchema,
  /**
   * Spend set aside for the item from the run and day budgets while it runs (its --max-budget-usd),
   * so that items running at once, in one run or across runners, never pass the budgets together.
   */
  reservedUsd: z.number().nonnegative().optional()
})
export type Lease = z.infer<typeof LeaseSchema>

/** The pull request CCAL opened for an item. */
export const PullRequestRefSchema = z.strictObject({
  number: z.number().int().positive(),
  url: z.string().min(1),
  branch: z.string().min(1)
})
export type PullRequestRef = z.infer<typeof PullRequestRefSchema>

/**
 * Where the work is, as found by the source. Known keys are typed; a source may add its own
 * JSON-valued keys.
 */
export const ItemContextSchema = z
  .object({
    file: z.string().optional(),
    line: z.number().int().nonnegative().optional(),
    column: z.number().int().nonnegative().optional(),
    rule: z.string().optional(),
    errorSignature: z.string().optional(),
    logExcerpt: z.string().optional(),
    issueNumber: z.number().int().positive().optional(),
    prNumber: z.number().int().positive().optional(),
    workflowRunId: z.number().int().nonnegative().optional(),
    jobName: z.string().optional(),
    commitSha: z.string().optional(),
    url: z.string().optional()
  })
  .catchall(z.json())
export type ItemContext = z.infer<typeof ItemContextSchema>

/**
 * Text that came from outside (issue bodies, comments, log lines). Kept apart from CCAL's own
 * `title`/`description` so that prompt building always fences it as data.
 */
export const UntrustedTextSchema = z.strictObject({
  title: z.string().optional(),
  body: z.string().optional(),
  evidence: z.string().optional()
})
export type UntrustedText = z.infer<typeof UntrustedTextSchema>

/**
 * What a trusted person said about an item's work: the comments and review around a pull request's
 * close, the comment asking for a retry. Untrusted text: prompts fence it as data.
 */
export const HUMAN_WORD_KINDS = ['comment', 'review', 'retry'] as const
export const HumanWordsSchema = z.strictObject({
  author: z.string().min(1),
  kind: z.enum(HUMAN_WORD_KINDS),
  /** The pull request it was written on, when it was. */
  pr: z.number().int().positive().nullable(),
  at: TimestampSchema,
  body: z.string()
})
export type HumanWords = z.infer<typeof HumanWordsSchema>

/** How an earlier generation of an item ended. */
export const GENERATION_ENDINGS = [
  'merged',
  'closed',
  'completed',
  'failed',
  'needs_human',
  'dismissed'
] as const
export type GenerationEnding = (typeof GENERATION_ENDINGS)[number]

/** An earlier generation of an item: its pull request, how it ended and what people said about it. */
export const GenerationSchema = z.strictObject({
  generation: z.number().int().positive(),
  pr: PullRequestRefSchema.nullable(),
  ended: z.enum(GENERATION_ENDINGS),
  at: TimestampSchema,
  words: z.array(HumanWordsSchema)
})
export type Generation = z.infer<typeof GenerationSchema>

/** Kinds of entries in an item's history. */
export const ITEM_EVENTS = [
  'created',
  'seen',
  'regression',
  'generation',
  'leased',
  'renewed',
  'released',
  'expired',
  'status',
  'result'
] as const
export const ItemEventSchema = z.strictObject({
  at: TimestampSchema,
  event: z.enum(ITEM_EVENTS),
  runId: z.string().nullable(),
  from: ItemStatusSchema.nullable(),
  to: ItemStatusSchema.nullable(),
  detail: z.string().nullable()
})
export type ItemEvent = z.infer<typeof ItemEventSchema>

/** One unit of work CCAL may do, stored as `items/<id[0..2]>/<id>.json`. */
export const WorkItemSchema = z.strictObject({
  id: ItemIdSchema,
  /** Stable identity from the source: the same problem found again has the same fingerprint. */
  fingerprint: z.string().min(1),
  type: ItemTypeSchema,
  /** Which source produced it (`github-issues`, `ci-logs`, `manual`, …). */
  source: z.string().min(1),
  /** CCAL's own one-line summary. */
  title: z.string().min(1),
  /** CCAL's own description of the work. */
  description: z.string(),
  untrusted: UntrustedTextSchema.nullable(),
  /** 1 is the most urgent, 5 the least. */
  priority: z.number().int().min(1).max(5),
  status: ItemStatusSchema,
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  lease: LeaseSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
  /** How many times discovery has reported this fingerprint. */
  occurrences: z.number().int().positive(),
  /** How many times a completed item came back. */
  regressions: z.number().int().nonnegative(),
  context: ItemContextSchema,
  pr: PullRequestRefSchema.nullable(),
  /** Claude Code session to resume for follow-ups. */
  sessionId: z.string().nullable(),
  parentId: ItemIdSchema.nullable(),
  lastError: z.string().nullable(),
  /**
   * The item's round: 1 at first; a regression after a merge, or a retry after a human's no, starts
   * the next, on a fresh branch and a fresh session, with a new pull request.
   */
  generation: z.number().int().positive(),
  /** Earlier generations, oldest first. */
  generations: z.array(GenerationSchema),
  /** What trusted people said about this generation's work so far (newest last, bounded). */
  words: z.array(HumanWordsSchema),
  history: z.array(ItemEventSchema),
  /** Oldest history events removed to keep the file small (their commits remain in git history). */
  historyDropped: z.number().int().nonnegative()
})
export type WorkItem = z.infer<typeof WorkItemSchema>

/** What a listing shows of an item (`ccal status`, the summary file): one line's worth. */
export const ItemGlanceSchema = z.strictObject({
  id: ItemIdSchema,
  type: ItemTypeSchema,
  priority: z.number().int().min(1).max(5),
  title: z.string().min(1),
  status: ItemStatusSchema,
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  occurrences: z.number().int().positive(),
  lease: LeaseSchema.nullable(),
  pr: PullRequestRefSchema.nullable(),
  updatedAt: TimestampSchema,
  generation: z.number().int().positive(),
  /** How the round before this one ended. */
  earlier: z
    .strictObject({ pr: z.number().int().positive().nullable(), ended: z.enum(GENERATION_ENDINGS) })
    .nullable(),
  /** Why a failed, rejected or dismissed item, or one that needs a human, is where it is. */
  why: z.string().nullable()
})
export type ItemGlance = z.infer<typeof ItemGlanceSchema>

/** The statuses whose first items the summary file keeps: what `ccal status` lists. */
export const GLANCED_STATUSES = ['pending', 'in_progress', 'pr_open', 'needs_human', 'failed'] as const

/**
 * `summary.json`: what `ccal status` shows without reading every item file — the count of items in
 * each status and the first of the listed ones. Derived from the items: it is trusted only while
 * `items` is the sha of the `items/` tree of the same commit (null when there are no items).
 */
export const LedgerSummarySchema = z.strictObject({
  items: z
    .string()
    .regex(/^[0-9a-f]{40,64}$/)
    .nullable(),
  counts: z.partialRecord(ItemStatusSchema, z.number().int().nonnegative()),
  first: z.partialRecord(z.enum(GLANCED_STATUSES), z.array(ItemGlanceSchema))
})
export type LedgerSummary = z.infer<typeof LedgerSummarySchema>

/** Token counts of one Claude run. */
export const TokenUsageSchema = z.strictObject({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  cacheWrite: z.number().int().nonnegative()
})
export type TokenUsage = z.infer<typeof TokenUsageSchema>

/** How the verify command ended. */
export const VERIFY_OUTCOMES = ['passed', 'failed', 'skipped', 'not_run'] as const
export const VerifyOutcomeSchema = z.enum(VERIFY_OUTCOMES)

/** What one attempt at one item did; kept in `results.json` until folded into aggregates. */
export const ExecutionResultSchema = z.strictObject({
  itemId: ItemIdSchema,
  itemType: ItemTypeSchema,
  runId: z.string().min(1),
  success: z.boolean(),
  summary: z.string(),
  error: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  tokens: TokenUsageSchema,
  costUsd: z.number().nonnegative(),
  sessionId: z.string().nullable(),
  filesChanged: z.array(z.string()),
  verify: VerifyOutcomeSchema,
  /** The executor's reason code (success, max_turns, budget_exceeded, api_error, …); null when the agent did not run. */
  code: z.string().nullable(),
  /** Tools the agent asked for and was denied. */
  deniedTools: z.array(z.string()),
  executedAt: TimestampSchema
})
export type ExecutionResult = z.infer<typeof ExecutionResultSchema>

/** Something that worked (or did not) for a kind of problem; the learning loop maintains these. */
export const LearningPatternSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-z_-]{1,64}$/, 'expected lowercase letters, digits, - or _'),
  trigger: z.strictObject({
    type: ItemTypeSchema,
    rule: z.string().nullable(),
    errorSignature: z.string().nullable()
  }),
  approach: z.string(),
  failedApproaches: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  usageCount: z.number().int().nonnegative(),
  successCount: z.number().int().nonnegative(),
  successRate: z.number().min(0).max(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
})
export type LearningPattern = z.infer<typeof LearningPatternSchema>

/** Execution results folded out of `results.json` by retention, summed per item type. */
export const ResultAggregateSchema = z.strictObject({
  results: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  tokens: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  firstAt: TimestampSchema,
  lastAt: TimestampSchema
})
export type ResultAggregate = z.infer<typeof ResultAggregateSchema>

/** Running totals over the ledger's whole life. */
export const TotalsSchema = z.strictObject({
  itemsCreated: z.number().int().nonnegative(),
  regressions: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  tokens: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  /** New candidates not admitted because the pending queue was full (discovery finds them again later). */
  candidatesDeferred: z.number().int().nonnegative(),
  resultsFolded: z.number().int().nonnegative()
})
export type Totals = z.infer<typeof TotalsSchema>

/** A UTC calendar day, `YYYY-MM-DD`. */
export const UtcDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a UTC day YYYY-MM-DD')

/** Ledger-wide state, stored as `state.json`. */
export const SystemStateSchema = z.strictObject({
  schemaVersion: z.number().int().positive(),
  cycles: z.number().int().nonnegative(),
  lastCycleAt: TimestampSchema.nullable(),
  lastRunId: z.string().nullable(),
  totals: TotalsSchema,
  /** Money spent per UTC day (the last 31 days are kept; older days live on in `totals.costUsd`). */
  dailySpendUsd: z.record(UtcDaySchema, z.number().nonnegative()),
  /** Per-source progress markers: log offsets, last seen workflow run id, … */
  cursors: z.record(z.string(), z.json()),
  configHash: z.string().nullable(),
  aggregates: z.partialRecord(ItemTypeSchema, ResultAggregateSchema)
})
export type SystemState = z.infer<typeof SystemStateSchema>

/** The results file: the most recent results, oldest first. */
export const ResultsFileSchema = z.array(ExecutionResultSchema)
/** The patterns file: all learning patterns, ordered by id. */
export const PatternsFileSchema = z.array(LearningPatternSchema)

/** Everything on the ledger branch, in memory. Items are keyed by id (a persistent map, items.ts). */
export interface Ledger {
  readonly state: SystemState
  readonly items: Items
  readonly results: readonly ExecutionResult[]
  readonly patterns: readonly LearningPattern[]
}

/** The ledger of a repository where CCAL has never run. */
export function emptyLedger(): Ledger {
  return {
    state: {
      schemaVersion: SCHEMA_VERSION,
      cycles: 0,
      lastCycleAt: null,
      lastRunId: null,
      totals: {
        itemsCreated: 0,
        regressions: 0,
        attempts: 0,
        successes: 0,
        failures: 0,
        costUsd: 0,
        tokens: 0,
        durationMs: 0,
        candidatesDeferred: 0,
        resultsFolded: 0
      },
      dailySpendUsd: {},
      cursors: {},
      configHash: null,
      aggregates: {}
    },
    items: Items.EMPTY,
    results: [],
    patterns: []
  }
}
