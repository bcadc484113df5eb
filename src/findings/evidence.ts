/**
 * Evidence for prompts: the excerpts that show a problem, trimmed to a character budget. Log text
 * is untrusted, so it only ever goes into `untrusted.evidence`, never into CCAL's own text.
 */
import type { Finding } from './finding.js'

/** Characters of evidence per item: a quarter of the prompt budget leaves room for instructions and code. */
export function evidenceBudget(maxPromptLength: number): number {
  return Math.max(1000, Math.floor(maxPromptLength / 4))
}

// Invisible characters (zero-width, bidi controls) can hide instructions in text a model reads.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

/** One finding as evidence: its place and message, then its excerpt. */
export function describeFinding(finding: Finding): string {
  const place = finding.file
    ? `${finding.file}${finding.line !== null ? `:${finding.line}` : ''}${finding.column !== null ? `:${finding.column}` : ''}`
    : '(no file)'
  const rule = finding.rule ? ` [${finding.rule}]` : ''
  const head = `${place}: ${finding.severity}${rule} (${finding.tool}): ${finding.message}`
  return finding.excerpt && finding.excerpt !== finding.message && !finding.excerpt.endsWith(finding.message)
    ? `${head}\n${finding.excerpt}`
    : head
}

/**
 * Joins the findings' descriptions within `budget` characters: every finding gets its header line
 * first; excerpts are cut (long ones keep their first lines) and the list ends with a count of what
 * did not fit.
 */
export function buildEvidence(findings: readonly Finding[], budget: number): string {
  const parts: string[] = []
  let used = 0
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i] as Finding
    let text = describeFinding(finding).replace(INVISIBLE, '')
    const remaining = budget - used
    const left = findings.length - i
    // Leave each later finding at least a header line's worth.
    const share = Math.max(200, Math.floor(remaining / left))
    if (text.length > share) text = `${text.slice(0, share - 2)} …`
    if (used + text.length > budget) {
      parts.push(`… and ${left} more finding${left === 1 ? '' : 's'}`)
      break
    }
    parts.push(text)
    used += text.length + 1
  }
  return parts.join('\n')
}
