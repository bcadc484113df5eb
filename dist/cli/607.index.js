export const id = 607;
export const ids = [607];
export const modules = {

/***/ 5216:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UV: () => (/* binding */ firstLines),
/* harmony export */   lD: () => (/* binding */ createGit),
/* harmony export */   mq: () => (/* binding */ withTokenAuth),
/* harmony export */   n6: () => (/* binding */ commandFailed),
/* harmony export */   qD: () => (/* binding */ NEUTRAL_GIT_CONFIG)
/* harmony export */ });
/* unused harmony exports reachesRemote, tokenAuthConfig, isHttpRemote */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9661);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1634);
/**
 * The one place CCAL runs git. Every call goes through `spawn` with an argument vector (never a
 * shell), returns `{ exitCode, stdout, stderr }` so callers branch on expected failures (a rejected
 * push, a missing remote branch), and can carry stdin, extra environment (`GIT_INDEX_FILE`) and
 * per-command configuration (credentials) that is never written to `.git/config`.
 */




/**
 * Configuration CCAL's git commands carry whatever a repository or worktree config says: no hooks
 * and no fsmonitor (the agent writes files; git must not run them).
 */
const NEUTRAL_GIT_CONFIG = {
    'core.hooksPath': '/dev/null',
    'core.fsmonitor': 'false'
};
/** Git subcommands that talk to a remote: only these get credentials. */
const REMOTE_COMMANDS = new Set(['fetch', 'push', 'ls-remote', 'pull', 'clone']);
/** True when `args` run a subcommand that talks to a remote. */
function reachesRemote(args) {
    const subcommand = args.find(arg => !arg.startsWith('-'));
    return subcommand !== undefined && REMOTE_COMMANDS.has(subcommand);
}
/** Creates the git client for `options.cwd`. */
function createGit(options) {
    return new GitClient(options);
}
class GitClient {
    options;
    cwd;
    constructor(options) {
        this.options = options;
        this.cwd = options.cwd;
    }
    async exec(args, options = {}) {
        const result = await this.execBuffer(args, options);
        return { exitCode: result.exitCode, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
    }
    async run(args, options = {}) {
        const result = await this.exec(args, options);
        if (result.exitCode !== 0)
            throw commandFailed(args, result);
        return result.stdout;
    }
    withConfig(config) {
        return new GitClient({ ...this.options, config: { ...this.options.config, ...config } });
    }
    withCredentials(credentials) {
        return new GitClient({ ...this.options, credentials });
    }
    async execBuffer(args, options = {}) {
        const logger = this.options.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_3__/* .silentLogger */ .qq;
        logger.debug(`git ${args.join(' ')}`);
        const credentials = this.options.credentials && reachesRemote(args) ? await this.options.credentials() : undefined;
        const env = this.environment(credentials ? { ...options, config: { ...credentials, ...options.config } } : options);
        return new Promise((resolve, reject) => {
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(this.options.gitPath ?? 'git', args, {
                cwd: options.cwd ?? this.cwd,
                env,
                stdio: ['pipe', 'pipe', 'pipe']
            });
            const out = [];
            const err = [];
            let failed = null;
            child.stdout.on('data', (chunk) => {
                if (!options.onStdout)
                    return void out.push(chunk);
                if (failed)
                    return;
                try {
                    options.onStdout(chunk);
                }
                catch (error) {
                    failed = { error };
                    child.kill();
                }
            });
            child.stderr.on('data', (chunk) => err.push(chunk));
            child.on('error', error => {
                const cwd = options.cwd ?? this.cwd;
                const missing = error.code === 'ENOENT';
                reject(new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CcalError */ .WK(missing && !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(cwd)
                    ? `cannot run git in ${cwd}: no such directory`
                    : missing
                        ? 'git is not installed or not on PATH'
                        : `could not run git: ${error.message}`, {
                    cause: error
                }));
            });
            // A git that exits before reading all of stdin would make the write fail with EPIPE; the exit
            // code and stderr say what went wrong, so the write error itself is not interesting.
            child.stdin.on('error', () => { });
            child.on('close', code => {
                if (failed)
                    return reject(failed.error);
                resolve({
                    exitCode: code ?? 128,
                    stdout: Buffer.concat(out),
                    stderr: Buffer.concat(err).toString('utf8')
                });
            });
            child.stdin.end(options.input ?? '');
        });
    }
    environment(options) {
        const base = this.options.baseEnv ?? process.env;
        const env = {
            ...base,
            // Never wait for a password on a terminal nobody is watching, and keep git's messages in
            // English: callers match on them (`[rejected]`, `couldn't find remote ref`).
            GIT_TERMINAL_PROMPT: '0',
            LC_ALL: 'C',
            LANGUAGE: '',
            ...options.env
        };
        const config = { ...this.options.config, ...options.config };
        const entries = Object.entries(config);
        if (entries.length > 0) {
            let index = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
            for (const [key, value] of entries) {
                env[`GIT_CONFIG_KEY_${index}`] = key;
                env[`GIT_CONFIG_VALUE_${index}`] = value;
                index += 1;
            }
            env.GIT_CONFIG_COUNT = String(index);
        }
        return env;
    }
}
/** The error for a git command that should have succeeded: the command and git's first lines of stderr. */
function commandFailed(args, result) {
    const detail = firstLines(result.stderr, 3) || `exit code ${result.exitCode}`;
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GitCommandError */ .iR(`git ${args.slice(0, 2).join(' ')} failed: ${detail}`, args, result.exitCode, result.stderr);
}
/** The first `count` non-empty lines of `text`, joined by ' / '. */
function firstLines(text, count) {
    return text
        .split('\n')
        .map(line => line.trim())
        .filter(line => line.length > 0)
        .slice(0, count)
        .join(' / ');
}
/** The `http.<origin>.extraheader` configuration that authenticates HTTPS git calls with a GitHub token. */
function tokenAuthConfig(remoteUrl, token) {
    const url = new URL(remoteUrl);
    const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
    return { [`http.${url.protocol}//${url.host}/.extraheader`]: `AUTHORIZATION: basic ${basic}` };
}
/**
 * Git in the same repository that authenticates to `remoteUrl` with the source's current token, asked
 * for by each command that reaches the remote; unchanged for a remote that is not HTTP(S) or without
 * a source.
 */
function withTokenAuth(git, remoteUrl, tokens) {
    if (!tokens || !isHttpRemote(remoteUrl))
        return git;
    return git.withCredentials(async () => tokenAuthConfig(remoteUrl, await tokens.token()));
}
/** True when `url` is fetched over HTTP(S), the only transport an auth header applies to. */
function isHttpRemote(url) {
    return /^https?:\/\//i.test(url);
}


/***/ }),

/***/ 4381:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ab: () => (/* binding */ upsertCandidates),
/* harmony export */   EF: () => (/* binding */ setPatterns),
/* harmony export */   EH: () => (/* binding */ renewLease),
/* harmony export */   FG: () => (/* binding */ SKIPPABLE_STATUSES),
/* harmony export */   Fq: () => (/* binding */ recordTracking),
/* harmony export */   Nu: () => (/* binding */ recordSessionId),
/* harmony export */   Od: () => (/* binding */ countStatus),
/* harmony export */   Pl: () => (/* binding */ resolveItemId),
/* harmony export */   Pr: () => (/* binding */ recordResult),
/* harmony export */   R2: () => (/* binding */ findByFingerprint),
/* harmony export */   U3: () => (/* binding */ RETRYABLE_STATUSES),
/* harmony export */   V_: () => (/* binding */ overridePriority),
/* harmony export */   WX: () => (/* binding */ leaseItem),
/* harmony export */   aj: () => (/* binding */ retryItem),
/* harmony export */   cT: () => (/* binding */ beginCycle),
/* harmony export */   dA: () => (/* binding */ utcDay),
/* harmony export */   de: () => (/* binding */ addManualItem),
/* harmony export */   f9: () => (/* binding */ setCursor),
/* harmony export */   gl: () => (/* binding */ lastResult),
/* harmony export */   jv: () => (/* binding */ addWords),
/* harmony export */   jz: () => (/* binding */ CandidateSchema),
/* harmony export */   kY: () => (/* binding */ transition),
/* harmony export */   kg: () => (/* binding */ combine),
/* harmony export */   kt: () => (/* binding */ itemsByStatus),
/* harmony export */   oo: () => (/* binding */ reclaimExpiredLeases),
/* harmony export */   qE: () => (/* binding */ spentToday),
/* harmony export */   wL: () => (/* binding */ releaseLease)
/* harmony export */ });
/* unused harmony exports DEFAULT_LIMITS, TRANSITIONS, canTransition, itemIdForFingerprint, startsNewGeneration, upsertCandidate, reservedByOthers, spentByRun, pruneHistory, setConfigHash, upsertPattern, recordPatternUse */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6921);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9661);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8805);
/* harmony import */ var _items_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7921);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5302);
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






/** Defaults for {@link LedgerLimits}. */
const DEFAULT_LIMITS = {
    maxPending: 500,
    maxResults: 500,
    maxResultAgeDays: 90,
    maxHistoryEvents: 100,
    spendDays: 31,
    defaultMaxAttempts: 3
};
/**
 * The transition table: `TRANSITIONS[from][to]` is the least privileged actor allowed to make the
 * move; a missing entry means the move is illegal.
 */
const TRANSITIONS = {
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
};
/** True when `actor` may move an item from `from` to `to`. */
function canTransition(from, to, actor) {
    const needed = TRANSITIONS[from][to];
    return needed !== undefined && (needed === 'ccal' || actor === 'human');
}
// ---------------------------------------------------------------------------------------------
// Ids and lookups
const ID_LENGTH = 12;
/**
 * The id of the item with this fingerprint: the first 12 hex characters of its SHA-256, extended
 * 4 characters at a time in the (unlikely) case another fingerprint already holds the shorter id.
 * Deriving ids from fingerprints makes two writers that find the same problem agree on its id.
 */
function itemIdForFingerprint(ledger, fingerprint) {
    return idAmong(ledger.items, fingerprint);
}
/** {@link itemIdForFingerprint} among the items `items` can look up. */
function idAmong(items, fingerprint) {
    const full = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(fingerprint).digest('hex');
    for (let length = ID_LENGTH; length <= full.length; length += 4) {
        const id = full.slice(0, length);
        const existing = items.get(id);
        if (!existing || existing.fingerprint === fingerprint)
            return id;
    }
    throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CcalError */ .WK(`no free item id for fingerprint ${fingerprint}`);
}
/** The item with this fingerprint, if the ledger has one. */
function findByFingerprint(ledger, fingerprint) {
    const item = ledger.items.get(itemIdForFingerprint(ledger, fingerprint));
    return item?.fingerprint === fingerprint ? item : undefined;
}
/** The item whose id is `idOrPrefix` or uniquely starts with it (as git accepts short shas). */
function resolveItemId(ledger, idOrPrefix) {
    if (ledger.items.get(idOrPrefix))
        return idOrPrefix;
    const matches = [...ledger.items.keys()].filter(id => id.startsWith(idOrPrefix));
    if (matches.length === 1)
        return matches[0];
    if (matches.length > 1)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LedgerLookupError */ .uu(`item id '${idOrPrefix}' is ambiguous: ${matches.slice(0, 5).join(', ')}…`);
    throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LedgerLookupError */ .uu(`no item '${idOrPrefix}' in the ledger`);
}
function requireItem(ledger, id) {
    const item = ledger.items.get(id);
    if (!item)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LedgerLookupError */ .uu(`no item '${id}' in the ledger`);
    return item;
}
// ---------------------------------------------------------------------------------------------
// Small building blocks
function putItems(ledger, changed) {
    if (changed.length === 0)
        return ledger;
    return { ...ledger, items: ledger.items.with(changed) };
}
function event(context, kind, fields = {}) {
    return {
        at: context.now.toISOString(),
        event: kind,
        runId: context.runId,
        from: fields.from ?? null,
        to: fields.to ?? null,
        detail: fields.detail ?? null
    };
}
function withEvent(item, entry, limits) {
    const history = [...item.history, entry];
    const excess = Math.max(0, history.length - limits.maxHistoryEvents);
    return {
        ...item,
        history: excess > 0 ? history.slice(excess) : history,
        historyDropped: item.historyDropped + excess,
        updatedAt: entry.at
    };
}
/** Moves an item to `to`, checking the table and recording the change in its history. */
function moveItem(item, to, actor, context, limits, detail = null) {
    if (item.status === to)
        return item;
    if (!canTransition(item.status, to, actor))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IllegalTransitionError */ .gZ(item.id, item.status, to, actor);
    // A human sending an item back to the queue gives it a fresh set of attempts.
    const attempts = to === 'pending' && actor === 'human' ? 0 : item.attempts;
    return withEvent({ ...item, status: to, attempts }, event(context, 'status', { from: item.status, to, detail }), limits);
}
/** Earlier generations kept on an item (older ones live on in the branch's history). */
const MAX_GENERATIONS = 20;
/** Words kept per generation, and the length of each. */
const MAX_WORDS = 6;
const MAX_WORD_LENGTH = 4000;
/** How an item's current generation ended, from the status it is leaving. */
function endingOf(item) {
    switch (item.status) {
        case 'rejected':
            return 'closed';
        case 'completed':
            return item.pr ? 'merged' : 'completed';
        case 'failed':
        case 'needs_human':
        case 'dismissed':
            return item.status;
        default:
            return 'failed';
    }
}
/**
 * True when asking for an item again must start its next generation: its round ended with a pull
 * request that is no longer open (merged or closed), or in success. Any other retry continues the
 * same round, with fresh attempts.
 */
function startsNewGeneration(item) {
    return (item.status === 'rejected' ||
        item.status === 'completed' ||
        (item.pr !== null && item.status !== 'pr_open'));
}
/** Words as the ledger keeps them: bounded in number and length, newest last. */
function keptWords(words) {
    return words.slice(-MAX_WORDS).map(word => ({ ...word, body: word.body.slice(0, MAX_WORD_LENGTH) }));
}
/**
 * Starts the item's next generation: the current one's pull request and the words said about it
 * move to `generations`; the next starts without a pull request, a session or used attempts, so it
 * is worked on a fresh branch from the base and delivered as a new pull request.
 */
