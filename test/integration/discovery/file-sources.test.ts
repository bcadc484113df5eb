import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SettingsSchema } from '../../../src/config/schema.js'
import type { CommandRunner } from '../../../src/discovery/command-runner.js'
import { CoverageSource } from '../../../src/discovery/coverage.js'
import { ErrorLogsSource } from '../../../src/discovery/error-logs.js'
import { LintSource } from '../../../src/discovery/lint.js'
import type { DiscoveryContext, DiscoveryResult } from '../../../src/discovery/source.js'
import { setCursor, upsertCandidates } from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../../src/ledger/schema.js'
import type { Logger } from '../../../src/util/logger.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/findings')
const ESLINT_BIN = join(import.meta.dirname, '../../../node_modules/eslint/bin/eslint.js')
const NOW = new Date('2026-11-24T12:00:00Z')
const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccal-file-sources-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function contextFor(
  discovery: Record<string, unknown>,
  ledger: Ledger = emptyLedger(),
  now = NOW
): DiscoveryContext {
  return {
    settings: SettingsSchema.parse({ discovery }),
    trigger: { kind: 'schedule' },
    ledger,
    root,
    runId: 'run-1',
    now,
    logger: quiet
  }
}

/** The ledger after the cycle merged a result and stored its cursor. */
function afterCycle(ledger: Ledger, result: DiscoveryResult): Ledger {
  let next = upsertCandidates(result.candidates)(ledger, { now: NOW, runId: 'run-1' }).ledger
  if (result.cursor !== undefined)
    next = setCursor(result.source, result.cursor)(next, { now: NOW, runId: 'run-1' }).ledger
  return next
}

function put(path: string, content: string): string {
  const full = join(root, path)
  mkdirSync(join(full, '..'), { recursive: true })
  writeFileSync(full, content)
  return full
}

describe('the lint source', () => {
  it('runs a real ESLint command and batches its findings per rule and directory', async () => {
    put('src/a.js', 'const unused = 1\nlet other = 2\nexport const x = 3\n')
    put('src/b.js', 'const alsoUnused = 1\n')
    put('lib/c.js', 'const third = 1\n')
    const command = `node ${ESLINT_BIN} --no-config-lookup --rule '{"no-unused-vars":"error"}' -f json src lib`

    const result = await new LintSource().discover(
      contextFor({ lint: { enabled: true, commands: [command] } })
    )

    expect(result.skipped).toEqual([])
    expect(result.candidates.map(c => c.title)).toEqual([
      'Fix 3 eslint `no-unused-vars` findings in src',
      'Fix 1 eslint `no-unused-vars` finding in lib'
    ])
    expect(result.candidates[0]).toMatchObject({
      type: 'lint',
      source: 'lint',
      priority: 3,
      context: { file: 'src/a.js', line: 1, rule: 'no-unused-vars' }
    })
    expect(result.candidates[0]?.untrusted?.evidence).toContain(
      "- src/a.js:1:7: no-unused-vars 'unused' is assigned a value but never used. (eslint)"
    )
  }, 30000)

  it('cuts a big group into parts of batch_size with stable fingerprints', async () => {
    copyFileSync(join(FIXTURES, 'ruff/ruff.json'), join(root, 'ruff.json'))

    const result = await new LintSource().discover(
      contextFor({ lint: { enabled: true, reports: ['*.json'], batch_size: 2, group_by: 'rule' } })
    )
    const docstrings = result.candidates.filter(c => c.context?.rule === 'D103')

    expect(docstrings.map(c => [c.fingerprint, c.title])).toEqual([
      ['lint:ruff:D103:*#1', 'Fix 2 ruff `D103` findings (part 1)'],
      ['lint:ruff:D103:*#2', 'Fix 1 ruff `D103` finding (part 2)']
    ])
  })

  it('keeps only the configured severities', async () => {
    copyFileSync(join(FIXTURES, 'eslint/eslint.sarif'), join(root, 'eslint.sarif'))

    const result = await new LintSource().discover(
      contextFor({ lint: { enabled: true, reports: ['eslint.sarif'], severities: ['warning'] } })
    )

    expect(result.candidates.map(c => c.context?.rule).sort()).toEqual(['no-var', 'prefer-const'])
  })

  it('reports a report it cannot read as skipped, with the reason', async () => {
    put('reports/notes.json', '{"hello": "world"}')

    const result = await new LintSource().discover(
      contextFor({ lint: { enabled: true, reports: ['reports/*.json', 'missing.sarif'] } })
    )

    expect(result.candidates).toEqual([])
    expect(result.skipped).toEqual([
      { what: 'reports/notes.json', reason: 'not a supported format (format tried: auto)' },
      { what: 'missing.sarif', reason: 'no report file matches' }
    ])
  })

  it('never hands a command to a shell: shell syntax stays literal words', async () => {
    const calls: string[][] = []
    const runner: CommandRunner = {
      async run(argv) {
        calls.push([...argv])
        return { exitCode: 0, stdout: '', stderr: '' }
      }
    }

    await new LintSource(runner).discover(
      contextFor({ lint: { enabled: true, commands: ['npx eslint "src dir" $HOME; touch pwned | cat'] } })
    )

    expect(calls).toEqual([['npx', 'eslint', 'src dir', '$HOME;', 'touch', 'pwned', '|', 'cat']])
    expect(existsSync(join(root, 'pwned'))).toBe(false)
  })

  it('waits interval_seconds between scans', async () => {
    copyFileSync(join(FIXTURES, 'eslint/eslint.json'), join(root, 'eslint.json'))
    const discovery = { lint: { enabled: true, reports: ['eslint.json'], interval_seconds: 3600 } }
    const first = await new LintSource().discover(contextFor(discovery))

    const second = await new LintSource().discover(
      contextFor(discovery, afterCycle(emptyLedger(), first), new Date(NOW.getTime() + 60_000))
    )

    expect(first.candidates.length).toBeGreaterThan(0)
    expect(second.candidates).toEqual([])
    expect(second.skipped[0]?.reason).toMatch(/next scan after 3600s/)
  })
})

