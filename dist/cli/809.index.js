export const id = 809;
export const ids = [809];
export const modules = {

/***/ 1708:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOCATION_OPTIONS: () => (/* binding */ LOCATION_OPTIONS),
/* harmony export */   itemLine: () => (/* binding */ itemLine),
/* harmony export */   itemSummary: () => (/* binding */ itemSummary),
/* harmony export */   ledgerCommand: () => (/* binding */ ledgerCommand),
/* harmony export */   ledgerHeading: () => (/* binding */ ledgerHeading),
/* harmony export */   ledgerJsonHead: () => (/* binding */ ledgerJsonHead),
/* harmony export */   moneyLines: () => (/* binding */ moneyLines),
/* harmony export */   openCliLedger: () => (/* binding */ openCliLedger)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4381);
/* harmony import */ var _ledger_schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5302);
/* harmony import */ var _ledger_summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3825);
/* harmony import */ var _ledger_store_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1800);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9661);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1634);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(8805);
/* harmony import */ var _util_token_source_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(6571);
/* harmony import */ var _workspace_location_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3694);
/* harmony import */ var _workspace_workspace_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9724);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8908);













const USAGE = [
    'Usage: ccal ledger <command> [--repo DIR] [--branch NAME] [--remote NAME]',
    '',
    'Commands:',
    '  show [--json] [--limit N]     items by status, budget and totals',
    '  add --title T [--type T] [--priority 1-5] [--description D] [--json]',
    '                                add a work item by hand (source: manual)',
    '  verify                        check every file of the ledger and their consistency',
    '  log [ITEM-ID] [--limit N] [--json]',
    '                                the ledger commits, or those that changed one item',
    '  retry ID [--reason TEXT]      send an item back to the queue (a new generation after a merged or',
    '                                closed pull request); the reason goes into the next prompt',
    '  skip ID [--reason TEXT]       dismiss an item nobody is working on',
    "  priority ID N                 set an item's priority, 1 (most urgent) to 5, and keep it",
    '  restore SHA                   new commit with the content of an earlier ledger commit',
    '  export --json                 the whole ledger as one JSON document',
    '',
    "The ledger is the branch 'ccal-ledger' of the repository's remote 'origin' unless --branch/--remote say otherwise.",
    'GITHUB_TOKEN or GH_TOKEN, when set, authenticates to an HTTPS remote (sent per command, never stored).'
].join('\n');
/** Options every ledger command accepts. */
const LOCATION_OPTIONS = {
    repo: { type: 'string' },
    branch: { type: 'string' },
    remote: { type: 'string' },
    help: { type: 'boolean', short: 'h' }
};
/** Opens the ledger store for a CLI command from its `--repo/--branch/--remote` values. */
async function openCliLedger(io, values) {
    const branch = values.branch ?? 'ccal-ledger';
    const checkout = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(io.cwd, values.repo ?? '.');
    const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || undefined;
    const tokens = token ? (0,_util_token_source_js__WEBPACK_IMPORTED_MODULE_11__/* .staticTokenSource */ .t)(token) : undefined;
    const runId = io.env.CCAL_RUN_ID || (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_5__/* .newRunId */ .F$)('cli');
    // CCAL_DEBUG shows every git command and every lost race on stderr.
    const logger = io.env.CCAL_DEBUG
        ? (0,_util_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .createStreamLogger */ .Jo)({ write: line => io.stderr(line), level: 'debug' })
        : undefined;
    // The ledger is read and written in CCAL's own clone (as by `ccal run`): the checkout's refs stay
    // as they are.
    const workspace = await _workspace_workspace_js__WEBPACK_IMPORTED_MODULE_9__/* .Workspace */ .aR.open({
        checkout,
        directory: (0,_workspace_location_js__WEBPACK_IMPORTED_MODULE_8__/* .workDirectory */ .DI)(io.env.CCAL_WORKSPACE_DIRECTORY, io.env, checkout),
        runId,
        ...(tokens ? { tokens } : {}),
        ...(values.remote ? { remote: values.remote } : {}),
        ...(logger ? { logger } : {})
    });
    return (0,_ledger_store_js__WEBPACK_IMPORTED_MODULE_5__/* .openLedgerStore */ .vX)({
        repoDir: workspace.repoDir,
        git: workspace.git,
        branch,
        runId,
        ...(tokens ? { tokens } : {}),
        logger
    });
}
/** `ccal ledger show|add|verify|log|restore|export`. */
const ledgerCommand = async (args, io) => {
    const [sub, ...rest] = args;
    switch (sub) {
        case 'show':
            return show(rest, io);
        case 'add':
            return add(rest, io);
        case 'verify':
            return verify(rest, io);
        case 'log':
            return log(rest, io);
        case 'retry':
        case 'skip':
        case 'priority':
            return steer(sub, rest, io);
        case 'restore':
            return restore(rest, io);
        case 'export':
            return exportLedger(rest, io);
        case undefined:
        case 'help':
        case '--help':
        case '-h':
            io.stdout(USAGE);
            return sub === undefined ? 2 : 0;
        default:
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`unknown ledger command '${sub}'. Commands: show, add, verify, log, retry, skip, priority, restore, export.`);
    }
};
function parse(sub, args, options, positionals = false) {
    const parsed = (0,_io_js__WEBPACK_IMPORTED_MODULE_10__/* .parseCommandArgs */ .Q)(`ledger ${sub}`, args, { ...LOCATION_OPTIONS, ...options });
    if (!positionals && parsed.positionals.length > 0) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal ledger ${sub}: unexpected argument '${parsed.positionals[0]}'`);
    }
    return parsed;
}
function parseLimit(text, fallback) {
    if (text === undefined)
        return fallback;
    const limit = Number(text);
    if (!Number.isInteger(limit) || limit < 1)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`--limit must be a positive whole number, got '${text}'`);
    return limit;
}
async function show(args, io) {
    const { values } = parse('show', args, { json: { type: 'boolean' }, limit: { type: 'string' } });
    if (values.help)
        return help(io);
    const limit = parseLimit(values.limit, 20);
    const store = await openCliLedger(io, values);
    const snapshot = await store.read();
    const now = new Date();
    if (values.json) {
        io.stdout(JSON.stringify(summaryJson(store, snapshot, now), null, 2));
        return 0;
    }
    io.stdout(renderShow(store, snapshot, now, limit));
    return 0;
}
/** What `ccal ledger show --json` and `ccal status --json` both begin with: where, how many, the money. */
function ledgerJsonHead(store, commit, state, counts, now) {
    return {
        branch: store.branch,
        remote: store.remote,
        commit,
        counts: Object.fromEntries(_ledger_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ITEM_STATUSES */ .J4.map(status => [status, counts(status)])),
        budget: {
            day: (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .utcDay */ .dA)(now),
            spentTodayUsd: (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .spentToday */ .qE)({ state }, now),
            dailySpendUsd: state.dailySpendUsd
        },
        totals: state.totals,
        cycles: state.cycles,
        lastCycleAt: state.lastCycleAt,
        lastRunId: state.lastRunId
    };
}
/** The machine-readable view of `ccal ledger show --json`: every item, grouped by status. */
function summaryJson(store, snapshot, now) {
    const groups = (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .itemsByStatus */ .kt)(snapshot.ledger);
    return {
        ...ledgerJsonHead(store, snapshot.commit, snapshot.ledger.state, status => groups[status].length, now),
        items: Object.fromEntries(_ledger_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ITEM_STATUSES */ .J4.map(status => [status, groups[status].map(itemSummary)]))
    };
}
/** What the JSON listings say of an item. */
function itemSummary(item) {
    return {
        id: item.id,
        type: item.type,
        priority: item.priority,
        title: item.title,
        attempts: item.attempts,
        maxAttempts: item.maxAttempts,
        occurrences: item.occurrences,
        lease: item.lease,
        pr: item.pr,
        updatedAt: item.updatedAt
    };
}
const STATUS_TITLES = {
    pending: 'Pending',
    in_progress: 'In progress',
    pr_open: 'PR open',
    completed: 'Completed',
    failed: 'Failed',
    rejected: 'Rejected',
    needs_human: 'Needs a human',
    dismissed: 'Dismissed'
};
/** The header line naming the ledger, its commit and how many items it holds. */
function ledgerHeading(store, commit, count) {
    if (!commit)
        return `Ledger '${store.branch}' on ${store.remote} does not exist yet (it is created by the first write).`;
    return `Ledger '${store.branch}' on ${store.remote} at ${commit.slice(0, 7)}: ${count} item${count === 1 ? '' : 's'}`;
}
/** One line per item: id, priority, type, title and what matters for its status. */
function itemLine(item) {
    const notes = [];
    if (item.occurrences > 1)
        notes.push(`seen ${item.occurrences}×`);
    if (item.lease)
        notes.push(`leased by ${item.lease.runId} until ${item.lease.until}`);
    if (item.pr)
        notes.push(`PR #${item.pr.number}`);
    if (item.attempts > 0)
        notes.push(`attempt ${item.attempts}/${item.maxAttempts}`);
    if (item.earlier)
        notes.push(`round ${item.generation}, after ${item.earlier.pr ? `PR #${item.earlier.pr} ` : ''}${item.earlier.ended.replace(/_/g, ' ')}`);
    if (item.why)
        notes.push(item.why);
    const suffix = notes.length ? `  (${notes.join(', ')})` : '';
    return `  ${item.id}  P${item.priority}  ${item.type.padEnd(15)}  ${item.title}${suffix}`;
}
/** Budget and totals lines. */
function moneyLines(state, now) {
    const { totals } = state;
    return [
        `Budget: $${(0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .spentToday */ .qE)({ state }, now).toFixed(2)} spent today (${(0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .utcDay */ .dA)(now)} UTC); $${totals.costUsd.toFixed(2)} in total`,
        `Totals: ${state.cycles} cycles, ${totals.itemsCreated} items created, ${totals.attempts} attempts ` +
            `(${totals.successes} succeeded, ${totals.failures} failed), ${totals.tokens.toLocaleString('en-US')} tokens, ` +
            `${totals.regressions} regressions, ${totals.candidatesDeferred} candidates deferred`
    ];
}
function renderShow(store, snapshot, now, limit) {
    const lines = [ledgerHeading(store, snapshot.commit, snapshot.ledger.items.size)];
    const groups = (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .itemsByStatus */ .kt)(snapshot.ledger);
    for (const status of _ledger_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ITEM_STATUSES */ .J4) {
        const group = groups[status];
        if (group.length === 0)
            continue;
        lines.push('', `${STATUS_TITLES[status]} (${group.length})`);
        lines.push(...group.slice(0, limit).map(item => itemLine((0,_ledger_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .glance */ .v)(item))));
        if (group.length > limit)
            lines.push(`  … and ${group.length - limit} more (--limit N, or ccal ledger export --json)`);
    }
    lines.push('', ...moneyLines(snapshot.ledger.state, now));
    return lines.join('\n');
}
async function add(args, io) {
    const { values } = parse('add', args, {
        title: { type: 'string' },
        type: { type: 'string' },
        priority: { type: 'string' },
        description: { type: 'string' },
        json: { type: 'boolean' }
    });
    if (values.help)
        return help(io);
    const title = values.title?.trim();
    if (!title)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb('ccal ledger add: --title is required');
    const type = _ledger_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ItemTypeSchema */ .jF.safeParse(values.type ?? 'manual');
    if (!type.success)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`--type must be one of ${_ledger_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .ITEM_TYPES */ .w$.join(', ')}; got '${values.type}'`);
    const priority = values.priority === undefined ? 3 : Number(values.priority);
    if (!Number.isInteger(priority) || priority < 1 || priority > 5) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`--priority must be a whole number from 1 (most urgent) to 5; got '${values.priority}'`);
    }
    const store = await openCliLedger(io, values);
    const nonce = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex');
    const result = await store.write((0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .addManualItem */ .de)({ title, type: type.data, priority, description: values.description ?? '' }, nonce));
    const item = [...result.ledger.items.values()].find(candidate => candidate.fingerprint === `manual:${nonce}`);
    if (!item)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CcalError */ .WK('the new item is missing from the ledger after writing it');
    if (values.json)
        io.stdout(JSON.stringify({ commit: result.commit, item }, null, 2));
    else
        io.stdout(`added ${item.id} '${item.title}' to ledger '${store.branch}' (commit ${result.commit.slice(0, 7)})`);
    return 0;
}
async function verify(args, io) {
    const { values } = parse('verify', args, {});
    if (values.help)
        return help(io);
    const store = await openCliLedger(io, values);
    const report = await store.verify();
    for (const warning of report.warnings)
        io.stderr(`warning: ${warning}`);
    if (!report.commit) {
        io.stdout(`ledger '${store.branch}' does not exist on ${store.remote} yet: nothing to verify`);
        return 0;
    }
    if (report.problems.length > 0) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CcalError */ .WK(`ledger '${store.branch}' at ${report.commit.slice(0, 7)} is inconsistent:\n${report.problems.map(problem => `  ${problem}`).join('\n')}`);
    }
    io.stdout(`ledger '${store.branch}' at ${report.commit.slice(0, 7)} is valid: ${report.items} items, every file readable`);
    return 0;
}
async function log(args, io) {
    const { values, positionals } = parse('log', args, { json: { type: 'boolean' }, limit: { type: 'string' } }, true);
    if (values.help)
        return help(io);
    if (positionals.length > 1)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb('ccal ledger log: at most one item id');
    const limit = parseLimit(values.limit, 50);
    const store = await openCliLedger(io, values);
    const itemId = positionals[0]
        ? (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveItemId */ .Pl)((await store.read({ refresh: true })).ledger, positionals[0])
        : undefined;
    const commits = await store.log({ itemId, limit });
    if (values.json) {
        io.stdout(JSON.stringify(commits, null, 2));
        return 0;
    }
    if (commits.length === 0) {
        io.stdout(`ledger '${store.branch}' has no commits yet`);
        return 0;
    }
    if (itemId) {
        const item = (await store.read()).ledger.items.get(itemId);
        if (item)
            for (const line of generationLines(item))
                io.stdout(line);
    }
    for (const commit of commits) {
        io.stdout(`${commit.sha.slice(0, 12)}  ${commit.date}  ${commit.subject}${commit.runId ? `  [${commit.runId}]` : ''}`);
    }
    return 0;
}
/** An item's rounds, each with its pull request and how it ended, the current one last (none for a first round). */
function generationLines(item) {
    if (item.generations.length === 0)
        return [];
    const lines = item.generations.map(generation => `generation ${generation.generation}: ${generation.pr ? `PR #${generation.pr.number} (${generation.pr.branch})` : 'no pull request'}, ${generation.ended.replace(/_/g, ' ')} by ${generation.at}${generation.words.length ? `; ${generation.words.length} remark(s) kept for the next prompt` : ''}`);
    lines.push(`generation ${item.generation}: ${item.pr ? `PR #${item.pr.number} (${item.pr.branch})` : 'no pull request yet'}, ${item.status.replace(/_/g, ' ')} (current)`, '');
    return lines;
}
/** `ccal ledger retry|skip|priority`: a person at a terminal steering an item, as `/ccal` does on GitHub. */
async function steer(sub, args, io) {
    const { values, positionals } = parse(sub, args, { reason: { type: 'string' } }, true);
    if (values.help)
        return help(io);
    const [idOrPrefix, level, extra] = positionals;
    const wanted = sub === 'priority' ? 2 : 1;
    if (!idOrPrefix || positionals.length !== wanted || extra !== undefined)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(sub === 'priority'
            ? 'ccal ledger priority: give an item id and a priority from 1 to 5'
            : `ccal ledger ${sub}: give exactly one item id (see ccal ledger show)`);
    const priority = Number(level);
    if (sub === 'priority' && !(Number.isInteger(priority) && priority >= 1 && priority <= 5))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal ledger priority: the priority must be a whole number from 1 to 5; got '${level}'`);
    const store = await openCliLedger(io, values);
    const { ledger } = await store.read({ refresh: true });
    const id = (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveItemId */ .Pl)(ledger, idOrPrefix);
    const who = io.env.GITHUB_ACTOR || io.env.USER || 'operator';
    const reason = `${sub} by ${who} with ccal ledger${values.reason ? `: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_12__/* .oneLine */ .TN)(values.reason)}` : ''}`;
    const op = (current, context) => {
        const item = current.items.get(id);
        if (!item)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CcalError */ .WK(`no item '${id}' in the ledger`);
        if (sub === 'retry') {
            if (!_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .RETRYABLE_STATUSES */ .U3.includes(item.status))
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal ledger retry: ${id} is ${item.status}; only ${_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .RETRYABLE_STATUSES */ .U3.join(', ')} items can be retried`);
            const words = values.reason
                ? {
                    author: who,
                    kind: 'retry',
                    pr: null,
                    at: context.now.toISOString(),
                    body: values.reason
                }
                : undefined;
            return (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .retryItem */ .aj)(id, { reason, ...(words ? { words } : {}) })(current, context);
        }
        if (sub === 'skip') {
            if (!_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .SKIPPABLE_STATUSES */ .FG.includes(item.status))
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal ledger skip: ${id} is ${item.status}; only ${_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .SKIPPABLE_STATUSES */ .FG.join(', ')} items can be skipped${item.status === 'pr_open' ? ' (close its pull request instead)' : ''}`);
            return (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .transition */ .kY)(id, 'dismissed', { actor: 'human', reason })(current, context);
        }
        return (0,_ledger_ops_js__WEBPACK_IMPORTED_MODULE_2__/* .overridePriority */ .V_)(id, priority, reason)(current, context);
    };
    const result = await store.write(op);
    const item = result.ledger.items.get(id);
    io.stdout(`${id}: ${item.status}, priority ${item.priority}${item.generation > 1 ? `, generation ${item.generation}` : ''} (commit ${result.commit?.slice(0, 7) ?? 'unchanged'})`);
    return 0;
}
async function restore(args, io) {
    const { values, positionals } = parse('restore', args, {}, true);
    if (values.help)
        return help(io);
    const [sha, extra] = positionals;
    if (!sha || extra !== undefined)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb('ccal ledger restore: give exactly one commit sha (see ccal ledger log)');
    if (!/^[0-9a-f]{4,64}$/i.test(sha))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal ledger restore: '${sha}' is not a commit sha`);
    const store = await openCliLedger(io, values);
    const result = await store.restore(sha);
    io.stdout(result.changed
        ? `restored ledger '${store.branch}' to the content of ${sha}: new commit ${result.commit.slice(0, 7)}`
        : `ledger '${store.branch}' already has the content of ${sha}: nothing to do`);
    return 0;
}
async function exportLedger(args, io) {
    const { values } = parse('export', args, { json: { type: 'boolean' } });
    if (values.help)
        return help(io);
    const store = await openCliLedger(io, values);
    const snapshot = await store.read();
    const { state, results, patterns } = snapshot.ledger;
    const items = [...snapshot.ledger.items.values()].sort((a, b) => a.id.localeCompare(b.id));
    io.stdout(JSON.stringify({ branch: store.branch, commit: snapshot.commit, state, items, results, patterns }, null, 2));
    return 0;
}
function help(io) {
    io.stdout(USAGE);
    return 0;
}


