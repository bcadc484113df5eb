/**
 * `ccal run` outside Actions: the same engine from a shell, configured by GITHUB_* variables, with
 * the real Claude Code CLI against the model server and the GitHub emulator.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../../src/cli/program.js'
import type { CliIo } from '../../src/cli/io.js'
import { claudeBinaryPath, claudeTestEnv, createClaudeHome } from '../support/claude.js'
import { GIT_TEST_ENV, git } from '../support/repos.js'
import { makeMessy, snapshotTree } from '../support/checkout.js'
import {
  OWNER,
  REPO,
  REPO_ROOT,
  TOKEN,
  createWorld,
  fixBugScript,
  listWorktrees,
  type World
} from '../support/world.js'

let world: World | undefined
let home: { path: string; cleanup(): void } | undefined
afterEach(async () => {
  await world?.cleanup()
  home?.cleanup()
  world = undefined
})

function shellEnv(current: World): NodeJS.ProcessEnv {
  home = createClaudeHome()
  return {
    ...claudeTestEnv({ baseUrl: current.model.url, home: home.path }),
    ...GIT_TEST_ENV,
    CCAL_CLAUDE_EXECUTABLE: claudeBinaryPath(),
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: current.gh.url
  }
}

function captureIo(cwd: string, env: NodeJS.ProcessEnv): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, cwd, env, stdout: text => out.push(text), stderr: text => err.push(text) }
}

describe('ccal run --once', () => {
  it('runs one scheduled cycle: the labelled issue becomes a pull request, and the report is printed', async () => {
    world = await createWorld()
    const io = captureIo(world.sandbox.dir, shellEnv(world))

    const code = await runCli(['run', '--once', '--json'], io)

    expect(io.err.filter(line => line.startsWith('[error]'))).toEqual([])
    expect(code).toBe(0)
    const report = JSON.parse(io.out.join('\n')) as {
      trigger: string
      executed: Array<{ status: string; pr?: { number: number } }>
    }
    expect(report.trigger).toBe('schedule')
    expect(report.executed).toEqual([
      expect.objectContaining({
        status: 'pr_opened',
        pr: expect.objectContaining({ number: expect.any(Number) })
      })
    ])
    expect(world.gh.state.pulls()).toHaveLength(1)
  })

  it("in a developer's clone with work in progress, opens the pull request and leaves every byte of the clone as it was", async () => {
    world = await createWorld()
    makeMessy(world.sandbox.dir)
    const before = snapshotTree(world.sandbox.dir)
    const env = shellEnv(world)
    const io = captureIo(world.sandbox.dir, env)

    expect(await runCli(['run', '--once'], io)).toBe(0)

    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(snapshotTree(world.sandbox.dir)).toEqual(before)
    // CCAL's own clone is in the user's cache directory, and no worktree is left there.
    const cache = join(env.HOME!, '.cache', 'ccal')
    expect(existsSync(cache)).toBe(true)
    expect(listWorktrees(cache)).toEqual([])
  })

  it('prints the picked item ids in plan mode without executing them', async () => {
    world = await createWorld()
    const io = captureIo(world.sandbox.dir, shellEnv(world))

    expect(await runCli(['run', '--mode', 'plan', '--json'], io)).toBe(0)

    expect(JSON.parse(io.out.join('\n'))).toEqual({
      include: [{ item: expect.stringMatching(/^[0-9a-f]{12}$/) }]
    })
    expect(world.gh.state.pulls()).toHaveLength(0)
    expect(world.model.requests()).toHaveLength(0)
  })
})

describe('ccal run --daemon', () => {
  it('repeats cycles, serves metrics, and stops cleanly on SIGTERM', async () => {
    world = await createWorld({ script: fixBugScript() })
    const env = { ...shellEnv(world), CCAL_MONITORING_METRICS_ENABLED: 'true' }
    const port = 20000 + Math.floor(Math.random() * 20000)
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'dist/cli/index.js'),
        'run',
        '--daemon',
        '--interval',
        '1',
        '--metrics-port',
        String(port)
      ],
      {
        cwd: world.sandbox.dir,
        env
      }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>(done => child.on('close', code => done(code)))

    const deadline = Date.now() + 60_000
    let cycles = 0
    while (Date.now() < deadline && cycles < 2) {
      await new Promise(done => setTimeout(done, 500))
      const state = git(world.sandbox.origin, 'ls-remote', '--heads', '.', 'ccal-ledger')
        ? (JSON.parse(world.ledgerFile('state.json')) as { cycles: number })
        : { cycles: 0 }
      cycles = state.cycles
    }
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
    child.kill('SIGTERM')
    const code = await exited

    expect(cycles).toBeGreaterThanOrEqual(2)
    expect(metrics).toContain('# TYPE ccal_cycles_total counter')
    expect(metrics).toMatch(/ccal_queue_items\{status="pr_open"\} 1/)
    expect(code).toBe(0)
    expect(stderr).toMatch(/SIGTERM received; stopping after the current step/)
    expect(stderr).toMatch(/stopped after \d+ cycles?/)
    expect(world.gh.state.pulls()).toHaveLength(1)
  })
})
