export const id = 154;
export const ids = [154];
export const modules = {

/***/ 2154:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkToken: () => (/* binding */ checkToken),
  initCommand: () => (/* binding */ initCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/config/load.js + 3 modules
var load = __webpack_require__(430);
// EXTERNAL MODULE: ./lib/core/repository.js
var core_repository = __webpack_require__(1203);
// EXTERNAL MODULE: ./lib/git/git.js
var git_git = __webpack_require__(5216);
// EXTERNAL MODULE: ./lib/github/client.js
var client = __webpack_require__(636);
;// CONCATENATED MODULE: ./lib/onboarding/templates.js
/**
 * What `ccal init` writes into a repository: the heartbeat workflow and a starting config. The
 * workflow is also docs/workflows/ccal.yml and the README's quick start (`npm run schema` writes
 * the first; `npm run lint:workflows` checks the second), so what people copy is what init writes.
 */
/** The heartbeat workflow, `.github/workflows/ccal.yml`. */
const WORKFLOW_TEMPLATE = `# The heartbeat workflow: copy to .github/workflows/ccal.yml in your repository.
# Every 30 minutes, and whenever something CCAL cares about happens, one cycle runs:
# discover → plan → execute → open or update pull requests → learn → report.
name: CCAL

on:
  schedule:
    - cron: '*/30 * * * *'
  issues:
    types: [labeled]
  issue_comment:
    types: [created]
  workflow_run:
    workflows: [CI]
    types: [completed]
  pull_request_review:
    types: [submitted]
  pull_request:
    types: [closed]
  workflow_dispatch:

# One cycle at a time per repository; a queued run waits instead of cancelling the running one.
concurrency:
  group: ccal-\${{ github.repository }}
  cancel-in-progress: false

# What CCAL does with each: pushes its branches and the ledger branch; opens and updates its pull
# requests; comments on and labels issues; reads failed runs, their jobs and logs; reads checks.
permissions:
  contents: write
  pull-requests: write
  issues: write
  actions: read
  checks: read

jobs:
  ccal:
    # Only what CCAL acts on starts a job: a /ccal command from a person, a review or a closed pull
    # request on CCAL's own branches, a run that did not succeed. Everything else is skipped here.
    if: >-
      (github.event_name != 'issue_comment' ||
        (contains(github.event.comment.body, '/ccal') && github.event.comment.user.type != 'Bot')) &&
      (github.event_name != 'pull_request_review' && github.event_name != 'pull_request' ||
        startsWith(github.event.pull_request.head.ref, 'ccal/')) &&
      (github.event_name != 'workflow_run' || github.event.workflow_run.conclusion != 'success')
    runs-on: ubuntu-latest
    timeout-minutes: 90
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0
          persist-credentials: false
      - uses: ccal-action/ccal-action@v1
        with:
          anthropic-api-key: \${{ secrets.ANTHROPIC_API_KEY }}
          # A GitHub App or PAT token lets CCAL's pull requests trigger your CI; github.token does not.
          github-token: \${{ secrets.CCAL_TOKEN || github.token }}
`;
/** Where CCAL's settings schema is published, for editors (`yaml-language-server`). */
const SCHEMA_URL = 'https://raw.githubusercontent.com/ccal-action/ccal-action/v1/config/ccal.schema.json';
/** The repository's test command, guessed from its build files; undefined when nothing says. */
function detectTestCommand(files) {
    const manifest = files.read('package.json');
    if (manifest) {
        try {
            const scripts = JSON.parse(manifest).scripts;
            if (typeof scripts?.test === 'string' && !/no test specified/.test(scripts.test))
                return 'npm test';
        }
        catch {
            // An unreadable package.json says nothing about the tests.
        }
    }
    if (files.has('go.mod'))
        return 'go test ./...';
    if (files.has('Cargo.toml'))
        return 'cargo test';
    if (files.has('pyproject.toml') || files.has('pytest.ini') || files.has('setup.cfg'))
        return 'python -m pytest';
    return undefined;
}
/**
 * `.github/ccal.yml`: only the keys people change first, each with its meaning; every other key
 * and its default is in config/ccal.example.yml.
 */
function configTemplate(testCommand) {
    return [
        `# yaml-language-server: $schema=${SCHEMA_URL}`,
        "# CCAL's settings. Every key, its default and its meaning: config/ccal.example.yml of ccal-action.",
        'ccal:',
        '  discovery:',
        '    issues:',
        '      # An open issue with one of these labels, applied by someone with write access, becomes work.',
        '      labels: [ccal-task]',
        '  budgets:',
        '    # What CCAL may spend on the model per UTC day, across all runs.',
        '    cost_per_day_usd: 20',
        '  verify:',
        '    # Run before a pull request is opened; a failure goes back to the agent first.',
        testCommand ? `    test_command: ${JSON.stringify(testCommand)}` : '    # test_command: "npm test"',
        '  pull_requests:',
        '    # Open pull requests as drafts.',
        '    draft: false',
        ''
    ].join('\n');
}

// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(9661);
// EXTERNAL MODULE: ./lib/util/logger.js
var logger = __webpack_require__(1634);
// EXTERNAL MODULE: ./lib/cli/io.js
var cli_io = __webpack_require__(8908);
// EXTERNAL MODULE: ./lib/cli/commands/run.js + 79 modules
var run = __webpack_require__(5048);
;// CONCATENATED MODULE: ./lib/cli/commands/init.js
/**
 * `ccal init`: sets a repository up for CCAL. It writes the heartbeat workflow and a starting
 * config (never over a file that differs, unless --force), and with a token it creates the labels
 * CCAL uses, checks the repository setting that lets Actions open pull requests, and ends with a
 * dry run: what the first cycle would do. Run twice, it changes nothing.
 */











const USAGE = [
    'Usage: ccal init [--repo DIR] [--force]',
    '',
    'Sets the repository up for CCAL:',
    '  .github/workflows/ccal.yml  the workflow that runs a cycle on a schedule and on the events CCAL acts on',
    '  .github/ccal.yml            the settings people change first',
    'A file that exists and differs is kept unless --force. With GITHUB_TOKEN or GH_TOKEN it also',
    'creates the labels CCAL uses, checks that GitHub Actions may open pull requests, and ends',
    'with a dry run of the first cycle.'
].join('\n');
const WORKFLOW_PATH = '.github/workflows/ccal.yml';
const CONFIG_PATH = '.github/ccal.yml';
function writeOnce(root, path, text, force) {
    const full = (0,external_node_path_.join)(root, path);
    if ((0,external_node_fs_.existsSync)(full)) {
        if ((0,external_node_fs_.readFileSync)(full, 'utf8') === text)
            return 'unchanged';
        if (!force)
            return 'kept';
        (0,external_node_fs_.writeFileSync)(full, text);
        return 'replaced';
    }
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(full), { recursive: true });
    (0,external_node_fs_.writeFileSync)(full, text);
    return 'created';
}
const FILE_LINES = {
    created: path => `created ${path}`,
    unchanged: path => `unchanged ${path}`,
    kept: path => `kept ${path}: it differs from what init writes (--force replaces it)`,
    replaced: path => `replaced ${path}`
};
/** The labels CCAL reads or puts on things, with a colour and what each is for. */
function wantedLabels(settings) {
    const triggers = settings.discovery.issues.labels.map(name => ({
        name,
        color: '5319e7',
        description: 'CCAL works on this issue (applied by someone with write access)'
    }));
    const marks = settings.pull_requests.labels.map(name => ({
        name,
        color: '0e8a16',
        description: 'Opened by CCAL'
    }));
    const priorities = Object.entries(settings.discovery.issues.priority_labels)
        .filter(([name]) => name.startsWith('priority:'))
        .map(([name, priority]) => ({
        name,
        color: ['b60205', 'd93f0b', 'fbca04', 'c5def5', 'ededed'][priority - 1] ?? 'ededed',
        description: `CCAL priority ${priority} (1 most urgent)`
    }));
    const seen = new Set();
    return [...triggers, ...marks, ...priorities].filter(label => {
        const key = label.name.toLowerCase();
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** Creates the labels the repository lacks; returns one line per label. */
async function ensureLabels(github, settings) {
    const existing = await github.rest.paginate(github.rest.rest.issues.listLabelsForRepo, {
        owner: github.owner,
        repo: github.repo,
        per_page: 100
    });
    const have = new Set(existing.map(label => label.name.toLowerCase()));
    const lines = [];
    for (const label of wantedLabels(settings)) {
        if (have.has(label.name.toLowerCase())) {
            lines.push(`label '${label.name}' exists`);
            continue;
        }
        await github.rest.rest.issues.createLabel({ owner: github.owner, repo: github.repo, ...label });
        lines.push(`created label '${label.name}'`);
    }
    return lines;
}
/** Whether the workflow's own token may open pull requests, and what to change if not. */
async function checkWorkflowPermissions(github) {
    try {
        const { data } = await github.rest.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({
            owner: github.owner,
            repo: github.repo
        });
        if (data.can_approve_pull_request_reviews)
            return 'GitHub Actions may open pull requests in this repository';
        return ("GitHub Actions may not open pull requests here, so CCAL cannot with the workflow's own token. Change: " +
            'Settings → Actions → General → Workflow permissions → tick "Allow GitHub Actions to create and approve pull requests", ' +
            'or give CCAL a GitHub App token as github-token (see the README, "Which token").');
    }
    catch (error) {
        const status = (0,errors/* httpStatus */.nG)(error);
        if (status === 403 || status === 404)
            return `could not read the repository's Actions settings with this token (${status}): check Settings → Actions → General → Workflow permissions by hand`;
        throw error;
    }
}
/**
 * What the token init runs with may do, and what to change if it falls short: the repository's
 * `permissions` for its user, and a classic token's scopes (`x-oauth-scopes`; other tokens have none
 * GitHub lists). The same rules hold for the token the workflow gives CCAL as github-token.
 */
async function checkToken(github) {
    const { data, headers } = await github.rest.rest.repos.get({ owner: github.owner, repo: github.repo });
    const where = `${github.owner}/${github.repo}`;
    const lines = [];
    if (data.permissions && !data.permissions.push)
        lines.push(`this token may not write to ${where} (it can ${data.permissions.triage ? 'triage' : 'only read'}): CCAL needs write access to push its branches, open pull requests and label issues`);
    const header = headers['x-oauth-scopes'];
    if (typeof header === 'string') {
        const scopes = new Set(header
            .split(',')
            .map(scope => scope.trim())
            .filter(Boolean));
        const enough = scopes.has('repo') || (!data.private && scopes.has('public_repo'));
        if (!enough)
            lines.push(`this classic token has the scopes ${scopes.size > 0 ? [...scopes].join(', ') : '(none)'}: CCAL needs ${data.private ? 'repo' : 'repo (or public_repo)'}; add it at https://github.com/settings/tokens`);
        else if (!scopes.has('workflow'))
            lines.push('this classic token has no workflow scope: a change the agent makes to .github/workflows would be refused (CCAL keeps the agent out of them by default)');
        if (lines.length === 0)
            lines.push(`the token's scopes are enough (${[...scopes].join(', ')})`);
    }
    else if (lines.length === 0) {
        lines.push("the token may write here; GitHub does not list a fine-grained or App token's permissions: CCAL needs Contents, Pull requests and Issues: write, Actions and Checks: read");
    }
    return lines;
}
const initCommand = async (args, io) => {
    const { values, positionals } = (0,cli_io/* parseCommandArgs */.Q)('init', args, {
        repo: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
    });
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (positionals.length > 0)
        throw new errors/* UsageError */.eb(`ccal init: unexpected argument '${positionals[0]}'`);
    const root = (0,external_node_path_.resolve)(io.cwd, values.repo ?? '.');
    const git = (0,git_git/* createGit */.lD)({ cwd: root });
    const top = await git.exec(['rev-parse', '--show-toplevel']);
    if (top.exitCode !== 0)
        throw new errors/* CcalError */.WK(`ccal init: ${root} is not inside a git repository`);
    const files = {
        has: (path) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, path)),
        read: (path) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, path)) ? (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, path), 'utf8') : undefined
    };
    const force = values.force === true;
    for (const [path, text] of [
        [WORKFLOW_PATH, WORKFLOW_TEMPLATE],
        [CONFIG_PATH, configTemplate(detectTestCommand(files))]
    ])
        io.stdout(FILE_LINES[writeOnce(root, path, text, force)](path));
    const token = (0,core_repository/* tokenFromEnvironment */.ns)(io.env);
    if (!token) {
        io.stdout([
            '',
            'No GITHUB_TOKEN or GH_TOKEN: the labels and the repository settings were not checked, and no dry run was made.',
            'Next: commit the files, add the ANTHROPIC_API_KEY secret, and label an issue ccal-task.'
        ].join('\n'));
        return 0;
    }
    const { settings } = (0,load/* loadSettings */.M5)({ root, env: io.env });
    const origin = await git.exec(['remote', 'get-url', 'origin']);
    const repository = (0,core_repository/* resolveRepository */.BN)(io.env, origin.exitCode === 0 ? origin.stdout.trim() : undefined);
    const github = (0,client/* createGitHubClient */.LX)({
        token,
        ...repository,
        ...(0,core_repository/* resolveApiEndpoints */.ty)(io.env),
        logger: logger/* silentLogger */.qq,
        timeoutMs: settings.loop.request_timeout_seconds * 1000
    });
    io.stdout('');
    try {
        for (const line of await ensureLabels(github, settings))
            io.stdout(line);
        io.stdout(await checkWorkflowPermissions(github));
        for (const line of await checkToken(github))
            io.stdout(line);
    }
    catch (error) {
        throw new errors/* CcalError */.WK(`ccal init: ${repository.owner}/${repository.repo}: ${(0,errors/* errorMessage */.gJ)(error)}`, {
            cause: error
        });
    }
    io.stdout('\nWhat the first cycle would do (a dry run: nothing is executed, pushed or written):');
    return (0,run.runCommand)(['--once', '--dry-run', '--repo', root], io);
};


/***/ })

};
