export const id = 68;
export const ids = [68];
export const modules = {

/***/ 6939:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eg: () => (/* binding */ compareFindings),
/* harmony export */   gk: () => (/* binding */ finding),
/* harmony export */   xJ: () => (/* binding */ severityOf)
/* harmony export */ });
/* unused harmony export SEVERITIES */
/**
 * The normalized finding every parser produces, whatever the tool or format: one problem at one
 * place. Sources turn findings into work items; `ccal findings` prints them.
 */
/** How bad a finding is; tools' own scales (info, convention, style…) are mapped onto these three. */
const SEVERITIES = (/* unused pure expression or super */ null && (['error', 'warning', 'note']));
/** Builds a finding, filling absent fields with null. */
function finding(fields) {
    return {
        tool: fields.tool,
        file: fields.file ?? null,
        line: fields.line ?? null,
        column: fields.column ?? null,
        rule: fields.rule ?? null,
        severity: fields.severity ?? 'error',
        message: fields.message,
        excerpt: fields.excerpt ?? null,
        step: fields.step ?? null,
        job: fields.job ?? null,
        package: fields.package ?? null
    };
}
const SEVERITY_RANK = { error: 0, warning: 1, note: 2 };
/** Orders findings by file, line, column, then severity: the order reports and prompts show them in. */
function compareFindings(a, b) {
    return ((a.file ?? '').localeCompare(b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
/** Maps a tool's severity word (`Error`, `fatal error`, `info`, `convention`, `F`…) onto ours. */
function severityOf(word, fallback = 'error') {
    if (!word)
        return fallback;
    const lower = word.toLowerCase();
    if (/^(fatal|fatal error|error|err|e|f|failure|blocker|critical|high)$/.test(lower))
        return 'error';
    if (/^(warning|warn|w|major|medium|minor)$/.test(lower))
        return 'warning';
    if (/^(note|info|information|i|c|r|convention|refactor|style|hint|none|low|suggestion)$/.test(lower))
        return 'note';
    return fallback;
}


/***/ }),

/***/ 6674:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C4: () => (/* binding */ isCoverageFormat),
/* harmony export */   EL: () => (/* binding */ REPORT_FORMATS),
/* harmony export */   Oo: () => (/* binding */ COVERAGE_FORMATS),
/* harmony export */   Tz: () => (/* binding */ detectFormat),
/* harmony export */   Z2: () => (/* binding */ isTextFormat),
/* harmony export */   aH: () => (/* binding */ UnsupportedInputError),
/* harmony export */   aW: () => (/* binding */ textOptions),
/* harmony export */   aY: () => (/* binding */ isInputFormat),
/* harmony export */   fR: () => (/* binding */ TEXT_FORMATS)
/* harmony export */ });
/* unused harmony export INPUT_FORMATS */
/* harmony import */ var _reports_xml_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(391);
/* harmony import */ var _tools_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7323);


/** Formats of structured lint reports. */
const REPORT_FORMATS = [
    'sarif',
    'eslint-json',
    'ruff-json',
    'rubocop-json',
    'golangci-json',
    'checkstyle'
];
/** Formats of coverage reports. */
const COVERAGE_FORMATS = [
    'lcov',
    'cobertura',
    'istanbul',
    'istanbul-summary',
    'go-coverprofile'
];
/** Names a text format may go by besides its parser's: the tools a parser reads. */
const TEXT_ALIASES = {
    'go-test': 'go',
    golangci: 'golangci-lint',
    gcc: 'c',
    clang: 'c',
    msvc: 'c',
    flake8: 'ruff',
    pyright: 'mypy',
    'svelte-check': 'tsc',
    'vue-tsc': 'tsc',
    maven: 'java',
    gradle: 'java',
    javac: 'java',
    npm: 'node-install',
    pnpm: 'node-install',
    yarn: 'node-install',
    pip: 'python-install',
    uv: 'python-install',
    poetry: 'python-install',
    composer: 'php',
    phpunit: 'php',
    phpstan: 'php',
    isort: 'black',
    rustfmt: 'cargo'
};
/**
 * Text formats: a CI job log, plain output of any supported tool (`text`), or one tool's output
 * (only that tool's parser reads it), by the parser's name or by one of the tools it reads.
 */
const TEXT_FORMATS = [
    'actions-log',
    'text',
    ..._tools_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .TOOL_PARSERS */ .Ef.map(parser => parser.name),
    ...Object.keys(TEXT_ALIASES)
];
/** Every format name `--format` accepts (besides `auto`). */
const INPUT_FORMATS = [...REPORT_FORMATS, ...COVERAGE_FORMATS, ...TEXT_FORMATS];
/** The input is none of the supported formats, or is broken: the message names the format tried. */
class UnsupportedInputError extends Error {
    format;
    constructor(message, format) {
        super(message);
        this.format = format;
    }
}
function isInputFormat(name) {
    return INPUT_FORMATS.includes(name);
}
function isCoverageFormat(name) {
    return COVERAGE_FORMATS.includes(name);
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function jsonFormat(value) {
    if (Array.isArray(value)) {
        const first = value[0];
        if (first === undefined)
            return 'eslint-json';
        if (isRecord(first) && 'filePath' in first && 'messages' in first)
            return 'eslint-json';
        if (isRecord(first) && 'filename' in first && 'code' in first)
            return 'ruff-json';
        return null;
    }
    if (!isRecord(value))
        return null;
    if (Array.isArray(value.runs) &&
        (String(value.version ?? '').startsWith('2') || String(value.$schema ?? '').includes('sarif')))
        return 'sarif';
    if ('Issues' in value)
        return 'golangci-json';
    if (Array.isArray(value.files) && ('metadata' in value || 'summary' in value))
        return 'rubocop-json';
    const first = Object.values(value)[0];
    if (isRecord(first) && 'statementMap' in first)
        return 'istanbul';
    if (isRecord(value.total) && isRecord(value.total.lines))
        return 'istanbul-summary';
    return null;
}
const TIMESTAMPED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /;
/**
 * Recognises the format of `text` from its content; `name` (a file name) only breaks ties. Returns
 * null when nothing fits. JSON that does not parse is an {@link UnsupportedInputError}.
 */
function detectFormat(text, name = '') {
    const start = text.trimStart();
    if (start === '')
        return 'text';
    if (start.startsWith('{') || start.startsWith('[')) {
        let value;
        try {
            value = JSON.parse(text);
        }
        catch (error) {
            // A log line can start with a bracket too; only a .json/.sarif name makes it a broken report.
            if (/\.(json|sarif)$/i.test(name))
                throw new UnsupportedInputError(`malformed JSON (${error instanceof Error ? error.message : String(error)})`, 'json');
            return textFormat(start);
        }
        return jsonFormat(value);
    }
    if (start.startsWith('<')) {
        let root;
        try {
            root = (0,_reports_xml_js__WEBPACK_IMPORTED_MODULE_0__/* .xmlRootName */ .FQ)(text);
        }
        catch (error) {
            throw new UnsupportedInputError(`malformed XML (${error instanceof Error ? error.message : String(error)})`, 'xml');
        }
        if (root === 'checkstyle')
            return 'checkstyle';
        if (root === 'coverage')
            return 'cobertura';
        return null;
    }
    if (/^mode: (set|count|atomic)\s*$/m.test(start.slice(0, 40)))
        return 'go-coverprofile';
    if (/^(TN:|SF:)/.test(start))
        return 'lcov';
    return textFormat(start);
}
function textFormat(start) {
    return TIMESTAMPED.test(start) || start.startsWith('##[') ? 'actions-log' : 'text';
}
/** Whether `format` is read line by line as a log or a tool's output (not a report or coverage). */
function isTextFormat(format) {
    return !REPORT_FORMATS.includes(format) && !isCoverageFormat(format);
}
/**
 * How the log parser reads a text format: a job log or any tool's output with every parser, one
 * tool's output with that tool's parser alone (and no runner findings of its own).
 */
function textOptions(format, options = {}) {
    if (format === 'actions-log' || format === 'text')
        return { ...options };
    return { ...options, parsers: [TEXT_ALIASES[format] ?? format], runnerFindings: false };
}


/***/ }),

/***/ 1927:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Tb: () => (/* binding */ createLogStream),
  jQ: () => (/* binding */ readLogFile)
});

// UNUSED EXPORTS: CHUNK_BYTES, scanLogBuffer

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./lib/findings/log/framing.js
var framing = __webpack_require__(8153);
// EXTERNAL MODULE: ./lib/findings/log/line-parser.js
var line_parser = __webpack_require__(8493);
// EXTERNAL MODULE: ./lib/findings/log/log-parser.js
var log_parser = __webpack_require__(2573);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./lib/findings/read-ahead.js
/**
 * Reads a big log file ahead of the parse, on a second thread: a worker reads chunks and runs the
 * scanner's kernel on them (the search for keywords, most of the cost of a log with few failures)
 * while the main thread parses the chunks before. Whichever thread is free takes the next chunk:
 * when the parse has caught up with the worker, the main thread reads and searches a chunk itself,
 * so a second thread never makes a parse slower, and a worker that cannot start or fails costs
 * nothing but its own work. The two share a ring of slots (a SharedArrayBuffer) and wait on
 * Atomics; no message goes through the event loop, so the parse stays one synchronous loop.
 *
 * Chunks are fixed byte ranges, independent of each other: each is searched with the bytes of the
 * longest pattern less one after it, so that a match across its end is found, and only matches
 * starting inside it are kept.
 */


/** Bytes per chunk: as the single-threaded reader reads (see log-reader.ts). */
const READ_AHEAD_CHUNK = 1024 * 1024;
/** Chunks the worker may be ahead of the parse. */
const SLOTS = 16;
/** Chunks the main thread may search ahead of its parse, while the worker has the one it needs. */
const OWN_SLOTS = 16;
/** Matches a slot holds; a chunk with more is searched again by the main thread, with room for all. */
const SLOT_PAIRS = 32 * 1024;
/** How long the main thread waits for the worker's chunk before it reads the chunk itself. */
const PATIENCE_MS = 10_000;
/** Indices in the control array. */
const NEXT = 0;
const CONSUMED = 1;
const STOP = 2;
const FAILED = 3;
/** The value of CONSUMED the waiting worker waits for (0: it is not waiting). */
const WAKE_AT = 4;
/** How many chunks there are, once the caller has said which ranges it wants (-1 until then). */
const CHUNKS = 5;
const CONTROL_WORDS = 6;
/**
 * Reads chunk `chunk` (into `data` too, when given) and writes its matches into `pairs` as (offset
 * in the chunk, kernel entry). Returns the chunk's length and the number of matches, -1 when
 * `pairs` is too small. Runs on both threads: it is also the worker's source text, so it uses
 * nothing from outside itself.
 */
function searchChunk(env, chunk, data, pairs) {
    const { spec, memory } = env;
    const from = env.starts[chunk];
    const length = env.lengths[chunk];
    // A match may run past the chunk's end, not past its range's: the next range does not follow.
    const span = Math.min(length + spec.longest - 1, env.stops[chunk] - from);
    const needed = spec.input + span + spec.slack;
    if (needed > memory.buffer.byteLength)
        memory.grow(Math.ceil((needed - memory.buffer.byteLength) / spec.page));
    const input = new Uint8Array(memory.buffer, spec.input, span);
    let read = 0;
    while (read < span) {
        const got = env.readSync(env.fd, input, read, span - read, from + read);
        if (got === 0)
            break;
        read += got;
    }
    const kept = Math.min(length, read);
    data?.set(input.subarray(0, kept));
    const output = new Int32Array(memory.buffer, spec.output, spec.capacity * 2);
    const resume = new Int32Array(memory.buffer, spec.resume, 1);
    const stop = spec.input + read;
    const inside = spec.input + kept;
    let count = 0;
    let at = spec.input;
    while (at < stop) {
        const found = env.find(at, stop, spec.output, spec.capacity);
        for (let i = 0; i < found; i++) {
            const position = output[2 * i];
            // A match starting in the next chunk belongs to it; the matches come in order.
            if (position >= inside)
                return [kept, count];
            if (2 * count + 2 > pairs.length)
                return [kept, -1];
            pairs[2 * count] = position - spec.input;
            pairs[2 * count + 1] = output[2 * i + 1];
            count++;
        }
        at = resume[0];
    }
    return [kept, count];
}
/** The chunk table's views over its shared memory. */
function tableOf(shared) {
    return {
        starts: new Float64Array(shared.table, 0, shared.capacity),
        stops: new Float64Array(shared.table, shared.capacity * 8, shared.capacity),
        lengths: new Int32Array(shared.table, shared.capacity * 16, shared.capacity)
    };
}
/**
 * The worker: takes chunks while the ring has room, until none is left or it is told to stop. Its
 * source runs alone in the worker: the control array's indices are written out (0 NEXT, 1
 * CONSUMED, 2 STOP, 3 FAILED, 4 WAKE_AT, 5 CHUNKS), the table's views too, and its modules are
 * required there. It starts before the caller knows which ranges it wants, and waits for them.
 */
function workerMain() {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const threads = require('node:worker_threads');
    const fs = require('node:fs');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const input = threads.workerData;
    const control = new Int32Array(input.control);
    const states = new Int32Array(input.states);
    const sizes = new Int32Array(input.sizes);
    const exports = new WebAssembly.Instance(input.spec.module, {}).exports;
    const memory = exports.memory;
    new Uint8Array(memory.buffer, 0, input.spec.image.length).set(input.spec.image);
    const fd = fs.openSync(input.path, 'r');
    const env = {
        spec: input.spec,
        memory,
        find: exports.find,
        readSync: fs.readSync,
        fd,
        starts: new Float64Array(input.table, 0, input.capacity),
        stops: new Float64Array(input.table, input.capacity * 8, input.capacity),
        lengths: new Int32Array(input.table, input.capacity * 16, input.capacity)
    };
    try {
        let chunks = Atomics.load(control, 5);
        while (chunks < 0 && Atomics.load(control, 2) === 0) {
            Atomics.wait(control, 5, chunks, 100);
            chunks = Atomics.load(control, 5);
        }
        for (;;) {
            if (Atomics.load(control, 2) !== 0)
                break;
            const chunk = Atomics.load(control, 0);
            if (chunk >= chunks)
                break;
            const consumed = Atomics.load(control, 1);
            if (chunk >= consumed + input.slots) {
                // The ring is full: sleep until half of it is free again, so that waking the worker (a
                // system call on each side) costs once per half ring, not once per chunk.
                Atomics.store(control, 4, chunk - input.slots / 2 + 1);
                if (Atomics.load(control, 1) === consumed)
                    Atomics.wait(control, 1, consumed, 100);
                continue;
            }
            if (Atomics.compareExchange(control, 0, chunk, chunk + 1) !== chunk)
                continue;
            const slot = chunk % input.slots;
            const pairs = new Int32Array(input.pairs, slot * input.slotPairs * 8, input.slotPairs * 2);
            // Only the matches: the main thread reads the bytes from the page cache faster than it
            // would copy them from another core's memory.
            const [length, count] = searchChunk(env, chunk, null, pairs);
            sizes[2 * slot] = length;
            sizes[2 * slot + 1] = count;
            Atomics.store(states, slot, count < 0 ? -(chunk + 1) : chunk + 1);
            Atomics.notify(states, slot);
        }
    }
    catch {
        Atomics.store(control, 3, 1);
        for (let slot = 0; slot < input.slots; slot++)
            Atomics.notify(states, slot);
    }
    finally {
        fs.closeSync(fd);
    }
}
/**
 * The worker's source: the two functions above as compiled. tsx (esbuild with keepNames) wraps
 * named functions in `__name(…)`, which the worker's own scope must then provide.
 */
const WORKER_SOURCE = [
    'var __name = (target) => target;',
    searchChunk.toString(),
    `(${workerMain.toString()})()`
].join('\n');
/** How many chunks the range [from, to) makes. */
const chunksOf = (from, to) => Math.ceil(Math.max(0, to - from) / READ_AHEAD_CHUNK);
const newBuffers = () => ({
    data: new Uint8Array(READ_AHEAD_CHUNK),
    pairs: new Int32Array(SLOT_PAIRS * 2)
});
/** The chunks of a file range, searched ahead by a worker where it can. */
class ReadAhead {
    spec;
    shared;
    /** How many chunks the ranges make (0 until they are published). */
    chunks = 0;
    control;
    states;
    sizes;
    env;
    /** Matches of the chunks searched when taken. */
    own;
    worker = null;
    /** Set once the worker failed or kept the main thread waiting too long: every chunk is read here. */
    alone = false;
    /** Chunks the main thread searched ahead, by number, and buffers free for more. */
    ahead = new Map();
    spare = [];
    constructor(spec, shared, path) {
        this.spec = spec;
        this.shared = shared;
        this.control = new Int32Array(shared.control);
        this.states = new Int32Array(shared.states);
        this.sizes = new Int32Array(shared.sizes);
        const exports = new WebAssembly.Instance(spec.module, {}).exports;
        const memory = exports.memory;
        new Uint8Array(memory.buffer, 0, spec.image.length).set(spec.image);
        this.env = {
            spec,
            memory,
            find: exports.find,
            readSync: external_node_fs_.readSync,
            fd: (0,external_node_fs_.openSync)(path, 'r'),
            ...tableOf(shared)
        };
        this.own = { pairs: new Int32Array(SLOT_PAIRS * 2) };
    }
    /**
     * The byte ranges `[start, stop)` of the file at `path`, in order, cut in chunks, with a worker
     * searching ahead of the caller. A range's chunks do not run into the next range.
     */
    static open(path, spec, ranges) {
        const reader = ReadAhead.start(path, spec, ranges.reduce((sum, [from, to]) => sum + chunksOf(from, to), 0));
        reader.publish(ranges);
        return reader;
    }
    /**
     * A reader of the file at `path` whose worker starts now (it takes some tens of milliseconds),
     * for ranges of at most `capacity` chunks that {@link publish} names once they are known.
     */
    static start(path, spec, capacity) {
        const shared = {
            control: new SharedArrayBuffer(CONTROL_WORDS * 4),
            states: new SharedArrayBuffer(SLOTS * 4),
            sizes: new SharedArrayBuffer(SLOTS * 8),
            pairs: new SharedArrayBuffer(SLOTS * SLOT_PAIRS * 8),
            table: new SharedArrayBuffer(Math.max(1, capacity) * 20),
            capacity: Math.max(1, capacity)
        };
        Atomics.store(new Int32Array(shared.control), CHUNKS, -1);
        const reader = new ReadAhead(spec, shared, path);
        try {
            const workerData = { ...shared, spec, path, slots: SLOTS, slotPairs: SLOT_PAIRS };
            reader.worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, { eval: true, workerData });
            reader.worker.unref();
            // An error of the worker's start (none is expected) is its failure: the main thread reads alone.
            reader.worker.on('error', () => Atomics.store(reader.control, FAILED, 1));
        }
        catch {
            reader.alone = true;
        }
        return reader;
    }
    /** Names the ranges to read; more chunks than the reader was started for are read without the worker. */
    publish(ranges) {
        const total = ranges.reduce((sum, [from, to]) => sum + chunksOf(from, to), 0);
        if (total > this.shared.capacity) {
            this.stop();
            this.env = { ...this.env, ...tableOf({ table: new SharedArrayBuffer(total * 20), capacity: total }) };
        }
        let chunk = 0;
        for (const [start, stop] of ranges)
            for (let from = start; from < stop; from += READ_AHEAD_CHUNK) {
                this.env.starts[chunk] = from;
                this.env.lengths[chunk] = Math.min(READ_AHEAD_CHUNK, stop - from);
                this.env.stops[chunk] = stop;
                chunk++;
            }
        this.chunks = total;
        Atomics.store(this.control, CHUNKS, total);
        Atomics.notify(this.control, CHUNKS);
    }
    /** The length of chunk `chunk`. */
    lengthOf(chunk) {
        return this.env.lengths[chunk];
    }
    /** Whether chunk `chunk` starts a range (and does not follow the chunk before it). */
    startsRange(chunk) {
        return chunk === 0 || this.env.stops[chunk - 1] !== this.env.stops[chunk];
    }
    /**
     * Chunk `chunk`, its bytes written into `target` at `at` (room for {@link lengthOf} bytes), or
     * only its matches without a target. Chunks are taken in order, each once. While the worker
     * still searches the chunk, the main thread searches the next one nobody has taken, rather
     * than wait.
     */
    take(chunk, target, at = 0) {
        const base = this.env.starts[chunk];
        const slot = chunk % SLOTS;
        let waited = 0;
        while (!this.alone) {
            const mine = this.ahead.get(chunk);
            if (mine) {
                this.ahead.delete(chunk);
                target?.set(mine.buffers.data.subarray(0, mine.length), at);
                // Free again once the caller has taken the next chunk.
                this.spare.push(mine.buffers);
                return { base, length: mine.length, pairs: mine.buffers.pairs, count: mine.count };
            }
            const next = Atomics.load(this.control, NEXT);
            if (next === chunk) {
                if (Atomics.compareExchange(this.control, NEXT, chunk, chunk + 1) === chunk)
                    break;
                continue;
            }
            // The worker has it.
            const state = Atomics.load(this.states, slot);
            if (state === chunk + 1) {
                const length = this.sizes[2 * slot];
                const pairs = new Int32Array(this.shared.pairs, slot * SLOT_PAIRS * 8, SLOT_PAIRS * 2);
                return {
                    base,
                    length: target ? this.readInto(chunk, target, at, length) : length,
                    pairs,
                    count: this.sizes[2 * slot + 1]
                };
            }
            if (state === -(chunk + 1))
                break;
            if (Atomics.load(this.control, FAILED) !== 0 || waited >= PATIENCE_MS) {
                this.stop();
                break;
            }
            if (next < this.chunks && this.ahead.size < OWN_SLOTS) {
                if (Atomics.compareExchange(this.control, NEXT, next, next + 1) === next)
                    this.searchAhead(next);
                continue;
            }
            Atomics.wait(this.states, slot, state, 50);
            waited += 50;
        }
        return this.searchHere(chunk, base, target, at);
    }
    /** The caller is done with chunk `chunk`: its slot may take another. */
    release(chunk) {
        Atomics.store(this.control, CONSUMED, chunk + 1);
        const wakeAt = Atomics.load(this.control, WAKE_AT);
        if (wakeAt !== 0 && chunk + 1 >= wakeAt) {
            Atomics.store(this.control, WAKE_AT, 0);
            Atomics.notify(this.control, CONSUMED);
        }
    }
    close() {
        this.stop();
        (0,external_node_fs_.closeSync)(this.env.fd);
        void this.worker?.terminate();
        this.worker = null;
    }
    stop() {
        this.alone = true;
        Atomics.store(this.control, STOP, 1);
        Atomics.notify(this.control, CHUNKS);
    }
    /** Reads the bytes of chunk `chunk`, which the worker searched. */
    readInto(chunk, target, at, length) {
        const from = this.env.starts[chunk];
        let read = 0;
        while (read < length) {
            const got = (0,external_node_fs_.readSync)(this.env.fd, target, at + read, length - read, from + read);
            if (got === 0)
                break;
            read += got;
        }
        return read;
    }
    /** Searches chunk `chunk`, ahead of the parse, into buffers of the main thread's own. */
    searchAhead(chunk) {
        const buffers = this.spare.pop() ?? newBuffers();
        const [length, count] = this.search(chunk, buffers.data, buffers);
        this.ahead.set(chunk, { buffers, length, count });
    }
    /** Searches chunk `chunk` now, its bytes straight into `target`. */
    searchHere(chunk, base, target, at) {
        const data = target ? target.subarray(at, at + this.lengthOf(chunk)) : null;
        const [length, count] = this.search(chunk, data, this.own);
        return { base, length, pairs: this.own.pairs, count };
    }
    /** Searches chunk `chunk` on this thread, growing `into.pairs` until its matches fit. */
    search(chunk, data, into) {
        for (;;) {
            const found = searchChunk(this.env, chunk, data, into.pairs);
            if (found[1] >= 0)
                return found;
            into.pairs = new Int32Array(into.pairs.length * 2);
        }
    }
}

;// CONCATENATED MODULE: ./lib/findings/scan/keyword-search-wasm.js
// Generated by scripts/build-wasm.mjs from keyword-search.wat: do not edit.
// 777 bytes of WebAssembly, in base64.
const WASM_BASE64 = 'AGFzbQEAAAABEAJgA39/fwF/YAR/f39/AX8DAwIAAQUDAQABBxECBm1lbW9yeQIABGZpbmQAAQrPBQJjAQR/IAAoAgAhAyAAKAIE' +
    'IQQgASAEaiACSwRAQQAPCwJAA0AgBSAETw0BIAEgBWotAAAhBiADIAVBBXRqIAZBA3ZqLQAAQQEgBkEHcXRxRQRAQQAPCyAFQQFq' +
    'IQUMAAsLQQEL6AQCCH8Se0EA/QAEACEMQRD9AAQAIQ1BIP0ABAAhDkEw/QAEACEPQcAA/QAEACEQQdAA/QAEACERQeAA/QAEACES' +
    'QfAA/QAEACETQYAB/QAEACEUQZAB/QAEACEVQaAB/QAEACEWQbAB/QAEACEX/QwPDw8PDw8PDw8PDw8PDw8PIRggACEEQaAGIAE2' +
    'AgACQANAIAQgAU8NASAE/QAEACEZIBkgGP1OIRogGUEE/W0hGyAMIBr9DiANIBv9Dv1OIRwgEiAa/Q4gEyAb/Q79TiEdIAT9AAQB' +
    'IRkgGSAY/U4hGiAZQQT9bSEbIBwgDiAa/Q4gDyAb/Q79Tv1OIRwgHSAUIBr9DiAVIBv9Dv1O/U4hHSAE/QAEAiEZIBkgGP1OIRog' +
    'GUEE/W0hGyAcIBAgGv0OIBEgG/0O/U79TiEcIB0gFiAa/Q4gFyAb/Q79Tv1OIR0gHCAd/VD9UwRAQYAGIBz9CwQAQZAGIB39CwQA' +
    'IBwgHf1Q/QwAAAAAAAAAAAAAAAAAAAAA/ST9ZCEGA0AgBCAGaGohByAHIAFJBEAgBUHAAGogA0sEQEGgBiAHNgIADAULQYAGIAZo' +
    'ai0AAEGQBiAGaGotAABBCHRyIQgDQCAIaCEJQcABIAlBAnRqLwEAIQogCkHAASAJQQJ0ai8BAmohCwJAA0AgCiALTw0BQYACIApB' +
    'A3RqIAcgARAABEAgAiAFQQN0aiAHNgIAIAIgBUEDdGogCjYCBCAFQQFqIQULIApBAWohCgwACwsgCCAIQQFrcSEIIAgNAAsLIAYg' +
    'BkEBa3EhBiAGDQALCyAEQRBqIQQMAAsLIAUL';

;// CONCATENATED MODULE: ./lib/findings/scan/pattern.js
/**
 * Keyword patterns for the fast scanner: byte strings in which a place may allow a class of bytes.
 * `\a` stands for any ASCII letter, `\d` for any ASCII digit, `\n` for a line break; every other
 * character stands for its UTF-8 bytes. So `\a:\d` is "a letter, a colon, a digit": the end of
 * every `file.ext:12` location, whatever the language.
 */
function single(byte) {
    const set = new Uint8Array(256);
    set[byte] = 1;
    return set;
}
function range(...ranges) {
    const set = new Uint8Array(256);
    for (const [from, to] of ranges)
        for (let byte = from; byte <= to; byte++)
            set[byte] = 1;
    return set;
}
const LETTER = range([65, 90], [97, 122]);
const DIGIT = range([48, 57]);
/** The byte sets of `text` in the notation above. */
function compilePattern(text) {
    const places = [];
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '\\' && i + 1 < text.length) {
            const code = text[++i];
            if (code === 'a')
                places.push(LETTER);
            else if (code === 'd')
                places.push(DIGIT);
            else if (code === 'n')
                places.push(single(10));
            else if (code === '\\')
                places.push(single(92));
            else
                throw new Error(`unknown class \\${code} in scan pattern '${text}'`);
            continue;
        }
        const code = text.codePointAt(i);
        if (code > 0xffff)
            i++;
        for (const byte of Buffer.from(String.fromCodePoint(code), 'utf8'))
            places.push(single(byte));
    }
    if (places.length === 0)
        throw new Error('an empty scan pattern');
    return places;
}
/** The pattern of a plain byte string. */
function literalPattern(bytes) {
    return [...bytes].map(single);
}
/** True when `pattern` matches `data` at `position` (false past the end of `data`). */
function matchesAt(data, position, pattern) {
    if (position < 0 || position + pattern.length > data.length)
        return false;
    for (let place = 0; place < pattern.length; place++) {
        if (pattern[place][data[position + place]] !== 1)
            return false;
    }
    return true;
}

;// CONCATENATED MODULE: ./lib/findings/scan/keyword-search.js
/**
 * Where in a buffer does one of up to 64 short byte patterns match? A SIMD WebAssembly kernel
 * (keyword-search.wat) filters sixteen positions at a time by the first three bytes of each pattern
 * (the "Teddy" algorithm, with sixteen buckets), then checks each position that passed against the
 * whole pattern. Only real matches come back to JavaScript: the filter lets thousands of positions
 * per megabyte through when forty patterns share its buckets, and checking them one JavaScript
 * call at a time cost more than all the rest of the parse.
 *
 * It replaced one `Buffer.indexOf` pass per keyword, which stops at every occurrence of a needle's
 * first byte. A single regular expression was no answer either: V8 tunes its compiled code to a
 * sample of the subject it meets, and it ran three times slower on some chunks of the same log than
 * on others.
 */


/** Where the kernel expects its tables, its output and its input (see the .wat file). */
const TABLES = 0;
/** Tables of buckets 8-15, after those of buckets 0-7. */
const FAT_TABLES = 96;
const DIRECTORY = 192;
const ENTRIES = 256;
const RESUME = 800;
const SETS = 1024;
const MAX_PATTERNS = 64;
/** 256-bit sets, one per place of a pattern. */
const SET_BYTES = 32;
const MAX_PLACES = 480;
const OUTPUT = SETS + MAX_PLACES * SET_BYTES;
/** Matches per call, as (position, pattern) pairs: a call stops early when the next could overflow. */
const CAPACITY = 8192;
const INPUT = OUTPUT + CAPACITY * 8;
/** The kernel reads up to 18 bytes past the end of its input. */
const SLACK = 32;
const PAGE = 65536;
const BUCKETS = 16;
/** Bytes of each pattern the filter looks at. */
const SPAN = 3;
let compiled;
function instantiate() {
    compiled ??= new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
    const exports = new WebAssembly.Instance(compiled, {}).exports;
    return { memory: exports.memory, find: exports.find };
}
/**
 * How often each byte occurs in CI logs, roughly: letters by their English frequency (capitals a
 * tenth as often), digits, spaces, punctuation, and rarely anything else. The filter's buckets are
 * merged where they let the least likely text through, not the fewest byte sequences: a bucket of
 * rare symbols may admit many sequences and still few positions.
 */
const BYTE_WEIGHTS = (() => {
    const weights = new Float64Array(256).fill(0.0002);
    const letters = 'etaoinshrdlcumwfgypbvkjxqz';
    for (let rank = 0; rank < letters.length; rank++) {
        const weight = 0.12 / (1 + rank * 0.35);
        weights[letters.charCodeAt(rank)] = weight;
        weights[letters.toUpperCase().charCodeAt(rank)] = weight / 10;
    }
    for (let digit = 48; digit <= 57; digit++)
        weights[digit] = 0.02;
    weights[32] = 0.15;
    for (const mark of './-_:=,()[]"\'')
        weights[mark.charCodeAt(0)] = 0.01;
    return weights;
})();
/** The nibbles a pattern allows at each of the three places, as [low, high] bit sets in a row. */
function masksOf(pattern) {
    const masks = new Int32Array(2 * SPAN);
    for (let place = 0; place < SPAN; place++) {
        const set = pattern[place];
        // A pattern shorter than the span allows any byte after its end.
        if (set === undefined) {
            masks[2 * place] = 0xffff;
            masks[2 * place + 1] = 0xffff;
            continue;
        }
        for (let byte = 0; byte < 256; byte++) {
            if (set[byte] !== 1)
                continue;
            masks[2 * place] |= 1 << (byte & 15);
            masks[2 * place + 1] |= 1 << (byte >> 4);
        }
    }
    return masks;
}
/**
 * The weight of the bytes of one high nibble whose low nibbles are in a set, by the set's low and
 * high byte: `LOW_WEIGHTS[high * 256 + (set & 0xff)]` and `HIGH_WEIGHTS[…(set >> 8)]` add up to it.
 * The greedy merge asks hundreds of thousands of times; summing 256 bytes each time took 10 ms.
 */
