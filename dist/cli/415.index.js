export const id = 415;
export const ids = [415];
export const modules = {

/***/ 415:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C4: () => (/* reexport safe */ _formats_js__WEBPACK_IMPORTED_MODULE_1__.C4),
/* harmony export */   Tz: () => (/* reexport safe */ _formats_js__WEBPACK_IMPORTED_MODULE_1__.Tz),
/* harmony export */   aH: () => (/* reexport safe */ _formats_js__WEBPACK_IMPORTED_MODULE_1__.aH),
/* harmony export */   go: () => (/* binding */ parseCoverage),
/* harmony export */   parseAnyInput: () => (/* binding */ parseAnyInput)
/* harmony export */ });
/* unused harmony exports coverageFindings, parseInput */
/* harmony import */ var _finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6939);
/* harmony import */ var _formats_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6674);
/* harmony import */ var _log_log_parser_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2573);
/* harmony import */ var _reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2102);
/* harmony import */ var _reports_reports_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(277);
/* harmony import */ var _reports_xml_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(391);
/**
 * Parses any supported input format into findings (format names and recognition are in
 * formats.ts, re-exported here). `ccal findings` and the lint and coverage sources go through here.
 */







/** Coverage as findings: one per file, naming the uncovered line ranges (for `ccal findings`). */
function coverageFindings(files) {
    return files.map(file => (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
        tool: 'coverage',
        file: file.file,
        line: file.uncovered[0] ?? null,
        rule: 'line-coverage',
        severity: 'note',
        message: `${(0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .percent */ .KN)(file).toFixed(1)}% of lines covered (${file.covered}/${file.lines})` +
            (file.uncovered.length > 0 ? `; uncovered lines ${(0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .lineRanges */ .nV)(file.uncovered)}` : '')
    }));
}
/** Parses a coverage report of a known format. */
function parseCoverage(text, format) {
    switch (format) {
        case 'lcov':
            return (0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .parseLcov */ .gD)(text);
        case 'cobertura':
            return (0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCobertura */ .vt)(text);
        case 'go-coverprofile':
            return (0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .parseGoCoverprofile */ .GD)(text);
        case 'istanbul':
        case 'istanbul-summary': {
            let value;
            try {
                value = JSON.parse(text);
            }
            catch (error) {
                throw new _reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .ReportFormatError */ .Qs(`not valid JSON for ${format}: ${error instanceof Error ? error.message : String(error)}`);
            }
            return format === 'istanbul' ? (0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .parseIstanbulFinal */ .Cx)(value) : (0,_reports_coverage_js__WEBPACK_IMPORTED_MODULE_3__/* .parseIstanbulSummary */ .o8)(value);
        }
    }
}
/** Parses `text` as `format` (a report, a coverage report, or tool/log text) into findings. */
function parseInput(text, format, options = {}) {
    switch (format) {
        case 'sarif':
            return (0,_reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSarif */ .r1)(text);
        case 'eslint-json':
            return (0,_reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEslintJson */ .hl)(text);
        case 'ruff-json':
            return (0,_reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRuffJson */ .lT)(text);
        case 'rubocop-json':
            return (0,_reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRubocopJson */ .GP)(text);
        case 'golangci-json':
            return (0,_reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .parseGolangciJson */ .oj)(text);
        case 'checkstyle':
            return (0,_reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCheckstyle */ .du)(text);
        case 'lcov':
        case 'cobertura':
        case 'istanbul':
        case 'istanbul-summary':
        case 'go-coverprofile':
            return coverageFindings(parseCoverage(text, format));
        default:
            return (0,_log_log_parser_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLogText */ .XH)(text, (0,_formats_js__WEBPACK_IMPORTED_MODULE_1__/* .textOptions */ .aW)(format, options));
    }
}
/**
 * Detects (when `format` is `auto`) and parses. Throws {@link UnsupportedInputError} naming the format
 * tried when the input is unknown, malformed, or plain text in which no supported tool's output appears.
 */
