/**
 * A whole world for end-to-end runs of CCAL: the sandbox project in a working clone with a bare
 * origin, the GitHub emulator holding the matching repository, issues and people, the scripted model
 * server, and the environment the Actions runner gives a JavaScript action (INPUT_*, GITHUB_*,
 * GITHUB_EVENT_PATH with a real webhook payload, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT). Used by the
 * end-to-end tests and by `npm run demo`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { startArtifactService, type ArtifactService } from './artifact-service/index.js'
import { claudeBinaryPath, claudeTestEnv, createClaudeHome } from './claude.js'
import { startGitHubEmulator, type GitHubEmulator } from './github-emulator/index.js'
import type { ScenarioInput } from './github-emulator/scenario.js'
import { startModelServer, type ModelServer, type ScriptInput } from './model-server/index.js'
import { parsePullMarker } from '../../src/discovery/marker.js'
import { WorkItemSchema, type WorkItem } from '../../src/ledger/schema.js'
import { GIT_TEST_ENV, git } from './repos.js'
import { createSandboxProject, type SandboxProject } from './sandbox-project.js'
import { webhookExample } from './webhooks.js'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')
export const OWNER = 'octo-org'
export const REPO = 'sandbox'
export const MAINTAINER = 'maintainer'
export const TOKEN = 'ghs_e2e_token_value'

/** The bug of the sandbox project, as an issue a maintainer labels. */
export const BUG_ISSUE = {
  number: 1,
  title: 'add() subtracts instead of adding',
  body: 'add(2, 3) returns -1 and `node --test` fails. It should return 5.'
} as const

/** A model script that fixes the sandbox bug the way an agent would: read, edit, run the tests, report. */
export function fixBugScript(
  summary = 'Fixed add() in src/math.js to add its operands; `node --test` passes.'
): ScriptInput {
  return [
    { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }] },
    {
      tool_use: [
        {
          name: 'Edit',
          input: { file_path: '$CWD/src/math.js', old_string: 'return a - b', new_string: 'return a + b' }
        }
      ]
    },
    { tool_use: [{ name: 'Bash', input: { command: 'node --test', description: 'Run the tests' } }] },
    { text: summary }
  ]
}

/** The CCAL config committed to the sandbox: verification with the project's tests, non-draft PRs. */
export const SANDBOX_CONFIG = {
  ccal: {
    verify: { test_command: 'node --test' },
    claude: { max_turns: 10, timeout_seconds: 120 },
    pull_requests: { draft: false }
  }
}

export interface WorldOptions {
  script?: ScriptInput
  /** Extra scenario keys merged over the default (repository, maintainer, the labelled bug issue). */
  scenario?: Partial<ScenarioInput>
  /** The CCAL config committed to the sandbox (SANDBOX_CONFIG by default; null: none, as in a fresh repository). */
  config?: unknown
  /** Extra environment of every action run (the runner's own tokens, say). */
  env?: Record<string, string>
  /** Start the artifact service and give every action run its ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL. */
  artifacts?: boolean
}

export interface ActionRun {
  status: number | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
}

/** A run of dist/index.js still going: its process (the leader of its own group) and its end. */
export interface StartedAction {
  child: ChildProcess
  done: Promise<ActionRun>
}

