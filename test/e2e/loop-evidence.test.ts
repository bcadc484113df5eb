/**
 * Evidence-driven work end to end (dist/index.js, the real Claude Code CLI against the scripted model
 * server, the GitHub emulator, real git): a failed CI run on the default branch and a SARIF report
 * each become one batched pull request that fixes what they report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { ScriptInput } from '../support/model-server/index.js'
import { git } from '../support/repos.js'
import { ESLINT_BIN, SANDBOX_LINT, type SandboxProject } from '../support/sandbox-project.js'
import { webhookExample } from '../support/webhooks.js'
import {
  OWNER,
  REPO,
  REPO_ROOT,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  failedRun,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** Where GitHub-hosted runners check the sandbox out; CI logs name files under it. */
const RUNNER_CHECKOUT = `/home/runner/work/${REPO}/${REPO}`

/**
 * The log of a failed `node --test` job as the Actions runner writes it: timestamped lines, the step
 * in a `##[group]`, the exit-code error. The step's output is the sandbox's real `node --test`
 * failure, with the checkout path the runner would have printed.
 */
function failedTestJobLog(sandbox: SandboxProject): string {
  const run = sandbox.run(sandbox.testCommand)
  expect(run.exitCode).toBe(1)
  const output = run.stdout.split(sandbox.dir).join(RUNNER_CHECKOUT).trimEnd().split('\n')
  const lines = [
    'Requested labels: ubuntu-latest',
    `Job defined at: ${OWNER}/${REPO}/.github/workflows/ci.yml@refs/heads/main`,
    '##[group]Run actions/checkout@v5',
    'with:',
    `  repository: ${OWNER}/${REPO}`,
    '##[endgroup]',
    '##[group]Run node --test',
    '\u001b[36;1mnode --test\u001b[0m',
    'shell: /usr/bin/bash -e {0}',
    '##[endgroup]',
    ...output,
    '##[error]Process completed with exit code 1.',
    'Post job cleanup.'
  ]
  const start = Date.now() - 60_000
  return `${lines.map((line, index) => `${new Date(start + index * 137).toISOString().replace('Z', '0000Z')} ${line}`).join('\n')}\n`
}

/**
 * A real `workflow_run.completed` payload from GitHub's examples, edited: the examples hold no
 * failed run (NOTES.md), so its conclusion is set to `failure` and it is pointed at `run`.
 */
function workflowRunFailedPayload(run: { id: number; head_sha: string }): unknown {
  const payload = webhookExample('workflow_run', 'completed') as Record<string, Record<string, unknown>>
  payload.workflow_run = {
    ...payload.workflow_run,
    id: run.id,
    name: 'CI',
    head_branch: 'main',
    head_sha: run.head_sha,
    status: 'completed',
    conclusion: 'failure',
    event: 'push',
    pull_requests: []
  }
  payload.repository = { ...payload.repository, name: REPO, full_name: `${OWNER}/${REPO}` }
  return payload
}

describe('a failed CI run on the default branch', () => {
  it('becomes one ci_failure pull request that fixes it, and the same failure in a later run is no new one', async () => {
    world = await createWorld({ scenario: { issues: [] } })
    const head = git(world.sandbox.origin, 'rev-parse', 'main')
    const log = failedTestJobLog(world.sandbox)
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(4001, head, log) })

    const run = await world.runAction({
      name: 'workflow_run',
      payload: workflowRunFailedPayload({ id: 4001, head_sha: head })
    })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(1)
    const pull = pulls[0]!
    expect(pull.pull.head).toMatch(/^ccal\/ci-failure\//)
    expect(git(world.sandbox.origin, 'show', `${pull.pull.head}:src/math.js`)).toContain('return a + b')
    const item = world.itemOfPull(pull.body)
    expect(item.type).toBe('ci_failure')
    expect(item.status).toBe('pr_open')
    expect(item.pr?.number).toBe(pull.number)

    // The same failure in the next CI run: the known item counts it, no second PR.
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(4002, head, log) })
    world.model.setScript(fixBugScript())
    const again = await world.runAction(SCHEDULE_EVENT)

    expect(again.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(again.outputs['items-executed']).toBe('0')
    expect(world.itemOfPull(pull.body).occurrences).toBe(2)
  })
})