function parseAnyInput(text, format, name = '', options = {}) {
    const chosen = format === 'auto' ? (0,_formats_js__WEBPACK_IMPORTED_MODULE_1__/* .detectFormat */ .Tz)(text, name) : format;
    if (chosen === null)
        throw new _formats_js__WEBPACK_IMPORTED_MODULE_1__/* .UnsupportedInputError */ .aH('not a supported format', 'auto');
    let findings;
    try {
        findings = parseInput(text, chosen, options);
    }
    catch (error) {
        if (error instanceof _reports_reports_js__WEBPACK_IMPORTED_MODULE_4__/* .ReportFormatError */ .Qs)
            throw new _formats_js__WEBPACK_IMPORTED_MODULE_1__/* .UnsupportedInputError */ .aH(error.message, chosen);
        if (error instanceof _reports_xml_js__WEBPACK_IMPORTED_MODULE_5__/* .XmlSyntaxError */ .R_)
            throw new _formats_js__WEBPACK_IMPORTED_MODULE_1__/* .UnsupportedInputError */ .aH(`malformed XML (${error.message})`, chosen);
        throw error;
    }
    if (format === 'auto' && chosen === 'text' && findings.length === 0 && text.trim() !== '') {
        throw new _formats_js__WEBPACK_IMPORTED_MODULE_1__/* .UnsupportedInputError */ .aH('no output of a supported tool found', 'auto');
    }
    return { format: chosen, findings };
}


/***/ }),

/***/ 2102:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cx: () => (/* binding */ parseIstanbulFinal),
/* harmony export */   GD: () => (/* binding */ parseGoCoverprofile),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   gD: () => (/* binding */ parseLcov),
/* harmony export */   nV: () => (/* binding */ lineRanges),
/* harmony export */   o8: () => (/* binding */ parseIstanbulSummary),
/* harmony export */   vt: () => (/* binding */ parseCobertura)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6921);
/* harmony import */ var _reports_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(277);
/* harmony import */ var _xml_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(391);
/**
 * Coverage reports: lcov, Cobertura XML, Istanbul coverage-final.json and coverage-summary.json,
 * Go coverprofile. Each yields per-file line coverage with the uncovered line numbers (when the
 * format has them: a summary only has totals).
 */



