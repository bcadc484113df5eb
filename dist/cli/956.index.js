export const id = 956;
export const ids = [956];
export const modules = {

/***/ 7921:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rf: () => (/* binding */ FIRST_DEPTH),
/* harmony export */   tN: () => (/* binding */ Items),
/* harmony export */   td: () => (/* binding */ byUrgency)
/* harmony export */ });
/* unused harmony export shardOf */
/** How many of the most urgent items of each status a map can give without a full walk. */
const FIRST_DEPTH = 10;
/** Most urgent first (priority 1 before 5), then the oldest, then by id so the order is total. */
function byUrgency(a, b) {
    return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
/** The shard an id belongs to: its directory under `items/` on the branch. */
function shardOf(id) {
    return id.slice(0, 2);
}
function shard(items) {
    const counts = {};
    const groups = {};
    for (const item of items.values()) {
        counts[item.status] = (counts[item.status] ?? 0) + 1;
        (groups[item.status] ??= []).push(item);
    }
    const first = {};
    for (const [status, group] of Object.entries(groups))
        first[status] = group.sort(byUrgency).slice(0, FIRST_DEPTH);
    return { items, counts, first };
}
/** A read-only map from item id to item; every change returns a new one. */
class Items {
    shards;
    size;
    static EMPTY = new Items(new Map(), 0);
    constructor(shards, size) {
        this.shards = shards;
        this.size = size;
    }
    /** A map holding `items` (a later item with the same id replaces an earlier one). */
    static from(items) {
        return Items.EMPTY.with(items);
    }
    get(id) {
        return this.shards.get(shardOf(id))?.items.get(id);
    }
    has(id) {
        return this.shards.get(shardOf(id))?.items.has(id) ?? false;
    }
    *entries() {
        for (const { items } of this.shards.values())
            yield* items.entries();
    }
    *keys() {
        for (const { items } of this.shards.values())
            yield* items.keys();
    }
    *values() {
        for (const { items } of this.shards.values())
            yield* items.values();
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    forEach(callback) {
        for (const [id, item] of this.entries())
            callback(item, id, this);
    }
    /** How many items have this status. */
    count(status) {
        let total = 0;
        for (const { counts } of this.shards.values())
            total += counts[status] ?? 0;
        return total;
    }
    /** The `count` (at most {@link FIRST_DEPTH}) most urgent items of this status, most urgent first. */
    first(status, count = FIRST_DEPTH) {
        const candidates = [];
        for (const { first } of this.shards.values())
            candidates.push(...(first[status] ?? []));
        return candidates.sort(byUrgency).slice(0, Math.min(count, FIRST_DEPTH));
    }
    /** This map with `changed` put in (added or replacing the item of the same id). */
    with(changed) {
        const touched = new Map();
        let size = this.size;
        for (const item of changed) {
            const key = shardOf(item.id);
            let items = touched.get(key);
            if (!items) {
                items = new Map(this.shards.get(key)?.items);
                touched.set(key, items);
            }
            if (!items.has(item.id))
                size += 1;
            items.set(item.id, item);
        }
        return touched.size === 0 ? this : this.replace(touched, size);
    }
    /** This map without the items of these ids (ids it does not hold are ignored). */
    without(ids) {
        const touched = new Map();
        let size = this.size;
        for (const id of ids) {
            const key = shardOf(id);
            if (!this.shards.get(key)?.items.has(id))
                continue;
            let items = touched.get(key);
            if (!items) {
                items = new Map(this.shards.get(key).items);
                touched.set(key, items);
            }
            if (items.delete(id))
                size -= 1;
        }
        return touched.size === 0 ? this : this.replace(touched, size);
    }
    /**
     * The ids whose item is not the same object here and in `base` (added, replaced or removed),
     * looking only into shards the two maps do not share.
     */
    changedSince(base) {
        const ids = [];
        for (const key of new Set([...this.shards.keys(), ...base.shards.keys()])) {
            const mine = this.shards.get(key);
            const theirs = base.shards.get(key);
            if (mine === theirs)
                continue;
            for (const [id, item] of mine?.items ?? [])
                if (theirs?.items.get(id) !== item)
                    ids.push(id);
            for (const id of theirs?.items.keys() ?? [])
                if (!mine?.items.has(id))
                    ids.push(id);
        }
        return ids;
    }
    replace(touched, size) {
        const shards = new Map(this.shards);
        for (const [key, items] of touched) {
            if (items.size === 0)
                shards.delete(key);
            else
                shards.set(key, shard(items));
        }
        return new Items(shards, size);
    }
}


/***/ }),