describe('two different failures of the same job and step', () => {
  it('become two items and two pull requests, and the second one in a third run is seen again', async () => {
    world = await createWorld({ scenario: { issues: [] } })
    const sandbox = world.sandbox
    const first = git(sandbox.origin, 'rev-parse', 'main')
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(5001, first, failedTestJobLog(sandbox)) })

    const one = await world.runAction({
      name: 'workflow_run',
      payload: workflowRunFailedPayload({ id: 5001, head_sha: first })
    })

    expect(one.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    const firstPull = world.gh.state.pulls()[0]!
    const additions = world.itemOfPull(firstPull.body)

    // main moves on: add() is fixed, and a change breaks shout() — the same step now fails otherwise.
    git(sandbox.dir, 'checkout', '--quiet', 'main')
    sandbox.repos.commitFiles(
      sandbox.dir,
      {
        'src/math.js': readFileSync(join(sandbox.dir, 'src/math.js'), 'utf8').replace(
          'return a - b',
          'return a + b'
        ),
        'src/strings.js': readFileSync(join(sandbox.dir, 'src/strings.js'), 'utf8').replace(
          'toUpperCase',
          'toLowerCase'
        )
      },
      'Fix add(), rework shout()'
    )
    git(sandbox.dir, 'push', '--quiet', 'origin', 'main')
    const second = git(sandbox.origin, 'rev-parse', 'main')
    const otherFailure = failedTestJobLog(sandbox)
    expect(otherFailure).toContain('shout')
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(5002, second, otherFailure) })
    world.model.setScript([
      { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/strings.js' } }] },
      {
        tool_use: [
          {
            name: 'Edit',
            input: { file_path: '$CWD/src/strings.js', old_string: 'toLowerCase', new_string: 'toUpperCase' }
          }
        ]
      },
      { tool_use: [{ name: 'Bash', input: { command: 'node --test', description: 'Run the tests' } }] },
      { text: 'shout() upper-cases again; `node --test` passes.' }
    ])

    const two = await world.runAction({
      name: 'workflow_run',
      payload: workflowRunFailedPayload({ id: 5002, head_sha: second })
    })

    expect(two.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(2)
    const secondPull = pulls.find(pull => pull.number !== firstPull.number)!
    const shouting = world.itemOfPull(secondPull.body)
    expect(shouting.fingerprint).not.toBe(additions.fingerprint)
    expect(shouting.type).toBe('ci_failure')
    expect(shouting.title).not.toBe(additions.title)
    expect(git(sandbox.origin, 'show', `${secondPull.pull.head}:src/strings.js`)).toContain('toUpperCase')
    expect(world.itemOfPull(firstPull.body).occurrences).toBe(1)

    // The second failure again, in a third run of the same job: the item it made counts it.
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(5003, second, otherFailure) })
    const three = await world.runAction({
      name: 'workflow_run',
      payload: workflowRunFailedPayload({ id: 5003, head_sha: second })
    })

    expect(three.status).toBe(0)
    expect(three.outputs['items-executed']).toBe('0')
    expect(world.gh.state.pulls()).toHaveLength(2)
    expect(world.itemOfPull(secondPull.body).occurrences).toBe(2)
    expect(world.itemOfPull(firstPull.body).occurrences).toBe(1)
  })
})

/**
 * A SARIF 2.1.0 report of the sandbox's real ESLint findings, in the shape
 * `@microsoft/eslint-formatter-sarif` writes (test/fixtures/findings/eslint/eslint.sarif; the
 * formatter is not installed here): the findings come from running the repository's ESLint on the
 * sandbox with `--format json`, the tool and rule metadata from the fixture.
 */
