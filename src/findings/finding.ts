/**
 * The normalized finding every parser produces, whatever the tool or format: one problem at one
 * place. Sources turn findings into work items; `ccal findings` prints them.
 */
/** How bad a finding is; tools' own scales (info, convention, style…) are mapped onto these three. */
export const SEVERITIES = ['error', 'warning', 'note'] as const
export type Severity = (typeof SEVERITIES)[number]

/**
 * One finding. Its schema, for what reads findings back (JSON of `ccal findings`), is
 * finding-schema.ts: the parsers build findings by hand and never load zod.
 */
export interface Finding {
  /** The tool that reported it: `tsc`, `eslint`, `jest`, `pytest`, `actions` (the runner itself)… */
  tool: string
  /** Path as the tool printed it (relative or absolute), or null when the finding has no place. */
  file: string | null
  line: number | null
  column: number | null
  /** Rule or error code (`no-unused-vars`, `TS2322`, `E501`), or the failing test's name. */
  rule: string | null
  severity: Severity
  message: string
  /** The lines of output the finding was read from (untrusted text), or null for structured reports. */
  excerpt: string | null
  /** The Actions step (`##[group]Run …`, or gh's step column) the finding was printed in. */
  step: string | null
  /** The job it was printed in, when one log holds several (`gh run view --log`). */
  job: string | null
  /** The workspace package a monorepo runner's line prefix named (`packages/ui`, `@acme/web`). */
  package: string | null
}

/** Builds a finding, filling absent fields with null. */
export function finding(fields: Pick<Finding, 'tool' | 'message'> & Partial<Finding>): Finding {
  return {
    tool: fields.tool,
    file: fields.file ?? null,
    line: fields.line ?? null,
    column: fields.column ?? null,
    rule: fields.rule ?? null,
    severity: fields.severity ?? 'error',
    message: fields.message,
    excerpt: fields.excerpt ?? null,
    step: fields.step ?? null,
    job: fields.job ?? null,
    package: fields.package ?? null
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 }

/** Orders findings by file, line, column, then severity: the order reports and prompts show them in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  )
}

/** Maps a tool's severity word (`Error`, `fatal error`, `info`, `convention`, `F`…) onto ours. */
export function severityOf(word: string | undefined | null, fallback: Severity = 'error'): Severity {
  if (!word) return fallback
  const lower = word.toLowerCase()
  if (/^(fatal|fatal error|error|err|e|f|failure|blocker|critical|high)$/.test(lower)) return 'error'
  if (/^(warning|warn|w|major|medium|minor)$/.test(lower)) return 'warning'
  if (/^(note|info|information|i|c|r|convention|refactor|style|hint|none|low|suggestion)$/.test(lower))
    return 'note'
  return fallback
}