/***/ 5302:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hg: () => (/* binding */ emptyLedger),
/* harmony export */   J4: () => (/* binding */ ITEM_STATUSES),
/* harmony export */   Sb: () => (/* binding */ UtcDaySchema),
/* harmony export */   Uu: () => (/* binding */ GLANCED_STATUSES),
/* harmony export */   V3: () => (/* binding */ PatternsFileSchema),
/* harmony export */   WP: () => (/* binding */ SystemStateSchema),
/* harmony export */   ZX: () => (/* binding */ ItemStatusSchema),
/* harmony export */   a5: () => (/* binding */ ItemContextSchema),
/* harmony export */   f$: () => (/* binding */ SCHEMA_VERSION),
/* harmony export */   h5: () => (/* binding */ LedgerSummarySchema),
/* harmony export */   jF: () => (/* binding */ ItemTypeSchema),
/* harmony export */   lV: () => (/* binding */ PullRequestRefSchema),
/* harmony export */   nt: () => (/* binding */ UntrustedTextSchema),
/* harmony export */   sp: () => (/* binding */ ResultsFileSchema),
/* harmony export */   sv: () => (/* binding */ WorkItemSchema),
/* harmony export */   w$: () => (/* binding */ ITEM_TYPES),
/* harmony export */   wX: () => (/* binding */ TimestampSchema)
/* harmony export */ });
/* unused harmony exports ItemIdSchema, LeaseSchema, HUMAN_WORD_KINDS, HumanWordsSchema, GENERATION_ENDINGS, GenerationSchema, ITEM_EVENTS, ItemEventSchema, ItemGlanceSchema, TokenUsageSchema, VERIFY_OUTCOMES, VerifyOutcomeSchema, ExecutionResultSchema, LearningPatternSchema, ResultAggregateSchema, TotalsSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6921);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4377);
/* harmony import */ var _items_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7921);
/**
 * The ledger's data model, defined once: every TypeScript type of the ledger is inferred from these
 * zod schemas, and every file read from or written to the ledger branch is checked against them.
 *
 * Conventions: timestamps are ISO-8601 UTC strings (`Date#toISOString`); absent values are explicit
 * `null` rather than missing keys, so a file always shows every field; objects are strict (an
 * unknown key is reported, never silently dropped on the next write) except `context`, which sources
 * extend with their own JSON.
 */


/** The schema version this code writes. A ledger with a newer version is refused, an older one migrated. */
const SCHEMA_VERSION = 2;
/** Where work items come from. */
const ITEM_TYPES = [
    'issue',
    'ci_failure',
    'lint',
    'coverage',
    'review_feedback',
    'error_log',
    'manual'
];
const ItemTypeSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ITEM_TYPES);
/**
 * Lifecycle of a work item: `pending` → `in_progress` → `pr_open` → `completed` | `failed` |
 * `rejected` (PR closed unmerged; never retried unless a human asks) | `needs_human` | `dismissed`.
 * The allowed moves are the table in ops.ts.
 */