function nextGeneration(item, ended, context, limits, why) {
    const record = {
        generation: item.generation,
        pr: item.pr,
        ended,
        at: context.now.toISOString(),
        words: keptWords(item.words)
    };
    const earlier = item.pr
        ? ` after PR #${item.pr.number} (${ended})`
        : ` (generation ${item.generation} ${ended})`;
    return withEvent({
        ...item,
        generation: item.generation + 1,
        generations: [...item.generations, record].slice(-MAX_GENERATIONS),
        words: [],
        pr: null,
        sessionId: null,
        attempts: 0,
        lastError: null
    }, event(context, 'generation', { detail: `generation ${item.generation + 1}: ${why}${earlier}` }), limits);
}
/** Statuses a person can ask to retry: the closed-out ones, and completed ones (to redo them). */
const RETRYABLE_STATUSES = [
    'failed',
    'rejected',
    'dismissed',
    'needs_human',
    'completed'
];
/**
 * Statuses a person can skip (dismiss): items nobody is working on. An item with an open pull
 * request is skipped by closing it; one in progress belongs to the run holding its lease.
 */
const SKIPPABLE_STATUSES = ['pending', 'failed', 'rejected', 'needs_human'];
/**
 * A person asks for an item again (`/ccal retry`, re-labelling, `ccal ledger retry`): it goes back
 * to pending with fresh attempts — as its next generation when its last round ended with a pull
 * request or in success — and what they said is kept for the prompt.
 */
function retryItem(itemId, request, limits) {
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const item = requireItem(ledger, itemId);
        const fresh = startsNewGeneration(item);
        const ended = endingOf(item);
        let moved = moveItem(item, 'pending', 'human', context, effective, request.reason);
        // Fresh attempts, as many as the settings give now (the store's limits), else as many as before.
        const maxAttempts = limits?.defaultMaxAttempts ?? context.limits?.defaultMaxAttempts ?? item.maxAttempts;
        moved = { ...moved, lease: null, maxAttempts };
        if (fresh)
            moved = nextGeneration(moved, ended, context, effective, request.reason);
        if (request.words)
            moved = { ...moved, words: keptWords([...moved.words, request.words]) };
        return {
            ledger: putItems(ledger, [moved]),
            description: `${itemId}: ${item.status} → pending${fresh ? ` as generation ${moved.generation}` : ''} (${request.reason})`
        };
    };
}
/**
 * A person sets an item's priority (`/ccal priority N`, `ccal ledger priority`): it stays theirs,
 * whatever the source reports later.
 */
function overridePriority(itemId, priority, reason) {
    return (ledger, context) => {
        const item = requireItem(ledger, itemId);
        const updated = {
            ...item,
            priority,
            context: { ...item.context, priorityOverride: priority },
            updatedAt: context.now.toISOString()
        };
        return {
            ledger: putItems(ledger, [updated]),
            description: `${itemId}: priority ${item.priority} → ${priority} (${reason})`
        };
    };
}
/** Keeps where an item's tracking comment is and which state it shows (see delivery/tracking.ts). */
function recordTracking(itemId, note) {
    return (ledger, context) => {
        const item = requireItem(ledger, itemId);
        const commentId = note.commentId ?? item.context.trackingCommentId;
        if (item.context.trackingCommentId === commentId && item.context.trackingState === note.state)
            return { ledger, description: `${itemId}: tracking comment unchanged` };
        const updated = {
            ...item,
            context: {
                ...item.context,
                ...(commentId !== undefined ? { trackingCommentId: commentId } : {}),
                trackingState: note.state
            },
            updatedAt: context.now.toISOString()
        };
        return {
            ledger: putItems(ledger, [updated]),
            description: `${itemId}: tracking comment ${commentId ?? '(none yet)'} shows ${note.state}`
        };
    };
}
/** Keeps what trusted people said about an item's current generation (a closing comment, a review). */
function addWords(itemId, words) {
    return (ledger, context) => {
        const item = requireItem(ledger, itemId);
        const known = new Set(item.words.map(word => `${word.kind}:${word.author}:${word.at}`));
        const fresh = words.filter(word => !known.has(`${word.kind}:${word.author}:${word.at}`));
        if (fresh.length === 0)
            return { ledger, description: `${itemId}: no new words` };
        const updated = {
            ...item,
            words: keptWords([...item.words, ...fresh]),
            updatedAt: context.now.toISOString()
        };
        return {
            ledger: putItems(ledger, [updated]),
            description: `${itemId}: keep what ${[...new Set(fresh.map(word => `@${word.author}`))].join(', ')} said (${fresh.map(word => word.kind).join(', ')})`
        };
    };
}
/** The limits an operation applies: the defaults, then the store's (from settings), then its own. */
function withLimits(limits, context) {
    return { ...DEFAULT_LIMITS, ...context.limits, ...limits };
}
/** The UTC calendar day of a moment, `YYYY-MM-DD`. */
function utcDay(moment) {
    return moment.toISOString().slice(0, 10);
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
function shortTitle(title) {
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(title, 60);
}
// ---------------------------------------------------------------------------------------------
// Discovery: candidates become items
/** What a discovery source reports; validated before it enters the ledger. */
const CandidateSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1),
    type: _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ItemTypeSchema */ .jF,
    source: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1),
    title: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1),
    description: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().default(''),
    untrusted: _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .UntrustedTextSchema */ .nt.nullable().default(null),
    priority: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().min(1).max(5).default(3),
    context: _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ItemContextSchema */ .a5.default({}),
    maxAttempts: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().positive().optional(),
    parentId: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable().default(null)
});
function newItem(id, candidate, context, limits) {
    const at = context.now.toISOString();
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
    };
}
/** A known fingerprint seen again: count it, refresh the evidence, reopen it if it had been completed. */
function seenAgain(item, candidate, context, limits) {
    // The source's view of the priority (labels, reactions, age) is current unless a person set one
    // with `/ccal priority N`; context keys the source does not report (command marks) are kept.
    const overridden = typeof item.context.priorityOverride === 'number';
    const refreshed = {
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
    };
    if (item.status !== 'completed')
        return refreshed;
    const reopened = moveItem(refreshed, 'pending', 'ccal', context, limits, 'regression: fingerprint found again');
    const regressed = withEvent({ ...reopened, lease: null, regressions: item.regressions + 1 }, event(context, 'regression', { detail: `occurrence ${refreshed.occurrences}` }), limits);
    return nextGeneration(regressed, item.pr ? 'merged' : 'completed', context, limits, 'regression');
}
/**
 * Merges discovered candidates: a known fingerprint updates its item (occurrences, evidence; a
 * completed one is reopened as a regression), an unknown one becomes a pending item unless the
 * pending queue is full, in which case it is deferred (counted, not stored: the source will report
 * it again). New candidates are admitted most urgent first.
 */
function upsertCandidates(candidates, limits) {
    const parsed = candidates.map(candidate => CandidateSchema.parse(candidate));
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const changed = new Map();
        const fresh = [];
        let seen = 0;
        let regressions = 0;
        for (const candidate of parsed) {
            const id = itemIdForFingerprint(ledger, candidate.fingerprint);
            const existing = changed.get(id) ?? ledger.items.get(id);
            if (existing) {
                const updated = seenAgain(existing, candidate, context, effective);
                if (existing.status === 'completed')
                    regressions += 1;
                else
                    seen += 1;
                changed.set(id, updated);
            }
            else {
                fresh.push(candidate);
            }
        }
        let pending = countStatus(ledger, 'pending') + regressions;
        let created = 0;
        let deferred = 0;
        const byUrgency = [...fresh].sort((a, b) => a.priority - b.priority);
        // Ids of later candidates in the batch must see the items admitted before them.
        const admitted = new Map();
        const lookup = { get: (id) => admitted.get(id) ?? ledger.items.get(id) };
        for (const candidate of byUrgency) {
            const id = idAmong(lookup, candidate.fingerprint);
            if (changed.has(id)) {
                // The same new fingerprint twice in one batch counts as two occurrences of one item.
                changed.set(id, seenAgain(changed.get(id), candidate, context, effective));
                seen += 1;
                continue;
            }
            if (pending >= effective.maxPending) {
                deferred += 1;
                continue;
            }
            const item = newItem(id, candidate, context, effective);
            changed.set(id, item);
            admitted.set(id, item);
            pending += 1;
            created += 1;
        }
        if (changed.size === 0 && deferred === 0)
            return { ledger, description: 'merge candidates: nothing new' };
        const totals = {
            ...ledger.state.totals,
            itemsCreated: ledger.state.totals.itemsCreated + created,
            regressions: ledger.state.totals.regressions + regressions,
            candidatesDeferred: ledger.state.totals.candidatesDeferred + deferred
        };
        const next = { ...putItems(ledger, [...changed.values()]), state: { ...ledger.state, totals } };
        if (parsed.length === 1 && changed.size === 1) {
            const item = [...changed.values()][0];
            const what = created ? 'add' : regressions ? 'reopen regression' : 'seen again';
            return { ledger: next, description: `${what} ${item.type} ${item.id}: ${shortTitle(item.title)}` };
        }
        const parts = [`${created} new`, `${seen} seen again`];
        if (regressions)
            parts.push(plural(regressions, 'regression'));
        if (deferred)
            parts.push(`${deferred} deferred (queue full)`);
        return { ledger: next, description: `merge ${plural(parsed.length, 'candidate')}: ${parts.join(', ')}` };
    };
}
/** {@link upsertCandidates} for a single candidate. */
function upsertCandidate(candidate, limits) {
    return upsertCandidates([candidate], limits);
}
/**
 * Adds a work item a person asked for (source `manual`). `nonce` makes its fingerprint unique, so two
 * requests with the same title are two items; pass the same nonce when retrying the same request.
 * A person's request is never deferred by the queue limit.
 */
function addManualItem(input, nonce) {
    return upsertCandidates([
        {
            fingerprint: `manual:${nonce}`,
            type: input.type ?? 'manual',
            source: 'manual',
            title: input.title,
            description: input.description ?? '',
            priority: input.priority ?? 3
        }
    ], { maxPending: Number.POSITIVE_INFINITY });
}
// ---------------------------------------------------------------------------------------------
// Leases
/**
 * Claims an item for `context.runId` until `now + ttlMs`: a pending (or pr_open, for a follow-up)
 * item moves to in_progress and uses one attempt; an item this run already holds is renewed; an
 * item held by another run whose lease has not expired, or (with `from`) one no longer in a status
 * the caller planned it from, is a {@link LedgerConflictError}.
 */
function leaseItem(itemId, ttlMs, limits, budget, from) {
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const item = requireItem(ledger, itemId);
        const until = new Date(context.now.getTime() + ttlMs).toISOString();
        if (item.lease && item.lease.runId === context.runId)
            return renewLease(itemId, ttlMs, limits)(ledger, context);
        if (item.lease && Date.parse(item.lease.until) > context.now.getTime()) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LedgerConflictError */ .od(`item ${itemId} is leased by run ${item.lease.runId} until ${item.lease.until}`);
        }
        // The plan was made from an older ledger: another run may have worked the item since.
        if (from && !from.includes(item.status)) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LedgerConflictError */ .od(`item ${itemId} is ${item.status} now, not ${from.join(' or ')} as planned (another run moved it)`);
        }
        const reservedUsd = budget ? reserve(ledger, itemId, budget, context) : undefined;
        const taken = item.status === 'in_progress' ? item : moveItem(item, 'in_progress', 'ccal', context, effective);
        const reservation = reservedUsd === undefined ? '' : `, $${reservedUsd.toFixed(2)} reserved`;
        const leased = withEvent({
            ...taken,
            attempts: taken.attempts + 1,
            lease: {
                runId: context.runId,
                acquiredAt: context.now.toISOString(),
                until,
                ...(reservedUsd === undefined ? {} : { reservedUsd })
            }
        }, event(context, 'leased', {
            detail: `attempt ${taken.attempts + 1} of ${taken.maxAttempts}, until ${until}${reservation}`
        }), effective);
        const totals = { ...ledger.state.totals, attempts: ledger.state.totals.attempts + 1 };
        return {
            ledger: { ...putItems(ledger, [leased]), state: { ...ledger.state, totals } },
            description: `lease ${itemId} to run ${context.runId} (attempt ${leased.attempts} of ${leased.maxAttempts}${reservation})`
        };
    };
}
/** Money set aside by live leases other than `itemId`'s: all of them, and this run's. */
function reservedByOthers(ledger, itemId, runId, now) {
    let day = 0;
    let run = 0;
    for (const other of ledger.items.values()) {
        const lease = other.lease;
        if (other.id === itemId || !lease?.reservedUsd || Date.parse(lease.until) <= now.getTime())
            continue;
        day += lease.reservedUsd;
        if (lease.runId === runId)
            run += lease.reservedUsd;
    }
    return { day, run };
}
/** Model spend recorded by the results of `runId`. */
function spentByRun(ledger, runId) {
    return ledger.results
        .filter(result => result.runId === runId)
        .reduce((sum, result) => sum + result.costUsd, 0);
}
/**
 * The reservation for an item about to start: its cap, or what the budgets still leave after what
 * has been spent and what running items reserved — or a {@link BudgetReservationError} when that is
 * less than the item is expected to cost.
 */
function reserve(ledger, itemId, budget, context) {
    const others = reservedByOthers(ledger, itemId, context.runId, context.now);
    const dayLeft = budget.dayBudgetUsd - spentToday(ledger, context.now) - others.day;
    const runLeft = budget.runBudgetUsd - spentByRun(ledger, context.runId) - others.run;
    const reserved = roundUsd(Math.max(0, Math.min(budget.capUsd, dayLeft, runLeft)));
    if (reserved <= 0 || reserved < Math.min(budget.minimumUsd, budget.capUsd)) {
        const which = dayLeft <= runLeft
            ? `the day budget ($${budget.dayBudgetUsd.toFixed(2)}) leaves $${Math.max(0, dayLeft).toFixed(2)} after today's spend and $${others.day.toFixed(2)} reserved by running items`
            : `the run budget ($${budget.runBudgetUsd.toFixed(2)}) leaves $${Math.max(0, runLeft).toFixed(2)} after this run's spend and $${others.run.toFixed(2)} reserved by its running items`;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BudgetReservationError */ .uM(`${which}; ${itemId} needs ~$${budget.minimumUsd.toFixed(2)}`);
    }
    return reserved;
}
function requireOwnLease(item, context) {
    if (!item.lease || item.lease.runId !== context.runId) {
        const holder = item.lease ? `run ${item.lease.runId}` : 'nobody';
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LedgerConflictError */ .od(`item ${item.id} is not leased by run ${context.runId} (held by ${holder})`);
    }
}
/** Extends this run's lease on an item to `now + ttlMs`. */
function renewLease(itemId, ttlMs, limits) {
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const item = requireItem(ledger, itemId);
        requireOwnLease(item, context);
        const until = new Date(context.now.getTime() + ttlMs).toISOString();
        const renewed = withEvent({ ...item, lease: { ...item.lease, until } }, event(context, 'renewed', { detail: `until ${until}` }), effective);
        return {
            ledger: putItems(ledger, [renewed]),
            description: `renew lease on ${itemId} for run ${context.runId}`
        };
    };
}
/**
 * Gives up this run's lease without a result (e.g. the run is stopping). The item moves to `to`
 * (default back to pending).
 */