/***/ }),

/***/ 5809:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportCommand: () => (/* binding */ reportCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/config/load.js + 3 modules
var load = __webpack_require__(430);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(6921);
// EXTERNAL MODULE: ./lib/ledger/ops.js
var ops = __webpack_require__(4381);
// EXTERNAL MODULE: ./lib/ledger/schema.js
var schema = __webpack_require__(5302);
;// CONCATENATED MODULE: ./lib/report/data.js
/**
 * The numbers behind `ccal report`: what CCAL spent, what became of its pull requests and how the
 * queue moved, over a window of days, from the ledger alone (pure). Each item carries its own
 * timeline (created, every status move, each generation's pull request), so the series are rebuilt
 * from the items rather than from every ledger commit's tree; where an item's oldest history events
 * were dropped, the commit lines that changed it (`ccal ledger log ITEM`) fill the gap when given.
 *
 * The same {@link ReportData} is written as JSON (`--json`) and drawn as the HTML page (html.ts).
 */



/** The version of the JSON document {@link ReportDataSchema} describes. */
const REPORT_DATA_VERSION = 1;
/** Days a report covers unless asked otherwise: four weeks. */
const DEFAULT_REPORT_DAYS = 28;
const DAY_MS = 86_400_000;
const usd = schemas/* number */.aig().nonnegative();
const count = schemas/* number */.aig().int().nonnegative();
const rate = schemas/* number */.aig().min(0).max(1);
const PullRequestFactSchema = schemas/* strictObject */.rej({
    itemId: schemas/* string */.YjP(),
    type: schema/* ItemTypeSchema */.jF,
    title: schemas/* string */.YjP(),
    number: schemas/* number */.aig().int().positive(),
    generation: schemas/* number */.aig().int().positive(),
    /** When the item moved to pr_open in this generation; null when no record of it is left. */
    openedAt: schema/* TimestampSchema */.wX.nullable(),
    /** A maintainer's verdict: merged, closed unmerged, or none yet. */
    verdict: schemas/* enum */.k5n(['merged', 'closed']).nullable(),
    /** When the ledger recorded the verdict (reconciliation, at most one cycle after the event). */
    verdictAt: schema/* TimestampSchema */.wX.nullable(),
    /** Hours from opened to merged, for a merged PR whose opening is known. */
    hoursToMerge: schemas/* number */.aig().nonnegative().nullable()
});
/** The report's data: everything the page draws, in one JSON document. */
const ReportDataSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(REPORT_DATA_VERSION),
    generatedAt: schema/* TimestampSchema */.wX,
    ledger: schemas/* strictObject */.rej({ branch: schemas/* string */.YjP().nullable(), commit: schemas/* string */.YjP().nullable() }),
    window: schemas/* strictObject */.rej({ from: schema/* UtcDaySchema */.Sb, to: schema/* UtcDaySchema */.Sb, days: schemas/* number */.aig().int().positive() }),
    /** The day budget (`budgets.cost_per_day_usd`) the spend is drawn against; null when unknown. */
    budget: schemas/* strictObject */.rej({ dayUsd: usd.nullable() }),
    /** The headline numbers, over the window. */
    summary: schemas/* strictObject */.rej({
        items: count,
        byStatus: schemas/* record */.g1P(schema/* ItemStatusSchema */.ZX, count),
        spentUsd: usd,
        daysOverBudget: count,
        prsOpened: count,
        prsMerged: count,
        prsClosed: count,
        /** Merged ÷ (merged + closed) of the verdicts in the window; null without a verdict. */
        mergeRate: rate.nullable(),
        medianHoursToMerge: schemas/* number */.aig().nonnegative().nullable(),
        /** All spend in the window ÷ pull requests merged in it: what one accepted change cost. */
        costPerMergedPrUsd: usd.nullable()
    }),
    spendPerDay: schemas/* array */.YOg(schemas/* strictObject */.rej({ day: schema/* UtcDaySchema */.Sb, usd, attempts: count })),
    /** Weeks start on Monday (UTC); `week` is that Monday. */
    pullRequestsPerWeek: schemas/* array */.YOg(schemas/* strictObject */.rej({ week: schema/* UtcDaySchema */.Sb, opened: count, merged: count, closed: count })),
    /** Per item type with any verdict or spend in the window. */
    byType: schemas/* array */.YOg(schemas/* strictObject */.rej({
        type: schema/* ItemTypeSchema */.jF,
        merged: count,
        closed: count,
        mergeRate: rate.nullable(),
        medianHoursToMerge: schemas/* number */.aig().nonnegative().nullable(),
        /** Spend of the attempts still in the ledger's results (older ones are folded, without dates). */
        spentUsd: usd,
        costPerMergedPrUsd: usd.nullable()
    })),
    /** Items waiting (pending) and pull requests awaiting review (pr_open) at the end of each day. */
    queuePerDay: schemas/* array */.YOg(schemas/* strictObject */.rej({ day: schema/* UtcDaySchema */.Sb, pending: count, prOpen: count })),
    /** Failures found again and again (CI failures, error-log entries), most occurrences first. */
    failureFingerprints: schemas/* array */.YOg(schemas/* strictObject */.rej({
        itemId: schemas/* string */.YjP(),
        fingerprint: schemas/* string */.YjP(),
        type: schema/* ItemTypeSchema */.jF,
        title: schemas/* string */.YjP(),
        status: schema/* ItemStatusSchema */.ZX,
        occurrences: count,
        regressions: count,
        failedAttempts: count,
        lastSeenAt: schema/* TimestampSchema */.wX
    })),
    /** Why attempts in the window failed: the executor's reason code, most frequent first. */
    attemptFailures: schemas/* array */.YOg(schemas/* strictObject */.rej({ reason: schemas/* string */.YjP(), count })),
    pullRequests: schemas/* array */.YOg(PullRequestFactSchema),
    /** Where a number is an approximation, and why. */
    notes: schemas/* array */.YOg(schemas/* string */.YjP())
});
/** Item types whose fingerprints name a failure (as opposed to a request or a finding). */
const FAILURE_TYPES = ['ci_failure', 'error_log'];
/** The report's data for `ledger` over the window `options` describe. */
function reportData(ledger, options) {
    const days = windowDays(options.now, options.days);
    const from = days[0];
    const to = days.at(-1);
    const start = Date.parse(`${from}T00:00:00.000Z`);
    const end = Date.parse(`${to}T00:00:00.000Z`) + DAY_MS;
    const inWindow = (at) => at !== null && Date.parse(at) >= start && Date.parse(at) < end;
    const notes = [];
    const items = [...ledger.items.values()];
    const results = ledger.results.filter(result => inWindow(result.executedAt));
    const spendPerDay = days.map(day => {
        const ofDay = results.filter(result => result.executedAt.startsWith(day));
        // state.json's daily spend is the budget's own count; results fill days it no longer keeps.
        const kept = ledger.state.dailySpendUsd[day];
        return {
            day,
            usd: roundUsd(kept ?? ofDay.reduce((sum, result) => sum + result.costUsd, 0)),
            attempts: ofDay.length
        };
    });
    const spentUsd = roundUsd(spendPerDay.reduce((sum, day) => sum + day.usd, 0));
    const folded = Object.values(ledger.state.aggregates).some(aggregate => Date.parse(aggregate.lastAt) >= start);
    if (folded)
        notes.push('Some results of this window were folded into per-type totals (ledger retention): spend per type and failure reasons count only the results still kept; spend per day is complete.');
    const timelines = new Map();
    let approximated = 0;
    for (const item of items) {
        const timeline = statusTimeline(item, options.commitsByItem?.get(item.id));
        if (timeline.approximate)
            approximated += 1;
        timelines.set(item.id, timeline.marks);
    }
    if (approximated > 0)
        notes.push(`${approximated} item${approximated === 1 ? '' : 's'} had their oldest history events dropped and no commit history given: their early status moves are approximated.`);
    const pullRequests = items
        .flatMap(item => pullRequestFacts(item, options.commitsByItem?.get(item.id)))
        .filter(pull => inWindow(pull.openedAt) || inWindow(pull.verdictAt))
        .sort((a, b) => (a.openedAt ?? a.verdictAt ?? '').localeCompare(b.openedAt ?? b.verdictAt ?? '') ||
        a.number - b.number);
    const merged = pullRequests.filter(pull => pull.verdict === 'merged' && inWindow(pull.verdictAt));
    const closed = pullRequests.filter(pull => pull.verdict === 'closed' && inWindow(pull.verdictAt));
    const unknownOpening = merged.filter(pull => pull.openedAt === null).length;
    if (unknownOpening > 0)
        notes.push(`${unknownOpening} merged pull request${unknownOpening === 1 ? '' : 's'} without a record of when ${unknownOpening === 1 ? 'it was' : 'they were'} opened: left out of the time to merge.`);
    const weeks = [...new Set(days.map(mondayOf))];
    const pullRequestsPerWeek = weeks.map(week => ({
        week,
        opened: pullRequests.filter(pull => inWindow(pull.openedAt) && mondayOf(pull.openedAt.slice(0, 10)) === week).length,
        merged: merged.filter(pull => mondayOf(pull.verdictAt.slice(0, 10)) === week).length,
        closed: closed.filter(pull => mondayOf(pull.verdictAt.slice(0, 10)) === week).length
    }));
    const types = new Set([...merged, ...closed].map(pull => pull.type));
    for (const result of results)
        types.add(result.itemType);
    const byType = [...types].sort().map(type => {
        const mergedOfType = merged.filter(pull => pull.type === type);
        const closedOfType = closed.filter(pull => pull.type === type);
        const spent = roundUsd(results.filter(result => result.itemType === type).reduce((sum, result) => sum + result.costUsd, 0));
        return {
            type,
            merged: mergedOfType.length,
            closed: closedOfType.length,
            mergeRate: ratio(mergedOfType.length, mergedOfType.length + closedOfType.length),
            medianHoursToMerge: median(hoursOf(mergedOfType)),
            spentUsd: spent,
            costPerMergedPrUsd: mergedOfType.length > 0 ? roundUsd(spent / mergedOfType.length) : null
        };
    });
    const queuePerDay = queueSeries(days, items, timelines);
    const failedAttempts = new Map();
    for (const result of ledger.results)
        if (!result.success)
            failedAttempts.set(result.itemId, (failedAttempts.get(result.itemId) ?? 0) + 1);
    const failureFingerprints = items
        .filter(item => FAILURE_TYPES.includes(item.type) && Date.parse(item.lastSeenAt) >= start)
        .sort((a, b) => b.occurrences - a.occurrences ||
        b.regressions - a.regressions ||
        b.lastSeenAt.localeCompare(a.lastSeenAt) ||
        a.id.localeCompare(b.id))
        .slice(0, options.topFailures ?? 10)
        .map(item => ({
        itemId: item.id,
        fingerprint: item.fingerprint,
        type: item.type,
        title: item.title,
        status: item.status,
        occurrences: item.occurrences,
        regressions: item.regressions,
        failedAttempts: failedAttempts.get(item.id) ?? 0,
        lastSeenAt: item.lastSeenAt
    }));
    const reasons = new Map();
    for (const result of results.filter(result => !result.success)) {
        const reason = result.code ?? 'not run';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const attemptFailures = [...reasons]
        .map(([reason, times]) => ({ reason, count: times }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const byStatus = Object.fromEntries(schema/* ITEM_STATUSES */.J4.map(status => [status, ledger.items.count(status)]));
    const budget = options.dayBudgetUsd;
    return ReportDataSchema.parse({
        version: REPORT_DATA_VERSION,
        generatedAt: options.now.toISOString(),
        ledger: { branch: options.branch ?? null, commit: options.commit ?? null },
        window: { from, to, days: days.length },
        budget: { dayUsd: budget },
        summary: {
            items: ledger.items.size,
            byStatus,
            spentUsd,
            daysOverBudget: budget === null ? 0 : spendPerDay.filter(day => day.usd > budget).length,
            prsOpened: pullRequests.filter(pull => inWindow(pull.openedAt)).length,
            prsMerged: merged.length,
            prsClosed: closed.length,
            mergeRate: ratio(merged.length, merged.length + closed.length),
            medianHoursToMerge: median(hoursOf(merged)),
            costPerMergedPrUsd: merged.length > 0 ? roundUsd(spentUsd / merged.length) : null
        },
        spendPerDay,
        pullRequestsPerWeek,
        byType,
        queuePerDay,
        failureFingerprints,
        attemptFailures,
        pullRequests,
        notes
    });
}
/** The UTC days of the window, oldest first, ending with the day of `now`. */
function windowDays(now, length) {
    const last = Date.parse(`${(0,ops/* utcDay */.dA)(now)}T00:00:00.000Z`);
    return Array.from({ length: Math.max(1, Math.floor(length)) }, (_, index) => (0,ops/* utcDay */.dA)(new Date(last - (Math.max(1, Math.floor(length)) - 1 - index) * DAY_MS)));
}
/** The Monday (UTC) of the week a day is in. */
function mondayOf(day) {
    const at = new Date(`${day}T00:00:00.000Z`);
    const sinceMonday = (at.getUTCDay() + 6) % 7;
    return (0,ops/* utcDay */.dA)(new Date(at.getTime() - sinceMonday * DAY_MS));
}
function ratio(part, whole) {
    return whole === 0 ? null : part / whole;
}
function roundUsd(value) {
    return Math.round(value * 1e6) / 1e6;
}
function hoursOf(pulls) {
    return pulls.flatMap(pull => (pull.hoursToMerge === null ? [] : [pull.hoursToMerge]));
}
/** The median of `values`, or null when there are none. */
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
/**
 * The status moves a ledger commit line records for `itemId` (see the descriptions the operations
 * in ledger/ops.ts write): `ID: from → to`, `result ID: success → to`, `lease ID to run …`,
 * `release ID from run … → to`, `add TYPE ID: …`, `reopen regression TYPE ID: …`. A commit of
 * several operations joins their lines with "; ".
 */
function statusMovesInSubject(subject, itemId) {
    const moves = [];
    for (const part of subject.split('; ')) {
        const status = statusOfPart(part, itemId);
        if (status)
            moves.push(status);
    }
    return moves;
}
function statusOfPart(part, itemId) {
    const id = itemId.replace(/[^0-9a-f]/g, '');
    const arrow = new RegExp(`^(?:result ${id}: (?:success|failure)|${id}: [a-z_]+|release ${id} from run \\S+) → ([a-z_]+)`).exec(part);
    if (arrow) {
        const status = schema/* ItemStatusSchema */.ZX.safeParse(arrow[1]);
        return status.success ? status.data : null;
    }
    if (new RegExp(`^lease ${id} to run `).test(part))
        return 'in_progress';
    if (new RegExp(`^(?:add|reopen regression) [a-z_]+ ${id}: `).test(part))
        return 'pending';
    return null;
}
/**
 * When the item entered each status, oldest first: created as pending, then every status event of
 * its history. Events dropped from the item are taken from its commits when given; without them the
 * item is taken to have been in the first kept move's `from` status since it was created.
 */
function statusTimeline(item, commits) {
    const created = Date.parse(item.createdAt);
    const kept = item.history
        .filter(entry => entry.event === 'status' && entry.to !== null)
        .map(entry => ({ at: Date.parse(entry.at), status: entry.to, from: entry.from }));
    const marks = [{ at: created, status: 'pending' }];
    let approximate = false;
    if (item.historyDropped > 0) {
        const firstKept = item.history[0] ? Date.parse(item.history[0].at) : Number.POSITIVE_INFINITY;
        if (commits) {
            for (const commit of [...commits].reverse()) {
                const at = Date.parse(commit.date);
                if (!(at < firstKept) || at < created)
                    continue;
                for (const status of statusMovesInSubject(commit.subject, item.id))
                    marks.push({ at, status });
            }
        }
        else {
            approximate = true;
            // Before the first kept move it was in that move's `from` status; with no move kept, it has
            // been in its present status since the events that were dropped.
            const first = kept[0];
            const since = first ? first.from : item.status;
            if (since)
                marks.push({ at: created, status: since });
        }
    }
    marks.push(...kept.map(({ at, status }) => ({ at, status })));
    return { marks: marks.sort((a, b) => a.at - b.at), approximate };
}
/** Items pending and pull requests open at the end of each day. */
function queueSeries(days, items, timelines) {
    const pending = new Array(days.length).fill(0);
    const prOpen = new Array(days.length).fill(0);
    const ends = days.map(day => Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
    for (const item of items) {
        const marks = timelines.get(item.id) ?? [];
        let index = 0;
        let status = null;
        for (let day = 0; day < days.length; day++) {
            while (index < marks.length && marks[index].at < ends[day])
                status = marks[index++].status;
            if (status === 'pending')
                pending[day] += 1;
            else if (status === 'pr_open')
                prOpen[day] += 1;
        }
    }
    return days.map((day, index) => ({ day, pending: pending[index], prOpen: prOpen[index] }));
}
/**
 * The pull requests of an item, one per generation that had one: when it was opened (its move to
 * pr_open in that generation) and the verdict on it. Follow-ups (`review_feedback`) push to their
 * parent's pull request and are not counted again.
 */
function pullRequestFacts(item, commits) {
    if (item.type === 'review_feedback')
        return [];
    // The history split where each generation begins; the last part is the current generation.
    const parts = [[]];
    for (const entry of item.history) {
        if (entry.event === 'generation')
            parts.push([]);
        parts.at(-1).push(entry);
    }
    const partOf = (generation) => {
        const index = parts.length - 1 - (item.generation - generation);
        // The first part began before the kept history when events were dropped: it may be partial.
        return index >= 0 ? parts[index] : [];
    };
    const facts = [];
    for (let generation = 1; generation <= item.generation; generation++) {
        const earlier = item.generations.find(entry => entry.generation === generation);
        const pr = generation === item.generation ? item.pr : (earlier?.pr ?? null);
        if (!pr)
            continue;
        const events = partOf(generation).filter(entry => entry.event === 'status');
        const opened = events.find(entry => entry.to === 'pr_open')?.at ?? openedInCommits(item.id, pr.number, commits);
        let verdict = null;
        let verdictAt = null;
        const lastMoveTo = (status) => events.filter(entry => entry.to === status).at(-1)?.at ?? null;
        if (generation === item.generation) {
            if (item.status === 'completed')
                verdict = 'merged';
            else if (item.status === 'rejected')
                verdict = 'closed';
            if (verdict)
                verdictAt = lastMoveTo(verdict === 'merged' ? 'completed' : 'rejected') ?? item.updatedAt;
        }
        else if (earlier && (earlier.ended === 'merged' || earlier.ended === 'closed')) {
            verdict = earlier.ended;
            verdictAt = lastMoveTo(verdict === 'merged' ? 'completed' : 'rejected') ?? earlier.at;
        }
        const hoursToMerge = verdict === 'merged' && opened && verdictAt
            ? Math.max(0, (Date.parse(verdictAt) - Date.parse(opened)) / 3_600_000)
            : null;
        facts.push({
            itemId: item.id,
            type: item.type,
            title: item.title,
            number: pr.number,
            generation,
            openedAt: opened ?? null,
            verdict,
            verdictAt,
            hoursToMerge
        });
    }
    return facts;
}
/** When a commit line recorded the item's move to pr_open with this pull request, if one did. */
function openedInCommits(itemId, prNumber, commits) {
    const oldestFirst = [...(commits ?? [])].reverse();
    const found = oldestFirst.find(commit => commit.subject.includes(`PR #${prNumber}`) &&
        statusMovesInSubject(commit.subject, itemId).includes('pr_open'));
    return found ? new Date(Date.parse(found.date)).toISOString() : undefined;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./lib/report/svg.js
/**
 * Small SVG charts drawn as text, for the HTML report: vertical bars (with an optional limit line),
 * grouped bars, lines with points, horizontal bars and a dot strip. Each chart is an accessible
 * image (`role="img"`, a `<title>` and a `<desc>` that says what it shows in words) whose marks carry
 * their value as a tooltip; colours come from the page's CSS classes, so dark mode and print need no
 * change here. Every label is escaped: titles and fingerprints come from outside.
 */
/** Escapes text for HTML and XML, in element content and in quoted attributes alike. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 20, right: 20, bottom: 44, left: 56 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
function num(value) {
    return String(Math.round(value * 100) / 100);
}
function svg_open(frame, height = HEIGHT) {
    const id = escapeHtml(frame.id);
    return (`<svg id="${id}" class="chart" viewBox="0 0 ${WIDTH} ${num(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
        `<title id="${id}-title">${escapeHtml(frame.title)}</title>` +
        `<desc id="${id}-desc">${escapeHtml(frame.description)}</desc>`);
}
/** A round upper bound for an axis and its tick step (1, 2 or 5 times a power of ten). */
function niceScale(max, options = {}) {
    if (!(max > 0))
        return options.integer ? { max: 1, step: 1 } : { max: 1, step: 0.25 };
    // Counts get whole-number ticks: no "1.5 pull requests".
    const rough = Math.max(options.integer ? 1 : 0, max / 4);
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 2.5, 5, 10].map(factor => factor * power).find(candidate => candidate >= rough);
    return { max: Math.ceil(max / step - 1e-9) * step, step };
}
function valueAxis(scale, format) {
    const parts = [];
    for (let value = 0; value <= scale.max + scale.step / 1000; value += scale.step) {
        const y = MARGIN.top + PLOT_H - (value / scale.max) * PLOT_H;
        parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${num(y)}" y2="${num(y)}"/>` +
            `<text class="tick" x="${MARGIN.left - 6}" y="${num(y + 4)}" text-anchor="end">${escapeHtml(format(value))}</text>`);
    }
    return `<g class="axis" aria-hidden="true">${parts.join('')}</g>`;
}
/** Category labels under the plot; with many categories only every n-th is written. */
function categoryAxis(labels, bandWidth) {
    const every = Math.max(1, Math.ceil(labels.length / 10));
    const parts = labels.flatMap((label, index) => index % every === 0
        ? [
            `<text class="tick" x="${num(MARGIN.left + bandWidth * (index + 0.5))}" y="${MARGIN.top + PLOT_H + 18}" text-anchor="middle">${escapeHtml(label)}</text>`
        ]
        : []);
    return `<g class="axis" aria-hidden="true">${parts.join('')}<line class="baseline" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/></g>`;
}
function yOf(value, max) {
    return MARGIN.top + PLOT_H - (Math.max(0, value) / max) * PLOT_H;
}
/**
 * Vertical bars, one per datum, with an optional limit drawn as a dashed line (the day budget);
 * a bar above the limit gets the `over` class.
 */
function barChart(frame, data, options) {
    const limit = options.limit ?? null;
    const scale = niceScale(Math.max(0, ...data.map(datum => datum.value), limit?.value ?? 0));
    const band = PLOT_W / Math.max(1, data.length);
    const bars = data.map((datum, index) => {
        const y = yOf(datum.value, scale.max);
        const over = limit !== null && datum.value > limit.value;
        return `<rect class="mark bar${over ? ' over' : ''}" x="${num(MARGIN.left + band * index + band * 0.15)}" y="${num(y)}" width="${num(band * 0.7)}" height="${num(MARGIN.top + PLOT_H - y)}"><title>${escapeHtml(datum.tooltip)}</title></rect>`;
    });
    const limitLine = limit === null
        ? ''
        : `<g class="limit"><line class="mark limit-line" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${num(yOf(limit.value, scale.max))}" y2="${num(yOf(limit.value, scale.max))}"><title>${escapeHtml(limit.label)}</title></line>` +
            `<text class="limit-label" x="${MARGIN.left + PLOT_W}" y="${num(yOf(limit.value, scale.max) - 5)}" text-anchor="end">${escapeHtml(limit.label)}</text></g>`;
    return `${svg_open(frame)}${valueAxis(scale, options.format)}${categoryAxis(data.map(datum => datum.label), band)}<g class="marks">${bars.join('')}</g>${limitLine}</svg>`;
}
function legend(series, shape) {
    let x = MARGIN.left;
    const parts = series.map(entry => {
        const mark = shape === 'rect'
            ? `<rect class="swatch ${escapeHtml(entry.className)}" x="${x}" y="${HEIGHT - 14}" width="10" height="10"/>`
            : `<line class="swatch-line ${escapeHtml(entry.className)}" x1="${x}" x2="${x + 14}" y1="${HEIGHT - 9}" y2="${HEIGHT - 9}"/>`;
        const text = `<text class="tick" x="${x + 18}" y="${HEIGHT - 5}">${escapeHtml(entry.name)}</text>`;
        x += 28 + entry.name.length * 7;
        return mark + text;
    });
    return `<g class="legend" aria-hidden="true">${parts.join('')}</g>`;
}
/** The value axis that holds every series. */
function seriesScale(series, options) {
    return niceScale(Math.max(0, ...series.flatMap(entry => entry.values)), {
        integer: options.integer ?? false
    });
}
/** Bars side by side for each category, one per series (opened, merged, closed per week). */
function groupedBarChart(frame, labels, series, options) {
    const scale = seriesScale(series, options);
    const band = PLOT_W / Math.max(1, labels.length);
    const inner = (band * 0.8) / Math.max(1, series.length);
    const bars = labels.flatMap((_, index) => series.map((entry, which) => {
        const value = entry.values[index] ?? 0;
        const y = yOf(value, scale.max);
        return `<rect class="mark bar ${escapeHtml(entry.className)}" x="${num(MARGIN.left + band * index + band * 0.1 + inner * which)}" y="${num(y)}" width="${num(inner * 0.9)}" height="${num(MARGIN.top + PLOT_H - y)}"><title>${escapeHtml(options.tooltip(entry, index))}</title></rect>`;
    }));
    return `${svg_open(frame)}${valueAxis(scale, options.format)}${categoryAxis(labels, band)}<g class="marks">${bars.join('')}</g>${legend(series, 'rect')}</svg>`;
}
/** One line per series over the categories, with a point at each value. */
function lineChart(frame, labels, series, options) {
    const scale = seriesScale(series, options);
    const band = PLOT_W / Math.max(1, labels.length);
    const lines = series.map(entry => {
        const points = entry.values.map((value, index) => ({
            x: MARGIN.left + band * (index + 0.5),
            y: yOf(value, scale.max),
            value,
            index
        }));
        const d = points
            .map((point, index) => `${index === 0 ? 'M' : 'L'}${num(point.x)},${num(point.y)}`)
            .join(' ');
        const circles = points.map(point => `<circle class="mark point ${escapeHtml(entry.className)}" cx="${num(point.x)}" cy="${num(point.y)}" r="3"><title>${escapeHtml(options.tooltip(entry, point.index))}</title></circle>`);
        return `<g class="series"><path class="mark line ${escapeHtml(entry.className)}" d="${d}"/>${circles.join('')}</g>`;
    });
    return `${svg_open(frame)}${valueAxis(scale, options.format)}${categoryAxis(labels, band)}<g class="marks">${lines.join('')}</g>${legend(series, 'line')}</svg>`;
}
/** Horizontal bars, one row per datum, the label on the left and the value written at the end. */
function horizontalBarChart(frame, data, options) {
    const row = 26;
    const labelWidth = 220;
    const height = MARGIN.top + row * Math.max(1, data.length) + 10;
    const max = options.max ?? niceScale(Math.max(0, ...data.map(datum => datum.value))).max;
    const plot = WIDTH - labelWidth - 90;
    const rows = data.map((datum, index) => {
        const y = MARGIN.top + row * index;
        const width = (Math.max(0, datum.value) / max) * plot;
        const label = datum.label.length > 34 ? `${datum.label.slice(0, 33)}…` : datum.label;
        return (`<text class="tick" x="${labelWidth - 8}" y="${num(y + row * 0.6)}" text-anchor="end">${escapeHtml(label)}</text>` +
            `<rect class="mark bar" x="${labelWidth}" y="${num(y + 4)}" width="${num(width)}" height="${row - 8}"><title>${escapeHtml(datum.tooltip)}</title></rect>` +
            `<text class="value" x="${num(labelWidth + width + 6)}" y="${num(y + row * 0.6)}">${escapeHtml(options.format(datum.value))}</text>`);
    });
    return `${svg_open(frame, height)}<g class="marks">${rows.join('')}</g></svg>`;
}
/**
 * A dot per value along one axis (hours to merge of each pull request), with the median marked by
 * a line; values that fall on the same spot are stacked upwards.
 */
function dotStrip(frame, data, options) {
    const height = 150;
    const baseline = 110;
    const scale = niceScale(Math.max(0, ...data.map(datum => datum.value)));
    const xOf = (value) => MARGIN.left + (Math.max(0, value) / scale.max) * PLOT_W;
    const stacks = new Map();
    const dots = data.map(datum => {
        const x = Math.round(xOf(datum.value) / 6) * 6;
        const level = stacks.get(x) ?? 0;
        stacks.set(x, level + 1);
        return `<circle class="mark point dot" cx="${num(x)}" cy="${num(baseline - 6 - level * 9)}" r="4"><title>${escapeHtml(datum.tooltip)}</title></circle>`;
    });
    const ticks = [];
    for (let value = 0; value <= scale.max + scale.step / 1000; value += scale.step)
        ticks.push(`<line class="grid" x1="${num(xOf(value))}" x2="${num(xOf(value))}" y1="${MARGIN.top}" y2="${baseline}"/>` +
            `<text class="tick" x="${num(xOf(value))}" y="${baseline + 18}" text-anchor="middle">${escapeHtml(options.format(value))}</text>`);
    const median = options.median === null
        ? ''
        : `<g class="limit"><line class="mark limit-line" x1="${num(xOf(options.median))}" x2="${num(xOf(options.median))}" y1="${MARGIN.top - 6}" y2="${baseline}"><title>median ${escapeHtml(options.format(options.median))}</title></line>` +
            `<text class="limit-label" x="${num(xOf(options.median) + 4)}" y="${MARGIN.top + 4}">median ${escapeHtml(options.format(options.median))}</text></g>`;
    return `${svg_open(frame, height)}<g class="axis" aria-hidden="true">${ticks.join('')}<line class="baseline" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${baseline}" y2="${baseline}"/></g><g class="marks">${dots.join('')}</g>${median}</svg>`;
}

;// CONCATENATED MODULE: ./lib/report/html.js
/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no font,
 * no image or style from anywhere else (a Content-Security-Policy that allows none says so to the
 * browser too). Legible without JavaScript, in light and dark mode, and on paper; each chart has a
 * text alternative and its numbers in a table. Pure: ReportData in, a string out.
 */


/** The ids of the page's charts, in the order they appear (the Chromium test checks each). */
const CHART_IDS = (/* unused pure expression or super */ null && ([
    'chart-spend',
    'chart-prs',
    'chart-merge-rate',
    'chart-time-to-merge',
    'chart-queue',
    'chart-cost',
    'chart-failures'
]));
const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa;
  --border: #d1d9e0; --grid: #e6eaef; --accent: #0969da; --merged: #8250df; --closed: #cf222e;
  --opened: #0969da; --pending: #9a6700; --over: #cf222e; --limit: #cf222e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d;
    --grid: #262c36; --accent: #4493f8; --merged: #ab7df8; --closed: #f85149; --opened: #4493f8;
    --pending: #d29922; --over: #f85149; --limit: #f85149; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.2em; margin: 0 0 4px; }
.meta, .lede, caption, .note { color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin: 20px 0; padding: 0; }
.tiles div { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; }
.tiles dt { color: var(--muted); font-size: 0.85em; } .tiles dd { margin: 0; font-size: 1.35em; font-weight: 600; }
section { border-top: 1px solid var(--border); padding: 18px 0; break-inside: avoid; }
figure { margin: 8px 0; }
svg.chart { width: 100%; height: auto; display: block; }
.chart text { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart text.value { fill: var(--fg); }
.chart .grid { stroke: var(--grid); stroke-width: 1; }
.chart .baseline { stroke: var(--border); stroke-width: 1; }
.chart .bar { fill: var(--accent); } .chart .bar.over { fill: var(--over); }
.chart .opened { fill: var(--opened); stroke: var(--opened); } .chart .merged { fill: var(--merged); stroke: var(--merged); }
.chart .closed { fill: var(--closed); stroke: var(--closed); } .chart .pending { fill: var(--pending); stroke: var(--pending); }
.chart path.line { fill: none; stroke-width: 2; }
.chart .swatch-line { stroke-width: 3; }
.chart .dot { fill: var(--merged); fill-opacity: 0.8; }
.chart .limit-line { stroke: var(--limit); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .limit-label { fill: var(--limit); }
.empty { color: var(--muted); font-style: italic; padding: 12px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin-top: 8px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: 4px 0; }
details summary { cursor: pointer; color: var(--muted); font-size: 0.9em; }
code { font-size: 0.9em; overflow-wrap: anywhere; }
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --panel: #fff; --border: #999; --grid: #ddd; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  section { page-break-inside: avoid; }
}
`;
function html_usd(value) {
    return value === null ? '—' : `$${value.toFixed(2)}`;
}
function percent(value) {
    return value === null ? '—' : `${Math.round(value * 100)}%`;
}
/** A duration in hours as a person reads it: minutes, hours or days. */
function duration(hours) {
    if (hours === null)
        return '—';
    if (hours < 1)
        return `${Math.round(hours * 60)} min`;
    if (hours < 48)
        return `${Math.round(hours * 10) / 10} h`;
    return `${Math.round((hours / 24) * 10) / 10} d`;
}
/** `2026-11-24` → `Nov 24`. */
function shortDay(day) {
    const at = new Date(`${day}T00:00:00.000Z`);
    return at.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
function table(caption, header, rows, numeric = []) {
    const cell = (tag, text, index) => `<${tag}${numeric.includes(index) ? ' class="n"' : ''}>${escapeHtml(text)}</${tag}>`;
    return (`<table><caption>${escapeHtml(caption)}</caption><thead><tr>${header.map((text, index) => cell('th', text, index)).join('')}</tr></thead>` +
        `<tbody>${rows.map(row => `<tr>${row.map((text, index) => cell('td', text, index)).join('')}</tr>`).join('')}</tbody></table>`);
}
function dataTable(caption, header, rows, numeric = []) {
    return `<details><summary>The numbers</summary>${table(caption, header, rows, numeric)}</details>`;
}
function section(id, title, lede, body) {
    return `<section aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(title)}</h2><p class="lede">${escapeHtml(lede)}</p><figure>${body}</figure></section>`;
}
function empty(text) {
    return `<p class="empty">${escapeHtml(text)}</p>`;
}
function spendSection(data) {
    const { spendPerDay, budget, summary } = data;
    const limit = budget.dayUsd;
    const description = `Model spend per UTC day from ${data.window.from} to ${data.window.to}: ${html_usd(summary.spentUsd)} in all` +
        (limit === null
            ? '.'
            : `; the day budget is ${html_usd(limit)}, passed on ${plural(summary.daysOverBudget, 'day')}.`);
    const chart = barChart({ id: 'chart-spend', title: 'Spend per day', description }, spendPerDay.map(day => ({
        label: shortDay(day.day),
        value: day.usd,
        tooltip: `${day.day}: ${html_usd(day.usd)} (${plural(day.attempts, 'attempt')})`
    })), {
        format: value => `$${value % 1 === 0 ? value : value.toFixed(2)}`,
        limit: limit === null ? null : { value: limit, label: `day budget ${html_usd(limit)}` }
    });
    const rows = spendPerDay.map(day => [day.day, html_usd(day.usd), String(day.attempts)]);
    return section('spend', 'Spend per day', description, chart + dataTable('Spend per UTC day', ['Day', 'Spend', 'Attempts'], rows, [1, 2]));
}
function pullRequestsSection(data) {
    const weeks = data.pullRequestsPerWeek;
    const series = [
        { name: 'opened', className: 'opened', values: weeks.map(week => week.opened) },
        { name: 'merged', className: 'merged', values: weeks.map(week => week.merged) },
        { name: 'closed unmerged', className: 'closed', values: weeks.map(week => week.closed) }
    ];
    const { summary } = data;
    const description = `Pull requests per week (weeks from Monday): ${summary.prsOpened} opened, ${summary.prsMerged} merged and ${summary.prsClosed} closed without merging in the window.`;
    const chart = groupedBarChart({ id: 'chart-prs', title: 'Pull requests per week', description }, weeks.map(week => `wk ${shortDay(week.week)}`), series, {
        format: value => String(value),
        integer: true,
        tooltip: (entry, index) => `week of ${weeks[index].week}: ${entry.values[index]} ${entry.name}`
    });
    const rows = weeks.map(week => [week.week, String(week.opened), String(week.merged), String(week.closed)]);
    return section('prs', 'Pull requests opened, merged and closed', description, chart + dataTable('Pull requests per week', ['Week of', 'Opened', 'Merged', 'Closed'], rows, [1, 2, 3]));
}
function mergeRateSection(data) {
    const ruled = data.byType.filter(type => type.mergeRate !== null);
    const description = ruled.length === 0
        ? 'No pull request was merged or closed in the window.'
        : `Share of CCAL's pull requests that maintainers merged, of those merged or closed in the window, per item type; ${percent(data.summary.mergeRate)} overall.`;
    const chart = ruled.length === 0
        ? empty(description)
        : horizontalBarChart({ id: 'chart-merge-rate', title: 'Merge rate per item type', description }, ruled.map(type => ({
            label: type.type,
            value: type.mergeRate,
            tooltip: `${type.type}: ${type.merged} of ${type.merged + type.closed} merged`
        })), { format: value => `${Math.round(value * 100)}%`, max: 1 });
    const rows = data.byType.map(type => [
        type.type,
        String(type.merged),
        String(type.closed),
        percent(type.mergeRate),
        duration(type.medianHoursToMerge)
    ]);
    return section('merge-rate', 'Merge rate per item type', description, chart +
        dataTable('Verdicts per item type', ['Type', 'Merged', 'Closed', 'Merge rate', 'Median time to merge'], rows, [1, 2, 3, 4]));
}
function timeToMergeSection(data) {
    const merged = data.pullRequests.filter(pull => pull.verdict === 'merged' && pull.hoursToMerge !== null);
    const medianHours = data.summary.medianHoursToMerge;
    const description = merged.length === 0
        ? 'No merged pull request with a known opening time in the window.'
        : `Time from opening to merge of ${plural(merged.length, 'merged pull request')}, one dot each; the median is ${duration(medianHours)}.`;
    const chart = merged.length === 0
        ? empty(description)
        : dotStrip({ id: 'chart-time-to-merge', title: 'Time to merge', description }, merged.map(pull => ({
            label: `#${pull.number}`,
            value: pull.hoursToMerge,
            tooltip: `#${pull.number} ${pull.title}: ${duration(pull.hoursToMerge)}`
        })), { format: value => `${Math.round(value * 10) / 10} h`, median: medianHours });
    const rows = merged.map(pull => [
        `#${pull.number}`,
        pull.type,
        pull.title,
        pull.openedAt ?? '',
        pull.verdictAt ?? '',
        duration(pull.hoursToMerge)
    ]);
    return section('time-to-merge', `Median time to merge: ${duration(medianHours)}`, description, chart +
        dataTable('Merged pull requests', ['PR', 'Type', 'Title', 'Opened', 'Merged', 'Time to merge'], rows, [5]));
}
function queueSection(data) {
    const days = data.queuePerDay;
    const last = days.at(-1);
    const description = `Items waiting in the queue (pending) and pull requests awaiting review at the end of each UTC day; ${last ? `${last.pending} pending and ${last.prOpen} open on ${last.day}` : 'no days'}.`;
    const series = [
        { name: 'pending', className: 'pending', values: days.map(day => day.pending) },
        { name: 'PR open', className: 'opened', values: days.map(day => day.prOpen) }
    ];
    const chart = lineChart({ id: 'chart-queue', title: 'Queue size over time', description }, days.map(day => shortDay(day.day)), series, {
        format: value => String(value),
        integer: true,
        tooltip: (entry, index) => `${days[index].day}: ${entry.values[index]} ${entry.name}`
    });
    const rows = days.map(day => [day.day, String(day.pending), String(day.prOpen)]);
    return section('queue', 'Queue size over time', description, chart + dataTable('Queue at the end of each day', ['Day', 'Pending', 'PRs open'], rows, [1, 2]));
}
function costSection(data) {
    const priced = data.byType.filter(type => type.costPerMergedPrUsd !== null);
    const overall = data.summary.costPerMergedPrUsd;
    const description = overall === null
        ? 'No pull request was merged in the window: no cost per accepted change yet.'
        : `All spend in the window divided by the pull requests merged in it: ${html_usd(overall)} per accepted change; per type from the attempts on items of that type.`;
    const chart = priced.length === 0
        ? empty(description)
        : horizontalBarChart({ id: 'chart-cost', title: 'Cost per merged pull request', description }, priced.map(type => ({
            label: type.type,
            value: type.costPerMergedPrUsd,
            tooltip: `${type.type}: ${html_usd(type.spentUsd)} for ${plural(type.merged, 'merged PR')}`
        })), { format: value => html_usd(value) });
    const rows = data.byType.map(type => [
        type.type,
        html_usd(type.spentUsd),
        String(type.merged),
        html_usd(type.costPerMergedPrUsd)
    ]);
    return section('cost', `Cost per accepted pull request: ${html_usd(overall)}`, description, chart +
        dataTable('Spend and merged pull requests per type', ['Type', 'Spend', 'Merged', 'Per merged PR'], rows, [1, 2, 3]));
}
function failuresSection(data) {
    const failures = data.failureFingerprints;
    const description = failures.length === 0
        ? 'No CI failure or error-log entry was seen in the window.'
        : `The failures discovery found most often (CI failures, error-log entries seen in the window), by how many times each was seen.`;
    const chart = failures.length === 0
        ? empty(description)
        : horizontalBarChart({ id: 'chart-failures', title: 'Most frequent failure fingerprints', description }, failures.map(failure => ({
            label: failure.title,
            value: failure.occurrences,
            tooltip: `${failure.fingerprint}: seen ${failure.occurrences}×, ${failure.status}`
        })), { format: value => `${value}×` });
    const rows = failures.map(failure => [
        failure.title,
        failure.fingerprint,
        failure.type,
        failure.status.replace(/_/g, ' '),
        String(failure.occurrences),
        String(failure.regressions),
        String(failure.failedAttempts)
    ]);
    const reasons = data.attemptFailures.length === 0
        ? ''
        : table('Why attempts failed in the window', ['Reason', 'Attempts'], data.attemptFailures.map(entry => [entry.reason, String(entry.count)]), [1]);
    return section('failures', 'Most frequent failure fingerprints', description, chart +
        (failures.length
            ? table('Failure fingerprints', ['Title', 'Fingerprint', 'Type', 'Status', 'Seen', 'Regressions', 'Failed attempts'], rows, [4, 5, 6])
            : '') +
        reasons);
}
function tiles(data) {
    const { summary, budget } = data;
    const entries = [
        ['Spend in the window', html_usd(summary.spentUsd)],
        [
            'Day budget',
            budget.dayUsd === null ? '—' : `${html_usd(budget.dayUsd)} · passed ${summary.daysOverBudget}×`
        ],
        ['Pull requests opened', String(summary.prsOpened)],
        ['Merged / closed', `${summary.prsMerged} / ${summary.prsClosed}`],
        ['Merge rate', percent(summary.mergeRate)],
        ['Median time to merge', duration(summary.medianHoursToMerge)],
        ['Cost per merged PR', html_usd(summary.costPerMergedPrUsd)],
        ['Queue now', `${summary.byStatus.pending} pending`],
        ['Pull requests open now', String(summary.byStatus.pr_open)]
    ];
    return `<dl class="tiles">${entries.map(([name, value]) => `<div><dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`;
}
/** The whole page. */
function renderReportHtml(data) {
    const where = data.ledger.branch === null
        ? 'the ledger'
        : `ledger branch ${data.ledger.branch}${data.ledger.commit ? ` at ${data.ledger.commit.slice(0, 12)}` : ''}`;
    const statuses = schema/* ITEM_STATUSES */.J4.filter(status => data.summary.byStatus[status] > 0)
        .map(status => `${data.summary.byStatus[status]} ${status.replace(/_/g, ' ')}`)
        .join(', ');
    const notes = data.notes.length
        ? `<section aria-labelledby="notes-heading"><h2 id="notes-heading">Notes</h2><ul>${data.notes.map(note => `<li class="note">${escapeHtml(note)}</li>`).join('')}</ul></section>`
        : '';
    return [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        `<title>CCAL report ${escapeHtml(data.window.from)} – ${escapeHtml(data.window.to)}</title>`,
        `<style>${CSS}</style>`,
        '</head>',
        '<body>',
        '<header>',
        '<h1>CCAL report</h1>',
        `<p class="meta">${escapeHtml(`${data.window.days} days, ${data.window.from} to ${data.window.to} (UTC), from ${where}; generated ${data.generatedAt}.`)}</p>`,
        statuses ? `<p class="meta">${escapeHtml(`Items now: ${statuses}.`)}</p>` : '',
        '</header>',
        '<main>',
        tiles(data),
        spendSection(data),
        pullRequestsSection(data),
        mergeRateSection(data),
        timeToMergeSection(data),
        queueSection(data),
        costSection(data),
        failuresSection(data),
        notes,
        '</main>',
        '</body>',
        '</html>',
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./lib/report/files.js
/**
 * Writing the report out: the HTML page as `index.html` in a directory of its own, the data as
 * JSON. The one file-system effect of the report; everything it writes comes from data.ts and html.ts.
 */



/** The page's file name in its directory (what a browser opens first in an unpacked artifact). */
const REPORT_PAGE = 'index.html';
/** The data's file name beside the page. */
const REPORT_DATA_FILE = 'report.json';
/** The report's data as the JSON document `--json` writes. */
function reportJson(data) {
    return `${JSON.stringify(data, null, 2)}\n`;
}
/** Writes the page to `directory/index.html` (creating the directory); returns its path. */
async function writeReportPage(directory, data) {
    await (0,promises_.mkdir)(directory, { recursive: true });
    const path = (0,external_node_path_.join)(directory, REPORT_PAGE);
    await (0,promises_.writeFile)(path, renderReportHtml(data), 'utf8');
    return path;
}
/** Writes the data as JSON to `path` (creating its directory). */
async function writeReportJson(path, data) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, reportJson(data), 'utf8');
}

;// CONCATENATED MODULE: ./lib/report/history.js
/** Items whose commits are read at most (the most recently changed first); the rest are approximated. */
const MAX_ITEMS_FROM_GIT = 200;
/** The commits (newest first) of each item of `ledger` that dropped history events, by item id. */
async function droppedHistoryCommits(store, ledger, since, limit = MAX_ITEMS_FROM_GIT) {
    const wanted = [...ledger.items.values()]
        // An item last changed before the window has no move inside it to recover.
        .filter(item => item.historyDropped > 0 && Date.parse(item.updatedAt) >= since.getTime())
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, limit);
    const commits = new Map();
    for (const item of wanted) {
        const log = await store.log({ itemId: item.id });
        commits.set(item.id, log.map(commit => ({ date: commit.date, subject: commit.subject })));
    }
    return commits;
}

// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(9661);
// EXTERNAL MODULE: ./lib/cli/io.js
var cli_io = __webpack_require__(8908);
// EXTERNAL MODULE: ./lib/cli/commands/ledger.js
var commands_ledger = __webpack_require__(1708);
;// CONCATENATED MODULE: ./lib/cli/commands/report.js
/**
 * `ccal report --html DIR [--json FILE|-] [--days N]`: the report with charts (spend against the
 * budget, pull requests and their verdicts, the queue, failures) as one self-contained page, and
 * its numbers as JSON, from the ledger branch and, where items dropped old history, its git log.
 */








const MAX_DAYS = 366;
const USAGE = [
    'Usage: ccal report --html DIR [--json FILE|-] [--days N] [--config PATH]',
    '                   [--repo DIR] [--branch NAME] [--remote NAME]',
    '',
    'A report with charts from the ledger branch: spend per day against the day budget, pull requests',
    'opened, merged and closed per week, merge rate and cost per merged pull request per item type,',
    'time to merge, queue size over time and the most frequent failure fingerprints.',
    '  --html DIR      write DIR/index.html: one page, no script, nothing loaded from the network',
    '  --json FILE|-   write the same numbers as JSON to FILE, or to stdout with -',
    `  --days N        the window, ending today (UTC); default ${DEFAULT_REPORT_DAYS}`,
    '  --config PATH   the settings file the day budget is read from (default .github/ccal.yml)'
].join('\n');
function parseDays(text) {
    if (text === undefined)
        return DEFAULT_REPORT_DAYS;
    const days = Number(text);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
        throw new errors/* UsageError */.eb(`ccal report: --days expects a whole number from 1 to ${MAX_DAYS}, found '${text}'`);
    return days;
}
/** `ccal report`. */
const reportCommand = async (args, io) => {
    const { values, positionals } = (0,cli_io/* parseCommandArgs */.Q)('report', args, {
        ...commands_ledger.LOCATION_OPTIONS,
        html: { type: 'string' },
        json: { type: 'string' },
        days: { type: 'string' },
        config: { type: 'string' }
    });
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (positionals.length > 0)
        throw new errors/* UsageError */.eb(`ccal report: unexpected argument '${positionals[0]}'`);
    if (values.html === undefined && values.json === undefined)
        throw new errors/* UsageError */.eb('ccal report: say where to write it: --html DIR, --json FILE or --json -');
    const days = parseDays(values.days);
    const root = (0,external_node_path_.resolve)(io.cwd, values.repo ?? '.');
    const { settings } = (0,load/* loadSettings */.M5)({
        root,
        ...(values.config ? { configPath: values.config, configRequired: true } : {}),
        env: io.env
    });
    const store = await (0,commands_ledger.openCliLedger)(io, values);
    const { ledger, commit } = await store.read({ refresh: true });
    const now = new Date();
    const since = new Date(now.getTime() - days * 86_400_000);
    const commitsByItem = commit ? await droppedHistoryCommits(store, ledger, since) : new Map();
    const data = reportData(ledger, {
        now,
        days,
        dayBudgetUsd: settings.budgets.cost_per_day_usd,
        branch: store.branch,
        commit,
        commitsByItem
    });
    // With the JSON on stdout, what was written is said on stderr.
    const say = values.json === '-' ? io.stderr : io.stdout;
    if (values.json === '-')
        io.stdout(reportJson(data).trimEnd());
    else if (values.json !== undefined) {
        const path = (0,external_node_path_.resolve)(io.cwd, values.json);
        await writeReportJson(path, data);
        say(`wrote the report's data to ${path}`);
    }
    if (values.html !== undefined) {
        const page = await writeReportPage((0,external_node_path_.resolve)(io.cwd, values.html), data);
        say(`wrote the report to ${page}: ${data.window.days} days, ${data.window.from} to ${data.window.to}` +
            (commit ? '' : `; ledger '${store.branch}' does not exist yet, so every chart is empty`));
    }
    return 0;
};


/***/ })

};
