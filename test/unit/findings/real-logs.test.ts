/**
 * The parsers on real CI logs from public repositories (test/fixtures/real-logs, README there):
 * recall per family against what a maintainer listed by reading each log, no finding on a passing
 * run, no more than half again as many findings as listed, and the fast path agreeing with reading
 * every line.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Finding } from '../../../src/findings/finding.js'
import { scanLogBuffer } from '../../../src/findings/log-reader.js'
import { parseLogText } from '../../../src/findings/log/log-parser.js'

const ROOT = join(import.meta.dirname, '../../fixtures/real-logs')
const RECALL_FLOOR = 0.9
const MAX_RATIO = 1.5

const ExpectedSchema = z.strictObject({
  provenance: z.union([
    z.strictObject({
      repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
      path: z.string().min(1),
      commit: z.string().regex(/^[0-9a-f]{40}$/)
    }),
    z.strictObject({
      url: z.string().regex(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull|discussions)\/\d+/)
    })
  ]),
  shape: z.enum(['actions', 'gh-log', 'monorepo', 'plain']),
  success: z.boolean(),
  note: z.string().optional(),
  findings: z.array(
    z.strictObject({
      file: z.string().min(1).nullable(),
      line: z.number().int().positive().nullable(),
      rule: z.string().min(1).nullable(),
      message: z.string().min(1)
    })
  )
})
type Expected = z.infer<typeof ExpectedSchema>

interface Case {
  family: string
  name: string
  log: Buffer
  expected: Expected
}

function loadCases(): Case[] {
  return readdirSync(ROOT)
    .filter(name => statSync(join(ROOT, name)).isDirectory())
    .sort()
    .flatMap(family =>
      readdirSync(join(ROOT, family))
        .filter(file => file.endsWith('.expected.json'))
        .sort()
        .map(file => {
          const name = file.slice(0, -'.expected.json'.length)
          const parsed = ExpectedSchema.safeParse(JSON.parse(readFileSync(join(ROOT, family, file), 'utf8')))
          if (!parsed.success)
            throw new Error(
              `${family}/${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`
            )
          return { family, name, log: readFileSync(join(ROOT, family, `${name}.log`)), expected: parsed.data }
        })
    )
}

const cases = loadCases()
const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

/** The same file: equal, or one ends with the other at a directory boundary (a log may print less of the path). */
function sameFile(found: string | null, wanted: string | null): boolean {
  if (wanted === null) return true
  if (found === null) return false
  return found === wanted || found.endsWith(`/${wanted}`) || wanted.endsWith(`/${found}`)
}

/** A finding counts for an expected one when file and line are right, and the rule or the message is. */
function matches(found: Finding, wanted: Expected['findings'][number]): boolean {
  if (!sameFile(found.file, wanted.file)) return false
  if (wanted.line !== null && found.line !== wanted.line) return false
  return (
    (wanted.rule !== null && found.rule === wanted.rule) ||
    squash(found.message).includes(squash(wanted.message))
  )
}

interface Score {
  expected: number
  recalled: number
  reported: number
  misses: string[]
}

function score(entry: Case, findings: readonly Finding[]): Score {
  const missed = entry.expected.findings.filter(wanted => !findings.some(found => matches(found, wanted)))
  return {
    expected: entry.expected.findings.length,
    recalled: entry.expected.findings.length - missed.length,
    reported: findings.length,
    misses: missed.map(
      wanted =>
        `${entry.family}/${entry.name}: ${wanted.file ?? '-'}:${wanted.line ?? '-'} ${wanted.rule ?? ''} ${wanted.message}`
    )
  }
}

const scores = cases.map(entry => ({ entry, score: score(entry, scanLogBuffer(entry.log)) }))
const families = [...new Set(cases.map(entry => entry.family))]

describe('the parsers on real CI logs', () => {
  it('has a corpus of at least 60 real logs, each with its provenance and expected findings', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60)
    expect(families.length).toBeGreaterThanOrEqual(25)
  })

  it.each(families.filter(family => family !== 'success'))(
    `recalls at least ${RECALL_FLOOR} of what a maintainer lists in the %s logs, with at most ${MAX_RATIO}x as many findings`,
    family => {
      const mine = scores.filter(({ entry }) => entry.family === family)
      const expected = mine.reduce((sum, { score }) => sum + score.expected, 0)
      const recalled = mine.reduce((sum, { score }) => sum + score.recalled, 0)
      const reported = mine.reduce((sum, { score }) => sum + score.reported, 0)

      // Below the floor, the failure lists what was missed.
      if (recalled / expected < RECALL_FLOOR) expect(mine.flatMap(({ score }) => score.misses)).toEqual([])
      expect(recalled / expected).toBeGreaterThanOrEqual(RECALL_FLOOR)
      expect(reported / expected).toBeLessThanOrEqual(MAX_RATIO)
    }
  )

  it('finds nothing in the logs of runs that passed', () => {
    const passing = scores.filter(({ entry }) => entry.expected.success)

    expect(passing.length).toBeGreaterThanOrEqual(4)
    expect(passing.filter(({ score }) => score.reported > 0).map(({ entry }) => entry.name)).toEqual([])
  })

  it.each(cases.map(entry => [`${entry.family}/${entry.name}`, entry] as const))(
    'finds in %s what reading every line finds',
    (_name, entry) => {
      const essence = (findings: readonly Finding[]) =>
        findings.map(f => [f.tool, f.file, f.line, f.column, f.rule, f.severity, f.message, f.step, f.job])

      expect(essence(scanLogBuffer(entry.log))).toEqual(essence(parseLogText(entry.log.toString('utf8'))))
    }
  )
})