/** Coverage percentage (0–100) of a file; a file with no executable lines counts as fully covered. */
function percent(coverage) {
    return coverage.lines === 0 ? 100 : (coverage.covered / coverage.lines) * 100;
}
/** `[3,4,5,9]` → `"3-5, 9"`: the uncovered ranges as a prompt names them. */
function lineRanges(lines) {
    const parts = [];
    let start = null;
    let previous = 0;
    for (const line of lines) {
        if (start !== null && line === previous + 1) {
            previous = line;
            continue;
        }
        if (start !== null)
            parts.push(start === previous ? `${start}` : `${start}-${previous}`);
        start = line;
        previous = line;
    }
    if (start !== null)
        parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    return parts.join(', ');
}
function fromHits(file, hits) {
    const lines = [...hits.keys()].sort((a, b) => a - b);
    const uncovered = lines.filter(line => (hits.get(line) ?? 0) === 0);
    return { file, lines: lines.length, covered: lines.length - uncovered.length, uncovered };
}
/** lcov tracefiles: `SF:` … `DA:line,hits` … `end_of_record`. */
function parseLcov(text) {
    const files = [];
    let file = null;
    let hits = new Map();
    let sawRecord = false;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line.startsWith('SF:')) {
            file = line.slice(3);
            hits = new Map();
            sawRecord = true;
        }
        else if (line.startsWith('DA:') && file !== null) {
            const [lineNumber, count] = line.slice(3).split(',');
            const number = Number.parseInt(lineNumber ?? '', 10);
            if (Number.isFinite(number))
                hits.set(number, Math.max(hits.get(number) ?? 0, Number.parseInt(count ?? '0', 10) || 0));
        }
        else if (line === 'end_of_record' && file !== null) {
            files.push(fromHits(file, hits));
            file = null;
        }
    }
    if (!sawRecord)
        throw new _reports_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportFormatError */ .Qs('not an lcov report: no SF: record');
    return files;
}
/** Cobertura XML: `<class filename>` with `<lines><line number hits>`; paths joined to the first `<source>` when relative. */
function parseCobertura(text) {
    const byFile = new Map();
    let file = null;
    let classDepth = -1;
    let inMethods = -1;
    let sawRoot = false;
    for (const element of (0,_xml_js__WEBPACK_IMPORTED_MODULE_1__/* .xmlElements */ .LO)(text)) {
        if (element.name === 'coverage')
            sawRoot = true;
        if (classDepth >= 0 && element.depth <= classDepth) {
            file = null;
            classDepth = -1;
        }
        if (inMethods >= 0 && element.depth <= inMethods)
            inMethods = -1;
        if (element.name === 'class') {
            file = element.attributes.filename ?? null;
            classDepth = element.depth;
            if (file !== null && !byFile.has(file))
                byFile.set(file, new Map());
        }
        else if (element.name === 'methods') {
            inMethods = element.depth;
        }
        else if (element.name === 'line' && file !== null && inMethods < 0) {
            const number = Number.parseInt(element.attributes.number ?? '', 10);
            const hits = Number.parseInt(element.attributes.hits ?? '0', 10) || 0;
            const map = byFile.get(file);
            if (Number.isFinite(number))
                map.set(number, Math.max(map.get(number) ?? 0, hits));
        }
    }
    if (!sawRoot)
        throw new _reports_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportFormatError */ .Qs('not a Cobertura report: no <coverage> element');
    return [...byFile].map(([name, hits]) => fromHits(name, hits));
}
const Position = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ line: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig() });
const IstanbulFileSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    statementMap: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ start: Position, end: Position })),
    s: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig())
});
const IstanbulFinalSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), IstanbulFileSchema);
/** Istanbul coverage-final.json: a line is covered when every statement starting on it ran. */
function parseIstanbulFinal(value) {
    const parsed = IstanbulFinalSchema.safeParse(value);
    if (!parsed.success)
        throw new _reports_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportFormatError */ .Qs('not an Istanbul coverage-final.json: expected {file: {path, statementMap, s}}');
    return Object.values(parsed.data).map(file => {
        const hits = new Map();
        for (const [id, location] of Object.entries(file.statementMap)) {
            const count = file.s[id] ?? 0;
            const line = location.start.line;
            hits.set(line, hits.has(line) ? Math.min(hits.get(line), count) : count);
        }
        return fromHits(file.path, hits);
    });
}
const IstanbulSummarySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ lines: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ total: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(), covered: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig() }) }));
/** Istanbul coverage-summary.json: totals only (no line numbers). */
function parseIstanbulSummary(value) {
    const parsed = IstanbulSummarySchema.safeParse(value);
    if (!parsed.success || !('total' in parsed.data))
        throw new _reports_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportFormatError */ .Qs('not an Istanbul coverage-summary.json: expected {total: {lines}, file: {lines}}');
    return Object.entries(parsed.data)
        .filter(([file]) => file !== 'total')
        .map(([file, summary]) => ({
        file,
        lines: summary.lines.total,
        covered: summary.lines.covered,
        uncovered: []
    }));
}
const GO_BLOCK = /^(.+):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/;
/** Go coverprofile (`go test -coverprofile`): blocks `file:l1.c1,l2.c2 statements count`, counted per line. */
function parseGoCoverprofile(text) {
    const lines = text.split(/\r?\n/);
    if (!/^mode: (set|count|atomic)\s*$/.test(lines[0] ?? ''))
        throw new _reports_js__WEBPACK_IMPORTED_MODULE_0__/* .ReportFormatError */ .Qs('not a Go coverprofile: first line must be "mode: set|count|atomic"');
    const byFile = new Map();
    for (const line of lines.slice(1)) {
        const match = GO_BLOCK.exec(line.trim());
        if (!match)
            continue;
        const file = match[1];
        const map = byFile.get(file) ?? new Map();
        byFile.set(file, map);
        const count = Number(match[5]);
        for (let number = Number(match[2]); number <= Number(match[3]); number++) {
            // Overlapping blocks (an `if` inside a function): a line counts as run when any block on it ran.
            map.set(number, Math.max(map.get(number) ?? 0, count));
        }
    }
    return [...byFile].map(([file, hits]) => fromHits(file, hits));
}


/***/ }),

/***/ 277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GP: () => (/* binding */ parseRubocopJson),
/* harmony export */   Qs: () => (/* binding */ ReportFormatError),
/* harmony export */   du: () => (/* binding */ parseCheckstyle),
/* harmony export */   hl: () => (/* binding */ parseEslintJson),
/* harmony export */   lT: () => (/* binding */ parseRuffJson),
/* harmony export */   oj: () => (/* binding */ parseGolangciJson),
/* harmony export */   r1: () => (/* binding */ parseSarif)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6921);
/* harmony import */ var _finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6939);
/* harmony import */ var _xml_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(391);
/**
 * Structured lint reports: SARIF 2.1.0, ESLint JSON, Ruff JSON, RuboCop JSON, golangci-lint JSON
 * and Checkstyle XML. Each takes the report's text, validates the parts it reads with zod (a report
 * of the wrong shape is an error that names the format), and returns findings.
 */