export interface World {
  sandbox: SandboxProject
  gh: GitHubEmulator
  model: ModelServer
  /** The artifact service, when the world was created with `artifacts: true`. */
  artifacts?: ArtifactService
  /** Runs dist/index.js as the runner does, for one event. */
  runAction(event: { name: string; payload: unknown }, inputs?: Record<string, string>): Promise<ActionRun>
  /**
   * Starts dist/index.js like `runAction` without waiting for it, in its own process group (as the
   * runner's job), so a test can kill the whole group (the action and the Claude CLI under it).
   */
  startAction(event: { name: string; payload: unknown }, inputs?: Record<string, string>): StartedAction
  /**
   * Runs the bundled `ccal` command (dist/cli/index.js) in the sandbox checkout, outside Actions,
   * pointed at this world's servers: `GITHUB_TOKEN` and the model unless `env` says otherwise.
   */
  runCli(args: string[], env?: Record<string, string>): Promise<{ status: number | null; stdout: string }>
  /**
   * The environment the Actions runner gives the action for one event (INPUT_*, GITHUB_*, the
   * event, summary and output files), pointed at this world's servers and sandbox.
   */
  actionEnvironment(
    event: { name: string; payload: unknown },
    inputs?: Record<string, string>
  ): { env: Record<string, string>; summaryPath: string; outputPath: string }
  ledgerFile(path: string): string
  ledgerFiles(): string[]
  /** The work items on origin's ledger branch, read with the ledger's own schema (none before it exists). */
  ledgerItems(): WorkItem[]
  /** The item a pull request delivers, found by the marker in its body. */
  itemOfPull(body: string): WorkItem
  /** The runner's RUNNER_TEMP, where CCAL keeps its repository and worktrees (`ccal/`). */
  runnerTemp: string
  /** The worktrees CCAL has in RUNNER_TEMP right now (none between cycles). */
  worktrees(): string[]
  cleanup(): Promise<void>
}

/** A real `issues.labeled` payload from GitHub's examples, pointed at `issue` and `label` by `sender`. */
export function issuesLabeledPayload(
  issue: { number: number; title: string },
  label: string,
  sender: string
): unknown {
  const payload = webhookExample('issues', 'labeled') as Record<string, Record<string, unknown>>
  payload.issue = {
    ...payload.issue,
    number: issue.number,
    title: issue.title,
    labels: [{ ...payload.label, name: label }]
  }
  payload.label = { ...payload.label, name: label }
  payload.sender = { ...payload.sender, login: sender, type: 'User' }
  payload.repository = { ...payload.repository, name: REPO, full_name: `${OWNER}/${REPO}` }
  return payload
}

/**
 * A real `issue_comment.created` payload from GitHub's examples, edited to be `comment` by `author`
 * on `issue` (the labelled bug issue unless said otherwise).
 */
export function issueCommentPayload(
  comment: { id: number; body: string },
  author: string,
  issue: { number: number; title: string } = BUG_ISSUE
): unknown {
  const payload = webhookExample('issue_comment', 'created') as Record<string, Record<string, unknown>>
  payload.issue = { ...payload.issue, number: issue.number, title: issue.title, pull_request: undefined }
  payload.comment = {
    ...payload.comment,
    id: comment.id,
    body: comment.body,
    user: { ...(payload.comment!.user as Record<string, unknown>), login: author, type: 'User' }
  }
  payload.sender = { ...payload.sender, login: author, type: 'User' }
  payload.repository = { ...payload.repository, name: REPO, full_name: `${OWNER}/${REPO}` }
  return payload
}

/** A failed CI run of the sandbox's main branch with one failed job, `test`, holding `log`. */
export function failedRun(id: number, headSha: string, log: string) {
  return {
    id,
    name: 'CI',
    head_branch: 'main',
    head_sha: headSha,
    conclusion: 'failure' as const,
    jobs: [{ id: id * 10, name: 'test', conclusion: 'failure' as const, log }]
  }
}

/** The event of the loop's heartbeat (a `schedule` run; GitHub's payload holds just the cron line). */
export const SCHEDULE_EVENT = { name: 'schedule', payload: { schedule: '*/30 * * * *' } } as const

/** A webhook example: objects by key (the ones edited here are all objects). */
type ExamplePayload = Record<string, Record<string, unknown> | undefined>

/** The repository of the examples (Codertocat/Hello-World) pointed at the sandbox. */
function pointAtSandbox(payload: ExamplePayload): void {
  payload.repository = { ...payload.repository, name: REPO, full_name: `${OWNER}/${REPO}` }
}

/** What a pull request payload needs to say about the emulator's pull request. */
export interface PullFacts {
  number: number
  head: string
  headSha: string
  body: string
  base?: string
}

function pullPayload(example: Record<string, unknown>, pull: PullFacts, extra: Record<string, unknown>) {
  const head = example.head as Record<string, unknown>
  const base = example.base as Record<string, unknown>
  return {
    ...example,
    number: pull.number,
    body: pull.body,
    head: { ...head, ref: pull.head, sha: pull.headSha },
    base: { ...base, ref: pull.base ?? 'main' },
    ...extra
  }
}

