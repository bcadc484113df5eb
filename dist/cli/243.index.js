export const id = 243;
export const ids = [243,278];
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

/***/ 1175:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   statusCommand: () => (/* binding */ statusCommand)
/* harmony export */ });
/* harmony import */ var _ledger_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5302);
/* harmony import */ var _core_outage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7700);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9661);
/* harmony import */ var _util_untrusted_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6814);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8908);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1708);






const USAGE = [
    'Usage: ccal status [--json] [--repo DIR] [--branch NAME] [--remote NAME]',
    '',
    'The queue, the work in progress, open pull requests and the budget, from the ledger branch.'
].join('\n');
/** What the learning step made of the verdicts on CCAL's pull requests, most verdicts first. */
function learnedLines(patterns) {
    if (patterns.length === 0)
        return [];
    const shown = [...patterns]
        .sort((a, b) => b.usageCount - a.usageCount || a.id.localeCompare(b.id))
        .slice(0, 10);
    return [
        '',
        `Learned from pull request verdicts (${patterns.length} pattern${patterns.length === 1 ? '' : 's'})`,
        ...shown.map(pattern => {
            // Rule names come from tool output: no control characters reach the terminal, no newlines.
            const rule = pattern.trigger.rule === null
                ? ''
                : ` · rule ${(0,_util_untrusted_js__WEBPACK_IMPORTED_MODULE_5__/* .sanitizeUntrusted */ ._2)(pattern.trigger.rule, { maxLength: 80 }).replace(/\s+/g, ' ')}`;
            return `  ${pattern.trigger.type}${rule}: ${pattern.successCount} of ${pattern.usageCount} merged (confidence ${pattern.confidence.toFixed(2)})`;
        })
    ];
}
/** The model outage or usage limit the ledger holds, in one line, or nothing when there is none. */
function modelLine(cursor, now) {
    const outage = (0,_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .recordedOutage */ .S1)(cursor);
    if (!outage)
        return [];
    if ((0,_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .isUsageLimitAhead */ .q8)(outage, now))
        return [
            `Model work: waiting for the usage limit to reset at ${(0,_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .describeReset */ .xv)(outage, now)} (recorded ${outage.at})`
        ];
    if (outage.kind === 'usage_limit')
        return [
            `Model work: the usage limit recorded at ${outage.at} has reset; the next cycle tries one item first`
        ];
    return [`Model work: an outage was recorded at ${outage.at}: ${(0,_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .describeOutage */ .XQ)(outage, now)}`];
}
/** `ccal status` — the at-a-glance view of the ledger. */
const statusCommand = async (args, io) => {
    const { values, positionals } = (0,_io_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCommandArgs */ .Q)('status', args, {
        ..._ledger_js__WEBPACK_IMPORTED_MODULE_4__.LOCATION_OPTIONS,
        json: { type: 'boolean' }
    });
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (positionals.length > 0) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`ccal status: unexpected argument '${positionals[0]}'`);
    }
    const store = await (0,_ledger_js__WEBPACK_IMPORTED_MODULE_4__.openCliLedger)(io, values);
    // The summary file answers without reading every item: status costs the same at 50 items as at 50,000.
    const { commit, state, patterns, summary } = await store.overview();
    const now = new Date();
    const count = (status) => summary.counts[status] ?? 0;
    const total = _ledger_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .ITEM_STATUSES */ .J4.reduce((sum, status) => sum + count(status), 0);
    if (values.json) {
        const first = (status) => (summary.first[status] ?? []).map(_ledger_js__WEBPACK_IMPORTED_MODULE_4__.itemSummary);
        io.stdout(JSON.stringify({
            ...(0,_ledger_js__WEBPACK_IMPORTED_MODULE_4__.ledgerJsonHead)(store, commit, state, count, now),
            // The outage or usage limit (with its `resetsAt`) that holds model work back, if any.
            modelOutage: (0,_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .recordedOutage */ .S1)(state.cursors[_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .OUTAGE_CURSOR */ .JK]) ?? null,
            // The first of each, most urgent first; `counts` says how many there are.
            inProgress: first('in_progress'),
            prOpen: first('pr_open'),
            needsHuman: first('needs_human'),
            patterns
        }, null, 2));
        return 0;
    }
    const lines = [(0,_ledger_js__WEBPACK_IMPORTED_MODULE_4__.ledgerHeading)(store, commit, total)];
    lines.push(`Queue: ${count('pending')} pending, ${count('in_progress')} in progress, ${count('pr_open')} PRs open, ` +
        `${count('completed')} completed, ${count('failed')} failed, ${count('rejected')} rejected, ` +
        `${count('needs_human')} need a human, ${count('dismissed')} dismissed`);
    const section = (title, status, limit) => {
        const items = summary.first[status] ?? [];
        if (items.length === 0)
            return;
        lines.push('', `${title} (${count(status)})`, ...items.slice(0, limit).map(_ledger_js__WEBPACK_IMPORTED_MODULE_4__.itemLine));
        if (count(status) > limit)
            lines.push(`  … and ${count(status) - limit} more (ccal ledger show)`);
    };
    section('In progress', 'in_progress', 10);
    section('Open PRs', 'pr_open', 10);
    section('Needs a human', 'needs_human', 10);
    section('Failed', 'failed', 10);
    section('Next up', 'pending', 5);
    lines.push(...learnedLines(patterns));
    lines.push('', ...modelLine(state.cursors[_core_outage_js__WEBPACK_IMPORTED_MODULE_1__/* .OUTAGE_CURSOR */ .JK], now), ...(0,_ledger_js__WEBPACK_IMPORTED_MODULE_4__.moneyLines)(state, now));
    lines.push(state.lastCycleAt
        ? `Last cycle: #${state.cycles} at ${state.lastCycleAt} (run ${state.lastRunId})`
        : 'Last cycle: none yet');
    io.stdout(lines.join('\n'));
    return 0;
};


