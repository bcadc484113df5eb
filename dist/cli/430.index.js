export const id = 430;
export const ids = [430];
export const modules = {

/***/ 3008:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H9: () => (/* binding */ settingsJsonSchema),
/* harmony export */   Rf: () => (/* binding */ settingKeys),
/* harmony export */   vP: () => (/* binding */ knownNamesAt)
/* harmony export */ });
/* unused harmony exports envNameOf, settingSections */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8439);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1091);
/**
 * The table of setting keys, derived from the zod schema through its JSON Schema (zod's public
 * `toJSONSchema`), so that the env mapping, "did you mean" suggestions and the example file can
 * never disagree with what the schema accepts.
 */


/** The JSON Schema of the settings (everything under `ccal:`), in input form: defaults make keys optional. */
function settingsJsonSchema() {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .toJSONSchema */ .bl(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .SettingsSchema */ .ht, { io: 'input', unrepresentable: 'any' });
}
function kindOf(node) {
    if (node.enum)
        return 'enum';
    const type = Array.isArray(node.type) ? node.type.find(t => t !== 'null') : node.type;
    switch (type) {
        case 'integer':
        case 'number':
        case 'boolean':
        case 'string':
        case 'array':
            return type;
        case 'object':
            return 'record';
        default:
            return 'any';
    }
}
function isSection(node) {
    return node.type === 'object' && node.properties !== undefined;
}
/** The CCAL_* variable name of a key path: `loop.cycle_interval_seconds` → `CCAL_LOOP_CYCLE_INTERVAL_SECONDS`. */
function envNameOf(path) {
    return `CCAL_${path.join('_').toUpperCase()}`;
}
let cache;
function walk() {
    if (cache)
        return cache;
    const keys = [];
    const sections = [];
    const visit = (node, path) => {
        for (const [name, child] of Object.entries(node.properties ?? {})) {
            const childPath = [...path, name];
            if (isSection(child)) {
                sections.push({ path: childPath, description: child.description ?? '' });
                visit(child, childPath);
                continue;
            }
            const kind = kindOf(child);
            keys.push({
                path: childPath,
                kind,
                description: child.description ?? '',
                default: child.default,
                ...(child.enum ? { enumValues: child.enum.map(String) } : {}),
                ...(kind === 'array' && child.items ? { itemKind: kindOf(child.items) } : {}),
                ...(kind === 'array' && child.items?.enum ? { enumValues: child.items.enum.map(String) } : {}),
                envName: envNameOf(childPath)
            });
        }
    };
    visit(settingsJsonSchema(), []);
    cache = { keys, sections };
    return cache;
}
/** Every leaf setting, in schema order. */
function settingKeys() {
    return walk().keys;
}
/** Every section (object with named keys), in schema order. */
function settingSections() {
    return walk().sections;
}
/** The names a section at `path` accepts (for "did you mean"); undefined when `path` is not a section. */
function knownNamesAt(path) {
    const prefix = path.join('.');
    const isKnownSection = path.length === 0 || settingSections().some(section => section.path.join('.') === prefix);
    if (!isKnownSection)
        return undefined;
    const names = new Set();
    for (const entry of [...settingSections(), ...settingKeys()]) {
        if (entry.path.length === path.length + 1 && entry.path.slice(0, -1).join('.') === prefix) {
            names.add(entry.path[path.length]);
        }
    }
    return [...names];
}


/***/ }),

/***/ 430:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Bi: () => (/* binding */ DEFAULT_CONFIG_PATH),
  M5: () => (/* binding */ loadSettings)
});

// UNUSED EXPORTS: MAX_CONFIG_BYTES, mergeSettings

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(9661);
// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __webpack_require__(8805);
// EXTERNAL MODULE: ./lib/config/keys.js
var keys = __webpack_require__(3008);
;// CONCATENATED MODULE: ./lib/config/messages.js