/** A report that is not what its format promises: the message says what was wrong, not a stack. */
class ReportFormatError extends Error {
}
function parseJson(text, format) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new ReportFormatError(`not valid JSON for ${format}: ${error instanceof Error ? error.message : String(error)}`);
    }
}
function validate(schema, value, format) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the document';
    throw new ReportFormatError(`not a ${format} report: ${where}: ${issue?.message ?? 'unexpected shape'}`);
}
/** `file:///a/b.ts` → `/a/b.ts`; relative URIs stay as they are. */
function uriToPath(uri) {
    if (!uri)
        return null;
    if (uri.startsWith('file://'))
        return decodeURIComponent(uri.slice('file://'.length));
    return decodeURIComponent(uri);
}
const SarifMessage = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    text: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    markdown: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional()
});
const SarifRegion = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ startLine: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(), startColumn: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional() });
const SarifLocation = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    physicalLocation: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
        artifactLocation: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
            uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            uriBaseId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            index: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional()
        })
            .optional(),
        region: SarifRegion.optional()
    })
        .optional()
});
const SarifRule = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    shortDescription: SarifMessage.optional(),
    messageStrings: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), SarifMessage).optional(),
    defaultConfiguration: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ level: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }).optional()
});
const SarifSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    runs: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
        tool: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
            driver: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), rules: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(SarifRule).optional() }),
            extensions: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), rules: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(SarifRule).optional() }))
                .optional()
        }),
        originalUriBaseIds: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() })).optional(),
        artifacts: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ location: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }).optional() }))
            .optional(),
        results: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
            ruleId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            ruleIndex: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
            rule: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(), index: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional() }).optional(),
            level: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            message: SarifMessage,
            locations: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(SarifLocation).optional(),
            suppressions: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(), status: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }))
                .optional(),
            baselineState: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional()
        }))
            .nullable()
            .optional()
    }))
});
/** SARIF level → severity; `none` and non-fail kinds are notes. */
function sarifSeverity(level) {
    if (level === 'error')
        return 'error';
    if (level === 'warning' || level === undefined)
        return 'warning';
    return 'note';
}
/** Fills `{0}`-style placeholders of a SARIF message string. */
function formatMessage(template, args) {
    return template.replace(/\{(\d+)\}/g, (whole, index) => args[Number(index)] ?? whole);
}
/**
 * SARIF 2.1.0: one finding per result. Suppressed results (an accepted suppression: in source or
 * external, unless its status is `rejected` or `underReview`) and results in the `absent` baseline
 * state (already fixed) are left out.
 */