function releaseLease(itemId, options = {}, limits) {
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const item = requireItem(ledger, itemId);
        requireOwnLease(item, context);
        const released = withEvent({ ...item, lease: null }, event(context, 'released', { detail: options.reason ?? null }), effective);
        const moved = moveItem(released, options.to ?? 'pending', 'ccal', context, effective, options.reason ?? null);
        return {
            ledger: putItems(ledger, [moved]),
            description: `release ${itemId} from run ${context.runId} → ${moved.status}${options.reason ? ` (${options.reason})` : ''}`
        };
    };
}
/**
 * Stores the Claude session of the run holding the item, as soon as it is known, so a run killed
 * mid-item can still be resumed by the next one.
 */
function recordSessionId(itemId, sessionId) {
    return (ledger, context) => {
        const item = requireItem(ledger, itemId);
        if (item.sessionId === sessionId)
            return { ledger, description: `${itemId} session unchanged` };
        const updated = { ...item, sessionId, updatedAt: context.now.toISOString() };
        return { ledger: putItems(ledger, [updated]), description: `${itemId}: session ${sessionId}` };
    };
}
/**
 * Returns items whose lease has expired (a crashed or cancelled run) to pending — or to failed when
 * they have used all their attempts.
 */
function reclaimExpiredLeases(limits) {
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const now = context.now.getTime();
        const reclaimed = [];
        let charged = 0;
        for (const item of ledger.items.values()) {
            if (!item.lease || Date.parse(item.lease.until) > now)
                continue;
            const reserved = item.lease.reservedUsd;
            const expired = withEvent({ ...item, lease: null }, event(context, 'expired', {
                detail: `lease of run ${item.lease.runId} expired at ${item.lease.until}${reserved ? `; its $${reserved.toFixed(2)} reservation is counted as spent` : ''}`
            }), effective);
            const to = item.attempts >= item.maxAttempts ? 'failed' : 'pending';
            // A run that died may have spent up to what it reserved: counted as spent, so that a killed
            // run's work cannot take the day past its budget unseen.
            charged += item.lease.reservedUsd ?? 0;
            reclaimed.push(item.status === 'in_progress'
                ? moveItem(expired, to, 'ccal', context, effective, 'lease expired')
                : expired);
        }
        if (reclaimed.length === 0)
            return { ledger, description: 'reclaim expired leases: none' };
        const ids = reclaimed.map(item => item.id);
        const state = charged > 0
            ? {
                ...ledger.state,
                dailySpendUsd: addSpend(ledger.state.dailySpendUsd, utcDay(context.now), charged, effective.spendDays)
            }
            : ledger.state;
        return {
            ledger: { ...putItems(ledger, reclaimed), state },
            description: `reclaim ${plural(ids.length, 'expired lease')}: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`
        };
    };
}
// ---------------------------------------------------------------------------------------------
// Status changes and results
/** Moves an item to another status through the transition table (illegal moves throw). */
function transition(itemId, to, options = {}, limits) {
    const pr = options.pr ? _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .PullRequestRefSchema */ .lV.parse(options.pr) : undefined;
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const item = requireItem(ledger, itemId);
        if (item.status === to && (!pr || item.pr?.number === pr.number)) {
            return { ledger, description: `${itemId} already ${to}` };
        }
        let moved = moveItem(item, to, options.actor ?? 'ccal', context, effective, options.reason ?? null);
        // Leaving in_progress by any route ends the lease.
        if (to !== 'in_progress' && moved.lease)
            moved = { ...moved, lease: null };
        if (pr)
            moved = { ...moved, pr };
        const why = options.reason ? ` (${options.reason})` : '';
        return { ledger: putItems(ledger, [moved]), description: `${itemId}: ${item.status} → ${to}${why}` };
    };
}
/**
 * Records an attempt's result: appends it to results (folding old ones into aggregates), adds its
 * cost to today's budget and the totals, ends the run's lease and moves the item on. Without an
 * explicit `status`: success with a PR → pr_open, success without → completed, failure → pending
 * while attempts remain, else failed.
 */
function recordResult(input, outcome = {}, limits) {
    const pr = outcome.pr ? _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .PullRequestRefSchema */ .lV.parse(outcome.pr) : undefined;
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const item = requireItem(ledger, input.itemId);
        const result = {
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
        };
        const withPr = pr ?? item.pr;
        const attempts = outcome.notAnAttempt ? Math.max(0, item.attempts - 1) : item.attempts;
        const to = outcome.status ??
            (input.success
                ? withPr
                    ? 'pr_open'
                    : 'completed'
                : attempts >= item.maxAttempts
                    ? 'failed'
                    : 'pending');
        const recorded = withEvent({
            ...item,
            attempts,
            lease: null,
            pr: withPr,
            sessionId: result.sessionId ?? item.sessionId,
            lastError: result.error
        }, event(context, 'result', {
            detail: `${input.success ? 'success' : 'failure'}${outcome.notAnAttempt ? ' (not counted as an attempt)' : ''}: ${shortTitle(input.summary || result.error || '')}`
        }), effective);
        const moved = moveItem(recorded, to, 'ccal', context, effective);
        const tokens = result.tokens.input + result.tokens.output + result.tokens.cacheRead + result.tokens.cacheWrite;
        const totals = ledger.state.totals;
        const state = {
            ...ledger.state,
            totals: {
                ...totals,
                successes: totals.successes + (result.success ? 1 : 0),
                failures: totals.failures + (result.success ? 0 : 1),
                costUsd: roundUsd(totals.costUsd + result.costUsd),
                tokens: totals.tokens + tokens,
                durationMs: totals.durationMs + result.durationMs
            },
            dailySpendUsd: addSpend(ledger.state.dailySpendUsd, utcDay(context.now), result.costUsd, effective.spendDays)
        };
        const appended = { ...putItems(ledger, [moved]), state, results: [...ledger.results, result] };
        const folded = foldResults(appended, context.now, effective);
        const cost = result.costUsd > 0 ? `, $${result.costUsd.toFixed(2)}` : '';
        const prText = moved.pr && moved.status === 'pr_open' ? ` PR #${moved.pr.number}` : '';
        return {
            ledger: folded.ledger,
            description: `result ${item.id}: ${result.success ? 'success' : 'failure'} → ${moved.status}${prText} (${plural(result.turns, 'turn')}${cost})${folded.count ? `; fold ${plural(folded.count, 'old result')}` : ''}`
        };
    };
}
function roundUsd(value) {
    return Math.round(value * 1e6) / 1e6;
}
function addSpend(daily, day, costUsd, keepDays) {
    const next = { ...daily, [day]: roundUsd((daily[day] ?? 0) + costUsd) };
    const days = Object.keys(next).sort();
    for (const old of days.slice(0, Math.max(0, days.length - keepDays)))
        delete next[old];
    return next;
}
/** Money spent on the UTC day of `now`, in USD. */
function spentToday(ledger, now) {
    return ledger.state.dailySpendUsd[utcDay(now)] ?? 0;
}
/** Folds results beyond the retention limits into per-type aggregates; returns how many it folded. */
function foldResults(ledger, now, limits) {
    const oldest = now.getTime() - limits.maxResultAgeDays * 86_400_000;
    const byAge = ledger.results.filter(result => Date.parse(result.executedAt) < oldest).length;
    const overflow = Math.max(0, ledger.results.length - limits.maxResults);
    const count = Math.max(byAge, overflow);
    if (count === 0)
        return { ledger, count: 0 };
    const sorted = [...ledger.results].sort((a, b) => a.executedAt.localeCompare(b.executedAt));
    const aggregates = { ...ledger.state.aggregates };
    for (const result of sorted.slice(0, count))
        aggregates[result.itemType] = addToAggregate(aggregates[result.itemType], result);
    const state = {
        ...ledger.state,
        aggregates,
        totals: { ...ledger.state.totals, resultsFolded: ledger.state.totals.resultsFolded + count }
    };
    return { ledger: { ...ledger, state, results: sorted.slice(count) }, count };
}
function addToAggregate(aggregate, result) {
    const tokens = result.tokens.input + result.tokens.output + result.tokens.cacheRead + result.tokens.cacheWrite;
    const base = aggregate ?? {
        results: 0,
        successes: 0,
        failures: 0,
        costUsd: 0,
        tokens: 0,
        turns: 0,
        durationMs: 0,
        firstAt: result.executedAt,
        lastAt: result.executedAt
    };
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
    };
}
/** Applies the result retention limits on their own (recordResult already does after each result). */
function pruneHistory(limits) {
    return (ledger, context) => {
        const effective = withLimits(limits, context);
        const folded = foldResults(ledger, context.now, effective);
        return {
            ledger: folded.ledger,
            description: folded.count
                ? `fold ${plural(folded.count, 'old result')} into aggregates`
                : 'fold old results: none'
        };
    };
}
// ---------------------------------------------------------------------------------------------
// System state and patterns
/** Counts a new cycle and remembers which run it was. */
function beginCycle() {
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
    });
}
/** Stores a source's progress marker (log offset, last seen run id, …). */
function setCursor(source, cursor) {
    return ledger => {
        if (JSON.stringify(ledger.state.cursors[source]) === JSON.stringify(cursor)) {
            return { ledger, description: `cursor ${source} unchanged` };
        }
        return {
            ledger: {
                ...ledger,
                state: { ...ledger.state, cursors: { ...ledger.state.cursors, [source]: cursor } }
            },
            description: `cursor ${source} → ${shortTitle(JSON.stringify(cursor))}`
        };
    };
}
/** Records the hash of the settings the run used, so a change of configuration is visible in the log. */
function setConfigHash(hash) {
    return ledger => ledger.state.configHash === hash
        ? { ledger, description: 'config hash unchanged' }
        : {
            ledger: { ...ledger, state: { ...ledger.state, configHash: hash } },
            description: `config hash → ${hash.slice(0, 12)}`
        };
}
/** Creates or updates a learning pattern (keyed by id), keeping its usage counters. */
function upsertPattern(input) {
    return (ledger, context) => {
        const at = context.now.toISOString();
        const existing = ledger.patterns.find(pattern => pattern.id === input.id);
        const pattern = {
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
        };
        const patterns = [...ledger.patterns.filter(other => other.id !== input.id), pattern].sort((a, b) => a.id.localeCompare(b.id));
        return {
            ledger: { ...ledger, patterns },
            description: `${existing ? 'update' : 'add'} pattern ${input.id}`
        };
    };
}
/**
 * Replaces all patterns with a recomputed set (the learning step derives them from the verdicts on
 * CCAL's pull requests); validated like every pattern the ledger stores.
 */
function setPatterns(patterns) {
    const next = _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .PatternsFileSchema */ .V3.parse([...patterns].sort((a, b) => a.id.localeCompare(b.id)));
    return ledger => {
        if (JSON.stringify(ledger.patterns) === JSON.stringify(next)) {
            return { ledger, description: 'patterns unchanged' };
        }
        return { ledger: { ...ledger, patterns: next }, description: `patterns: ${next.length} learned` };
    };
}
/** Counts one use of a pattern and whether it worked. */
function recordPatternUse(patternId, success) {
    return (ledger, context) => {
        const existing = ledger.patterns.find(pattern => pattern.id === patternId);
        if (!existing)
            throw new LedgerLookupError(`no pattern '${patternId}' in the ledger`);
        const usageCount = existing.usageCount + 1;
        const successCount = existing.successCount + (success ? 1 : 0);
        const updated = {
            ...existing,
            usageCount,
            successCount,
            successRate: successCount / usageCount,
            updatedAt: context.now.toISOString()
        };
        const patterns = ledger.patterns.map(pattern => (pattern.id === patternId ? updated : pattern));
        return {
            ledger: { ...ledger, patterns },
            description: `pattern ${patternId} used: ${success ? 'success' : 'failure'}`
        };
    };
}
/** Applies several operations as one commit; the description lists theirs unless one is given. */
function combine(ops, description) {
    return (ledger, context) => {
        let current = ledger;
        const lines = [];
        for (const op of ops) {
            const result = op(current, context);
            if (result.ledger !== current)
                lines.push(result.description);
            current = result.ledger;
        }
        return { ledger: current, description: description ?? (lines.join('; ') || 'no change') };
    };
}
// ---------------------------------------------------------------------------------------------
// Queries
/** The item's newest result that `which` accepts (results are kept oldest first). */
function lastResult(ledger, itemId, which = () => true) {
    for (let index = ledger.results.length - 1; index >= 0; index -= 1) {
        const result = ledger.results[index];
        if (result.itemId === itemId && which(result))
            return result;
    }
    return undefined;
}
/** How many items have this status. */
function countStatus(ledger, status) {
    return ledger.items.count(status);
}
/** Items grouped by status, each group most urgent first, then oldest first. */
function itemsByStatus(ledger) {
    const groups = {
        pending: [],
        in_progress: [],
        pr_open: [],
        completed: [],
        failed: [],
        rejected: [],
        needs_human: [],
        dismissed: []
    };
    for (const item of ledger.items.values())
        groups[item.status].push(item);
    for (const group of Object.values(groups))
        group.sort(_items_js__WEBPACK_IMPORTED_MODULE_2__/* .byUrgency */ .td);
    return groups;
}


/***/ }),

/***/ 1800:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F$: () => (/* binding */ newRunId),
  vX: () => (/* binding */ openLedgerStore)
});

// UNUSED EXPORTS: DEFAULT_IDENTITY, DEFAULT_RETRY

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./lib/git/git.js
var git_git = __webpack_require__(5216);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(9661);
// EXTERNAL MODULE: ./lib/util/logger.js
var logger = __webpack_require__(1634);
;// CONCATENATED MODULE: ./lib/ledger/layout.js
/**
 * How the ledger is laid out on its branch and how each file is written and read back.
 *
 * ```
 * README.md                     what this branch is (written once, when the branch is created)
 * state.json                    SystemState, with schemaVersion
 * results.json                  recent ExecutionResults, oldest first
 * patterns.json                 LearningPatterns, ordered by id
 * summary.json                  counts per status and the first items of each (derived from items/)
 * items/<id[0..2]>/<id>.json    one WorkItem per file, sharded by the first two characters of its id
 * ```
 *
 * Files are JSON with two-space indentation and a trailing newline; object keys are sorted
 * alphabetically at every level, so the same state always produces the same bytes and diffs show
 * only what changed.
 */

