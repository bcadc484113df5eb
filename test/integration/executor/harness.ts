/**
 * Shared set-up for the executor's end-to-end tests: a sandbox project, a fresh CLI home, the model
 * server with a script, and the real pinned `claude` prepared through `prepareClaude` exactly as the
 * cycle will do it (the environment passes through the executor's allow-list).
 */
import type { WorkItem } from '../../../src/ledger/schema.js'
import { defaultSettings, type Settings } from '../../../src/config/schema.js'
import { prepareClaude, type ClaudeRuntime } from '../../../src/executor/install.js'
import { executeItem, type ExecuteOptions, type ExecutionOutcome } from '../../../src/executor/execute.js'
import { createStreamLogger, type Logger } from '../../../src/util/logger.js'
import { claudeBinaryPath, claudeTestEnv, createClaudeHome } from '../../support/claude.js'
import { startModelServer, type ModelServer, type TurnInput } from '../../support/model-server/index.js'
import { createSandboxProject, SANDBOX_BUG, type SandboxProject } from '../../support/sandbox-project.js'

/** The test's surroundings; `cleanup()` removes everything. */
export interface ExecutorFixture {
  project: SandboxProject
  model: ModelServer
  home: { path: string; cleanup(): void }
  /** Log lines the executor wrote. */
  logs: string[]
  logger: Logger
  cleanup(): Promise<void>
}

/** Starts a sandbox project and a model server with `turns`. */
export async function setUp(turns: TurnInput[]): Promise<ExecutorFixture> {
  const project = createSandboxProject()
  const home = createClaudeHome()
  const model = await startModelServer(turns)
  const logs: string[] = []
  const logger = createStreamLogger({ write: line => logs.push(line), level: 'debug' })
  return {
    project,
    model,
    home,
    logs,
    logger,
    cleanup: async () => {
      await model.stop()
      project.cleanup()
      home.cleanup()
    }
  }
}

/** Settings for a test: defaults with overrides per section. */
export function testSettings(
  overrides: {
    claude?: Partial<Settings['claude']>
    verify?: Partial<Settings['verify']>
    safety?: Partial<Settings['safety']>
  } = {}
): Pick<Settings, 'claude' | 'verify' | 'safety'> {
  const defaults = defaultSettings()
  return {
    claude: { ...defaults.claude, max_turns: 8, executable: claudeBinaryPath(), ...overrides.claude },
    verify: { ...defaults.verify, ...overrides.verify },
    safety: { ...defaults.safety, ...overrides.safety }
  }
}

/** The CLI prepared against the fixture's model server; `parent` stands for CCAL's own environment. */
export async function prepareRuntime(
  fixture: ExecutorFixture,
  settings: Pick<Settings, 'claude'>,
  parent: NodeJS.ProcessEnv = process.env,
  /** Variables over the test environment (a distinctive API key, say). */
  extra: Record<string, string> = {}
): Promise<ClaudeRuntime> {
  return prepareClaude({
    settings: settings.claude,
    env: { ...parent, ...claudeTestEnv({ baseUrl: fixture.model.url, home: fixture.home.path }), ...extra },
    // Keep the agent's git independent of the machine's global config, as the test repos are.
    passthrough: ['GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL'],
    logger: fixture.logger
  })
}

/** A work item for the sandbox's failing test. */
export function sandboxItem(overrides: Partial<ExecuteOptions['item']> = {}): ExecuteOptions['item'] {
  const item: Pick<WorkItem, 'id' | 'type' | 'title' | 'description' | 'untrusted' | 'context'> = {
    id: 'a1b2c3d4e5f60718',
    type: 'ci_failure',
    title: 'Fix the failing test `add sums two numbers`',
    description: 'The test in test/math.test.js fails on the default branch. Fix the code, not the test.',
    untrusted: { evidence: 'not ok 1 - add sums two numbers\n  expected: 5\n  actual: -1' },
    context: { file: 'test/math.test.js', line: 6 }
  }
  return { ...item, ...overrides }
}

/** Runs the executor on the sandbox with the fixture's logger and the given options. */
export async function execute(
  fixture: ExecutorFixture,
  options: Partial<ExecuteOptions> & { settings: ExecuteOptions['settings']; runtime: ClaudeRuntime }
): Promise<ExecutionOutcome> {
  return executeItem({
    item: sandboxItem(),
    repoDir: fixture.project.dir,
    logger: fixture.logger,
    ...options
  })
}

/** Tool uses that fix the sandbox bug: Read then Edit (Edit needs an earlier Read). */
export function fixBugTurns(
  newCode: string = SANDBOX_BUG.fixed,
  oldCode: string = SANDBOX_BUG.buggy
): TurnInput[] {
  return [
    { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }] },
    {
      tool_use: [
        { name: 'Edit', input: { file_path: '$CWD/src/math.js', old_string: oldCode, new_string: newCode } }
      ]
    }
  ]
}

/** `git status --porcelain` of the sandbox: empty when the tree is clean. */
export function treeStatus(fixture: ExecutorFixture): string {
  return fixture.project.run(['git', 'status', '--porcelain', '--untracked-files=all']).stdout.trim()
}