describe('the coverage source', () => {
  it('turns files under min_test_coverage into "add tests" items naming the uncovered ranges', async () => {
    copyFileSync(join(FIXTURES, 'coverage/lcov.info'), join(root, 'lcov.info'))

    const result = await new CoverageSource().discover(
      contextFor({ coverage: { enabled: true, reports: ['lcov.info'], min_test_coverage: 80 } })
    )

    expect(result.candidates).toEqual([
      expect.objectContaining({
        fingerprint: 'coverage:lib/math.cjs',
        type: 'coverage',
        title: 'Add tests for lib/math.cjs (62.5% line coverage)',
        context: {
          file: 'lib/math.cjs',
          line: 13,
          rule: 'line-coverage',
          coveragePercent: 62.5,
          uncoveredLines: '13-14, 16'
        }
      })
    ])
    expect(result.candidates[0]?.description).toContain('Uncovered lines: 13-14, 16.')
  })

  it('creates nothing for files at or above the threshold', async () => {
    copyFileSync(join(FIXTURES, 'coverage/cobertura.xml'), join(root, 'cobertura.xml'))

    const result = await new CoverageSource().discover(
      contextFor({ coverage: { enabled: true, reports: ['cobertura.xml'], min_test_coverage: 60 } })
    )

    expect(result.candidates).toEqual([])
  })

  it('maps Go import paths to repository paths through go.mod', async () => {
    put('go.mod', 'module example.com/calc\n\ngo 1.19\n')
    copyFileSync(join(FIXTURES, 'coverage/go-cover.out'), join(root, 'cover.out'))

    const result = await new CoverageSource().discover(
      contextFor({ coverage: { enabled: true, reports: ['cover.out'] } })
    )

    expect(result.candidates.map(c => [c.title, c.context?.uncoveredLines])).toEqual([
      ['Add tests for calc/calc.go (54.5% line coverage)', '14-18']
    ])
  })

  it('takes the biggest gaps first, at most max_items_per_cycle', async () => {
    const record = (file: string, hits: number[]) =>
      `SF:${file}\n${hits.map((h, i) => `DA:${i + 1},${h}`).join('\n')}\nend_of_record\n`
    put(
      'lcov.info',
      record('small.ts', [1, 0]) + record('big.ts', [0, 0, 0, 0, 1]) + record('mid.ts', [0, 0, 1])
    )

    const result = await new CoverageSource().discover(
      contextFor({ coverage: { enabled: true, reports: ['lcov.info'], max_items_per_cycle: 2 } })
    )

    expect(result.candidates.map(c => c.context?.file)).toEqual(['big.ts', 'mid.ts'])
    expect(result.skipped).toEqual([
      { what: 'small.ts', reason: '50.0% covered; beyond max_items_per_cycle (2)' }
    ])
  })
})

