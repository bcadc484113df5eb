/**
 * Coverage reports: lcov, Cobertura XML, Istanbul coverage-final.json and coverage-summary.json,
 * Go coverprofile. Each yields per-file line coverage with the uncovered line numbers (when the
 * format has them: a summary only has totals).
 */
import { z } from 'zod'
import { ReportFormatError } from './reports.js'
import { xmlElements } from './xml.js'

export interface FileCoverage {
  file: string
  /** Executable lines. */
  lines: number
  covered: number
  /** Uncovered executable lines, ascending; empty when the report has no per-line detail. */
  uncovered: number[]
}

/** Coverage percentage (0–100) of a file; a file with no executable lines counts as fully covered. */
export function percent(coverage: FileCoverage): number {
  return coverage.lines === 0 ? 100 : (coverage.covered / coverage.lines) * 100
}

/** `[3,4,5,9]` → `"3-5, 9"`: the uncovered ranges as a prompt names them. */
export function lineRanges(lines: readonly number[]): string {
  const parts: string[] = []
  let start: number | null = null
  let previous = 0
  for (const line of lines) {
    if (start !== null && line === previous + 1) {
      previous = line
      continue
    }
    if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`)
    start = line
    previous = line
  }
  if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`)
  return parts.join(', ')
}

function fromHits(file: string, hits: Map<number, number>): FileCoverage {
  const lines = [...hits.keys()].sort((a, b) => a - b)
  const uncovered = lines.filter(line => (hits.get(line) ?? 0) === 0)
  return { file, lines: lines.length, covered: lines.length - uncovered.length, uncovered }
}

/** lcov tracefiles: `SF:` … `DA:line,hits` … `end_of_record`. */
export function parseLcov(text: string): FileCoverage[] {
  const files: FileCoverage[] = []
  let file: string | null = null
  let hits = new Map<number, number>()
  let sawRecord = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line.startsWith('SF:')) {
      file = line.slice(3)
      hits = new Map()
      sawRecord = true
    } else if (line.startsWith('DA:') && file !== null) {
      const [lineNumber, count] = line.slice(3).split(',')
      const number = Number.parseInt(lineNumber ?? '', 10)
      if (Number.isFinite(number))
        hits.set(number, Math.max(hits.get(number) ?? 0, Number.parseInt(count ?? '0', 10) || 0))
    } else if (line === 'end_of_record' && file !== null) {
      files.push(fromHits(file, hits))
      file = null
    }
  }
  if (!sawRecord) throw new ReportFormatError('not an lcov report: no SF: record')
  return files
}

/** Cobertura XML: `<class filename>` with `<lines><line number hits>`; paths joined to the first `<source>` when relative. */
export function parseCobertura(text: string): FileCoverage[] {
  const byFile = new Map<string, Map<number, number>>()
  let file: string | null = null
  let classDepth = -1
  let inMethods = -1
  let sawRoot = false
  for (const element of xmlElements(text)) {
    if (element.name === 'coverage') sawRoot = true
    if (classDepth >= 0 && element.depth <= classDepth) {
      file = null
      classDepth = -1
    }
    if (inMethods >= 0 && element.depth <= inMethods) inMethods = -1
    if (element.name === 'class') {
      file = element.attributes.filename ?? null
      classDepth = element.depth
      if (file !== null && !byFile.has(file)) byFile.set(file, new Map())
    } else if (element.name === 'methods') {
      inMethods = element.depth
    } else if (element.name === 'line' && file !== null && inMethods < 0) {
      const number = Number.parseInt(element.attributes.number ?? '', 10)
      const hits = Number.parseInt(element.attributes.hits ?? '0', 10) || 0
      const map = byFile.get(file) as Map<number, number>
      if (Number.isFinite(number)) map.set(number, Math.max(map.get(number) ?? 0, hits))
    }
  }
  if (!sawRoot) throw new ReportFormatError('not a Cobertura report: no <coverage> element')
  return [...byFile].map(([name, hits]) => fromHits(name, hits))
}

const Position = z.looseObject({ line: z.number() })
const IstanbulFileSchema = z.looseObject({
  path: z.string(),
  statementMap: z.record(z.string(), z.looseObject({ start: Position, end: Position })),
  s: z.record(z.string(), z.number())
})
const IstanbulFinalSchema = z.record(z.string(), IstanbulFileSchema)

/** Istanbul coverage-final.json: a line is covered when every statement starting on it ran. */
export function parseIstanbulFinal(value: unknown): FileCoverage[] {
  const parsed = IstanbulFinalSchema.safeParse(value)
  if (!parsed.success)
    throw new ReportFormatError(
      'not an Istanbul coverage-final.json: expected {file: {path, statementMap, s}}'
    )
  return Object.values(parsed.data).map(file => {
    const hits = new Map<number, number>()
    for (const [id, location] of Object.entries(file.statementMap)) {
      const count = file.s[id] ?? 0
      const line = location.start.line
      hits.set(line, hits.has(line) ? Math.min(hits.get(line) as number, count) : count)
    }
    return fromHits(file.path, hits)
  })
}

const IstanbulSummarySchema = z.record(
  z.string(),
  z.looseObject({ lines: z.looseObject({ total: z.number(), covered: z.number() }) })
)

/** Istanbul coverage-summary.json: totals only (no line numbers). */
export function parseIstanbulSummary(value: unknown): FileCoverage[] {
  const parsed = IstanbulSummarySchema.safeParse(value)
  if (!parsed.success || !('total' in parsed.data))
    throw new ReportFormatError(
      'not an Istanbul coverage-summary.json: expected {total: {lines}, file: {lines}}'
    )
  return Object.entries(parsed.data)
    .filter(([file]) => file !== 'total')
    .map(([file, summary]) => ({
      file,
      lines: summary.lines.total,
      covered: summary.lines.covered,
      uncovered: []
    }))
}

const GO_BLOCK = /^(.+):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/

/** Go coverprofile (`go test -coverprofile`): blocks `file:l1.c1,l2.c2 statements count`, counted per line. */
export function parseGoCoverprofile(text: string): FileCoverage[] {
  const lines = text.split(/\r?\n/)
  if (!/^mode: (set|count|atomic)\s*$/.test(lines[0] ?? ''))
    throw new ReportFormatError('not a Go coverprofile: first line must be "mode: set|count|atomic"')
  const byFile = new Map<string, Map<number, number>>()
  for (const line of lines.slice(1)) {
    const match = GO_BLOCK.exec(line.trim())
    if (!match) continue
    const file = match[1] as string
    const map = byFile.get(file) ?? new Map<number, number>()
    byFile.set(file, map)
    const count = Number(match[5])
    for (let number = Number(match[2]); number <= Number(match[3]); number++) {
      // Overlapping blocks (an `if` inside a function): a line counts as run when any block on it ran.
      map.set(number, Math.max(map.get(number) ?? 0, count))
    }
  }
  return [...byFile].map(([file, hits]) => fromHits(file, hits))
}
