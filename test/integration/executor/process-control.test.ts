/**
 * Stopping Claude Code: a timeout kills the whole process group (the shells the Bash tool started
 * too), and CCAL's own shutdown (an aborted signal) stops the child, keeps the session id, leaves the
 * item re-queueable and the working tree clean.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  execute,
  fixBugTurns,
  prepareRuntime,
  setUp,
  testSettings,
  treeStatus,
  type ExecutorFixture
} from './harness.js'

let fixture: ExecutorFixture | undefined

afterEach(async () => {
  await fixture?.cleanup()
  fixture = undefined
})

/** Processes whose command line contains `marker` (pgrep exits 1 when there are none). */
function processesMatching(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)
  } catch {
    return []
  }
}

describe('process control', () => {
  it('times out: the process group is killed, including a shell the Bash tool started', async () => {
    // A distinctive duration marks the shell's child so that the test can look for it afterwards.
    // (Not `sleep`: the CLI refuses long sleeps in the foreground.)
    fixture = await setUp([
      ...fixBugTurns(),
      { tool_use: [{ name: 'Bash', input: { command: 'node -e "setTimeout(() => {}, 47123)"' } }] },
      { text: 'never reached' }
    ])
    const settings = testSettings({ claude: { allowed_tools: ['Read', 'Edit', 'Bash(node:*)'] } })
    const runtime = await prepareRuntime(fixture, settings)
    const started = Date.now()

    const outcome = await execute(fixture, { settings, runtime, timeoutMs: 4000, killGraceMs: 1000 })

    expect(outcome).toMatchObject({ status: 'timeout', code: 'timeout', requeue: true })
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(outcome.sessionId).not.toBeNull()
    expect(processesMatching('47123')).toEqual([])
    expect(treeStatus(fixture)).toBe('')
  })

  it("stops the child on CCAL's shutdown signal, keeping the session id for a resume", async () => {
    fixture = await setUp([{ text: 'slow answer', delay_ms: 20_000 }])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)
    const controller = new AbortController()
    const stored: string[] = []

    const outcome = await execute(fixture, {
      settings,
      runtime,
      signal: controller.signal,
      killGraceMs: 1000,
      onSessionId: id => {
        stored.push(id)
        setTimeout(() => controller.abort(), 300)
      }
    })

    expect(outcome).toMatchObject({ status: 'cancelled', code: 'cancelled', requeue: true })
    expect(stored).toHaveLength(1)
    expect(outcome.sessionId).toBe(stored[0])
    expect(treeStatus(fixture)).toBe('')
  })
})