const STATE_FILE = 'state.json';
const RESULTS_FILE = 'results.json';
const PATTERNS_FILE = 'patterns.json';
const README_FILE = 'README.md';
const SUMMARY_FILE = 'summary.json';
const ITEMS_DIR = 'items';
/** The path of an item's file on the ledger branch. */
function itemPath(id) {
    return `${ITEMS_DIR}/${id.slice(0, 2)}/${id}.json`;
}
const ITEM_PATH = /^items\/([0-9a-f]{2})\/([0-9a-f]{8,64})\.json$/;
/** Classifies a path found on the ledger branch. */
function classifyPath(path) {
    if (path === STATE_FILE)
        return { kind: 'state' };
    if (path === RESULTS_FILE)
        return { kind: 'results' };
    if (path === PATTERNS_FILE)
        return { kind: 'patterns' };
    if (path === README_FILE)
        return { kind: 'readme' };
    if (path === SUMMARY_FILE)
        return { kind: 'summary' };
    const match = ITEM_PATH.exec(path);
    if (match && match[2].startsWith(match[1]))
        return { kind: 'item', id: match[2] };
    return { kind: 'unknown' };
}
/** Serializes a value the way every ledger file is written: sorted keys, 2-space indent, final newline. */
function stableJson(value) {
    return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === 'object') {
        const sorted = {};
        for (const key of Object.keys(value).sort()) {
            const child = value[key];
            if (child !== undefined)
                sorted[key] = sortKeys(child);
        }
        return sorted;
    }
    return value;
}
/** The README written at the root of a new ledger branch. */
function readmeText(branch) {
    return [
        `# ${branch}`,
        '',
        'This branch is the ledger of CCAL (Claude Code Autonomous Loop): its work items, results,',
        'learning patterns and state, as JSON. CCAL writes it with git plumbing; do not merge it into',
        'other branches.',
        '',
        `- \`git log -p ${branch}\` is the audit trail: one commit per change, saying what and which run.`,
        `- \`git log -p ${branch} -- items/ab/ab12cd34ef56.json\` is one item's history.`,
        '- `ccal ledger verify` checks it; `ccal ledger restore <sha>` restores an earlier version as a new commit.',
        ''
    ].join('\n');
}
/** Builds the error for an unreadable ledger file. */
function corruptError(where, file, keyPath, problem, restoreHint = restoreAdvice(where.branch, null)) {
    const at = keyPath ? `${file}: ${keyPath}: ` : `${file}: `;
    return new errors/* LedgerCorruptError */.nV(`ledger branch '${where.branch}' at ${where.commit.slice(0, 7)}: ${at}${problem}. ${restoreHint}`, { branch: where.branch, commit: where.commit, file, keyPath, problem });
}
/** The sentence telling a user how to get back to a readable ledger. */
function restoreAdvice(branch, lastGoodSha) {
    return lastGoodSha
        ? `Restore with: ccal ledger restore ${lastGoodSha.slice(0, 12)} (the commit before this file last changed; see git log origin/${branch})`
        : `Restore with: ccal ledger restore <last-good-sha> (see git log origin/${branch})`;
}
/** The same error with a better restore hint, once the store has found a likely good commit. */
function withRestoreHint(error, lastGoodSha) {
    const { branch, commit, file, keyPath, problem } = error.details;
    return corruptError({ branch, commit }, file, keyPath, problem, restoreAdvice(branch, lastGoodSha));
}
/** Parses a file's text as JSON or throws the corrupt-ledger error naming it. */
function parseJsonFile(text, file, where) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw corruptError(where, file, '', `not valid JSON (${error.message})`);
    }
}
/** Validates raw JSON against a schema or throws the corrupt-ledger error naming file and key path. */
function decodeFile(schema, raw, file, where) {
    const parsed = schema.safeParse(raw);
    if (parsed.success)
        return parsed.data;
    const issue = parsed.error.issues[0];
    const keyPath = issue.path.map(String).join('.');
    throw corruptError(where, file, keyPath || '(root)', describeIssue(issue, valueAt(raw, issue.path)));
}
function describeIssue(issue, found) {
    const shown = found === undefined ? 'nothing' : truncate(JSON.stringify(found), 60);
    if (issue.code === 'invalid_value')
        return `expected one of ${issue.values.map(String).join('|')}, found ${shown}`;
    if (issue.code === 'unrecognized_keys')
        return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_type')
        return `expected ${issue.expected}, found ${shown}`;
    return `${issue.message}, found ${shown}`;
}
function valueAt(raw, path) {
    let current = raw;
    for (const key of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[key];
    }
    return current;
}
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// EXTERNAL MODULE: ./lib/ledger/schema.js
var schema = __webpack_require__(5302);
;// CONCATENATED MODULE: ./lib/ledger/migrate.js
/**
 * Schema migrations. `state.json` carries `schemaVersion`; a ledger written by an older CCAL is
 * migrated in memory, one version step at a time, before validation, and the next write rewrites
 * every file in the current format (one commit, so `git log` shows the migration). A ledger written
 * by a newer CCAL is refused: this code cannot know what the newer fields mean.
 */


/**
 * The migration table: entry N upgrades version N to N + 1, together with bumping SCHEMA_VERSION.
 * - 1 → 2: items get generations (`generation`, `generations`, `words`); every item so far is in
 *   its first. Results get the executor's `code` (unknown: null) and `deniedTools` (none known).
 */
const MIGRATIONS = {
    1: raw => ({
        ...raw,
        results: Array.isArray(raw.results)
            ? raw.results.map(result => result !== null && typeof result === 'object' && !Array.isArray(result)
                ? { code: null, deniedTools: [], ...result }
                : result)
            : raw.results,
        items: new Map([...raw.items].map(([path, item]) => [
            path,
            item !== null && typeof item === 'object' && !Array.isArray(item)
                ? { generation: 1, generations: [], words: [], ...item }
                : item
        ]))
    })
};
/** Applies the migrations from `fromVersion` up to `toVersion`; each step also stamps the new version into state. */
function migrate(raw, fromVersion, toVersion = schema/* SCHEMA_VERSION */.f$, table = MIGRATIONS) {
    let current = raw;
    for (let version = fromVersion; version < toVersion; version += 1) {
        const step = table[version];
        if (!step)
            throw new errors/* CcalError */.WK(`no migration from ledger schema version ${version} to ${version + 1}`);
        current = step(current);
        if (current.state !== null && typeof current.state === 'object') {
            current = {
                ...current,
                state: { ...current.state, schemaVersion: version + 1 }
            };
        }
    }
    return current;
}
/** Reads `schemaVersion` from a raw state file, or null when it is missing or not a positive integer. */
function rawSchemaVersion(rawState) {
    if (rawState === null || typeof rawState !== 'object')
        return null;
    const version = rawState.schemaVersion;
    return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : null;
}

;// CONCATENATED MODULE: ./lib/ledger/tree.js
/**
 * The ledger commit's tree, held in memory (every file's blob sha and every directory's tree sha),
 * so a write can compute the new tree objects of just the directories it touches instead of asking
 * git to rebuild an index of every file. With items sharded into `items/<xx>/`, changing one item
 * means three new tree objects (its shard, `items`, the root), whatever the ledger's size. The tree
 * objects are computed here and written with one `git mktree --batch`, which checks our shas.
 */

/** A snapshot of the empty tree (a branch that does not exist yet). */
const EMPTY_TREE = { dirs: new Map(), trees: new Map() };
const REGULAR = '100644';
const DIRECTORY = '40000';
/** Git writes a directory's mode as `040000` in listings and `40000` in tree objects. */
function entryMode(mode) {
    return mode === '040000' ? DIRECTORY : mode;
}
/** The blob sha of the file at `path`, if the snapshot has one there. */
function blobAt(snapshot, path) {
    const entry = snapshot.dirs.get(parentOf(path))?.get(nameOf(path));
    return entry && entry.mode !== DIRECTORY ? entry.sha : undefined;
}
/** The sha git gives the directory `dir` ('' is the root) with the entries the snapshot holds for it. */
function computedTreeSha(snapshot, dir) {
    return treeSha([...(snapshot.dirs.get(dir) ?? [])].map(([name, entry]) => ({ name, ...entry })));
}
/** Every file of the snapshot as [path, blob sha]. */
function* filesOf(snapshot) {
    for (const [dir, entries] of snapshot.dirs) {
        for (const [name, entry] of entries)
            if (entry.mode !== DIRECTORY)
                yield [dir === '' ? name : `${dir}/${name}`, entry.sha];
    }
}
/** Reads `git ls-tree -r -t -z --full-tree <commit>` output; `root` is the commit's tree sha. */
function parseLsTree(out, root) {
    const dirs = new Map([['', new Map()]]);
    const trees = new Map([['', root]]);
    for (const entry of out.split('\0')) {
        if (!entry)
            continue;
        const tab = entry.indexOf('\t');
        const [mode, type, sha] = entry.slice(0, tab).split(' ');
        const path = entry.slice(tab + 1);
        if (type === 'tree')
            trees.set(path, sha);
        entriesOf(dirs, parentOf(path)).set(nameOf(path), { mode: entryMode(mode), sha });
    }
    return { dirs, trees };
}
function entriesOf(dirs, dir) {
    let entries = dirs.get(dir);
    if (!entries) {
        entries = new Map();
        dirs.set(dir, entries);
    }
    return entries;
}
/** Reads `git diff-tree -r -t -z --no-renames <old> <new>` output. */
function parseDiffTree(out) {
    const fields = out.split('\0');
    const changes = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
        const meta = fields[index];
        if (!meta.startsWith(':'))
            break;
        const [oldMode, newMode, , newSha, status] = meta.slice(1).split(' ');
        const deleted = status === 'D';
        const mode = deleted ? oldMode : newMode;
        changes.push({ path: fields[index + 1], sha: deleted ? null : newSha, mode, isTree: mode === '040000' });
    }
    return changes;
}
/** Copies the entries of each directory once, the first time a change touches it. */
class DirectoryCopies {
    dirs;
    copied = new Set();
    constructor(base) {
        this.dirs = new Map(base.dirs);
    }
    entries(dir) {
        if (!this.copied.has(dir)) {
            this.copied.add(dir);
            this.dirs.set(dir, new Map(this.dirs.get(dir)));
        }
        return this.dirs.get(dir);
    }
}
/** `previous` with `changes` applied; `root` is the new commit's tree sha. */
function applyTreeChanges(previous, changes, root) {
    const copies = new DirectoryCopies(previous);
    const trees = new Map(previous.trees);
    trees.set('', root);
    for (const change of changes) {
        const parent = copies.entries(parentOf(change.path));
        if (change.sha)
            parent.set(nameOf(change.path), { mode: entryMode(change.mode), sha: change.sha });
        else
            parent.delete(nameOf(change.path));
        if (!change.isTree)
            continue;
        if (change.sha)
            trees.set(change.path, change.sha);
        else {
            trees.delete(change.path);
            copies.dirs.delete(change.path);
        }
    }
    return { dirs: copies.dirs, trees };
}
function parentOf(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
function nameOf(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
/**
 * Plans the new tree after writing `updates` (path → blob sha, regular files) and deleting
 * `removals`: only the directories containing a changed path get new tree objects; a directory left
 * empty disappears, as in git.
 */
function planTree(base, updates, removals) {
    const copies = new DirectoryCopies(base);
    const dirty = new Set(['']);
    for (const path of [...updates.keys(), ...removals]) {
        for (let dir = parentOf(path); dir !== ''; dir = parentOf(dir))
            dirty.add(dir);
    }
    for (const [path, sha] of updates)
        copies.entries(parentOf(path)).set(nameOf(path), { mode: REGULAR, sha });
    for (const path of removals)
        copies.entries(parentOf(path)).delete(nameOf(path));
    const trees = new Map(base.trees);
    const planned = [];
    const deepestFirst = [...dirty].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1));
    for (const dir of deepestFirst) {
        const own = [...copies.entries(dir)].map(([name, entry]) => ({ name, ...entry }));
        if (own.length === 0 && dir !== '') {
            trees.delete(dir);
            copies.dirs.delete(dir);
            copies.entries(parentOf(dir)).delete(nameOf(dir));
            continue;
        }
        const sha = treeSha(own);
        trees.set(dir, sha);
        planned.push({ dir, sha, mktreeLines: own.map(mktreeLine) });
        if (dir !== '')
            copies.entries(parentOf(dir)).set(nameOf(dir), { mode: DIRECTORY, sha });
    }
    return { trees: planned, root: trees.get(''), snapshot: { dirs: copies.dirs, trees } };
}
function depth(dir) {
    return dir === '' ? 0 : dir.split('/').length;
}
function mktreeLine(entry) {
    const type = entry.mode === DIRECTORY ? 'tree' : entry.mode === '160000' ? 'commit' : 'blob';
    return `${entry.mode === DIRECTORY ? '040000' : entry.mode} ${type} ${entry.sha}\t${entry.name}`;
}
/** The sha git gives a tree with these entries (sorted as git sorts them: a directory as `name/`). */
function treeSha(entries) {
    const key = (entry) => entry.mode === DIRECTORY ? `${entry.name}/` : entry.name;
    const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))));
    const body = Buffer.concat(sorted.flatMap(entry => [Buffer.from(`${entry.mode} ${entry.name}\0`), Buffer.from(entry.sha, 'hex')]));
    return (0,external_node_crypto_.createHash)('sha1').update(`tree ${body.length}\0`).update(body).digest('hex');
}

// EXTERNAL MODULE: ./lib/ledger/ops.js
var ops = __webpack_require__(4381);
// EXTERNAL MODULE: ./lib/ledger/items.js
var ledger_items = __webpack_require__(7921);
// EXTERNAL MODULE: ./lib/ledger/summary.js
var ledger_summary = __webpack_require__(3825);
;// CONCATENATED MODULE: ./lib/ledger/store.js
/**
 * The ledger store: reads the ledger branch from a remote and writes it back with compare-and-swap,
 * using git plumbing only — the working tree, the index and the checked-out branch of the
 * repository are never touched.
 *
 * Read: `git fetch <remote> +refs/heads/<branch>:refs/remotes/<remote>/<branch>`, then `ls-tree` and
 * one `cat-file --batch` for the blobs (after the first read, only the blobs a `diff-tree` says
 * changed). Every file is validated; anything unreadable is a {@link LedgerCorruptError} and nothing
 * is written over it.
 *
 * Write: apply the operation to the state last read, write the changed files as blobs, compute the
 * new tree objects of only the directories that changed (tree.ts) and write them with one
 * `mktree --batch`, `commit-tree` with the sha read as parent, and push it without force.
 * A push rejected because another writer got there first is answered by fetching, re-applying the
 * same operation to the newer state and trying again after a jittered, bounded back-off, so no
 * update is lost. Other push failures (authentication, a protected branch) are reported at once.
 */