function eslintSarif(sandbox: SandboxProject): string {
  const lint = sandbox.run([...sandbox.lintCommand, '--format', 'json'])
  expect(lint.exitCode).toBe(1)
  const files = JSON.parse(lint.stdout) as Array<{
    filePath: string
    messages: Array<{
      ruleId: string
      severity: number
      message: string
      line: number
      column: number
      endLine?: number
      endColumn?: number
    }>
  }>
  const fixture = JSON.parse(
    readFileSync(join(REPO_ROOT, 'test/fixtures/findings/eslint/eslint.sarif'), 'utf8')
  ) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } & Record<string, unknown> } }> }
  const driver = fixture.runs[0]!.tool.driver
  const withFindings = files.filter(file => file.messages.length > 0)
  const ruleIds = [...new Set(withFindings.flatMap(file => file.messages.map(message => message.ruleId)))]
  const rules = ruleIds.map(id => driver.rules.find(rule => rule.id === id) ?? { id })
  const report = {
    version: '2.1.0',
    $schema: 'http://json.schemastore.org/sarif-2.1.0-rtm.5',
    runs: [
      {
        tool: { driver: { ...driver, rules } },
        artifacts: withFindings.map(file => ({ location: { uri: `file://${file.filePath}` } })),
        results: withFindings.flatMap((file, index) =>
          file.messages.map(message => ({
            level: message.severity === 2 ? 'error' : 'warning',
            message: { text: message.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: `file://${file.filePath}`, index },
                  region: {
                    startLine: message.line,
                    startColumn: message.column,
                    ...(message.endLine ? { endLine: message.endLine } : {}),
                    ...(message.endColumn ? { endColumn: message.endColumn } : {})
                  }
                }
              }
            ],
            ruleId: message.ruleId,
            ruleIndex: ruleIds.indexOf(message.ruleId)
          }))
        )
      }
    ]
  }
  return `${JSON.stringify(report, null, 2)}\n`
}

/** The agent removes the unused variable and runs the linter. */
const FIX_LINT_SCRIPT: ScriptInput = [
  { tool_use: [{ name: 'Read', input: { file_path: `$CWD/${SANDBOX_LINT.file}` } }] },
  {
    tool_use: [
      {
        name: 'Edit',
        input: {
          file_path: `$CWD/${SANDBOX_LINT.file}`,
          old_string: `  const ${SANDBOX_LINT.name} = '!'\n`,
          new_string: ''
        }
      }
    ]
  },
  { text: `Removed the unused \`${SANDBOX_LINT.name}\` from ${SANDBOX_LINT.file}.` },
  // Told that `node --test` fails, the agent answers the retry: the failure is not the lint fix's.
  { text: `Removed the unused \`${SANDBOX_LINT.name}\`; the failing add() test is unrelated to this fix.` }
]

describe('a SARIF report of lint findings', () => {
  it('becomes one lint pull request that fixes the finding', async () => {
    // Verification runs the tests and the linter. The tests already fail on the base branch (the
    // sandbox bug): the lint fix must be delivered anyway, since it adds no failure of its own.
    const config = {
      ccal: {
        ...SANDBOX_CONFIG.ccal,
        verify: { test_command: 'node --test', lint_command: `node ${ESLINT_BIN} .` },
        discovery: { lint: { enabled: true, reports: ['reports/eslint.sarif'] } }
      }
    }
    world = await createWorld({ config, scenario: { issues: [] }, script: FIX_LINT_SCRIPT })
    // A workflow step wrote the report into the checkout before CCAL ran (it is not committed).
    const reportPath = join(world.sandbox.dir, 'reports/eslint.sarif')
    mkdirSync(dirname(reportPath), { recursive: true })
    writeFileSync(reportPath, eslintSarif(world.sandbox))

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(1)
    const pull = pulls[0]!
    expect(pull.pull.head).toMatch(/^ccal\/lint\//)
    expect(pull.title).toContain(SANDBOX_LINT.rule)
    expect(git(world.sandbox.origin, 'show', `${pull.pull.head}:${SANDBOX_LINT.file}`)).not.toContain(
      SANDBOX_LINT.name
    )
    expect(git(world.sandbox.origin, 'diff', '--name-only', `main...${pull.pull.head}`)).toBe(
      SANDBOX_LINT.file
    )
    expect(pull.body).toContain('- Verification: fails on the base branch too; this change adds no failure')
    expect(pull.body).toContain('the failing add() test is unrelated to this fix')
    // Before and after: the linter, run as the lint check, reports none of the batch's findings.
    expect(pull.body).toMatch(
      /- Findings: 1 eslint finding before, none of them after \(`[^`]+` passes with nothing reported\)/
    )
    expect(world.model.requests().some(request => request.exhausted)).toBe(false)
    const item = world.itemOfPull(pull.body)
    expect(item.type).toBe('lint')
    expect(item.status).toBe('pr_open')
    expect(run.outputs['items-executed']).toBe('1')
  })
})