const [LOW_WEIGHTS, HIGH_WEIGHTS] = (() => {
    const low = new Float64Array(16 * 256);
    const high = new Float64Array(16 * 256);
    for (let h = 0; h < 16; h++)
        for (let set = 0; set < 256; set++)
            for (let l = 0; l < 8; l++) {
                if (((set >> l) & 1) === 0)
                    continue;
                low[h * 256 + set] += BYTE_WEIGHTS[(h << 4) | l];
                high[h * 256 + set] += BYTE_WEIGHTS[(h << 4) | (l + 8)];
            }
    return [low, high];
})();
/** How likely a position of log text passes a bucket with the nibbles of `a` and `b` together. */
function admitted(a, b = a) {
    let product = 1;
    for (let place = 0; place < SPAN; place++) {
        const low = a[2 * place] | b[2 * place];
        const high = a[2 * place + 1] | b[2 * place + 1];
        let passing = 0;
        for (let h = 0; h < 16; h++) {
            if (((high >> h) & 1) === 0)
                continue;
            passing +=
                LOW_WEIGHTS[h * 256 + (low & 0xff)] + HIGH_WEIGHTS[h * 256 + (low >> 8)];
        }
        product *= passing;
    }
    return product;
}
/**
 * Puts the patterns in at most sixteen buckets: each bucket's pattern indices. Patterns in one bucket
 * mix their nibbles (`.go` and `##[` together let `.co`, in every URL, through), so buckets are
 * merged greedily where the merge lets the least log text through. It runs once per process, before
 * the first line is read: flat arrays, because the interpreter runs it.
 */
function buckets(patterns) {
    const n = patterns.length;
    const members = patterns.map((_, index) => [index]);
    const masks = patterns.map(masksOf);
    const weights = Float64Array.from(masks, mask => admitted(mask));
    const alive = new Uint8Array(n).fill(1);
    // What merging two groups would add, kept between rounds: a merge changes only the new group's pairs.
    const costs = new Float64Array(n * n);
    for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++)
            costs[a * n + b] =
                admitted(masks[a], masks[b]) -
                    weights[a] -
                    weights[b];
    for (let groups = n; groups > BUCKETS; groups--) {
        let best = Number.POSITIVE_INFINITY;
        let first = 0;
        let second = 1;
        for (let a = 0; a < n; a++) {
            if (alive[a] === 0)
                continue;
            for (let b = a + 1; b < n; b++) {
                if (alive[b] === 0)
                    continue;
                const pair = costs[a * n + b];
                if (pair < best) {
                    best = pair;
                    first = a;
                    second = b;
                }
            }
        }
        alive[second] = 0;
        const into = masks[first];
        const from = masks[second];
        for (let i = 0; i < into.length; i++)
            into[i] |= from[i];
        members[first].push(...members[second]);
        weights[first] = admitted(into);
        for (let other = 0; other < n; other++) {
            if (alive[other] === 0 || other === first)
                continue;
            const cost = admitted(into, masks[other]) - weights[first] - weights[other];
            costs[Math.min(first, other) * n + Math.max(first, other)] = cost;
        }
    }
    return members.filter((_, index) => alive[index] === 1);
}
/**
 * Layouts computed once per list of patterns (the same list object: the scanner compiles its
 * keywords once per set of rules). The greedy merge is the costly part.
 */
const LAYOUTS = new WeakMap();
function layoutFor(patterns) {
    const known = LAYOUTS.get(patterns);
    if (known)
        return known;
    const image = new Uint8Array(OUTPUT);
    const view = new DataView(image.buffer);
    const order = [];
    let setsAt = SETS;
    buckets(patterns).forEach((members, bucket) => {
        view.setUint16(DIRECTORY + bucket * 4, order.length, true);
        view.setUint16(DIRECTORY + bucket * 4 + 2, members.length, true);
        for (const index of members) {
            const pattern = patterns[index];
            const tables = bucket < 8 ? TABLES : FAT_TABLES;
            const bit = 1 << (bucket % 8);
            const masks = masksOf(pattern);
            for (let place = 0; place < SPAN; place++) {
                const low = masks[2 * place];
                const high = masks[2 * place + 1];
                for (let nibble = 0; nibble < 16; nibble++) {
                    if (low & (1 << nibble))
                        image[tables + place * 32 + nibble] |= bit;
                    if (high & (1 << nibble))
                        image[tables + place * 32 + 16 + nibble] |= bit;
                }
            }
            const entry = ENTRIES + order.length * 8;
            view.setUint32(entry, setsAt, true);
            view.setUint32(entry + 4, pattern.length, true);
            for (const set of pattern) {
                for (let byte = 0; byte < 256; byte++)
                    if (set[byte] === 1)
                        image[setsAt + (byte >> 3)] |= 1 << (byte & 7);
                setsAt += SET_BYTES;
            }
            order.push(index);
        }
    });
    const layout = { image, order };
    LAYOUTS.set(patterns, layout);
    return layout;
}
/** A search for a fixed set of non-empty byte patterns (or plain byte strings), reusable across buffers. */
class PatternSearch {
    kernel = instantiate();
    order;
    image;
    longest;
    constructor(patterns) {
        if (patterns.length === 0 || patterns.some(pattern => pattern.length === 0))
            throw new Error('a pattern search needs non-empty patterns');
        if (patterns.length > MAX_PATTERNS)
            throw new Error(`a pattern search takes at most ${MAX_PATTERNS} patterns`);
        const compiled = patterns.map(pattern => pattern instanceof Uint8Array ? literalPattern(pattern) : pattern);
        if (compiled.reduce((sum, pattern) => sum + pattern.length, 0) > MAX_PLACES)
            throw new Error(`a pattern search takes patterns of at most ${MAX_PLACES} bytes in all`);
        const layout = layoutFor(compiled);
        this.order = layout.order;
        this.image = layout.image;
        this.longest = Math.max(...compiled.map(pattern => pattern.length));
        new Uint8Array(this.kernel.memory.buffer, 0, OUTPUT).set(layout.image);
    }
    spec() {
        return {
            module: compiled,
            image: this.image,
            input: INPUT,
            output: OUTPUT,
            resume: RESUME,
            capacity: CAPACITY,
            slack: SLACK,
            page: PAGE,
            longest: this.longest
        };
    }
    /** The index, among this search's patterns, of the kernel's entry `entry`. */
    patternOf(entry) {
        return this.order[entry];
    }
    /**
     * Calls `visit` with each position in [`start`, `limit`) where a pattern matches, and the
     * pattern's index, in increasing order of position. The bytes are copied into the kernel's
     * memory first (`limit - start` of them); a match must end by `limit`.
     */
    forEach(data, limit, visit, start = 0) {
        if (limit <= start)
            return;
        const length = limit - start;
        this.reserve(length);
        const { memory, find } = this.kernel;
        new Uint8Array(memory.buffer).set(data.subarray(start, limit), INPUT);
        const output = new Int32Array(memory.buffer, OUTPUT, CAPACITY * 2);
        const resume = new Int32Array(memory.buffer, RESUME, 1);
        const shift = start - INPUT;
        const end = INPUT + length;
        let from = INPUT;
        while (from < end) {
            const found = find(from, end, OUTPUT, CAPACITY);
            for (let i = 0; i < found; i++)
                visit(output[2 * i] + shift, this.order[output[2 * i + 1]]);
            from = resume[0];
        }
    }
    /** Grows the kernel's memory to hold `bytes` of input. */
    reserve(bytes) {
        const { memory } = this.kernel;
        const needed = INPUT + bytes + SLACK;
        if (needed > memory.buffer.byteLength)
            memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    }
}

// EXTERNAL MODULE: ./lib/findings/tools/c.js
var c = __webpack_require__(3551);
;// CONCATENATED MODULE: ./lib/findings/scan/keywords.js
/**
 * The fast scanner's keywords: every line a tool parser turns into a finding contains one of
 * these, or lies within the context of a line that does. The kernel's filter shares sixteen buckets
 * among them, and every keyword in a bucket lets more false candidates through, so the list stays short:
 * one pattern (`\a:\d`, a letter, a colon, a digit) stands for the locations of every language.
 * test/unit/findings/scan.test.ts checks, on every fixture and every real log, that the fast path
 * finds what reading every line finds.
 */



const NONE = { before: 0, after: 0 };
const after = (lines) => ({ before: 0, after: lines });
const startsIndented = (line) => line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9;
const BLOCK_STARTS = [
    // The last lines of a failed step, for the finding of a step no parser understood.
    [
        line => line.includes('Process completed'),
        /Process completed with exit code/,
        { before: log_parser/* TAIL_LINES */.r6, after: 0 }
    ],
    // ESLint stylish, stylelint and yamllint rows (also behind the web view's `Error: `): the path line above.
    [
        line => line.includes(':') &&
            (startsIndented(line) ||
                (line.charCodeAt(0) >= 48 && line.charCodeAt(0) <= 57) ||
                line.startsWith('Error: ') ||
                line.startsWith('Warning: ')),
        /^(?:Error: |Warning: )?\s*\d+:\d+\s+(?:error|warning|Error:|Warning:|✖|⚠|×)\s/,
        { before: 2, after: 0 }
    ],
    // node --test's spec reporter: the error and stack under `✖ name (1.2ms)`.
    [line => line.includes('✖'), /^\s*✖ .* \([\d.]+m?s\)$/, { before: 0, after: 20 }],
    // Biome's header; its message follows a blank line (its `━` may reach the log as mojibake).
    [
        line => line.includes('lint/') || line.includes('format') || line.includes('assist/') || line.includes('parse'),
        /^\S+(?::\d+:\d+)? (?:lint|format|assist|parse)\//,
        { before: 0, after: 3 }
    ],
    // cargo and ruff headers are one line above their ` --> path:line:col`.
    [line => line.includes('--> '), /^\s*--> /, { before: 1, after: 0 }],
    // rustc's, clippy's diagnostics: the header, then ` --> ` and notes.
    [
        line => line.startsWith('error') || line.startsWith('warning'),
        /^(?:error|warning)(?:\[\w+\])?: /,
        { before: 0, after: 8 }
    ],
    // node --test's YAML `error:` block: the `not ok` line above, the message below.
    [startsIndented, /^\s+error: /, { before: 6, after: 3 }],
    // Terraform's boxes: `on main.tf line 12` and the detail follow the heading.
    [
        line => line.includes('Error: ') || line.includes('Warning: '),
        /^\s*│?\s*(?:Error|Warning): /,
        { before: 0, after: 10 }
    ],
    // PHPUnit's failures follow "There was 1 failure:"; its frames carry a location.
    [line => line.startsWith('There w'), /^There (?:was|were) \d+ /, { before: 0, after: 40 }],
    // PHPUnit's "Failed asserting …" comes right after its test's header.
    [line => line.startsWith('Failed asserting'), /^Failed asserting/, { before: 2, after: 0 }],
    // dotnet test: the message line under "Error Message:".
    [line => line.includes('Error Message:'), /^\s*Error Message:/, { before: 0, after: 3 }],
    // mypy --pretty wraps a message onto the next lines: it is complete once its `[code]` is shown.
    [
        line => line.includes('.py'),
        /\.pyi?:\d+(?::\d+)?: (?:error|note|warning):(?!.*\]\s*$)/,
        { before: 0, after: 4 }
    ],
    // javac's and Maven's compile errors: the code line, the caret, `symbol:` and `location:` below.
    [
        line => line.includes('.java:') || line.includes(','),
        /^\[(?:ERROR|WARNING)\] .*:\[\d+,\d+\] |\.java:\d+: error: /,
        { before: 0, after: 4 }
    ],
    // Surefire's detail header: the exception line after it.
    [line => line.includes('<<< '), /<<< (?:FAILURE|ERROR)!/, { before: 0, after: 2 }],
    // CMake's message is indented under its heading; a call stack frame (`  CMakeLists.txt:77 (cmd)`)
    // needs the stack's heading and, when the error's heading is not shown, the message above it.
    [line => line.startsWith('CMake '), /^CMake (?:Error|Warning)/, { before: 0, after: 8 }],
    [line => startsIndented(line) && line.endsWith(')'), /^\s+\S+:\d+ \(\w+\)$/, { before: 25, after: 0 }],
    // make's failure: its cause is on the lines above (the compiler's or the archiver's error).
    [line => line.includes(': *** '), /make(?:\[\d+\])?: \*\*\* /, { before: c/* MAKE_CAUSE_LINES */.$, after: 0 }],
    // Gradle's failed task: its causes follow on `> ` lines, nested deeper each.
    [
        line => line.startsWith('Execution failed for task'),
        /^Execution failed for task/,
        { before: 0, after: 8 }
    ],
    // Next.js's build errors: a place (`./app/page.tsx:3:1`, `./app`) above each message.
    [
        line => line.startsWith('> Build') || line.startsWith('Failed to compile'),
        /^(?:> Build error occurred|Failed to compile)/,
        { before: 0, after: 12 }
    ],
    [
        line => line.startsWith('Module ') || line.startsWith('Type error') || line.startsWith('Error: '),
        /^(?:Module not found|Module parse failed|Type error|Error): /,
        { before: 1, after: 0 }
    ],
    // A script's failure: `prettier --list-different` listed its files above it.
    [line => line.includes('ommand failed'), /Command failed with exit code/, { before: 60, after: 0 }],
    // pip's and uv's rich errors.
    [line => line.includes('×'), /×/, { before: 0, after: 3 }]
];
/**
 * The context of a hit line: what the parsers of the blocks it may start or end need around it.
 * Asked once per line that has a hit, whatever its keywords.
 */
function blockContext(raw) {
    const line = (0,framing/* contentOf */.$E)(raw);
    for (const [gate, pattern, context] of BLOCK_STARTS)
        if (gate(line) && pattern.test(line))
            return context;
    return NONE;
}
/** A keyword, with the context its own hits need (the block rules above may widen it). */
function keyword(text, context = NONE, anchor) {
    return { text, ...(anchor ? { anchor } : {}), ...(context === NONE ? {} : { context }) };
}
const LOG_KEYWORDS = [
    keyword('error', NONE, 'rror'),
    keyword('Error', NONE, 'rror'),
    keyword('ERR'),
    keyword('warning'),
    keyword('Warning'),
    keyword('WARN'),
    keyword('[warn]'),
    keyword('FAIL'),
    keyword('Fail'),
    keyword('fail'),
    keyword('fatal'),
    keyword('Fatal'),
    keyword('panic', after(2)),
    keyword('Traceback', after(3)),
    keyword('Exception', after(2)),
    keyword('File "', after(4)),
    keyword('##['),
    // Locations: `x.ts:12`, `Foo.java:42)`, `Dockerfile:3`; `x.ts(12,5)` (tsc, MSVC, MSBuild).
    keyword('\\a:\\d'),
    keyword('\\a(\\d'),
    keyword(':line '),
    keyword('●', { before: 0, after: 40, until: 'jest' }),
    keyword('❯'),
    keyword('━', after(3)),
    keyword('⎯'),
    keyword('×'),
    keyword('✖'),
    keyword('✘', after(4)),
    keyword('⚠'),
    keyword('❌'),
    keyword('___', { before: 0, after: 40, until: 'pytest' }),
    // TAP's `not ok 2 - name`: its YAML block (location, error) follows.
    keyword('not ok', after(20), 't ok'),
    keyword('^-', { before: 2, after: 0 }),
    keyword('Diff in'),
    keyword('Line   ', after(200)),
    // Composer's `Problem 1`; its heading ("Your lock file does not contain…") is just above.
    keyword('Problem', { before: 3, after: 10 }, 'oblem'),
    keyword('could not be resolved'),
    // black's `would reformat x.py`, ruff's `Would reformat: x.py`.
    keyword('reformat', NONE, 'eformat'),
    // Prettier's summary; before Prettier 2 the files it names are listed bare above it, under
    // its "Checking formatting..." line.
    keyword('Code style issues', { before: 60, after: 0 }, 'style issues'),
    keyword('checking code style', { before: 60, after: 0 }),
    // `prettier --list-different`: its command line, the bare paths, then the script's failure.
    keyword('list-different'),
    // pytest's rule lines: the bounds of a session, inside which a traceback is a test's output.
    keyword('====='),
    keyword('YN0'),
    // Pylint 1's module heading: its `C: 12, 0: …` messages follow, with no keyword of their own.
    keyword('************* Module', { before: 0, after: 5000, until: 'pylint' }, '** Module'),
    keyword('non-zero', NONE, '-zero'),
    keyword('go.mod'),
    keyword('go.sum'),
    keyword('.tf\\n'),
    // Terraform's `on main.tf line 12`, which places a box even when its heading is not shown.
    keyword('.tf line', { before: 0, after: 6 }),
    keyword('tfvars\\n'),
    keyword('not found', NONE, 't found'),
    keyword('recognized', NONE, 'cognized'),
    keyword('illegal option', NONE, 'llegal option'),
    keyword('✕'),
    keyword('such file', NONE, 'uch file'),
    keyword('annot '),
    keyword('nable to'),
    keyword('enied'),
    // The linker's place in an object file: `main.c:(.text+0x1e): undefined reference to …`.
    keyword(':(.')
];
const LOG_RULES = { keywords: LOG_KEYWORDS, blocks: blockContext };

;// CONCATENATED MODULE: ./lib/findings/scan/scan.js




const NEWLINE = 10;
/** Keywords a scanner takes: a hit is stored as `position * MAX_KEYWORDS + index`. */
const MAX_KEYWORDS = 64;
/**
 * Bytes of one line that are read: the start of a longer line is read as a line of its own and the
 * rest of it is passed over unread, so that a log costs the same per byte and the same memory
 * whether its bytes come in short lines or in one (a minified bundle, a base64 blob, a binary).
 */
const MAX_LINE_BYTES = 256 * 1024;
/**
 * Where a scan of `data[from…]` ends: just after its last line break (all of it when `final`) — or,
 * when the line after that break has gone on for more than {@link MAX_LINE_BYTES}, that far into it
 * (`cut`: the rest of that line is to be passed over with {@link passCutLine}).
 */
function scanLimit(data, from, final) {
    const limit = final ? data.length : data.lastIndexOf(NEWLINE) + 1;
    const last = Math.max(limit, from);
    return !final && data.length - last > MAX_LINE_BYTES
        ? { limit: last + MAX_LINE_BYTES, cut: true }
        : { limit, cut: false };
}
/**
 * The rest of a cut line in `data[from…]`, up to and with its line break: where scanning goes on,
 * and whether the line goes on past `data` (`inside`).
 */
function passCutLine(data, from) {
    const newline = data.indexOf(NEWLINE, from);
    return newline === -1 ? { next: data.length, inside: true } : { next: newline + 1, inside: false };
}
/**
 * Matches of the scanner's kernel found ahead, by another thread (see read-ahead.ts): absolute
 * offsets in the log and kernel entries, in increasing order of offset.
 */
class HitQueue {
    offsets = new Float64Array(1024);
    entries = new Int32Array(1024);
    head = 0;
    tail = 0;
    /** Adds `count` pairs of (offset from `base`, kernel entry). */
    push(base, pairs, count) {
        if (this.tail + count > this.offsets.length)
            this.compact(count);
        for (let i = 0; i < count; i++) {
            this.offsets[this.tail] = base + pairs[2 * i];
            this.entries[this.tail++] = pairs[2 * i + 1];
        }
    }
    /** Calls `visit` with each hit before offset `until`, and drops it. */
    take(until, visit) {
        while (this.head < this.tail && this.offsets[this.head] < until) {
            visit(this.offsets[this.head], this.entries[this.head]);
            this.head++;
        }
    }
    compact(room) {
        const held = this.tail - this.head;
        const size = Math.max(this.offsets.length, 2 * (held + room));
        const offsets = new Float64Array(size);
        const entries = new Int32Array(size);
        offsets.set(this.offsets.subarray(this.head, this.tail));
        entries.set(this.entries.subarray(this.head, this.tail));
        this.offsets = offsets;
        this.entries = entries;
        this.head = 0;
        this.tail = held;
    }
}
/** The searches of a list of keywords, compiled once per list (a scanner per step reuses them). */
const COMPILED = new WeakMap();
function compiledSearches(keywords) {
    const known = COMPILED.get(keywords);
    if (known)
        return known;
    if (keywords.length > MAX_KEYWORDS)
        throw new Error(`at most ${MAX_KEYWORDS} scan keywords`);
    const searches = new Map();
    keywords.forEach((keyword, index) => {
        const anchor = keyword.anchor ?? keyword.text;
        if (anchor.length === 0 || !keyword.text.endsWith(anchor))
            throw new Error(`scan anchor '${anchor}' is not a suffix of '${keyword.text}'`);
        const search = searches.get(anchor) ?? { needle: compilePattern(anchor), members: [] };
        const rest = keyword.text.slice(0, keyword.text.length - anchor.length);
        search.members.push({ index, prefix: rest === '' ? [] : compilePattern(rest) });
        searches.set(anchor, search);
    });
    const compiled = {
        searches: [...searches.values()],
        needles: [...searches.values()].map(search => search.needle)
    };
    COMPILED.set(keywords, compiled);
    return compiled;
}
/** Streams chunks of a log through a keyword filter into a line parser. */
class LogScanner {
    parser;
    rules;
    searches;
    kernel;
    keywords;
    blocks;
    /** Absolute offset of the first byte not yet scanned. */
    scanned = 0;
    /** Absolute offset just after the last line handed to the parser. */
    fedEnd = 0;
    /** Lines of context still owed after `fedEnd`. */
    owed = 0;
    /** Lines of context owed after `fedEnd` only while the parser named `owedTool` has a block open. */
    owedBlock = 0;
    owedTool = null;
    /** Inside the unread rest of a line longer than {@link MAX_LINE_BYTES}. */
    skipping = false;
    /** Bytes scanned, lines decoded and gaps, for the benchmark and the logs. */
    stats = { bytes: 0, decodedLines: 0, gaps: 0 };
    constructor(parser, rules = LOG_RULES) {
        this.parser = parser;
        this.rules = rules;
        const { keywords } = rules;
        this.keywords = keywords;
        this.blocks = rules.blocks;
        const compiled = compiledSearches(keywords);
        this.searches = compiled.searches;
        this.kernel = new PatternSearch(compiled.needles);
    }
    /**
     * Starts a region of the log that does not follow what was scanned before (another step):
     * offsets count from its first byte, no context is owed across the jump, and the parser is told
     * of the gap.
     */
    restart() {
        this.parser.gap();
        this.stats.gaps++;
        this.scanned = 0;
        this.fedEnd = 0;
        this.owed = 0;
        this.owedBlock = 0;
        this.owedTool = null;
        this.skipping = false;
    }
    /** The kernel, for a thread that searches ahead of this scanner (hits go back through a {@link HitQueue}). */
    kernelSpec() {
        return this.kernel.spec();
    }
    /**
     * Scans `data[from…]` up to its last line break (everything when `final`) and returns the index
     * just after the last byte consumed. `data[0…from)` is look-back: bytes scanned by an earlier
     * call, starting at a line start, that context before a hit may reach into. The caller passes
     * the unconsumed rest again, after as much look-back as it likes to keep. With `found`, the
     * kernel's matches come from there, searched ahead, instead of being searched here.
     */
    scan(data, from = 0, final = false, found) {
        if (this.skipping) {
            from = this.skip(data, from, found);
            if (this.skipping)
                return from;
        }
        // A line that has gone on for longer than the cap ends there; the rest of it is skipped.
        const { limit, cut } = scanLimit(data, from, final);
        if (limit <= from)
            return from;
        // Absolute offset of data[0].
        const origin = this.scanned - from;
        let fed = Math.max(0, this.fedEnd - origin);
        const hits = found ? this.suppliedHits(data, origin, limit, found) : this.hits(data, from, limit);
        for (let i = 0; i < hits.length;) {
            const position = Math.floor(hits[i] / MAX_KEYWORDS);
            const start = position === 0 ? 0 : data.lastIndexOf(NEWLINE, position - 1) + 1;
            const end = this.lineEnd(data, position, limit);
            // One line, however many keywords it has: the widest context of them, and of its blocks.
            let before = 0;
            let after = 0;
            let blockAfter = 0;
            let until = null;
            const widen = (context) => {
                before = Math.max(before, context.before);
                if (context.until === undefined || (until !== null && until !== context.until))
                    after = Math.max(after, context.after);
                else {
                    blockAfter = Math.max(blockAfter, context.after);
                    until = context.until;
                }
            };
            for (; i < hits.length && Math.floor(hits[i] / MAX_KEYWORDS) < end; i++) {
                const context = this.keywords[hits[i] % MAX_KEYWORDS].context;
                if (context !== undefined)
                    widen(context);
            }
            const text = this.decode(data, start, end);
            if (this.blocks)
                widen(this.blocks(text));
            if (start < fed) {
                // Already fed as context: it may still ask for more context after it.
                const fedAfter = after > 0 || blockAfter > 0 ? this.countLines(data, end, fed) : 0;
                this.owe(after - fedAfter, blockAfter - fedAfter, until);
                continue;
            }
            fed = this.payOwed(data, fed, start, origin);
            if (before > 0 && start > fed) {
                const starts = [];
                let lineStart = start;
                for (let b = 0; b < before && lineStart > fed && lineStart > 0; b++) {
                    lineStart = lineStart < 2 ? 0 : data.lastIndexOf(NEWLINE, lineStart - 2) + 1;
                    if (lineStart < fed)
                        break;
                    starts.unshift(lineStart);
                }
                for (const lineBefore of starts) {
                    const beforeEnd = this.lineEnd(data, lineBefore, limit);
                    this.feed(origin, lineBefore, this.decode(data, lineBefore, beforeEnd), beforeEnd);
                }
            }
            this.feed(origin, start, text, end);
            fed = end;
            this.paid();
            this.owe(after, blockAfter, until);
        }
        this.payOwed(data, fed, limit, origin);
        this.scanned = origin + limit;
        this.stats.bytes += limit - from;
        this.skipping = cut;
        return limit;
    }
    /**
     * Passes over the rest of an over-long line, up to and with its line break, without reading it
     * (matches searched ahead in it are dropped); returns where scanning goes on.
     */
    skip(data, from, found) {
        const { next, inside } = passCutLine(data, from);
        const origin = this.scanned - from;
        found?.take(origin + next, () => undefined);
        this.scanned = origin + next;
        this.stats.bytes += next - from;
        this.skipping = inside;
        return next;
    }
    /** No more data: closes the parser. */
    end() {
        this.parser.end();
    }
    /** Keyword hits in [from, limit), as `position * MAX_KEYWORDS + keyword index`, in order. */
    hits(data, from, limit) {
        const hits = [];
        this.kernel.forEach(data, limit, (position, anchor) => this.expand(data, position, anchor, hits), from);
        return hits.sort((a, b) => a - b);
    }
    /** The hits in [.., limit) of matches searched ahead, as {@link hits} gives them. */
    suppliedHits(data, origin, limit, found) {
        const hits = [];
        found.take(origin + limit, (offset, entry) => this.expand(data, offset - origin, this.kernel.patternOf(entry), hits));
        return hits.sort((a, b) => a - b);
    }
    /** The keyword hits of a match of anchor `anchor` at `position`: what a keyword has before its anchor is checked here. */
    expand(data, position, anchor, hits) {
        for (const member of this.searches[anchor].members) {
            const start = position - member.prefix.length;
            if (start >= 0 && (member.prefix.length === 0 || matchesAt(data, start, member.prefix)))
                hits.push(start * MAX_KEYWORDS + member.index);
        }
    }
    /**
     * Owes `lines` more lines of context, and `blockLines` more while `tool`'s parser has a block
     * open. One block at a time is followed: another tool's lines are owed whatever its parser does.
     */
    owe(lines, blockLines, tool) {
        this.owed = Math.max(this.owed, lines);
        if (blockLines <= 0 || tool === null)
            return;
        if (this.owedBlock > 0 && this.owedTool !== tool)
            this.owed = Math.max(this.owed, this.owedBlock);
        else if (this.owedBlock > 0) {
            this.owedBlock = Math.max(this.owedBlock, blockLines);
            return;
        }
        this.owedBlock = blockLines;
        this.owedTool = tool;
    }
    /** One more line was fed after the last hit. */
    paid() {
        if (this.owed > 0)
            this.owed--;
        if (this.owedBlock > 0)
            this.owedBlock--;
    }
    /** Whether the next line is owed: always while `owed` lasts, then while the followed block is open. */
    isOwed() {
        if (this.owed > 0)
            return true;
        if (this.owedBlock === 0)
            return false;
        // The block is over (its parser is back to looking for openers): the rest of its context is not needed.
        if (this.parser.idle?.(this.owedTool) === true)
            this.owedBlock = 0;
        return this.owedBlock > 0;
    }
    /** Feeds owed context lines from `fed` (not beyond `until`); returns the new fed index. */
    payOwed(data, fed, until, origin) {
        let position = fed;
        while (position < until && this.isOwed()) {
            const end = this.lineEnd(data, position, until);
            this.feed(origin, position, this.decode(data, position, end), end);
            position = end;
            this.paid();
        }
        return position;
    }
    countLines(data, from, to) {
        let count = 0;
        for (let position = from; position < to; count++)
            position = this.lineEnd(data, position, to);
        return count;
    }
    lineEnd(data, position, limit) {
        const newline = data.indexOf(NEWLINE, position);
        return newline === -1 || newline >= limit ? limit : newline + 1;
    }
    decode(data, start, end) {
        let stop = Math.min(end, start + MAX_LINE_BYTES);
        if (stop > start && data[stop - 1] === NEWLINE)
            stop--;
        if (stop > start && data[stop - 1] === 13)
            stop--;
        return data.toString('utf8', start, stop);
    }
    /** Hands one line to the parser, telling it first when lines were skipped. */
    feed(origin, start, text, end) {
        const absolute = origin + start;
        if (absolute !== this.fedEnd) {
            this.parser.gap();
            this.stats.gaps++;
        }
        this.parser.line(text);
        this.fedEnd = origin + end;
        this.stats.decodedLines++;
    }
}

;// CONCATENATED MODULE: ./lib/findings/log-reader.js
/**
 * Reads logs through the keyword scanner in chunks, so that a log of any size is parsed with a
 * bounded amount of memory: from a file (`readLogFile`), from any stream of bytes such as a
 * downloaded job log (`createLogStream`), or from memory. With read-ahead.ts and report-file.ts,
 * the only modules of the library that touch the file system.
 */






/**
 * Bytes handed to the scanner at a time: big enough that the per-call work (a copy into the
 * kernel's memory) is small, small enough to stay in the CPU cache between the copy and the
 * search. Measured: 1 MB and 4 MB alike, 256 KB a third slower.
 */
const CHUNK_BYTES = 1024 * 1024;
/**
 * Files at least this big are searched ahead by a second thread (read-ahead.ts): starting it costs
 * a few milliseconds, the search a few milliseconds per ten megabytes.
 */
const READ_AHEAD_ABOVE = 16 * 1024 * 1024;
/** Bytes of already scanned text kept in front of new text, for context before a hit. */
const LOOK_BACK_BYTES = 64 * 1024;
/** The scanner's buffer: unscanned bytes after a look-back region (the scanner cuts long lines, so it stays small). */
class ChunkBuffer {
    buffer = Buffer.allocUnsafe(CHUNK_BYTES * 2);
    /** Bytes held. */
    length = 0;
    /** Index of the first byte not yet scanned. */
    from = 0;
    /** Room for at least `bytes` more, keeping the look-back and the unscanned bytes. */
    reserve(bytes) {
        if (this.length + bytes <= this.buffer.length)
            return;
        const floor = this.from - LOOK_BACK_BYTES;
        let keep = floor <= 0 ? 0 : this.buffer.indexOf(10, floor) + 1;
        // No line starts in the look-back window (one long line): none of it is kept.
        if (floor > 0 && (keep === 0 || keep > this.from))
            keep = this.from;
        if (keep > 0 && keep <= this.from) {
            this.buffer.copy(this.buffer, 0, keep, this.length);
            this.length -= keep;
            this.from -= keep;
        }
        if (this.length + bytes > this.buffer.length) {
            const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
            this.buffer.copy(bigger, 0, 0, this.length);
            this.buffer = bigger;
        }
    }
    /** Reads up to `bytes` of the file at `position` after the bytes held; returns how many it read. */
    fill(handle, position, bytes) {
        this.reserve(bytes);
        const read = (0,external_node_fs_.readSync)(handle, this.buffer, this.length, bytes, position);
        this.length += read;
        return read;
    }
    /** The bytes held. */
    get data() {
        return this.buffer.subarray(0, this.length);
    }
}
/** A stream of log bytes into the parser; findings go to `onFinding` or into the result. */
function createLogStream(options = {}) {
    const findings = [];
    const parser = (0,log_parser/* createLogParser */.GZ)(options.onFinding ?? (found => findings.push(found)), options);
    const scanner = new LogScanner(parser, options.rules);
    const chunks = new ChunkBuffer();
    let bytes = 0;
    const scan = (final) => {
        chunks.from = scanner.scan(chunks.data, chunks.from, final);
    };
    return {
        write(chunk) {
            chunks.reserve(chunk.length);
            chunks.buffer.set(chunk, chunks.length);
            chunks.length += chunk.length;
            bytes += chunk.length;
            if (chunks.length - chunks.from >= CHUNK_BYTES)
                scan(false);
        },
        end() {
            scan(true);
            scanner.end();
            return { findings, bytes, truncated: false, stats: scanner.stats };
        }
    };
}
/**
 * Parses a log file with the fast scanner, from `offset` and for at most `maxBytes` bytes. Reads
 * are synchronous, straight into the scanner's buffer: the parse is bound by the CPU, and awaiting
 * each chunk from the thread pool left a fifth of it idle. A big file is read and searched ahead
 * by a second thread; of a big raw job log only the failed steps are parsed (readFailedSteps),
 * unless `every` or `onStep` asks for every step.
 */