/** Defaults for {@link RetryPolicy}: enough for a handful of concurrent runners. */
const DEFAULT_RETRY = { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 1500 };
/** Who the ledger commits are by, when nothing else is configured. */
const DEFAULT_IDENTITY = { name: 'ccal[bot]', email: 'ccal-bot@users.noreply.github.com' };
/** Opens the ledger of the repository at `options.repoDir`; nothing is fetched until the first read. */
async function openLedgerStore(options) {
    const remote = options.remote ?? 'origin';
    const branch = options.branch ?? 'ccal-ledger';
    // Both end up in git's argument vector: refuse anything git could read as an option or refspec syntax.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote))
        throw new errors/* CcalError */.WK(`invalid remote name '${remote}'`);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..') || branch.endsWith('.lock')) {
        throw new errors/* CcalError */.WK(`invalid ledger branch name '${branch}'`);
    }
    const base = options.git ?? (0,git_git/* createGit */.lD)({ cwd: options.repoDir, logger: options.logger });
    const url = await base.exec(['remote', 'get-url', remote]);
    if (url.exitCode !== 0) {
        if (/not a git repository/i.test(url.stderr))
            throw new errors/* CcalError */.WK(`${options.repoDir} is not inside a git repository`);
        throw new errors/* CcalError */.WK(`the repository at ${options.repoDir} has no remote '${remote}'`);
    }
    const remoteUrl = url.stdout.trim();
    const git = (0,git_git/* withTokenAuth */.mq)(base, remoteUrl, options.tokens);
    return new GitLedgerStore(git, { ...options, remote });
}
const EMPTY = {
    ledger: (0,schema/* emptyLedger */.Hg)(),
    commit: null,
    tree: null,
    snapshot: EMPTY_TREE,
    rewriteAll: false
};
/** The depth git itself uses for `--unshallow`: all of a branch's history. */
const FULL_DEPTH = 2147483647;
class GitLedgerStore {
    git;
    options;
    branch;
    remote;
    trackingRef;
    /** The newest ledger head this clone has seen (read or written): history must only move on from it. */
    seenRef;
    loaded = null;
    retry;
    logger;
    now;
    random;
    sleep;
    constructor(git, options) {
        this.git = git;
        this.options = options;
        this.branch = options.branch ?? 'ccal-ledger';
        this.remote = options.remote;
        this.trackingRef = `refs/remotes/${this.remote}/${this.branch}`;
        this.seenRef = `refs/ccal/seen/${this.remote}/${this.branch}`;
        this.retry = { ...DEFAULT_RETRY, ...options.retry };
        this.logger = options.logger ?? logger/* silentLogger */.qq;
        this.now = options.now ?? (() => new Date());
        this.random = options.random ?? Math.random;
        this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    }
    async read(options = {}) {
        if (!this.loaded || options.refresh)
            this.loaded = await this.refresh(this.loaded);
        return { ledger: this.loaded.ledger, commit: this.loaded.commit };
    }
    async write(op) {
        let fresh = this.loaded === null;
        if (!this.loaded) {
            // A first read of a large ledger takes a while, and other writers may commit meanwhile. A
            // second fetch costs little (nothing to transfer, only the changed files to read) and
            // narrows the window between reading the branch and pushing to it.
            this.loaded = await this.refresh(null);
            if (this.loaded.commit)
                this.loaded = await this.refresh(this.loaded);
        }
        let snapshot = this.loaded;
        for (let attempt = 1;; attempt += 1) {
            const context = {
                now: this.now(),
                runId: this.options.runId,
                ...(this.options.limits ? { limits: this.options.limits } : {})
            };
            let outcome;
            try {
                outcome = op(snapshot.ledger, context);
            }
            catch (error) {
                // The state we hold may be stale (another run added or leased the item): judge the
                // operation against the branch as it is now before giving up.
                if (fresh || !(0,errors/* isCcalError */.AT)(error))
                    throw error;
                snapshot = this.loaded = await this.refresh(snapshot);
                outcome = op(snapshot.ledger, context);
            }
            const written = await this.commitLedger(snapshot, outcome.ledger, outcome.description, context);
            if (!written)
                return {
                    ledger: snapshot.ledger,
                    commit: snapshot.commit,
                    changed: false,
                    description: outcome.description,
                    attempts: attempt
                };
            const pushed = await this.push(written.commit);
            if (pushed.ok) {
                // git push moves the remote-tracking ref itself when the remote has the usual fetch refspec.
                this.loaded = { ...written, ledger: outcome.ledger, rewriteAll: false };
                await this.moveSeen(written.commit, snapshot.commit);
                return {
                    ledger: outcome.ledger,
                    commit: written.commit,
                    changed: true,
                    description: outcome.description,
                    attempts: attempt
                };
            }
            if (attempt >= this.retry.maxAttempts) {
                throw new errors/* LedgerConflictError */.od(`could not update ledger branch '${this.branch}' after ${attempt} attempts: other writers kept winning (${pushed.reason})`);
            }
            const delay = this.backoff(attempt);
            this.logger.debug(`ledger push lost a race (${pushed.reason}); retrying in ${delay} ms`, { attempt });
            await this.sleep(delay);
            snapshot = this.loaded = await this.refresh(snapshot);
            fresh = true;
        }
    }
    async overview() {
        const head = await this.fetchForward();
        if (head && !this.loaded) {
            const quick = await this.readSummary(head);
            if (quick)
                return quick;
        }
        this.loaded = await this.loadHead(this.loaded, head);
        const { ledger, commit, snapshot } = this.loaded;
        return {
            commit,
            state: ledger.state,
            patterns: ledger.patterns,
            summary: (0,ledger_summary/* summarize */.e)(ledger.items, snapshot.trees.get(ITEMS_DIR) ?? null)
        };
    }
    /**
     * The overview from `summary.json`, state.json and patterns.json of `head` alone, or null when
     * the summary is missing, unreadable or describes other items than the head's (a writer that
     * did not keep it, a hand edit): the full read then answers, and says what is wrong if anything is.
     */
    async readSummary(head) {
        const where = this.where(head.commit);
        const files = [STATE_FILE, PATTERNS_FILE, SUMMARY_FILE, ITEMS_DIR];
        const found = new Map();
        await this.catFile(files.map(file => `${head.commit}:${file}`), (index, object) => {
            if (object)
                found.set(files[index], object);
        });
        const [state, patterns, summary] = [STATE_FILE, PATTERNS_FILE, SUMMARY_FILE].map(file => found.get(file));
        if (!state || !summary)
            return null;
        try {
            const rawState = parseJsonFile(state.text, STATE_FILE, where);
            if (this.checkVersion(rawState, where) !== schema/* SCHEMA_VERSION */.f$)
                return null;
            const decoded = schema/* LedgerSummarySchema */.h5.safeParse(parseJsonFile(summary.text, SUMMARY_FILE, where));
            if (!decoded.success || decoded.data.items !== (found.get(ITEMS_DIR)?.sha ?? null))
                return null;
            await this.moveSeen(head.commit, head.seen);
            return {
                commit: head.commit,
                state: decodeFile(schema/* SystemStateSchema */.WP, rawState, STATE_FILE, where),
                patterns: decodeFile(schema/* PatternsFileSchema */.V3, optionalJson(patterns?.text, PATTERNS_FILE, where), PATTERNS_FILE, where),
                summary: decoded.data
            };
        }
        catch (error) {
            if (error instanceof errors/* LedgerCorruptError */.nV)
                return null;
            throw error;
        }
    }
    async init() {
        const snapshot = await this.read();
        if (snapshot.commit)
            return snapshot;
        const created = await this.write(ledger => ({
            ledger,
            description: `create ledger branch '${this.branch}'`
        }));
        return { ledger: created.ledger, commit: created.commit };
    }
    async log(options = {}) {
        const snapshot = await this.read({ refresh: true });
        if (!snapshot.commit)
            return [];
        await this.deepen();
        const paths = [];
        if (options.itemId)
            paths.push('--', itemPath((0,ops/* resolveItemId */.Pl)(snapshot.ledger, options.itemId)));
        const limit = options.limit ? [`--max-count=${options.limit}`] : [];
        const format = '--format=%H%x1f%cI%x1f%s%x1f%(trailers:key=CCAL-Run,valueonly,separator=%x2C)%x1e';
        const out = await this.git.run(['log', format, ...limit, snapshot.commit, ...paths]);
        return out
            .split('\x1e')
            .map(record => record.trim())
            .filter(record => record.length > 0)
            .map(record => {
            const [sha = '', date = '', subject = '', runId = ''] = record.split('\x1f');
            return { sha, date, subject, runId: runId.trim() || null };
        });
    }
    async restore(sha) {
        if (!/^[0-9a-f]{4,64}$/i.test(sha))
            throw new errors/* LedgerLookupError */.uu(`'${sha}' is not a commit sha`);
        for (let attempt = 1;; attempt += 1) {
            const headInfo = await this.fetchHead();
            const head = headInfo?.commit ?? null;
            await this.deepen();
            const target = await this.git.exec(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
            if (target.exitCode !== 0)
                throw new errors/* LedgerLookupError */.uu(`no commit '${sha}' in the ledger's history (see ccal ledger log)`);
            const targetSha = target.stdout.trim();
            let restored;
            try {
                restored = await this.loadFull(targetSha);
            }
            catch (error) {
                if (error instanceof errors/* LedgerCorruptError */.nV) {
                    throw new errors/* CcalError */.WK(`commit ${targetSha.slice(0, 7)} is not a readable ledger either: ${error.details.file}: ${error.details.problem}`, {
                        cause: error
                    });
                }
                throw error;
            }
            const headTree = headInfo?.tree ?? null;
            const subject = (await this.git.run(['log', '-1', '--format=%s', targetSha])).trim();
            const description = `restore ledger to ${targetSha.slice(0, 12)} (${subject})`;
            if (headTree === restored.tree) {
                this.loaded = { ...restored, commit: head };
                if (head)
                    await this.git.exec(['update-ref', this.seenRef, head]);
                return { ledger: restored.ledger, commit: head, changed: false, description, attempts: attempt };
            }
            const commit = await this.commitTree(restored.tree, head, description, {
                now: this.now(),
                runId: this.options.runId,
                ...(this.options.limits ? { limits: this.options.limits } : {})
            });
            const pushed = await this.push(commit);
            if (pushed.ok) {
                this.loaded = { ...restored, commit };
                // A person chose this content: history goes on from the new commit, whatever was seen before.
                await this.git.exec(['update-ref', this.seenRef, commit]);
                return { ledger: restored.ledger, commit, changed: true, description, attempts: attempt };
            }
            if (attempt >= this.retry.maxAttempts) {
                throw new errors/* LedgerConflictError */.od(`could not restore ledger branch '${this.branch}' after ${attempt} attempts (${pushed.reason})`);
            }
            await this.sleep(this.backoff(attempt));
        }
    }
    async verify() {
        const head = await this.fetchHead();
        if (!head)
            return {
                commit: null,
                items: 0,
                problems: [],
                warnings: [`ledger branch '${this.branch}' does not exist yet`]
            };
        const loaded = await this.loadFull(head.commit, head.tree).catch(async (error) => {
            throw error instanceof errors/* LedgerCorruptError */.nV ? await this.withLastGood(error) : error;
        });
        this.loaded = loaded;
        const problems = [];
        const warnings = [];
        const byFingerprint = new Map();
        for (const item of loaded.ledger.items.values()) {
            const other = byFingerprint.get(item.fingerprint);
            if (other)
                problems.push(`${itemPath(item.id)}: fingerprint also used by item ${other}`);
            byFingerprint.set(item.fingerprint, item.id);
            if (item.status === 'in_progress' && !item.lease)
                problems.push(`${itemPath(item.id)}: in_progress without a lease`);
            if (item.lease && item.status !== 'in_progress')
                problems.push(`${itemPath(item.id)}: leased while ${item.status}`);
            if (item.attempts > item.maxAttempts)
                warnings.push(`${itemPath(item.id)}: ${item.attempts} attempts, more than maxAttempts ${item.maxAttempts}`);
            if (item.parentId && !loaded.ledger.items.get(item.parentId))
                warnings.push(`${itemPath(item.id)}: parent ${item.parentId} is not in the ledger`);
        }
        for (const [path] of filesOf(loaded.snapshot)) {
            if (classifyPath(path).kind === 'unknown')
                warnings.push(`${path}: not a ledger file (kept as is)`);
        }
        if (loaded.rewriteAll)
            warnings.push(`written with an older schema version; the next write migrates it to version ${schema/* SCHEMA_VERSION */.f$}`);
        return { commit: head.commit, items: loaded.ledger.items.size, problems, warnings };
    }
    // -------------------------------------------------------------------------------------------
    // Reading
    /** Fetches the branch and loads it, reusing what `previous` already holds where possible. */
    async refresh(previous) {
        return this.loadHead(previous, await this.fetchForward(previous === null));
    }
    /** Loads the fetched `head`, reusing what `previous` already holds where possible. */
    async loadHead(previous, head) {
        if (!head)
            return EMPTY;
        if (previous?.commit === head.commit)
            return previous;
        // This clone has seen the head, readable or not: the mark moves while the files are read. Only
        // a git that cannot start makes it throw, and then the reads below say so.
        const marked = this.moveSeen(head.commit, head.seen).catch(() => undefined);
        try {
            if (previous?.commit && !previous.rewriteAll) {
                const incremental = await this.loadChanges(previous, head.commit, head.tree);
                if (incremental)
                    return incremental;
            }
            return await this.loadFull(head.commit, head.tree, head.listing);
        }
        catch (error) {
            if (error instanceof errors/* LedgerCorruptError */.nV)
                throw await this.withLastGood(error);
            throw error;
        }
        finally {
            await marked;
        }
    }
    /**
     * Fetches the head and refuses one that does not contain the last head this clone saw: the
     * branch's history was rewritten, and reading it would lose items and rewind the spend counters.
     * Both ways out are a `ccal ledger restore`, which makes a new commit and moves the mark along.
     * Runs sharing the clone move the tracking ref and the mark as they go, so a head that looks
     * behind is fetched again, and only one the remote itself still shows is refused.
     */
    /** `list`: a full load of a first fetch follows (see {@link fetchHead}). */
    async fetchForward(list = false) {
        for (let attempt = 1;; attempt += 1) {
            const last = await this.lastSeen();
            // With no head seen before there is no history to check against: the head alone will do.
            const head = await this.fetchHead(last ? {} : { depth: 1, list });
            if (!last || head?.commit === last || (head && (await this.isAncestor(last, head.commit))))
                return head && { ...head, seen: last ?? null };
            const remote = await this.git.exec(['ls-remote', '--heads', this.remote, `refs/heads/${this.branch}`]);
            const shown = remote.exitCode === 0 ? (remote.stdout.split('\t')[0]?.trim() ?? '') || null : undefined;
            const confirmed = shown !== undefined && shown === (head?.commit ?? null);
            if (confirmed && (await this.lastSeen()) === last)
                throw this.rollback(head?.commit ?? null, last);
            if (attempt >= 5)
                throw this.rollback(head?.commit ?? null, last);
            await this.sleep(this.backoff(attempt));
        }
    }
    async lastSeen() {
        const seen = await this.git.exec(['rev-parse', '--verify', '--quiet', `${this.seenRef}^{commit}`]);
        return seen.exitCode === 0 ? seen.stdout.trim() : undefined;
    }
    async isAncestor(older, newer) {
        return (await this.git.exec(['merge-base', '--is-ancestor', older, newer])).exitCode === 0;
    }
    rollback(head, last) {
        const where = `ledger branch '${this.branch}' on ${this.remote}`;
        const now = head
            ? `is at ${head.slice(0, 12)}, which does not contain`
            : 'is gone, though this machine saw it at';
        return new errors/* LedgerRollbackError */.sC(`${where} ${now} ${last.slice(0, 12)}, the last head this machine saw: its history was rewritten (a force-push to an older commit?), and reading it would lose what was recorded since. Nothing was written. To keep what this machine saw: ccal ledger restore ${last.slice(0, 12)}${head ? `; to accept the branch as it is: ccal ledger restore ${head.slice(0, 12)}` : ''}`);
    }
    /**
     * `expected`: where the mark is believed to be (null: nowhere yet), such as the head `commit` was
     * written on or the mark as the fetch found it.
     */
    async moveSeen(commit, expected) {
        // The usual case in one command, a compare-and-swap: the mark moves on from where it was.
        if (expected !== undefined) {
            if (expected === commit)
                return;
            const swap = ['update-ref', this.seenRef, commit, expected ?? ''];
            if ((await this.git.exec(swap)).exitCode === 0)
                return;
        }
        const last = await this.lastSeen();
        // Several runs share the clone: never move the mark back to an older head one of them still holds.
        if (last && (last === commit || (await this.isAncestor(commit, last))))
            return;
        await this.git.exec(['update-ref', this.seenRef, commit]);
    }
    /**
     * Fetches the rest of the ledger's history, for the commands that read it (`log`, `restore`, a
     * restore hint): a first fetch takes only the head, which is all a cycle needs.
     */
    async deepen() {
        if ((await this.git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true')
            await this.fetchHead({ depth: FULL_DEPTH });
    }
    /**
     * Fetches the ledger branch into its tracking ref and returns its sha, or null when the branch
     * does not exist. `depth` limits how much history comes along.
     */
    async fetchHead(options = {}) {
        const args = [
            'fetch',
            '--quiet',
            '--no-tags',
            '--no-write-fetch-head',
            '--no-recurse-submodules',
            ...(options.depth ? [`--depth=${options.depth}`] : []),
            this.remote,
            `+refs/heads/${this.branch}:${this.trackingRef}`
        ];
        for (let attempt = 1;; attempt += 1) {
            // A ledger fetch should not start the user's background maintenance every time it runs.
            const result = await this.git.exec(args, { config: { 'maintenance.auto': 'false' } });
            if (result.exitCode === 0) {
                // `list`: a full load follows, so its listing starts with the sha lookup; it is checked
                // against the tree sha before it is used (another fetch may move the ref in between).
                const listing = options.list
                    ? this.git.run(['ls-tree', '-r', '-t', '-z', '--full-tree', this.trackingRef]).catch(() => null)
                    : undefined;
                const resolved = await this.git.exec(['rev-parse', this.trackingRef, `${this.trackingRef}^{tree}`]);
                if (resolved.exitCode === 0) {
                    const [commit, tree] = resolved.stdout.trim().split('\n');
                    return { commit: commit, tree: tree, ...(listing ? { listing } : {}) };
                }
                // Another run sharing the clone found the branch missing a moment ago and dropped the
                // tracking ref between our fetch and this lookup: fetch again.
                if (attempt < this.retry.maxAttempts) {
                    await this.sleep(this.backoff(attempt));
                    continue;
                }
                throw (0,git_git/* commandFailed */.n6)(['rev-parse', this.trackingRef], resolved);
            }
            if (/couldn't find remote ref/i.test(result.stderr)) {
                await this.git.exec(['update-ref', '-d', this.trackingRef]);
                return null;
            }
            // Two processes fetching into one clone contend for the ref's lock file; that passes.
            if (isLockContention(result.stderr) && attempt < this.retry.maxAttempts) {
                await this.sleep(this.backoff(attempt));
                continue;
            }
            throw remoteFailure('fetch', this.remote, args, result);
        }
    }
    where(commit) {
        return { branch: this.branch, commit };
    }
    /** Loads every file of a commit. */
    async loadFull(commit, knownTree, earlyListing) {
        const where = this.where(commit);
        const early = knownTree && earlyListing ? await earlyListing : null;
        let snapshot = early === null ? null : parseLsTree(early, knownTree);
        if (!snapshot || computedTreeSha(snapshot, '') !== knownTree) {
            const [tree, listing] = await Promise.all([
                knownTree ?? this.git.run(['rev-parse', `${commit}^{tree}`]).then(out => out.trim()),
                this.git.run(['ls-tree', '-r', '-t', '-z', '--full-tree', commit])
            ]);
            snapshot = parseLsTree(listing, tree);
        }
        const tree = snapshot.trees.get('');
        const stateSha = blobAt(snapshot, STATE_FILE);
        if (stateSha === undefined)
            throw corruptError(where, STATE_FILE, '', 'missing: this branch does not look like a CCAL ledger');
        // Items are decoded as their blobs stream in, so the raw text of 50k files is never held at
        // once. state.json is asked for first: its schema version says whether they can be.
        const pathsOf = new Map([[stateSha, []]]);
        for (const [path, sha] of filesOf(snapshot)) {
            if (isLedgerData(path))
                pathsOf.set(sha, [...(pathsOf.get(sha) ?? []), path]);
        }
        const texts = new Map();
        const items = [];
        const rawItems = new Map();
        let version = 0;
        await this.readBlobs([...pathsOf.keys()], (sha, text) => {
            for (const path of pathsOf.get(sha)) {
                if (classifyPath(path).kind !== 'item') {
                    texts.set(path, text);
                    if (path === STATE_FILE)
                        version = this.checkVersion(parseJsonFile(text, STATE_FILE, where), where);
                    continue;
                }
                const raw = parseJsonFile(text, path, where);
                if (version === schema/* SCHEMA_VERSION */.f$)
                    items.push(decodeItem(path, raw, where));
                else
                    rawItems.set(path, raw);
            }
        });
        const raw = {
            state: parseJsonFile(texts.get(STATE_FILE), STATE_FILE, where),
            results: optionalJson(texts.get(RESULTS_FILE), RESULTS_FILE, where),
            patterns: optionalJson(texts.get(PATTERNS_FILE), PATTERNS_FILE, where),
            items: rawItems
        };
        const migrated = version < schema/* SCHEMA_VERSION */.f$ ? migrate(raw, version) : raw;
        for (const [path, value] of migrated.items)
            items.push(decodeItem(path, value, where));
        const ledger = {
            state: decodeFile(schema/* SystemStateSchema */.WP, migrated.state, STATE_FILE, where),
            results: decodeFile(schema/* ResultsFileSchema */.sp, migrated.results, RESULTS_FILE, where),
            patterns: decodeFile(schema/* PatternsFileSchema */.V3, migrated.patterns, PATTERNS_FILE, where),
            items: ledger_items/* Items */.tN.from(items)
        };
        return { ledger, commit, tree, snapshot, rewriteAll: version < schema/* SCHEMA_VERSION */.f$ };
    }
    /**
     * Loads `commit` as `previous` plus the files that differ between them, or returns null when a
     * full load is needed (the schema version changed).
     */
    async loadChanges(previous, commit, tree) {
        const where = this.where(commit);
        const diff = await this.git.run(['diff-tree', '-r', '-t', '-z', '--no-renames', previous.commit, commit]);
        const allChanges = parseDiffTree(diff);
        const snapshot = applyTreeChanges(previous.snapshot, allChanges, tree);
        const changes = allChanges.filter(change => !change.isTree);
        const texts = new Map();
        await this.readBlobs(changes.filter(change => change.sha && isLedgerData(change.path)).map(change => change.sha), (sha, text) => texts.set(sha, text));
        let { state, results, patterns } = previous.ledger;
        const changedItems = [];
        const removedIds = [];
        for (const change of changes) {
            const kind = classifyPath(change.path);
            if (!isLedgerData(change.path))
                continue;
            if (!change.sha) {
                if (kind.kind === 'item') {
                    removedIds.push(kind.id);
                    continue;
                }
                if (kind.kind === 'state')
                    throw corruptError(where, STATE_FILE, '', 'missing: this branch does not look like a CCAL ledger');
                if (kind.kind === 'results')
                    results = [];
                if (kind.kind === 'patterns')
                    patterns = [];
                continue;
            }
            const raw = parseJsonFile(texts.get(change.sha), change.path, where);
            if (kind.kind === 'state') {
                if (this.checkVersion(raw, where) !== schema/* SCHEMA_VERSION */.f$)
                    return null;
                state = decodeFile(schema/* SystemStateSchema */.WP, raw, STATE_FILE, where);
            }
            else if (kind.kind === 'results') {
                results = decodeFile(schema/* ResultsFileSchema */.sp, raw, RESULTS_FILE, where);
            }
            else if (kind.kind === 'patterns') {
                patterns = decodeFile(schema/* PatternsFileSchema */.V3, raw, PATTERNS_FILE, where);
            }
            else {
                changedItems.push(decodeItem(change.path, raw, where));
            }
        }
        const items = previous.ledger.items.without(removedIds).with(changedItems);
        const ledger = { state, results, patterns, items };
        return { ledger, commit, tree, snapshot, rewriteAll: false };
    }
    checkVersion(rawState, where) {
        const version = rawSchemaVersion(rawState);
        if (version === null)
            throw corruptError(where, STATE_FILE, 'schemaVersion', 'missing or not a positive integer');
        if (version > schema/* SCHEMA_VERSION */.f$) {
            throw corruptError(where, STATE_FILE, 'schemaVersion', `version ${version} was written by a newer ccal (this one understands up to ${schema/* SCHEMA_VERSION */.f$}); upgrade ccal rather than restoring`);
        }
        return version;
    }
    /** Adds the likely last good commit (the parent of the commit that last changed the bad file). */
    async withLastGood(error) {
        const { commit, file } = error.details;
        await this.deepen();
        const changed = await this.git.exec(['log', '-1', '--format=%H', commit, '--', file]);
        const culprit = changed.stdout.trim();
        if (changed.exitCode !== 0 || !culprit)
            return error;
        const parent = await this.git.exec(['rev-parse', '--verify', '--quiet', `${culprit}^`]);
        return withRestoreHint(error, parent.exitCode === 0 ? parent.stdout.trim() : null);
    }
    /** Reads blobs through one `git cat-file --batch` process, giving each to `onBlob` as it arrives. */
    async readBlobs(shas, onBlob) {
        const unique = [...new Set(shas)];
        if (unique.length === 0)
            return;
        const received = await this.catFile(unique, (index, object) => {
            if (!object)
                throw new errors/* CcalError */.WK(`git object ${unique[index]} is missing from the repository`);
            onBlob(object.sha, object.text);
        });
        if (received !== unique.length)
            throw new errors/* CcalError */.WK(`git cat-file gave ${received} of ${unique.length} ledger files`);
    }
    /**
     * Streams the objects `names` name (shas, `<commit>:<path>`) through one `git cat-file --batch`,
     * each to `onObject` in the order asked (null for a name git does not know); returns how many
     * answers came.
     */
    async catFile(names, onObject) {
        const args = ['cat-file', '--batch'];
        const output = new BatchOutput(onObject);
        const result = await this.git.execBuffer(args, {
            input: `${names.join('\n')}\n`,
            onStdout: chunk => output.push(chunk)
        });
        if (result.exitCode !== 0)
            throw (0,git_git/* commandFailed */.n6)(args, result);
        return output.received;
    }
    // -------------------------------------------------------------------------------------------
    // Writing
    /** Writes the files that differ between `base` and `next` and commits them on top of `base`; null when nothing differs. */
    async commitLedger(base, next, description, context) {
        const files = changedFiles(base, next, this.branch);
        const updates = [];
        const removals = [];
        for (const [path, text] of files) {
            if (text === null) {
                if (blobAt(base.snapshot, path) !== undefined)
                    removals.push(path);
                continue;
            }
            const sha = blobSha(text);
            if (blobAt(base.snapshot, path) !== sha)
                updates.push({ path, text, sha });
        }
        if (updates.length === 0 && removals.length === 0 && base.commit !== null)
            return null;
        let plan = planTree(base.snapshot, new Map(updates.map(update => [update.path, update.sha])), removals);
        let trees = plan.trees;
        // The summary names the items/ tree it describes, so it is planned once that tree is known:
        // a second plan over the first changes only the root.
        const itemsChanged = [...updates.map(update => update.path), ...removals].some(isItemPath);
        if (itemsChanged || (blobAt(base.snapshot, SUMMARY_FILE) === undefined && next.items.size > 0)) {
            const summary = (0,ledger_summary/* summarize */.e)(next.items, plan.snapshot.trees.get(ITEMS_DIR) ?? null);
            const text = encode(schema/* LedgerSummarySchema */.h5, summary, SUMMARY_FILE);
            const sha = blobSha(text);
            if (blobAt(plan.snapshot, SUMMARY_FILE) !== sha) {
                const first = plan;
                plan = planTree(first.snapshot, new Map([[SUMMARY_FILE, sha]]), []);
                trees = [...first.trees.filter(tree => tree.dir !== ''), ...plan.trees];
                updates.push({ path: SUMMARY_FILE, text, sha });
            }
        }
        // Blobs and trees are independent writes (mktree --missing does not look the entries up).
        await Promise.all([this.storeBlobs(updates), this.storeTrees(trees)]);
        const commit = await this.commitTree(plan.root, base.commit, description, context);
        return { commit, tree: plan.root, snapshot: plan.snapshot };
    }
    /**
     * Writes blobs into the object database through one `git fast-import` process fed on stdin, and
     * checks git agrees on their shas (`get-mark`). No temporary file per blob: a first write of 50k
     * items opens no more files than one of a single item. fast-import keeps small imports as loose
     * objects (`fastimport.unpackLimit`) and packs large ones, so a big seed does not leave 50k loose files.
     */
    async storeBlobs(updates) {
        if (updates.length === 0)
            return;
        const chunks = [];
        updates.forEach((update, index) => {
            const body = Buffer.from(update.text, 'utf8');
            chunks.push(Buffer.from(`blob\nmark :${index + 1}\ndata ${body.length}\n`), body, Buffer.from('\n'));
        });
        for (let index = 1; index <= updates.length; index += 1)
            chunks.push(Buffer.from(`get-mark :${index}\n`));
        chunks.push(Buffer.from('done\n'));
        const args = ['fast-import', '--quiet', '--done'];
        const written = (await this.git.run(args, { input: Buffer.concat(chunks) })).trim().split('\n');
        updates.forEach((update, index) => {
            if (written[index] !== update.sha)
                throw new errors/* CcalError */.WK(`git stored ${update.path} as ${written[index]}, expected ${update.sha}`);
        });
    }
    /** Writes planned tree objects with one `git mktree --batch`, checking git computes the same shas. */
    async storeTrees(trees) {
        if (trees.length === 0)
            return;
        const input = `${trees.map(tree => tree.mktreeLines.join('\n')).join('\n\n')}\n`;
        const written = (await this.git.run(['mktree', '--batch', '--missing'], { input })).trim().split('\n');
        trees.forEach((tree, index) => {
            if (written[index] !== tree.sha) {
                throw new errors/* CcalError */.WK(`git wrote tree '${tree.dir || '/'}' as ${written[index]}, expected ${tree.sha}`);
            }
        });
    }
    async commitTree(tree, parent, description, context) {
        const identity = this.options.identity ?? DEFAULT_IDENTITY;
        const date = context.now.toISOString();
        // `[skip ci]`: a push to the ledger branch starts none of the repository's `on: push` workflows
        // (an App token's pushes would; the workflow's own token's would not anyway).
        const message = `${description}\n\n[skip ci]\n\nCCAL-Run: ${context.runId}\n`;
        const args = ['commit-tree', '--no-gpg-sign', tree, ...(parent ? ['-p', parent] : [])];
        const out = await this.git.run(args, {
            input: message,
            env: {
                GIT_AUTHOR_NAME: identity.name,
                GIT_AUTHOR_EMAIL: identity.email,
                GIT_AUTHOR_DATE: date,
                GIT_COMMITTER_NAME: identity.name,
                GIT_COMMITTER_EMAIL: identity.email,
                GIT_COMMITTER_DATE: date
            }
        });
        return out.trim();
    }
    /** Pushes `commit` to the branch without force; a lost race is an outcome, anything else throws. */
    async push(commit) {
        const args = [
            'push',
            '--porcelain',
            '--no-verify',
            '--quiet',
            this.remote,
            `${commit}:refs/heads/${this.branch}`
        ];
        const result = await this.git.exec(args);
        if (result.exitCode === 0)
            return { ok: true };
        const rejected = result.stdout.split('\n').find(line => line.startsWith('!'));
        const reason = rejected?.split('\t')[2] ?? (0,git_git/* firstLines */.UV)(result.stderr, 1);
        if (rejected && isLostRace(reason))
            return { ok: false, reason };
        if (!rejected && isLockContention(result.stderr))
            return { ok: false, reason: (0,git_git/* firstLines */.UV)(result.stderr, 1) };
        throw remoteFailure('push to', this.remote, args, result);
    }
    /** Delay before attempt `attempt + 1`: exponential, capped, with jitter so racing writers spread out. */
    backoff(attempt) {
        // "Full jitter": racing writers that lost together spread over the whole window instead of
        // colliding again, which wastes the least work when many of them contend.
        const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        return Math.round(this.random() * cap);
    }
}
/**
 * Parses `git cat-file --batch` output as it streams in: `<sha> <type> <size>\n<bytes>\n` per
 * object. Only the part of an object not yet complete is kept between chunks.
 */
class BatchOutput {
    onObject;
    /** How many objects (or missing names) were read so far: the index of the next one asked for. */
    received = 0;
    data = Buffer.alloc(0);
    object = null;
    constructor(onObject) {
        this.onObject = onObject;
    }
    push(chunk) {
        this.data = this.data.length === 0 ? chunk : Buffer.concat([this.data, chunk]);
        let position = 0;
        for (;;) {
            if (!this.object) {
                const headerEnd = this.data.indexOf(0x0a, position);
                if (headerEnd < 0)
                    break;
                const header = this.data.toString('utf8', position, headerEnd);
                position = headerEnd + 1;
                const [sha, type, size] = header.split(' ');
                if (/ (missing|ambiguous)$/.test(header) || size === undefined) {
                    this.onObject(this.received, null);
                    this.received += 1;
                    continue;
                }
                this.object = { sha: sha, type: type, size: Number(size) };
            }
            const end = position + this.object.size;
            if (end + 1 > this.data.length)
                break;
            const { sha, type } = this.object;
            this.onObject(this.received, { sha, type, text: this.data.toString('utf8', position, end) });
            this.received += 1;
            this.object = null;
            position = end + 1;
        }
        this.data = this.data.subarray(position);
    }
}
/** Every ledger file whose content may differ between `base` and `next` (null content = delete). */
function changedFiles(base, next, branch) {
    const files = new Map();
    const all = base.rewriteAll || base.commit === null;
    const previous = base.ledger;
    if (all || next.state !== previous.state)
        files.set(STATE_FILE, encode(schema/* SystemStateSchema */.WP, next.state, STATE_FILE));
    if (all || next.results !== previous.results)
        files.set(RESULTS_FILE, encode(schema/* ResultsFileSchema */.sp, next.results, RESULTS_FILE));
    if (all || next.patterns !== previous.patterns)
        files.set(PATTERNS_FILE, encode(schema/* PatternsFileSchema */.V3, next.patterns, PATTERNS_FILE));
    if (base.commit === null)
        files.set(README_FILE, readmeText(branch));
    // Only the items the operation replaced, found by comparing the shards the two maps do not share
    // (when every file is rewritten: every item, and the removal of those the operation took out).
    const ids = all
        ? [...next.items.keys(), ...[...previous.items.keys()].filter(id => !next.items.has(id))]
        : next.items.changedSince(previous.items);
    for (const id of ids) {
        const item = next.items.get(id);
        files.set(itemPath(id), item ? encode(schema/* WorkItemSchema */.sv, item, itemPath(id)) : null);
    }
    return files;
}
/** Validates what is about to be written (an operation bug must not reach the branch) and serializes it. */
function encode(schema, value, file) {
    const checked = schema.safeParse(value);
    if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new errors/* CcalError */.WK(`refusing to write an invalid ledger: ${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return stableJson(value);
}
function decodeItem(path, raw, where) {
    const item = decodeFile(schema/* WorkItemSchema */.sv, raw, path, where);
    if (itemPath(item.id) !== path)
        throw corruptError(where, path, 'id', `'${item.id}' does not match the file name`);
    return item;
}
function optionalJson(text, file, where) {
    return text === undefined ? [] : parseJsonFile(text, file, where);
}
/** A file a load reads: not the README, not the summary (derived from the items), not a stranger's. */
function isItemPath(path) {
    return classifyPath(path).kind === 'item';
}
function isLedgerData(path) {
    const kind = classifyPath(path).kind;
    return kind !== 'unknown' && kind !== 'readme' && kind !== 'summary';
}
/** The sha git gives a blob with this content. */
function blobSha(text) {
    const body = Buffer.from(text, 'utf8');
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}
/** A push refused only because the branch moved since we read it: fetch, re-apply, retry. */
function isLostRace(reason) {
    return /fetch first|non-fast-forward|stale info|failed to update ref|cannot lock|incorrect old value|already exists/i.test(reason);
}
function isLockContention(stderr) {
    return /cannot lock ref|unable to create '.*\.lock'|\.lock': File exists/i.test(stderr);
}
/** The error for a fetch or push that failed for a reason retrying will not fix (auth, network, protection). */
function remoteFailure(action, remote, args, result) {
    const said = (0,git_git/* firstLines */.UV)(`${result.stderr}\n${result.stdout
        .split('\n')
        .filter(line => line.startsWith('!'))
        .join('\n')}`, 3);
    const auth = /authentication failed|could not read username|permission to .* denied|403|401|terminal prompts disabled/i.test(said);
    const hint = auth ? ' Check that the token (GITHUB_TOKEN or GH_TOKEN) may write repository contents.' : '';
    return new errors/* GitCommandError */.iR(`git ${action} '${remote}' failed: ${said || `exit code ${result.exitCode}`}.${hint}`, args, result.exitCode, result.stderr);
}
/** A run id for processes that have none of their own (the CLI): `cli-` and 8 random hex characters. */
function newRunId(prefix = 'cli') {
    return `${prefix}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}


/***/ }),

/***/ 3825:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ summarize),
/* harmony export */   v: () => (/* binding */ glance)
/* harmony export */ });
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8805);
/* harmony import */ var _items_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7921);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5302);
/**
 * The ledger's summary: the count of items in each status and the first items of the statuses
 * `ccal status` lists, written as `summary.json` with every change to the items so that status
 * reads three small files instead of every item's (50,000 items: one blob instead of 50,000).
 */



