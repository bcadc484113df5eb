import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Finding } from '../../../src/findings/finding.js'
import { createLogStream, readLogFile, scanLogBuffer } from '../../../src/findings/log-reader.js'
import { createLogParser, parseLogText, type StepOutcome } from '../../../src/findings/log/log-parser.js'
import { LogScanner, MAX_LINE_BYTES } from '../../../src/findings/scan/scan.js'
import { allFixtures, fixture } from './fixtures.js'

/** `logs` one after another, again and again, until they pass `megabytes`. */
function repeatedTo(megabytes: number, logs: readonly Buffer[]): Buffer {
  const parts: Buffer[] = []
  for (let i = 0, size = 0; size < megabytes * 1024 * 1024; i++) {
    const part = logs[i % logs.length] as Buffer
    parts.push(part)
    size += part.length
  }
  return Buffer.concat(parts)
}

/** The scanner's counts when it reads every step of `data`. */
function scanStats(data: Buffer) {
  const scanner = new LogScanner(createLogParser(() => {}))
  scanner.scan(data, 0, true)
  scanner.end()
  return scanner.stats
}

/** What must agree between the fast and the exact path (excerpts may be shorter when lines were skipped). */
const essence = (findings: Finding[]) =>
  findings
    .filter(f => f.severity !== 'note')
    .map(f => [f.tool, f.file, f.line, f.column, f.rule, f.severity, f.message, f.step])

const TEXT_FIXTURES = allFixtures().filter(path => /\.(txt|log)$/.test(path))

/**
 * Feeds `data` to a scanner in chunks of `size` bytes, carrying partial lines and a look-back of
 * the last `lookBack` bytes already scanned (cut at a line start), as log-reader does.
 */