async function readLogFile(path, options = {}) {
    const findings = [];
    const parser = (0,log_parser/* createLogParser */.GZ)(options.onFinding ?? (found => findings.push(found)), options);
    const scanner = new LogScanner(parser, options.rules);
    const chunks = new ChunkBuffer();
    const begin = options.offset ?? 0;
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const handle = (0,external_node_fs_.openSync)(path, 'r');
    let read = 0;
    let truncated;
    try {
        const size = (0,external_node_fs_.fstatSync)(handle).size;
        const end = Math.max(begin, Math.min(size, begin + maxBytes));
        truncated = size > end;
        const failedOnly = end - begin >= READ_AHEAD_ABOVE && !options.every && !options.onStep && isRawJobLog(handle, begin)
            ? readFailedSteps(path, handle, begin, end, scanner, chunks)
            : null;
        if (failedOnly !== null)
            read = failedOnly;
        else if (end - begin >= READ_AHEAD_ABOVE)
            read = readAhead(path, begin, end, scanner, chunks);
        else {
            // Read straight into the scanner's buffer: no copy of the log's bytes but the kernel's own.
            for (let position = begin; position < end;) {
                const bytesRead = chunks.fill(handle, position, Math.min(CHUNK_BYTES, end - position));
                if (bytesRead === 0)
                    break;
                position += bytesRead;
                read += bytesRead;
                chunks.from = scanner.scan(chunks.data, chunks.from, false);
            }
            chunks.from = scanner.scan(chunks.data, chunks.from, true);
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(handle);
    }
    scanner.end();
    return { findings, bytes: read, truncated, stats: scanner.stats };
}
/** Scans bytes [begin, end) of the file with a second thread searching ahead; returns the bytes read. */
function readAhead(path, begin, end, scanner, chunks) {
    return scanAhead(ReadAhead.open(path, scanner.kernelSpec(), [[begin, end]]), scanner, chunks);
}
/**
 * Scans the ranges a reader was given, chunk by chunk as its worker searched them; a range that
 * does not follow the one before starts the scanner again, after a gap. Returns the bytes read.
 */
function scanAhead(ahead, scanner, chunks) {
    const found = new HitQueue();
    /** The file offset of the current range's first byte: the scanner's offsets count from it. */
    let origin = 0;
    let read = 0;
    try {
        for (let chunk = 0; chunk < ahead.chunks; chunk++) {
            const starts = ahead.startsRange(chunk);
            if (starts && chunk > 0) {
                scanner.scan(chunks.data, chunks.from, true, found);
                scanner.restart();
                chunks.length = 0;
                chunks.from = 0;
            }
            chunks.reserve(ahead.lengthOf(chunk));
            const next = ahead.take(chunk, chunks.buffer, chunks.length);
            if (starts)
                origin = next.base;
            chunks.length += next.length;
            read += next.length;
            found.push(next.base - origin, next.pairs, next.count);
            ahead.release(chunk);
            chunks.from = scanner.scan(chunks.data, chunks.from, false, found);
        }
        chunks.from = scanner.scan(chunks.data, chunks.from, true, found);
    }
    finally {
        ahead.close();
    }
    return read;
}
/** The start of a raw Actions job log: the runner's timestamp on its first line, after a BOM. */
function isRawJobLog(handle, begin) {
    const head = Buffer.alloc(64);
    const got = (0,external_node_fs_.readSync)(handle, head, 0, head.length, begin);
    return (0,framing/* startsWithTimestamp */.S0)((0,framing/* stripBom */.F8)(head.toString('utf8', 0, got)));
}
/**
 * What the line `content` (without its timestamp) says about its step: that one starts
 * (`##[group]Run …`) or that the step failed (any `##[error]` but an exit code of 0), as the log
 * parser reads them. (The runner writes a step's `::error::` commands as `##[error]`.)
 */
function stepMark(content) {
    const command = (0,framing/* runnerCommand */.Qf)(content);
    if (!command)
        return null;
    if (command.name === 'group')
        return command.rest.startsWith('Run ') ? 'step' : null;
    if (command.name !== 'error')
        return null;
    const exit = (0,framing/* exitCodeOf */.FO)(command.rest.trim());
    return exit === null || exit !== 0 ? 'failed' : null;
}
const HASH_MARK = Buffer.from('##[');
/** Failed steps the worker has room for without growing its table (a step adds a chunk at most). */
const MAX_RANGES = 4096;
/** Bytes of a marked line decoded to read its mark (a timestamp and a command's start). */
const MARK_LINE = 200;
/**
 * The marks in the whole lines `data[from, limit)`, in order: where a step starts (the offset of its
 * line, from `data[0]`) and where one fails. `Buffer.indexOf` finds `##[` at some ten gigabytes a
 * second (`#` is rare): the first pass over a big log costs little more than reading it.
 */
function marksIn(data, from, limit) {
    const marks = [];
    for (let at = data.indexOf(HASH_MARK, from); at !== -1 && at < limit; at = data.indexOf(HASH_MARK, at + 1)) {
        const start = at === 0 ? 0 : data.lastIndexOf(10, at - 1) + 1;
        const newline = data.indexOf(10, at);
        const stop = Math.min(newline === -1 ? limit : newline, at + MARK_LINE);
        const line = (0,line_parser/* stripTimestamp */.TW)((0,framing/* stripBom */.F8)(data.toString('utf8', start, stop)));
        // Only a mark that starts its line: `echo "##[error]"` in a script is output.
        if (line.length !== data.toString('utf8', at, stop).length)
            continue;
        const mark = stepMark(line);
        if (mark)
            marks.push({ at: mark === 'step' ? start : at, mark });
    }
    return marks;
}
/**
 * Parses only the steps of a big raw job log that failed. A first pass reads the log and finds
 * the runner's marks alone: where each step starts (`##[group]Run …`) and whether it failed (an
 * `##[error]`, an exit code other than 0). A failed step is then read again and parsed
 * like any log. A passing step's output is not wanted when another step failed (the log parser
 * drops it), so most of a big log is neither searched nor decoded. Returns the bytes read, or null
 * when no step failed: then every step counts, and the caller parses the whole log as usual
 * (nothing has reached the parser yet).
 */
function readFailedSteps(path, handle, begin, end, scanner, chunks) {
    // The worker starts while the first pass reads: it searches the failed steps once they are known.
    const ahead = ReadAhead.start(path, scanner.kernelSpec(), Math.ceil((end - begin) / CHUNK_BYTES) + MAX_RANGES);
    const failedSteps = failedStepRanges(handle, begin, end);
    if (failedSteps.length === 0) {
        ahead.close();
        return null;
    }
    ahead.publish(failedSteps);
    scanAhead(ahead, scanner, chunks);
    return end - begin;
}
/** The byte ranges of the log's failed steps, in order, from the runner's marks alone. */
function failedStepRanges(handle, begin, end) {
    const ranges = [];
    const chunks = new ChunkBuffer();
    /** The current step: its file offset, and whether it has failed. */
    let start = begin;
    let failed = false;
    const close = (stop) => {
        if (failed && stop > start)
            ranges.push([start, stop]);
        failed = false;
    };
    let position = begin;
    /** Inside the rest of a line over MAX_LINE_BYTES: its start was read for a mark, the rest is not. */
    let skipping = false;
    for (;;) {
        const want = Math.min(CHUNK_BYTES, end - position);
        const bytesRead = want === 0 ? 0 : chunks.fill(handle, position, want);
        const final = bytesRead === 0;
        position += bytesRead;
        const data = chunks.data;
        let from = chunks.from;
        if (skipping) {
            const passed = passCutLine(data, from);
            from = passed.next;
            skipping = passed.inside;
        }
        // Still inside a cut line: nothing to read in this chunk.
        const scanned = skipping
            ? { limit: from, cut: true }
            : scanLimit(data, from, final);
        const { limit } = scanned;
        skipping = scanned.cut;
        // The file offset of data[0].
        const base = position - chunks.length;
        if (limit > from)
            for (const { at, mark } of marksIn(data, from, limit)) {
                if (mark === 'failed')
                    failed = true;
                else {
                    close(base + at);
                    start = base + at;
                }
            }
        chunks.from = Math.max(from, limit);
        if (final)
            break;
    }
    close(end);
    return ranges;
}
/** Parses a log already in memory with the fast scanner. */
function scanLogBuffer(data, options = {}) {
    const stream = createLogStream(options);
    stream.write(data);
    return stream.end().findings;
}


/***/ }),

/***/ 8153:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $E: () => (/* binding */ contentOf),
/* harmony export */   F8: () => (/* binding */ stripBom),
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Qf: () => (/* binding */ runnerCommand),
/* harmony export */   S0: () => (/* binding */ startsWithTimestamp),
/* harmony export */   T3: () => (/* binding */ isExitWord),
/* harmony export */   YS: () => (/* binding */ splitGhLog),
/* harmony export */   vy: () => (/* binding */ splitPrefix)
/* harmony export */ });
/* harmony import */ var _line_parser_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8493);
/**
 * What surrounds a tool's output in a CI log, recognised one line at a time: `gh run view --log`
 * columns (`job<TAB>step<TAB>time text`), the runner's `##[…]` commands, and the prefixes that
 * workspace runners and build tools put before every line they relay (pnpm -r, turbo, nx, Lerna,
 * Yarn workspaces, docker compose, BuildKit, Cloud Build). Pure functions; log-parser.ts keeps the
 * state.
 */

const BOM = 0xfeff;
/** The line without a leading byte-order mark (the runner writes one at the start of each step's log). */
function stripBom(text) {
    return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}
/** True when `text` starts with the runner's `2024-01-01T00:00:00.0000000Z` timestamp. */
function startsWithTimestamp(text) {
    return (text.length >= 20 &&
        text.charCodeAt(4) === 45 &&
        text.charCodeAt(7) === 45 &&
        text.charCodeAt(10) === 84 &&
        text.charCodeAt(13) === 58 &&
        text.charCodeAt(16) === 58);
}
/**
 * A line of `gh run view --log` / `--log-failed`: the job and step columns (some exports keep only
 * the job's) and the rest, which starts with a timestamp (a byte-order mark before it on a step's
 * first line); or null.
 */
function splitGhLog(line) {
    const first = line.indexOf('\t');
    if (first <= 0)
        return null;
    const second = line.indexOf('\t', first + 1);
    if (second >= 0) {
        const rest = stripBom(line.slice(second + 1));
        if (startsWithTimestamp(rest))
            return { job: line.slice(0, first), step: line.slice(first + 1, second), text: rest };
    }
    const rest = stripBom(line.slice(first + 1));
    return startsWithTimestamp(rest) ? { job: line.slice(0, first), step: null, text: rest } : null;
}
/**
 * The text a tool parser sees of a raw line: without gh's columns, the timestamp, colour codes
 * and a relaying runner's prefix. For the scanner's context rules; the log parser does the same
 * step by step, keeping what it removes.
 */
function contentOf(raw) {
    let text = stripBom(raw);
    if (text.includes('\t'))
        text = splitGhLog(text)?.text ?? text;
    text = (0,_line_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .stripAnsi */ .aJ)((0,_line_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .stripTimestamp */ .TW)(text));
    // A problem matcher's annotation holds the tool's line.
    if (text.startsWith('##[error]') || text.startsWith('##[warning]'))
        text = text.slice(text.indexOf(']') + 1);
    return splitPrefix(text)?.text ?? text;
}
/** A `##[name]rest` runner command, or null. */
function runnerCommand(text) {
    if (text.charCodeAt(0) !== 35 || !text.startsWith('##['))
        return null;
    const close = text.indexOf(']', 3);
    if (close < 0)
        return null;
    return { name: text.slice(3, close), rest: text.slice(close + 1) };
}
const EXIT_CODE = /^Process completed with exit code (\d+)\.?$/;
/** The exit code of the runner's `Process completed with exit code N.` line, or null. */
function exitCodeOf(message) {
    if (!message.startsWith('Process completed'))
        return null;
    const match = EXIT_CODE.exec(message);
    return match ? Number(match[1]) : null;
}
/**
 * An action's closing word that says only how a tool exited (`golangci-lint exit with code 3`,
 * `Command failed with exit code 1`, `npm exited with code 2`): proof that the step failed, not why.
 */
const EXIT_WORD = /^(?:[\w@./-]+ )*(?:exit(?:ed)?|failed|terminated) with (?:exit |error )?code:? -?\d+\.?$/i;
function isExitWord(message) {
    return message.length < 120 && EXIT_WORD.test(message.trim());
}
const PNPM = /^(\.|@?[\w.-]+(?:\/[\w.-]+)+|@[\w.-]+) ([\w:.-]+)(?:\$|:) (.*)$/;
const TURBO = /^(@?[\w.-]+(?:\/[\w.-]+)?):([A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)*): (.*)$/;
const YARN = /^\[(@?[\w.-]+(?:\/[\w.-]+)?)\]: (.*)$/;
const LERNA = /^(@[\w.-]+\/[\w.-]+): (.*)$/;
const COMPOSE = /^([\w.-]+[-_]\d+)\s+\| ?(.*)$/;
const BUILDKIT = /^#(\d+) \d+\.\d+ (.*)$/;
const CLOUD_BUILD = /^Step #(\d+)(?: - "[^"]*")?: (.*)$/;
/**
 * Nix relays a failed builder's last log lines as `       > line` (seven spaces); a code frame's
 * `  > 9 | code` is not that, nor Gradle's nested causes (`   > …`, three spaces a level).
 */
const NIX = /^ {7}>(?: (?!\s*\d+\s*\|)(.*)|)$/;
/** Words that start ordinary lines shaped like a prefix (`error:build: …` is not a package). */
const NOT_PACKAGE = /^(?:error|warning|warn|info|note|debug|fatal|http|https|file|npm|node|at)$/i;
/**
 * The prefix a workspace runner or build tool put before `text`, or null when there is none.
 * Each shape is checked by cheap character tests before its pattern: this runs on every line.
 */
function splitPrefix(text) {
    const first = text.charCodeAt(0);
    if (first === 35) {
        // #12 0.512 text (BuildKit's plain progress output)
        const buildkit = BUILDKIT.exec(text);
        return buildkit
            ? { key: `#${buildkit[1]}`, package: null, isDirectory: false, task: null, text: buildkit[2] }
            : null;
    }
    if (first === 91) {
        const yarn = YARN.exec(text);
        if (yarn && !NOT_PACKAGE.test(yarn[1]))
            return {
                key: `yarn:${yarn[1]}`,
                package: yarn[1],
                isDirectory: false,
                task: yarn[1],
                text: yarn[2]
            };
        return null;
    }
    if (first === 83 && text.startsWith('Step #')) {
        const step = CLOUD_BUILD.exec(text);
        return step
            ? { key: `step#${step[1]}`, package: null, isDirectory: false, task: null, text: step[2] }
            : null;
    }
    if (first === 32 && text.includes('> ')) {
        const nix = NIX.exec(text);
        if (nix)
            return { key: 'nix', package: null, isDirectory: false, task: null, text: nix[1] ?? '' };
    }
    const space = text.indexOf(' ');
    if (space <= 0)
        return null;
    const colon = text.indexOf(':');
    if (colon > 0 && colon < space) {
        // turbo / nx: name:task: text
        const next = text.charCodeAt(colon + 1);
        if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) {
            const turbo = text.charCodeAt(space - 1) === 58 ? TURBO.exec(text) : null;
            if (turbo && !NOT_PACKAGE.test(turbo[1]))
                return {
                    key: `task:${turbo[1]}:${turbo[2]}`,
                    package: turbo[1],
                    isDirectory: false,
                    task: `${turbo[1]}:${turbo[2]}`,
                    text: turbo[3]
                };
        }
        if (first === 64 && text.charCodeAt(space - 1) === 58) {
            const lerna = LERNA.exec(text);
            if (lerna)
                return {
                    key: `pkg:${lerna[1]}`,
                    package: lerna[1],
                    isDirectory: false,
                    task: lerna[1],
                    text: lerna[2]
                };
        }
        return null;
    }
    const head = text.slice(0, space);
    if (head === '.' || head.includes('/') || first === 64) {
        const pnpm = PNPM.exec(text);
        if (pnpm)
            return {
                key: `pnpm:${pnpm[1]}:${pnpm[2]}`,
                package: pnpm[1],
                isDirectory: !pnpm[1].startsWith('@'),
                task: `${pnpm[1]} ${pnpm[2]}`,
                text: pnpm[3]
            };
    }
    if (text.includes(' | ')) {
        const compose = COMPOSE.exec(text);
        if (compose)
            return {
                key: `compose:${compose[1]}`,
                package: null,
                isDirectory: false,
                task: compose[1],
                text: compose[2]
            };
    }
    return null;
}


/***/ }),

/***/ 8493:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ SUMMARY),
/* harmony export */   TW: () => (/* binding */ stripTimestamp),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   aJ: () => (/* binding */ stripAnsi),
/* harmony export */   ow: () => (/* binding */ isErrorLooking),
/* harmony export */   uA: () => (/* binding */ CAUSE)
/* harmony export */ });
/* unused harmony export chain */
/** The mark of a tool's closing word: `emit(found, SUMMARY)`. */
const SUMMARY = { summary: 'closing' };
/** The mark of a failed task quoted with its output: `emit(found, CAUSE)`. */
const CAUSE = { summary: 'cause' };
// ECMA-48 CSI sequences (colours, cursor moves) and OSC hyperlinks, as CI tools print them when
// FORCE_COLOR is set; and the same colour codes in caret notation (`^[[36;1m`), as some log
// archives store them.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\^\[\[[0-9;]*m/g;
/** Removes terminal colour codes; cheap when there are none. */
function stripAnsi(text) {
    return text.includes('\x1b') || text.includes('^[[') ? text.replace(ANSI, '') : text;
}
/**
 * Removes the runner's `2024-01-01T00:00:00.0000000Z ` prefix (checked by shape at fixed offsets, so
 * the common case costs no regular expression).
 */
function stripTimestamp(text) {
    // Shape checks by character code: this runs on every decoded line, so no regular expression.
    if (text.length < 20 ||
        text.charCodeAt(4) !== 45 ||
        text.charCodeAt(7) !== 45 ||
        text.charCodeAt(10) !== 84 ||
        text.charCodeAt(13) !== 58 ||
        text.charCodeAt(16) !== 58)
        return text;
    const z = text.indexOf('Z', 19);
    if (z < 0 || z > 35)
        return text;
    // An empty line of output is the timestamp alone, with or without its space.
    if (z === text.length - 1)
        return '';
    return text.charCodeAt(z + 1) === 32 ? text.slice(z + 2) : text;
}
/** A positive integer from a regex group, or null. */
function int(text) {
    if (text === undefined || text === '')
        return null;
    const value = Number.parseInt(text, 10);
    return Number.isFinite(value) ? value : null;
}
/** A chain of parsers: each line goes to the first that consumes it. */
function chain(parsers) {
    return {
        line(text) {
            for (const parser of parsers)
                if (parser.line(text))
                    return true;
            return false;
        },
        gap() {
            for (const parser of parsers)
                parser.gap();
        },
        end() {
            for (const parser of parsers)
                parser.end();
        }
    };
}
/**
 * Words of an error-looking line, for the fallback finding of a step no parser understood.
 * Every one of them is a keyword of the fast scanner (scan/keywords.ts), so that both paths see
 * the same lines.
 */
const ERROR_LOOKING = /\berror\b|\bError\b|\bERROR\b|ERR!|\bFAIL|\bfailed\b|\bfailure\b|\bFailed\b|\bfatal\b|\bFatal\b|\bpanic\b|Exception|Traceback|not found|not recognized|illegal option|No such file|[Cc]annot |[Uu]nable to|[Dd]enied|✘|✖|×|❌/;
/** `0 errors`, `errors: 0`: words of success. */
const NO_ERRORS = /\b0 (?:errors?|failed|failures?|problems?)\b|\b(?:errors?|failures?|failed): 0\b/i;
/** Words of actions that are no failure: actions/cache and the setup actions start cold this way. */
const BENIGN = /^Cache not found for input keys|^No cache found\b/i;
/** A warning that happens to say "not found" is not why a step failed. */
const WARNING_LINE = /^\s*(?:npm |yarn |pnpm )?(?:warn(?:ing)?\b|WARN(?:ING)?\b|\[warn(?:ing)?\])/i;
/** True when a step's line reads like the reason it failed. */
function isErrorLooking(text) {
    return (ERROR_LOOKING.test(text) && !NO_ERRORS.test(text) && !WARNING_LINE.test(text) && !BENIGN.test(text.trim()));
}


/***/ }),

/***/ 2573:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GZ: () => (/* binding */ createLogParser),
/* harmony export */   XH: () => (/* binding */ parseLogText),
/* harmony export */   r6: () => (/* binding */ TAIL_LINES)
/* harmony export */ });
/* harmony import */ var _finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6939);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1130);
/* harmony import */ var _tools_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7323);
/* harmony import */ var _tools_tool_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6726);
/* harmony import */ var _framing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8153);
/* harmony import */ var _line_parser_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8493);







/** Findings a step holds before they are given out whatever its outcome: no passing step prints that many. */
const MAX_HELD = 2000;
/** Lines kept from the end of a step for the finding of a step no parser understood. */
const TAIL_LINES = 12;
/** The longest message a fallback finding takes from a log line. */
const MAX_MESSAGE = 300;
/** `file=a.ts,line=3,title=x` → a map; values are %-escaped as the runner's toolkit writes them. */
function commandProperties(text) {
    const properties = new Map();
    for (const pair of (text ?? '').split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0)
            properties.set(pair.slice(0, eq).trim(), unescapeProperty(pair.slice(eq + 1)));
    }
    return properties;
}
function unescapeProperty(value) {
    return value.replace(/%(25|0D|0A|3A|2C)/gi, code => decodeURIComponent(code));
}
const WORKFLOW_COMMAND = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/;
/** The web view's rendering of an annotation, in logs copied from a browser. */
const RENDERED_ANNOTATION = /^(Error|Warning): (.*)$/;
function newRecord() {
    return {
        failed: false,
        exitCode: null,
        held: [],
        overflowing: false,
        heldErrors: 0,
        closing: [],
        causes: [],
        findings: 0,
        errors: 0,
        toolMessages: [],
        firstError: null,
        tail: []
    };
}
function selectParsers(names) {
    if (!names)
        return _tools_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .TOOL_PARSERS */ .Ef;
    return names.map(name => {
        const parser = (0,_tools_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .toolParser */ .QL)(name);
        if (!parser)
            throw new Error(`unknown tool parser '${name}'`);
        return parser;
    });
}
/** True when a finding fails a run on its own: an error, or anything a strict linter prints. */
function failsTheRun(found) {
    return found.severity === 'error' || _tools_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .FAIL_ON_EVERY_FINDING */ .$L.has(found.tool);
}
/** A finding's identity within a step: the same problem printed twice is given out once. */
function identity(found) {
    return `${found.tool}\u0000${found.file}\u0000${found.line}\u0000${found.column}\u0000${found.rule}\u0000${found.message}`;
}
/** The log parser (right for plain tool output too). Findings carry the job and step they came from. */
function createLogParser(emit, options = {}) {
    const parsers = selectParsers(options.parsers);
    const runnerFindings = options.runnerFindings ?? true;
    const every = options.every ?? false;
    let job = null;
    let step = null;
    /** Inside the script the runner echoes between `##[group]Run …` and `##[endgroup]`. */
    let echo = false;
    /** Whether the input is a job log with steps (the runner's commands, gh's columns). */
    let framed = false;
    let record = newRecord();
    let seen = new Set();
    /** Whether any step of the log has failed; until one has, the errors of passing steps wait here. */
    let anyFailed = false;
    const unclaimed = [];
    const streams = new Map();
    const release = (found) => {
        const key = identity(found);
        if (seen.has(key))
            return;
        seen.add(key);
        record.findings++;
        if (found.severity === 'error')
            record.errors++;
        if (found.tool !== 'actions' && record.toolMessages.length < MAX_HELD)
            record.toolMessages.push(found.message);
        emit(found);
    };
    const accept = (stream, found, kind) => {
        // Findings are fresh objects owned by their parser until given out: decorate them in place.
        found.step ??= step;
        found.job ??= job;
        found.package ??= stream.package;
        if (found.file !== null) {
            let file = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .repoPath */ .q)(found.file, options.root);
            if (stream.directory &&
                !file.startsWith('/') &&
                !file.startsWith(`${stream.directory}/`) &&
                !/^[A-Za-z]:\//.test(file))
                file = `${stream.directory}/${file}`;
            found.file = file;
        }
        if (kind) {
            ;
            (kind.summary === 'closing' ? record.closing : record.causes).push(found);
            return;
        }
        // Plain output has no steps to wait for: its errors go at once, the rest waits for the end.
        if (!framed && (failsTheRun(found) || every))
            release(found);
        else
            hold(found);
    };
    /** Keeps a finding until its step's outcome decides (or, in plain output, the end of the input). */
    const hold = (found) => {
        if (record.overflowing) {
            if (every || failsTheRun(found) || record.errors === 0)
                release(found);
            return;
        }
        record.held.push(found);
        if (found.severity === 'error')
            record.heldErrors++;
        if (record.held.length > MAX_HELD) {
            record.overflowing = true;
            giveOut();
        }
    };
    /**
     * Gives out what the step held: its errors and everything of tools that fail on any finding,
     * and its other warnings and notes only when it has no error (or `every`).
     */
    const giveOut = () => {
        const held = record.held;
        const hasErrors = record.errors > 0 || record.heldErrors > 0;
        record.held = [];
        record.heldErrors = 0;
        // An action often prints its error and then annotates it (`core.setFailed`): one problem.
        const toolMessages = [
            ...record.toolMessages,
            ...held.filter(found => found.tool !== 'actions').map(found => found.message)
        ];
        for (const found of held) {
            if (!every && hasErrors && !failsTheRun(found))
                continue;
            if (found.tool === 'actions' && toolMessages.some(message => message.includes(found.message)))
                continue;
            release(found);
        }
    };
    const streamFor = (key, pkg, isDirectory) => {
        let stream = streams.get(key);
        if (!stream) {
            const created = {
                chain: (0,_tools_tool_js__WEBPACK_IMPORTED_MODULE_5__/* .createToolChain */ .C)(parsers, (found, kind) => accept(created, found, kind)),
                package: pkg,
                directory: isDirectory ? pkg : null
            };
            stream = created;
            streams.set(key, stream);
        }
        return stream;
    };
    const main = streamFor('', null, false);
    /** The finding of a failed step no parser explained: its first error-looking line, or its last lines. */
    const fallback = () => {
        const tail = record.tail.filter(line => line.trim() !== '');
        const first = record.firstError;
        const last = [...tail].reverse().find(_line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .isErrorLooking */ .ow) ?? tail[tail.length - 1] ?? null;
        const message = (first?.text ?? last ?? `exited with code ${record.exitCode ?? 'non-zero'}`)
            .replace(/^[\s│|]+/, '')
            .trim()
            .slice(0, MAX_MESSAGE);
        const excerpt = [first && !tail.includes(first.text) ? `${first.text}\n…` : null, ...tail]
            .filter(line => line !== null)
            .join('\n');
        return (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({ tool: 'log', rule: first?.task ?? null, message, excerpt: excerpt || null, step, job });
    };
    /** What a failed step gives out when no parser found its failure itself. */
    const explain = () => {
        if (record.causes.length > 0)
            for (const found of record.causes)
                release(found);
        else if (record.firstError !== null || record.closing.length === 0)
            release(fallback());
        else
            release(record.closing[0]);
    };
    /** Ends the current step: its parsers finish their blocks, then what it holds is given out or dropped. */
    const closeStep = (atEnd = false) => {
        for (const stream of streams.values())
            stream.chain.end();
        if (record.failed)
            anyFailed = true;
        if (!framed) {
            // Plain output: a tool's closing word or a quoted task is the proof that something failed,
            // and the reason when no error says more (its warnings then are not why it failed).
            if (record.errors === 0 &&
                record.heldErrors === 0 &&
                (record.closing.length > 0 || record.causes.length > 0))
                explain();
            giveOut();
        }
        else if (record.failed || record.overflowing || every) {
            // A failed step without an error of its own is explained by its error line; its warnings
            // (a deprecation notice) are not why it failed.
            if (record.failed && runnerFindings && record.errors === 0 && record.heldErrors === 0)
                explain();
            giveOut();
        }
        else if (!anyFailed) {
            // No step has shown that it failed yet: keep the errors, in case none ever will (an excerpt).
            for (const found of record.held)
                if (found.severity === 'error' && unclaimed.length < MAX_HELD)
                    unclaimed.push(found);
        }
        if (atEnd && framed && !anyFailed) {
            // A job log that never says which step failed (cut before the runner's words): its errors stand.
            for (const found of unclaimed)
                release(found);
        }
        if (framed)
            options.onStep?.({
                job,
                step,
                exitCode: record.exitCode,
                failed: record.failed,
                findings: record.findings
            });
        record = newRecord();
        seen = new Set();
    };
    const beginStep = (name) => {
        closeStep();
        step = name;
    };
    /** The runner's annotation: a tool's line when a parser reads it, else the runner's own finding. */
    const annotation = (level, message) => {
        if (level === 'error')
            record.failed = true;
        const prefixed = (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .splitPrefix */ .vy)(message);
        const stream = prefixed ? streamFor(prefixed.key, prefixed.package, prefixed.isDirectory) : main;
        if (stream.chain.line(prefixed ? prefixed.text : message))
            return;
        if (!runnerFindings)
            return;
        accept(main, (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
            tool: 'actions',
            severity: level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'note',
            message: message.trim(),
            excerpt: `##[${level}]${message}`
        }), 
        // `golangci-lint exit with code 3`: the step's own error line says why.
        level === 'error' && (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .isExitWord */ .T3)(message) ? _line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .SUMMARY */ .$M : undefined);
    };
    const output = (text) => {
        const prefixed = (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .splitPrefix */ .vy)(text);
        if (text.trim() !== '') {
            if (record.firstError === null && (0,_line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .isErrorLooking */ .ow)(text))
                record.firstError = { text: text.trim().slice(0, MAX_MESSAGE), task: prefixed?.task ?? null };
            record.tail.push(text);
            if (record.tail.length > TAIL_LINES)
                record.tail.shift();
        }
        if (prefixed)
            streamFor(prefixed.key, prefixed.package, prefixed.isDirectory).chain.line(prefixed.text);
        else
            main.chain.line(text);
    };
    return {
        line(raw) {
            let text = (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .stripBom */ .F8)(raw);
            // gh names steps in a column, unless it could not tell them apart ("UNKNOWN STEP").
            let stepColumn = false;
            if (text.includes('\t')) {
                const gh = (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .splitGhLog */ .YS)(text);
                if (gh) {
                    framed = true;
                    stepColumn = gh.step !== null && gh.step !== 'UNKNOWN STEP';
                    if (gh.job !== job || (stepColumn && gh.step !== step)) {
                        beginStep(stepColumn ? gh.step : null);
                        job = gh.job;
                        echo = false;
                    }
                    text = gh.text;
                }
            }
            // Timestamps alone do not make steps (other CI systems print them too): commands and gh's columns do.
            if ((0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .startsWithTimestamp */ .S0)(text))
                text = (0,_line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .stripTimestamp */ .TW)(text);
            text = (0,_line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .stripAnsi */ .aJ)(text);
            const command = (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .runnerCommand */ .Qf)(text);
            if (command) {
                framed = true;
                switch (command.name) {
                    case 'group':
                        if (command.rest.startsWith('Run ')) {
                            // In gh's output the step column names the step; in a raw log, the group does.
                            if (!stepColumn)
                                beginStep(command.rest.slice(4).trim() || null);
                            echo = true;
                        }
                        for (const stream of streams.values())
                            stream.chain.gap();
                        return true;
                    case 'endgroup':
                        echo = false;
                        return true;
                    case 'error':
                    case 'warning': {
                        const exit = command.name === 'error' ? (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .exitCodeOf */ .FO)(command.rest.trim()) : null;
                        if (exit !== null) {
                            record.failed = record.failed || exit !== 0;
                            record.exitCode = exit;
                            closeStep();
                            return true;
                        }
                        annotation(command.name, command.rest);
                        return true;
                    }
                    default:
                        // ##[notice], ##[debug], ##[command], ##[section]: the runner's own framing.
                        return true;
                }
            }
            if (echo)
                return true;
            if (text.startsWith('::')) {
                const workflow = WORKFLOW_COMMAND.exec(text);
                if (workflow) {
                    const properties = commandProperties(workflow[2]);
                    // In a job log the runner has turned a step's commands into `##[error]`: a literal one is
                    // output (under `::stop-commands::`), and fails nothing.
                    if (workflow[1] === 'error' && !framed)
                        record.failed = true;
                    if (runnerFindings)
                        accept(main, (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                            tool: 'actions',
                            file: properties.get('file') ?? null,
                            line: (0,_line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Wh)(properties.get('line')),
                            column: (0,_line_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Wh)(properties.get('col')),
                            rule: properties.get('title') ?? null,
                            severity: workflow[1] === 'error' ? 'error' : workflow[1] === 'warning' ? 'warning' : 'note',
                            message: unescapeProperty(workflow[3]),
                            excerpt: text
                        }));
                    return true;
                }
            }
            if (text.startsWith('[command]'))
                return true;
            if (text.startsWith('Error: ') || text.startsWith('Warning: ')) {
                // A log copied from the web view shows annotations as `Error: …`.
                const rendered = RENDERED_ANNOTATION.exec(text);
                const exit = rendered && rendered[1] === 'Error' ? (0,_framing_js__WEBPACK_IMPORTED_MODULE_2__/* .exitCodeOf */ .FO)(rendered[2].trim()) : null;
                if (exit !== null) {
                    record.failed = true;
                    record.exitCode = exit;
                    return true;
                }
                if (rendered && main.chain.line(rendered[2]))
                    return true;
            }
            output(text);
            return true;
        },
        gap() {
            for (const stream of streams.values())
                stream.chain.gap();
        },
        end() {
            closeStep(true);
            streams.clear();
            streams.set('', main);
        },
        idle(tool) {
            for (const stream of streams.values())
                if (!stream.chain.idle?.(tool))
                    return false;
            return true;
        }
    };
}
/** Parses a whole text (split into lines here); for small inputs and tests, the streaming path is in scan/. */
function parseLogText(text, options) {
    const findings = [];
    const parser = createLogParser(found => findings.push(found), options);
    for (const line of text.split(/\r?\n/))
        parser.line(line);
    parser.end();
    return findings;
}