/** Why an item waits for a person or was given up on: its last error, else its last move's reason. */
function whyClosedOut(item) {
    if (!['failed', 'needs_human', 'rejected', 'dismissed'].includes(item.status))
        return null;
    const moved = [...item.history]
        .reverse()
        .find(entry => entry.event === 'status' && entry.to === item.status);
    const reason = item.lastError ?? moved?.detail;
    return reason ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(reason, 100) : null;
}
/** What a listing shows of `item`. */
function glance(item) {
    const earlier = item.generations.at(-1);
    return {
        id: item.id,
        type: item.type,
        priority: item.priority,
        title: item.title,
        status: item.status,
        attempts: item.attempts,
        maxAttempts: item.maxAttempts,
        occurrences: item.occurrences,
        lease: item.lease,
        pr: item.pr,
        updatedAt: item.updatedAt,
        generation: item.generation,
        earlier: earlier ? { pr: earlier.pr?.number ?? null, ended: earlier.ended } : null,
        why: whyClosedOut(item)
    };
}
/** The summary of `items`, whose `items/` tree on the branch is `itemsTree`. */
function summarize(items, itemsTree) {
    const counts = {};
    for (const status of _schema_js__WEBPACK_IMPORTED_MODULE_1__/* .ITEM_STATUSES */ .J4) {
        const count = items.count(status);
        if (count > 0)
            counts[status] = count;
    }
    const first = {};
    for (const status of _schema_js__WEBPACK_IMPORTED_MODULE_1__/* .GLANCED_STATUSES */ .Uu) {
        const head = items.first(status, _items_js__WEBPACK_IMPORTED_MODULE_0__/* .FIRST_DEPTH */ .Rf);
        if (head.length > 0)
            first[status] = head.map(glance);
    }
    return { items: itemsTree, counts, first };
}