function valueAt(data, path) {
    let cursor = data;
    for (const name of path) {
        if (cursor === null || typeof cursor !== 'object')
            return undefined;
        cursor = cursor[name];
    }
    return cursor;
}
function keyPath(path) {
    return ['ccal', ...path.map(String)].join('.');
}
const ARTICLE = {
    number: 'a number',
    int: 'an integer',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping'
};
function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return (0,util_text/* describeValue */.bp)(value);
}
function bound(issue, side) {
    const limit = side === 'min' ? issue.minimum : issue.maximum;
    const sizeOf = issue.origin === 'array' ? 'items' : issue.origin === 'string' ? 'characters' : undefined;
    if (sizeOf)
        return `${side === 'min' ? 'at least' : 'at most'} ${String(limit)} ${sizeOf}`;
    const operator = side === 'min' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
    return `a number ${operator} ${String(limit)}`;
}
/** Turns one zod issue into messages (unrecognized_keys yields one per key). */
function describeIssue(issue, data, origins) {
    const found = valueAt(data, issue.path);
    const where = origins.valueOrigin(issue.path);
    const at = `${where}: ${keyPath(issue.path)}`;
    switch (issue.code) {
        case 'unrecognized_keys':
            return issue.keys.map(name => {
                const known = (0,keys/* knownNamesAt */.vP)(issue.path.map(String)) ?? [];
                const suggestion = (0,util_text/* closestMatch */.h0)(name, known);
                const hint = suggestion ? `did you mean '${suggestion}'?` : `expected one of: ${known.join(', ')}`;
                return `${origins.keyOrigin(issue.path, name)}: ${keyPath([...issue.path, name])}: unknown key; ${hint}`;
            });
        case 'invalid_type': {
            const expected = ARTICLE[issue.expected] ?? issue.expected;
            return [`${at}: expected ${expected}, found ${typeName(found)}`];
        }
        case 'too_small':
            return [`${at}: expected ${bound(issue, 'min')}, found ${(0,util_text/* describeValue */.bp)(found)}`];
        case 'too_big':
            return [`${at}: expected ${bound(issue, 'max')}, found ${(0,util_text/* describeValue */.bp)(found)}`];
        case 'invalid_value':
            return [
                `${at}: expected one of ${issue.values.map(value => String(value)).join(' | ')}, found ${(0,util_text/* describeValue */.bp)(found)}`
            ];
        case 'invalid_format': {
            const expected = issue.message.startsWith('expected')
                ? issue.message.slice('expected '.length)
                : `a ${issue.format}`;
            return [`${at}: expected ${expected}, found ${(0,util_text/* describeValue */.bp)(found)}`];
        }
        case 'not_multiple_of':
            return [`${at}: expected a multiple of ${String(issue.divisor)}, found ${(0,util_text/* describeValue */.bp)(found)}`];
        default:
            return [`${at}: ${issue.message}, found ${(0,util_text/* describeValue */.bp)(found)}`];
    }
}

;// CONCATENATED MODULE: ./lib/config/overrides.js
/**
 * Settings given as text — CCAL_* environment variables, action inputs, CLI flags — converted to
 * typed values by the kind of the key they set, each remembering where it came from.
 */