/**
 * A real `pull_request_review.submitted` payload from GitHub's examples (a `commented` review by
 * Codertocat on Hello-World#2), edited to be `review` on the sandbox's `pull` by `reviewer`.
 */
export function pullRequestReviewPayload(
  pull: PullFacts,
  review: { id: number; state: 'changes_requested' | 'commented' | 'approved'; body: string },
  reviewer: string
): unknown {
  const payload = webhookExample('pull_request_review', 'submitted') as ExamplePayload
  payload.pull_request = pullPayload(payload.pull_request!, pull, { state: 'open' })
  const user = { ...(payload.review!.user as Record<string, unknown>), login: reviewer, type: 'User' }
  payload.review = {
    ...payload.review,
    id: review.id,
    state: review.state,
    body: review.body,
    commit_id: pull.headSha,
    user
  }
  payload.sender = { ...payload.sender, login: reviewer, type: 'User' }
  pointAtSandbox(payload)
  return payload
}

/**
 * A real `pull_request.closed` payload from GitHub's examples (Hello-World#2 closed unmerged),
 * edited to be the sandbox's `pull`, merged (or not) by `actor`.
 */
export function pullRequestClosedPayload(pull: PullFacts, merged: boolean, actor: string): unknown {
  const payload = webhookExample('pull_request', 'closed') as ExamplePayload
  const at = new Date().toISOString()
  payload.pull_request = pullPayload(payload.pull_request!, pull, {
    state: 'closed',
    closed_at: at,
    merged,
    merged_at: merged ? at : null
  })
  payload.sender = { ...payload.sender, login: actor, type: 'User' }
  pointAtSandbox(payload)
  return payload
}

/** The entries of every repository's `worktrees/` directory in a CCAL work directory. */
export function listWorktrees(workDirectory: string): string[] {
  if (!existsSync(workDirectory)) return []
  return readdirSync(workDirectory).flatMap(repository => {
    const dir = join(workDirectory, repository, 'worktrees')
    return existsSync(dir) ? readdirSync(dir).map(entry => `${repository}/worktrees/${entry}`) : []
  })
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string
  return outputs
}

