/**
 * The fast scanner's keywords: every line a tool parser turns into a finding contains one of
 * these, or lies within the context of a line that does. The kernel shares eight buckets among
 * them, and every keyword in a bucket lets more false candidates through, so the list stays short:
 * one pattern (`\a:\d`, a letter, a colon, a digit) stands for the locations of every language.
 * test/unit/findings/scan.test.ts checks, on every fixture and every real log, that the fast path
 * finds what reading every line finds.
 */
import { contentOf } from '../log/framing.js'
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
const after = (lines: number): ScanContext => ({ before: 0, after: lines })

/** Blocks whose lines carry no keyword of their own, started by a line that does. */
const BLOCK_STARTS: ReadonlyArray<readonly [RegExp, ScanContext]> = [
  // The last lines of a failed step, for the finding of a step no parser understood.
  [/Process completed with exit code/, { before: TAIL_LINES, after: 0 }],
  // ESLint stylish, stylelint and yamllint rows (also behind the web view's `Error: `): the path line above.
  [/^(?:Error: |Warning: )?\s*\d+:\d+\s+(?:error|warning|Error:|Warning:|✖|⚠|×)\s/, { before: 2, after: 0 }],
  // node --test's spec reporter: the error and stack under `✖ name (1.2ms)`.
  [/^\s*✖ .* \([\d.]+m?s\)$/, { before: 0, after: 20 }],
  // Biome's header; its message follows a blank line (its `━` may reach the log as mojibake).
  [/^\S+(?::\d+:\d+)? (?:lint|format|assist|parse)\//, { before: 0, after: 3 }],
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
  // mypy --pretty wraps a message onto the next lines: it is complete once its `[code]` is shown.
  [/\.pyi?:\d+(?::\d+)?: (?:error|note|warning):(?!.*\]\s*$)/, { before: 0, after: 4 }],
  // javac's and Maven's compile errors: the code line, the caret, `symbol:` and `location:` below.
  [/^\[(?:ERROR|WARNING)\] .*:\[\d+,\d+\] |\.java:\d+: error: /, { before: 0, after: 4 }],
  // Surefire's detail header: the exception line after it.
  [/<<< (?:FAILURE|ERROR)!/, { before: 0, after: 2 }],
  // CMake's message is indented under its heading; a call stack frame (`  CMakeLists.txt:77 (cmd)`)
  // needs the stack's heading and, when the error's heading is not shown, the message above it.
  [/^CMake (?:Error|Warning)/, { before: 0, after: 8 }],
  [/^\s+\S+:\d+ \(\w+\)$/, { before: 25, after: 0 }],
  // pip's and uv's rich errors.
  [/×/, { before: 0, after: 3 }]
]

/** The context of a hit line: what the parsers of the blocks it may start or end need around it. */
function blockContext(raw: string): ScanContext {
  const line = contentOf(raw)
  for (const [pattern, context] of BLOCK_STARTS) if (pattern.test(line)) return context
  return NONE
}

/** A keyword whose hits get its own context, widened by the block rules above. */
function keyword(text: string, own: ScanContext = NONE, anchor?: string): ScanKeyword {
  return {
    text,
    ...(anchor ? { anchor } : {}),
    context: raw => {
      const block = blockContext(raw)
      return { before: Math.max(own.before, block.before), after: Math.max(own.after, block.after) }
    }
  }
}

export const LOG_KEYWORDS: readonly ScanKeyword[] = [
  keyword('error', NONE, 'rror'),
  keyword('Error', NONE, 'rror'),
  keyword('ERR'),
  keyword('warning'),
  keyword('Warning'),
  keyword('WARN'),
  keyword('[warn]'),
  keyword('FAIL', after(6)),
  keyword('Fail'),
  keyword('fail'),
  keyword('fatal'),
  keyword('Fatal'),
  keyword('panic', after(2)),
  keyword('Traceback', after(3)),
  keyword('Exception', after(2)),
  keyword('File "', after(4)),
  keyword('##['),
  // Locations: `x.ts:12`, `Foo.java:42)`, `Dockerfile:3`; `x.ts(12,5)` (tsc, MSVC, MSBuild).
  keyword('\\a:\\d'),
  keyword('\\a(\\d'),
  keyword(':line '),
  keyword('●', after(40)),
  keyword('❯'),
  keyword('━', after(3)),
  keyword('⎯'),
  keyword('×'),
  keyword('✖'),
  keyword('✘', after(4)),
  keyword('⚠'),
  keyword('❌'),
  keyword('___', after(40)),
  keyword('not ok', after(20)),
  keyword('^-', { before: 2, after: 0 }),
  keyword('Diff in'),
  keyword('Line   ', after(200)),
  keyword('Problem', after(10)),
  keyword('lock file'),
  keyword('could not be resolved'),
  keyword('reformat'),
  // Prettier's summary; before Prettier 2 the files it names are listed bare above it.
  keyword('Code style issues', { before: 60, after: 0 }),
  keyword('Checking formatting'),
  // pytest's session bounds: a traceback inside one is a test's output.
  keyword('test session starts'),
  keyword('passed'),
  keyword('YN0'),
  keyword('non-zero'),
  keyword('go.mod'),
  keyword('go.sum'),
  keyword('.tf\\n'),
  // Terraform's `on main.tf line 12`, which places a box even when its heading is not shown.
  keyword('.tf line', { before: 0, after: 6 }),
  keyword('tfvars\\n'),
  keyword('not found', NONE, 'found'),
  keyword('recognized'),
  keyword('✕'),
  keyword('such file'),
  keyword('annot '),
  keyword('nable to'),
  keyword('enied'),
  keyword('undefined ref')
]