describe('the error-log source', () => {
  const settings = (extra: Record<string, unknown> = {}) => ({
    error_logs: { enabled: true, paths: ['logs'], context_lines: 1, interval_seconds: 0, ...extra }
  })

  async function cycle(ledger: Ledger, extra?: Record<string, unknown>) {
    const result = await new ErrorLogsSource().discover(contextFor(settings(extra), ledger))
    return { result, ledger: afterCycle(ledger, result) }
  }

  it('finds error lines with context, one item per distinct error however often it repeats', async () => {
    put(
      'logs/app.log',
      [
        '2026-11-24 10:00:00,001 INFO started',
        '2026-11-24 10:00:01,002 ERROR payment 8f3a9c21 failed: timeout after 30s',
        '2026-11-24 10:00:02,003 INFO retrying',
        '2026-11-24 11:15:07,514 ERROR payment 1b2c3d4e failed: timeout after 31s',
        ''
      ].join('\n')
    )

    const { result } = await cycle(emptyLedger())

    expect(result.candidates).toHaveLength(1)
    expect(result.candidates[0]).toMatchObject({
      type: 'error_log',
      source: 'error-logs',
      title: 'Fix the error logged 2 times in app.log',
      context: { file: 'logs/app.log', occurrences: 2 }
    })
    expect(result.candidates[0]?.untrusted?.evidence).toContain(
      'INFO started\n2026-11-24 10:00:01,002 ERROR payment 8f3a9c21 failed'
    )
  })

  it('reads only what was appended since the last run', async () => {
    const log = put('logs/app.log', 'ERROR first failure\n')
    const first = await cycle(emptyLedger())
    const unchanged = await cycle(first.ledger)
    appendFileSync(log, 'INFO fine\nFATAL second failure\n')

    const appended = await cycle(unchanged.ledger)

    expect(first.result.candidates).toHaveLength(1)
    expect(unchanged.result.candidates).toEqual([])
    expect(appended.result.candidates.map(c => c.context?.errorSignature)).toEqual(['FATAL second failure'])
  })

  it('starts over when the file was rotated, truncated or rewritten', async () => {
    const log = put('logs/app.log', 'ERROR old one\nINFO padding padding padding\n')
    const first = await cycle(emptyLedger())
    renameSync(log, join(root, 'app.log.1'))
    put('logs/app.log', 'ERROR after rotation\n')
    const rotated = await cycle(first.ledger)
    writeFileSync(log, 'ERROR after truncation\n')
    const truncated = await cycle(rotated.ledger)
    writeFileSync(log, 'ERROR rewritten in place with more bytes than before\n')

    const rewritten = await cycle(truncated.ledger)

    expect(rotated.result.candidates.map(c => c.context?.errorSignature)).toEqual(['ERROR after rotation'])
    expect(truncated.result.candidates.map(c => c.context?.errorSignature)).toEqual([
      'ERROR after truncation'
    ])
    expect(rewritten.result.candidates.map(c => c.context?.errorSignature)).toEqual([
      'ERROR rewritten in place with more bytes than before'
    ])
  })

  it('leaves a line still being written for the next run', async () => {
    const log = put('logs/app.log', 'ERROR complete\nERROR incompl')
    const first = await cycle(emptyLedger())
    appendFileSync(log, 'ete now\n')

    const second = await cycle(first.ledger)

    expect(first.result.candidates.map(c => c.context?.errorSignature)).toEqual(['ERROR complete'])
    expect(second.result.candidates.map(c => c.context?.errorSignature)).toEqual(['ERROR incomplete now'])
  })

  it('reads JSON logs by their level field', async () => {
    put(
      'logs/service.json',
      [
        JSON.stringify({ level: 30, msg: 'listening' }),
        JSON.stringify({ level: 50, msg: 'db connection refused', pid: 4242 }),
        JSON.stringify({ severity: 'ERROR', message: 'cache miss storm' }),
        ''
      ].join('\n')
    )

    const { result } = await cycle(emptyLedger(), { patterns: [] })

    expect(result.candidates.map(c => c.context?.errorSignature).sort()).toEqual([
      'cache miss storm',
      'db connection refused'
    ])
  })

  it('reads at most max_bytes_per_run and continues from there next time', async () => {
    put('logs/app.log', 'ERROR one\nERROR two\n')

    const first = await cycle(emptyLedger(), { max_bytes_per_run: 12 })
    const second = await cycle(first.ledger, { max_bytes_per_run: 12 })

    expect(first.result.candidates.map(c => c.context?.errorSignature)).toEqual(['ERROR one'])
    expect(second.result.candidates.map(c => c.context?.errorSignature)).toEqual(['ERROR two'])
  })
})