/***/ }),

/***/ 1634:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jo: () => (/* binding */ createStreamLogger),
/* harmony export */   qO: () => (/* binding */ withFields),
/* harmony export */   qq: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export isLevelEnabled */
const LEVEL_RANK = { debug: 0, info: 1, warning: 2, error: 3 };
/** True when a message at `level` should be written under the `threshold` level. */
function isLevelEnabled(level, threshold) {
    return LEVEL_RANK[level] >= LEVEL_RANK[threshold];
}
/** A logger that writes lines to a stream: `[level] message k=v` or, with `json`, one JSON object per line. */
function createStreamLogger(options) {
    const threshold = options.level ?? 'info';
    const now = options.now ?? (() => new Date());
    const emit = (level, message, fields) => {
        if (!isLevelEnabled(level, threshold))
            return;
        if (options.json) {
            options.write(JSON.stringify({ time: now().toISOString(), level, message, ...fields }));
            return;
        }
        const suffix = fields
            ? Object.entries(fields)
                .map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
                .join('')
            : '';
        options.write(level === 'info' ? `${message}${suffix}` : `[${level}] ${message}${suffix}`);
    };
    return {
        debug: (message, fields) => emit('debug', message, fields),
        info: (message, fields) => emit('info', message, fields),
        warning: (message, fields) => emit('warning', message, fields),
        error: (message, fields) => emit('error', message, fields)
    };
}
/** A logger that drops everything, for tests and library use where output is not wanted. */
const silentLogger = { debug() { }, info() { }, warning() { }, error() { } };
/** A logger that adds `fields` (an item's id, say) to every line, so interleaved lines stay attributable. */
function withFields(logger, fields) {
    return {
        debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
        info: (message, extra) => logger.info(message, { ...fields, ...extra }),
        warning: (message, extra) => logger.warning(message, { ...fields, ...extra }),
        error: (message, extra) => logger.error(message, { ...fields, ...extra })
    };
}


/***/ }),

/***/ 6571:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ toTokenSource),
/* harmony export */   t: () => (/* binding */ staticTokenSource)
/* harmony export */ });
/**
 * Where a GitHub token comes from. Every user of the token — each API request, each git fetch or
 * push — asks the source when it needs one, so that a source whose tokens expire (a GitHub App's
 * installation tokens live an hour) can hand out a fresh one without anyone holding a stale copy.
 */
/** A source that always hands out the same token: a PAT, `GITHUB_TOKEN`, an action's `github-token`. */
function staticTokenSource(token, description = 'a GitHub token') {
    return { token: () => Promise.resolve(token), description };
}
/** `value` as a source: a string is a static token, a source stays what it is. */
function toTokenSource(value) {
    return typeof value === 'string' ? staticTokenSource(value) : value;
}


/***/ }),

/***/ 3694:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ workDirectory),
/* harmony export */   Sv: () => (/* binding */ repositorySlug),
/* harmony export */   pn: () => (/* binding */ pathSegment)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/**
 * Where CCAL keeps its own clone and the items' worktrees: configured, else the runner's temporary
 * directory under Actions (cleaned after every job), else the user's cache directory — never inside
 * the maintainer's checkout.
 */



/** The work directory for `configured` (relative to the checkout), or the default for this machine. */
function workDirectory(configured, env, checkout) {
    if (configured)
        return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(configured) ? configured : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(checkout, configured);
    if (env.GITHUB_ACTIONS === 'true' && env.RUNNER_TEMP)
        return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.RUNNER_TEMP, 'ccal');
    const cache = env.XDG_CACHE_HOME || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.cache');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cache, 'ccal');
}
/**
 * The directory of one repository inside the work directory, named after its remote so that a
 * daemon serving several repositories keeps them apart and a readable name says which is which.
 */
function repositorySlug(remoteUrl) {
    const readable = remoteUrl
        .replace(/^[a-z+]+:\/\//i, '')
        .replace(/^[^@/]*@/, '')
        .replace(/\.git$/, '')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(-60);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(remoteUrl).digest('hex').slice(0, 8);
    return `${readable || 'repository'}-${hash}`;
}
/** A name safe as one path segment, for worktrees named after items and runs. */
function pathSegment(text) {
    return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'x';
}


/***/ }),