/***/ }),

/***/ 7700:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JK: () => (/* binding */ OUTAGE_CURSOR),
/* harmony export */   S1: () => (/* binding */ recordedOutage),
/* harmony export */   WR: () => (/* binding */ OUTAGE_LIMIT),
/* harmony export */   XQ: () => (/* binding */ describeOutage),
/* harmony export */   er: () => (/* binding */ OutageBreaker),
/* harmony export */   q8: () => (/* binding */ isUsageLimitAhead),
/* harmony export */   xv: () => (/* binding */ describeReset)
/* harmony export */ });
/* unused harmony export RecordedOutageSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6921);
/* harmony import */ var _util_time_zone_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(726);
/**
 * The model-outage breaker of one cycle: after a few consecutive items end on the same kind of model
 * outage (overloaded, failing, rate-limited, unreachable) — or on the first rejected credential or
 * usage limit, which hold for the whole account — no further item starts. Outages are not the items' fault: they are not charged as attempts (the
 * cycle records them as such), and the outage is kept in the ledger so that the next cycle probes
 * with one item before starting the others.
 */


/** Items in a row ending on one kind of outage after which the cycle stops starting items. */
const OUTAGE_LIMIT = 2;
/**
 * The ledger cursor where an open outage is kept between cycles (null once the model answers again).
 * A usage limit is kept here too, with its `resetsAt`: the one place that says model work waits.
 */
