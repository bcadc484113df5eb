export const id = 880;
export const ids = [880];
export const modules = {

/***/ 4880:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  configCommand: () => (/* binding */ configCommand),
  redactedCredentials: () => (/* binding */ redactedCredentials)
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./lib/config/keys.js
var keys = __webpack_require__(3008);
;// CONCATENATED MODULE: ./lib/config/documents.js
/**
 * Documents generated from the settings schema and committed: config/ccal.schema.json (for editors
 * and validation outside CCAL) and config/ccal.example.yml (every key, its default and its meaning).
 * CI regenerates both and fails when the committed copies differ.
 */


/** JSON Schema of a whole config file (the top-level `ccal:` key and everything below it). */
function configFileJsonSchema() {
    const settings = (0,keys/* settingsJsonSchema */.H9)();
    delete settings.$schema;
    return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'https://github.com/ccal-action/ccal-action/config/ccal.schema.json',
        title: 'CCAL configuration',
        description: 'Configuration of CCAL, the Claude Code Autonomous Loop (.github/ccal.yml).',
        type: 'object',
        properties: { ccal: settings },
        additionalProperties: false
    };
}
/** The JSON Schema file's text, stably formatted. */
function renderJsonSchema() {
    return `${JSON.stringify(configFileJsonSchema(), null, 2)}\n`;
}
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && line.length + word.length + 1 > width) {
            lines.push(line);
            line = word;
        }
        else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line)
        lines.push(line);
    return lines;
}
function inlineYaml(value) {
    return stringify(value, { flow: true, lineWidth: 0 }).trim();
}
const EXAMPLES = {
    'claude.model': 'claude-sonnet-4-5',
    'claude.fallback_model': 'claude-haiku-4-5',
    'claude.append_system_prompt': 'Follow the conventions in CONTRIBUTING.md.',
    'verify.test_command': 'npm test',
    'verify.lint_command': 'npx eslint .',
    'monitoring.metrics.file': 'ccal-metrics.prom',
    'monitoring.metrics.port': '9464',
    'monitoring.transcripts.retention_days': '7',
    'pull_requests.base_branch': 'main'
};
/**
 * The example config: every section and key in schema order, each preceded by its description,
 * with its default value. Keys without a default are shown commented out with an example value.
 */
function renderExampleConfig() {
    const out = [
        '# CCAL configuration — every key with its default value and what it means.',
        '# Copy to .github/ccal.yml and keep only what you change. Generated from src/config/schema.ts',
        '# by `npm run schema`; editors can validate against config/ccal.schema.json.',
        '# yaml-language-server: $schema=./ccal.schema.json',
        'ccal:'
    ];
    const sections = new Map(settingSections().map(section => [section.path.join('.'), section]));
    const opened = new Set();
    for (const key of settingKeys()) {
        for (let depth = 1; depth < key.path.length; depth++) {
            const sectionPath = key.path.slice(0, depth).join('.');
            if (opened.has(sectionPath))
                continue;
            opened.add(sectionPath);
            const indent = '  '.repeat(depth);
            const section = sections.get(sectionPath);
            if (depth === 1)
                out.push('');
            for (const line of wrap(section?.description ?? '', 96 - indent.length))
                out.push(`${indent}# ${line}`);
            out.push(`${indent}${key.path[depth - 1]}:`);
        }
        const indent = '  '.repeat(key.path.length);
        const name = key.path[key.path.length - 1];
        const dotted = key.path.join('.');
        if (key.kind === 'any') {
            out.push('');
            for (const line of wrap(key.description, 96 - indent.length))
                out.push(`${indent}# ${line}`);
            out.push(`${indent}# ${name}: { path: ccal.db }`);
            continue;
        }
        for (const line of wrap(key.description, 96 - indent.length))
            out.push(`${indent}# ${line}`);
        if (key.enumValues && key.kind === 'enum')
            out.push(`${indent}# One of: ${key.enumValues.join(', ')}.`);
        if (key.default === undefined) {
            out.push(`${indent}# ${name}: ${EXAMPLES[dotted] ?? '…'}`);
        }
        else {
            out.push(`${indent}${name}: ${inlineYaml(key.default)}`);
        }
    }
    return `${out.join('\n')}\n`;
}

