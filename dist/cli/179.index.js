export const id = 179;
export const ids = [179];
export const modules = {

/***/ 1179:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FINDINGS_HELP: () => (/* binding */ FINDINGS_HELP),
/* harmony export */   findingsCommand: () => (/* binding */ findingsCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6939);
/* harmony import */ var _findings_log_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1927);
/* harmony import */ var _findings_report_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8309);
/* harmony import */ var _findings_formats_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6674);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9661);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8908);
/**
 * `ccal findings <file> [--format auto|NAME] [--all] [--json]`: the normalized findings of any
 * supported log, report or coverage file, with the format recognised from the content. Logs and
 * tool output stream through the scanner and their findings are printed as they are found, so a
 * log of any size is read in bounded memory; reports and coverage are read whole.
 */








/** Bytes of the file's start that tell its format. */
const HEAD_BYTES = 64 * 1024;
/** Output is written in pieces of about this many characters: one write per line cost more than the parse. */
const FLUSH_CHARS = 64 * 1024;
const FINDINGS_HELP = [
    'Usage: ccal findings <file> [--format auto|NAME] [--all] [--json]',
    '',
    'Prints the normalized findings {tool, file, line, column, rule, severity, message, excerpt} of a',
    'log, lint report or coverage report. The format is recognised from the content unless named.',
    "Of a CI log it prints what failed: the failed steps' errors (their warnings when they have no",
    'error); --all prints every finding, warnings and passing steps too. Logs are printed in the',
    'order they are found, reports sorted by place.',
    '',
    `Reports:  ${_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .REPORT_FORMATS */ .EL.join(', ')}`,
    `Coverage: ${_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .COVERAGE_FORMATS */ .Oo.join(', ')}`,
    `Text:     ${_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .TEXT_FORMATS */ .fR.join(', ')}`,
    '',
    '  --format NAME  parse as NAME instead of recognising the format (default auto)',
    '  --all          every finding of a log, not only what failed',
    '  --json         print {"format": …, "findings": […]}'
].join('\n');
function location(finding) {
    if (!finding.file)
        return '-';
    return [finding.file, finding.line, finding.column].filter(part => part !== null).join(':');
}
function formatLine(finding) {
    const rule = finding.rule ? `  [${finding.rule}]` : '';
    return `${location(finding)}  ${finding.severity}  ${finding.message}${rule}  (${finding.tool})`;
}
/** The first bytes of the file, whole lines only when there is more, and whether that is all of it. */
async function readHead(path) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(HEAD_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead <= HEAD_BYTES)
            return { text: buffer.toString('utf8', 0, bytesRead), whole: true };
        const text = buffer.toString('utf8', 0, HEAD_BYTES);
        // A one-line report (ESLint's JSON, minified SARIF) keeps its start: that is what tells it apart.
        const lineEnd = text.lastIndexOf('\n');
        return { text: lineEnd < 0 ? text : text.slice(0, lineEnd + 1), whole: false };
    }
    finally {
        await handle.close();
    }
}
/** The format `--format` names, or the one the file's start shows; null for a report to read whole. */
async function textFormatOf(path, shown, format) {
    if (format !== 'auto')
        return (0,_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .isTextFormat */ .Z2)(format) ? format : null;
    const head = await readHead(path);
    const start = head.text.trimStart();
    // JSON and XML are reports: the head alone may not parse.
    if (start.startsWith('{') || start.startsWith('[') || start.startsWith('<'))
        return null;
    const detected = (0,_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .detectFormat */ .Tz)(head.text, shown);
    return detected !== null && (0,_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .isTextFormat */ .Z2)(detected) ? detected : null;
}
/** Lines written in pieces, so that a log with 300,000 findings does not take 300,000 writes. */
function batchedOutput(io) {
    let pending = '';
    return {
        line(text) {
            pending = pending === '' ? text : `${pending}\n${text}`;
            if (pending.length >= FLUSH_CHARS)
                this.flush();
        },
        flush() {
            if (pending !== '')
                io.stdout(pending);
            pending = '';
        }
    };
}
/** What the command prints, whether the findings come one by one or all at once. */
function printer(io, json) {
    const out = batchedOutput(io);
    let count = 0;
    /** The last finding's JSON, printed once it is known whether a comma follows it. */
    let held = null;
    return {
        get count() {
            return count;
        },
        /** The output's start, once the format is known. */
        begin(format) {
            if (json)
                out.line(`{\n  "format": ${JSON.stringify(format)},\n  "findings": [`);
        },
        finding(found) {
            count++;
            if (!json)
                return out.line(formatLine(found));
            if (held !== null)
                out.line(`${held},`);
            held = `    ${JSON.stringify(found)}`;
        },
        finish(format) {
            if (held !== null)
                out.line(held);
            if (json)
                out.line('  ]\n}');
            else
                out.line(`${count} finding${count === 1 ? '' : 's'} (${format})`);
            out.flush();
        }
    };
}
/** Streams a text log through the scanner, printing each finding as it is found. */
async function printLog(path, format, all, auto, io, json) {
    const print = printer(io, json);
    // Nothing is printed before the first finding: plain text without any is an error, not an empty list.
    await (0,_findings_log_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .readLogFile */ .jQ)(path, {
        ...(0,_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .textOptions */ .aW)(format, { every: all }),
        onFinding: found => {
            if (print.count === 0)
                print.begin(format);
            print.finding(found);
        }
    });
    if (print.count === 0) {
        if (auto && format === 'text' && !(await isBlank(path)))
            throw new _findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .UnsupportedInputError */ .aH('no output of a supported tool found', 'auto');
        print.begin(format);
    }
    print.finish(format);
}
async function isBlank(path) {
    const head = await readHead(path);
    return head.whole && head.text.trim() === '';
}
/** Reads a report or coverage file whole and prints its findings sorted by place. */
async function printReport(path, shown, format, all, io, json) {
    // The report parsers (and zod, which checks reports) load only for a report.
    const { parseAnyInput } = await Promise.all(/* import() */[__webpack_require__.e(921), __webpack_require__.e(415)]).then(__webpack_require__.bind(__webpack_require__, 415));
    const parsed = parseAnyInput(await (0,_findings_report_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readReportText */ .Kq)(path, shown), format, shown, { every: all });
    const print = printer(io, json);
    print.begin(parsed.format);
    for (const found of [...parsed.findings].sort(_findings_finding_js__WEBPACK_IMPORTED_MODULE_2__/* .compareFindings */ .Eg))
        print.finding(found);
    print.finish(parsed.format);
}
/** `ccal findings`. */
const findingsCommand = async (args, io) => {
    const { values, positionals } = (0,_io_js__WEBPACK_IMPORTED_MODULE_7__/* .parseCommandArgs */ .Q)('findings', args, {
        format: { type: 'string', default: 'auto' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
    });
    if (values.help) {
        io.stdout(FINDINGS_HELP);
        return 0;
    }
    if (positionals.length !== 1) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal findings: expected one file, found ${positionals.length}. Run 'ccal findings --help' for usage.`);
    }
    const shown = positionals[0];
    const format = values.format;
    if (format !== 'auto' && !(0,_findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .isInputFormat */ .aY)(format)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb(`ccal findings: unknown format '${format}'. Formats: auto, ${[..._findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .REPORT_FORMATS */ .EL, ..._findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .COVERAGE_FORMATS */ .Oo, ..._findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .TEXT_FORMATS */ .fR].join(', ')}.`);
    }
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(io.cwd, shown);
    try {
        const text = await textFormatOf(path, shown, format);
        if (text === null)
            await printReport(path, shown, format, values.all, io, values.json);
        else
            await printLog(path, text, values.all, format === 'auto', io, values.json);
    }
    catch (error) {
        if (error instanceof _findings_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .UnsupportedInputError */ .aH) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CcalError */ .WK(`ccal findings: ${shown}: ${error.message} (format tried: ${error.format})`, {
                cause: error
            });
        }
        const code = error.code;
        if (typeof code === 'string')
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .CcalError */ .WK(`ccal findings: cannot read ${shown}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`, { cause: error });
        throw error;
    }
    return 0;
};


/***/ })

};