/***/ }),

/***/ 1130:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ isRunnerInternal),
/* harmony export */   q: () => (/* binding */ repoPath)
/* harmony export */ });
/**
 * File paths as a repository knows them. Tools print paths as they ran: absolute under the runner's
 * checkout (`/home/runner/work/R/R/src/x.ts`, `D:\a\R\R\src\x.cs`, `/__w/R/R/…` in container jobs),
 * as `file://` URLs, with `./` or Windows separators. Findings carry the repository-relative form,
 * so that the same problem reads the same from a Linux, macOS, Windows or container job.
 */
/**
 * Checkout roots of GitHub's runners, after backslashes became slashes: hosted Linux and macOS,
 * Windows (any drive), container jobs (`/__w`), Docker container actions (`/github/workspace`), and
 * a self-hosted runner's `_work` directory. The runner's own folders beside the checkouts
 * (`_actions`, `_temp`, `_tool`) are not repositories and keep their paths.
 */
const RUNNER_ROOT = /^(?:\/home\/runner\/work\/|\/Users\/runner\/work\/|[A-Za-z]:\/a\/|\/__w\/|(?:\/[^/\s]+)*\/_work\/)(?!_(?:actions|temp|tool|PipelineMapping|update)\/)[^/\s]+\/[^/\s]+\/|^\/github\/workspace\//;
/**
 * Checkout roots of other CI systems, whose logs CCAL may be given too: Jenkins workspaces,
 * GitLab's /builds, CircleCI, Travis CI and Azure Pipelines.
 */
const OTHER_CI_ROOT = /^(?:(?:\/[^/\s]+)*\/(?:jenkins|jenkins_home|jenkins-agent|agent)\/workspace\/[^/\s]+\/|\/builds\/[^/\s]+\/[^/\s]+\/|\/home\/circleci\/(?:project|repo)\/|\/root\/project\/|\/home\/travis\/build\/[^/\s]+\/[^/\s]+\/|\/home\/vsts\/work\/\d+\/s\/|[A-Za-z]:\/a\/\d+\/s\/)/;
/** True when `file` lies in a runner's own folders (an action's code, a temporary script), not in a checkout. */
function isRunnerInternal(file) {
    return /^(?:\/home\/runner\/work|\/Users\/runner\/work|[A-Za-z]:[\\/]a|\/__w|(?:\/[^/\s]+)*\/_work)[\\/]_(?:actions|temp|tool)[\\/]/.test(file);
}
/**
 * The repository-relative form of a path a tool printed: `file://` and `./` dropped, backslashes
 * turned into slashes, a runner's checkout root or `root` (the workspace, when known) removed.
 * Anything else (a relative path, a path outside the checkout) is kept as printed.
 */
function repoPath(file, root) {
    let path = file.startsWith('file://') ? decodeFileUrl(file) : file;
    // BuildKit's failure summary repeats a step's output with its time first: `11.02 /app/x.cs(3,5)`.
    if (path.charCodeAt(0) <= 57 && /^\d+\.\d+ (?=\/|[A-Za-z]:)/.test(path))
        path = path.slice(path.indexOf(' ') + 1);
    if (path.includes('\\'))
        path = path.replace(/\\/g, '/');
    // Maven and Gradle on Windows print URI-style paths: `/C:/Users/…`.
    if (/^\/[A-Za-z]:\//.test(path))
        path = path.slice(1);
    // .NET's deterministic builds map the source root to `/_/`.
    if (path.startsWith('/_/'))
        return trimDot(path.slice(3));
    if (root) {
        const prefix = root.replace(/\\/g, '/').replace(/\/?$/, '/');
        if (path.startsWith(prefix))
            return trimDot(path.slice(prefix.length));
    }
    const runner = RUNNER_ROOT.exec(path) ?? OTHER_CI_ROOT.exec(path);
    if (runner)
        path = path.slice(runner[0].length);
    return trimDot(path);
}
function trimDot(path) {
    let rest = path;
    while (rest.startsWith('./'))
        rest = rest.slice(2);
    return rest;
}
/** `file:///home/x/a%20b.ts` → `/home/x/a b.ts`; `file:///D:/a/x.ts` → `D:/a/x.ts`. */
function decodeFileUrl(url) {
    let path = url.slice('file://'.length);
    if (/^\/[A-Za-z]:\//.test(path))
        path = path.slice(1);
    try {
        return decodeURIComponent(path);
    }
    catch {
        return path;
    }
}


/***/ }),

/***/ 8309:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kq: () => (/* binding */ readReportText)
/* harmony export */ });
/* unused harmony exports MAX_REPORT_BYTES, ReportTooLargeError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9661);
/**
 * Reading a report or coverage file. JSON and XML reports are parsed whole (neither has a prefix
 * worth reading alone), so their size is checked before a byte is read: a file far over any real
 * report is refused at once instead of taking gigabytes on its way to an error.
 */


/**
 * The largest report read. Parsing costs about three times the file in memory (a 95 MB SARIF with
 * 330,000 results: 267 MB), and CodeQL's SARIF for large repositories stays in the tens of MB.
 */
const MAX_REPORT_BYTES = 128 * 1024 * 1024;
/** A report over {@link MAX_REPORT_BYTES}; the message names the file and both sizes. */
class ReportTooLargeError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CcalError */ .WK {
}
/** The text of the report at `path` (`shown` names it in errors). */
async function readReportText(path, shown) {
    const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
    if (size > MAX_REPORT_BYTES)
        throw new ReportTooLargeError(`${shown}: ${size} bytes; a report is read whole and may be at most ${MAX_REPORT_BYTES / (1024 * 1024)} MiB (split it, or report fewer rules)`);
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
}


/***/ }),

/***/ 391:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FQ: () => (/* binding */ xmlRootName),
/* harmony export */   LO: () => (/* binding */ xmlElements),
/* harmony export */   R_: () => (/* binding */ XmlSyntaxError)
/* harmony export */ });
/* unused harmony export decodeEntities */
/**
 * A small, tolerant XML reader for the flat report formats CCAL reads (Checkstyle, Cobertura): it
 * yields elements with their attributes in document order and ignores text, comments, processing
 * instructions and DOCTYPEs. Not a validating parser; malformed markup is reported with its offset.
 */
/** Thrown for markup this reader cannot make sense of. */
class XmlSyntaxError extends Error {
}
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Replaces XML entities and character references; a reference to no character is an {@link XmlSyntaxError}. */
function decodeEntities(text) {
    if (!text.includes('&'))
        return text;
    return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity) => {
        if (!entity.startsWith('#'))
            return ENTITIES[entity] ?? whole;
        const code = entity.startsWith('#x')
            ? Number.parseInt(entity.slice(2), 16)
            : Number.parseInt(entity.slice(1), 10);
        // XML allows no character outside Unicode, nor NUL: such a reference is malformed markup.
        if (!(code > 0 && code <= 0x10ffff))
            throw new XmlSyntaxError(`invalid character reference '${whole.slice(0, 20)}'`);
        return String.fromCodePoint(code);
    });
}
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** Every element of `text`, in document order. Throws {@link XmlSyntaxError} on unclosed markup. */
function* xmlElements(text) {
    let depth = 0;
    let position = 0;
    for (;;) {
        const open = text.indexOf('<', position);
        if (open === -1)
            break;
        if (text.startsWith('<!--', open)) {
            const close = text.indexOf('-->', open);
            if (close === -1)
                throw new XmlSyntaxError(`unclosed comment at offset ${open}`);
            position = close + 3;
            continue;
        }
        if (text.startsWith('<![CDATA[', open)) {
            const close = text.indexOf(']]>', open);
            if (close === -1)
                throw new XmlSyntaxError(`unclosed CDATA at offset ${open}`);
            position = close + 3;
            continue;
        }
        const close = text.indexOf('>', open);
        if (close === -1)
            throw new XmlSyntaxError(`unclosed tag at offset ${open}`);
        position = close + 1;
        const inner = text.slice(open + 1, close);
        if (inner.startsWith('?') || inner.startsWith('!'))
            continue;
        if (inner.startsWith('/')) {
            depth--;
            if (depth < 0)
                throw new XmlSyntaxError(`unexpected </${inner.slice(1).trim()}> at offset ${open}`);
            continue;
        }
        const selfClosing = inner.endsWith('/');
        const body = selfClosing ? inner.slice(0, -1) : inner;
        const nameMatch = /^[\w:.-]+/.exec(body);
        if (!nameMatch)
            throw new XmlSyntaxError(`malformed tag at offset ${open}`);
        const attributes = {};
        for (const match of body.slice(nameMatch[0].length).matchAll(ATTRIBUTE)) {
            attributes[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
        }
        yield { name: nameMatch[0], attributes, depth };
        if (!selfClosing)
            depth++;
    }
    if (depth !== 0)
        throw new XmlSyntaxError('document ends inside an element');
}
/** The name of the first element (the root), or null when there is none. */
function xmlRootName(text) {
    for (const element of xmlElements(text))
        return element.name;
    return null;
}


/***/ }),

/***/ 3551:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ MAKE_CAUSE_LINES),
/* harmony export */   c: () => (/* binding */ c)
/* harmony export */ });
/* harmony import */ var _finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6939);
/* harmony import */ var _log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8493);
/* harmony import */ var _shapes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5758);
/**
 * C and C++ toolchains: gcc and clang (`path:line[:col]: error: message [-Wflag]`), MSVC
 * (`path(line[,col]): error C2065: message`), linker errors (`file.c:(.text+0x1e): undefined
 * reference to 'foo'`, MSVC's LNK codes) and CMake's `CMake Error at CMakeLists.txt:12 (command):`
 * with the message on the indented lines below.
 */



const C_FILE = /\.(c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|inl|ipp|m|mm|cu|cuh|ino)$/i;
const SEVERITY_REST = /^(fatal error|error|warning): (.*)$/;
const UNDEFINED_REFERENCE = /^(.+?\.(?:c|cc|cpp|cxx|o|obj)):\((?:\.text|\.data)[^)]*\): (undefined reference to .*)$/;
/** The compiler driver's own errors, with no file: `cc1: error: unrecognized command line option …`. */
const DRIVER = /^(cc1|cc1plus|cc1obj|gcc|g\+\+|cc|c\+\+|clang|clang\+\+|clang-\d+|ld|ld\.lld|ld\.bfd|ld\.gold|lld|as): (fatal error|error): (.*)$/;
/**
 * make's failure: `make: *** [target] Error 1`, `make[2]: *** [Makefile:12: x.o] Error 1`, or its
 * own error (`make: *** No rule to make target 'x'.  Stop.`).
 */
const MAKE_FAILED = /^(?:\S*\/)?(?:g|mingw32-)?make(?:\[\d+\])?: \*\*\* (?:\[(.+?)\] )?(.*?)\s*$/;
/** Lines before make's failure in which its cause is looked for. */
const MAKE_CAUSE_LINES = 12;
/** autoconf's `./configure` when a requirement is missing (often inside a Docker build). */
const CONFIGURE = /^configure: error: (.+)$/;
const CMAKE = /^CMake (Error|Warning)(?: \(dev\))? at (.+?):(\d+) \((\w+)\):$/;
const CALL_STACK = /^Call Stack \(most recent call first\):$/;
const CALL_FRAME = /^\s+(\S+):(\d+) \((\w+)\)$/;
/** CMake's own modules: a call stack's place is the first frame outside them. */
const CMAKE_MODULE = /(?:^|\/)(?:share\/cmake[^/]*\/Modules|Modules\/(?:CMake|Find|Check)|scripts\/buildsystems)\//;
function msvc(text) {
    const paren = (0,_shapes_js__WEBPACK_IMPORTED_MODULE_2__/* .parseParenLocated */ .ck)(text);
    if (!paren)
        return null;
    if (!/^(C\d{4}|LNK\d{4}|D\d{4})$/.test(paren.code))
        return null;
    return (0,_shapes_js__WEBPACK_IMPORTED_MODULE_2__/* .parenFinding */ .M3)('msvc', paren, text);
}
/**
 * CMake errors: the heading names the place; the message is the indented text under it. When only
 * the end of an error is shown (a build tool relaying its last lines), its call stack names the
 * place, and the message is the first line CMake indented by two spaces (quoted output is indented
 * by four).
 */
function cmake(emit) {
    let current = null;
    /** Recent lines, for an error whose heading was not shown. */
    let recent = [];
    let stack = null;
    /** True right after a heading's error was reported: a call stack that follows is its own. */
    let afterHeading = false;
    const flush = () => {
        if (!current)
            return;
        afterHeading = true;
        emit((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
            tool: 'cmake',
            file: current.file,
            line: current.line,
            rule: current.command,
            severity: (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(current.severity),
            message: current.message.join(' ') || `${current.command} failed`,
            excerpt: current.lines.join('\n')
        }));
        current = null;
    };
    return {
        line(text) {
            if (stack) {
                const frame = CALL_FRAME.exec(text);
                if (frame) {
                    stack.lines.push(text);
                    if (!stack.reported && !CMAKE_MODULE.test(frame[1])) {
                        stack.reported = true;
                        const message = recent.find(line => /^ {2}\S/.test(line) && !line.trimStart().startsWith('"'));
                        emit((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                            tool: 'cmake',
                            file: frame[1],
                            line: (0,_log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Wh)(frame[2]),
                            rule: frame[3],
                            message: message?.trim() ?? 'CMake error',
                            excerpt: [...recent.slice(-8), ...stack.lines].join('\n')
                        }));
                    }
                    return true;
                }
                stack = null;
                recent = [];
            }
            if (CALL_STACK.test(text.trim()) && current === null) {
                stack = { lines: [text], reported: afterHeading };
                return true;
            }
            if (text.trim() !== '')
                afterHeading = false;
            if (recent.length >= 40)
                recent.shift();
            recent.push(text);
            if (text.startsWith('CMake ')) {
                const match = CMAKE.exec(text);
                if (match) {
                    recent = [];
                    flush();
                    current = {
                        severity: match[1],
                        file: match[2],
                        line: (0,_log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Wh)(match[3]),
                        command: match[4],
                        lines: [text],
                        message: [],
                        paragraphEnded: false
                    };
                    return true;
                }
            }
            if (!current)
                return false;
            // The message is the first paragraph under the heading; the block goes on, blank lines and
            // the call stack included, to the next line CMake does not indent.
            if (text.trim() === '') {
                if (current.message.length > 0)
                    current.paragraphEnded = true;
                return true;
            }
            if (text.charCodeAt(0) !== 32) {
                // The heading's call stack belongs to it: the place is already known.
                if (CALL_STACK.test(text.trim())) {
                    current.lines.push(text);
                    return true;
                }
                flush();
                return false;
            }
            if (current.lines.length < 40)
                current.lines.push(text);
            if (!current.paragraphEnded && current.message.length < 4)
                current.message.push(text.trim());
            return true;
        },
        gap: flush,
        end() {
            flush();
            stack = null;
            recent = [];
        }
    };
}
const CLANG_FORMAT = /^(.+?):(\d+):\d+: (?:error|warning): code should be clang-formatted \[-Wclang-format-violations\]$/;
/** `clang-format --dry-run --Werror`: a formatter's findings, one per file that is not formatted. */
function clangFormat(emit) {
    const files = new Set();
    return {
        line(text) {
            if (!text.endsWith('[-Wclang-format-violations]'))
                return false;
            const match = CLANG_FORMAT.exec(text);
            if (!match)
                return false;
            const file = match[1];
            if (!files.has(file)) {
                files.add(file);
                emit((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                    tool: 'clang-format',
                    file,
                    line: (0,_log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Wh)(match[2]),
                    rule: 'clang-format',
                    message: 'code should be clang-formatted',
                    excerpt: text
                }));
            }
            return true;
        },
        gap() { },
        end() {
            files.clear();
        }
    };
}
/**
 * make's first failure in a step. A recipe that failed (`Error 1`) is a task whose reason is the
 * error line just above (the compiler's, the archiver's): quoted as its cause, it stands when no
 * parser found the error itself. make's own errors (no rule, missing makefile) are errors.
 */
function makeFailures(emit) {
    let recent = [];
    let reported = false;
    return {
        line(text) {
            const failed = text.includes(': *** ') ? MAKE_FAILED.exec(text) : null;
            if (!failed) {
                if (text.trim() !== '')
                    recent.push(text);
                if (recent.length > MAKE_CAUSE_LINES)
                    recent.shift();
                return false;
            }
            const [, target, what] = failed;
            if (reported || what.startsWith('Waiting for unfinished jobs'))
                return true;
            reported = true;
            if (!/^Error \d+/.test(what)) {
                emit((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({ tool: 'make', rule: target ?? null, message: what, excerpt: text }));
                return true;
            }
            const cause = [...recent].reverse().find(_log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .isErrorLooking */ .ow);
            emit((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                tool: 'make',
                rule: target ?? null,
                message: (cause ?? text).trim(),
                excerpt: [...recent, text].join('\n')
            }), _log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .CAUSE */ .uA);
            return true;
        },
        gap() { },
        end() {
            recent = [];
            reported = false;
        }
    };
}
function blocks(emit) {
    const parsers = [clangFormat(emit), cmake(emit), makeFailures(emit)];
    return {
        line: text => parsers.some(parser => parser.line(text)),
        gap: () => parsers.forEach(parser => parser.gap()),
        end: () => parsers.forEach(parser => parser.end())
    };
}
const c = {
    name: 'c',
    tools: ['gcc', 'msvc', 'ld', 'cmake', 'clang-format', 'configure', 'make'],
    failOnEveryFinding: ['clang-format'],
    block: blocks,
    line(text) {
        if (text.includes('): ') || text.includes(') : ')) {
            const found = msvc(text);
            if (found)
                return found;
        }
        if (text.startsWith('configure: error: ')) {
            const configure = CONFIGURE.exec(text);
            if (configure)
                return (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({ tool: 'configure', message: text.trim(), excerpt: text });
        }
        const driver = text.includes('error: ') ? DRIVER.exec(text) : null;
        if (driver)
            return (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({ tool: 'gcc', rule: driver[1], message: driver[3], excerpt: text });
        if (text.includes('undefined reference to')) {
            const match = UNDEFINED_REFERENCE.exec(text);
            if (match)
                return (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                    tool: 'ld',
                    file: match[1],
                    rule: 'undefined-reference',
                    message: match[2],
                    excerpt: text
                });
        }
        return null;
    },
    located(at, rest, text) {
        if (!C_FILE.test(at.file))
            return null;
        const match = SEVERITY_REST.exec(rest);
        if (!match)
            return null;
        const [message, rule] = (0,_shapes_js__WEBPACK_IMPORTED_MODULE_2__/* .trailingBracketRule */ .HH)(match[2]);
        return (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({ tool: 'gcc', ...at, severity: (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(match[1]), rule, message, excerpt: text });
    }
};


/***/ }),

/***/ 7323:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $L: () => (/* binding */ FAIL_ON_EVERY_FINDING),
  Ef: () => (/* binding */ TOOL_PARSERS),
  QL: () => (/* binding */ toolParser)
});

// UNUSED EXPORTS: parsersOfTool

// EXTERNAL MODULE: ./lib/findings/finding.js
var finding = __webpack_require__(6939);
// EXTERNAL MODULE: ./lib/findings/log/line-parser.js
var line_parser = __webpack_require__(8493);
;// CONCATENATED MODULE: ./lib/findings/tools/biome.js
/**
 * Biome's diagnostics: a header `path:line:col rule ━━━` (or `path rule ━━━` for whole-file
 * diagnostics such as formatting), then, after a blank line, `  × message` (`!` warning, `i` info).
 */


/**
 * `path:line:col category/group/rule  FIXABLE  ━━━━`; the rule line may reach the log through a
 * legacy code page (`━` as `Γöü`), so it is told by its category and a run of line characters.
 */
const HEADER = /^(\S+?)(?::(\d+):(\d+))? ((?:lint|format|assist|parse|organizeImports|check|ci|internalError)(?:\/[\w-]+)*)(?:\s+FIXABLE)?\s+(?:━+|\S{6,})\s*$/;
/** The marker before the message: `×`/`✖` error, `!`/`⚠` warning, `i` information (or their mojibake). */
const MESSAGE = /^\s+(\S{1,3}) (\S.*)$/;
function diagnostics(emit) {
    let header = null;
    return {
        line(text) {
            if (text.includes('━') || / (?:lint|format|assist|parse)\//.test(text)) {
                const match = HEADER.exec(text);
                if (match) {
                    header = {
                        file: match[1],
                        line: (0,line_parser/* int */.Wh)(match[2]),
                        column: (0,line_parser/* int */.Wh)(match[3]),
                        rule: match[4],
                        text
                    };
                    return true;
                }
            }
            if (!header)
                return false;
            if (text.trim() === '')
                return true;
            const message = MESSAGE.exec(text);
            const marker = message?.[1];
            const severity = marker === '!' || marker === '⚠' ? 'warning' : marker === 'i' ? 'note' : 'error';
            emit((0,finding/* finding */.gk)({
                tool: 'biome',
                file: header.file,
                line: header.line,
                column: header.column,
                rule: header.rule,
                severity,
                message: message ? message[2] : text.trim(),
                excerpt: `${header.text}\n${text}`
            }));
            header = null;
            return true;
        },
        gap() {
            header = null;
        },
        end() {
            header = null;
        }
    };
}
const biome = { name: 'biome', tools: ['biome'], block: diagnostics };

;// CONCATENATED MODULE: ./lib/findings/tools/black.js
/**
 * Python formatters run as checks: black (`would reformat path`) and isort (`ERROR: path Imports
 * are incorrectly sorted and/or formatted.`). One finding per file that is not formatted.
 */

const BLACK = /^would reformat (\S.*?\.pyi?)$/;
const ISORT = /^ERROR: (\S.*?\.pyi?) Imports are incorrectly sorted(?: and\/or formatted)?\.?$/;
const black = {
    name: 'black',
    tools: ['black', 'isort'],
    failOnEveryFinding: ['black', 'isort'],
    line(text) {
        if (text.startsWith('would reformat ')) {
            const match = BLACK.exec(text);
            if (match)
                return (0,finding/* finding */.gk)({
                    tool: 'black',
                    file: match[1],
                    rule: 'black',
                    message: 'would reformat: the file is not formatted as black would',
                    excerpt: text
                });
        }
        if (text.startsWith('ERROR: ') && text.includes('Imports are incorrectly sorted')) {
            const match = ISORT.exec(text);
            if (match)
                return (0,finding/* finding */.gk)({
                    tool: 'isort',
                    file: match[1],
                    rule: 'isort',
                    message: 'Imports are incorrectly sorted and/or formatted',
                    excerpt: text
                });
        }
        return null;
    }
};

// EXTERNAL MODULE: ./lib/findings/tools/c.js
var c = __webpack_require__(3551);
;// CONCATENATED MODULE: ./lib/findings/tools/cargo.js
/**
 * Rust: cargo build/check/clippy diagnostics (a `error[E0308]: message` header, then
 * ` --> path:line:col`; clippy's lint from its `#[deny(clippy::x)]`/`-D clippy::x` note), test
 * panics (`thread 'name' panicked at path:line:col:` and the message below, or the older one-line
 * form), and `cargo fmt --check` (`Diff in path at line N:` or `Diff in path:N:`, one finding per
 * file).
 */


const cargo_HEADER = /^(error|warning)(?:\[([A-Z]\d{4})\])?: (.*)$/;
/** rustc's ` --> src/x.rs:3:5`; Prisma, which prints its errors the same way, `  -->  schema.prisma:7`. */
const LOCATION = /^\s*--> +(.+?):(\d+)(?::(\d+))?$/;
const LINT = /#\[(?:warn|deny|forbid)\(([\w:]+)\)\]|-D (clippy::[\w-]+)|rust-clippy\/master\/index\.html#([\w-]+)/;
const PANIC = /^thread '([^']+)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/;
/** Before Rust 1.42 or so, the place had no column; test output was indented by a tab. */
const PANIC_OLD = /^thread '([^']+)' panicked at '(.*)', (.+?):(\d+)(?::(\d+))?$/;
/** The older form with a message of several lines: the place follows its closing quote. */
const PANIC_OLD_START = /^thread '([^']+)' panicked at '(.*)$/;
const PANIC_OLD_END = /^(.*)', (.+?):(\d+)(?::(\d+))?$/;
const FMT_DIFF = /^Diff in (.+?)(?: at line (\d+):|:(\d+):)\s*$/;
/** Lines of a diagnostic kept (its code frame and notes). */
const MAX_LINES = 40;
/** Headers that sum up a build rather than name a problem. */
const SUMMARY = /^(?:could not compile|aborting due to|build failed|\d+ warnings? emitted|test failed, to rerun)/;
function cargo_diagnostics(emit) {
    let block = null;
    let panic = null;
    const formatted = new Set();
    let quoted = null;
    const flush = () => {
        if (block?.file && !SUMMARY.test(block.message)) {
            emit((0,finding/* finding */.gk)({
                // A tool that borrows rustc's shape is named by the file it points at.
                tool: block.file.endsWith('.prisma') ? 'prisma' : 'cargo',
                file: block.file,
                line: block.line,
                column: block.column,
                severity: block.severity,
                rule: block.code,
                message: block.message,
                excerpt: block.lines.join('\n').trimEnd()
            }));
        }
        block = null;
    };
    const panicWith = (message) => {
        if (!panic)
            return;
        emit((0,finding/* finding */.gk)({
            tool: 'cargo-test',
            file: panic.file,
            line: panic.line,
            column: panic.column,
            rule: panic.test,
            message,
            excerpt: `${panic.header}\n${message}`
        }));
        panic = null;
    };
    return {
        line(text) {
            if (panic) {
                panicWith(text.trim() || 'test panicked');
                return true;
            }
            if (quoted) {
                const end = PANIC_OLD_END.exec(text);
                quoted.lines.push(text);
                if (end) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'cargo-test',
                        file: end[2],
                        line: (0,line_parser/* int */.Wh)(end[3]),
                        column: (0,line_parser/* int */.Wh)(end[4]),
                        rule: quoted.test,
                        message: quoted.message,
                        excerpt: quoted.lines.join('\n')
                    }));
                    quoted = null;
                }
                else if (quoted.lines.length > 20)
                    quoted = null;
                return true;
            }
            const first = text.charCodeAt(0);
            if (first === 101 || first === 119) {
                const header = cargo_HEADER.exec(text);
                if (header) {
                    flush();
                    block = {
                        severity: (0,finding/* severityOf */.xJ)(header[1]),
                        code: header[2] ?? null,
                        message: header[3],
                        file: null,
                        line: null,
                        column: null,
                        lines: [text]
                    };
                    // Many tools print `error: …`: the line is rustc's only once its ` --> ` place follows.
                    return false;
                }
            }
            const panicLine = first === 9 ? text.trimStart() : text;
            if (panicLine.startsWith('thread ')) {
                const current = PANIC.exec(panicLine);
                if (current) {
                    flush();
                    panic = {
                        test: current[1],
                        file: current[2],
                        line: (0,line_parser/* int */.Wh)(current[3]),
                        column: (0,line_parser/* int */.Wh)(current[4]),
                        header: text
                    };
                    return true;
                }
                const old = PANIC_OLD.exec(panicLine);
                if (old) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'cargo-test',
                        file: old[3],
                        line: (0,line_parser/* int */.Wh)(old[4]),
                        column: (0,line_parser/* int */.Wh)(old[5]),
                        rule: old[1],
                        message: old[2],
                        excerpt: text
                    }));
                    return true;
                }
                const start = PANIC_OLD_START.exec(panicLine);
                if (start) {
                    quoted = { test: start[1], message: start[2], lines: [text] };
                    return true;
                }
            }
            if (first === 68 && text.startsWith('Diff in ')) {
                const diff = FMT_DIFF.exec(text);
                if (diff) {
                    flush();
                    const file = diff[1];
                    if (!formatted.has(file)) {
                        formatted.add(file);
                        emit((0,finding/* finding */.gk)({
                            tool: 'rustfmt',
                            file,
                            line: (0,line_parser/* int */.Wh)(diff[2] ?? diff[3]),
                            rule: 'rustfmt',
                            message: 'Diff in the file: it is not formatted as `cargo fmt` would',
                            excerpt: text
                        }));
                    }
                    return true;
                }
            }
            if (!block)
                return false;
            if (text.trim() === '') {
                flush();
                return false;
            }
            if (block.lines.length > MAX_LINES) {
                flush();
                return false;
            }
            block.lines.push(text);
            const at = block.file === null ? LOCATION.exec(text) : null;
            if (at) {
                block.file = at[1];
                block.line = (0,line_parser/* int */.Wh)(at[2]);
                block.column = (0,line_parser/* int */.Wh)(at[3]);
                return true;
            }
            const lint = block.code === null ? LINT.exec(text) : null;
            if (lint)
                block.code = (lint[1] ?? lint[2] ?? (lint[3] ? `clippy::${lint[3]}` : null));
            // Before its place line, the block may be another tool's output: leave the line to the others.
            return block.file !== null;
        },
        gap() {
            flush();
            panic = null;
        },
        end() {
            flush();
            panic = null;
            quoted = null;
            formatted.clear();
        }
    };
}
const cargo = {
    name: 'cargo',
    tools: ['cargo', 'cargo-test', 'rustfmt', 'prisma'],
    block: cargo_diagnostics
};

;// CONCATENATED MODULE: ./lib/findings/tools/docker.js
/**
 * Docker builds: BuildKit's failure (`ERROR: failed to solve: …`, also as `buildx failed with:`
 * in docker/build-push-action's annotation) at the place its `Dockerfile:12` code frame shows, and
 * the legacy builder's `The command '/bin/sh -c …' returned a non-zero code: 1` after its
 * `Step 5/8 : RUN …` line. The output of the failing step (`#12 0.51 npm ERR! …`) is read by the
 * other parsers once the log parser has removed BuildKit's `#12 0.51` prefix.
 */


