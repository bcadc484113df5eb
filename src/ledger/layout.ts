/**
 * How the ledger is laid out on its branch and how each file is written and read back.
 *
 * ```
 * README.md                     what this branch is (written once, when the branch is created)
 * state.json                    SystemState, with schemaVersion
 * results.json                  recent ExecutionResults, oldest first
 * patterns.json                 LearningPatterns, ordered by id
 * summary.json                  counts per status and the first items of each (derived from items/)
 * items/<id[0..2]>/<id>.json    one WorkItem per file, sharded by the first two characters of its id
 * ```
 *
 * Files are JSON with two-space indentation and a trailing newline; object keys are sorted
 * alphabetically at every level, so the same state always produces the same bytes and diffs show
 * only what changed.
 */
import { LedgerCorruptError } from '../util/errors.js'
import type { z } from 'zod'

export const STATE_FILE = 'state.json'
export const RESULTS_FILE = 'results.json'
export const PATTERNS_FILE = 'patterns.json'
export const README_FILE = 'README.md'
export const SUMMARY_FILE = 'summary.json'
export const ITEMS_DIR = 'items'

/** The path of an item's file on the ledger branch. */
export function itemPath(id: string): string {
  return `${ITEMS_DIR}/${id.slice(0, 2)}/${id}.json`
}

/** What a path on the ledger branch holds. */
export type LedgerPathKind =
  | { kind: 'state' }
  | { kind: 'results' }
  | { kind: 'patterns' }
  | { kind: 'readme' }
  | { kind: 'summary' }
  | { kind: 'item'; id: string }
  | { kind: 'unknown' }

const ITEM_PATH = /^items\/([0-9a-f]{2})\/([0-9a-f]{8,64})\.json$/

/** Classifies a path found on the ledger branch. */
export function classifyPath(path: string): LedgerPathKind {
  if (path === STATE_FILE) return { kind: 'state' }
  if (path === RESULTS_FILE) return { kind: 'results' }
  if (path === PATTERNS_FILE) return { kind: 'patterns' }
  if (path === README_FILE) return { kind: 'readme' }
  if (path === SUMMARY_FILE) return { kind: 'summary' }
  const match = ITEM_PATH.exec(path)
  if (match && match[2]!.startsWith(match[1]!)) return { kind: 'item', id: match[2]! }
  return { kind: 'unknown' }
}

/** Serializes a value the way every ledger file is written: sorted keys, 2-space indent, final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key]
      if (child !== undefined) sorted[key] = sortKeys(child)
    }
    return sorted
  }
  return value
}

/** Identifies the ledger version being read, for error messages. */
export interface LedgerLocation {
  readonly branch: string
  readonly commit: string
}

/** The README written at the root of a new ledger branch. */
export function readmeText(branch: string): string {
  return [
    `# ${branch}`,
    '',
    'This branch is the ledger of CCAL (Claude Code Autonomous Loop): its work items, results,',
    'learning patterns and state, as JSON. CCAL writes it with git plumbing; do not merge it into',
    'other branches.',
    '',
    `- \`git log -p ${branch}\` is the audit trail: one commit per change, saying what and which run.`,
    `- \`git log -p ${branch} -- items/ab/ab12cd34ef56.json\` is one item's history.`,
    '- `ccal ledger verify` checks it; `ccal ledger restore <sha>` restores an earlier version as a new commit.',
    ''
  ].join('\n')
}

/** Builds the error for an unreadable ledger file. */
export function corruptError(
  where: LedgerLocation,
  file: string,
  keyPath: string,
  problem: string,
  restoreHint = restoreAdvice(where.branch, null)
): LedgerCorruptError {
  const at = keyPath ? `${file}: ${keyPath}: ` : `${file}: `
  return new LedgerCorruptError(
    `ledger branch '${where.branch}' at ${where.commit.slice(0, 7)}: ${at}${problem}. ${restoreHint}`,
    { branch: where.branch, commit: where.commit, file, keyPath, problem }
  )
}

/** The sentence telling a user how to get back to a readable ledger. */
export function restoreAdvice(branch: string, lastGoodSha: string | null): string {
  return lastGoodSha
    ? `Restore with: ccal ledger restore ${lastGoodSha.slice(0, 12)} (the commit before this file last changed; see git log origin/${branch})`
    : `Restore with: ccal ledger restore <last-good-sha> (see git log origin/${branch})`
}

/** The same error with a better restore hint, once the store has found a likely good commit. */
export function withRestoreHint(error: LedgerCorruptError, lastGoodSha: string | null): LedgerCorruptError {
  const { branch, commit, file, keyPath, problem } = error.details
  return corruptError({ branch, commit }, file, keyPath, problem, restoreAdvice(branch, lastGoodSha))
}

/** Parses a file's text as JSON or throws the corrupt-ledger error naming it. */
export function parseJsonFile(text: string, file: string, where: LedgerLocation): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw corruptError(where, file, '', `not valid JSON (${(error as Error).message})`)
  }
}

/** Validates raw JSON against a schema or throws the corrupt-ledger error naming file and key path. */
export function decodeFile<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  where: LedgerLocation
): z.output<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const keyPath = issue.path.map(String).join('.')
  throw corruptError(where, file, keyPath || '(root)', describeIssue(issue, valueAt(raw, issue.path)))
}

function describeIssue(issue: z.core.$ZodIssue, found: unknown): string {
  const shown = found === undefined ? 'nothing' : truncate(JSON.stringify(found), 60)
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map(String).join('|')}, found ${shown}`
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, found ${shown}`
  return `${issue.message}, found ${shown}`
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