/***/ 9724:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aR: () => (/* binding */ Workspace),
/* harmony export */   tw: () => (/* binding */ readOnlyGit)
/* harmony export */ });
/* unused harmony export WorkspaceError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6921);
/* harmony import */ var _git_git_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5216);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9661);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1634);
/* harmony import */ var _location_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3694);
/**
 * CCAL's own side of git: a bare repository in the work directory (seeded once from the checkout's
 * objects, by hard links where the file system allows) with the checkout's `origin`, and one
 * worktree per item beside it. Every fetch, item branch, commit, push and ledger write happens
 * here; the maintainer's checkout is only read — its remote's URL, its objects when seeding, and
 * whether it sits at the base branch — and its files, index, HEAD, refs, stashes, hooks and config
 * are never written.
 *
 * Each worktree has a marker (`<name>.json` beside it) saying which run made it for which item, on
 * which host and in which process, so that the next cycle can remove what a killed run left.
 */










class WorkspaceError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CcalError */ .WK {
}
/** Who made a worktree, so that a later cycle can tell a live one from a crashed run's. */
const MarkerSchema = zod__WEBPACK_IMPORTED_MODULE_9__/* .object */ .Ikc({
    runId: zod__WEBPACK_IMPORTED_MODULE_9__/* .string */ .YjP(),
    itemId: zod__WEBPACK_IMPORTED_MODULE_9__/* .string */ .YjP().nullable(),
    purpose: zod__WEBPACK_IMPORTED_MODULE_9__/* ["enum"] */ .k5n(['item', 'discovery']),
    host: zod__WEBPACK_IMPORTED_MODULE_9__/* .string */ .YjP(),
    pid: zod__WEBPACK_IMPORTED_MODULE_9__/* .number */ .aig().int(),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_9__/* .string */ .YjP()
});
/** The host name markers compare with (a work directory may be shared by machines over NFS). */
const HOST = (0,node_os__WEBPACK_IMPORTED_MODULE_3__.hostname)();
/** True when a process with `pid` runs on this host (it may have been reused; then the lease decides). */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
/** CCAL's repository and worktrees for one checkout's remote. */
class Workspace {
    options;
    root;
    repoDir;
    remoteUrl;
    /** Git in CCAL's bare repository. */
    git;
    /** Git in CCAL's repository with the remote's credentials. */
    remote;
    worktrees;
    /** Fetches into the same remote-tracking refs would fight over ref locks: one at a time. */
    fetching = Promise.resolve();
    /** Worktrees made so far by this run, for unique names. */
    made = 0;
    constructor(options, 
    /** The repository's directory in the work directory. */
    root, 
    /** CCAL's bare repository. */
    repoDir, 
    /** The checkout's `origin`. */
    remoteUrl) {
        this.options = options;
        this.root = root;
        this.repoDir = repoDir;
        this.remoteUrl = remoteUrl;
        const logger = options.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .silentLogger */ .qq;
        this.git = (0,_git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .createGit */ .lD)({
            cwd: repoDir,
            logger,
            config: _git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .NEUTRAL_GIT_CONFIG */ .qD,
            baseEnv: ccalGitEnv(options.baseEnv)
        });
        this.remote = (0,_git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .withTokenAuth */ .mq)(this.git, remoteUrl, options.tokens);
        this.worktrees = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'worktrees');
    }
    /** Opens (creating on first use) CCAL's repository for the checkout's `origin`. */
    static async open(options) {
        const checkout = readOnlyGit(options.checkout, options.baseEnv ? { baseEnv: options.baseEnv } : {});
        const remote = options.remote ?? 'origin';
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote))
            throw new WorkspaceError(`invalid remote name '${remote}'`);
        const url = await checkout.exec(['remote', 'get-url', remote]);
        if (url.exitCode !== 0) {
            const inside = await checkout.exec(['rev-parse', '--git-dir']);
            throw new WorkspaceError(inside.exitCode !== 0
                ? `${options.checkout} is not inside a git repository`
                : `the repository at ${options.checkout} has no remote '${remote}'`);
        }
        const remoteUrl = url.stdout.trim();
        const root = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(options.directory, (0,_location_js__WEBPACK_IMPORTED_MODULE_8__/* .repositorySlug */ .Sv)(remoteUrl));
        const repoDir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'repo.git');
        const workspace = new Workspace(options, root, repoDir, remoteUrl);
        await workspace.ensureRepository();
        return workspace;
    }
    async ensureRepository() {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(this.worktrees, { recursive: true });
        if (!(await this.isRepository()))
            await this.createRepository();
        // The checkout's remote may have moved; written only when it did (several runs may open at once).
        const configured = await this.git.exec(['config', '--get', 'remote.origin.url']);
        if (configured.stdout.trim() !== this.remoteUrl)
            await this.git.run(['config', 'remote.origin.url', this.remoteUrl]);
    }
    /**
     * Makes CCAL's repository under a temporary name and renames it into place, so that a run killed
     * half-way never leaves a half-made repository where the next one looks, and of runs starting at
     * once the first one's repository is the one all use.
     */
    async createRepository() {
        const logger = this.options.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .silentLogger */ .qq;
        const temporary = `${this.repoDir}.${process.pid}.${Date.now()}`;
        const seeded = await this.git.exec(['clone', '--bare', '--quiet', '--no-tags', this.options.checkout, temporary], {
            cwd: this.root
        });
        if (seeded.exitCode !== 0) {
            logger.debug(`workspace: could not seed from the checkout (${seeded.stderr.trim()}); starting empty`);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temporary, { recursive: true, force: true });
            await this.git.run(['init', '--bare', '--quiet', temporary], { cwd: this.root });
        }
        else {
            // The checkout's branches are the maintainer's, not the remote's: only the objects stay.
            const refs = await this.git.run(['for-each-ref', '--format=delete %(refname)'], { cwd: temporary });
            if (refs.trim())
                await this.git.run(['update-ref', '--stdin'], { cwd: temporary, input: refs });
        }
        await this.git.run(['config', 'remote.origin.url', this.remoteUrl], { cwd: temporary });
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temporary, this.repoDir);
            logger.info(`workspace: CCAL's repository for ${this.remoteUrl} is ${this.repoDir}`);
            return;
        }
        catch (error) {
            if (await this.isRepository()) {
                // Another run made it first: use theirs.
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temporary, { recursive: true, force: true });
                return;
            }
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(this.repoDir))
                throw error;
        }
        // Something that is no repository is in the way (an older, broken attempt): set it aside.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(this.repoDir, `${this.repoDir}.broken.${process.pid}.${Date.now()}`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temporary, this.repoDir);
    }
    async isRepository() {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.repoDir, 'HEAD')))
            return false;
        const bare = await this.git.exec(['rev-parse', '--is-bare-repository']);
        return bare.exitCode === 0 && bare.stdout.trim() === 'true';
    }
    /**
     * Fetches `branch` from the remote into `refs/remotes/origin/<branch>` and returns its tip, or
     * undefined when the remote has no such branch.
     */
    async fetchBranch(branch) {
        const fetch = async () => {
            for (let attempt = 1;; attempt++) {
                const result = await this.remote.exec([
                    'fetch',
                    '--quiet',
                    '--no-tags',
                    'origin',
                    `+refs/heads/${branch}:refs/remotes/origin/${branch}`
                ]);
                if (result.exitCode === 0)
                    break;
                if (/couldn't find remote ref/i.test(result.stderr))
                    return undefined;
                // Runs sharing this repository (a runner pool, two daemons) contend for the ref's lock.
                if (/cannot lock ref|unable to create .*\.lock|File exists/i.test(result.stderr) && attempt < 20) {
                    await new Promise(resolve => setTimeout(resolve, 50 * attempt));
                    continue;
                }
                throw new WorkspaceError(`cannot fetch '${branch}' from origin: ${result.stderr.trim()}`);
            }
            return (await this.git.run(['rev-parse', `refs/remotes/origin/${branch}^{commit}`])).trim();
        };
        const next = this.fetching.then(fetch);
        this.fetching = next.catch(() => undefined);
        return next;
    }
    /** True when the remote has `branch`. */
    async hasRemoteBranch(branch) {
        const result = await this.remote.exec(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]);
        if (result.exitCode !== 0)
            throw new WorkspaceError(`cannot list branches of origin: ${result.stderr.trim()}`);
        return result.stdout.trim() !== '';
    }
    /** Makes a worktree at `commit`, detached, with its marker written first. */
    async addWorktree(options) {
        const label = options.itemId ?? options.purpose;
        this.made += 1;
        const marker = {
            runId: this.options.runId,
            itemId: options.itemId ?? null,
            purpose: options.purpose,
            host: HOST,
            pid: process.pid,
            createdAt: new Date().toISOString()
        };
        // The marker claims the name: runs sharing this directory never take the same one.
        let name = (0,_location_js__WEBPACK_IMPORTED_MODULE_8__/* .pathSegment */ .pn)(options.name ?? `${label}.${this.options.runId}.${this.made}`);
        for (let suffix = 2; (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, name)) ||
            !(await claimName((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, `${name}.json`), marker)); suffix++)
            name = (0,_location_js__WEBPACK_IMPORTED_MODULE_8__/* .pathSegment */ .pn)(`${options.name ?? label}.${suffix}`);
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, name);
        // Git LFS files stay pointers: their smudge filter would fetch from the remote without
        // credentials, and a failed download would fail the whole checkout.
        const added = await this.git.exec(['worktree', 'add', '--quiet', '--detach', dir, options.commit], {
            env: { GIT_LFS_SKIP_SMUDGE: '1' }
        });
        if (added.exitCode !== 0) {
            await this.removeWorktree(name);
            throw new WorkspaceError(`cannot make a worktree for ${label}: ${added.stderr.trim()}`);
        }
        const git = (0,_git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .createGit */ .lD)({
            cwd: dir,
            logger: this.options.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .silentLogger */ .qq,
            config: _git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .NEUTRAL_GIT_CONFIG */ .qD,
            baseEnv: ccalGitEnv(this.options.baseEnv)
        });
        return {
            name,
            dir,
            git,
            startSha: options.commit,
            marker,
            remove: () => this.removeWorktree(name)
        };
    }
    /** Removes a worktree by name: its directory, git's administrative files and the marker. */
    async removeWorktree(name) {
        const logger = this.options.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .silentLogger */ .qq;
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, name);
        const removed = await this.git.exec(['worktree', 'remove', '--force', '--force', dir]);
        if (removed.exitCode !== 0) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true }).catch(error => logger.warning(`workspace: could not remove ${dir}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`));
            await this.git.exec(['worktree', 'prune']);
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(`${dir}.json`, { force: true });
    }
    /**
     * Removes worktrees nobody uses any more: those whose maker's process is gone from this host, or
     * whose item `isLive` says no run holds. Returns the names removed.
     */
    async pruneStale(isLive) {
        const all = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(this.worktrees).catch(() => []);
        // A marker being written by another run is not a worktree; one left by a killed run is removed.
        for (const entry of all.filter(isMarkerDraft))
            if (await isOlderThan((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, entry), DRAFT_TTL_MS))
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, entry), { force: true });
        const entries = all.filter(entry => !isMarkerDraft(entry));
        const markers = new Set(entries.filter(entry => entry.endsWith('.json')).map(entry => entry.slice(0, -5)));
        const removed = [];
        for (const name of new Set([...markers, ...entries.filter(entry => !entry.endsWith('.json'))])) {
            const marker = markers.has(name) ? await readMarker((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.worktrees, `${name}.json`)) : undefined;
            if (marker && marker.runId === this.options.runId)
                continue;
            // A process alive on this host is its own proof of life (the ledger read at the start of this
            // cycle may not show the lease it took since); elsewhere, the lease decides.
            // An earlier cycle of this very process (a daemon) is over, whatever its lease says.
            const stale = !marker ||
                (marker.host === HOST ? marker.pid === process.pid || !isAlive(marker.pid) : !isLive(marker));
            if (!stale)
                continue;
            await this.removeWorktree(name);
            removed.push(name);
        }
        await this.git.exec(['worktree', 'prune']);
        return removed;
    }
}
/** A marker's draft: written beside it under this suffix, then linked into place. */
const DRAFT_SUFFIX = '.draft';
/** A draft older than this was left by a run killed while writing it. */
const DRAFT_TTL_MS = 10 * 60 * 1000;
function isMarkerDraft(entry) {
    return entry.endsWith(DRAFT_SUFFIX);
}
async function isOlderThan(path, ms) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
    return info !== null && Date.now() - info.mtimeMs > ms;
}
/**
 * Writes `marker` at `path` whole and only when nothing is there: false when another run has the
 * name. A reader sees the whole marker or none (a half-written one would read as no marker, and
 * its worktree as abandoned).
 */
async function claimName(path, marker) {
    // Its own draft: calls of one process at the same millisecond must not share (nor remove) one.
    const draft = `${path}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)().slice(0, 8)}${DRAFT_SUFFIX}`;
    const text = `${JSON.stringify(marker, null, 2)}\n`;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(draft, text);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(draft, path);
        return true;
    }
    catch (error) {
        const code = error.code;
        if (code === 'EEXIST')
            return false;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV')
            throw error;
        // A file system without hard links: exclusive still, though not whole at every instant.
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, text, { flag: 'wx' }).then(() => true, (failure) => {
            if (failure.code === 'EEXIST')
                return false;
            throw failure;
        });
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(draft, { force: true });
    }
}
async function readMarker(path) {
    try {
        return MarkerSchema.parse(JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(path, 'utf8')));
    }
    catch {
        return undefined;
    }
}
/**
 * The environment of CCAL's git in its own repository: the machine-wide config is not read either
 * (`GIT_CONFIG_NOSYSTEM`), so that nothing but CCAL's repository config and the user's own applies.
 */
function ccalGitEnv(baseEnv = process.env) {
    return { ...baseEnv, GIT_CONFIG_NOSYSTEM: '1' };
}
/**
 * Git in the maintainer's checkout, for reading only: `GIT_OPTIONAL_LOCKS=0` stops even `git status`
 * from refreshing and rewriting the index.
 */
function readOnlyGit(checkout, options = {}) {
    return (0,_git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .createGit */ .lD)({
        cwd: checkout,
        baseEnv: { ...(options.baseEnv ?? process.env), GIT_OPTIONAL_LOCKS: '0' },
        config: _git_git_js__WEBPACK_IMPORTED_MODULE_5__/* .NEUTRAL_GIT_CONFIG */ .qD,
        ...(options.logger ? { logger: options.logger } : {})
    });
}


/***/ })

};