const FRAME = /^(\S*?(?:Dockerfile|Containerfile)[\w.-]*):(\d+)$/;
const SOLVE = /(?:^|\s)(?:ERROR|error): (?:failed to build: )?(failed to solve(?: with frontend [\w.]+)?: .*)$/;
/** BuildKit before v0.11: `executor failed running [/bin/sh -c …]: exit code: 1`. */
const EXECUTOR = /(?:^|\s)(executor failed running \[.*\]: .*)$/;
/** Anywhere in the line: docker compose puts "ERROR: Service 'x' failed to build:" before it. */
const LEGACY = /(The command '(.*)' returned a non-zero code: \d+)$/;
const LEGACY_STEP = /^Step \d+\/\d+ : (.*)$/;
/** `#12 [builder 4/6] RUN npm ci`: the step that was running. */
const STEP = /^#\d+ (\[[^\]]+\] .*)$/;
function builds(emit) {
    let frame = null;
    let legacyStep = null;
    let step = null;
    const reported = new Set();
    return {
        line(text) {
            const first = text.charCodeAt(0);
            // Docker's lines start with `#`, `Step`, `The`, `ERROR`/`error`, or name a Dockerfile; others are not its.
            if (first !== 35 &&
                !text.startsWith('Step ') &&
                !text.includes('ockerfile') &&
                !text.includes('ontainerfile') &&
                !text.includes('failed') &&
                !text.includes('non-zero'))
                return false;
            if (text.includes('ockerfile:') || text.includes('ontainerfile:')) {
                const match = FRAME.exec(text.trim());
                if (match) {
                    frame = { file: match[1], line: (0,line_parser/* int */.Wh)(match[2]), text };
                    return true;
                }
            }
            if (text.includes('failed to solve') || text.includes('executor failed running')) {
                const solve = SOLVE.exec(text) ?? EXECUTOR.exec(text);
                if (solve) {
                    // "ERROR: failed to solve: process … exit code: 1" repeats in the action's annotation.
                    const message = solve[1].trim();
                    if (!reported.has(message)) {
                        reported.add(message);
                        emit((0,finding/* finding */.gk)({
                            tool: 'docker',
                            file: frame?.file ?? null,
                            line: frame?.line ?? null,
                            rule: 'build',
                            message,
                            excerpt: [step, frame?.text, text].filter(Boolean).join('\n')
                        }));
                    }
                    return true;
                }
            }
            if (text.startsWith('#')) {
                const current = STEP.exec(text);
                if (current)
                    step = current[1];
                return false;
            }
            if (text.startsWith('Step ')) {
                const current = LEGACY_STEP.exec(text);
                if (current)
                    legacyStep = current[1];
                return false;
            }
            if (text.includes('returned a non-zero code')) {
                const legacy = LEGACY.exec(text);
                if (legacy) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'docker',
                        rule: 'build',
                        message: legacy[1],
                        excerpt: [legacyStep && `Step : ${legacyStep}`, text].filter(Boolean).join('\n')
                    }), 
                    // The builder's closing word: the step's own error line, when there is one, says why.
                    line_parser/* SUMMARY */.$M);
                    return true;
                }
            }
            return false;
        },
        gap() { },
        end() {
            frame = null;
            step = null;
            legacyStep = null;
            reported.clear();
        }
    };
}
const docker = { name: 'docker', tools: ['docker'], block: builds };

// EXTERNAL MODULE: ./lib/findings/tools/shapes.js
var shapes = __webpack_require__(5758);
// EXTERNAL MODULE: ./lib/findings/paths.js
var paths = __webpack_require__(1130);
;// CONCATENATED MODULE: ./lib/findings/tools/stacks.js
/**
 * Stack frames: which frame of a JavaScript, Python, Go, Java or PHP stack is the repository's own
 * code. A failure's place is the first such frame (the innermost for Python, whose stacks end
 * with it), not a line of the test framework or of a dependency.
 */


/** Paths of dependencies, toolchains and runtimes: never the repository's own code. */
const DEPENDENCY = /(?:^|[\\/])(?:node_modules|site-packages|dist-packages|vendor|\.venv|venv|\.tox|\.nox|\.cargo[\\/]registry|\.rustup|go[\\/]pkg[\\/]mod|pkg[\\/]mod|hostedtoolcache|\.gradle[\\/]caches|\.m2[\\/]repository)[\\/]|^(?:node:|internal[\\/]|<frozen |<string>|<unknown>|<anonymous>|\/usr\/lib\/|\/usr\/local\/lib\/|\/usr\/local\/go\/|\/usr\/lib\/go|\/opt\/hostedtoolcache\/|\/Library\/Frameworks\/|\/System\/|C:\\Program Files|\/rustc\/|\/build\/glibc)|^(?:\/usr\/local|\/usr|\/opt\/[^/]+)\/lib\/python\d|[\\/]Lib[\\/]|[\\/](?:_h_env|_build_env|_test_env|envs[\\/][^\\/]+|micromamba|miniconda\d?|anaconda\d?)[\\/]lib[\\/]/;
/**
 * The modules of Python's standard library (`sys.stdlib_module_names`, Python 3.12, private ones
 * aside): a frozen or bundled program prints their frames by bare name (`subprocess.py`), which no
 * path tells from the project's own files.
 */
