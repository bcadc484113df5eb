import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Finding } from '../../../src/findings/finding.js'
import { readLogFile, scanLogBuffer } from '../../../src/findings/log-reader.js'
import { createLogParser, parseLogText } from '../../../src/findings/log/log-parser.js'
import { LogScanner } from '../../../src/findings/scan/scan.js'
import { allFixtures, fixture } from './fixtures.js'

/** What must agree between the fast and the exact path (excerpts may be shorter when lines were skipped). */
const essence = (findings: Finding[]) =>
  findings
    .filter(f => f.severity !== 'note')
    .map(f => [f.tool, f.file, f.line, f.column, f.rule, f.severity, f.message, f.step])

const TEXT_FIXTURES = allFixtures().filter(path => /\.(txt|log)$/.test(path))

/** Feeds `data` to a scanner in chunks of `size` bytes, carrying partial lines as log-reader does. */
function scanInChunks(data: Buffer, size: number): Finding[] {
  const findings: Finding[] = []
  const scanner = new LogScanner(createLogParser(found => findings.push(found)))
  let kept = Buffer.alloc(0)
  for (let offset = 0; offset < data.length; offset += size) {
    const chunk = Buffer.concat([kept, data.subarray(offset, offset + size)])
    const consumed = scanner.scan(chunk, offset + size >= data.length)
    kept = chunk.subarray(consumed)
  }
  if (kept.length > 0) scanner.scan(kept, true)
  scanner.end()
  return findings
}

describe('the keyword scanner', () => {
  it.each(TEXT_FIXTURES)('finds the same errors and warnings in %s as reading every line', path => {
    const text = fixture(path)

    const fast = scanLogBuffer(Buffer.from(text))

    expect(essence(fast)).toEqual(essence(parseLogText(text)))
  })

  it('finds the same findings whatever the chunk boundaries', () => {
    const data = Buffer.from(fixture('actions/job.log'))
    const expected = essence(parseLogText(data.toString()))

    for (const size of [97, 256, 1000, 4096]) expect(essence(scanInChunks(data, size))).toEqual(expected)
  })

  it('decodes only the lines around keywords, not the noise between them', () => {
    const noise = Array.from(
      { length: 5000 },
      (_, i) => `2024-01-01T00:00:00.0000000Z added ${i} packages in 3s`
    )
    const text = [
      ...noise,
      '2024-01-01T00:00:01.0000000Z src/a.ts(3,5): error TS2304: Cannot find name x.',
      ...noise
    ].join('\n')
    const findings: Finding[] = []
    const scanner = new LogScanner(createLogParser(found => findings.push(found)))

    scanner.scan(Buffer.from(text), true)
    scanner.end()

    expect(findings.map(f => f.rule)).toEqual(['TS2304'])
    expect(scanner.stats.decodedLines).toBeLessThan(5)
  })

  it('reads a log file from a byte offset and stops at a byte limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccal-scan-'))
    try {
      const path = join(dir, 'job.log')
      const first = 'a.ts(1,1): error TS1000: first\n'
      writeFileSync(path, `${first}b.ts(2,2): error TS2000: second\nc.ts(3,3): error TS3000: third\n`)

      const fromOffset = await readLogFile(path, { offset: Buffer.byteLength(first) })
      const limited = await readLogFile(path, { maxBytes: Buffer.byteLength(first) })

      expect(fromOffset.findings.map(f => f.rule)).toEqual(['TS2000', 'TS3000'])
      expect(limited.findings.map(f => f.rule)).toEqual(['TS1000'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the Actions log framing', () => {
  const findings = parseLogText(fixture('actions/job.log'))

  it('attributes each finding to the step that printed it', () => {
    expect(findings.find(f => f.tool === 'tsc')?.step).toBe('npx tsc -p . --pretty false')
    expect(findings.find(f => f.tool === 'jest')?.step).toBe('npx jest --ci')
    expect(findings.find(f => f.tool === 'eslint')?.step).toBe('npx eslint src')
  })

  it("reports exit codes and workflow-command annotations as the runner's own findings", () => {
    const runner = findings.filter(f => f.tool === 'actions')

    expect(runner.filter(f => f.rule === 'exit-code').map(f => [f.step, f.message])).toEqual([
      ['npx eslint src', 'Process completed with exit code 1.'],
      ['npx tsc -p . --pretty false', 'Process completed with exit code 2.'],
      ['npx jest --ci', 'Process completed with exit code 1.']
    ])
    expect(runner).toContainEqual(
      expect.objectContaining({
        file: 'src/shapes.ts',
        line: 13,
        column: 16,
        rule: 'TS2339',
        message: "Property 'name' does not exist on type 'Shape'."
      })
    )
    expect(runner.filter(f => f.severity === 'warning')).toHaveLength(1)
  })

  it('yields nothing for setup steps, checkout and install output', () => {
    expect(
      findings.filter(
        f => f.step === 'npm ci' || f.step === 'actions/checkout@v4' || f.step === 'actions/setup-node@v4'
      )
    ).toEqual([])
  })
})