const OUTAGE_CURSOR = 'model-outage';
/** An outage as the ledger keeps it. */
const RecordedOutageSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    status: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable(),
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    at: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    /** When it ends, when that is known (a usage limit's reset, ISO). */
    resetsAt: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    /** How the end was told (`resets 5pm (Europe/Paris)`). */
    resetSaid: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional()
});
/** The outage an earlier cycle recorded, if any (anything unreadable counts as none). */
function recordedOutage(cursor) {
    const parsed = RecordedOutageSchema.safeParse(cursor);
    return parsed.success ? parsed.data : undefined;
}
/** Return true if the outage is a usage limit whose reset is still to come at `now`. */
function isUsageLimitAhead(outage, now) {
    return (outage?.kind === 'usage_limit' &&
        outage.resetsAt !== undefined &&
        Date.parse(outage.resetsAt) > now.getTime());
}
/** `17:00 UTC (resets 6pm, Europe/Paris)`: when a usage limit resets, as people read it. */
function describeReset(outage, now = new Date()) {
    if (!outage.resetsAt)
        return 'an unknown time';
    const when = (0,_util_time_zone_js__WEBPACK_IMPORTED_MODULE_0__/* .describeInstant */ .l0)(new Date(outage.resetsAt), now);
    // `resets 5pm (Europe/Paris)` inside parentheses reads better as `resets 5pm, Europe/Paris`.
    const said = outage.resetSaid?.replace(/\s*\(([^)]*)\)/g, ', $1');
    return said ? `${when} (${said})` : when;
}
/** What an outage means, for people: one line. */
function describeOutage(outage, now = new Date()) {
    if (outage.kind === 'usage_limit')
        return `Claude Code's usage limit was reached; model work waits until ${describeReset(outage, now)}; it said: ${outage.message.replace(/\s+/g, ' ').slice(0, 200)}`;
    const code = outage.status === null ? '' : ` (HTTP ${outage.status})`;
    const what = {
        auth: `the model API rejected the credential${code}: check ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN or the runner's Claude login`,
        overloaded: `the model API is overloaded${code}`,
        server_error: `the model API is failing${code}`,
        rate_limited: `the model API is rate-limiting this account${code}`,
        unreachable: 'the model API cannot be reached',
        usage_limit: "Claude Code's usage limit was reached"
    };
    const kind = outage.kind;
    return `${what[kind] ?? `model outage ${outage.kind}${code}`}; it said: ${outage.message.replace(/\s+/g, ' ').slice(0, 200)}`;
}
/** The breaker's state within one cycle. */
class OutageBreaker {
    limit;
    kind;
    count = 0;
    opened;
    /** True once an item ended on something other than an outage (the model answered). */
    answered = false;
    /** `limit`: outages in a row that open it (1 when an earlier cycle already saw the outage). */
    constructor(limit = OUTAGE_LIMIT) {
        this.limit = limit;
    }
    /** The outage that stopped the cycle from starting items, if it did. */
    get open() {
        return this.opened;
    }
    /** Counts one item's end: an outage of the same kind as the last adds up; anything else resets. */
    observe(outage) {
        if (!outage) {
            this.kind = undefined;
            this.count = 0;
            this.answered = true;
            return;
        }
        this.count = outage.kind === this.kind ? this.count + 1 : 1;
        this.kind = outage.kind;
        // A rejected credential or a usage limit holds for every item: no second one is tried.
        if (outage.kind === 'auth' || outage.kind === 'usage_limit' || this.count >= this.limit)
            this.opened ??= outage;
    }
}


/***/ }),

/***/ 726:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QW: () => (/* binding */ nextTimeOfDay),
/* harmony export */   UA: () => (/* binding */ zonedInstant),
/* harmony export */   Xb: () => (/* binding */ wallClock),
/* harmony export */   dT: () => (/* binding */ localTimeZone),
/* harmony export */   fi: () => (/* binding */ addDays),
/* harmony export */   kQ: () => (/* binding */ isTimeZone),
/* harmony export */   l0: () => (/* binding */ describeInstant)
/* harmony export */ });
/* unused harmony export clockTime */
/**
 * Wall-clock time in IANA time zones with nothing but `Intl`: what the clock on the wall shows at an
 * instant, the instant a wall-clock time names, and the next instant a time of day comes round.
 * Daylight-saving changes are handled the way people read clocks: a time the clock skips (02:30 on
 * the night it jumps from 02:00 to 03:00) comes at the jump, a time it shows twice means the first.
 */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map();
function formatter(zone) {
    let format = formatters.get(zone);
    if (!format) {
        format = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
            weekday: 'short'
        });
        formatters.set(zone, format);
    }
    return format;
}
/** Return true if `zone` is a time zone `Intl` knows (`Europe/Paris`, `UTC`, `America/New_York`). */
function isTimeZone(zone) {
    if (zone.trim() === '')
        return false;
    try {
        formatter(zone);
        return true;
    }
    catch {
        return false;
    }
}
/** The machine's own time zone (`TZ`, else the system's), `UTC` when it cannot be told. */
function localTimeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
/** What the clock in `zone` shows at `instant`. */
function wallClock(instant, zone) {
    const parts = {};
    for (const part of formatter(zone).formatToParts(instant))
        parts[part.type] = part.value;
    return {
        year: Number(parts.year),
        month: Number(parts.month),
        day: Number(parts.day),
        hour: Number(parts.hour),
        minute: Number(parts.minute),
        second: Number(parts.second),
        weekday: WEEKDAYS.indexOf(parts.weekday ?? '')
    };
}
/** The zone's offset from UTC at `instant`, in milliseconds (Paris in winter: +3,600,000). */
function offsetAt(instant, zone) {
    const clock = wallClock(new Date(instant), zone);
    const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
    return asUtc - Math.floor(instant / 1000) * 1000;
}
/**
 * The instant at which the clock in `zone` shows the given date and time. A time skipped by a
 * daylight-saving jump maps to the moment of the jump; a time shown twice maps to the first.
 */
