/**
 * Evidence for prompts and pull request bodies: first the findings themselves, one line each
 * (`src/x.ts:12:5: TS2304 Cannot find name 'foo'. (tsc)`), then the lines of output they were read
 * from, within a character budget. Text is cut only at line boundaries, and a line longer than its
 * share only at a word boundary, so the agent never reads half a word. Log text is untrusted: it
 * only ever goes into `untrusted.evidence`, never into CCAL's own text.
 */
import type { Finding } from './finding.js'

/** Characters of evidence per item: a quarter of the prompt budget leaves room for instructions and code. */
export function evidenceBudget(maxPromptLength: number): number {
  return Math.max(1000, Math.floor(maxPromptLength / 4))
}

// Invisible characters (zero-width, bidi controls) can hide instructions in text a model reads.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g
/** The share of the budget the list of findings may take; the excerpts get the rest. */
const LIST_SHARE = 0.5
/** The longest line of the list. */
const MAX_LIST_LINE = 240
/** Room kept for `… and 12345 more findings`. */
const TRAILER_ROOM = 32

/** `text` cut to at most `max` characters at a word boundary, marked with `…` when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const room = Math.max(1, max - 1)
  const space = text.lastIndexOf(' ', room)
  // A "word" longer than half the room (a URL, a hash) is cut where it has to be.
  const end = space > room / 2 ? space : room
  return `${text.slice(0, end).trimEnd()}…`
}

/** As many whole lines of `text` as fit in `max` characters; a first line too long is cut at a word. */
export function cutAtLines(text: string, max: number): string {
  if (text.length <= max) return text
  const lines = text.split('\n')
  const kept: string[] = []
  let used = 0
  for (const line of lines) {
    if (used + line.length + 1 > max) {
      if (kept.length === 0) kept.push(cutAtWord(line, max))
      break
    }
    kept.push(line)
    used += line.length + 1
  }
  const left = lines.length - kept.length
  return left > 0 ? `${kept.join('\n')}\n… ${left} more line${left === 1 ? '' : 's'}` : kept.join('\n')
}

/** The place of a finding: `file:line:col`, or `(no file)`. */
export function placeOf(finding: Finding): string {
  if (!finding.file) return '(no file)'
  return [finding.file, finding.line, finding.column].filter(part => part !== null).join(':')
}

/** One finding on one line: its place, rule and message, and the tool that reported it. */
export function describeFinding(finding: Finding): string {
  const rule = finding.rule ? `${finding.rule} ` : ''
  return `${placeOf(finding)}: ${rule}${finding.message.replace(/\s+/g, ' ')} (${finding.tool})`
}

function clean(text: string): string {
  return text.replace(INVISIBLE, '')
}

/**
 * The evidence of `findings` within `budget` characters: the list of findings (as many as fit in
 * half the budget, then a count of the rest), then the excerpts they were read from, each cut at
 * line boundaries to its share of what is left.
 */
export function buildEvidence(findings: readonly Finding[], budget: number): string {
  const list: string[] = []
  const listBudget = Math.floor(budget * (findings.some(f => f.excerpt) ? LIST_SHARE : 1))
  let used = 0
  for (let i = 0; i < findings.length; i++) {
    const line = `- ${cutAtWord(clean(describeFinding(findings[i] as Finding)), MAX_LIST_LINE)}`
    // Room for the line that counts the rest, unless this is the last finding.
    const reserve = i < findings.length - 1 ? TRAILER_ROOM : 0
    if (used + line.length + 1 + reserve > listBudget && i > 0) {
      const left = findings.length - i
      const trailer = `… and ${left} more finding${left === 1 ? '' : 's'}`
      list.push(trailer)
      used += trailer.length + 1
      break
    }
    list.push(line)
    used += line.length + 1
  }
  const parts = [list.join('\n')]
  let remaining = budget - used
  const excerpts = findings
    .map(found => found.excerpt)
    .filter((excerpt): excerpt is string => excerpt !== null && excerpt.includes('\n'))
  const distinct = [...new Set(excerpts)]
  for (let i = 0; i < distinct.length && remaining > 80; i++) {
    const share = Math.max(80, Math.floor(remaining / (distinct.length - i)))
    const excerpt = cutAtLines(clean(distinct[i] as string), share - 1)
    parts.push(excerpt)
    remaining -= excerpt.length + 1
  }
  return parts.join('\n\n')
}
