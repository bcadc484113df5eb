import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CliIo } from '../../../src/cli/io.js'
import { runCli } from '../../../src/cli/program.js'
import { FindingSchema } from '../../../src/findings/finding-schema.js'
import { MAX_REPORT_BYTES } from '../../../src/findings/report-file.js'
import { FIXTURES } from './fixtures.js'

const REPO_ROOT = join(import.meta.dirname, '../../..')

function captureIo(cwd = FIXTURES) {
  const out: string[] = []
  const err: string[] = []
  // The command writes its output in pieces of many lines: the tests read it line by line.
  const io: CliIo = {
    cwd,
    env: {},
    stdout: text => out.push(...text.split('\n')),
    stderr: text => err.push(text)
  }
  return { io, out, err }
}

const scratch = mkdtempSync(join(tmpdir(), 'ccal-findings-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('ccal findings', () => {
  it('prints one line per finding, in the order of the log, and a count naming the detected format', async () => {
    const { io, out } = captureIo()

    const code = await runCli(['findings', 'tsc/tsc.txt'], io)

    expect(code).toBe(0)
    expect(out).toEqual([
      "src/shapes.ts:7:9  error  Type 'number' is not assignable to type 'string'.  [TS2322]  (tsc)",
      'src/shapes.ts:8:7  error  This comparison appears to be unintentional because the types \'"square" | "circle"\' and \'"triangle"\' have no overlap.  [TS2367]  (tsc)',
      "src/shapes.ts:13:16  error  Property 'name' does not exist on type 'Shape'.  [TS2339]  (tsc)",
      '3 findings (text)'
    ])
  })

  it('prints {format, findings} with --json, every finding in the normalized shape', async () => {
    const { io, out } = captureIo()

    const code = await runCli(['findings', 'eslint/eslint.sarif', '--json'], io)
    const document = JSON.parse(out.join('\n')) as { format: string; findings: unknown[] }

    expect(code).toBe(0)
    expect(document.format).toBe('sarif')
    expect(document.findings).toHaveLength(8)
    for (const found of document.findings) expect(FindingSchema.safeParse(found).success).toBe(true)
  })

  it("prints what failed of a job log, and with --all the passing steps' warnings too", async () => {
    const failed = captureIo()
    const every = captureIo()

    await runCli(['findings', 'actions/job.log'], failed.io)
    await runCli(['findings', 'actions/job.log', '--all'], every.io)

    expect(failed.out.at(-1)).toBe('13 findings (actions-log)')
    expect(every.out.at(-1)).toBe('16 findings (actions-log)')
    const warning =
      '-  warning  No files were found with the provided path: coverage/. No artifacts will be uploaded.  (actions)'
    expect(failed.out).not.toContain(warning)
    expect(every.out).toContain(warning)
  })

  it('streams a long log as one JSON document, its findings in the order they appear', async () => {
    const log = join(scratch, 'many.log')
    const line = (i: number) => `src/file${i}.ts(${i},1): error TS2322: Type 'number' is not assignable.`
    writeFileSync(log, Array.from({ length: 5000 }, (_, i) => line(i + 1)).join('\n'))
    const { io, out } = captureIo(scratch)

    await runCli(['findings', 'many.log', '--json'], io)
    const document = JSON.parse(out.join('\n')) as { format: string; findings: Array<{ line: number }> }

    expect(document.format).toBe('text')
    expect(document.findings.map(found => found.line)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1))
  })

  it('parses a coverage report into per-file coverage findings', async () => {
    const { io, out } = captureIo()

    await runCli(['findings', 'coverage/lcov.info'], io)

    expect(out[0]).toBe(
      'lib/math.cjs:13  note  62.5% of lines covered (5/8); uncovered lines 13-14, 16  [line-coverage]  (coverage)'
    )
  })

  it("keeps only the named tool's findings with --format", async () => {
    const { io, out } = captureIo()

    await runCli(['findings', 'actions/job.log', '--format', 'tsc', '--json'], io)
    const document = JSON.parse(out.join('\n')) as { format: string; findings: Array<{ tool: string }> }

    expect(document.format).toBe('tsc')
    expect(new Set(document.findings.map(f => f.tool))).toEqual(new Set(['tsc']))
  })

  it('fails with one line naming the file and the format tried for unknown input', async () => {
    writeFileSync(join(scratch, 'notes.txt'), 'just some words\nnothing to see\n')
    const { io, out, err } = captureIo(scratch)

    const code = await runCli(['findings', 'notes.txt'], io)

    expect(code).toBe(1)
    expect(out).toEqual([])
    expect(err).toEqual([
      'ccal findings: notes.txt: no output of a supported tool found (format tried: auto)'
    ])
  })

  it('reads a one-line JSON report longer than the head it looks at as the report it is', async () => {
    const results = Array.from({ length: 2_000 }, (_, index) => ({
      filePath: `${scratch}/src/file${index}.js`,
      messages: [{ ruleId: 'no-unused-vars', severity: 2, message: "'x' is unused.", line: 1, column: 7 }]
    }))
    // ESLint's `-f json` writes one line.
    writeFileSync(join(scratch, 'eslint.json'), JSON.stringify(results))
    const { io, out } = captureIo(scratch)

    const code = await runCli(['findings', 'eslint.json'], io)

    expect(code).toBe(0)
    expect(out.at(-1)).toBe('2000 findings (eslint-json)')
  })

  it('refuses a report too big to read whole with one line, before reading it', async () => {
    const path = join(scratch, 'huge.sarif')
    writeFileSync(path, '{"version": "2.1.0", "runs": [')
    truncateSync(path, MAX_REPORT_BYTES + 1)
    const { io, err } = captureIo(scratch)

    const code = await runCli(['findings', 'huge.sarif'], io)

    expect(code).toBe(1)
    expect(err).toEqual([
      `ccal findings: huge.sarif: ${MAX_REPORT_BYTES + 1} bytes; a report is read whole and may be at most 128 MiB (split it, or report fewer rules)`
    ])
  })

  it('fails with one line for malformed input of a named format', async () => {
    writeFileSync(join(scratch, 'broken.sarif'), '{"version": "2.1.0", "runs": [{"tool": {}}]}')
    const { io, err } = captureIo(scratch)

    const code = await runCli(['findings', 'broken.sarif', '--format', 'sarif'], io)

    expect(code).toBe(1)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(
      /^ccal findings: broken\.sarif: not a SARIF report: runs\.0\.tool\.driver: .* \(format tried: sarif\)$/
    )
  })

  it('fails with one line for a missing file and a usage error for an unknown format', async () => {
    const missing = captureIo(scratch)
    const unknown = captureIo(scratch)

    expect(await runCli(['findings', 'nope.log'], missing.io)).toBe(1)
    expect(missing.err).toEqual([expect.stringMatching(/^ccal findings: cannot read nope\.log: ENOENT/)])
    expect(await runCli(['findings', 'x', '--format', 'yaml'], unknown.io)).toBe(2)
    expect(unknown.err[0]).toMatch(/^ccal findings: unknown format 'yaml'\. Formats: auto, sarif, /)
  })

  it('lists the supported formats in --help', async () => {
    const { io, out } = captureIo()

    expect(await runCli(['findings', '--help'], io)).toBe(0)
    expect(out.join('\n')).toMatch(
      /Reports: {2}sarif, eslint-json, ruff-json, rubocop-json, golangci-json, checkstyle/
    )
  })
})

describe('the ccal process', () => {
  it('stops quietly when its reader closes the pipe early (ccal findings big.log | head -1)', async () => {
    const log = join(scratch, 'big.log')
    const line = (i: number) => `src/file${i}.ts(${i},1): error TS2322: Type 'number' is not assignable.`
    writeFileSync(log, Array.from({ length: 20_000 }, (_, i) => line(i + 1)).join('\n'))
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli.ts'), 'findings', log],
      {
        cwd: REPO_ROOT
      }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // More output than a pipe holds: the child is still writing when the reader goes away.
    const first = await new Promise<string>(resolve =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))
    )
    child.stdout.destroy()
    const code = await new Promise<number | null>(resolve => child.on('close', resolve))

    expect(first).toContain('error')
    expect(stderr).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
