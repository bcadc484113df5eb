/**
 * What `ccal init` writes into a repository: the heartbeat workflow and a starting config. The
 * workflow is also docs/workflows/ccal.yml and the README's quick start (`npm run schema` writes
 * the first; `npm run lint:workflows` checks the second), so what people copy is what init writes.
 */

/** The heartbeat workflow, `.github/workflows/ccal.yml`. */
export const WORKFLOW_TEMPLATE = `# The heartbeat workflow: copy to .github/workflows/ccal.yml in your repository.
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
`

/** Where CCAL's settings schema is published, for editors (`yaml-language-server`). */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/ccal-action/ccal-action/v1/config/ccal.schema.json'

/** The repository's test command, guessed from its build files; undefined when nothing says. */
export function detectTestCommand(files: {
  has(path: string): boolean
  read(path: string): string | undefined
}): string | undefined {
  const manifest = files.read('package.json')
  if (manifest) {
    try {
      const scripts = (JSON.parse(manifest) as { scripts?: Record<string, unknown> }).scripts
      if (typeof scripts?.test === 'string' && !/no test specified/.test(scripts.test)) return 'npm test'
    } catch {
      // An unreadable package.json says nothing about the tests.
    }
  }
  if (files.has('go.mod')) return 'go test ./...'
  if (files.has('Cargo.toml')) return 'cargo test'
  if (files.has('pyproject.toml') || files.has('pytest.ini') || files.has('setup.cfg'))
    return 'python -m pytest'
  return undefined
}

/**
 * `.github/ccal.yml`: only the keys people change first, each with its meaning; every other key
 * and its default is in config/ccal.example.yml.
 */
export function configTemplate(testCommand: string | undefined): string {
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
  ].join('\n')
}