function scanInChunks(data: Buffer, size: number, lookBack = 256): Finding[] {
  const findings: Finding[] = []
  const scanner = new LogScanner(createLogParser(found => findings.push(found)))
  let held = Buffer.alloc(0)
  let from = 0
  for (let offset = 0; offset < data.length; offset += size) {
    const chunk = Buffer.concat([held, data.subarray(offset, offset + size)])
    const consumed = scanner.scan(chunk, from, offset + size >= data.length)
    const floor = consumed - lookBack
    const keep = floor <= 0 ? 0 : Math.min(consumed, chunk.indexOf(10, floor) + 1 || consumed)
    held = chunk.subarray(keep)
    from = consumed - keep
  }
  if (held.length > from) scanner.scan(held, from, true)
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
      ...noise,
      '2024-01-01T00:00:02.0000000Z ##[error]Process completed with exit code 2.'
    ].join('\n')
    const findings: Finding[] = []
    const scanner = new LogScanner(createLogParser(found => findings.push(found)))

    scanner.scan(Buffer.from(text), 0, true)
    scanner.end()

    expect(findings.map(f => f.rule)).toEqual(['TS2304'])
    // The hit, and the exit line with the step's last lines before it.
    expect(scanner.stats.decodedLines).toBeLessThan(20)
  })

  it('reads the start of a line longer than the cap, passes over the rest unread, and reads on after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccal-scan-'))
    try {
      const path = join(dir, 'job.log')
      const start = 'a.ts(1,1): error TS1000: first '
      // Past the cap, an error that is only part of the same line: not read.
      const rest = `${'x'.repeat(MAX_LINE_BYTES)} b.ts(2,2): error TS2000: inside ${'y'.repeat(3_000_000)}`
      writeFileSync(path, `${start}${rest}\nc.ts(3,3): error TS3000: after\n`)

      const read = await readLogFile(path)
      const streamed = createLogStream()
      const data = readFileSync(path)
      for (let at = 0; at < data.length; at += 65_536) streamed.write(data.subarray(at, at + 65_536))

      for (const result of [read, streamed.end()]) {
        expect(result.findings.map(f => f.rule)).toEqual(['TS1000', 'TS3000'])
        expect(result.bytes).toBe(data.length)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
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

describe('a big log file, searched ahead on a second thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccal-read-ahead-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** Every real log of the corpus, one after another, until the file passes `megabytes`. */
  function corpusLog(megabytes: number): Buffer {
    const logs = allFixtures()
      .filter(path => path.endsWith('.log') || path.endsWith('.txt'))
      .map(path => Buffer.from(`${fixture(path)}\n`))
    return repeatedTo(megabytes, logs)
  }

  it('finds what one thread finds, in the same order', async () => {
    const data = corpusLog(20)
    const path = join(dir, 'corpus.log')
    writeFileSync(path, data)

    const ahead = await readLogFile(path)

    expect(ahead.bytes).toBe(data.length)
    expect(ahead.findings.length).toBeGreaterThan(1000)
    expect(essence(ahead.findings)).toEqual(essence(scanLogBuffer(data)))
  })

  it('passes over the unread rest of an over-long line, the matches found ahead in it included', async () => {
    const line = `${'x'.repeat(MAX_LINE_BYTES)}${' z.ts(9,9): error TS9000: buried'.repeat(700_000)}`
    const data = Buffer.from(`a.ts(1,1): error TS1000: first\n${line}\nc.ts(3,3): error TS3000: after\n`)
    const path = join(dir, 'one-line.log')
    writeFileSync(path, data)

    const ahead = await readLogFile(path)

    expect(data.length).toBeGreaterThan(16 * 1024 * 1024)
    expect(ahead.findings.map(f => f.rule)).toEqual(['TS1000', 'TS3000'])
  })

  it('finds a keyword that straddles the end of a chunk', async () => {
    const chunk = 1024 * 1024
    const line = (n: number) => `src/app.ts(${n},3): error TS2304: Cannot find name y.\n`
    // Each line starts so that the end of a chunk falls between the two r's of `error`.
    let text = ''
    for (let n = 1; n <= 20; n++) {
      const start = n * chunk - (line(n).indexOf('rror') + 1)
      text += `${'x'.repeat(start - text.length - 1)}\n${line(n)}`
    }
    const data = Buffer.from(text)
    const path = join(dir, 'straddle.log')
    writeFileSync(path, data)

    const ahead = await readLogFile(path)

    expect(ahead.findings.map(f => f.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it('keeps every match of a chunk with more matches than a slot holds', async () => {
    // 250,000 matches of `\a:\d` per megabyte, and one tsc error at the end of each chunk's run.
    const dense = `${'a:1 '.repeat(255)}\n`
    const text = Array.from({ length: 17 * 1024 }, (_, i) =>
      i % 1024 === 1023 ? `src/x.ts(${i},1): error TS2304: Cannot find name z.\n` : dense
    ).join('')
    const path = join(dir, 'dense.log')
    writeFileSync(path, text)

    const ahead = await readLogFile(path)

    expect(ahead.findings).toHaveLength(17)
    expect(essence(ahead.findings)).toEqual(essence(scanLogBuffer(Buffer.from(text))))
  })
})

describe('a big raw job log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccal-failed-steps-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** The raw Actions logs of the corpus (timestamped), one after another, until `megabytes`. */
  function rawLogs(megabytes: number, edit: (log: string) => string = log => log): Buffer {
    const root = join(import.meta.dirname, '../../fixtures/real-logs')
    const logs = readdirSync(root, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .flatMap(family => readdirSync(join(root, family.name)).map(file => join(root, family.name, file)))
      .filter(path => path.endsWith('.log'))
      .sort()
      .map(path => readFileSync(path, 'utf8'))
      .filter(text => /^\ufeff?\d{4}-\d\d-\d\dT[\d:.]+Z /.test(text) && text.includes('##[group]Run '))
      .map(text =>
        Buffer.from(
          `${edit(text)
            .replace(/^\ufeff/, '')
            .trimEnd()}\n`
        )
      )
    expect(logs.length).toBeGreaterThan(20)
    return repeatedTo(megabytes, logs)
  }

  it('gives what reading every step gives, reading only the steps that failed', async () => {
    const data = rawLogs(18)
    const path = join(dir, 'jobs.log')
    writeFileSync(path, data)

    const read = await readLogFile(path)

    expect(read.findings.length).toBeGreaterThan(500)
    expect(essence(read.findings)).toEqual(essence(scanLogBuffer(data)))
    // Passing steps were skipped, not decoded.
    expect(read.stats.decodedLines).toBeLessThan(scanStats(data).decodedLines)
  })

  it('reads every step when none failed, as their errors are then all there is', async () => {
    // The same jobs, cut before the runner says which step failed.
    const data = rawLogs(17, log =>
      log
        .split('\n')
        .filter(line => !line.includes('##[error]') && !line.includes('::error'))
        .join('\n')
    )
    const path = join(dir, 'passing.log')
    writeFileSync(path, data)

    const read = await readLogFile(path)

    expect(read.findings.length).toBeGreaterThan(10)
    expect(essence(read.findings)).toEqual(essence(scanLogBuffer(data)))
  })

  it('reads a step failed by an annotation, and takes a literal ::error line for the output it is', async () => {
    const step = (name: string, lines: string[]) =>
      [`##[group]Run ${name}`, '##[endgroup]', ...lines].map(line => `2024-01-01T00:00:00.0000000Z ${line}`)
    const noise = Array.from({ length: 200_000 }, (_, i) => `added ${i} packages in 3s`)
    const text = [
      ...step('npm ci', noise),
      ...step('lint', ['src/a.ts(3,5): error TS2304: Cannot find name x.', '##[error]Cannot find name x.']),
      // Under ::stop-commands:: the runner prints commands as they are; the step passed.
      ...step('build', [
        'src/b.ts(4,1): error TS2322: Type mismatch.',
        '::error file=src/b.ts,line=4::Type mismatch.'
      ])
    ].join('\n')
    const path = join(dir, 'command.log')
    writeFileSync(path, text)

    const read = await readLogFile(path)

    expect(read.findings.map(found => [found.step, found.rule])).toEqual([['lint', 'TS2304']])
    expect(essence(read.findings)).toEqual(essence(scanLogBuffer(Buffer.from(text))))
  })
})

describe('the Actions log framing', () => {
  const findings = parseLogText(fixture('actions/job.log'))

  it('attributes each finding to the step that printed it', () => {
    expect(findings.find(f => f.tool === 'tsc')?.step).toBe('npx tsc -p . --pretty false')
    expect(findings.find(f => f.tool === 'jest')?.step).toBe('npx jest --ci')
    expect(findings.find(f => f.tool === 'eslint')?.step).toBe('npx eslint src')
  })

  it('tells how each step ended, and exit codes are not findings', () => {
    const steps: StepOutcome[] = []
    parseLogText(fixture('actions/job.log'), { onStep: step => steps.push(step) })

    expect(steps.filter(step => step.failed).map(step => [step.step, step.exitCode])).toEqual([
      ['npx eslint src', 1],
      ['npx tsc -p . --pretty false', 2],
      ['npx jest --ci', 1]
    ])
    expect(findings.filter(f => /exit code/.test(f.message))).toEqual([])
  })

  it('reads a workflow-command annotation that repeats a tool error as that one error', () => {
    // The fixture's `::error file=src/shapes.ts,line=13,…::` repeats tsc's TS2339 line.
    const atThatPlace = findings.filter(f => f.file === 'src/shapes.ts' && f.line === 13)

    expect(atThatPlace.map(f => [f.tool, f.rule])).toEqual([['tsc', 'TS2339']])
  })

  it('yields nothing for setup steps, checkout and install output', () => {
    expect(
      findings.filter(
        f => f.step === 'npm ci' || f.step === 'actions/checkout@v4' || f.step === 'actions/setup-node@v4'
      )
    ).toEqual([])
  })
})
