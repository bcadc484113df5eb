/**
 * From what a failed job's log shows to the failures CCAL works on. The findings of one tool make
 * one failure; the runner's own words and a step no parser understood make one failure per step.
 * A failure is identified by the normalized signatures of its findings (tool, rule, file, message
 * without run-specific numbers, paths, hashes and times), never by the job or step it was printed
 * in: the same errors in a later run, or in another job of a matrix, are the same failure, and
 * another error in the same step is another failure.
 */
import { placeOf } from './evidence.js'
import type { Finding } from './finding.js'
import { errorSignature, shortHash } from './fingerprint.js'
import { toolLabel } from './tools/labels.js'

export interface Failure {
  tool: string
  /** Its first findings ({@link KEPT_FINDINGS} at most), in the order the log printed them. */
  findings: Finding[]
  /** How many distinct findings it has. */
  count: number
  /** Hashes of the normalized signatures of its findings, sorted, each once. */
  signatures: string[]
  /** `ci:<tool>:<hash of the signatures>`: the work item's identity. */
  fingerprint: string
  /** What a work item for it is called: names the tool and what failed. */
  title: string
}

/** The longest title; GitHub shows about this much of a pull request title in lists. */
const MAX_TITLE = 100

/** Tools whose findings are one failure per step: the runner's words and the fallback's lines. */
const PER_STEP = new Set(['actions', 'log'])

/** Printable ASCII on one line: titles are CCAL's text, built from a log's words. */
function plain(text: string): string {
  return text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** `text` cut at a word boundary to `max` characters. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const space = text.lastIndexOf(' ', max - 1)
  return `${text.slice(0, space > max / 2 ? space : max - 1).trimEnd()}…`
}

/** The deepest directory all `files` share (`apps/api` for `apps/api/src/a.ts` and `apps/api/test/b.ts`), or ''. */
export function commonDirectory(files: readonly string[]): string {
  if (files.length === 0) return ''
  const split = files.map(file => file.split('/').slice(0, -1))
  const first = split[0] as string[]
  let depth = 0
  while (depth < first.length && split.every(parts => parts[depth] === first[depth])) depth++
  return first.slice(0, depth).join('/')
}

/** A work item's title for a failure of `tool` with these findings. */
export function failureTitle(tool: string, findings: readonly Finding[], count = findings.length): string {
  const { name, kind } = toolLabel(tool)
  const first = findings[0] as Finding
  const files = [
    ...new Set(findings.map(found => found.file).filter((file): file is string => file !== null))
  ]
  const directory = commonDirectory(files)
  const where = files.length === 1 ? ` in ${files[0]}` : directory ? ` in ${directory}` : ''
  const message = plain(first.message)
  const plural = (noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
  let title: string
  switch (kind) {
    case 'test':
      title =
        count === 1
          ? `Fix the failing ${name} test ${plain(first.rule ?? message)}`
          : `Fix ${plural(`failing ${name} test`)}${where}`
      break
    case 'lint':
      title =
        count === 1
          ? `Fix the ${name} finding ${plain(first.rule ?? message)}${where}`
          : `Fix ${plural(`${name} finding`)}${where}`
      break
    case 'format':
      title = `Format ${files.length === 1 ? files[0] : `${files.length} files`} with ${name}`
      break
    case 'build':
      title =
        count === 1
          ? `Fix the ${name} error ${first.rule ? `${plain(first.rule)} ` : ''}${first.file ? `in ${placeOf(first)}` : message}`.trim()
          : `Fix ${plural(`${name} error`)}${where}`
      break
    case 'install':
      title = `Fix the ${name} install: ${message}`
      break
    case 'crash':
      title = count === 1 ? `Fix ${message}` : `Fix ${plural(`${name} error`)}${where}: ${message}`
      break
    case 'runner':
      title = first.step ? `Fix the failing step "${plain(first.step)}": ${message}` : `Fix ${message}`
      break
  }
  return cut(title.replace(/\s+/g, ' '), MAX_TITLE)
}

/** Findings a failure keeps for its evidence and context; the rest are only counted and signed. */
export const KEPT_FINDINGS = 200

interface Group {
  tool: string
  findings: Finding[]
  /** Hashes of the signatures: a failure of 300,000 findings is identified without keeping them. */
  signatures: Set<string>
  places: Set<string>
  count: number
}

/** Collects a log's findings into failures as they stream by, in bounded memory. */
export interface FailureCollector {
  add(found: Finding): void
  failures(): Failure[]
}

export function collectFailures(root?: string): FailureCollector {
  const groups = new Map<string, Group>()
  return {
    add(found) {
      const key = PER_STEP.has(found.tool)
        ? `${found.tool}\u0000${found.job ?? ''}\u0000${found.step ?? ''}`
        : found.tool
      let group = groups.get(key)
      if (!group) {
        group = { tool: found.tool, findings: [], signatures: new Set(), places: new Set(), count: 0 }
        groups.set(key, group)
      }
      const signature = shortHash(errorSignature(found, root))
      // The same problem at the same place, printed again (a summary, another job): once.
      const place = `${signature}:${found.line}:${found.column}`
      if (group.places.has(place)) return
      group.places.add(place)
      group.signatures.add(signature)
      group.count++
      if (group.findings.length < KEPT_FINDINGS) group.findings.push(found)
    },
    failures() {
      return [...groups.values()].map(group => {
        const signatures = [...group.signatures].sort()
        return {
          tool: group.tool,
          findings: group.findings,
          count: group.count,
          signatures,
          fingerprint: `ci:${group.tool}:${shortHash(signatures.join('\n'))}`,
          title: failureTitle(group.tool, group.findings, group.count)
        }
      })
    }
  }
}

/** The failures in `findings` (what a failed job's log gave out). */
export function failuresOf(findings: readonly Finding[], root?: string): Failure[] {
  const collector = collectFailures(root)
  for (const found of findings) collector.add(found)
  return collector.failures()
}
