/**
 * Stable signatures for failures, so that the same problem seen in 20 runs is one work item.
 *
 * A fingerprint is made of tool + rule + file + normalized message. Line and column numbers are NOT
 * part of it: unrelated edits above a problem move it without making it a different problem (the
 * item's context keeps the latest place). Numbers inside messages, hex ids, UUIDs, timestamps,
 * durations and temporary paths are replaced by placeholders, since they differ between runs of the
 * same failure (`expected 3 got 4` in a flaky timing test stays distinct from an unrelated message
 * only by its words).
 */
import { createHash } from 'node:crypto'
import type { Finding } from './finding.js'
import { repoPath } from './paths.js'

const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // ISO timestamps and clock times.
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?/g, '<time>'],
  [/\b\d\d:\d\d:\d\d(\.\d+)?\b/g, '<time>'],
  // UUIDs before hex, hex before numbers.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>'],
  // Temporary directories: /tmp/…, /var/folders/…, macOS /private/var/…, Windows %TEMP%, pytest's tmp_path.
  [/(?:\/private)?\/var\/folders\/[^\s'"`:)]+/g, '<tmp>'],
  [/\/(?:tmp|temp)\/[^\s'"`:)]+/gi, '<tmp>'],
  [/[A-Z]:\\Users\\[^\\]+\\AppData\\Local\\Temp\\[^\s'"`:)]+/gi, '<tmp>'],
  [/\/home\/runner\/work\/_temp\/[^\s'"`:)]+/g, '<tmp>'],
  // Durations and any remaining number.
  [/\b\d+(\.\d+)?\s?(ms|s|sec|seconds|m|min|minutes)\b/g, '<duration>'],
  [/\d+(\.\d+)?/g, '<n>']
]

/** The message with run-specific parts replaced by placeholders and whitespace collapsed. */
export function normalizeMessage(message: string): string {
  let text = message
  for (const [pattern, placeholder] of REPLACEMENTS) text = text.replace(pattern, placeholder)
  return text.replace(/\s+/g, ' ').trim()
}

/** A file path as the same in every run: repository-relative (see paths.ts), '' for none. */
export function normalizePath(file: string | null, root?: string): string {
  return file ? repoPath(file, root) : ''
}

/** The parts of a finding that identify it (readable; hashed by {@link fingerprintOf}). */
export function errorSignature(
  finding: Pick<Finding, 'tool' | 'rule' | 'file' | 'message'>,
  root?: string
): string {
  return [
    finding.tool,
    finding.rule ?? '',
    normalizePath(finding.file, root),
    normalizeMessage(finding.message)
  ].join('|')
}

/** Short stable hash of text (first 16 hex chars of SHA-256). */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

/**
 * The ledger fingerprint of a finding: `<kind>:<tool>:<rule>:<hash>`, readable in the ledger while the
 * hash keeps it short and stable.
 */
export function fingerprintOf(
  kind: string,
  finding: Pick<Finding, 'tool' | 'rule' | 'file' | 'message'>,
  root?: string
): string {
  const rule = (finding.rule ?? '-').replace(/[^\w./@-]+/g, '_').slice(0, 60)
  return `${kind}:${finding.tool}:${rule}:${shortHash(errorSignature(finding, root))}`
}