/** Creates the world; `cleanup()` stops the servers (failing on emulator violations) and removes the files. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const sandbox = createSandboxProject()
  if (options.config !== null) {
    sandbox.repos.commitFiles(
      sandbox.dir,
      { '.github/ccal.yml': stringify(options.config ?? SANDBOX_CONFIG) },
      'Add CCAL config'
    )
    git(sandbox.dir, 'push', '--quiet', 'origin', 'main')
  }
  const gh = await startGitHubEmulator({
    // The sandbox's origin is the repository's git data (commits made through the API land there).
    repo: { owner: OWNER, name: REPO, default_branch: 'main', git_dir: sandbox.origin },
    users: [
      { login: MAINTAINER, permission: 'maintain' },
      { login: 'ccal-bot', permission: 'write', type: 'Bot' }
    ],
    tokens: { [TOKEN]: 'ccal-bot' },
    issues: [
      { ...BUG_ISSUE, author: MAINTAINER, labels: ['ccal-task'], labeled_by: { 'ccal-task': MAINTAINER } }
    ],
    ...options.scenario
  })
  const model = await startModelServer(options.script ?? fixBugScript())
  const artifacts = options.artifacts ? await startArtifactService() : undefined
  const home = createClaudeHome()
  const runner = mkdtempSync(join(tmpdir(), 'ccal-runner-'))

  let runs = 0
  const actionEnvironment = (
    event: { name: string; payload: unknown },
    inputs: Record<string, string> = {}
  ) => {
    // Each run has its own event, summary and output files, so overlapping runs do not mix them.
    runs += 1
    const eventPath = join(runner, `event-${runs}.json`)
    const summaryPath = join(runner, `step-summary-${runs}.md`)
    const outputPath = join(runner, `github-output-${runs}`)
    writeFileSync(eventPath, JSON.stringify(event.payload))
    writeFileSync(summaryPath, '')
    writeFileSync(outputPath, '')
    const env: Record<string, string> = {
      ...claudeTestEnv({ baseUrl: model.url, home: home.path }),
      ...(GIT_TEST_ENV as Record<string, string>),
      CCAL_CLAUDE_EXECUTABLE: claudeBinaryPath(),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: sandbox.dir,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: gh.url,
      GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_RUN_ID: String(1000 + Math.floor(Math.random() * 1000)),
      GITHUB_RUN_ATTEMPT: '1',
      RUNNER_TEMP: runner,
      ...artifacts?.env,
      ...options.env
    }
    const allInputs = { 'github-token': TOKEN, 'anthropic-api-key': 'dummy', ...inputs }
    for (const [name, value] of Object.entries(allInputs)) env[`INPUT_${name.toUpperCase()}`] = value
    return { env, summaryPath, outputPath }
  }

  const startAction = (
    event: { name: string; payload: unknown },
    inputs: Record<string, string> = {}
  ): StartedAction => {
    const { env, summaryPath, outputPath } = actionEnvironment(event, inputs)
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/index.js')], {
      env,
      cwd: sandbox.dir,
      detached: true
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const done = new Promise<number | null>(resolve => child.on('close', code => resolve(code))).then(
      status => ({
        status,
        stdout,
        stderr,
        summary: readFileSync(summaryPath, 'utf8'),
        outputs: parseOutputs(readFileSync(outputPath, 'utf8'))
      })
    )
    return { child, done }
  }
  const runAction = (event: { name: string; payload: unknown }, inputs: Record<string, string> = {}) =>
    startAction(event, inputs).done

  const runCli = (args: string[], env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli/index.js'), ...args], {
      cwd: sandbox.dir,
      env: {
        ...claudeTestEnv({ baseUrl: model.url, home: home.path }),
        ...(GIT_TEST_ENV as Record<string, string>),
        CCAL_CLAUDE_EXECUTABLE: claudeBinaryPath(),
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_API_URL: gh.url,
        GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
        GITHUB_TOKEN: TOKEN,
        ANTHROPIC_API_KEY: 'dummy',
        // CCAL's work directory, as the action's (RUNNER_TEMP/ccal) would be.
        CCAL_WORKSPACE_DIRECTORY: join(runner, 'ccal'),
        ...env
      }
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    return new Promise<{ status: number | null; stdout: string }>(done =>
      child.on('close', code => done({ status: code, stdout }))
    )
  }

  const ledgerFile = (path: string): string => git(sandbox.origin, 'show', `ccal-ledger:${path}`)
  const ledgerFiles = (): string[] =>
    git(sandbox.origin, 'ls-tree', '-r', '--name-only', 'ccal-ledger').split('\n').filter(Boolean)
  const hasLedger = (): boolean => git(sandbox.origin, 'branch', '--list', 'ccal-ledger') !== ''

  return {
    sandbox,
    gh,
    model,
    ...(artifacts ? { artifacts } : {}),
    runnerTemp: runner,
    worktrees: () => listWorktrees(join(runner, 'ccal')),
    runAction,
    startAction,
    runCli,
    actionEnvironment,
    ledgerFile,
    ledgerFiles,
    ledgerItems: () =>
      hasLedger()
        ? ledgerFiles()
            .filter(path => path.startsWith('items/'))
            .map(path => WorkItemSchema.parse(JSON.parse(ledgerFile(path))))
        : [],
    itemOfPull(body) {
      const id = parsePullMarker(body)
      if (!id) throw new Error(`no CCAL marker in the pull request body:\n${body}`)
      return WorkItemSchema.parse(JSON.parse(ledgerFile(`items/${id.slice(0, 2)}/${id}.json`)))
    },
    async cleanup() {
      await model.stop()
      try {
        await gh.stop()
      } finally {
        try {
          await artifacts?.stop()
        } finally {
          home.cleanup()
          rmSync(runner, { recursive: true, force: true })
          sandbox.cleanup()
        }
      }
    }
  }
}
