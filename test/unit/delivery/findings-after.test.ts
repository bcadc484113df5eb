import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  coverageAfter,
  coverageLine,
  findingsAfter,
  findingsLine
} from '../../../src/delivery/findings-after.js'
import type { CheckStep } from '../../../src/delivery/content.js'

const root = '/tmp/wt'

/** A lint batch of three no-unused-vars findings, as the lint source keeps them. */
const batch = {
  type: 'lint' as const,
  context: {
    tool: 'eslint',
    rule: 'no-unused-vars',
    findings: [
      {
        file: 'src/helpers.js',
        line: 3,
        column: 9,
        key: "src/helpers.js|'greeting' is assigned a value but never used"
      },
      {
        file: 'src/helpers.js',
        line: 7,
        column: 3,
        key: "src/helpers.js|'other' is assigned a value but never used"
      },
      {
        file: 'src/app.js',
        line: 1,
        column: 7,
        key: "src/app.js|'unused' is assigned a value but never used"
      }
    ]
  }
}

function step(output: string, exitCode: number, name: CheckStep['name'] = 'lint'): CheckStep {
  return { name, command: 'npx eslint .', exitCode, timedOut: false, durationMs: 900, output }
}

/** ESLint's default (stylish) output, paths absolute under the worktree. */
const oneLeft = [
  '',
  '/tmp/wt/src/helpers.js',
  "  5:9  error  'other' is assigned a value but never used  no-unused-vars",
  '',
  '✖ 1 problem (1 error, 0 warnings)',
  ''
].join('\n')

describe('findings before and after', () => {
  it('counts the batch findings the linter still reports, moved lines and all', () => {
    const check = findingsAfter(batch, [step('ok', 0, 'test'), step(oneLeft, 1)], root)

    expect(check).toMatchObject({ tool: 'eslint', before: 3, after: 1, clean: false })
    expect(findingsLine(check!)).toBe(
      '- Findings: 3 eslint findings before, 1 eslint finding of them after (read from the output of lint: `npx eslint .`)'
    )
  })

  it('says none are left when the lint check passes with nothing to report', () => {
    const check = findingsAfter(batch, [step('', 0)], root)

    expect(check).toMatchObject({ before: 3, after: 0, clean: true })
    expect(findingsLine(check!)).toContain('none of them after (`npx eslint .` passes with nothing reported)')
  })

  it('claims nothing when no check speaks for the tool, or the output was cut', () => {
    expect(findingsAfter(batch, [step('all good\n', 0, 'test')], root)).toBeUndefined()
    expect(findingsAfter(batch, [step(`${oneLeft}\n[… 4000 characters cut …]\n`, 1)], root)).toBeUndefined()
    expect(findingsAfter({ type: 'issue', context: {} }, [step(oneLeft, 1)], root)).toBeUndefined()
  })
})

describe('coverage before and after', () => {
  const item = {
    type: 'coverage' as const,
    context: { file: 'src/math.js', coveragePercent: 40, rule: 'line-coverage' }
  }
  const lcov = [
    'TN:',
    'SF:src/math.js',
    'DA:1,1',
    'DA:2,1',
    'DA:3,1',
    'DA:4,0',
    'LF:4',
    'LH:3',
    'end_of_record',
    ''
  ].join('\n')

  it("reads the file's coverage from the report the checks wrote, and not from an older one", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccal-coverage-'))
    try {
      mkdirSync(join(dir, 'coverage'))
      writeFileSync(join(dir, 'coverage', 'lcov.info'), lcov)
      const check = await coverageAfter(item, ['coverage/lcov.info'], dir, Date.now() - 5_000)

      expect(check).toEqual({ file: 'src/math.js', before: 40, after: 75, report: 'coverage/lcov.info' })
      expect(coverageLine(check!)).toBe(
        '- Coverage of src/math.js: 40.0% of lines before, 75.0% after (coverage/lcov.info, as the checks wrote it)'
      )
      // A report from before the attempt (committed, or copied in) says nothing of the change.
      const old = new Date(Date.now() - 60_000)
      utimesSync(join(dir, 'coverage', 'lcov.info'), old, old)
      expect(await coverageAfter(item, ['coverage/lcov.info'], dir, Date.now() - 5_000)).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