const PYTHON_STDLIB = new Set('abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo'.split(' '));
/** True when a bare or relative Python frame (`subprocess.py`, `asyncio/events.py`) is the standard library's. */
function isPythonStdlibFrame(file) {
    if (!/\.py$/.test(file) || file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file))
        return false;
    const module = file.split(/[\\/]/)[0]?.replace(/\.py$/, '') ?? '';
    return PYTHON_STDLIB.has(module);
}
/** True when `file` is a dependency's, a runtime's or the runner's code rather than the repository's. */
function isDependencyPath(file) {
    return DEPENDENCY.test(file) || (0,paths/* isRunnerInternal */.E)(file) || isPythonStdlibFrame(file);
}
/** `at fn (path:line:col)`, `at path:line:col`, `at async fn (file:///path:line:col)`. */
const JS_FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?(?:[A-Za-z]:)?[^():\s][^():]*):(\d+):(\d+)\)?$/;
/** The JavaScript stack frame on this line, or null. */
function jsFrame(line) {
    const match = JS_FRAME.exec(line);
    if (!match)
        return null;
    return { file: match[1].replace(/^file:\/\//, ''), line: (0,line_parser/* int */.Wh)(match[2]), column: (0,line_parser/* int */.Wh)(match[3]) };
}
/** The first frame of the repository's own code among `lines` (a JavaScript stack). */
function firstProjectFrame(lines) {
    for (const line of lines) {
        if (!line.includes(' at ') && !line.trimStart().startsWith('at '))
            continue;
        const frame = jsFrame(line);
        if (frame && !isDependencyPath(frame.file))
            return frame;
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/findings/tools/jest.js
/**
 * Jest: `● Suite › test` blocks with the message below them and the place in the stack (the first
 * frame in the repository), the suite file from `FAIL path`, and `● Test suite failed to run`
 * blocks, whose TypeScript diagnostics (ts-jest) are reported as the tsc errors they are. The
 * "Summary of all failing tests" repeats every block; the log parser drops the repeats.
 */




/** Lines of a failure kept as its excerpt. */
const MAX_BLOCK_LINES = 60;
const CROSSED = /^\s*✕ (.+?)(?: \(\d+(?:\.\d+)? ?m?s\))?$/;
const CODE_FRAME = /^\s*(?:>\s*)?\d+\s*\||^\s*\|/;
const TS_DIAGNOSTIC = /^\s*(.+?):(\d+):(\d+) - error (TS\d+): (.*)$/;
const SUITE_END = /^\s*(?:PASS|FAIL) |^\s*(?:Test Suites:|Tests:|Snapshots:|Summary of all failing tests|Ran all test suites)/;
function jestBlocks(emit) {
    let name = null;
    let block = [];
    // `FAIL test/x.test.ts` names the suite: the place of a failure without a project stack frame.
    let suiteFile = null;
    /** The suite's `✕ name` lines, and the `●` blocks reported: a test with no block is reported by name. */
    let crossed = [];
    const reported = new Set();
    const reportCrossed = () => {
        for (const test of crossed) {
            const leaf = ` › ${test.name}`;
            if ([...reported].some(full => full === test.name || full.endsWith(leaf)))
                continue;
            emit((0,finding/* finding */.gk)({
                tool: 'jest',
                file: test.file,
                rule: test.name,
                message: `${test.name} failed`,
                excerpt: test.text
            }));
        }
        crossed = [];
        reported.clear();
    };
    const flush = () => {
        if (name === null)
            return;
        // `● Console` blocks hold what the tests logged: output, not failures.
        if (name === 'Console') {
            name = null;
            block = [];
            return;
        }
        reported.add(name);
        const body = block.map(line => line.trim());
        const diagnostics = block.map(line => TS_DIAGNOSTIC.exec(line)).filter(match => match !== null);
        if (diagnostics.length > 0) {
            for (const match of diagnostics) {
                emit((0,finding/* finding */.gk)({
                    tool: 'tsc',
                    file: match[1],
                    line: (0,line_parser/* int */.Wh)(match[2]),
                    column: (0,line_parser/* int */.Wh)(match[3]),
                    rule: match[4],
                    message: match[5],
                    excerpt: match[0].trim()
                }));
            }
        }
        else {
            const first = body.findIndex(line => line !== '');
            let message = first >= 0 ? body[first] : 'test failed';
            // expect() failures put the values on the following lines: "Expected: 7", "Received: 6".
            for (let i = first + 1; i > 0 && i < body.length && i < first + 8; i++) {
                const line = body[i];
                if (/^(Expected|Received)( [a-z]+)*:/.test(line))
                    message += `; ${line}`;
                else if (CODE_FRAME.test(line) || line.startsWith('at '))
                    break;
            }
            const at = firstProjectFrame(block);
            emit((0,finding/* finding */.gk)({
                tool: 'jest',
                file: at?.file ?? suiteFile,
                line: at?.line,
                column: at?.column,
                rule: name,
                message,
                excerpt: [`● ${name}`, ...block].join('\n').trimEnd()
            }));
        }
        name = null;
        block = [];
    };
    return {
        line(text) {
            const bullet = text.indexOf('● ');
            if (bullet >= 0 && text.slice(0, bullet).trim() === '') {
                flush();
                name = text.slice(bullet + 2).trim();
                return true;
            }
            if (name === null && text.includes('✕ ')) {
                const cross = CROSSED.exec(text);
                if (cross) {
                    crossed.push({ name: cross[1], file: suiteFile, text });
                    return true;
                }
            }
            if (SUITE_END.test(text)) {
                flush();
                const trimmed = text.trim();
                // The next suite, or the run's summary: the blocks of the suite before are all in.
                if (!/^(?:Snapshots:|Tests:)/.test(trimmed))
                    reportCrossed();
                if (trimmed.startsWith('FAIL ')) {
                    // `FAIL src/x.test.ts (5 s)`, `FAIL  ui  src/x.test.ts` (a project's display name first).
                    const path = trimmed
                        .slice(5)
                        .split(/\s+/)
                        .filter(token => (0,shapes/* isPathLike */.RA)(token) && /\.\w+$/.test(token))
                        .pop();
                    suiteFile = path ?? null;
                }
                return false;
            }
            if (name === null)
                return false;
            if (block.length < MAX_BLOCK_LINES)
                block.push(text);
            return true;
        },
        gap: flush,
        end() {
            flush();
            reportCrossed();
        },
        // Between blocks it looks for the next `●`, `✕` or suite line, each with a keyword.
        idle: () => name === null
    };
}
const jest = { name: 'jest', tools: ['jest', 'tsc'], block: jestBlocks };

;// CONCATENATED MODULE: ./lib/findings/tools/dotnet.js
/**
 * .NET: MSBuild diagnostics (`path(12,5): error CS0103: message [project]`, and
 * `project : error NU1101: message` without a line) from `dotnet build`, restore and test, and
 * `dotnet test` failures (`Failed Name [12 ms]`, `Error Message:`, the stack's `in path:line N`).
 * MSBuild prints every diagnostic again after "Build FAILED."; the log parser drops the repeats.
 */




/** Codes of the .NET toolchain; TypeScript's TS, MSVC's C and LNK codes belong to other tools. */
const DOTNET_CODE = /^(?:CS|NU|MSB|NETSDK|IDE|CA|BC|FS|AD|RZ|SA|RCS|VSTHRD|xUnit|S)\d+$|^ASP\d+$/;
/** `Failed Name [12 ms]` (VSTest), `failed Name (args) (6s 220ms)` (Microsoft.Testing.Platform). */
const FAILED = /^\s*(?:Failed|failed) ([\w.`+<>,[\]" -]+?)(?:\s*\(.*\))?(?: \[[^\]]*\])?(?: \((?:\d+(?:\.\d+)?\s?m?s\s*)+\))?$/;
/** A frame's place: ` in path:line 42` (VSTest), ` in path:42` (Microsoft.Testing.Platform). */
const SOURCE = / in (.+?\.(?:cs|fs|vb)):(?:line )?(\d+)$/;
function msbuild(text) {
    const paren = (0,shapes/* parseParenLocated */.ck)(text);
    if (!paren || !DOTNET_CODE.test(paren.code))
        return null;
    // `project : error` has the project as its place: a file, but no line.
    return (0,shapes/* parenFinding */.M3)('dotnet', paren, text);
}
function tests(emit) {
    let current = null;
    const flush = () => {
        if (!current)
            return;
        emit((0,finding/* finding */.gk)({
            tool: 'dotnet-test',
            file: current.file,
            line: current.line,
            rule: current.name,
            message: current.message ?? 'test failed',
            excerpt: current.lines.join('\n')
        }));
        current = null;
    };
    return {
        line(text) {
            const trimmed = text.trim();
            if (trimmed.startsWith('Failed ') || trimmed.startsWith('failed ')) {
                const failed = FAILED.exec(text);
                if (failed && !/^[Ff]ailed (?:to|!|with)\b/.test(trimmed)) {
                    flush();
                    current = {
                        name: failed[1],
                        message: null,
                        inMessage: false,
                        file: null,
                        line: null,
                        lines: [text]
                    };
                    return true;
                }
            }
            if (!current)
                return false;
            if (/^(Passed|Failed|Skipped)!? /.test(trimmed) ||
                /^Total tests:/.test(trimmed) ||
                /^(Passed|Skipped) /.test(trimmed)) {
                flush();
                return false;
            }
            if (current.lines.length < MAX_BLOCK_LINES)
                current.lines.push(text);
            if (trimmed === 'Error Message:') {
                current.inMessage = true;
                return true;
            }
            if (trimmed === 'Stack Trace:') {
                current.inMessage = false;
                return true;
            }
            // The message follows "Error Message:" (VSTest), or the heading itself (Microsoft.Testing.Platform).
            if ((current.inMessage || current.lines.length === 2) &&
                current.message === null &&
                trimmed !== '' &&
                !trimmed.startsWith('at '))
                current.message = trimmed;
            const source = current.file === null ? SOURCE.exec(text) : null;
            if (source) {
                current.file = source[1];
                current.line = (0,line_parser/* int */.Wh)(source[2]);
            }
            return true;
        },
        gap() { },
        end: flush
    };
}
const dotnet = {
    name: 'dotnet',
    tools: ['dotnet', 'dotnet-test'],
    block: tests,
    line(text) {
        return text.includes(': ') ? msbuild(text) : null;
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/eslint.js
/**
 * ESLint's text formats: stylish (the default: a path line, then indented rows), `next lint`'s
 * variant of it (unindented rows, `Error:`), compact (`path: line 3, col 7, Error - message (rule)`)
 * and unix (`path:3:7: message [Error/rule]`). Stylelint and yamllint print stylish-like rows
 * (`✖`/`⚠` marks, `(rule)` in parentheses), so the same block reads them, named by the file.
 */



/** `  3:7  error  message  rule`, `3:7  Error: message  rule` (next lint), `  3:7  ✖  message  rule` (stylelint). */
const ROW = /^\s*(\d+):(\d+)\s+(error|warning|Error:|Warning:|✖|×|⚠)\s+(.*?)(?:\s{2,}(?:\(([^()\s]+)\)|(\S+)))?\s*$/;
const COMPACT = /^(.+?): line (\d+), col (\d+), (Error|Warning) - (.*?)(?: \(([^()\s]+)\))?$/;
const UNIX_REST = /^(.*) \[(Error|Warning)\/([^\]]+)\]$/;
function rowSeverity(mark) {
    return mark === '⚠' || mark.startsWith('w') || mark.startsWith('W') ? 'warning' : 'error';
}
/** Which tool prints stylish rows for this file. */
function stylishTool(file) {
    if (/\.ya?ml$/i.test(file))
        return 'yamllint';
    if (/\.(css|scss|sass|less|styl)$/i.test(file))
        return 'stylelint';
    return 'eslint';
}
/** Stylish: the file is the last path line printed above the rows (blank lines aside). */
function stylish(emit) {
    let previous = '';
    let file = null;
    return {
        line(text) {
            const before = previous;
            if (text.trim() !== '')
                previous = text;
            const first = text.charCodeAt(0);
            // Rows start with spaces or a digit; everything else may be the next file's line.
            if ((first !== 32 && (first < 48 || first > 57)) || !text.includes(':'))
                return false;
            const row = ROW.exec(text);
            if (!row)
                return false;
            const candidate = before.trim();
            if (before.charCodeAt(0) !== 32 && (0,shapes/* isPathLike */.RA)(candidate.replace(/:$/, '')))
                file = candidate.replace(/:$/, '');
            if (file === null)
                return false;
            const mark = row[3];
            emit((0,finding/* finding */.gk)({
                tool: stylishTool(file),
                file,
                line: (0,line_parser/* int */.Wh)(row[1]),
                column: (0,line_parser/* int */.Wh)(row[2]),
                severity: rowSeverity(mark),
                message: row[4],
                rule: row[5] ?? row[6] ?? null,
                excerpt: `${file}\n${text}`
            }));
            return true;
        },
        gap() {
            previous = '';
        },
        end() { }
    };
}
const eslint = {
    name: 'eslint',
    tools: ['eslint', 'stylelint', 'yamllint'],
    block: stylish,
    line(text) {
        if (!text.includes(', col '))
            return null;
        const match = COMPACT.exec(text);
        if (!match)
            return null;
        return (0,finding/* finding */.gk)({
            tool: 'eslint',
            file: match[1],
            line: (0,line_parser/* int */.Wh)(match[2]),
            column: (0,line_parser/* int */.Wh)(match[3]),
            severity: (0,finding/* severityOf */.xJ)(match[4]),
            message: match[5],
            rule: match[6] ?? null,
            excerpt: text
        });
    },
    located(at, rest, text) {
        const unix = rest.endsWith(']') ? UNIX_REST.exec(rest) : null;
        if (!unix)
            return null;
        return (0,finding/* finding */.gk)({
            tool: 'eslint',
            ...at,
            severity: (0,finding/* severityOf */.xJ)(unix[2]),
            rule: unix[3],
            message: unix[1],
            excerpt: text
        });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/generic.js
/**
 * The shapes any other linter or compiler is likely to print, tried after every named tool:
 * `path:line[:col]: severity: message [rule]`, `path:line:col: message (rule)`, a leading code
 * (`path:line CODE message`: hadolint, markdownlint), `[path:line:col] message` (protolint), and,
 * when a column makes it unambiguous, a plain `path:line:col: message` (luacheck, ktlint).
 */



const SEVERITY_REST = /^\[?(fatal error|fatal|error|warning|warn|info|information|note|hint|style|convention|notice|Error|Warning|ERROR|WARNING|FATAL)\]?(?:\[([^\]\s]+)\])?:? (.*)$/;
const CODE_REST = /^([A-Z]{1,6}\d{2,5}(?:\/[\w-]+)*|[a-z][\w-]*\[[\w-]+\]) (.*)$/;
/** `path:line CODE message`, `path:line:col CODE message` (no colon after the place). */
const CODE_LINE = /^(\S+\.\w+|\S*Dockerfile\S*):(\d+)(?::(\d+))? ([A-Z]{1,6}\d{2,5}(?:\/[\w-]+)*) (.*)$/;
const BRACKETED = /^\[(\S+?):(\d+):(\d+)\] (.*)$/;
/** Severity words other tools put after a code: hadolint's `DL3008 warning: message`. */
const LEADING_SEVERITY = /^(error|warning|info|style|note): (.*)$/;
/** Files no linter reports on: a location in one of these is a log line, not a finding. */
const NOT_SOURCE = /\.(?:log|txt|html?|png|jpe?g|gz|zip|tar|lock)$|^https?:/i;
function withRule(message) {
    const [bracketless, bracketRule] = (0,shapes/* trailingBracketRule */.HH)(message);
    if (bracketRule)
        return [bracketless, bracketRule];
    return (0,shapes/* trailingParenRule */.bn)(message);
}
function located(at, rest, text) {
    if (NOT_SOURCE.test(at.file) || !/\.\w+$|Dockerfile|Makefile|Jenkinsfile/.test(at.file))
        return null;
    const severity = SEVERITY_REST.exec(rest);
    if (severity) {
        const [message, rule] = withRule(severity[3]);
        return (0,finding/* finding */.gk)({
            tool: 'generic',
            ...at,
            severity: (0,finding/* severityOf */.xJ)(severity[1]),
            rule: severity[2] ?? rule,
            message: message.trim(),
            excerpt: text
        });
    }
    const code = CODE_REST.exec(rest);
    if (code) {
        const leading = LEADING_SEVERITY.exec(code[2]);
        return (0,finding/* finding */.gk)({
            tool: 'generic',
            ...at,
            severity: leading ? (0,finding/* severityOf */.xJ)(leading[1]) : 'error',
            rule: code[1],
            message: leading ? leading[2] : code[2],
            excerpt: text
        });
    }
    const [message, rule] = withRule(rest);
    if (rule !== null || at.column !== null) {
        if (message.trim().length < 3)
            return null;
        return (0,finding/* finding */.gk)({ tool: 'generic', ...at, rule, message: message.trim(), excerpt: text });
    }
    return null;
}
function line(text) {
    const code = CODE_LINE.exec(text);
    if (code) {
        const leading = LEADING_SEVERITY.exec(code[5]);
        return (0,finding/* finding */.gk)({
            tool: 'generic',
            file: code[1],
            line: (0,line_parser/* int */.Wh)(code[2]),
            column: (0,line_parser/* int */.Wh)(code[3]),
            severity: leading ? (0,finding/* severityOf */.xJ)(leading[1]) : 'error',
            rule: code[4],
            message: leading ? leading[2] : code[5],
            excerpt: text
        });
    }
    if (text.charCodeAt(0) === 91) {
        const bracketed = BRACKETED.exec(text);
        if (bracketed)
            return (0,finding/* finding */.gk)({
                tool: 'generic',
                file: bracketed[1],
                line: (0,line_parser/* int */.Wh)(bracketed[2]),
                column: (0,line_parser/* int */.Wh)(bracketed[3]),
                message: bracketed[4],
                excerpt: text
            });
    }
    return null;
}
const generic = { name: 'generic', tools: ['generic'], line, located };

;// CONCATENATED MODULE: ./lib/findings/tools/github-script.js
/**
 * actions/github-script: an API call the script made failed, or the script threw. The same error is
 * printed in up to three phrasings: Octokit's `RequestError [HttpError]: Not Found`, the action's
 * `Error: Unhandled error: HttpError: Not Found` and its annotation of it. They are one finding,
 * in the words the log printed it with (both, when they come together).
 */

const HTTP_ERROR = /^(?:RequestError \[HttpError\]|HttpError|(?:Error: )?Unhandled error: HttpError): (.+)$/;
const UNHANDLED = /^(?:Error: )?Unhandled error: (?!HttpError)(\w*(?:Error|Exception)?\b.*)$/;
/** The error a line states, and what identifies it whatever its phrasing. */
function errorOf(text) {
    if (!text.includes('rror'))
        return null;
    const http = HTTP_ERROR.exec(text);
    if (http)
        return { rule: 'HttpError', core: http[1].trim() };
    const unhandled = UNHANDLED.exec(text);
    if (!unhandled)
        return null;
    const message = unhandled[1].trim();
    return { rule: /^(\w+):/.exec(message)?.[1] ?? 'Error', core: message };
}
function scripts(emit) {
    let pending = null;
    const reported = new Set();
    const release = () => {
        if (!pending)
            return;
        const { core, ...found } = pending;
        reported.add(core);
        emit(found);
        pending = null;
    };
    return {
        line(raw) {
            const text = raw.trim();
            const error = errorOf(text);
            if (!error) {
                release();
                return false;
            }
            // The action's annotation reads `Error: Unhandled error: …` where GitHub shows it, in its web view.
            const words = text.startsWith('Unhandled error: ') ? `Error: ${text}` : text;
            if (pending && pending.core === error.core) {
                pending.message = `${pending.message} — ${words}`;
                pending.excerpt = `${pending.excerpt}\n${raw}`;
                release();
                return true;
            }
            release();
            if (reported.has(error.core))
                return true;
            pending = {
                ...(0,finding/* finding */.gk)({ tool: 'github-script', rule: error.rule, message: text, excerpt: raw }),
                core: error.core
            };
            return true;
        },
        gap: release,
        end() {
            release();
            reported.clear();
        }
    };
}
const githubScript = { name: 'github-script', tools: ['github-script'], block: scripts };

;// CONCATENATED MODULE: ./lib/findings/tools/go.js
/**
 * Go: build and vet errors (`./x.go:3:2: undefined: foo`, under a `# package` line), `go test`
 * failures (`--- FAIL: TestX (0.00s)` with the test's indented `x_test.go:12: message` lines,
 * subtests, testify's `Error Trace:`/`Error:` block, gotestsum's `=== FAIL: pkg TestX`), panics
 * and data races (the first frame of the repository's own code below the heading), and module
 * errors that point at go.mod or go.sum.
 */




const FAIL = /^(\s*)--- FAIL: (\S+) \([\d.]+s\)$/;
const GOTESTSUM_FAIL = /^=== FAIL: (\S+) (\S+) \([\d.]+s\)$/;
const TEST_LINE = /^\s+(\S+\.go):(\d+): (.*)$/;
const TESTIFY_TRACE = /^\s+Error Trace:\s+(\S+\.go):(\d+)/;
const TESTIFY_ERROR = /^\s+Error:\s+(.*)$/;
const go_FRAME = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;
const MODULE = [
    { pattern: /^go: (updates to go\.mod needed.*)$/, file: 'go.mod', rule: 'go.mod' },
    { pattern: /^(?:go: )?(missing go\.sum entry .*)$/, file: 'go.sum', rule: 'go.sum' },
    { pattern: /^go: (.*: (?:reading|verifying) .*)$/, file: 'go.mod', rule: 'go.mod' },
    {
        pattern: /^(go: (?:inconsistent vendoring|go\.mod file indicates go .*requires go .*))$/,
        file: 'go.mod',
        rule: 'go.mod'
    }
];
function go_tests(emit) {
    let current = null;
    const failed = [];
    let crash = null;
    const finishCrash = () => {
        if (!crash)
            return;
        emit((0,finding/* finding */.gk)({
            tool: 'go',
            file: crash.frame?.file,
            line: crash.frame?.line,
            rule: crash.rule,
            message: crash.message,
            excerpt: crash.lines.join('\n')
        }));
        if (current)
            current.reported = true;
        crash = null;
    };
    const flush = () => {
        finishCrash();
        // A failed test with no message of its own: reported unless one of its subtests was.
        for (const test of failed) {
            if (test.reported || failed.some(other => other.reported && other.name.startsWith(`${test.name}/`)))
                continue;
            emit((0,finding/* finding */.gk)({
                tool: 'go-test',
                rule: test.name,
                message: `${test.name} failed`,
                excerpt: `--- FAIL: ${test.name}`
            }));
        }
        failed.length = 0;
        current = null;
    };
    const report = (test, found) => {
        test.reported = true;
        emit(found);
    };
    return {
        line(text) {
            if (crash) {
                // A panic's or race's stack: the first frame outside the runtime and dependencies is the place.
                const frame = go_FRAME.exec(text);
                if (frame) {
                    if (crash.lines.length < MAX_BLOCK_LINES)
                        crash.lines.push(text);
                    if (!crash.frame &&
                        !isDependencyPath(frame[1]) &&
                        !/\/src\/(?:runtime|testing|sync|reflect)\//.test(frame[1]))
                        crash.frame = { file: frame[1], line: (0,line_parser/* int */.Wh)(frame[2]) };
                    return true;
                }
                if (/^(FAIL|ok)\b|^exit status|^={10,}$/.test(text) || (crash.frame && text.trim() === ''))
                    finishCrash();
                else {
                    if (crash.lines.length < MAX_BLOCK_LINES)
                        crash.lines.push(text);
                    return true;
                }
            }
            if (text.startsWith('panic: ') || text.startsWith('fatal error: ') || text === 'WARNING: DATA RACE') {
                const race = text === 'WARNING: DATA RACE';
                crash = {
                    message: race ? 'WARNING: DATA RACE' : text.replace(/ \[recovered\]$/, ''),
                    rule: race ? 'data-race' : (current?.name ?? null),
                    lines: [text],
                    frame: null
                };
                return true;
            }
            const fail = text.includes('--- FAIL: ') ? FAIL.exec(text) : GOTESTSUM_FAIL.exec(text);
            if (fail) {
                current = { name: fail[2], reported: false, trace: null };
                failed.push(current);
                return true;
            }
            if (current !== null) {
                const trace = TESTIFY_TRACE.exec(text);
                if (trace) {
                    current.trace = { file: trace[1], line: (0,line_parser/* int */.Wh)(trace[2]) };
                    return true;
                }
                const error = current.trace ? TESTIFY_ERROR.exec(text) : null;
                if (error && current.trace) {
                    report(current, (0,finding/* finding */.gk)({
                        tool: 'go-test',
                        file: current.trace.file,
                        line: current.trace.line,
                        rule: current.name,
                        message: error[1].trim(),
                        excerpt: text
                    }));
                    current.trace = null;
                    return true;
                }
                const at = TEST_LINE.exec(text);
                if (at) {
                    const message = at[3].trim();
                    // The testing package's own line for a race, and testify's heading line, carry no message.
                    if (message === '' || message === 'race detected during execution of test') {
                        if (message !== '')
                            current.reported = true;
                        return true;
                    }
                    report(current, (0,finding/* finding */.gk)({
                        tool: 'go-test',
                        file: at[1],
                        line: (0,line_parser/* int */.Wh)(at[2]),
                        rule: current.name,
                        message,
                        excerpt: text
                    }));
                    return true;
                }
                if (/^(FAIL|ok)\b/.test(text))
                    flush();
            }
            if (text.startsWith('go: ') || text.startsWith('missing go.sum')) {
                for (const { pattern, file, rule } of MODULE) {
                    const match = pattern.exec(text);
                    if (match) {
                        emit((0,finding/* finding */.gk)({ tool: 'go', file, rule, message: match[1], excerpt: text }));
                        return true;
                    }
                }
            }
            return false;
        },
        // Frames carry a keyword and their function lines do not: a gap inside a stack is expected.
        gap() { },
        end: flush
    };
}
const go = {
    name: 'go',
    tools: ['go', 'go-test'],
    block: go_tests,
    located(at, rest, text) {
        if (!at.file.endsWith('.go') || at.column === null)
            return null;
        // golangci-lint's lines end with the linter's name; they are its findings (golangci.ts).
        if (/ \([a-z0-9_-]+\)$/.test(rest))
            return null;
        return (0,finding/* finding */.gk)({ tool: 'go', ...at, message: rest, excerpt: text });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/golangci.js
/**
 * golangci-lint: `path:line:col: message (linter)`, in v1 and v2 alike (v2 prints the source line
 * and a caret below, which are not findings).
 */

const LINTER = / \(([a-z0-9_-]+)\)$/;
const golangci = {
    name: 'golangci-lint',
    tools: ['golangci-lint'],
    failOnEveryFinding: ['golangci-lint'],
    located(at, rest, text) {
        if (!at.file.endsWith('.go'))
            return null;
        const linter = LINTER.exec(rest);
        if (!linter)
            return null;
        return (0,finding/* finding */.gk)({
            tool: 'golangci-lint',
            ...at,
            rule: linter[1],
            message: rest.slice(0, linter.index),
            excerpt: text
        });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/java.js
/**
 * The JVM's build tools: javac (`Foo.java:12: error: message`), Maven (`[ERROR] path:[12,5]
 * message`, Surefire's failed tests in its detail blocks and in the Results summary), Gradle
 * (Kotlin's `e: file:///path:12:5 message`, `Class > test() FAILED` with the exception below) and
 * Java stack traces (`Exception in thread "main" …` and `Caused by:`). A frame names only its
 * file (`FooTest.java:42`); the package of its class gives the directory (`com/x/FooTest.java`).
 * Maven's "Failed to execute goal" sums a failure up; Gradle's "Execution failed for task" with
 * its `> reason` lines states one, which stands when no compiler or test output explains it.
 */



const JAVA_FILE = /\.(java|kt|kts|scala|groovy)$/;
const java_SEVERITY_REST = /^(error|warning): (.*)$/;
const MAVEN_COMPILE = /^\[(ERROR|WARNING)\] (.+?\.(?:java|kt|scala|groovy)):\[(\d+),(\d+)\] (.*)$/;
const MAVEN_GOAL = /^\[ERROR\] (Failed to execute goal .*)$/;
/** Spotless' lists of unformatted files, under Maven's `[ERROR]` or Gradle's `> `. */
const FORMAT_HEADING = /(The following files had format violations|Violations also present in):\s*$/;
/** A file of such a list: indented once (its diff lines are indented twice). */
const FORMAT_FILE = /^(?:\[ERROR\])? {4,6}([^\s@+-][^\s]*\.[\w]+)$/;
const MAVEN_RESULT_ROW = /^\[ERROR\]\s+(?:([\w$.]+)\.)?([\w$]+)\.([\w$[\]()<>, -]+?):(\d+)(?:->\S+)?\s+(.*)$/;
const SUREFIRE_DETAIL = /^(?:\[ERROR\] )?(?:([\w$]+)\(([\w$.]+)\)|([\w$.]+)\.([\w$]+)(?:\([^)]*\))?(?:\[\d+\])?)\s+(?:--\s+)?Time elapsed: .* <<< (FAILURE|ERROR)!$/;
const KOTLIN = /^([ew]): (?:file:\/\/)?(.+?\.kts?):(\d+):(\d+) (.*)$/;
const KOTLIN_OLD = /^([ew]): (.+?\.kts?): \((\d+), (\d+)\): (.*)$/;
const GRADLE_TEST = /^([\w$.]+) > (.+?) FAILED$/;
const GRADLE_SHORT_AT = /^\s+(\S.*?) at (\S+\.(?:java|kt|groovy|scala)):(\d+)$/;
/** `Execution failed for task ':app:x'.`; newer Gradle names the plugin that registered the task. */
const GRADLE_TASK = /^(Execution failed for task '[^']+')(?: \(registered by [^)]*\))?\.$/;
const java_FRAME = /^\s*at (?:[\w.]+\/\/)?([\w$.]+)\.([\w$<>]+)\(([\w$]+\.(?:java|kt|scala|groovy)):(\d+)\)$/;
const EXCEPTION = /^(?:Exception in thread "[^"]*" |Caused by: )?((?:[a-z_][\w]*\.)+[A-Z][\w$]*(?:Exception|Error|Failure|Throwable)?[\w$]*)(?:: (.*))?$/;
/** Frames of the JDK, test frameworks and build tools: not the repository's code. */
const PLATFORM = /^(?:java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|groovy|org\.junit|junit|org\.opentest4j|org\.testng|org\.assertj|org\.hamcrest|org\.mockito|org\.gradle|org\.apache\.maven|org\.springframework|worker\.org\.gradle|app)\./;
/** `com.x.FooTest` and `FooTest.java` → `com/x/FooTest.java`. */
function framePath(className, file) {
    const dot = className.lastIndexOf('.');
    return dot > 0 ? `${className.slice(0, dot).replace(/\./g, '/')}/${file}` : file;
}
function frameOf(text) {
    const match = java_FRAME.exec(text);
    if (!match)
        return null;
    const className = match[1].replace(/\$.*$/, '');
    return { file: framePath(className, match[3]), line: (0,line_parser/* int */.Wh)(match[4]), className };
}
function simpleName(className) {
    return className.slice(className.lastIndexOf('.') + 1);
}
function jvm(emit) {
    let current = null;
    let compile = null;
    let wentWrong = null;
    const flushWentWrong = () => {
        if (wentWrong)
            emit(wentWrong, line_parser/* CAUSE */.uA);
        wentWrong = null;
    };
    const reportedTests = new Set();
    const flushCompile = () => {
        if (compile)
            emit(compile);
        compile = null;
    };
    const flush = () => {
        flushCompile();
        flushWentWrong();
        if (!current)
            return;
        const failure = current;
        current = null;
        if (failure.message === null)
            return;
        if (failure.rule)
            reportedTests.add(failure.rule);
        emit((0,finding/* finding */.gk)({
            tool: failure.rule ? 'junit' : 'java',
            file: failure.at?.file,
            line: failure.at?.line,
            rule: failure.rule ?? /^([\w.$]+)/.exec(failure.message)?.[1] ?? null,
            message: failure.message,
            excerpt: failure.lines.join('\n')
        }));
    };
    const start = (rule, text, message = null) => {
        flush();
        current = { rule, message, at: null, lines: [text], indent: text.length - text.trimStart().length };
    };
    /** The heading of the Spotless list being read. */
    let formatHeading = null;
    return {
        line(text) {
            if (formatHeading !== null) {
                const file = FORMAT_FILE.exec(text);
                if (file) {
                    const path = file[1];
                    emit((0,finding/* finding */.gk)({ tool: 'spotless', file: path, rule: 'spotless', message: formatHeading, excerpt: text }));
                    return true;
                }
                // Diff lines stay inside the list; anything less indented ends it (another heading may start one).
                if (!/^(?:\[ERROR\])?(?:\s{7,}\S|\s*$|\s*(?:@@|\.\.\. \())/.test(text))
                    formatHeading = null;
            }
            if (text.includes('format violations') || text.includes('Violations also present in')) {
                const heading = FORMAT_HEADING.exec(text);
                if (heading) {
                    formatHeading = heading[1];
                    // Maven's goal line is also the build's closing word.
                    const goal = MAVEN_GOAL.exec(text);
                    if (goal)
                        emit((0,finding/* finding */.gk)({ tool: 'maven', rule: 'goal', message: goal[1], excerpt: text }), line_parser/* SUMMARY */.$M);
                    return true;
                }
            }
            if (compile) {
                // javac's and Maven's follow-up lines: `  symbol:   class Bar`, `  location: class Foo`.
                const detail = /^\s+(symbol|location):\s+(.*)$/.exec(text.replace(/^\[(?:ERROR|WARNING)\]/, ''));
                if (detail) {
                    if (detail[1] === 'symbol')
                        compile.message += `: ${detail[2].trim()}`;
                    compile.excerpt += `\n${text}`;
                    return true;
                }
                flushCompile();
            }
            if (current) {
                const frame = text.includes('at ') ? frameOf(text) : null;
                if (frame) {
                    if (current.lines.length < MAX_BLOCK_LINES)
                        current.lines.push(text);
                    if (!current.at && !PLATFORM.test(frame.className))
                        current.at = frame;
                    return true;
                }
                const trimmed = text.trim();
                const cause = trimmed.startsWith('Caused by: ') ? EXCEPTION.exec(trimmed) : null;
                if (cause) {
                    // The root cause is the last one: its message and frames replace the wrapper's.
                    current.message = trimmed.slice('Caused by: '.length);
                    current.at = null;
                    current.lines.push(text);
                    return true;
                }
                if (current.message === null && trimmed !== '' && !trimmed.startsWith('[')) {
                    current.message = trimmed;
                    const short = GRADLE_SHORT_AT.exec(text);
                    if (short) {
                        current.message = short[1].trim();
                        current.at = { file: short[2], line: (0,line_parser/* int */.Wh)(short[3]) };
                    }
                    current.lines.push(text);
                    return true;
                }
                if (/^\s+\.\.\. \d+ more$/.test(text))
                    return true;
                const indent = text.length - text.trimStart().length;
                if (trimmed === '' || indent <= current.indent || trimmed.startsWith('['))
                    flush();
                else {
                    if (current.lines.length < MAX_BLOCK_LINES)
                        current.lines.push(text);
                    return true;
                }
            }
            const first = text.charCodeAt(0);
            if (first === 91) {
                // [ERROR] / [WARNING]
                const compiled = MAVEN_COMPILE.exec(text);
                if (compiled) {
                    flushCompile();
                    compile = (0,finding/* finding */.gk)({
                        tool: 'maven',
                        file: compiled[2],
                        line: (0,line_parser/* int */.Wh)(compiled[3]),
                        column: (0,line_parser/* int */.Wh)(compiled[4]),
                        severity: (0,finding/* severityOf */.xJ)(compiled[1]),
                        message: compiled[5].trim(),
                        excerpt: text
                    });
                    return true;
                }
                const detail = SUREFIRE_DETAIL.exec(text);
                if (detail) {
                    const className = (detail[2] ?? detail[3]);
                    const method = (detail[1] ?? detail[4]);
                    start(`${simpleName(className)}.${method}`, text);
                    return true;
                }
                const row = MAVEN_RESULT_ROW.exec(text);
                if (row && !/^(?:Tests|Failures|Errors|Run|Failed)\b/.test(row[2])) {
                    const rule = `${row[2]}.${row[3].replace(/\(.*$/, '')}`;
                    if (!reportedTests.has(rule)) {
                        reportedTests.add(rule);
                        const className = row[1] ? `${row[1]}.${row[2]}` : row[2];
                        emit((0,finding/* finding */.gk)({
                            tool: 'junit',
                            file: framePath(className, `${row[2]}.java`),
                            line: (0,line_parser/* int */.Wh)(row[4]),
                            rule,
                            message: row[5].replace(/^»\s*/, '').trim(),
                            excerpt: text
                        }));
                    }
                    return true;
                }
                const goal = MAVEN_GOAL.exec(text);
                if (goal) {
                    emit((0,finding/* finding */.gk)({ tool: 'maven', rule: 'goal', message: goal[1], excerpt: text }), line_parser/* SUMMARY */.$M);
                    return true;
                }
                return false;
            }
            if ((first === 101 || first === 119) && text.charCodeAt(1) === 58) {
                const kotlin = KOTLIN.exec(text) ?? KOTLIN_OLD.exec(text);
                if (kotlin) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'kotlinc',
                        file: kotlin[2],
                        line: (0,line_parser/* int */.Wh)(kotlin[3]),
                        column: (0,line_parser/* int */.Wh)(kotlin[4]),
                        severity: kotlin[1] === 'e' ? 'error' : 'warning',
                        message: kotlin[5],
                        excerpt: text
                    }));
                    return true;
                }
            }
            if (text.endsWith(' FAILED')) {
                const test = GRADLE_TEST.exec(text);
                if (test) {
                    start(`${simpleName(test[1])}.${test[2].replace(/\(\)$/, '')}`, text);
                    return true;
                }
            }
            if (text.startsWith('Execution failed for task')) {
                const task = GRADLE_TASK.exec(text);
                if (task) {
                    // "* What went wrong:" names the task, and its `> …` lines say why: a cause, not just a closing word.
                    wentWrong = (0,finding/* finding */.gk)({
                        tool: 'gradle',
                        rule: 'task',
                        message: `${task[1]}.`,
                        excerpt: text
                    });
                    return true;
                }
            }
            if (wentWrong) {
                // Its causes, each one nested deeper: `> A failure occurred…`, `   > SigningConfig … is missing …`.
                const reason = /^\s*> (.*)$/.exec(text);
                if (reason &&
                    !/^(?:Run with|Get more help|Compilation failed|There were failing tests)/.test(reason[1])) {
                    wentWrong.message += ` ${reason[1].trim()}`;
                    wentWrong.excerpt += `\n${text}`;
                    return true;
                }
                flushWentWrong();
            }
            if (text.startsWith('Exception in thread ')) {
                const exception = EXCEPTION.exec(text);
                if (exception) {
                    start(null, text, text.replace(/^Exception in thread "[^"]*" /, ''));
                    return true;
                }
            }
            return false;
        },
        // Frames carry a keyword (`.java:`), the message lines of a multi-line assertion may not.
        gap() {
            flushCompile();
        },
        end() {
            flush();
            formatHeading = null;
        }
    };
}
const java = {
    name: 'java',
    tools: ['javac', 'maven', 'junit', 'kotlinc', 'gradle', 'java', 'spotless'],
    block: jvm,
    located(at, rest, text) {
        if (!JAVA_FILE.test(at.file))
            return null;
        const match = java_SEVERITY_REST.exec(rest);
        if (!match)
            return null;
        return (0,finding/* finding */.gk)({
            tool: 'javac',
            ...at,
            severity: (0,finding/* severityOf */.xJ)(match[1]),
            message: match[2],
            excerpt: text
        });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/lighthouse.js
/**
 * Lighthouse CI (`lhci assert`, `lhci autorun`): one `✘ audit failure for minScore assertion` per
 * failed assertion, with `expected:` and `found:` below, under the URL it was checked on; `⚠️`
 * marks warnings.
 */

const ASSERTION = /^\s*(✘|X|⚠️?)\s+([\w.:-]+) (failure|warning) for (\w+) assertion$/;
const VALUE = /^\s*(expected|found):\s+(.*)$/;
const URL_LINE = /^\d+ results? for (\S+)/;
function assertions(emit) {
    let url = null;
    let current = null;
    const flush = () => {
        if (!current)
            return;
        const values = [
            current.expected && `expected ${current.expected}`,
            current.found && `found ${current.found}`
        ]
            .filter(Boolean)
            .join(', ');
        emit((0,finding/* finding */.gk)({
            tool: 'lighthouse',
            rule: current.audit,
            severity: current.level === 'failure' ? 'error' : 'warning',
            message: `${current.audit} ${current.level} for ${current.assertion} assertion${values ? `: ${values}` : ''}${url ? ` on ${url}` : ''}`,
            excerpt: current.lines.join('\n')
        }));
        current = null;
    };
    return {
        line(text) {
            const assertion = text.includes(' assertion') ? ASSERTION.exec(text) : null;
            if (assertion) {
                flush();
                current = {
                    audit: assertion[2],
                    level: assertion[3],
                    assertion: assertion[4],
                    expected: null,
                    found: null,
                    lines: [text]
                };
                return true;
            }
            const heading = text.includes('result') ? URL_LINE.exec(text.trim()) : null;
            if (heading) {
                flush();
                url = heading[1].replace(/\s*:$/, '');
                return true;
            }
            if (!current)
                return false;
            const value = VALUE.exec(text);
            if (value) {
                current.lines.push(text);
                if (value[1] === 'expected')
                    current.expected = value[2].trim();
                else
                    current.found = value[2].trim();
                return true;
            }
            if (text.trim() === '' || /^\s*all values:/.test(text)) {
                if (text.trim() !== '')
                    current.lines.push(text);
                return true;
            }
            flush();
            return false;
        },
        gap: flush,
        end() {
            flush();
            url = null;
        }
    };
}
const lighthouse = { name: 'lighthouse', tools: ['lighthouse'], block: assertions };

// EXTERNAL MODULE: ./lib/findings/tools/tool.js
var tool = __webpack_require__(6726);
;// CONCATENATED MODULE: ./lib/findings/tools/mypy.js
/**
 * Python type checkers: mypy (`path:line[:col]: error: message  [code]`; with `--pretty` the
 * message wraps onto the following, unindented lines and the code ends its last one, before the
 * indented source excerpt) and pyright/basedpyright (`  path:line:col - error: message (rule)`).
 */




const mypy_SEVERITY_REST = /^(error|warning|note):(?: (.*))?$/;
const PYRIGHT = /^(.+?\.pyi?):(\d+):(\d+) - (error|warning|information): (.*)$/;
/** Lines a wrapped message takes at most. */
const MAX_WRAPPED = 8;
function pyright(text) {
    if (!text.includes('.py') || !text.includes(' - '))
        return null;
    const match = PYRIGHT.exec(text);
    if (!match)
        return null;
    const [message, rule] = (0,shapes/* trailingParenRule */.bn)(match[5]);
    return (0,finding/* finding */.gk)({
        tool: 'pyright',
        file: match[1],
        line: (0,line_parser/* int */.Wh)(match[2]),
        column: (0,line_parser/* int */.Wh)(match[3]),
        severity: (0,finding/* severityOf */.xJ)(match[4], 'note'),
        rule,
        message,
        excerpt: text
    });
}
/** The mypy diagnostic a line starts, or null. */
function mypyLine(text) {
    if (text.charCodeAt(0) === 32 || !text.includes('.py'))
        return null;
    const split = (0,tool/* splitLocated */.V)(text.endsWith(':') ? `${text} ` : text);
    if (!split || !/\.pyi?$/.test(split.at.file))
        return null;
    const match = mypy_SEVERITY_REST.exec(split.rest.trimEnd());
    if (!match)
        return null;
    const [message, rule] = (0,shapes/* trailingBracketRule */.HH)((match[2] ?? '').trimEnd());
    return {
        found: (0,finding/* finding */.gk)({
            tool: 'mypy',
            ...split.at,
            severity: (0,finding/* severityOf */.xJ)(match[1]),
            rule,
            message: message.trimEnd(),
            excerpt: text
        }),
        complete: rule !== null
    };
}
/** mypy's diagnostics, with the lines `--pretty` wraps their message onto. */
function mypy_diagnostics(emit) {
    let pending = null;
    const flush = () => {
        if (pending)
            emit(pending.found);
        pending = null;
    };
    return {
        line(text) {
            const started = mypyLine(text);
            if (started) {
                flush();
                if (started.complete)
                    emit(started.found);
                else
                    pending = { found: started.found, wrapped: 0 };
                return true;
            }
            if (!pending)
                return false;
            const first = text.charCodeAt(0);
            // The message ends at the indented source excerpt, a blank line, or the next file's line.
            if (text.trim() === '' ||
                first === 32 ||
                first === 9 ||
                pending.wrapped >= MAX_WRAPPED ||
                /^\S+\.pyi?:/.test(text)) {
                flush();
                return false;
            }
            const found = pending.found;
            const [part, rule] = (0,shapes/* trailingBracketRule */.HH)(text.trim());
            found.message = `${found.message} ${part}`.trim();
            found.excerpt = `${found.excerpt}\n${text}`;
            pending.wrapped++;
            if (rule !== null) {
                found.rule = rule;
                flush();
            }
            return true;
        },
        gap: flush,
        end: flush
    };
}
const mypy = {
    name: 'mypy',
    tools: ['mypy', 'pyright'],
    block: mypy_diagnostics,
    line: pyright
};

;// CONCATENATED MODULE: ./lib/findings/tools/next.js
/**
 * Next.js builds: after `Failed to compile.` (webpack) or `> Build error occurred` (Turbopack),
 * each error is a place (`./src/app/page.tsx:3:1`, or a directory such as `./app`) followed by
 * its message (`Module not found: Can't resolve 'x'`, `Type error: …`, `Error: …`); an error may
 * also come without a place. Turbopack's count (`Error: Turbopack build failed with 2 errors:`)
 * is not an error of its own. A type error is TypeScript's, as tsc.ts reads it outside a build.
 */


const OPENS = /^(?:Failed to compile\.?|> Build error occurred)\s*$/;
const PLACE = /^\.\/(\S+?)(?::(\d+):(\d+))?$/;
const COUNT = /^Error: \w+ build failed with \d+ errors?:?$/;
const next_MESSAGE = /^(?:Module not found|Module parse failed|Type error|Syntax error|Error|\w*Error):? /;
/** What ends a build's errors: the package manager's word, the next build, a blank run. */
const CLOSES = /^(?:error: script|npm error|npm ERR!|ELIFECYCLE|\[\w+\] |Build failed because|\s*at )/;
/** Lines a build's errors take at most. */
const next_MAX_LINES = 60;
/** A path with an extension is a file; `./app` is a directory, not a place in a file. */
const isFile = (path) => /\.\w+$/.test(path);
function next_builds(emit) {
    let open = false;
    let lines = 0;
    let place = null;
    const close = () => {
        open = false;
        place = null;
    };
    return {
        line(text) {
            if (!open) {
                if ((text.startsWith('Failed') || text.startsWith('> Build')) && OPENS.test(text)) {
                    open = true;
                    lines = 0;
                    return true;
                }
                return false;
            }
            if (++lines > next_MAX_LINES || CLOSES.test(text)) {
                close();
                return false;
            }
            const trimmed = text.trim();
            if (trimmed === '')
                return true;
            const at = text.startsWith('./') ? PLACE.exec(text) : null;
            if (at) {
                const path = at[1];
                place = { file: isFile(path) ? path : null, line: (0,line_parser/* int */.Wh)(at[2]), column: (0,line_parser/* int */.Wh)(at[3]), text };
                return true;
            }
            if (COUNT.test(trimmed))
                return true;
            if (!next_MESSAGE.test(trimmed))
                return place === null;
            const typeError = trimmed.startsWith('Type error: ');
            emit((0,finding/* finding */.gk)({
                tool: typeError ? 'tsc' : 'next',
                file: place?.file ?? null,
                line: place?.line ?? null,
                column: place?.column ?? null,
                message: trimmed,
                excerpt: [place?.text, text].filter(line => line !== undefined).join('\n')
            }));
            place = null;
            return true;
        },
        // Its errors' messages carry keywords, their places may not: a gap ends a place, not the build.
        gap() {
            place = null;
        },
        end: close
    };
}
const next = { name: 'next', tools: ['next', 'tsc'], block: next_builds };

;// CONCATENATED MODULE: ./lib/findings/tools/node.js
/**
 * Node.js programs that crashed: an uncaught error (`Error: message`, `TypeError [ERR_X]: message`)
 * followed by its stack (`    at fn (path:line:col)`), placed at the first frame of the
 * repository's own code. The test runners' parsers come first in the registry and take the errors
 * inside their own failure blocks.
 */



const ERROR_LINE = /^(?:Uncaught )?((?:[A-Z]\w*)?(?:Error|Exception)(?: \[[\w-]+\])?): (.+)$/;
function uncaught(emit) {
    let pending = null;
    const flush = () => {
        if (!pending)
            return;
        const current = pending;
        pending = null;
        // An error line is a crash only when a stack follows it.
        if (current.frames.length === 0)
            return;
        const at = firstProjectFrame(current.frames);
        emit((0,finding/* finding */.gk)({
            tool: 'node',
            file: at?.file,
            line: at?.line,
            column: at?.column,
            rule: current.rule.replace(/ \[.*$/, ''),
            message: current.text,
            excerpt: [current.text, ...current.frames].join('\n')
        }));
    };
    return {
        line(text) {
            if (pending) {
                if (text.trimStart().startsWith('at ') && jsFrame(text)) {
                    if (pending.frames.length < MAX_BLOCK_LINES)
                        pending.frames.push(text);
                    return true;
                }
                // `at async Promise.all (index 0)` and other frames without a place.
                if (/^\s+at \S/.test(text))
                    return true;
                flush();
            }
            const first = text.charCodeAt(0);
            if (first < 65 || first > 90 || !text.includes(': '))
                return false;
            const error = ERROR_LINE.exec(text.trimEnd());
            // An API call's failure in actions/github-script is that parser's (github-script.ts).
            if (!error || error[1].includes('HttpError'))
                return false;
            pending = { text: text.trim(), rule: error[1], frames: [] };
            // Not taken yet: without a stack below, the line is some other tool's.
            return false;
        },
        gap: flush,
        end: flush
    };
}
const node = { name: 'node', tools: ['node'], block: uncaught };

;// CONCATENATED MODULE: ./lib/findings/tools/node-install.js
/**
 * JavaScript package installs that fail: npm (`npm error code ERESOLVE` or, before npm 9,
 * `npm ERR! code …`, with the problem on the lines after the code), pnpm (`ERR_PNPM_OUTDATED_LOCKFILE
 * message`) and Yarn (v1's `error Your lockfile needs to be updated…`, Berry's `➤ YN0028: …`). An
 * npm lifecycle failure, pnpm's "recursive run failed" and Yarn's "Command failed" only sum up the
 * failure of a script whose own output says what went wrong.
 */


const NPM_PREFIX = /^npm (?:error|ERR!) ?(.*)$/;
/** `code ERESOLVE`; `code 1` is the exit code of a package's install script that failed. */
const NPM_CODE = /^code (E[A-Z0-9_]+|\d+)$/;
const NPM_META = /^(?:errno|syscall|path|command|signal|cwd|code|A complete log|Log files were not written|Node\.js v\d)\b/;
/** Lines of a script's output that are not its message: a place, a code line, a caret, a frame. */
const SCRIPT_NOISE = /^(?:\S+:\d+(?::\d+)?$|\s*\^+\s*$|\s+|at\s)/;
/** The file each npm code is about, when it is about one. */
const NPM_FILES = {
    EUSAGE: 'package-lock.json',
    EJSONPARSE: 'package.json',
    ELOCKVERIFY: 'package-lock.json'
};
const NPM_SUMMARY_CODES = new Set(['ELIFECYCLE', 'ERR_SOCKET_TIMEOUT']);
/** Anywhere in a line: pnpm's codes survive the prefixes of other tools that relay its output. */
const PNPM = /(?:^|\s)(ERR_PNPM_[A-Z0-9_]+|ELIFECYCLE)\s+(.*)$/;
const PNPM_FILES = {
    ERR_PNPM_OUTDATED_LOCKFILE: 'pnpm-lock.yaml',
    ERR_PNPM_LOCKFILE_CONFIG_MISMATCH: 'pnpm-lock.yaml',
    ERR_PNPM_BROKEN_LOCKFILE: 'pnpm-lock.yaml',
    ERR_PNPM_LOCKFILE_MISSING_DEPENDENCY: 'pnpm-lock.yaml'
};
const PNPM_SUMMARY = /^(?:ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL|ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL|ELIFECYCLE)$/;
const YARN_V1 = /^error (.*)$/;
const YARN_V1_PROBLEMS = [
    [/^Your lockfile needs to be updated/, 'yarn.lock', 'frozen-lockfile'],
    [/^An unexpected error occurred: .*(?:Not found|404)/i, null, 'not-found'],
    [/^Couldn't find (?:package|any versions for) /, null, 'not-found'],
    [/^(?:Found incompatible module|The engine "[^"]+" is incompatible)/, null, 'engine']
];
const YARN_BERRY = /^➤ (YN\d{4}): (?:│ )?(.*)$/;
/** Berry's error codes (its others are progress and warnings). */
const YARN_BERRY_ERRORS = {
    YN0001: null,
    YN0009: null,
    YN0018: 'yarn.lock',
    YN0028: 'yarn.lock',
    YN0035: null,
    YN0082: null,
    YN0083: null
};
function installs(emit) {
    let npm = null;
    /** What a failed install script printed: its `Error: …` line, or its first line of words. */
    const scriptMessage = (lines) => {
        const rests = lines
            .map(line => (NPM_PREFIX.exec(line)?.[1] ?? '').trimEnd())
            .filter(rest => rest.trim() !== '');
        const output = rests.filter(rest => !NPM_META.test(rest));
        const error = output.find(rest => /^\w*Error: /.test(rest));
        if (error)
            return error;
        const first = output.findIndex(rest => !SCRIPT_NOISE.test(rest));
        if (first < 0)
            return null;
        // cmd.exe's "… is not recognized as an internal or external command," goes on on the next line.
        const line = output[first];
        const next = output[first + 1];
        return line.endsWith(',') && next !== undefined ? `${line} ${next.trim()}` : line;
    };
    const flushNpm = () => {
        if (!npm)
            return;
        const { code, lines } = npm;
        const message = /^\d+$/.test(code) ? scriptMessage(lines) : npm.message;
        npm = null;
        emit((0,finding/* finding */.gk)({
            tool: 'npm',
            file: NPM_FILES[code] ?? null,
            rule: /^\d+$/.test(code) ? 'install-script' : code,
            message: message ?? (/^\d+$/.test(code) ? `an install script exited with code ${code}` : code),
            excerpt: lines.join('\n')
        }), ...(NPM_SUMMARY_CODES.has(code) ? [line_parser/* SUMMARY */.$M] : []));
    };
    return {
        line(text) {
            const first = text.charCodeAt(0);
            if (first === 110 && text.startsWith('npm ')) {
                const prefixed = NPM_PREFIX.exec(text);
                if (prefixed) {
                    const rest = prefixed[1].trim();
                    const code = NPM_CODE.exec(rest);
                    if (code) {
                        flushNpm();
                        npm = { code: code[1], lines: [text], message: null };
                        return true;
                    }
                    if (npm) {
                        npm.lines.push(text);
                        if (npm.message === null &&
                            rest !== '' &&
                            !/^(?:errno|syscall|path|command|signal|cwd|A complete log|Log files were not written)\b/.test(rest))
                            npm.message = rest;
                        return true;
                    }
                    if (/^Lifecycle script `[^`]+` failed/.test(rest) ||
                        /^(?:Missing script|missing script):/.test(rest)) {
                        emit((0,finding/* finding */.gk)({
                            tool: 'npm',
                            rule: rest.startsWith('Lifecycle') ? 'ELIFECYCLE' : 'missing-script',
                            message: rest,
                            excerpt: text
                        }), ...(rest.startsWith('Lifecycle') ? [line_parser/* SUMMARY */.$M] : []));
                        return true;
                    }
                    return true;
                }
            }
            flushNpm();
            if (text.includes('ERR_PNPM_') || text.includes('ELIFECYCLE')) {
                const pnpm = PNPM.exec(text);
                if (pnpm) {
                    const code = pnpm[1];
                    emit((0,finding/* finding */.gk)({
                        tool: 'pnpm',
                        file: PNPM_FILES[code] ?? null,
                        rule: code,
                        message: pnpm[2].trim(),
                        excerpt: text
                    }), ...(PNPM_SUMMARY.test(code) ? [line_parser/* SUMMARY */.$M] : []));
                    return true;
                }
            }
            if (first === 101 && text.startsWith('error ')) {
                const message = (YARN_V1.exec(text)?.[1] ?? '').trim();
                for (const [pattern, file, rule] of YARN_V1_PROBLEMS) {
                    if (pattern.test(message)) {
                        emit((0,finding/* finding */.gk)({ tool: 'yarn', file, rule, message, excerpt: text }));
                        return true;
                    }
                }
                if (/^Command failed with exit code \d+/.test(message)) {
                    emit((0,finding/* finding */.gk)({ tool: 'yarn', rule: 'command-failed', message, excerpt: text }), line_parser/* SUMMARY */.$M);
                    return true;
                }
            }
            if (text.startsWith('➤ YN')) {
                const berry = YARN_BERRY.exec(text);
                const code = berry?.[1];
                if (berry && code in YARN_BERRY_ERRORS) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'yarn',
                        file: YARN_BERRY_ERRORS[code] ?? null,
                        rule: code,
                        message: berry[2].trim(),
                        excerpt: text
                    }));
                    return true;
                }
            }
            return false;
        },
        gap: flushNpm,
        end: flushNpm
    };
}
const nodeInstall = {
    name: 'node-install',
    tools: ['npm', 'pnpm', 'yarn'],
    block: installs
};

;// CONCATENATED MODULE: ./lib/findings/tools/node-test.js
/**
 * Node's test runner: TAP (`not ok N - name` and its YAML block: location, error), the default in
 * CI on Node 18 and 20, and the spec reporter (`✖ name (1.2ms)` with the error and stack indented
 * below), the default since Node 22.
 */




const TAP_NOT_OK = /^(\s*)not ok \d+ - (.+?)(?: # .*)?$/;
const TAP_LOCATION = /^\s+location: '(.+?):(\d+):(\d+)'$/;
const TAP_ERROR_INLINE = /^\s+error: '(.*)'$/;
/** `✖ name (1.23ms)`; not ESLint's `✖ 3 problems (…)` nor the spec reporter's `✖ failing tests:` heading. */
const SPEC_FAIL = /^(\s*)✖ (.+?) \([\d.]+m?s\)$/;
function newTest(name, text) {
    return { name, file: null, line: null, column: null, message: null, inError: false, lines: [text] };
}
function tap(emit) {
    let current = null;
    const flush = () => {
        if (!current)
            return;
        const test = current;
        current = null;
        // A suite fails when its tests do; the test itself is the finding.
        if (test.message === null && test.file === null)
            return;
        const done = (0,finding/* finding */.gk)({
            tool: 'node-test',
            file: test.file?.replace(/^file:\/\//, ''),
            line: test.line,
            column: test.column,
            rule: test.name,
            message: test.message ?? 'test failed',
            excerpt: test.lines.join('\n')
        });
        emit(done);
    };
    return {
        line(text) {
            const notOk = text.includes('not ok ') ? TAP_NOT_OK.exec(text) : null;
            if (notOk) {
                flush();
                current = newTest(notOk[2], text);
                return true;
            }
            if (!current)
                return false;
            if (/^\s*\.\.\.$/.test(text) || /^\s*(ok|not ok) \d+/.test(text) || /^# (tests|Subtest)/.test(text)) {
                flush();
                return false;
            }
            if (current.lines.length < MAX_BLOCK_LINES)
                current.lines.push(text);
            const at = TAP_LOCATION.exec(text);
            const inline = at ? null : TAP_ERROR_INLINE.exec(text);
            if (at) {
                current.file = at[1];
                current.line = (0,line_parser/* int */.Wh)(at[2]);
                current.column = (0,line_parser/* int */.Wh)(at[3]);
            }
            else if (/^\s+error: (\|-?)?\s*$/.test(text))
                current.inError = true;
            else if (inline)
                current.message = inline[1] ?? null;
            else if (current.inError && current.message === null && text.trim() !== '')
                current.message = text.trim();
            return true;
        },
        gap: flush,
        end: flush
    };
}
/** The spec reporter: a failed test's error and stack are indented deeper than its `✖` line. */
function spec(emit) {
    let current = null;
    // The reporter lists failures twice: as they run and again under "✖ failing tests:".
    const flush = () => {
        if (!current)
            return;
        const test = current;
        current = null;
        const body = test.lines.slice(1);
        const at = firstProjectFrame(body);
        const message = body.map(line => line.trim()).find(line => line !== '');
        if (!message)
            return;
        emit((0,finding/* finding */.gk)({
            tool: 'node-test',
            file: at?.file,
            line: at?.line,
            column: at?.column,
            rule: test.name,
            message,
            excerpt: test.lines.join('\n')
        }));
    };
    return {
        line(text) {
            const fail = text.includes('✖') ? SPEC_FAIL.exec(text) : null;
            if (fail) {
                flush();
                current = { ...newTest(fail[2], text), indent: fail[1].length };
                return true;
            }
            if (!current)
                return false;
            const indent = text.length - text.trimStart().length;
            if (text.trim() !== '' && indent <= current.indent) {
                flush();
                return false;
            }
            if (current.lines.length < MAX_BLOCK_LINES)
                current.lines.push(text);
            return true;
        },
        gap: flush,
        end: flush
    };
}
function both(emit) {
    const parsers = [tap(emit), spec(emit)];
    return {
        line: text => parsers.some(parser => parser.line(text)),
        gap: () => parsers.forEach(parser => parser.gap()),
        end: () => parsers.forEach(parser => parser.end())
    };
}
const nodeTest = { name: 'node-test', tools: ['node-test'], block: both };

;// CONCATENATED MODULE: ./lib/findings/tools/php.js
/**
 * PHP: Composer install failures (`Problem 1` and its `- …` reason; a lock file older than
 * composer.json), PHPUnit failures (`1) Tests\FooTest::testBar`, the message, then the first frame
 * outside vendor/), PHPStan (its table of `Line   path` sections and `--error-format=raw` lines),
 * Psalm (`ERROR: Type - path:12:5 - message`), and PHP's own fatal and parse errors.
 */




const PROBLEM = /^\s*Problem (\d+)$/;
const PROBLEM_REASON = /^\s+- (.*)$/;
const LOCK_STALE = /(The lock file is not up to date with the latest changes in composer\.json)/;
/** Composer's heading over its `Problem N` lists. */
const LOCK_INCOMPATIBLE = /^(Your (?:lock file does not contain a compatible set of packages|requirements could not be resolved to an installable set of packages)\..*)$/;
const PHPUNIT_HEADER = /^(\d+)\) ([\w\\]+(?:::[\w]+)?(?: with data set .*)?)$/;
const PHPUNIT_FRAME = /^(\S+\.php):(\d+)$/;
const PHPSTAN_FILE = /^\s+Line\s{2,}(\S.*?)\s*$/;
const PHPSTAN_ROW = /^\s+(\d+)\s{2,}(\S.*?)\s*$/;
const PHPSTAN_IDENTIFIER = /^\s+(?:🪪|💡)?\s*([a-z][\w]*(?:\.[\w]+)+)\s*$/;
const PSALM = /^(ERROR|INFO|WARNING): (\w+) - (.+?):(\d+):(\d+) - (.*)$/;
const PHPSTAN_RAW = /^(\S+\.php):(\d+):(\S.*)$/;
const PHP_ERROR = /^(?:PHP )?(Fatal error|Parse error|Warning): {1,2}(.*?) in (\S+\.php)(?: on line |:)(\d+)$/;
function composer(emit) {
    let problem = null;
    let heading = null;
    /** Reasons already reported: a problem that shares one has the same cause (Composer lists it again). */
    const reasons = new Set();
    const flush = () => {
        if (!problem)
            return;
        const current = problem;
        problem = null;
        if (current.reasons.length === 0 || current.reasons.some(reason => reasons.has(reason))) {
            for (const reason of current.reasons)
                reasons.add(reason);
            return;
        }
        for (const reason of current.reasons)
            reasons.add(reason);
        const cause = current.reasons.find(reason => /does not satisfy|not found|could not be found|no matching/i.test(reason)) ?? current.reasons[0];
        emit((0,finding/* finding */.gk)({
            tool: 'composer',
            file: /\bcomposer\.lock\b|lock file/.test(`${heading ?? ''} ${cause}`) ? 'composer.lock' : null,
            rule: 'dependency-resolution',
            message: heading ? `${heading.trim()} ${cause}` : cause,
            excerpt: [heading, ...current.lines].filter(Boolean).join('\n')
        }));
    };
    return {
        line(text) {
            const start = text.includes('Problem ') ? PROBLEM.exec(text) : null;
            if (start) {
                flush();
                problem = { lines: [text], reasons: [] };
                return true;
            }
            if (problem) {
                const reason = PROBLEM_REASON.exec(text);
                if (reason) {
                    problem.lines.push(text);
                    problem.reasons.push(reason[1]);
                    return true;
                }
                if (text.trim() === '' && problem.reasons.length === 0)
                    return true;
                flush();
            }
            const incompatible = text.startsWith('Your ') ? LOCK_INCOMPATIBLE.exec(text) : null;
            if (incompatible) {
                heading = text;
                return true;
            }
            const stale = text.includes('lock file is not up to date') ? LOCK_STALE.exec(text) : null;
            if (stale) {
                emit((0,finding/* finding */.gk)({
                    tool: 'composer',
                    file: 'composer.lock',
                    rule: 'lock-file',
                    message: stale[1],
                    excerpt: text
                }));
                return true;
            }
            return false;
        },
        gap() { },
        end() {
            flush();
            heading = null;
            reasons.clear();
        }
    };
}
function phpunit(emit) {
    let current = null;
    const flush = () => {
        if (!current)
            return;
        emit((0,finding/* finding */.gk)({
            tool: 'phpunit',
            file: current.file,
            line: current.line,
            rule: current.name,
            message: current.message ?? 'test failed',
            excerpt: current.lines.join('\n')
        }));
        current = null;
    };
    return {
        line(text) {
            const header = text.includes(') ') ? PHPUNIT_HEADER.exec(text) : null;
            if (header) {
                flush();
                current = { name: header[2], message: null, file: null, line: null, lines: [text] };
                return true;
            }
            if (!current)
                return false;
            if (/^(FAILURES!|ERRORS!|Tests: \d|There (?:was|were) \d+ )/.test(text)) {
                flush();
                return false;
            }
            if (current.lines.length < MAX_BLOCK_LINES)
                current.lines.push(text);
            const frame = PHPUNIT_FRAME.exec(text);
            if (frame) {
                if (current.file === null && !isDependencyPath(frame[1])) {
                    current.file = frame[1];
                    current.line = (0,line_parser/* int */.Wh)(frame[2]);
                }
                return true;
            }
            if (current.message === null && text.trim() !== '')
                current.message = text.trim();
            return true;
        },
        gap() { },
        end: flush
    };
}
function phpstan(emit) {
    let file = null;
    let last = null;
    const release = () => {
        if (last)
            emit(last);
        last = null;
    };
    return {
        line(text) {
            if (text.includes('Line ')) {
                const header = PHPSTAN_FILE.exec(text);
                if (header) {
                    release();
                    file = header[1];
                    return true;
                }
            }
            if (file === null)
                return false;
            if (/^\s*-{3,}/.test(text))
                return true;
            const row = PHPSTAN_ROW.exec(text);
            if (row) {
                release();
                last = (0,finding/* finding */.gk)({
                    tool: 'phpstan',
                    file,
                    line: (0,line_parser/* int */.Wh)(row[1]),
                    message: row[2],
                    excerpt: `Line ${file}\n${text}`
                });
                return true;
            }
            const identifier = PHPSTAN_IDENTIFIER.exec(text);
            if (identifier && last) {
                last.rule = identifier[1];
                return true;
            }
            // Long messages wrap onto indented lines under their row.
            if (last && /^\s{4,}\S/.test(text) && !text.includes('[ERROR]')) {
                last.message += ` ${text.trim()}`;
                return true;
            }
            release();
            if (text.trim() === '' || text.includes('[ERROR]') || text.includes('[OK]'))
                file = null;
            return false;
        },
        gap() { },
        end() {
            release();
            file = null;
        }
    };
}
function php_all(emit) {
    const parsers = [composer(emit), phpunit(emit), phpstan(emit)];
    return {
        line: text => parsers.some(parser => parser.line(text)),
        gap: () => parsers.forEach(parser => parser.gap()),
        end: () => parsers.forEach(parser => parser.end())
    };
}
function phpLine(text) {
    const psalm = text.includes(' - ') ? PSALM.exec(text) : null;
    if (psalm) {
        return (0,finding/* finding */.gk)({
            tool: 'psalm',
            file: psalm[3],
            line: (0,line_parser/* int */.Wh)(psalm[4]),
            column: (0,line_parser/* int */.Wh)(psalm[5]),
            severity: psalm[1] === 'ERROR' ? 'error' : psalm[1] === 'WARNING' ? 'warning' : 'note',
            rule: psalm[2],
            message: psalm[6],
            excerpt: text
        });
    }
    const error = text.includes('.php') ? PHP_ERROR.exec(text) : null;
    if (error) {
        return (0,finding/* finding */.gk)({
            tool: 'php',
            file: error[3],
            line: (0,line_parser/* int */.Wh)(error[4]),
            severity: error[1] === 'Warning' ? 'warning' : 'error',
            rule: error[1],
            message: error[2],
            excerpt: text
        });
    }
    // PHPStan's `--error-format=raw`: `path.php:12:message`, no space after the colon.
    const raw = text.includes('.php:') ? PHPSTAN_RAW.exec(text) : null;
    if (raw)
        return (0,finding/* finding */.gk)({
            tool: 'phpstan',
            file: raw[1],
            line: (0,line_parser/* int */.Wh)(raw[2]),
            message: raw[3],
            excerpt: text
        });
    return null;
}
const php = {
    name: 'php',
    tools: ['composer', 'phpunit', 'phpstan', 'psalm', 'php'],
    block: php_all,
    line: phpLine
};

;// CONCATENATED MODULE: ./lib/findings/tools/prettier.js
/**
 * `prettier --check`: after `Checking formatting...`, one line per file that is not formatted
 * (`[warn] path`, or the bare path before Prettier 2), then the summary: `[warn] Code style issues
 * found in 2 files. Run Prettier with --write to fix.` (Prettier 3) or `Code style issues found in
 * the above file(s). Forgot to run Prettier?`. The file lines are findings only once that summary
 * confirms them, since other tools print `[warn]` and paths too; each takes the summary's words.
 * When some file could not be parsed, Prettier 3 sums up with `Error occurred when checking code
 * style in 3 files.` instead. A file Prettier cannot parse is an `[error] path: SyntaxError:
 * message (line:col)` line. `prettier --list-different` (`-l`) prints the bare paths after its
 * command line, confirmed by the script's failure (`error Command failed with exit code 1.`).
 */



const WARN = /^\[warn\] (.+)$/;
const prettier_SUMMARY = /^(?:\[warn\] )?(Code style issues .*|Error occurred when checking code style .*)$/;
/** The echoed command of `prettier --list-different` (by npm's `> `, yarn's `$ ` or a shell's `+ `). */
const LIST_COMMAND = /(?:^|[\s/])prettier\s.*(?:--list-different|\s-l(?:\s|$))/;
/** The failure that confirms the listed files. */
const LIST_FAILED = /exit code [1-9]|Command failed|ELIFECYCLE|npm ERR!|npm error/;
const HEADING = 'Checking formatting...';
const SYNTAX = /^\[error\] (.+?): (SyntaxError: .*?(?: \((\d+):(\d+)\))?)$/;
function check(emit) {
    let files = [];
    /** After `Checking formatting...`, where older versions list the files without `[warn]`. */
    let checking = false;
    /** After the command line of `prettier --list-different`. */
    let listing = false;
    const report = (words, closing) => {
        for (const { file, text: line } of files) {
            emit((0,finding/* finding */.gk)({
                tool: 'prettier',
                file,
                rule: 'prettier/format',
                message: `${file}: ${words}`,
                excerpt: `${line}\n${closing}`
            }));
        }
        files = [];
        checking = false;
        listing = false;
    };
    return {
        line(text) {
            if (text === HEADING) {
                checking = true;
                files = [];
                return true;
            }
            if (text.includes('prettier') && LIST_COMMAND.test(text)) {
                listing = true;
                files = [];
                return true;
            }
            const summary = text.includes('ode style') ? prettier_SUMMARY.exec(text) : null;
            if (summary) {
                const words = summary[1].trim();
                // With files it could not parse, its words are about those: the others are not formatted.
                report(words.startsWith('Error occurred') ? 'Code style issues found' : words, text);
                return true;
            }
            if (listing && files.length > 0 && LIST_FAILED.test(text)) {
                report('not formatted (prettier --list-different)', text);
                return false;
            }
            if (listing && (0,shapes/* isPathLike */.RA)(text.trim()) && /\.\w+$/.test(text.trim())) {
                files.push({ file: text.trim(), text });
                return true;
            }
            if (checking && (0,shapes/* isPathLike */.RA)(text.trim()) && /\.\w+$/.test(text.trim())) {
                files.push({ file: text.trim(), text });
                return true;
            }
            if (text.charCodeAt(0) !== 91)
                return false;
            const warn = WARN.exec(text);
            if (warn && (0,shapes/* isPathLike */.RA)(warn[1])) {
                files.push({ file: warn[1], text });
                return true;
            }
            const syntax = text.startsWith('[error]') ? SYNTAX.exec(text) : null;
            if (syntax) {
                emit((0,finding/* finding */.gk)({
                    tool: 'prettier',
                    file: syntax[1],
                    line: (0,line_parser/* int */.Wh)(syntax[3]),
                    column: (0,line_parser/* int */.Wh)(syntax[4]),
                    rule: 'prettier/syntax',
                    message: syntax[2],
                    excerpt: text
                }));
                return true;
            }
            return false;
        },
        // The summary may come after lines the scanner skipped: keep the files until it does.
        gap() { },
        end() {
            files = [];
            checking = false;
            listing = false;
        }
    };
}
const prettier = {
    name: 'prettier',
    tools: ['prettier'],
    failOnEveryFinding: ['prettier'],
    block: check
};

;// CONCATENATED MODULE: ./lib/findings/tools/pylint.js
/**
 * Pylint: `path:line:col: C0114: message (symbol)` (the default text format) and the parseable
 * format `path:line: [C0114(symbol), obj] message`. The rule is the code (`C0114`), the message
 * is Pylint's with its symbol (`Missing module docstring (missing-module-docstring)`). Conventions and refactorings fail a run as
 * much as warnings do, so they are warnings; errors and fatals are errors. Pylint 1 printed
 * `R: 28, 0: message (symbol)` under a `************* Module pkg.name` heading: the module names
 * the file.
 */


const TEXT_REST = /^([CRWEFI])(\d{4}): (.*) \(([a-z0-9-]+)\)$/;
const PARSEABLE_REST = /^\[([CRWEFI])(\d{4})\(([a-z0-9-]+)\)(?:, [^\]]*)?\] (.*)$/;
const pylint_MODULE = /^\*{13} Module (\S+)$/;
const pylint_LEGACY = /^([CRWEFI]):\s*(\d+),\s*(\d+): (.*?)(?: \(([a-z0-9-]+)\))?$/;
/** Pylint 1's messages under their module's heading. */
function modules(emit) {
    let file = null;
    return {
        line(text) {
            if (text.startsWith('*************')) {
                const module = pylint_MODULE.exec(text);
                if (module) {
                    const name = module[1];
                    file = name.endsWith('.py') || name.includes('/') ? name : `${name.replace(/\./g, '/')}.py`;
                    return true;
                }
            }
            if (file === null)
                return false;
            const message = pylint_LEGACY.exec(text);
            if (!message) {
                // The report after the messages, or the next tool's output.
                if (!/^[CRWEFI]\d{4}:/.test(text))
                    file = null;
                return false;
            }
            emit((0,finding/* finding */.gk)({
                tool: 'pylint',
                file,
                line: Number(message[2]),
                // Pylint 1 counts columns from 0.
                column: Number(message[3]) + 1,
                severity: (0,shapes/* letterSeverity */.gS)(message[1]),
                rule: message[5] ?? null,
                message: message[5] ? `${message[4]} (${message[5]})` : message[4],
                excerpt: text
            }));
            return true;
        },
        gap() { },
        end() {
            file = null;
        },
        idle: () => file === null
    };
}
/** Older templates print the module after the path: `pkg/x.py:pkg.x:12: …`. */
const WITH_MODULE = /^(.+\.pyi?):[\w.]+$/;
const pylint = {
    name: 'pylint',
    tools: ['pylint'],
    failOnEveryFinding: ['pylint'],
    block: modules,
    located(place, rest, text) {
        const withModule = WITH_MODULE.exec(place.file);
        const at = withModule ? { ...place, file: withModule[1] } : place;
        if (!/\.pyi?$/.test(at.file))
            return null;
        const match = TEXT_REST.exec(rest);
        if (match) {
            return (0,finding/* finding */.gk)({
                tool: 'pylint',
                ...at,
                severity: (0,shapes/* letterSeverity */.gS)(match[1]),
                rule: `${match[1]}${match[2]}`,
                message: `${match[3]} (${match[4]})`,
                excerpt: text
            });
        }
        const parseable = rest.startsWith('[') ? PARSEABLE_REST.exec(rest) : null;
        if (!parseable)
            return null;
        return (0,finding/* finding */.gk)({
            tool: 'pylint',
            ...at,
            severity: (0,shapes/* letterSeverity */.gS)(parseable[1]),
            rule: `${parseable[1]}${parseable[2]}`,
            message: `${parseable[4]} (${parseable[3]})`,
            excerpt: text
        });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/pytest.js
/**
 * pytest: `____ test_x ____` sections (the message from the `E` lines, the place from the first
 * `path.py:N:` line of the repository's own code, or its last for an error in a fixture's setup or
 * teardown: where it was raised), `ERROR collecting` sections, the short test summary
 * (`FAILED path::test - message`), and, when neither is printed, the progress lines
 * (`path::test FAILED [ 50%]`), reported at the end of the session unless already reported.
 */




const SECTION = /^_{3,} (.+?) _{3,}$/;
const pytest_LOCATION = /^(\S+\.py):(\d+): (.*)$/;
const pytest_SUMMARY = /^(FAILED|ERROR) (\S+?\.py)(?:::(\S+?))?(?: - (.*))?$/;
const PROGRESS = /^(\S+\.py)::(\S+) (FAILED|ERROR)\b|^\[gw\d+\] \[\s*\d+%\] (FAILED|ERROR) (\S+\.py)::(\S+)/;
const SESSION_END = /^=+ .*\b(?:failed|passed|errors?|skipped|deselected|xfailed|xpassed|no tests ran)\b.* =+$/;
/** A test's id as sections name it: `TestA::test_b` and `TestA.test_b` alike. */
const testKey = (name) => name.replace(/::/g, '.');
function sessions(emit) {
    let section = null;
    const reported = new Set();
    let progress = [];
    const flush = () => {
        if (!section)
            return;
        if (section.file !== null) {
            reported.add(testKey(section.name));
            emit((0,finding/* finding */.gk)({
                tool: 'pytest',
                file: section.file,
                line: section.line,
                rule: section.name,
                message: section.message ?? section.fallback ?? 'test failed',
                excerpt: section.lines.join('\n').trimEnd()
            }));
        }
        section = null;
    };
    const reportProgress = () => {
        for (const item of progress) {
            if (reported.has(testKey(item.test)))
                continue;
            reported.add(testKey(item.test));
            emit((0,finding/* finding */.gk)({
                tool: 'pytest',
                file: item.file,
                rule: item.test,
                message: item.kind === 'ERROR' ? 'error' : 'failed',
                excerpt: item.text
            }));
        }
        progress = [];
    };
    return {
        line(text) {
            if (text.charCodeAt(0) === 95) {
                const header = SECTION.exec(text);
                if (header) {
                    flush();
                    const fixture = /^ERROR at (?:setup|teardown) of (.+)$/.exec(header[1]);
                    section = {
                        name: fixture ? fixture[1] : header[1],
                        atFixture: fixture !== null,
                        message: null,
                        file: null,
                        line: null,
                        fallback: null,
                        lines: [text]
                    };
                    return true;
                }
            }
            if (text.startsWith('====')) {
                flush();
                if (SESSION_END.test(text)) {
                    reportProgress();
                    reported.clear();
                }
                return false;
            }
            if (section) {
                if (section.lines.length < MAX_BLOCK_LINES)
                    section.lines.push(text);
                if (section.message === null && /^E\s/.test(text))
                    section.message = text.slice(1).trim();
                const at = pytest_LOCATION.exec(text);
                // A failure is placed at the first frame of the repository's own code: the test's line
                // (or, for a module that failed to import, its line that started the chain), as for every
                // test runner. The exception's name, on pytest's last place line, stands in for a message.
                if (at && !isDependencyPath(at[1])) {
                    if (section.file === null || section.atFixture) {
                        section.file = at[1];
                        section.line = (0,line_parser/* int */.Wh)(at[2]);
                    }
                    if (at[3] !== '' && !at[3].startsWith('in '))
                        section.fallback = at[3];
                }
                return true;
            }
            const summary = text.startsWith('FAILED ') || text.startsWith('ERROR ') ? pytest_SUMMARY.exec(text) : null;
            if (summary) {
                const path = summary[2];
                const test = summary[3] ?? null;
                const key = test === null ? `ERROR collecting ${path}` : testKey(test);
                if (reported.has(key))
                    return true;
                reported.add(key);
                emit((0,finding/* finding */.gk)({
                    tool: 'pytest',
                    file: path,
                    rule: test,
                    message: summary[4] ?? `${summary[1].toLowerCase()}`,
                    excerpt: text
                }));
                return true;
            }
            const ran = text.includes('FAILED') || text.includes('ERROR') ? PROGRESS.exec(text) : null;
            if (ran) {
                progress.push({
                    file: (ran[1] ?? ran[5]),
                    test: (ran[2] ?? ran[6]),
                    kind: (ran[3] ?? ran[4]),
                    text
                });
                return true;
            }
            return false;
        },
        // A section ends at the next heading: its `E` and `path.py:N:` lines carry keywords, the code between does not.
        gap() { },
        end() {
            flush();
            reportProgress();
            reported.clear();
        },
        idle: () => section === null
    };
}
const pytest = { name: 'pytest', tools: ['pytest'], block: sessions };

;// CONCATENATED MODULE: ./lib/findings/tools/python.js
/**
 * Python tracebacks, printed by any program that crashed: the exception (the last one of a chain)
 * at the deepest frame of the repository's own code. Also a bare `File "x.py", line N` frame
 * followed by a `SyntaxError`, which Python prints without a "Traceback" heading. Within a pytest
 * session a traceback is what a test logged: pytest reports the failures (pytest.ts).
 */




const python_HEADING = 'Traceback (most recent call last):';
/** pytest's session: inside it, a traceback is a test's output (pytest reports failures itself). */
const SESSION_START = /^=+ test session starts =+$/;
const python_SESSION_END = /^=+ .*\b(?:failed|passed|errors?|skipped|deselected|xfailed|xpassed|no tests ran)\b.* =+$/;
const python_FRAME = /^(\s*)File "(.+?)", line (\d+)/;
const python_EXCEPTION = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/;
const CHAINED = /^(During handling of the above exception|The above exception was the direct cause)/;
function tracebacks(emit) {
    let current = null;
    // The finding of a finished traceback, held for one line: a chained exception replaces it.
    let pending = null;
    const release = () => {
        if (pending)
            emit(pending);
        pending = null;
    };
    const finish = (text, exception) => {
        if (!current)
            return;
        const inRepo = current.frames.filter(frame => !isDependencyPath(frame.file));
        const at = inRepo[inRepo.length - 1] ?? null;
        current.lines.push(text);
        pending = (0,finding/* finding */.gk)({
            tool: 'python',
            file: at?.file,
            line: at?.line,
            rule: exception[1],
            message: text.trim(),
            excerpt: current.lines.join('\n')
        });
        current = null;
    };
    let inPytest = false;
    return {
        line(text) {
            if (text.startsWith('==')) {
                if (SESSION_START.test(text))
                    inPytest = true;
                else if (python_SESSION_END.test(text))
                    inPytest = false;
                return false;
            }
            if (inPytest)
                return false;
            const trimmed = text.trimStart();
            if (trimmed.startsWith(python_HEADING)) {
                // A new traceback after a chained one: the earlier finding is dropped for the final one.
                current = { indent: text.length - trimmed.length, frames: [], lines: [text] };
                return true;
            }
            if (pending) {
                if (trimmed === '')
                    return true;
                if (CHAINED.test(trimmed)) {
                    pending = null;
                    return true;
                }
                release();
            }
            const frame = trimmed.startsWith('File "') ? python_FRAME.exec(text) : null;
            if (frame && !current) {
                // Python prints a SyntaxError's frame without a heading.
                current = { indent: Math.max(0, frame[1].length - 2), frames: [], lines: [] };
            }
            if (!current)
                return false;
            if (frame) {
                current.frames.push({ file: frame[2], line: (0,line_parser/* int */.Wh)(frame[3]), column: null });
                if (current.lines.length < MAX_BLOCK_LINES)
                    current.lines.push(text);
                return true;
            }
            const indent = text.length - trimmed.length;
            if (indent <= current.indent && trimmed !== '') {
                const exception = python_EXCEPTION.exec(trimmed) ?? /^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit)): (.*)$/.exec(trimmed);
                if (exception && current.frames.length > 0) {
                    finish(text, exception);
                    return true;
                }
                // Neither a frame nor an exception: not a traceback after all.
                current = null;
                return false;
            }
            if (current.lines.length < MAX_BLOCK_LINES)
                current.lines.push(text);
            return true;
        },
        // Frames carry a keyword, their code lines do not: a gap inside a traceback is expected.
        gap() { },
        end() {
            release();
            current = null;
            inPytest = false;
        }
    };
}
const python = { name: 'python', tools: ['python'], block: tracebacks };

;// CONCATENATED MODULE: ./lib/findings/tools/python-install.js
/**
 * Python dependency installs that fail: pip (no matching version, conflicting dependencies,
 * wheels that do not build), uv (no solution, a lockfile that needs updating) and Poetry (version
 * solving, a lock file older than pyproject.toml). Installers say one problem several times (pip's
 * "Could not find a version … x" and "No matching distribution found for x"; its "× Building wheel
 * for x did not run successfully", "Failed building wheel for x" and "Could not build wheels for
 * x"): the lines that name the same problem are one finding, which keeps the words they were
 * printed with.
 */

const byPackage = (prefix) => (match) => `${prefix}:${(match[1] ?? '').toLowerCase()}`;
const once = (name) => () => name;
/** One-line problems; each pattern's first group names the package or requirement, when there is one. */
const LINES = [
    {
        pattern: /^ERROR: Could not find a version that satisfies the requirement (\S+)/,
        tool: 'pip',
        rule: 'no-matching-version',
        problem: byPackage('requirement')
    },
    {
        pattern: /^ERROR: No matching distribution found for (\S+)/,
        tool: 'pip',
        rule: 'no-matching-version',
        problem: byPackage('requirement')
    },
    {
        pattern: /^ERROR: Cannot install .* because these package versions have conflicting dependencies/,
        tool: 'pip',
        rule: 'ResolutionImpossible',
        problem: once('conflict')
    },
    {
        pattern: /^ERROR: ResolutionImpossible/,
        tool: 'pip',
        rule: 'ResolutionImpossible',
        problem: once('conflict')
    },
    {
        pattern: /^ERROR: Failed building wheel for (\S+)/,
        tool: 'pip',
        rule: 'wheel-build',
        problem: byPackage('wheel')
    },
    {
        pattern: /^ERROR: (?:Could not build wheels for|Failed to build) (\S+?),?(?: which| |$)/,
        tool: 'pip',
        rule: 'wheel-build',
        problem: byPackage('wheel')
    },
    {
        pattern: /^ERROR: Invalid requirement: (.*)$/,
        tool: 'pip',
        rule: 'invalid-requirement',
        problem: byPackage('invalid')
    },
    {
        pattern: /^ERROR: Could not open requirements file: .*$/,
        tool: 'pip',
        rule: 'requirements-file',
        problem: once('requirements-file')
    },
    {
        pattern: /^ERROR: Could not install packages due to an? .*$/,
        tool: 'pip',
        rule: 'install',
        problem: once('install')
    },
    {
        pattern: /^ERROR: Package '(.*)' requires a different Python: .*$/,
        tool: 'pip',
        rule: 'python-version',
        problem: byPackage('python')
    },
    {
        pattern: /^ERROR: THESE PACKAGES DO NOT MATCH THE HASHES .*$/,
        tool: 'pip',
        rule: 'hashes',
        problem: once('hashes')
    },
    {
        pattern: /^error: The lockfile at `?[^`\s]+`? needs to be updated.*$/,
        tool: 'uv',
        rule: 'lockfile',
        problem: once('uv-lockfile'),
        file: 'uv.lock'
    },
    {
        pattern: /^Because .* version solving failed\.$/,
        tool: 'poetry',
        rule: 'version-solving',
        problem: once('solving')
    },
    {
        pattern: /^pyproject\.toml changed significantly since poetry\.lock was last generated.*$/,
        tool: 'poetry',
        rule: 'lockfile',
        problem: once('poetry-lockfile'),
        file: 'poetry.lock'
    },
    {
        pattern: /^poetry\.lock is not consistent with pyproject\.toml.*$/,
        tool: 'poetry',
        rule: 'lockfile',
        problem: once('poetry-lockfile'),
        file: 'poetry.lock'
    }
];
/** pip's and uv's rich errors: `× heading`, then `│ …` / `╰─> …` lines. */
const RICH = /^\s*× (.+)$/;
const RICH_DETAIL = /^\s*(?:│|╰─[>▶])\s?(.*)$/;
/** The package a rich heading is about: `× Building wheel for gryffin (pyproject.toml) did not run successfully.` */
const RICH_WHEEL = /^Building wheel for (\S+)/;
const REQUIREMENTS_SOURCE = /\(from -r (\S+) \(line (\d+)\)\)/;
function python_install_installs(emit) {
    /** The problems of the step, in the order they were first named; given out when it ends. */
    const problems = new Map();
    // A `×` heading is pip's or uv's only when a `│`/`╰─>` line follows: Vitest and Biome mark failures with `×` too.
    let rich = null;
    const name = (problem, tool, rule, words, excerpt, file) => {
        const known = problems.get(problem);
        if (known) {
            if (!known.message.includes(words)) {
                known.message = `${known.message} — ${words}`;
                known.excerpt = `${known.excerpt}\n${excerpt}`;
            }
            return;
        }
        // pip names the requirements file a pin came from: `(from -r requirements.txt (line 28))`.
        const source = REQUIREMENTS_SOURCE.exec(words);
        problems.set(problem, (0,finding/* finding */.gk)({
            tool,
            rule,
            file: source ? source[1] : (file ?? null),
            line: source ? Number(source[2]) : null,
            message: words,
            excerpt
        }));
    };
    const flushRich = () => {
        const current = rich;
        rich = null;
        if (!current?.confirmed)
            return;
        const uv = /^No solution found/.test(current.heading);
        const words = current.detail && /^Because /.test(current.detail)
            ? `${current.heading} ${current.detail}`
            : current.heading;
        const wheel = RICH_WHEEL.exec(current.heading);
        name(uv
            ? 'uv:no-solution'
            : wheel
                ? `wheel:${wheel[1].toLowerCase()}`
                : `rich:${current.heading}`, uv ? 'uv' : 'pip', uv ? 'no-solution' : wheel ? 'wheel-build' : 'subprocess', words, current.text.join('\n'));
    };
    const flush = () => {
        flushRich();
        for (const found of problems.values())
            emit(found);
        problems.clear();
    };
    return {
        line(text) {
            if (rich) {
                const detail = RICH_DETAIL.exec(text);
                if (detail) {
                    rich.confirmed = true;
                    rich.text.push(text);
                    if (rich.detail === null && detail[1] !== '' && !/^exit code:/.test(detail[1]))
                        rich.detail = detail[1].trim();
                    return true;
                }
                flushRich();
            }
            const trimmed = text.trim();
            if (trimmed.startsWith('× ')) {
                const heading = RICH.exec(trimmed);
                if (heading) {
                    rich = { heading: heading[1].trim(), detail: null, text: [text], confirmed: false };
                    // Not taken: the line may be another tool's.
                    return false;
                }
            }
            const first = trimmed.charCodeAt(0);
            // E(RROR), e(rror), B(ecause), p(yproject / poetry): cheap before the patterns.
            if (first !== 69 && first !== 101 && first !== 66 && first !== 112)
                return false;
            for (const { pattern, tool, rule, problem, file } of LINES) {
                const match = pattern.exec(trimmed);
                if (!match)
                    continue;
                name(problem(match), tool, rule, trimmed, text, file);
                return true;
            }
            return false;
        },
        // An install's lines carry keywords, the package lists between them do not.
        gap: flushRich,
        end: flush
    };
}
const pythonInstall = {
    name: 'python-install',
    tools: ['pip', 'uv', 'poetry'],
    block: python_install_installs
};

;// CONCATENATED MODULE: ./lib/findings/tools/rubocop.js
/**
 * RuboCop: `path:line:col: C: [Correctable] Department/Cop: message` (the emacs and clang formats,
 * and the `Offenses:` list of the default progress format), and the simple format (`== path ==`,
 * then `C:  3:  5: Department/Cop: message`), and the old one that named no cop (`path:3:5: C:
 * message`, for Ruby files). Conventions fail a run like warnings do.
 */



const REST = /^([CWEFRI]): (?:\[(?:Correctable|Corrected|Todo)\] )?([A-Z][A-Za-z]+(?:\/[A-Za-z0-9]+)+): (.*)$/;
/** RuboCop before 0.24 named no cop: `path:line:col: C: message`, for Ruby files only. */
const UNNAMED_REST = /^([CWEFR]): (?:\[(?:Correctable|Corrected)\] )?(.*)$/;
const RUBY_FILE = /(?:\.(?:rb|rake|gemspec|ru)|(?:^|\/)(?:Gemfile|Rakefile|Guardfile))$/;
const SIMPLE_FILE = /^== (.+) ==$/;
const SIMPLE_ROW = /^([CWEFR]):\s*(\d+):\s*(\d+): (?:\[(?:Correctable|Corrected)\] )?([A-Z][A-Za-z]+(?:\/[A-Za-z0-9]+)+): (.*)$/;
function simple(emit) {
    let file = null;
    return {
        line(text) {
            if (text.startsWith('== ')) {
                const match = SIMPLE_FILE.exec(text);
                if (match) {
                    file = match[1];
                    return true;
                }
            }
            if (file === null)
                return false;
            const row = SIMPLE_ROW.exec(text);
            if (!row) {
                if (text.trim() === '')
                    file = null;
                return false;
            }
            emit((0,finding/* finding */.gk)({
                tool: 'rubocop',
                file,
                line: (0,line_parser/* int */.Wh)(row[2]),
                column: (0,line_parser/* int */.Wh)(row[3]),
                severity: (0,shapes/* letterSeverity */.gS)(row[1]),
                rule: row[4],
                message: row[5],
                excerpt: `== ${file} ==\n${text}`
            }));
            return true;
        },
        gap() { },
        end() {
            file = null;
        }
    };
}
const rubocop = {
    name: 'rubocop',
    tools: ['rubocop'],
    failOnEveryFinding: ['rubocop'],
    block: simple,
    located(at, rest, text) {
        const match = REST.exec(rest);
        if (!match) {
            const unnamed = RUBY_FILE.test(at.file) ? UNNAMED_REST.exec(rest) : null;
            if (!unnamed)
                return null;
            return (0,finding/* finding */.gk)({
                tool: 'rubocop',
                ...at,
                severity: (0,shapes/* letterSeverity */.gS)(unnamed[1]),
                message: unnamed[2],
                excerpt: text
            });
        }
        return (0,finding/* finding */.gk)({
            tool: 'rubocop',
            ...at,
            severity: (0,shapes/* letterSeverity */.gS)(match[1]),
            rule: match[2],
            message: match[3],
            excerpt: text
        });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/ruff.js
/**
 * Ruff and flake8 (pycodestyle, pyflakes, plugins): `path:line:col: CODE message` (ruff's concise
 * and older full format, flake8's default), ruff's current full format (`CODE message` then
 * ` --> path:line:col`), its grouped format (a `path:` line, then `  line:col CODE message` rows),
 * and `ruff format --check` (`Would reformat: path`).
 */


const ruff_CODE_REST = /^([A-Z]{1,4}\d{2,4}|[A-Z]{2,3}\d?) (\[\*\] )?(.*)$/;
/** flake8 with a custom `--format` such as `%(path)s:%(row)d: [%(code)s] %(text)s`. */
const BRACKETED_CODE_REST = /^\[([A-Z]{1,4}\d{2,4})\] (.*)$/;
const ruff_HEADER = /^([A-Z]{1,4}\d{2,4}|invalid-syntax|[a-z]+(?:-[a-z]+)+)(?::)? (\[\*\] )?(.*)$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
const GROUP_FILE = /^(\S+\.pyi?):$/;
const GROUP_ROW = /^\s+(\d+):(\d+) ([A-Z]{1,4}\d{2,4}) (\[\*\] )?(.*)$/;
const REFORMAT = /^Would reformat: (\S+)$/;
/** pyflakes (F) and syntax (E9) problems are errors, style codes warnings. */
function codeSeverity(code) {
    return code.startsWith('F') || code.startsWith('E9') || code === 'invalid-syntax' ? 'error' : 'warning';
}
/** The rust-like full format and the grouped format are both a header line and a place line. */
function blocks(emit) {
    let header = null;
    let groupFile = null;
    return {
        line(text) {
            if (header) {
                const current = header;
                header = null;
                const at = ARROW.exec(text);
                if (at) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'ruff',
                        file: at[1],
                        line: (0,line_parser/* int */.Wh)(at[2]),
                        column: (0,line_parser/* int */.Wh)(at[3]),
                        rule: current.code,
                        severity: codeSeverity(current.code),
                        message: current.message,
                        excerpt: `${current.text}\n${text}`
                    }));
                    return true;
                }
            }
            const first = text.charCodeAt(0);
            if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) {
                const reformat = first === 87 ? REFORMAT.exec(text) : null;
                if (reformat) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'ruff',
                        file: reformat[1],
                        rule: 'ruff-format',
                        message: 'Would reformat: the file is not formatted as `ruff format` would',
                        excerpt: text
                    }));
                    return true;
                }
                const group = text.endsWith(':') ? GROUP_FILE.exec(text) : null;
                if (group) {
                    groupFile = group[1];
                    return true;
                }
                groupFile = null;
                const match = ruff_HEADER.exec(text);
                // Only a header when its place line follows: decided on the next line.
                if (match)
                    header = {
                        code: match[1],
                        fixable: match[2] !== undefined,
                        message: match[3],
                        text
                    };
                return false;
            }
            if (groupFile && first === 32) {
                const row = GROUP_ROW.exec(text);
                if (row) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'ruff',
                        file: groupFile,
                        line: (0,line_parser/* int */.Wh)(row[1]),
                        column: (0,line_parser/* int */.Wh)(row[2]),
                        rule: row[3],
                        severity: codeSeverity(row[3]),
                        message: row[5],
                        excerpt: `${groupFile}:\n${text}`
                    }));
                    return true;
                }
            }
            return false;
        },
        gap() {
            header = null;
            groupFile = null;
        },
        end() {
            header = null;
            groupFile = null;
        }
    };
}
const ruff = {
    name: 'ruff',
    tools: ['ruff', 'flake8'],
    failOnEveryFinding: ['ruff', 'flake8'],
    block: blocks,
    located(at, rest, text) {
        if (!/\.pyi?$/.test(at.file))
            return null;
        const bracketed = rest.startsWith('[') ? BRACKETED_CODE_REST.exec(rest) : null;
        if (bracketed) {
            const code = bracketed[1];
            return (0,finding/* finding */.gk)({
                tool: 'flake8',
                ...at,
                severity: codeSeverity(code),
                rule: code,
                message: bracketed[2],
                excerpt: text
            });
        }
        if (at.column === null)
            return null;
        const match = ruff_CODE_REST.exec(rest);
        if (!match)
            return null;
        const code = match[1];
        const message = match[3];
        // Ruff quotes names in backticks and marks fixable findings; flake8 quotes with apostrophes.
        const tool = match[2] || message.includes('`') ? 'ruff' : 'flake8';
        return (0,finding/* finding */.gk)({ tool, ...at, severity: codeSeverity(code), rule: code, message, excerpt: text });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/shellcheck.js
/**
 * ShellCheck: its default tty format (`In path line N:`, the code line, then one `^-- SC2086
 * (info): message` marker per problem on it) and its gcc format
 * (`path:line:col: note: message [SC2086]`).
 */


const shellcheck_PLACE = /^In (.+) line (\d+):$/;
const MARKER = /^\s*\^-*\^?\s+(SC\d{4})(?: \((error|warning|info|style)\))?: (.*)$/;
function tty(emit) {
    let place = null;
    return {
        line(text) {
            if (text.startsWith('In ') && text.endsWith(':')) {
                const match = shellcheck_PLACE.exec(text);
                if (match) {
                    place = { file: match[1], line: (0,line_parser/* int */.Wh)(match[2]), text };
                    return true;
                }
            }
            if (!place)
                return false;
            if (!text.includes('SC'))
                return false;
            const marker = MARKER.exec(text);
            if (!marker)
                return false;
            emit((0,finding/* finding */.gk)({
                tool: 'shellcheck',
                file: place.file,
                line: place.line,
                column: text.indexOf('^') + 1,
                rule: marker[1],
                severity: (0,finding/* severityOf */.xJ)(marker[2], 'warning'),
                message: marker[3],
                excerpt: `${place.text}\n${text}`
            }));
            return true;
        },
        gap() { },
        end() {
            place = null;
        }
    };
}
const GCC_REST = /^(error|warning|note|info|style): (.*) \[(SC\d{4})\]$/;
const shellcheck = {
    name: 'shellcheck',
    tools: ['shellcheck'],
    failOnEveryFinding: ['shellcheck'],
    block: tty,
    located(at, rest, text) {
        if (!rest.endsWith(']'))
            return null;
        const match = GCC_REST.exec(rest);
        if (!match)
            return null;
        return (0,finding/* finding */.gk)({
            tool: 'shellcheck',
            ...at,
            severity: (0,finding/* severityOf */.xJ)(match[1], 'warning'),
            rule: match[3],
            message: match[2],
            excerpt: text
        });
    }
};

;// CONCATENATED MODULE: ./lib/findings/tools/terraform.js
/**
 * Terraform (and OpenTofu, tflint): diagnostics as boxes (`│ Error: Summary`, `│   on main.tf line
 * 12, in resource …:`, the detail) or, with `-no-color` in older versions, the same lines without
 * the box; and `terraform fmt -check`, which prints only the names of the files it would change.
 */


const terraform_HEADING = /^(Error|Warning): (.+?)(?: \(([a-z][\w-]+)\))?$/;
const terraform_PLACE = /^on (\S+) line (\d+)(?:, in .*)?:?$/;
const FMT_FILE = /^(?:[\w.-]+\/)*[\w.-]+\.(?:tf|tfvars|tofu|hcl)$/;
/** A diagnostic's line without the box drawing: `│ `, `╷`, `╵`. */
function unboxed(text) {
    return text.replace(/^\s*[│╷╵]/, '').trim();
}
function terraform_diagnostics(emit) {
    let current = null;
    const flush = () => {
        if (!current)
            return;
        // Without its box, `Error: …` is Terraform's only when its `on file line N` place followed.
        if (!current.boxed && current.file === null) {
            current = null;
            return;
        }
        emit((0,finding/* finding */.gk)({
            tool: 'terraform',
            file: current.file,
            line: current.line,
            severity: (0,finding/* severityOf */.xJ)(current.severity),
            rule: current.rule,
            message: [current.summary, current.detail].filter(Boolean).join(': ') || 'Terraform error',
            excerpt: current.lines.join('\n')
        }));
        current = null;
    };
    return {
        line(text) {
            // Outside a diagnostic, only a heading, a box, a place or a file name of `fmt -check` matters.
            if (current === null &&
                !text.includes('Error: ') &&
                !text.includes('Warning: ') &&
                !text.includes('│') &&
                !text.includes('.tf'))
                return false;
            const trimmed = text.trimStart();
            const boxed = trimmed.startsWith('│') || trimmed.startsWith('╷') || trimmed.startsWith('╵');
            const inner = boxed ? unboxed(text) : text.trim();
            if (inner.startsWith('Error: ') || inner.startsWith('Warning: ')) {
                const heading = terraform_HEADING.exec(inner);
                if (heading) {
                    flush();
                    current = {
                        severity: heading[1],
                        summary: heading[2],
                        rule: heading[3] ?? null,
                        file: null,
                        line: null,
                        detail: null,
                        lines: [text],
                        boxed
                    };
                    return true;
                }
            }
            if (!current) {
                // A box whose heading is not shown (a log cut inside it): its place still says where.
                const place = boxed ? terraform_PLACE.exec(inner) : null;
                if (place) {
                    current = {
                        severity: 'Error',
                        summary: '',
                        rule: null,
                        file: place[1],
                        line: (0,line_parser/* int */.Wh)(place[2]),
                        detail: null,
                        lines: [text],
                        boxed
                    };
                    return true;
                }
                if (FMT_FILE.test(inner) && !boxed) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'terraform',
                        file: inner,
                        rule: 'fmt',
                        message: `${inner} is not formatted as \`terraform fmt\` would`,
                        excerpt: text
                    }));
                    return true;
                }
                return false;
            }
            if (trimmed.startsWith('╵') || (!current.boxed && inner === '' && current.detail !== null)) {
                current.lines.push(text);
                flush();
                return true;
            }
            if (!boxed && current.boxed) {
                flush();
                return false;
            }
            current.lines.push(text);
            const place = terraform_PLACE.exec(inner);
            if (place) {
                current.file = place[1];
                current.line = (0,line_parser/* int */.Wh)(place[2]);
                return true;
            }
            else if (current.detail === null &&
                inner !== '' &&
                current.file !== null &&
                !/^\d+:/.test(inner) &&
                !inner.startsWith('├') &&
                !inner.startsWith('│')) {
                current.detail = inner;
            }
            if (current.lines.length > 30)
                flush();
            return current?.boxed === true || current?.file != null;
        },
        gap() { },
        end: flush
    };
}
const terraform = { name: 'terraform', tools: ['terraform'], block: terraform_diagnostics };

;// CONCATENATED MODULE: ./lib/findings/tools/tsc.js
/**
 * TypeScript's compiler and its wrappers: tsc (`--pretty false` and pretty), vue-tsc (the same
 * output), and the two-line form of svelte-check and Next.js (a bare `path:line:col` line, then
 * `Error: message (ts)` or `Type error: message`).
 */



const PRETTY = /^(.+?):(\d+):(\d+) - (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning) (TS\d+): (.*)$/;
function tscLine(text) {
    if (!text.includes('TS'))
        return null;
    const paren = (0,shapes/* parseParenLocated */.ck)(text);
    if (paren && paren.code.startsWith('TS'))
        return (0,shapes/* parenFinding */.M3)('tsc', paren, text);
    const match = PRETTY.exec(text) ?? null;
    if (match) {
        return (0,finding/* finding */.gk)({
            tool: 'tsc',
            file: match[1],
            line: (0,line_parser/* int */.Wh)(match[2]),
            column: (0,line_parser/* int */.Wh)(match[3]),
            severity: (0,finding/* severityOf */.xJ)(match[4]),
            rule: match[5],
            message: match[6],
            excerpt: text
        });
    }
    const global = text.startsWith('error TS') || text.startsWith('warning TS') ? GLOBAL.exec(text) : null;
    if (global) {
        return (0,finding/* finding */.gk)({
            tool: 'tsc',
            rule: global[2],
            severity: (0,finding/* severityOf */.xJ)(global[1]),
            message: global[3],
            excerpt: text
        });
    }
    return null;
}
const tsc_PLACE = /^(\S.*\.(?:svelte|vue|astro|ts|mts|cts|tsx|js|mjs|cjs|jsx)):(\d+):(\d+)$/;
const PLACED_MESSAGE = /^(Error|Warn|Warning|Hint|Type error|Syntax error): (.*?)(?: \((\w[\w-]*)\))?$/;
/** The tool of a two-line diagnostic: svelte-check names its source (`(ts)`, `(svelte)`), Next.js says "Type error". */
function placedTool(file, kind, source) {
    if (file.endsWith('.svelte') || source !== null)
        return 'svelte-check';
    return kind === 'Type error' ? 'tsc' : 'svelte-check';
}
/** The place on one line, the diagnostic on the next. */
function placeThenMessage(emit) {
    let place = null;
    return {
        line(text) {
            if (place) {
                const current = place;
                place = null;
                const message = PLACED_MESSAGE.exec(text);
                if (message) {
                    emit((0,finding/* finding */.gk)({
                        tool: placedTool(current.file, message[1], message[3] ?? null),
                        file: current.file,
                        line: current.line,
                        column: current.column,
                        severity: message[1] === 'Type error' || message[1] === 'Syntax error'
                            ? 'error'
                            : (0,finding/* severityOf */.xJ)(message[1], 'note'),
                        rule: message[3] ?? null,
                        // Next.js's "Type error: …" keeps its words; svelte-check's `Error:` is only a severity.
                        message: /^(?:Type|Syntax) error$/.test(message[1])
                            ? `${message[1]}: ${message[2]}`
                            : message[2],
                        excerpt: `${current.text}\n${text}`
                    }));
                    return true;
                }
            }
            if (text.charCodeAt(text.length - 1) < 48 || text.charCodeAt(text.length - 1) > 57)
                return false;
            const match = tsc_PLACE.exec(text);
            if (!match)
                return false;
            place = { file: match[1], line: (0,line_parser/* int */.Wh)(match[2]), column: (0,line_parser/* int */.Wh)(match[3]), text };
            return true;
        },
        gap() {
            place = null;
        },
        end() {
            place = null;
        }
    };
}
const tsc = {
    name: 'tsc',
    tools: ['tsc', 'svelte-check'],
    block: placeThenMessage,
    line: tscLine
};

;// CONCATENATED MODULE: ./lib/findings/tools/vitest.js
/**
 * Vitest: ` FAIL  file > suite > test` (with `|project|` in a workspace), then the error line and
 * `❯ file:line:col`; ` FAIL  file [ file ]` when a whole file failed to load; and the errors of
 * its "Unhandled Errors" section.
 */



/** A project's name comes first in a workspace: `|unit|`, or (Vitest 3) a label such as `unit (chromium)`. */
const PROJECT = String.raw `(?:\|[^|]+\|\s+|\S.*?\s{2,})?`;
const vitest_HEADER = new RegExp(String.raw `^\s*FAIL\s+${PROJECT}(\S+) > (.+?)(?: \[[^\]]*\])?$`);
const FILE_HEADER = new RegExp(String.raw `^\s*FAIL\s+${PROJECT}(\S+) \[ (\S+) \]$`);
const vitest_LOCATION = /^\s*❯ (.+?):(\d+):(\d+)$/;
const vitest_UNHANDLED = /⎯ Unhandled (?:Errors?|Rejection) ⎯/;
function vitestBlocks(emit) {
    let current = null;
    /** Failures listed together before the one error they share (Vitest groups identical errors). */
    let waiting = [];
    let unhandled = false;
    const flush = () => {
        if (!current)
            return;
        for (const failure of [...waiting, current]) {
            emit((0,finding/* finding */.gk)({
                tool: 'vitest',
                file: failure.file || null,
                line: current.line !== null && failure.file === current.file ? current.line : failure.line,
                column: current.column !== null && failure.file === current.file ? current.column : failure.column,
                rule: failure.name,
                message: current.message ?? 'test failed',
                excerpt: [...failure.lines, ...(failure === current ? [] : current.lines.slice(1))]
                    .join('\n')
                    .trimEnd()
            }));
        }
        waiting = [];
        current = null;
    };
    return {
        line(text) {
            if (text.includes('FAIL')) {
                const header = vitest_HEADER.exec(text);
                const whole = header ? null : FILE_HEADER.exec(text);
                if (header || whole) {
                    // A heading right under another one shares the error printed after the last of them.
                    if (current && current.message === null && current.lines.length === 1)
                        waiting.push(current);
                    else
                        flush();
                    current = null;
                    unhandled = false;
                    current = header
                        ? {
                            file: header[1],
                            name: header[2],
                            message: null,
                            lines: [text],
                            line: null,
                            column: null
                        }
                        : {
                            file: whole?.[1],
                            name: 'file failed to load',
                            message: null,
                            lines: [text],
                            line: null,
                            column: null
                        };
                    return true;
                }
            }
            if (text.includes('⎯')) {
                flush();
                unhandled = vitest_UNHANDLED.test(text);
                return true;
            }
            if (/^\s*Test Files /.test(text)) {
                flush();
                unhandled = false;
                return true;
            }
            if (unhandled && current === null && /^\s*\w*(?:Error|Exception|Rejection)\b/.test(text)) {
                current = {
                    file: '',
                    name: 'unhandled error',
                    message: text.trim(),
                    lines: [text],
                    line: null,
                    column: null
                };
                return true;
            }
            if (!current)
                return false;
            if (current.lines.length < MAX_BLOCK_LINES)
                current.lines.push(text);
            const at = vitest_LOCATION.exec(text);
            if (at && current.line === null) {
                const file = at[1];
                // The first `❯` in the test's own file is the place; an unhandled error takes the first.
                if (current.file === '' || file.endsWith(current.file) || current.file.endsWith(file)) {
                    if (current.file === '')
                        current.file = file;
                    current.line = (0,line_parser/* int */.Wh)(at[2]);
                    current.column = (0,line_parser/* int */.Wh)(at[3]);
                }
            }
            else if (!at && current.message === null && text.trim() !== '')
                current.message = text.trim();
            return true;
        },
        // The scanner decodes the header and the `❯` line separately: a gap does not end the failure.
        gap() { },
        end: flush
    };
}
const vitest = { name: 'vitest', tools: ['vitest'], block: vitestBlocks };

;// CONCATENATED MODULE: ./lib/findings/tools/workspaces.js
/**
 * Workspace task runners' own words on a failed task: turbo's `ERROR: command finished with error`
 * and `Failed: web#build` (closing words: the task's output says what failed), and nx's and
 * Lerna's `✖  project:target` with the task's output indented under it (a failed task quoted with
 * the first line of its output, which stands when no other parser reads that output).
 */


const NX_FAILED = /^(\s*)✖\s+(@?[\w./-]+:[\w:-]+)\s*$/;
const TURBO_ERROR = /^(?:ERROR: command finished with error|\s*ERROR\s+run failed): (.*)$/;
const TURBO_FAILED = /^Failed:\s+(\S+)$/;
function tasks(emit) {
    let nx = null;
    const flush = () => {
        if (!nx)
            return;
        const message = nx.error ?? nx.first;
        if (message)
            emit((0,finding/* finding */.gk)({ tool: 'nx', rule: nx.task, message, excerpt: nx.lines.join('\n') }), line_parser/* CAUSE */.uA);
        nx = null;
    };
    return {
        line(text) {
            if (nx) {
                const indent = text.length - text.trimStart().length;
                if (text.trim() === '')
                    return false;
                if (indent > nx.indent) {
                    const inner = text.trim();
                    if (nx.lines.length < 20)
                        nx.lines.push(text);
                    nx.first ??= inner;
                    if (nx.error === null &&
                        /\b(?:error|Error|ERROR|failed|Failed|FAIL|Cannot|cannot|not found)\b/.test(inner))
                        nx.error = inner;
                    // The task's output is also every other parser's to read.
                    return false;
                }
                flush();
            }
            if (text.includes('✖')) {
                const failed = NX_FAILED.exec(text);
                if (failed) {
                    flush();
                    nx = {
                        task: failed[2],
                        indent: failed[1].length,
                        lines: [text],
                        first: null,
                        error: null
                    };
                    return true;
                }
            }
            if (text.includes('ERROR')) {
                const turbo = TURBO_ERROR.exec(text);
                if (turbo) {
                    emit((0,finding/* finding */.gk)({ tool: 'turbo', rule: 'task', message: text.trim(), excerpt: text }), line_parser/* SUMMARY */.$M);
                    return true;
                }
            }
            if (text.startsWith('Failed:')) {
                const failed = TURBO_FAILED.exec(text);
                if (failed) {
                    emit((0,finding/* finding */.gk)({
                        tool: 'turbo',
                        rule: failed[1].replace(/\[?#/, ':').replace(/\]$/, ''),
                        message: text.trim(),
                        excerpt: text
                    }), line_parser/* SUMMARY */.$M);
                    return true;
                }
            }
            return false;
        },
        gap: flush,
        end: flush
    };
}
const workspaces = { name: 'workspaces', tools: ['nx', 'turbo'], block: tasks };

;// CONCATENATED MODULE: ./lib/findings/tools/registry.js
/**
 * Every tool parser, in the order a line is offered to them: test runners and other block parsers
 * whose blocks contain lines that look like other tools' (a jest failure quotes a stack, a pytest
 * section quotes a traceback) come first; the generic shapes come last.
 */
































const TOOL_PARSERS = [
    workspaces,
    jest,
    vitest,
    nodeTest,
    pytest,
    python,
    go,
    golangci,
    cargo,
    java,
    dotnet,
    php,
    biome,
    eslint,
    ruff,
    pylint,
    mypy,
    black,
    prettier,
    // Inside a Next.js build's errors only; before Terraform, which reads any `Error: ` as its own.
    next,
    shellcheck,
    terraform,
    docker,
    lighthouse,
    nodeInstall,
    node,
    pythonInstall,
    c.c,
    rubocop,
    tsc,
    githubScript,
    generic
];
/** The parser named `name`, or undefined. */
function toolParser(name) {
    return TOOL_PARSERS.find(parser => parser.name === name);
}
/** The parsers whose findings carry `tool` (`clang` is read as gcc, `go-test` by go). */
function parsersOfTool(tool) {
    return TOOL_PARSERS.filter(parser => parser.name === tool || parser.tools.includes(tool));
}
/** Tools that fail a run on every finding they print, whatever its severity. */
const FAIL_ON_EVERY_FINDING = new Set(TOOL_PARSERS.flatMap(parser => parser.failOnEveryFinding ?? []));


/***/ }),

/***/ 5758:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HH: () => (/* binding */ trailingBracketRule),
/* harmony export */   M3: () => (/* binding */ parenFinding),
/* harmony export */   RA: () => (/* binding */ isPathLike),
/* harmony export */   bn: () => (/* binding */ trailingParenRule),
/* harmony export */   ck: () => (/* binding */ parseParenLocated),
/* harmony export */   gS: () => (/* binding */ letterSeverity)
/* harmony export */ });
/* unused harmony export stripProject */
/* harmony import */ var _finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6939);
/* harmony import */ var _log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8493);
/**
 * Line shapes several tools share, so that each is written once: the MSBuild/Visual Studio form
 * `path(line[,col]): error CODE: message` (tsc, MSVC, dotnet, fsc), the trailing-rule forms
 * `message [rule]` and `message (rule)`, and recognising a path.
 */