function parseSarif(text) {
    const log = validate(SarifSchema, parseJson(text, 'SARIF'), 'SARIF');
    const findings = [];
    for (const run of log.runs) {
        const tool = run.tool.driver.name;
        const rules = [
            ...(run.tool.driver.rules ?? []),
            ...(run.tool.extensions ?? []).flatMap(extension => extension.rules ?? [])
        ];
        for (const result of run.results ?? []) {
            const suppressed = (result.suppressions ?? []).some(suppression => suppression.status !== 'rejected' && suppression.status !== 'underReview');
            if (suppressed || result.baselineState === 'absent')
                continue;
            const ruleIndex = result.ruleIndex ?? result.rule?.index;
            const rule = ruleIndex !== undefined
                ? rules[ruleIndex]
                : rules.find(candidate => candidate.id === (result.ruleId ?? result.rule?.id));
            const ruleId = result.ruleId ?? result.rule?.id ?? rule?.id ?? null;
            const physical = result.locations?.[0]?.physicalLocation;
            const artifact = physical?.artifactLocation;
            let uri = artifact?.uri ??
                (artifact?.index !== undefined ? run.artifacts?.[artifact.index]?.location?.uri : undefined);
            const base = artifact?.uriBaseId ? run.originalUriBaseIds?.[artifact.uriBaseId]?.uri : undefined;
            if (uri && base && !/^[a-z]+:\/\//.test(uri))
                uri = `${base.replace(/\/?$/, '/')}${uri}`;
            const template = result.message.text ??
                (result.message.id ? rule?.messageStrings?.[result.message.id]?.text : undefined);
            const args = (result.message.arguments ?? []);
            const level = result.level ?? (result.kind && result.kind !== 'fail' ? 'note' : rule?.defaultConfiguration?.level);
            findings.push((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                tool: tool.toLowerCase(),
                file: uriToPath(uri),
                line: physical?.region?.startLine ?? null,
                column: physical?.region?.startColumn ?? null,
                rule: ruleId,
                severity: sarifSeverity(level),
                message: template
                    ? formatMessage(template, args)
                    : (rule?.shortDescription?.text ?? ruleId ?? 'finding')
            }));
        }
    }
    return findings;
}
const EslintJsonSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    filePath: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    messages: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
        ruleId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable().optional(),
        severity: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(),
        message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        line: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
        column: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
        fatal: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().optional()
    }))
}));
/** ESLint `-f json`: messages per file; severity 2 is an error, 1 a warning (suppressed messages are separate and skipped). */
function parseEslintJson(text) {
    const files = validate(EslintJsonSchema, parseJson(text, 'ESLint JSON'), 'ESLint JSON');
    return files.flatMap(file => file.messages.map(message => (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
        tool: 'eslint',
        file: file.filePath,
        line: message.line ?? null,
        column: message.column ?? null,
        rule: message.ruleId ?? null,
        severity: message.severity >= 2 || message.fatal ? 'error' : 'warning',
        message: message.message
    })));
}
const RuffJsonSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    code: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable(),
    filename: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    location: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ row: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(), column: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig() }).nullable().optional(),
    severity: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional()
}));
/** Ruff `--output-format json`. */
function parseRuffJson(text) {
    const items = validate(RuffJsonSchema, parseJson(text, 'Ruff JSON'), 'Ruff JSON');
    return items.map(item => (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
        tool: 'ruff',
        file: item.filename,
        line: item.location?.row ?? null,
        column: item.location?.column ?? null,
        rule: item.code ?? item.name ?? null,
        // Ruff reports everything as "error"; syntax errors have no code.
        severity: item.code === null || item.code.startsWith('F') || item.code.startsWith('E9') ? 'error' : 'warning',
        message: item.message
    }));
}
const RubocopJsonSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    files: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
        path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        offenses: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
            severity: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
            message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
            cop_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
            location: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
                start_line: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
                line: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
                start_column: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
                column: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional()
            })
        }))
    }))
});
/** RuboCop `--format json`: conventions and refactorings are still work, so warnings. */
function parseRubocopJson(text) {
    const report = validate(RubocopJsonSchema, parseJson(text, 'RuboCop JSON'), 'RuboCop JSON');
    return report.files.flatMap(file => file.offenses.map(offense => (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
        tool: 'rubocop',
        file: file.path,
        line: offense.location.start_line ?? offense.location.line ?? null,
        column: offense.location.start_column ?? offense.location.column ?? null,
        rule: offense.cop_name,
        severity: offense.severity === 'error' || offense.severity === 'fatal'
            ? 'error'
            : offense.severity === 'info'
                ? 'note'
                : 'warning',
        message: offense.message
    })));
}
const GolangciJsonSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    Issues: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
        FromLinter: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        Text: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        Severity: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
        Pos: zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
            Filename: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
            Line: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional(),
            Column: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional()
        })
    }))
        .nullable()
});
/** golangci-lint `--out-format json` (v1) / `--output.json.path` (v2). */
function parseGolangciJson(text) {
    const report = validate(GolangciJsonSchema, parseJson(text, 'golangci-lint JSON'), 'golangci-lint JSON');
    return (report.Issues ?? []).map(issue => (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
        tool: 'golangci-lint',
        file: issue.Pos.Filename,
        line: issue.Pos.Line ?? null,
        column: issue.Pos.Column || null,
        rule: issue.FromLinter,
        severity: (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(issue.Severity, 'error'),
        message: issue.Text
    }));
}
/** Checkstyle XML (Checkstyle itself, shellcheck, ktlint, detekt, PHP_CodeSniffer…): `<file name><error …/>`. */
function parseCheckstyle(text) {
    const findings = [];
    let file = null;
    let sawRoot = false;
    for (const element of (0,_xml_js__WEBPACK_IMPORTED_MODULE_1__/* .xmlElements */ .LO)(text)) {
        if (element.name === 'checkstyle')
            sawRoot = true;
        else if (element.name === 'file')
            file = element.attributes.name ?? null;
        else if (element.name === 'error') {
            const source = element.attributes.source ?? null;
            const line = Number.parseInt(element.attributes.line ?? '', 10);
            const column = Number.parseInt(element.attributes.column ?? '', 10);
            findings.push((0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)({
                tool: source?.includes('.') ? source.split('.')[0].toLowerCase() : 'checkstyle',
                file,
                line: Number.isFinite(line) ? line : null,
                column: Number.isFinite(column) ? column : null,
                rule: source?.includes('.') ? source.slice(source.indexOf('.') + 1) : source,
                severity: (0,_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(element.attributes.severity, 'warning'),
                message: element.attributes.message ?? ''
            }));
        }
    }
    if (!sawRoot)
        throw new ReportFormatError('not a Checkstyle report: no <checkstyle> element');
    return findings;
}


/***/ })

};