const ITEM_STATUSES = [
    'pending',
    'in_progress',
    'pr_open',
    'completed',
    'failed',
    'rejected',
    'needs_human',
    'dismissed'
];
const ItemStatusSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ITEM_STATUSES);
/** An ISO-8601 UTC timestamp. */
const TimestampSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$();
/** Item ids: lowercase hex, file- and URL-safe; see `itemIdForFingerprint` in ops.ts. */
const ItemIdSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{8,64}$/, 'expected lowercase hex, 8 to 64 characters');
/** A run's claim on an item; expired leases are reclaimed by the next cycle. */
const LeaseSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    runId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    acquiredAt: TimestampSchema,
    until: TimestampSchema,
    /**
     * Spend set aside for the item from the run and day budgets while it runs (its --max-budget-usd),
     * so that items running at once, in one run or across runners, never pass the budgets together.
     */
    reservedUsd: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().optional()
});
/** The pull request CCAL opened for an item. */
const PullRequestRefSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    number: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    branch: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1)
});
/**
 * Where the work is, as found by the source. Known keys are typed; a source may add its own
 * JSON-valued keys.
 */
const ItemContextSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    file: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    line: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().optional(),
    column: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().optional(),
    rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    errorSignature: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    logExcerpt: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    issueNumber: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().optional(),
    prNumber: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().optional(),
    workflowRunId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().optional(),
    jobName: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    commitSha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional()
})
    .catchall(zod__WEBPACK_IMPORTED_MODULE_1__/* .json */ .Pq9());
/**
 * Text that came from outside (issue bodies, comments, log lines). Kept apart from CCAL's own
 * `title`/`description` so that prompt building always fences it as data.
 */
const UntrustedTextSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    title: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    body: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    evidence: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional()
});
/**
 * What a trusted person said about an item's work: the comments and review around a pull request's
 * close, the comment asking for a retry. Untrusted text: prompts fence it as data.
 */
const HUMAN_WORD_KINDS = ['comment', 'review', 'retry'];
const HumanWordsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    author: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(HUMAN_WORD_KINDS),
    /** The pull request it was written on, when it was. */
    pr: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().nullable(),
    at: TimestampSchema,
    body: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
});
/** How an earlier generation of an item ended. */
const GENERATION_ENDINGS = [
    'merged',
    'closed',
    'completed',
    'failed',
    'needs_human',
    'dismissed'
];
/** An earlier generation of an item: its pull request, how it ended and what people said about it. */
const GenerationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    generation: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    pr: PullRequestRefSchema.nullable(),
    ended: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(GENERATION_ENDINGS),
    at: TimestampSchema,
    words: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(HumanWordsSchema)
});
/** Kinds of entries in an item's history. */
const ITEM_EVENTS = [
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
];
const ItemEventSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    at: TimestampSchema,
    event: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ITEM_EVENTS),
    runId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    from: ItemStatusSchema.nullable(),
    to: ItemStatusSchema.nullable(),
    detail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable()
});
/** One unit of work CCAL may do, stored as `items/<id[0..2]>/<id>.json`. */
const WorkItemSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    id: ItemIdSchema,
    /** Stable identity from the source: the same problem found again has the same fingerprint. */
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    type: ItemTypeSchema,
    /** Which source produced it (`github-issues`, `ci-logs`, `manual`, …). */
    source: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    /** CCAL's own one-line summary. */
    title: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    /** CCAL's own description of the work. */
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    untrusted: UntrustedTextSchema.nullable(),
    /** 1 is the most urgent, 5 the least. */
    priority: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(5),
    status: ItemStatusSchema,
    attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    maxAttempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    lease: LeaseSchema.nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    lastSeenAt: TimestampSchema,
    /** How many times discovery has reported this fingerprint. */
    occurrences: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    /** How many times a completed item came back. */
    regressions: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    context: ItemContextSchema,
    pr: PullRequestRefSchema.nullable(),
    /** Claude Code session to resume for follow-ups. */
    sessionId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    parentId: ItemIdSchema.nullable(),
    lastError: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    /**
     * The item's round: 1 at first; a regression after a merge, or a retry after a human's no, starts
     * the next, on a fresh branch and a fresh session, with a new pull request.
     */
    generation: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    /** Earlier generations, oldest first. */
    generations: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(GenerationSchema),
    /** What trusted people said about this generation's work so far (newest last, bounded). */
    words: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(HumanWordsSchema),
    history: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ItemEventSchema),
    /** Oldest history events removed to keep the file small (their commits remain in git history). */
    historyDropped: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative()
});
/** What a listing shows of an item (`ccal status`, the summary file): one line's worth. */
const ItemGlanceSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    id: ItemIdSchema,
    type: ItemTypeSchema,
    priority: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(5),
    title: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    status: ItemStatusSchema,
    attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    maxAttempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    occurrences: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    lease: LeaseSchema.nullable(),
    pr: PullRequestRefSchema.nullable(),
    updatedAt: TimestampSchema,
    generation: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    /** How the round before this one ended. */
    earlier: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ pr: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().nullable(), ended: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(GENERATION_ENDINGS) })
        .nullable(),
    /** Why a failed, rejected or dismissed item, or one that needs a human, is where it is. */
    why: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable()
});
/** The statuses whose first items the summary file keeps: what `ccal status` lists. */
const GLANCED_STATUSES = ['pending', 'in_progress', 'pr_open', 'needs_human', 'failed'];
/**
 * `summary.json`: what `ccal status` shows without reading every item file — the count of items in
 * each status and the first of the listed ones. Derived from the items: it is trusted only while
 * `items` is the sha of the `items/` tree of the same commit (null when there are no items).
 */
const LedgerSummarySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    items: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[0-9a-f]{40,64}$/)
        .nullable(),
    counts: zod__WEBPACK_IMPORTED_MODULE_1__/* .partialRecord */ .jgl(ItemStatusSchema, zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative()),
    first: zod__WEBPACK_IMPORTED_MODULE_1__/* .partialRecord */ .jgl(zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(GLANCED_STATUSES), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ItemGlanceSchema))
});
/** Token counts of one Claude run. */
const TokenUsageSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    input: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    output: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    cacheRead: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    cacheWrite: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative()
});
/** How the verify command ended. */
const VERIFY_OUTCOMES = ['passed', 'failed', 'skipped', 'not_run'];
const VerifyOutcomeSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(VERIFY_OUTCOMES);
/** What one attempt at one item did; kept in `results.json` until folded into aggregates. */
const ExecutionResultSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    itemId: ItemIdSchema,
    itemType: ItemTypeSchema,
    runId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    success: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    summary: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    error: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    turns: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    tokens: TokenUsageSchema,
    costUsd: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(),
    sessionId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    filesChanged: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    verify: VerifyOutcomeSchema,
    /** The executor's reason code (success, max_turns, budget_exceeded, api_error, …); null when the agent did not run. */
    code: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    /** Tools the agent asked for and was denied. */
    deniedTools: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    executedAt: TimestampSchema
});
/** Something that worked (or did not) for a kind of problem; the learning loop maintains these. */
const LearningPatternSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-z_-]{1,64}$/, 'expected lowercase letters, digits, - or _'),
    trigger: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        type: ItemTypeSchema,
        rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
        errorSignature: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable()
    }),
    approach: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    failedApproaches: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    confidence: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(1),
    usageCount: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    successCount: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    successRate: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(1),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema
});
/** Execution results folded out of `results.json` by retention, summed per item type. */
const ResultAggregateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    results: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    successes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    failures: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    costUsd: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(),
    tokens: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    turns: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    firstAt: TimestampSchema,
    lastAt: TimestampSchema
});
/** Running totals over the ledger's whole life. */
const TotalsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    itemsCreated: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    regressions: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    successes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    failures: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    costUsd: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(),
    tokens: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    /** New candidates not admitted because the pending queue was full (discovery finds them again later). */
    candidatesDeferred: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    resultsFolded: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative()
});
/** A UTC calendar day, `YYYY-MM-DD`. */
const UtcDaySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a UTC day YYYY-MM-DD');
/** Ledger-wide state, stored as `state.json`. */
const SystemStateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    cycles: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    lastCycleAt: TimestampSchema.nullable(),
    lastRunId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    totals: TotalsSchema,
    /** Money spent per UTC day (the last 31 days are kept; older days live on in `totals.costUsd`). */
    dailySpendUsd: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(UtcDaySchema, zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative()),
    /** Per-source progress markers: log offsets, last seen workflow run id, … */
    cursors: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .json */ .Pq9()),
    configHash: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    aggregates: zod__WEBPACK_IMPORTED_MODULE_1__/* .partialRecord */ .jgl(ItemTypeSchema, ResultAggregateSchema)
});
/** The results file: the most recent results, oldest first. */
const ResultsFileSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ExecutionResultSchema);
/** The patterns file: all learning patterns, ordered by id. */
const PatternsFileSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(LearningPatternSchema);
/** The ledger of a repository where CCAL has never run. */
function emptyLedger() {
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
        items: _items_js__WEBPACK_IMPORTED_MODULE_0__/* .Items */ .tN.EMPTY,
        results: [],
        patterns: []
    };
}