/** `path(line[,col[,endLine,endCol]]): severity CODE: message`, with MSBuild's optional space before the colon. */
const PAREN_LOCATED = /^(.+?)\((\d+)(?:,(\d+))?(?:,\d+,\d+)?\)\s?:\s+(fatal error|error|warning|info|message)\s+([A-Za-z]{1,8}\d{2,6})\s?:\s*(.*)$/;
/** `path : error CODE: message` (MSBuild without a line: NuGet, MSB, linker). */
const PAREN_UNLOCATED = /^(.+?)\s:\s(fatal error|error|warning)\s+([A-Za-z]{1,8}\d{2,6})\s?:\s*(.*)$/;
/** MSBuild repeats the project at the end of a line: ` [/home/runner/work/R/R/src/App/App.csproj]`. */
const PROJECT_SUFFIX = /\s+\[[^\]]+\.(?:csproj|vbproj|fsproj|vcxproj|proj|sln|props|targets)(?:::[^\]]*)?\]$/;
/** The finding of an MSBuild-style line read by {@link parseParenLocated}, for `tool`. */
function parenFinding(tool, paren, text) {
    return (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
        tool,
        file: paren.file,
        line: paren.line,
        column: paren.column,
        severity: (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(paren.severity),
        rule: paren.code,
        message: paren.message,
        excerpt: text
    });
}
/**
 * The severity of a linter's one-letter category (Pylint's and RuboCop's C, R, W, E, F, I).
 * Conventions and refactorings fail a run as much as warnings do, so they are warnings.
 */
