/**
 * The real Claude Code CLI (the pinned binary) driven by the model server in a sandbox project: the
 * scripted turns run real tools on disk, and the result message reports what the script decided.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { claudeTestEnv, createClaudeHome, runClaude, type ClaudeRun } from '../../support/claude.js'
import { startModelServer, type ModelServer, type TurnInput } from '../../support/model-server/index.js'
import { createSandboxProject, SANDBOX_BUG, type SandboxProject } from '../../support/sandbox-project.js'

const HEADLESS = ['--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits']
const ALLOWED = ['--allowedTools', 'Read,Edit,Bash(node --test*)']

let project: SandboxProject
let home: { path: string; cleanup(): void }
let model: ModelServer | undefined

beforeEach(() => {
  project = createSandboxProject()
  home = createClaudeHome()
})

afterEach(async () => {
  await model?.stop()
  model = undefined
  project.cleanup()
  home.cleanup()
})

async function runScript(turns: TurnInput[], extraArgs: string[] = [], maxRetries = 0): Promise<ClaudeRun> {
  model = await startModelServer(turns)
  return runClaude(
    ['-p', 'Fix the failing test', ...HEADLESS, ...ALLOWED, '--max-turns', '5', ...extraArgs],
    {
      cwd: project.dir,
      env: claudeTestEnv({ baseUrl: model.url, home: home.path, maxRetries }),
      timeoutMs: 30_000
    }
  )
}

describe('claude -p against the model server', () => {
  it('reads, edits and tests the sandbox project through a 3-turn script', async () => {
    const run = await runScript([
      {
        tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }],
        usage: { input_tokens: 1000 }
      },
      {
        tool_use: [
          {
            name: 'Edit',
            input: {
              file_path: '$CWD/src/math.js',
              old_string: SANDBOX_BUG.buggy,
              new_string: SANDBOX_BUG.fixed
            }
          }
        ]
      },
      { tool_use: [{ name: 'Bash', input: { command: 'node --test', description: 'Run the tests' } }] },
      { text: 'Fixed add(): it subtracted. Tests pass.' }
    ])

    // The change is on disk and the project's tests now pass.
    expect(project.read(SANDBOX_BUG.file)).toContain(SANDBOX_BUG.fixed)
    expect(project.run(project.testCommand).exitCode).toBe(0)
    // The result message reports the scripted conversation.
    expect(run.exitCode).toBe(0)
    expect(run.result).toMatchObject({
      subtype: 'success',
      is_error: false,
      num_turns: 4,
      result: 'Fixed add(): it subtracted. Tests pass.',
      permission_denials: []
    })
    expect(run.result?.session_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(run.messages[0]).toMatchObject({ type: 'system', subtype: 'init', cwd: project.dir })
    // Scripted usage (1300 input, 80 output tokens over four turns) is what the CLI bills.
    expect(run.result?.total_cost_usd).toBeGreaterThan(0)
    expect(run.result?.usage).toMatchObject({ input_tokens: 1300, output_tokens: 80 })
    // The server saw one request per turn and the tool result of each step.
    const requests = model?.mainRequests() ?? []
    expect(requests.map(r => r.turnIndex)).toEqual([0, 1, 2, 3])
    expect(requests.every(r => r.cwd === project.dir && r.tools.includes('Bash'))).toBe(true)
    expect(requests[0]?.lastUserText).toContain('Fix the failing test')
    const [read, edit, bash] = requests.slice(1).map(r => r.toolResults[0])
    expect(read?.content).toContain(SANDBOX_BUG.buggy)
    expect(read?.tool_use_id).toBe(requests[0]?.served[0]?.id)
    expect(edit?.content).toContain('has been updated')
    expect(bash).toMatchObject({ is_error: false })
    expect(bash?.content).toMatch(/# pass 2\n# fail 0/)
    expect(model?.requests().filter(r => r.kind !== 'main')).toEqual([])
  })

  it('ends with is_error and the status when a turn is an API error', async () => {
    const run = await runScript([{ error: { status: 500, message: 'scripted outage' } }])

    expect(run.exitCode).toBe(1)
    expect(run.result).toMatchObject({
      subtype: 'success',
      is_error: true,
      api_error_status: 500,
      num_turns: 1
    })
    expect(run.result?.result).toContain('scripted outage')
    expect(model?.requests()).toHaveLength(1)
  })

  it('reports a subscription’s usage limit: a rejected rate_limit_event and api_error usage_limit_reached', async () => {
    model = await startModelServer([
      {
        error: {
          status: 429,
          message: "This request would exceed your account's rate limit. Please try again later.",
          headers: {
            'anthropic-ratelimit-unified-status': 'rejected',
            'anthropic-ratelimit-unified-reset': '1796174337',
            'anthropic-ratelimit-unified-representative-claim': 'five_hour',
            'anthropic-ratelimit-unified-5h-reset': '1796174337',
            'anthropic-ratelimit-unified-5h-utilization': '1.0'
          }
        }
      }
    ])
    // Only a claude.ai login reads the unified headers; an API key's 429 is a plain rate limit.
    const env: Record<string, string> = { ...claudeTestEnv({ baseUrl: model.url, home: home.path }) }
    delete env.ANTHROPIC_API_KEY
    env.CLAUDE_CODE_OAUTH_TOKEN = 'sk-ant-oat01-test'

    const run = await runClaude(['-p', 'Fix the failing test', ...HEADLESS, '--max-turns', '5'], {
      cwd: project.dir,
      env,
      timeoutMs: 30_000
    })

    expect(run.exitCode).toBe(1)
    expect(run.messages).toContainEqual(
      expect.objectContaining({
        type: 'rate_limit_event',
        rate_limit_info: expect.objectContaining({
          status: 'rejected',
          resetsAt: 1796174337,
          rateLimitType: 'five_hour'
        })
      })
    )
    expect(run.result).toMatchObject({
      subtype: 'success',
      is_error: true,
      api_error_status: 429,
      api_error: 'usage_limit_reached'
    })
    expect(run.result?.result).toMatch(/^You've hit your 5-hour limit · resets /)
  })

  it('recovers from a transient error within CLAUDE_CODE_MAX_RETRIES', async () => {
    const run = await runScript([{ error: { status: 529, message: 'Overloaded' } }, { text: 'done' }], [], 1)

    expect(run.result).toMatchObject({ is_error: false, result: 'done' })
    expect(run.messages.some(m => m.type === 'system' && m.subtype === 'api_retry')).toBe(true)
    expect(model?.requests().map(r => r.status)).toEqual([529, 200])
  })

  it('stops at --max-budget-usd when scripted usage makes a turn expensive', async () => {
    const run = await runScript(
      [
        {
          tool_use: [{ name: 'Read', input: { file_path: '$CWD/README.md' } }],
          usage: { input_tokens: 1_000_000 }
        },
        { text: 'never reached' }
      ],
      ['--max-budget-usd', '0.5']
    )

    expect(run.exitCode).toBe(1)
    expect(run.result).toMatchObject({ subtype: 'error_max_budget_usd', is_error: true })
    expect(run.result?.total_cost_usd).toBeGreaterThan(0.5)
    expect(model?.remainingTurns()).toBe(1)
  })

  it('in acceptEdits mode runs file-changing shell commands inside cwd but denies others', async () => {
    const run = await runScript([
      { tool_use: [{ name: 'Bash', input: { command: 'rm -rf src' } }] },
      { tool_use: [{ name: 'Bash', input: { command: 'node -e "1"' } }] },
      { text: 'done' }
    ])

    // Not in --allowedTools, yet `rm` inside the working directory ran (CLI 2.1.330 behaviour).
    expect(project.run(['test', '-e', 'src']).exitCode).toBe(1)
    expect(run.result?.permission_denials).toEqual([expect.objectContaining({ tool_name: 'Bash' })])
    expect(model?.mainRequests()[2]?.toolResults[0]).toMatchObject({ is_error: true })
  })
})