function zonedInstant(date, time, zone) {
    const naive = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
    // The offsets a few hours either side of the naive instant cover every real transition.
    const candidates = [
        ...new Set([offsetAt(naive - 6 * 3_600_000, zone), offsetAt(naive + 6 * 3_600_000, zone)])
    ]
        .map(offset => naive - offset)
        .filter(instant => {
        const clock = wallClock(new Date(instant), zone);
        return clock.hour === time.hour && clock.minute === time.minute && clock.day === date.day;
    })
        .sort((a, b) => a - b);
    if (candidates[0] !== undefined)
        return new Date(candidates[0]);
    // Skipped by a jump forward: the first instant after it, i.e. the jump itself.
    const before = naive - offsetAt(naive - 6 * 3_600_000, zone);
    const after = naive - offsetAt(naive + 6 * 3_600_000, zone);
    let low = Math.min(before, after);
    let high = Math.max(before, after);
    const shownBefore = (instant) => {
        const clock = wallClock(new Date(instant), zone);
        return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute) < naive;
    };
    while (high - low > 1000) {
        const middle = Math.floor((low + high) / 2 / 1000) * 1000;
        if (shownBefore(middle))
            low = middle;
        else
            high = middle;
    }
    return new Date(high);
}
/** The calendar date `days` after the given one (proleptic Gregorian, no time zone involved). */
function addDays(date, days) {
    const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
    return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
/**
 * The first instant after `now` (or up to `graceMs` before it) at which the clock in `zone` shows
 * `hour:minute`: today's if it is still to come, else tomorrow's.
 */
function nextTimeOfDay(now, time, zone, graceMs = 0) {
    const today = wallClock(now, zone);
    for (let days = 0; days <= 2; days++) {
        const candidate = zonedInstant(addDays(today, days), time, zone);
        if (candidate.getTime() > now.getTime() - graceMs)
            return candidate;
    }
    return zonedInstant(addDays(today, 3), time, zone);
}
/** `17:00` — hours and minutes as the clock in `zone` shows them at `instant`. */
function clockTime(instant, zone) {
    const clock = wallClock(instant, zone);
    return `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
}
/**
 * An instant for people: `17:00 UTC` when it is within a day of `now`, else `2026-12-05 17:00 UTC`;
 * in another zone than UTC the zone's own clock comes first (`18:00 Europe/Paris (17:00 UTC)`).
 */
function describeInstant(instant, now, zone = 'UTC') {
    const near = Math.abs(instant.getTime() - now.getTime()) < 20 * 3_600_000;
    const show = (where) => {
        const clock = wallClock(instant, where);
        const day = `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')} `;
        return `${near ? '' : day}${clockTime(instant, where)} ${where}`;
    };
    return zone === 'UTC' || zone === 'Etc/UTC' ? show('UTC') : `${show(zone)} (${show('UTC')})`;
}


/***/ }),

/***/ 6814:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C0: () => (/* binding */ fenceUntrusted),
/* harmony export */   _2: () => (/* binding */ sanitizeUntrusted),
/* harmony export */   a: () => (/* binding */ withoutHtmlComments),
/* harmony export */   w_: () => (/* binding */ neutralizeForGitHub)
/* harmony export */ });
/**
 * Text from outside — issue titles and bodies, comments, reviews, log lines — is data, never
 * instructions. It is sanitized when it enters the ledger (discovery) and fenced when it enters a
 * prompt (executor). Neither step makes it trustworthy; together they remove the usual ways of
 * hiding instructions from a human reviewer and of breaking out of the fence.
 */
/**
 * What a reader does not see but a model reads: every format character (zero-width characters,
 * bidi controls, the BOM, soft hyphen, tag characters U+E0000–U+E007F …), variation selectors and
 * their supplement (which can carry bytes of hidden text), and line and paragraph separators.
 */
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u2028\u2029]|[\u{E0100}-\u{E01EF}]/gu;
/** C0/C1 control characters other than tab and newline (carriage returns become newlines). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const HTML_COMMENT = /<!--[\s\S]*?(-->|$)/g;
/** `![alt](url "title")` → the alt text is hidden in rendered markdown; keep nothing but a marker. */
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(([^)\s]*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\)/g;
/** `[text](url "title")` → the title is a hover-only tooltip; keep the text and the URL. */
const LINK_TITLE = /\[([^\]]*)\]\(([^)\s]*)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\)/g;
/** Reference-style definitions with titles: `[id]: url "title"`. */
const REFERENCE_TITLE = /^(\s*\[[^\]]+\]:\s*\S+)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$/gm;
/** Elements that render nothing visible but can carry text. */
const HIDDEN_ELEMENTS = /<(details|summary)[^>]*>|<\/(details|summary)>|<[^>]+\bhidden\b[^>]*>[\s\S]*?<\/[^>]+>/gi;
/**
 * Drops HTML comments (an unterminated one to the end): hidden from a reader of rendered markdown,
 * and the form of CCAL's own pull request marker, which text from elsewhere must never forge.
 */
