import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runClaudeProcess, shutdownSignal } from '../../../src/executor/claude.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccal-claude-process-'))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A stand-in CLI: a shell script. */
function script(name: string, body: string): string {
  const path = join(dir, name)
  writeFileSync(path, `#!/bin/bash\n${body}\n`)
  chmodSync(path, 0o755)
  return path
}

const base = { args: [], prompt: 'the prompt', env: { PATH: process.env.PATH ?? '' }, timeoutMs: 10_000 }

describe('runClaudeProcess', () => {
  it('streams lines, reads the prompt from stdin and hands over the session id before resolving', async () => {
    const executable = script(
      'fake-claude',
      [
        'read -r prompt',
        `echo '{"type":"system","subtype":"init","session_id":"sess-1"}'`,
        `echo '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"file_path":"/x"}}]}}'`,
        'echo "not json"',
        'echo "{\\"type\\":\\"result\\",\\"subtype\\":\\"success\\",\\"is_error\\":false,\\"num_turns\\":1,\\"session_id\\":\\"sess-1\\",\\"result\\":\\"$prompt\\"}"'
      ].join('\n')
    )
    const order: string[] = []

    const result = await runClaudeProcess({
      ...base,
      executable,
      cwd: dir,
      onSessionId: async id => {
        await new Promise(resolve => setTimeout(resolve, 50))
        order.push(`session ${id}`)
      }
    })
    order.push('resolved')

    expect(result).toMatchObject({
      exitCode: 0,
      sessionId: 'sess-1',
      toolUses: 1,
      timedOut: false,
      diagnostics: 'not json'
    })
    expect(result.result?.text).toBe('the prompt')
    expect(order).toEqual(['session sess-1', 'resolved'])
  })

  it('kills the whole group on timeout, escalating to SIGKILL when SIGTERM is ignored', async () => {
    const executable = script('stubborn', "trap '' TERM\n( trap '' TERM; sleep 30 ) &\nsleep 30")
    const started = Date.now()

    const result = await runClaudeProcess({ ...base, executable, cwd: dir, timeoutMs: 300, killGraceMs: 300 })

    expect(result.timedOut).toBe(true)
    expect(result.signal).toBe('SIGKILL')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('stops on abort and reports it', async () => {
    const executable = script('slow', 'sleep 30')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)

    const result = await runClaudeProcess({
      ...base,
      executable,
      cwd: dir,
      signal: controller.signal,
      killGraceMs: 500
    })

    expect(result).toMatchObject({ aborted: true, timedOut: false, result: null })
  })

  it('reports a missing executable instead of throwing', async () => {
    const result = await runClaudeProcess({ ...base, executable: join(dir, 'missing'), cwd: dir })

    expect(result.spawnError).toMatch(/ENOENT/)
  })
})

describe('shutdownSignal', () => {
  it('aborts on the signals it listens to and stops listening after dispose', () => {
    const shutdown = shutdownSignal(['SIGUSR2'])
    const listeners = process.listenerCount('SIGUSR2')

    process.emit('SIGUSR2', 'SIGUSR2')
    shutdown.dispose()

    expect(shutdown.signal.aborted).toBe(true)
    expect(process.listenerCount('SIGUSR2')).toBe(listeners - 1)
  })
})
