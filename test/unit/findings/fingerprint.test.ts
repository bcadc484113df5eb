import { describe, expect, it } from '@jest/globals'
import { buildEvidence, cutAtLines, cutAtWord } from '../../../src/findings/evidence.js'
import { finding } from '../../../src/findings/finding.js'
import {
  errorSignature,
  fingerprintOf,
  normalizeMessage,
  normalizePath
} from '../../../src/findings/fingerprint.js'
import { parseLogText } from '../../../src/findings/log/log-parser.js'
import { fixture } from './fixtures.js'

describe('fingerprints', () => {
  it('normalize away numbers, hex ids, UUIDs, timestamps, durations and temp paths', () => {
    expect(
      normalizeMessage('ValueError: unexpected value 0x7f3a2c at /tmp/pytest-of-root/pytest-3/data.json')
    ).toBe('ValueError: unexpected value <hex> at <tmp>')
    expect(
      normalizeMessage(
        'job 3f2a9c1d7e failed at 2024-05-01T10:00:00Z after 1.5s (id 550e8400-e29b-41d4-a716-446655440000)'
      )
    ).toBe('job <hex> failed at <time> after <duration> (id <uuid>)')
    expect(normalizeMessage('expected 3 got 4')).toBe('expected <n> got <n>')
  })

  it('is the same for the same failure in two runs with other timestamps, temp dirs and line numbers', () => {
    const run1 = parseLogText(fixture('pytest/pytest.txt'))[2]!
    const run2 = {
      ...run1,
      line: (run1.line ?? 0) + 12,
      message: run1.message.replace('0x7f3a2c', '0x55aa01').replace('pytest-3', 'pytest-17')
    }

    expect(fingerprintOf('ci_failure', run2)).toBe(fingerprintOf('ci_failure', run1))
  })

  it('differs for another rule, another file or another message', () => {
    const base = finding({
      tool: 'eslint',
      file: 'src/a.js',
      rule: 'no-unused-vars',
      message: "'x' is defined but never used."
    })

    const variants = [
      { ...base, rule: 'no-undef' },
      { ...base, file: 'src/b.js' },
      { ...base, message: "'y' is defined but never used." }
    ]

    for (const variant of variants)
      expect(fingerprintOf('lint', variant)).not.toBe(fingerprintOf('lint', base))
  })

  it('treats the runner checkout path and a relative path to the same file as one file', () => {
    expect(normalizePath('/home/runner/work/widgets/widgets/src/a.ts')).toBe('src/a.ts')
    expect(normalizePath('./src/a.ts')).toBe('src/a.ts')
    expect(normalizePath('/repo/src/a.ts', '/repo')).toBe('src/a.ts')
    expect(
      errorSignature(finding({ tool: 'tsc', file: '/home/runner/work/w/w/src/a.ts', message: 'x' }))
    ).toBe(errorSignature(finding({ tool: 'tsc', file: 'src/a.ts', message: 'x' })))
  })
})

describe('evidence', () => {
  const tscError = (i: number, excerpt: string | null = null) =>
    finding({
      tool: 'tsc',
      file: `src/f${i}.ts`,
      line: i + 1,
      rule: 'TS2322',
      message: 'Type mismatch',
      excerpt
    })

  it('lists the findings first, one line each, and says how many did not fit', () => {
    const findings = Array.from({ length: 200 }, (_, i) => tscError(i))

    const evidence = buildEvidence(findings, 4000)

    expect(evidence.length).toBeLessThanOrEqual(4000)
    expect(evidence.split('\n')[0]).toBe('- src/f0.ts:1: TS2322 Type mismatch (tsc)')
    expect(evidence).toMatch(/\n… and \d+ more findings$/)
  })

  it('then shows the output they were read from, cut at line boundaries and never mid-word', () => {
    const frame = Array.from(
      { length: 40 },
      (_, n) => `  ${n} | const value${n} = compute(value${n - 1}) // a comment`
    ).join('\n')
    const findings = [tscError(0, `src/f0.ts(1,1): error TS2322: Type mismatch\n${frame}`), tscError(1)]

    const evidence = buildEvidence(findings, 1200)
    const [list, excerpt] = evidence.split('\n\n')

    expect(list).toBe('- src/f0.ts:1: TS2322 Type mismatch (tsc)\n- src/f1.ts:2: TS2322 Type mismatch (tsc)')
    expect(evidence.length).toBeLessThanOrEqual(1200)
    const lines = (excerpt ?? '').split('\n')
    expect(lines[0]).toBe('src/f0.ts(1,1): error TS2322: Type mismatch')
    expect(lines.at(-1)).toMatch(/^… \d+ more lines$/)
    // Every line shown is a whole line of the output.
    for (const line of lines.slice(1, -1)) expect(frame.split('\n')).toContain(line)
  })

  it('cuts a single long line at a word boundary', () => {
    expect(cutAtWord('alpha beta gamma delta epsilon', 18)).toBe('alpha beta gamma…')
    expect(cutAtLines('one two three four five six seven', 12)).toBe('one two…')
  })

  it('strips invisible characters that could hide text from a reviewer', () => {
    const evidence = buildEvidence([finding({ tool: 'actions', message: 'ok\u200b\u202eevil' })], 1000)

    expect(evidence).toBe('- (no file): okevil (actions)')
  })
})