// EXTERNAL MODULE: ./lib/config/load.js + 3 modules
var load = __webpack_require__(430);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(9661);
// EXTERNAL MODULE: ./lib/cli/io.js
var cli_io = __webpack_require__(8908);
;// CONCATENATED MODULE: ./lib/cli/commands/config.js
/**
 * `ccal config validate [path]`, `ccal config print`, `ccal config schema`.
 */





const SUBCOMMANDS = 'validate [path] | print [--config PATH] [--json] | schema';
/** Secrets CCAL reads from the environment, shown in `config print` only as set or not set. */
const CREDENTIAL_VARIABLES = {
    github_token: ['GITHUB_TOKEN', 'GH_TOKEN'],
    github_app_private_key: ['CCAL_APP_PRIVATE_KEY_FILE', 'CCAL_APP_PRIVATE_KEY'],
    anthropic_api_key: ['ANTHROPIC_API_KEY'],
    claude_oauth_token: ['CLAUDE_CODE_OAUTH_TOKEN']
};
/** `***` with the variable it came from, or null: the value itself never leaves this function. */
function redactedCredentials(env) {
    return Object.fromEntries(Object.entries(CREDENTIAL_VARIABLES).map(([name, variables]) => {
        const source = variables.find(variable => (env[variable] ?? '') !== '');
        return [name, source ? `*** (from ${source})` : null];
    }));
}
function printProblems(io, error) {
    for (const problem of error.problems)
        io.stderr(problem);
    io.stderr(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found`);
    return 1;
}
async function validate(args, io) {
    const { values, positionals } = (0,cli_io/* parseCommandArgs */.Q)('config validate', args, { repo: { type: 'string' } });
    if (positionals.length > 1)
        throw new errors/* UsageError */.eb(`ccal config validate: expected at most one path, found ${positionals.length}`);
    const named = positionals[0];
    try {
        // Validates the file itself: CCAL_* variables of this shell are not part of it.
        const loaded = (0,load/* loadSettings */.M5)({
            root: values.repo ?? io.cwd,
            configPath: named ?? load/* DEFAULT_CONFIG_PATH */.Bi,
            configRequired: named !== undefined
        });
        for (const warning of loaded.warnings)
            io.stderr(`warning: ${warning}`);
        io.stdout(loaded.configFound
            ? `${loaded.configPath}: valid`
            : `${loaded.configPath}: not found; the defaults apply (they are valid)`);
        return 0;
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.xL)
            return printProblems(io, error);
        throw error;
    }
}
async function print(args, io) {
    const { values, positionals } = (0,cli_io/* parseCommandArgs */.Q)('config print', args, { config: { type: 'string' }, repo: { type: 'string' }, json: { type: 'boolean' } }, false);
    void positionals;
    try {
        const loaded = (0,load/* loadSettings */.M5)({
            root: values.repo ?? io.cwd,
            configPath: values.config ?? io.env.CCAL_CONFIG ?? load/* DEFAULT_CONFIG_PATH */.Bi,
            configRequired: values.config !== undefined || io.env.CCAL_CONFIG !== undefined,
            env: io.env
        });
        for (const warning of loaded.warnings)
            io.stderr(`warning: ${warning}`);
        const { storage: _ignored, ...settings } = loaded.settings;
        const document = {
            source: loaded.configFound ? loaded.configPath : 'defaults (no config file)',
            ccal: settings,
            credentials: redactedCredentials(io.env)
        };
        io.stdout(values.json ? JSON.stringify(document, null, 2) : (0,dist/* stringify */.As)(document, { lineWidth: 0 }).trimEnd());
        return 0;
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.xL)
            return printProblems(io, error);
        throw error;
    }
}
/** `ccal config …` */
const configCommand = async (args, io) => {
    const [sub, ...rest] = args;
    switch (sub) {
        case 'validate':
            return validate(rest, io);
        case 'print':
            return print(rest, io);
        case 'schema':
            io.stdout(renderJsonSchema().trimEnd());
            return 0;
        case undefined:
        case '--help':
        case 'help':
            io.stdout(`Usage: ccal config ${SUBCOMMANDS}`);
            return sub === undefined ? 2 : 0;
        default:
            throw new errors/* UsageError */.eb(`ccal config: unknown subcommand '${sub}'; expected ${SUBCOMMANDS}`);
    }
};


/***/ })

};
