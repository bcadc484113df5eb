// `npm run bench -- cycle [rounds]`: what a one-item cycle costs beyond the model's own work. Each
// round, in a fresh world: the real Claude Code CLI alone, run on the sandbox project with the
// same scripted model and prompt size as CCAL's (the baseline), then `ccal run --once` (the bundled
// CLI) turning one labelled issue into a pull request through the GitHub emulator. The
// project's verify commands are left out of both: they are the project's time, not CCAL's.
//
// Then two more `ccal run --once` with nothing new (the first still sees the pull request it opened
// named on the issue): the ledger commits the second, idle cycle makes.
//
// RESULT cycle model_only_s=… cycle_s=… overhead_s=… (goal ≤ 1.5) ratio=… requests=…
//   ledger_commits=… (the busy cycle's, the branch's creation included) idle_commits=… (goal 0)
//   (medians over the rounds)
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { claudeBinaryPath, claudeTestEnv, createClaudeHome } from '../test/support/claude.js'
import { git } from '../test/support/repos.js'
import { createWorld, fixBugScript } from '../test/support/world.js'

/** Without verify commands and without the project's tests in the script. */
function script() {
  return (fixBugScript() as { tool_use?: { name: string }[] }[]).filter(
    turn => !turn.tool_use?.some(use => use.name === 'Bash')
  )
}

const CONFIG = { ccal: { claude: { max_turns: 10, timeout_seconds: 120 }, pull_requests: { draft: false } } }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Seconds the Claude Code CLI alone takes for the script, in a clone of the sandbox project. */
async function modelOnly(baseUrl: string, project: string, prompt: string): Promise<number> {
  const home = createClaudeHome()
  const dir = mkdtempSync(join(tmpdir(), 'ccal-bench-cycle-'))
  try {
    git(dir, 'clone', '--quiet', project, 'work')
    const started = process.hrtime.bigint()
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        claudeBinaryPath(),
        [
          '-p',
          '--output-format',
          'stream-json',
          '--verbose',
          '--permission-mode',
          'acceptEdits',
          '--allowedTools',
          'Read(./**)',
          '--allowedTools',
          'Edit'
        ],
        { cwd: join(dir, 'work'), env: claudeTestEnv({ baseUrl, home: home.path }) }
      )
      child.stdout.resume()
      child.stderr.resume()
      child.stdin.end(prompt)
      child.on('error', reject)
      child.on('close', code => (code === 0 ? resolve() : reject(new Error(`claude exited ${code}`))))
    })
    return Number(process.hrtime.bigint() - started) / 1e9
  } finally {
    home.cleanup()
    rmSync(dir, { recursive: true, force: true })
  }
}

export default async function cycle(args: string[]): Promise<void> {
  const rounds = Number(args[0] ?? 3)
  const rows: { model: number; cycle: number; requests: number; commits: number; idle: number }[] = []
  for (let round = 1; round <= rounds; round += 1) {
    const world = await createWorld({ config: CONFIG, script: script() })
    try {
      // The same prompt CCAL sent, for a like-for-like baseline, from a run of CCAL before the timed one.
      const warm = await createWorld({ config: CONFIG, script: script() })
      let prompt = 'Fix add() in src/math.js.'
      try {
        await warm.runCli(['run', '--once'])
        prompt = warm.model.mainRequests()[0]?.firstUserText ?? prompt
      } finally {
        await warm.cleanup()
      }
      world.model.setScript(script())
      const model = await modelOnly(world.model.url, world.sandbox.origin, prompt)
      world.model.setScript(script())
      world.gh.clearRequests()
      const started = process.hrtime.bigint()
      const run = await world.runCli(['run', '--once'])
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (run.status !== 0 || world.gh.state.pulls().length !== 1)
        throw new Error(`round ${round}: ccal run --once exited ${run.status}: ${run.stdout.slice(-2000)}`)
      const commits = Number(git(world.sandbox.origin, 'rev-list', '--count', 'ccal-ledger'))
      const requests = world.gh.requests().length
      await world.runCli(['run', '--once'])
      const before = Number(git(world.sandbox.origin, 'rev-list', '--count', 'ccal-ledger'))
      await world.runCli(['run', '--once'])
      const idle = Number(git(world.sandbox.origin, 'rev-list', '--count', 'ccal-ledger')) - before
      rows.push({ model, cycle: seconds, requests, commits, idle })
      console.log(
        `round ${round}: model only ${model.toFixed(2)} s, ccal run --once ${seconds.toFixed(2)} s, ${requests} requests, ${commits} ledger commits; then an idle cycle: ${idle} commits`
      )
    } finally {
      await world.cleanup()
    }
  }
  const model = median(rows.map(row => row.model))
  const total = median(rows.map(row => row.cycle))
  console.log(
    `RESULT cycle model_only_s=${model.toFixed(2)} cycle_s=${total.toFixed(2)} overhead_s=${(total - model).toFixed(2)} ratio=${(total / model).toFixed(2)} requests=${median(rows.map(row => row.requests))} ledger_commits=${median(rows.map(row => row.commits))} idle_commits=${median(rows.map(row => row.idle))}`
  )
}
