/**
 * The fast scanner's keywords: every line a tool parser turns into a finding contains one of
 * these, or lies within the context of a line that does. The kernel shares eight buckets among
 * them, and every keyword in a bucket lets more false candidates through, so the list stays short:
 * one pattern (`\a:\d`, a letter, a colon, a digit) stands for the locations of every language.
 * test/unit/findings/scan.test.ts checks, on every fixture and every real log, that the fast path
 * finds what reading every line finds.
 */
import { stripTimestamp } from '../log/line-parser.js'
import { TAIL_LINES } from '../log/log-parser.js'

/** Lines of context around a hit. */
export interface ScanContext {
  /** Lines before the hit (ESLint stylish prints the file on the line above its rows). */
  before: number
  /** Lines after the hit (cargo's ` --> file` line, a jest failure's message and stack). */
  after: number
}

/** A pattern that marks a candidate line (see pattern.ts), and the context its parsers need. */
export interface ScanKeyword {
  readonly text: string
  /**
   * A suffix of `text` to search for instead, when its first three bytes are more distinctive than
   * those of `text` (`rror` against `err`, which `stderr` has): the kernel looks at the first
   * three bytes, and every candidate it reports costs a check.
   */
  readonly anchor?: string
  /** The context a hit line needs (it gets the raw line, timestamp included); none when absent. */
  readonly context?: (line: string) => ScanContext
}

const NONE: ScanContext = { before: 0, after: 0 }
const after = (lines: number) => (): ScanContext => ({ before: 0, after: lines })

/** Blocks whose lines carry no keyword of their own, started by a line that does. */
const BLOCK_STARTS: ReadonlyArray<readonly [RegExp, ScanContext]> = [
  // The last lines of a failed step, for the finding of a step no parser understood.
  [/Process completed with exit code/, { before: TAIL_LINES, after: 0 }],
  // ESLint stylish and yamllint rows: the path line above the first row.
  [/^\s*\d+:\d+\s+(?:error|warning|Error:|Warning:)\s/, { before: 1, after: 0 }],
  // cargo and ruff headers are one line above their ` --> path:line:col`.
  [/^\s*--> /, { before: 1, after: 0 }],
  // rustc's, clippy's diagnostics: the header, then ` --> ` and notes.
  [/^(?:error|warning)(?:\[\w+\])?: /, { before: 0, after: 8 }],
  // node --test's YAML `error:` block: the `not ok` line above, the message below.
  [/^\s+error: /, { before: 6, after: 3 }],
  // Terraform's boxes: `on main.tf line 12` and the detail follow the heading.
  [/^\s*│?\s*(?:Error|Warning): /, { before: 0, after: 10 }],
  // PHPUnit's failures follow "There was 1 failure:"; its frames carry a location.
  [/^There (?:was|were) \d+ /, { before: 0, after: 40 }],
  // PHPUnit's "Failed asserting …" comes right after its test's header.
  [/^Failed asserting/, { before: 2, after: 0 }],
  // dotnet test: the message line under "Error Message:".
  [/^\s*Error Message:/, { before: 0, after: 3 }],
  // Surefire's detail header: the exception line after it.
  [/<<< (?:FAILURE|ERROR)!/, { before: 0, after: 2 }],
  // CMake's message is indented under its heading.
  [/^CMake (?:Error|Warning)/, { before: 0, after: 8 }],
  // pip's and uv's rich errors.
  [/×/, { before: 0, after: 3 }]
]

/** The context of a hit line: what the parsers of the blocks it may start or end need around it. */
function blockContext(raw: string): ScanContext {
  const line = stripTimestamp(raw)
  for (const [pattern, context] of BLOCK_STARTS) if (pattern.test(line)) return context
  return NONE
}

export const LOG_KEYWORDS: readonly ScanKeyword[] = [
  { text: 'error', anchor: 'rror', context: blockContext },
  { text: 'Error', anchor: 'rror', context: blockContext },
  { text: 'ERR' },
  { text: 'warning', context: blockContext },
  { text: 'Warning', context: blockContext },
  { text: 'WARN' },
  { text: '[warn]' },
  { text: 'FAIL', context: after(6) },
  { text: 'Fail', context: blockContext },
  { text: 'fail', context: blockContext },
  { text: 'fatal' },
  { text: 'Fatal' },
  { text: 'panic', context: after(2) },
  { text: 'Traceback', context: after(3) },
  { text: 'Exception', context: after(2) },
  { text: 'File "', context: after(4) },
  { text: '##[', context: blockContext },
  // Locations: `x.ts:12`, `Foo.java:42)`, `Dockerfile:3`; `x.ts(12,5)` (tsc, MSVC, MSBuild).
  { text: '\\a:\\d', context: blockContext },
  { text: '\\a(\\d' },
  { text: ':line ' },
  { text: '●', context: after(40) },
  { text: '❯' },
  { text: '━', context: after(3) },
  { text: '⎯' },
  { text: '×', context: blockContext },
  { text: '✖', context: after(20) },
  { text: '✘', context: after(4) },
  { text: '⚠' },
  { text: '❌' },
  { text: '___', context: after(40) },
  { text: 'not ok', context: after(20) },
  { text: '^-', context: () => ({ before: 2, after: 0 }) },
  { text: 'Diff in' },
  { text: 'Line   ', context: after(200) },
  { text: 'Problem', context: after(10) },
  { text: 'lock file' },
  { text: 'reformat' },
  { text: 'YN0' },
  { text: 'non-zero' },
  { text: 'go.mod' },
  { text: 'go.sum' },
  { text: '.tf\\n' },
  { text: 'not found', anchor: 'found' },
  { text: 'such file' },
  { text: 'annot ' },
  { text: 'nable to' },
  { text: 'enied' },
  { text: 'undefined ref' }
]