/** CCAL_* variables that are not settings (the GitHub App's credentials are read by the CLI). */
const NON_SETTING_ENV = new Set([
    'CCAL_DEBUG',
    'CCAL_CONFIG',
    'CCAL_APP_ID',
    'CCAL_APP_PRIVATE_KEY',
    'CCAL_APP_PRIVATE_KEY_FILE'
]);
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);
function keyAt(path) {
    const dotted = path.join('.');
    return (0,keys/* settingKeys */.Rf)().find(key => key.path.join('.') === dotted);
}
function expectedOf(kind) {
    switch (kind) {
        case 'integer':
            return 'an integer';
        case 'number':
            return 'a number';
        case 'boolean':
            return 'true or false';
        case 'array':
            return 'a comma-separated list or a JSON array';
        case 'record':
            return 'a JSON object';
        default:
            return 'text';
    }
}
/** Converts `text` to the kind of value `key` takes; the schema checks ranges and enums afterwards. */
function convertText(key, text) {
    const trimmed = text.trim();
    switch (key.kind) {
        case 'integer':
        case 'number': {
            const value = trimmed === '' ? Number.NaN : Number(trimmed);
            return Number.isFinite(value) ? { ok: true, value } : { ok: false };
        }
        case 'boolean': {
            const word = trimmed.toLowerCase();
            if (TRUE_WORDS.has(word))
                return { ok: true, value: true };
            if (FALSE_WORDS.has(word))
                return { ok: true, value: false };
            return { ok: false };
        }
        case 'array': {
            if (trimmed.startsWith('[')) {
                const parsed = parseJson(trimmed);
                return Array.isArray(parsed) ? { ok: true, value: parsed } : { ok: false };
            }
            const items = trimmed
                .split(/[,\n]/)
                .map(item => item.trim())
                .filter(item => item.length > 0);
            return { ok: true, value: items };
        }
        case 'record': {
            const parsed = parseJson(trimmed);
            return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
                ? { ok: true, value: parsed }
                : { ok: false };
        }
        case 'string':
        case 'enum':
            return { ok: true, value: text };
        default:
            return { ok: false };
    }
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** Sets `value` at `path` in a nested plain object, creating objects on the way. */
function setIn(target, path, value) {
    let cursor = target;
    for (const [index, name] of path.entries()) {
        if (index === path.length - 1) {
            cursor[name] = value;
            return;
        }
        const next = cursor[name];
        if (next === null || typeof next !== 'object' || Array.isArray(next))
            cursor[name] = {};
        cursor = cursor[name];
    }
}
/** Converts text overrides into a typed layer; one problem per override that cannot be converted. */
function buildOverrideLayer(overrides) {
    const layer = { values: {}, origins: new Map(), problems: [] };
    for (const override of overrides) {
        const key = keyAt(override.path);
        const keyPath = `ccal.${override.path.join('.')}`;
        if (!key || key.kind === 'any') {
            layer.problems.push(`${override.origin}: ${keyPath} is not a setting that can be overridden`);
            continue;
        }
        const converted = convertText(key, override.text);
        if (!converted.ok) {
            layer.problems.push(`${override.origin}: ${keyPath}: expected ${expectedOf(key.kind)}, found ${(0,util_text/* describeValue */.bp)(override.text)}`);
            continue;
        }
        setIn(layer.values, override.path, converted.value);
        layer.origins.set(override.path.join('.'), override.origin);
    }
    return layer;
}
/**
 * CCAL_* environment variables → text overrides. The name of each is `CCAL_` + the key path joined
 * with `_`, upper-cased (`ccal.loop.cycle_interval_seconds` → `CCAL_LOOP_CYCLE_INTERVAL_SECONDS`).
 * An unknown CCAL_* variable is a problem, with the closest known name suggested.
 */
function envOverrides(env) {
    const byName = new Map((0,keys/* settingKeys */.Rf)()
        .filter(key => key.kind !== 'any')
        .map(key => [key.envName, key]));
    const overrides = [];
    const problems = [];
    for (const [name, text] of Object.entries(env)) {
        if (!name.startsWith('CCAL_') || text === undefined || NON_SETTING_ENV.has(name))
            continue;
        const key = byName.get(name);
        if (!key) {
            const suggestion = (0,util_text/* closestMatch */.h0)(name, [...byName.keys()]);
            problems.push(`env ${name}: not a CCAL setting${suggestion ? `; did you mean ${suggestion}?` : ' (see the README for the CCAL_* names)'}`);
            continue;
        }
        overrides.push({ path: key.path, text, origin: `env ${name}` });
    }
    return { overrides, problems };
}


// EXTERNAL MODULE: ./lib/config/schema.js
var schema = __webpack_require__(1091);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./lib/config/yaml-file.js
/**
 * Reading the YAML config file while keeping where each key stands, so that every problem can be
 * reported as `file:line:col: ccal.key.path: …`.
 */


/** The top-level key that holds everything, as in the original plan's config. */
const ROOT_KEY = 'ccal';
/** Parses config text. Never throws: problems are returned for the caller to report together. */
function parseConfigText(file, text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    const at = (offset) => {
        if (offset === undefined)
            return file;
        const { line, col } = lineCounter.linePos(offset);
        return `${file}:${line}:${col}`;
    };
    const content = {
        file,
        settings: undefined,
        problems: [],
        locate: path => locateValue(doc, at, [ROOT_KEY, ...path]),
        locateKey: (parentPath, name) => locateKeyIn(doc, at, [ROOT_KEY, ...parentPath], name)
    };
    if (doc.errors.length > 0) {
        content.problems = doc.errors.map(error => `${at(error.pos[0])}: YAML syntax error: ${firstLine(error.message)}`);
        return content;
    }
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        content.problems = [`${file}: YAML could not be read: ${firstLine(String(error))}`];
        return content;
    }
    if (data === null || data === undefined)
        return content;
    if (typeof data !== 'object' || Array.isArray(data)) {
        content.problems = [
            `${file}: expected a mapping with a top-level '${ROOT_KEY}:' key, found ${(0,util_text/* describeValue */.bp)(data)}`
        ];
        return content;
    }
    for (const key of Object.keys(data)) {
        if (key === ROOT_KEY)
            continue;
        content.problems.push(`${locateKeyIn(doc, at, [], key)}: unknown top-level key '${key}': settings go under the top-level '${ROOT_KEY}:' key`);
    }
    const settings = data[ROOT_KEY] ?? undefined;
    // `ccal:` with nothing under it means the defaults; anything but a mapping is a mistake.
    if (settings !== undefined && (typeof settings !== 'object' || Array.isArray(settings))) {
        content.problems.push(`${locateValue(doc, at, [ROOT_KEY])}: ${ROOT_KEY}: expected a mapping of settings, found ${(0,util_text/* describeValue */.bp)(settings)}`);
        return content;
    }
    content.settings = settings;
    return content;
}
function firstLine(text) {
    return text.split('\n')[0]?.trim() ?? text;
}
function locateValue(doc, at, path) {
    for (let length = path.length; length > 0; length--) {
        const node = doc.getIn(path.slice(0, length), true);
        if (node && typeof node === 'object' && node.range)
            return at(node.range[0]);
    }
    return at(undefined);
}
function locateKeyIn(doc, at, parentPath, name) {
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if ((0,dist/* isMap */.jh)(parent)) {
        for (const pair of parent.items) {
            if ((0,dist/* isScalar */.jn)(pair.key) && pair.key.value === name && pair.key.range)
                return at(pair.key.range[0]);
        }
    }
    return locateValue(doc, at, parentPath);
}

;// CONCATENATED MODULE: ./lib/config/load.js
/**
 * Effective settings: defaults ← YAML file ← CCAL_* environment ← action inputs / CLI flags.
 * Every problem of every layer is collected and reported together, one line each.
 */