function withoutHtmlComments(text) {
    return text.replace(HTML_COMMENT, '').trim();
}
/**
 * Removes what a human reviewer would not see but a model would read: HTML comments, invisible and
 * bidi control characters, image alt text, link titles, hidden elements; normalizes newlines and
 * caps the length.
 */
function sanitizeUntrusted(text, options = {}) {
    const maxLength = options.maxLength ?? 20000;
    let clean = withoutHtmlComments(text.normalize('NFKC'))
        .replace(/\r\n?/g, '\n')
        .replace(INVISIBLE, '')
        .replace(CONTROL, '')
        .replace(MARKDOWN_IMAGE, (_match, url) => `[image: ${url}]`)
        .replace(LINK_TITLE, (_match, label, url) => `[${label}](${url})`)
        .replace(REFERENCE_TITLE, '$1')
        .replace(HIDDEN_ELEMENTS, '')
        .replace(/\n{4,}/g, '\n\n\n')
        .trim();
    if (clean.length > maxLength)
        clean = `${clean.slice(0, maxLength)}\n[… cut: ${clean.length - maxLength} more characters]`;
    return clean;
}
/**
 * Wraps untrusted text in a fence the text cannot close: a run of backticks longer than any in the
 * text, labelled so the prompt can say "everything inside is data".
 */
function fenceUntrusted(label, text) {
    const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    const safeLabel = label.replace(/[^A-Za-z0-9 _.:#/-]/g, '').slice(0, 80);
    return `${fence}untrusted-data ${safeLabel}\n${text}\n${fence}`;
}
/** A zero-width joiner: between `@` and a name, or `#` and a number, it keeps GitHub from linking. */
const JOINER = '\u200D';
/** `@user`, `@org/team`, not inside a word (an e-mail address) or a path. */
const MENTION = /(^|[^\w`@./-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?)/g;
/** `#123`, `owner/repo#123`, `GH-123`: references that link and cross-reference. */
const REFERENCE = /(^|[^\w&#])((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#|GH-)(\d+)/g;
/** Links to issues, pull requests and discussions: they cross-reference like `#123`. */
const GITHUB_THREAD_URL = /https?:\/\/[^\s)<>\]]*\/(?:issues|pull|discussions)\/\d+[^\s)<>\]]*/g;
/** An image, inline (`![alt](url)`) or as HTML: fetched by every reader's browser. */
const ANY_IMAGE = /!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]/g;
/** Raw HTML tags (not `a < b`): dropped, their text kept. */
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
/**
 * Text CCAL did not write, made safe to post on GitHub (pull request bodies and titles, comments,
 * commit messages): mentions cannot ping anyone, `#123` and `owner/repo#123` cannot cross-reference
 * (CCAL adds its own `Fixes #N` outside this), images and raw HTML are dropped, HTML comments (a
 * forged CCAL marker) and invisible characters removed, and the length bounded.
 */
function neutralizeForGitHub(text, options = {}) {
    const maxLength = options.maxLength ?? 20000;
    let clean = withoutHtmlComments(text)
        .replace(INVISIBLE, '')
        .replace(CONTROL, '')
        .replace(ANY_IMAGE, (_match, alt, refAlt) => {
        const label = (alt ?? refAlt ?? '').trim();
        return label ? `(image: ${label})` : '(image)';
    })
        .replace(HTML_TAG, '')
        .replace(GITHUB_THREAD_URL, url => `\`${url.replace(/`/g, '')}\``)
        .replace(MENTION, (_match, before, name) => `${before}@${JOINER}${name}`)
        .replace(REFERENCE, (_match, before, prefix, number) => `${before}${prefix}${JOINER}${number}`)
        .trim();
    if (clean.length > maxLength)
        clean = `${clean.slice(0, maxLength)}\n[… cut: ${clean.length - maxLength} more characters]`;
    return clean;
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6921);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
