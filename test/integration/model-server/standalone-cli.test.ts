/** `npm run model-server -- --script F`: prints its URL first, answers, and reports what it received. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
const CLI = join(REPO_ROOT, 'test', 'support', 'model-server', 'cli.ts')

let child: ChildProcessWithoutNullStreams | undefined
const dir = mkdtempSync(join(tmpdir(), 'ccal-model-cli-'))

afterEach(() => {
  child?.kill('SIGTERM')
  child = undefined
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function startCli(script: unknown): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string> } {
  const file = join(dir, `script-${Date.now()}.json`)
  writeFileSync(file, JSON.stringify(script))
  const proc = spawn(TSX, [CLI, '--script', file], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '' }
  })
  const lines = createInterface({ input: proc.stdout })
  const firstLine = new Promise<string>((resolveLine, reject) => {
    lines.once('line', resolveLine)
    proc.once('exit', code => reject(new Error(`model-server exited ${code}`)))
  })
  // Tests that expect an exit never read the line; that rejection is not a failure.
  firstLine.catch(() => undefined)
  return { child: proc, firstLine }
}

describe('model-server CLI', () => {
  it('prints its URL, answers from the script and lists the requests it received', async () => {
    const started = startCli([{ text: 'hello from the script' }])
    child = started.child
    const url = await started.firstLine

    const answer = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', stream: false, tools: [{ name: 'Read' }], messages: [] })
    })
    const requests = (await (await fetch(`${url}/_model/requests`)).json()) as Array<Record<string, unknown>>

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await answer.json()).toMatchObject({ content: [{ type: 'text', text: 'hello from the script' }] })
    expect(requests).toEqual([expect.objectContaining({ kind: 'main', turnIndex: 0, status: 200 })])
  })

  it('refuses a bad script, naming the key path', async () => {
    const started = startCli([{ tool_use: [{ input: {} }] }])
    child = started.child
    let stderr = ''
    started.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))

    const code = await new Promise<number | null>(resolveCode => started.child.once('exit', resolveCode))

    expect(code).toBe(1)
    expect(stderr).toMatch(/\[0\]\.tool_use\[0\]\.name/)
  })
})