function letterSeverity(letter) {
    if (letter === 'E' || letter === 'F')
        return 'error';
    if (letter === 'I')
        return 'note';
    return 'warning';
}
/** The parts of an MSBuild-style line (`a.ts(3,5): error TS2304: …`), or null. */
function parseParenLocated(text) {
    // tsc, MSVC and .NET each ask about the same line: the last answer is kept.
    if (text === last.text)
        return last.result;
    last.text = text;
    last.result = readParenLocated(text);
    return last.result;
}
const last = { text: null, result: null };
function readParenLocated(text) {
    if (!text.includes('): ') && !text.includes(') : '))
        return parseUnlocated(text);
    const match = PAREN_LOCATED.exec(text);
    if (!match)
        return null;
    return {
        file: match[1].trim(),
        line: (0,_log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Wh)(match[2]),
        column: (0,_log_line_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Wh)(match[3]),
        severity: match[4],
        code: match[5],
        message: stripProject(match[6])
    };
}
function parseUnlocated(text) {
    if (!text.includes(' : '))
        return null;
    const match = PAREN_UNLOCATED.exec(text);
    if (!match)
        return null;
    return {
        file: match[1].trim(),
        line: null,
        column: null,
        severity: match[2],
        code: match[3],
        message: stripProject(match[4])
    };
}
/** A message without MSBuild's trailing ` [project]`. */
function stripProject(message) {
    return message.replace(PROJECT_SUFFIX, '').trimEnd();
}
const TRAILING_BRACKET = /\s+\[([^[\]\s]+)\]$/;
const TRAILING_PAREN = /\s+\(([A-Za-z][\w./:@-]*)\)$/;
/** `message [rule]` → [message, rule]; the rule is null when there is none. */
function trailingBracketRule(message) {
    const match = TRAILING_BRACKET.exec(message);
    return match ? [message.slice(0, match.index), match[1]] : [message, null];
}
/** `message (rule-name)` → [message, rule]: an identifier in parentheses, not prose. */
function trailingParenRule(message) {
    const match = TRAILING_PAREN.exec(message);
    if (!match)
        return [message, null];
    const rule = match[1];
    // `(see above)`, `(x2)`: words or counts, not rule ids. Rule ids carry a separator or a case change.
    if (!/[-_/:.]/.test(rule) && !/[a-z][A-Z]/.test(rule) && !/\d/.test(rule))
        return [message, null];
    return [message.slice(0, match.index), rule];
}
/** True when `text` looks like a file path: no spaces, an extension or a directory part. */
function isPathLike(text) {
    return text.length > 0 && !/\s/.test(text) && /[\\/]|\.\w{1,10}$/.test(text) && !/^\d/.test(text);
}


/***/ }),

/***/ 6726:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ createToolChain),
/* harmony export */   V: () => (/* binding */ splitLocated)
/* harmony export */ });
/** `path:line[:col]: rest`, with go vet's `vet: ` prefix; paths may hold spaces but not start or end with one. */
const LOCATED = /^(?:vet: )?(\S(?:.*?\S)?):(\d+):(?:(\d+):?)? (.*)$/;
const GREP_LINE_NUMBER = /^\d+[:-](?=[/.\w])/;
/** The location and the rest of a `path:line[:col]: rest` line, or null. */
function splitLocated(text) {
    const match = LOCATED.exec(text);
    if (!match)
        return null;
    // `grep -n` prints its own line number before what it found: `50:src/x.c:344:9: error: …`.
    const file = match[1].replace(GREP_LINE_NUMBER, '');
    // `12:30:05 INFO …`, `Time: 3:05 …`: a clock or a word is not a path.
    if (!/[./\\]/.test(file) || /^\d+$/.test(file))
        return null;
    return {
        at: { file, line: Number(match[2]), column: match[3] === undefined ? null : Number(match[3]) },
        rest: match[4]
    };
}
/**
 * The parsers as one {@link LineParser}: a line goes to the block parsers in order, then to the
 * one-line forms, then, split once, to the located forms; the first that takes it wins.
 */
function createToolChain(parsers, emit) {
    const named = parsers.flatMap(parser => parser.block ? [{ name: parser.name, block: parser.block(emit) }] : []);
    const blocks = named.map(({ block }) => block);
    const lines = parsers.flatMap(parser => (parser.line ? [parser.line] : []));
    const located = parsers.flatMap(parser => (parser.located ? [parser.located] : []));
    return {
        line(text) {
            for (const block of blocks)
                if (block.line(text))
                    return true;
            // One-line forms may be indented (pyright, a nested build's output): read them unindented.
            const line = text.charCodeAt(0) === 32 || text.charCodeAt(0) === 9 ? text.trimStart() : text;
            if (line.length < 5)
                return false;
            for (const parse of lines) {
                const found = parse(line);
                if (found) {
                    emit(found);
                    return true;
                }
            }
            const split = splitLocated(line);
            if (!split)
                return false;
            for (const parse of located) {
                const found = parse(split.at, split.rest, line);
                if (found) {
                    emit(found);
                    return true;
                }
            }
            return false;
        },
        gap() {
            for (const block of blocks)
                block.gap();
        },
        end() {
            for (const block of blocks)
                block.end();
        },
        idle(tool) {
            // Unnamed: idle when every block parser says so.
            return named.every(({ name, block }) => (tool !== undefined && name !== tool) || block.idle?.() === true);
        }
    };
}


/***/ })

};