/** Where the action and the CLI look for the config file when none is named. */
const DEFAULT_CONFIG_PATH = '.github/ccal.yml';
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** Deep merge of plain objects; arrays and scalars of `top` replace those of `base`. */
function mergeSettings(base, top) {
    if (!isPlainObject(base) || !isPlainObject(top))
        return top === undefined ? base : top;
    const merged = { ...base };
    for (const [key, value] of Object.entries(top))
        merged[key] = mergeSettings(base[key], value);
    return merged;
}
/** The largest config file read: far beyond any real one, small enough to parse at once. */
const MAX_CONFIG_BYTES = 256 * 1024;
function readConfigFile(options) {
    const requested = options.configPath && options.configPath.trim() !== '' ? options.configPath : DEFAULT_CONFIG_PATH;
    const absolute = (0,external_node_path_.isAbsolute)(requested) ? requested : (0,external_node_path_.resolve)(options.root, requested);
    const inside = (0,external_node_path_.relative)(options.root, absolute);
    const shownPath = inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside) ? absolute : inside;
    if (!(0,external_node_fs_.existsSync)(absolute)) {
        const problems = options.configRequired ? [`${shownPath}: config file not found`] : [];
        return { shownPath, problems };
    }
    // A settings file is a page or two; anything far larger is a mistake, refused before it is parsed.
    const size = (0,external_node_fs_.statSync)(absolute).size;
    if (size > MAX_CONFIG_BYTES)
        return {
            shownPath,
            problems: [
                `${shownPath}: ${size} bytes; a config file may be at most ${MAX_CONFIG_BYTES / 1024} KiB (is it the right file?)`
            ]
        };
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(absolute, 'utf8');
    }
    catch (error) {
        return { shownPath, problems: [`${shownPath}: cannot read config file: ${(0,errors/* errorMessage */.gJ)(error)}`] };
    }
    const content = parseConfigText(shownPath, text);
    return { content, shownPath, problems: content.problems };
}
/** Messages that start with `file:line:col:` sorted by position; the others keep their order after them. */
function inFileOrder(messages) {
    const position = (message) => {
        const match = /^[^\s]*?:(\d+):(\d+): /.exec(message);
        return match ? Number(match[1]) * 100000 + Number(match[2]) : Number.MAX_SAFE_INTEGER;
    };
    return messages
        .map((message, index) => ({ message, index, at: position(message) }))
        .sort((a, b) => a.at - b.at || a.index - b.index)
        .map(entry => entry.message);
}
/**
 * Loads and validates the effective settings. Throws ConfigError listing every problem (file and
 * line, or the env variable / input, then key path, expected and found); never a partial result.
 */
function loadSettings(options) {
    const file = readConfigFile(options);
    const env = envOverrides(options.env ?? {});
    const envLayer = buildOverrideLayer(env.overrides);
    const topLayer = buildOverrideLayer(options.overrides ?? []);
    const problems = [...file.problems, ...env.problems, ...envLayer.problems, ...topLayer.problems];
    const fromFile = file.content?.settings;
    const merged = mergeSettings(mergeSettings(fromFile ?? {}, envLayer.values), topLayer.values);
    const origins = {
        valueOrigin(path) {
            for (let length = path.length; length > 0; length--) {
                const dotted = path.slice(0, length).map(String).join('.');
                const origin = topLayer.origins.get(dotted) ?? envLayer.origins.get(dotted);
                if (origin)
                    return origin;
            }
            return file.content ? file.content.locate(path) : 'defaults';
        },
        keyOrigin(parentPath, name) {
            return file.content ? file.content.locateKey(parentPath, name) : 'defaults';
        }
    };
    // A file with syntax errors has no settings worth validating; everything else is checked so that
    // one run reports every problem at once.
    const parsed = schema/* SettingsSchema */.ht.safeParse(merged);
    const fileIsReadable = file.content === undefined || file.content.problems.length === 0;
    if (!parsed.success && fileIsReadable) {
        problems.push(...inFileOrder(parsed.error.issues.flatMap(issue => describeIssue(issue, merged, origins))));
    }
    if (problems.length > 0 || !parsed.success)
        throw new errors/* ConfigError */.xL(problems);
    const settings = parsed.data;
    const warnings = [];
    if (isPlainObject(fromFile) && 'storage' in fromFile) {
        warnings.push(`${file.content?.locateKey([], 'storage') ?? file.shownPath}: ccal.storage is ignored: the ledger branch ` +
            `(ccal.ledger.branch = ${settings.ledger.branch}) replaced the plan's SQLite storage`);
    }
    // The agent must never edit the file that sets its own limits.
    if (!settings.safety.excluded_paths.includes(file.shownPath) && !(0,external_node_path_.isAbsolute)(file.shownPath)) {
        settings.safety.excluded_paths = [...settings.safety.excluded_paths, file.shownPath];
    }
    return { settings, configPath: file.shownPath, configFound: file.content !== undefined, warnings };
}


/***/ }),

/***/ 1091:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eO: () => (/* binding */ PERMISSION_LEVELS),
/* harmony export */   ht: () => (/* binding */ SettingsSchema),
/* harmony export */   mZ: () => (/* binding */ WEEKDAY_NAMES)
/* harmony export */ });
/* unused harmony exports PrioritySchema, PermissionSchema, LOG_LEVELS, ConfigFileSchema, defaultSettings */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6921);
/* harmony import */ var _ledger_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5302);
/* harmony import */ var _util_time_zone_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(726);
/**
 * The settings schema: the single source of defaults, validation, documentation (every key's
 * `.describe()`), the generated config/ccal.schema.json and config/ccal.example.yml, and the
 * CCAL_* environment mapping. The YAML shape keeps the original plan's: a top-level `ccal:` key
 * with snake_case names.
 */