/***/ }),

/***/ 8805:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   VU: () => (/* binding */ signedTenths),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   h0: () => (/* binding */ closestMatch)
/* harmony export */ });
/* unused harmony export editDistance */
/** Small text helpers shared by error messages. */
/** Levenshtein edit distance between two strings. */
function editDistance(a, b) {
    const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j];
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + cost);
            diagonal = above;
        }
    }
    return previous[b.length];
}
function commonPrefixLength(a, b) {
    let length = 0;
    while (length < a.length && length < b.length && a[length] === b[length])
        length++;
    return length;
}
/**
 * The closest candidate to `word` when it is a likely typo or abbreviation of it (small edit
 * distance, or a long shared beginning such as `max_file_ops` → `max_file_operations`), else undefined.
 */
function closestMatch(word, candidates) {
    const normalized = word.toLowerCase().replace(/-/g, '_');
    let best;
    for (const candidate of candidates) {
        const lower = candidate.toLowerCase();
        const distance = editDistance(normalized, lower);
        const prefix = commonPrefixLength(normalized, lower);
        const isTypo = distance <= Math.max(2, Math.floor(lower.length / 3));
        const isAbbreviation = prefix >= Math.max(4, Math.ceil(normalized.length * 0.6));
        if (!isTypo && !isAbbreviation)
            continue;
        const score = distance - prefix;
        if (!best || score < best.score)
            best = { candidate, score };
    }
    return best?.candidate;
}
/** A number to one decimal with its sign (`+3.3`, `-1`), or '' when it rounds to nothing shown (0). */
function signedTenths(value) {
    if (value === 0)
        return '';
    const rounded = Math.round(value * 10) / 10;
    return rounded > 0 ? `+${rounded}` : String(rounded);
}
/** A value as it appears in an error message: JSON, shortened to stay on one line. */
function describeValue(value, max = 60) {
    if (value === undefined)
        return 'nothing';
    let text;
    try {
        text = JSON.stringify(value) ?? String(value);
    }
    catch {
        text = String(value);
    }
    text = text.replace(/\s+/g, ' ');
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/**
 * One line of at most `max` characters (for titles, reasons and log lines), cut at a word
 * boundary when one is near the end, so that no title ends mid-word.
 */
function oneLine(text, max = 80) {
    const line = text.replace(/\s+/g, ' ').trim();
    if (line.length <= max)
        return line;
    const head = line.slice(0, max - 1);
    const space = head.lastIndexOf(' ');
    return `${space >= max * 0.6 ? head.slice(0, space) : head}…`;
}


/***/ })

};
