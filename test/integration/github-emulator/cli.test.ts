import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { afterEach, expect, it } from '@jest/globals'
import { BASIC_SCENARIO } from './fixtures.js'

let child: ChildProcess | undefined

afterEach(() => {
  // npx → tsx → node: signal the whole process group the test started.
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
})

function startCli(...args: string[]): ChildProcess {
  child = spawn('npx', ['tsx', 'test/support/github-emulator/cli.ts', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return child
}

it('prints its URL on the first line and serves the scenario', async () => {
  const cli = startCli('--scenario', BASIC_SCENARIO)
  const lines = createInterface({ input: cli.stdout as NodeJS.ReadableStream })
  const [firstLine] = (await once(lines, 'line')) as [string]

  const response = await fetch(`${firstLine}/repos/octo-org/demo/issues/1`, {
    headers: { authorization: 'token tok-alice' }
  })
  const issue = (await response.json()) as { title: string }

  expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(issue.title).toBe('Add a --verbose flag')
})

it('names the bad key path of an invalid scenario and exits with 2', async () => {
  const cli = startCli('--scenario', '/dev/stdin-does-not-exist.json')
  let stderr = ''
  cli.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(cli, 'exit')) as [number]

  expect(code).toBe(2)
  expect(stderr).toContain('Cannot read scenario')
})