const positiveInt = () => zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().positive();
const nonNegativeInt = () => zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative();
const seconds = (fallback, description) => nonNegativeInt().default(fallback).describe(description);
const usd = (fallback, description) => zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nonnegative().default(fallback).describe(description);
const enabled = (fallback, what) => zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().default(fallback).describe(`Whether ${what}.`);
const stringList = (fallback, description) => zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1)).default(fallback).describe(description);
/** Work item priority: 1 is the most urgent, 5 the least. */
const PrioritySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().min(1).max(5);
/** Repository permission levels, weakest first; trust checks compare positions in this list. */
const PERMISSION_LEVELS = ['read', 'triage', 'write', 'maintain', 'admin'];
const PermissionSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(PERMISSION_LEVELS);
const LOG_LEVELS = ['debug', 'info', 'warning', 'error'];
/** Days of the week, as `loop.active_hours.days` names them (index 0 is Sunday, as `Date` counts). */
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const ActiveHoursSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    from: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(CLOCK_TIME, 'expected a time of day as HH:MM, such as 09:00')
        .default('00:00')
        .describe('When the window opens each day, as HH:MM on the clock of time_zone.'),
    to: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day as HH:MM, such as 18:00 (24:00 for midnight)')
        .default('24:00')
        .describe('When it closes, as HH:MM (24:00 for midnight); earlier than from means the window runs past midnight (22:00 to 06:00).'),
    time_zone: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .default('UTC')
        .refine(zone => (0,_util_time_zone_js__WEBPACK_IMPORTED_MODULE_1__/* .isTimeZone */ .kQ)(zone), { message: 'expected an IANA time zone such as Europe/Paris or UTC' })
        .describe('The IANA time zone of from and to (Europe/Paris, America/New_York, UTC); daylight saving is followed.'),
    days: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(WEEKDAY_NAMES))
        .min(1)
        .optional()
        .describe('Days on which the window opens (mon … sun); every day when unset. A window past midnight belongs to the day it opens.')
})
    .refine(window => window.from !== window.to, {
    message: 'from and to are the same time: use 00:00 and 24:00 to allow model work at any hour',
    path: ['to']
})
    .prefault({});
const LoopSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    cycle_interval_seconds: positiveInt()
        .default(300)
        .describe('Seconds between cycles when running as a daemon (`ccal run --daemon`).'),
    max_concurrent_work: positiveInt()
        .default(1)
        .describe('Work items executed at the same time within one run.'),
    max_items_per_run: positiveInt().default(3).describe('Work items one run may execute.'),
    retry_limit: nonNegativeInt()
        .default(2)
        .describe('Further attempts after a failed one before an item is marked failed: an item gets retry_limit + 1 attempts (a person asking again gives it as many more).'),
    retry_backoff_seconds: seconds(1800, 'Wait before retrying a failed item; doubles with every attempt.'),
    request_timeout_seconds: positiveInt()
        .default(120)
        .describe('Time limit for one attempt of one GitHub API request, answer included (REST, GraphQL, log downloads); a call that gets no answer in time fails and is retried like a server error.'),
    session_timeout_seconds: positiveInt()
        .default(3600)
        .describe('Lease on an item being worked on; when a run dies, the item is reclaimed after this long.'),
    active_hours: ActiveHoursSchema.describe('Hours in which model work may start (for example a subscription shared with people by day); outside them cycles still discover, reconcile and report, and no item starts. Any hour of any day by default.')
})
    .prefault({})
    .describe('The loop: how often it runs and how much it takes on.');
const ClaudeSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    executable: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .default('claude')
        .describe('The Claude Code CLI: a command on PATH or a path. Installed (pinned version) when missing.'),
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 2.1.330')
        .default('2.1.330')
        .describe('Version of @anthropic-ai/claude-code installed (and cached) when the executable is not found.'),
    working_directory: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .default('.')
        .describe('Directory, relative to the repository root, in which Claude Code runs.'),
    model: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).optional().describe('Model name passed as --model; the CLI default when unset.'),
    fallback_model: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .optional()
        .describe('Model passed as --fallback-model when the main one is overloaded.'),
    max_turns: positiveInt().default(30).describe('Maximum agent turns per run (--max-turns).'),
    timeout_seconds: positiveInt()
        .default(1800)
        .describe('Wall-clock limit for one Claude Code run; the whole process group is killed after it.'),
    max_prompt_length: positiveInt()
        .default(60000)
        .describe('Maximum prompt length in characters; evidence is trimmed to fit, never the instructions.'),
    context_preservation: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(true)
        .describe('Resume the same Claude session (--resume) for follow-ups on an item, such as review feedback.'),
    auth_method: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['auto', 'api_key', 'oauth_token', 'login'])
        .default('auto')
        .describe('How Claude Code authenticates: auto picks the API key, then the OAuth token, then the runner login.'),
    allowed_tools: stringList(['Read', 'Glob', 'Grep', 'Edit', 'Write'], 'Tools Claude Code may use without asking (--allowedTools). Bash is added only for the verify commands.'),
    disallowed_tools: stringList([], 'Extra tools or patterns to deny (--disallowedTools), on top of the built-in deny list and excluded paths.'),
    extra_args: stringList([], 'Further arguments passed to the claude command as they are.'),
    env_passthrough: stringList([], 'Further environment variables passed to Claude Code and the verify commands (for example JAVA_HOME); GitHub tokens, ACTIONS_* and INPUT_* never pass.'),
    append_system_prompt: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .optional()
        .describe("Extra rules appended to CCAL's own system prompt for every run.")
})
    .prefault({})
    .describe('Running the Claude Code CLI.');
const VerifySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    test_command: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .optional()
        .describe('Command that must pass after a change (for example `npm test`); the agent may run it too.'),
    lint_command: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .optional()
        .describe('Lint command that must pass after a change (for example `npx eslint .`); the agent may run it too.'),
    timeout_seconds: positiveInt().default(900).describe('Time limit for each verify command.'),
    retries: nonNegativeInt()
        .max(3)
        .default(1)
        .describe('Times a failed verification is fed back to the same session before the item fails.')
})
    .prefault({})
    .describe('Checking a change before it is delivered.');
const IssuesSourceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(true, 'issues carrying a trigger label become work'),
    labels: stringList(['ccal-task'], 'Trigger labels: an open issue carrying one of them becomes a work item.'),
    priority_labels: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1), PrioritySchema)
        .default({
        'priority:critical': 1,
        'priority:high': 2,
        bug: 2,
        'priority:medium': 3,
        enhancement: 4,
        'priority:low': 5
    })
        .describe('Label → priority (1 most urgent … 5 least); the most urgent matching label wins.'),
    category_labels: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1))
        .default({ bug: 'bug fix', enhancement: 'feature', documentation: 'documentation' })
        .describe('Label → kind of work, told to the agent (for example bug → "bug fix").'),
    comment_commands: enabled(true, 'trusted users can steer items with /ccal retry, /ccal skip and /ccal priority N'),
    interval_seconds: seconds(0, 'Minimum seconds between two scheduled scans of this source (0: every cycle).'),
    full_scan_seconds: seconds(3600, 'Between two full scans of the labelled issues, a scheduled scan reads only those updated since the last one (0: every scan is full). A full scan is also what notices a removed label without its event.')
})
    .prefault({})
    .describe('Issues labelled for CCAL.');
const CiLogsSourceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(true, 'failed workflow runs on the default branch become work'),
    workflows: stringList([], 'Workflow names to watch; empty watches all.'),
    branches: stringList([], 'Branches whose failures count; empty means the default branch.'),
    max_runs_per_cycle: positiveInt().default(10).describe('Failed runs examined per cycle.'),
    max_log_bytes: positiveInt()
        .default(50 * 1024 * 1024)
        .describe('Bytes of one job log read at most: the log is streamed, and beyond this its beginning is skipped (a job fails at its end), with a note.'),
    annotations: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(true)
        .describe("Read the failed jobs' check-run annotations (needs `checks: read`) beside their logs: they give the file and line that `::error file=…` commands do not leave in the log."),
    flaky_check: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(false)
        .describe('Re-run failed jobs once and create work only when the failure repeats.'),
    interval_seconds: seconds(0, 'Minimum seconds between two scheduled scans of this source (0: every cycle).')
})
    .prefault({})
    .describe('Failed CI runs and their logs.');
const LintSourceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(false, 'lint and static-analysis findings become work'),
    commands: stringList([], 'Commands run on the runner whose output holds findings (for example `npx eslint -f json .`).'),
    reports: stringList([], 'Report files or globs to read: SARIF, ESLint/Ruff/RuboCop/golangci-lint JSON, Checkstyle XML.'),
    severities: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['error', 'warning', 'note']))
        .default(['error', 'warning'])
        .describe('Finding severities that become work.'),
    group_by: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['rule_directory', 'rule', 'file'])
        .default('rule_directory')
        .describe('How findings are batched into one work item.'),
    batch_size: positiveInt().default(10).describe('Findings per work item at most.'),
    interval_seconds: seconds(3600, 'Minimum seconds between two scheduled scans of this source (0: every cycle).')
})
    .prefault({})
    .describe('Lint and static analysis.');
const CoverageSourceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(false, 'files under the coverage threshold become "add tests" work'),
    reports: stringList([], 'Coverage reports: lcov, Cobertura XML, Istanbul JSON, Go coverprofile.'),
    min_test_coverage: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .min(0)
        .max(100)
        .default(80)
        .describe('Line coverage percentage under which a file gets an "add tests" item.'),
    max_items_per_cycle: positiveInt().default(3).describe('Coverage items created per cycle at most.'),
    interval_seconds: seconds(86400, 'Minimum seconds between two scheduled scans of this source (0: every cycle).')
})
    .prefault({})
    .describe('Coverage gaps.');
const PrFeedbackSourceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(true, "review feedback on CCAL's own pull requests becomes follow-up work"),
    failing_checks: enabled(true, "failing checks on CCAL's pull requests become fix items"),
    interval_seconds: seconds(0, 'Minimum seconds between two scheduled scans of this source (0: every cycle).')
})
    .prefault({})
    .describe("Reviews and checks on CCAL's pull requests.");
const ErrorLogsSourceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(false, 'local error logs (self-hosted runners) become work'),
    paths: stringList([], 'Log files or directories (of *.log and *.json) to watch.'),
    patterns: stringList([
        '\\bERROR\\b',
        '\\bFATAL\\b',
        'Traceback \\(most recent call last\\)',
        'Unhandled(Promise)?Rejection',
        'panic:'
    ], 'Regular expressions that mark an error line.'),
    context_lines: nonNegativeInt().default(5).describe('Lines kept around each hit as evidence.'),
    max_bytes_per_run: positiveInt()
        .default(10 * 1024 * 1024)
        .describe('New bytes read per file per run at most; offsets are kept in the ledger.'),
    interval_seconds: seconds(300, 'Minimum seconds between two scheduled scans of this source (0: every cycle).')
})
    .prefault({})
    .describe('Local error logs.');
const DiscoverySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    issues: IssuesSourceSchema,
    ci_logs: CiLogsSourceSchema,
    lint: LintSourceSchema,
    coverage: CoverageSourceSchema,
    pr_feedback: PrFeedbackSourceSchema,
    error_logs: ErrorLogsSourceSchema,
    time_limit_seconds: positiveInt()
        .default(300)
        .describe('Longest one source may take in a cycle (never past safety.max_execution_time_seconds): a source still busy then is reported as stopped, what it found is dropped, and the cycle goes on.')
})
    .prefault({})
    .describe('Where work comes from.');
const LedgerSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    branch: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^(?!\/|.*\/\/|.*\.\.|.*\.lock$|.*[~^:?*[\\\s])[\x21-\x7e]+$/, 'expected a valid git branch name')
        .default('ccal-ledger')
        .describe("Branch holding the ledger: all of CCAL's state, as JSON files."),
    queue_size_limit: positiveInt()
        .default(1000)
        .describe('Pending work items kept at most. Beyond it new findings are not admitted (the most urgent are admitted first; the rest are counted in the summary) and are taken up when a later scan reports them again.'),
    history_retention_days: positiveInt()
        .default(90)
        .describe('Days execution results are kept in detail before being folded into per-type totals.')
})
    .prefault({})
    .describe("The ledger branch (it replaced the plan's SQLite storage).");
const LearningSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: enabled(true, 'outcomes of past pull requests steer ranking and prompts'),
    success_threshold: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .min(0)
        .max(1)
        .default(0.7)
        .describe('Success rate from which a learned approach is offered as a hint.'),
    pattern_min_occurrences: positiveInt()
        .default(3)
        .describe('Outcomes needed before a pattern is trusted.'),
    adaptation_interval_seconds: positiveInt()
        .default(86400)
        .describe('Seconds after which the learned patterns and weights are recomputed even when no pull request was merged or closed since; a new verdict is learned from at once.')
})
    .prefault({})
    .describe('Learning from which pull requests humans merge.');
const MonitoringSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    log_level: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(LOG_LEVELS).default('info').describe('Lowest level of log lines written.'),
    json_logs: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().default(false).describe('Write log lines as JSON objects (CLI and daemon).'),
    metrics: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        enabled: enabled(false, 'Prometheus text-format metrics are written'),
        file: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).optional().describe('File the metrics are written to after each cycle.'),
        port: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().min(1).max(65535).optional().describe('Port serving /metrics in daemon mode.')
    })
        .prefault({})
        .describe('Prometheus metrics.'),
    transcripts: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        enabled: enabled(false, "each item's Claude Code stream (stream-json, secrets masked, at most 20 MB an item) is kept outside its worktree; the action uploads the run's transcripts as one artifact, `ccal` leaves them in the work directory"),
        retention_days: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
            .int()
            .min(1)
            .max(90)
            .optional()
            .describe("Days the transcripts artifact is kept; the repository's default when unset.")
    })
        .prefault({})
        .describe('Transcripts of the agent runs.')
})
    .prefault({})
    .describe('Logs, metrics and transcripts.');
const SafetySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    dry_run: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(false)
        .describe('Plan and report without executing, pushing or writing the ledger.'),
    excluded_paths: stringList(['.github/workflows/**'], 'Globs the agent must not change; a change there rejects the item. The config file is always excluded too.'),
    max_file_operations: positiveInt().default(20).describe('Files one item may change at most.'),
    max_file_size_bytes: positiveInt()
        .default(1024 * 1024)
        .describe('Largest file a change may write.'),
    max_execution_time_seconds: positiveInt()
        .default(3600)
        .describe('Wall-clock limit for a whole run: no item starts with less than a minute of it left, and the agent never gets more time than is left.'),
    sandbox: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['auto', 'required', 'off'])
        .default('auto')
        .describe("The box the agent and every command it can cause to run live in (bubblewrap on Linux): their own processes and /proc, the item's worktree the only writable place, the checkout, RUNNER_TEMP and credential files absent. auto uses it where it works and warns where it cannot; required refuses to run without it; off runs without it."),
    network: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['restricted', 'open'])
        .default('restricted')
        .describe("The box's network: restricted gives it its own, through which only the model and the network_allow hosts are reached; open shares the machine's."),
    network_allow: stringList([
        'registry.npmjs.org',
        'registry.yarnpkg.com',
        'pypi.org',
        'files.pythonhosted.org',
        'index.crates.io',
        'static.crates.io',
        'proxy.golang.org',
        'sum.golang.org',
        'rubygems.org',
        'repo.maven.apache.org',
        'repo1.maven.org',
        'plugins.gradle.org',
        'services.gradle.org',
        'api.nuget.org',
        'repo.packagist.org'
    ], 'Hosts the agent and its commands may reach from a restricted box, over HTTPS through a proxy (HTTPS_PROXY); .example.com allows its subdomains too. The default is the public package registries, so that set-up commands (npm ci, pip install) work; [] allows none.')
})
    .prefault({})
    .describe('Limits on what the agent may do.');
const TrustSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    min_permission: PermissionSchema.default('write').describe('Least repository permission of a person whose label, comment or review CCAL acts on.'),
    allowed_bots: stringList([], 'Bot accounts whose labels and comments count (bots are ignored otherwise).')
})
    .prefault({})
    .describe('Whose requests count.');
const BudgetsSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    cost_per_run_usd: usd(5, 'Model spend one run may reach.'),
    cost_per_day_usd: usd(20, 'Model spend per UTC day, across runs.'),
    max_open_prs: nonNegativeInt()
        .default(5)
        .describe('Open CCAL pull requests at most; no new work beyond it.'),
    prs_per_hour: nonNegativeInt().default(3).describe('Pull requests opened per hour at most.'),
    cost_per_item_usd: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .positive()
        .optional()
        .describe('The most one item may spend (--max-budget-usd), reserved from the run and day budgets before it starts, so items running at once never pass them; default: the run budget shared by loop.max_concurrent_work.')
})
    .prefault({})
    .describe('Spending limits, kept across runs in the ledger.');
const PullRequestsSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    draft: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().default(true).describe('Open pull requests as drafts.'),
    labels: stringList(['ccal'], 'Labels put on every CCAL pull request.'),
    reviewers: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/, 'expected a login (alice) or an organization team (my-org/reviewers), without @'))
        .default([])
        .describe('People (logins) and teams (org/team) asked to review each new pull request; GitHub refuses anyone who is not a collaborator (a warning, the pull request stays open).'),
    assignees: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a login (alice), without @'))
        .max(10, 'GitHub assigns at most 10 people')
        .default([])
        .describe('People assigned to each new pull request; GitHub drops anyone without push access.'),
    branch_prefix: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^[A-Za-z0-9._-]+\/$/, "expected a prefix ending in '/', such as ccal/")
        .default('ccal/')
        .describe("Prefix of CCAL's branches; also how CCAL recognises its own pull requests."),
    base_branch: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .optional()
        .describe("Branch pull requests target; the repository's default when unset."),
    sign_commits: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(false)
        .describe("Make CCAL's commits through GitHub's API (the GraphQL createCommitOnBranch mutation) instead of git push, so GitHub signs them and marks them verified: turn on when branch protection or a ruleset requires signed commits. The commits are authored by the token's user (identity is not used), and a change that sets the executable bit, adds an executable file, or touches a symlink or submodule fails the item (the API cannot express file modes).")
})
    .prefault({})
    .describe('Pull requests CCAL opens.');
const WorkspaceSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    directory: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .optional()
        .describe("Where CCAL keeps its own clone and the worktree each item is worked in; default RUNNER_TEMP/ccal under Actions, else $XDG_CACHE_HOME/ccal (~/.cache/ccal). The maintainer's checkout is never written."),
    setup_command: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .min(1)
        .optional()
        .describe('Command run in each new worktree before the agent (for example `npm ci`): a fresh worktree has no dependencies or build output.'),
    setup_timeout_seconds: positiveInt().default(600).describe('Time limit for the setup command.'),
    reuse: stringList([], "Ignored directories of the checkout (for example node_modules) copied into each new worktree when the lock files are the same as the checkout's, before the setup command.")
})
    .prefault({})
    .describe('The worktrees items are worked in.');
const IdentitySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).default('ccal[bot]').describe('Git author and committer name of CCAL commits.'),
    email: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^[^\s@]+@[^\s@]+$/, 'expected an e-mail address')
        .default('ccal-bot@users.noreply.github.com')
        .describe('Git author and committer e-mail of CCAL commits.')
})
    .prefault({})
    .describe("CCAL's git identity.");
const DashboardSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    enabled: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(true)
        .describe('Keep one Dashboard issue (label ccal) rebuilt from the ledger after each cycle, whose checkboxes steer items.'),
    title: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).max(256).default('CCAL Dashboard').describe("The Dashboard issue's title."),
    approval_required: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(_ledger_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .ItemTypeSchema */ .jF)
        .default([])
        .describe("Item types (coverage, lint, …) whose new items wait for an 'approve' tick on the dashboard before any work starts.")
})
    .prefault({})
    .describe('The Dashboard issue: what CCAL is doing, and checkboxes to steer it.');
/** Everything under the top-level `ccal:` key. */
const SettingsSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    loop: LoopSchema,
    claude: ClaudeSchema,
    verify: VerifySchema,
    discovery: DiscoverySchema,
    ledger: LedgerSchema,
    learning: LearningSchema,
    monitoring: MonitoringSchema,
    safety: SafetySchema,
    trust: TrustSchema,
    budgets: BudgetsSchema,
    pull_requests: PullRequestsSchema,
    dashboard: DashboardSchema,
    identity: IdentitySchema,
    workspace: WorkspaceSchema,
    storage: zod__WEBPACK_IMPORTED_MODULE_2__/* .unknown */ .L5J()
        .optional()
        .describe("The original plan's SQLite storage; accepted and ignored: the ledger branch replaced it.")
})
    .prefault({})
    .describe('CCAL settings.');
/** A whole config file: the `ccal:` key and nothing else. */
const ConfigFileSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ ccal: SettingsSchema })
    .describe('CCAL configuration file (.github/ccal.yml).');
/** The settings a config file that says nothing gets. */
function defaultSettings() {
    return SettingsSchema.parse({});
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


/***/ })

};
