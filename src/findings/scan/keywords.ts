/**
 * The fast scanner's keywords: every line a tool parser turns into a finding contains one of
 * these, or lies within the context of a line that does. The kernel's filter shares sixteen buckets
 * among them, and every keyword in a bucket lets more false candidates through, so the list stays short:
 * one pattern (`\a:\d`, a letter, a colon, a digit) stands for the locations of every language.
 * test/unit/findings/scan.test.ts checks, on every fixture and every real log, that the fast path
 * finds what reading every line finds.
 */
import { contentOf } from '../log/framing.js'
import { TAIL_LINES } from '../log/log-parser.js'
import { MAKE_CAUSE_LINES } from '../tools/c.js'

/** Lines of context around a hit. */
export interface ScanContext {
  /** Lines before the hit (ESLint stylish prints the file on the line above its rows). */
  before: number
  /** Lines after the hit (cargo's ` --> file` line, a jest failure's message and stack). */
  after: number
  /**
   * The tool parser (by name) whose block the lines after are for: they are owed only while it has
   * a block open (see LineParser.idle), so a 40-line allowance for a 9-line failure costs 9.
   */
  until?: string
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
  /** The lines around a hit that its parsers need; none when absent. */
  readonly context?: ScanContext
}

/** What the scanner looks for, and how much context the lines it finds need. */
export interface ScanRules {
  readonly keywords: readonly ScanKeyword[]
  /** The context a hit line needs whatever its keywords (it gets the raw line, timestamp included). */
  readonly blocks?: (line: string) => ScanContext
}

const NONE: ScanContext = { before: 0, after: 0 }
const after = (lines: number): ScanContext => ({ before: 0, after: lines })

/**
 * Blocks whose lines carry no keyword of their own, started by a line that does. A rule: a cheap test of the line (a substring or its first character), then the pattern, then the
 * context. Every hit line is tested against every rule, so the cheap test comes first.
 */
type BlockRule = readonly [gate: (line: string) => boolean, pattern: RegExp, context: ScanContext]

const startsIndented = (line: string) => line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9

const BLOCK_STARTS: readonly BlockRule[] = [
  // The last lines of a failed step, for the finding of a step no parser understood.
  [
    line => line.includes('Process completed'),
    /Process completed with exit code/,
    { before: TAIL_LINES, after: 0 }
  ],
  // ESLint stylish, stylelint and yamllint rows (also behind the web view's `Error: `): the path line above.
  [
    line =>
      line.includes(':') &&
      (startsIndented(line) ||
        (line.charCodeAt(0) >= 48 && line.charCodeAt(0) <= 57) ||
        line.startsWith('Error: ') ||
        line.startsWith('Warning: ')),
    /^(?:Error: |Warning: )?\s*\d+:\d+\s+(?:error|warning|Error:|Warning:|✖|⚠|×)\s/,
    { before: 2, after: 0 }
  ],
  // node --test's spec reporter: the error and stack under `✖ name (1.2ms)`.
  [line => line.includes('✖'), /^\s*✖ .* \([\d.]+m?s\)$/, { before: 0, after: 20 }],
  // Biome's header; its message follows a blank line (its `━` may reach the log as mojibake).
  [
    line =>
      line.includes('lint/') || line.includes('format') || line.includes('assist/') || line.includes('parse'),
    /^\S+(?::\d+:\d+)? (?:lint|format|assist|parse)\//,
    { before: 0, after: 3 }
  ],
  // cargo and ruff headers are one line above their ` --> path:line:col`.
  [line => line.includes('--> '), /^\s*--> /, { before: 1, after: 0 }],
  // rustc's, clippy's diagnostics: the header, then ` --> ` and notes.
  [
    line => line.startsWith('error') || line.startsWith('warning'),
    /^(?:error|warning)(?:\[\w+\])?: /,
    { before: 0, after: 8 }
  ],
  // node --test's YAML `error:` block: the `not ok` line above, the message below.
  [startsIndented, /^\s+error: /, { before: 6, after: 3 }],
  // Terraform's boxes: `on main.tf line 12` and the detail follow the heading.
  [
    line => line.includes('Error: ') || line.includes('Warning: '),
    /^\s*│?\s*(?:Error|Warning): /,
    { before: 0, after: 10 }
  ],
  // PHPUnit's failures follow "There was 1 failure:"; its frames carry a location.
  [line => line.startsWith('There w'), /^There (?:was|were) \d+ /, { before: 0, after: 40 }],
  // PHPUnit's "Failed asserting …" comes right after its test's header.
  [line => line.startsWith('Failed asserting'), /^Failed asserting/, { before: 2, after: 0 }],
  // dotnet test: the message line under "Error Message:".
  [line => line.includes('Error Message:'), /^\s*Error Message:/, { before: 0, after: 3 }],
  // mypy --pretty wraps a message onto the next lines: it is complete once its `[code]` is shown.
  [
    line => line.includes('.py'),
    /\.pyi?:\d+(?::\d+)?: (?:error|note|warning):(?!.*\]\s*$)/,
    { before: 0, after: 4 }
  ],
  // javac's and Maven's compile errors: the code line, the caret, `symbol:` and `location:` below.
  [
    line => line.includes('.java:') || line.includes(','),
    /^\[(?:ERROR|WARNING)\] .*:\[\d+,\d+\] |\.java:\d+: error: /,
    { before: 0, after: 4 }
  ],
  // Surefire's detail header: the exception line after it.
  [line => line.includes('<<< '), /<<< (?:FAILURE|ERROR)!/, { before: 0, after: 2 }],
  // CMake's message is indented under its heading; a call stack frame (`  CMakeLists.txt:77 (cmd)`)
  // needs the stack's heading and, when the error's heading is not shown, the message above it.
  [line => line.startsWith('CMake '), /^CMake (?:Error|Warning)/, { before: 0, after: 8 }],
  [line => startsIndented(line) && line.endsWith(')'), /^\s+\S+:\d+ \(\w+\)$/, { before: 25, after: 0 }],
  // make's failure: its cause is on the lines above (the compiler's or the archiver's error).
  [line => line.includes(': *** '), /make(?:\[\d+\])?: \*\*\* /, { before: MAKE_CAUSE_LINES, after: 0 }],
  // Gradle's failed task: its causes follow on `> ` lines, nested deeper each.
  [
    line => line.startsWith('Execution failed for task'),
    /^Execution failed for task/,
    { before: 0, after: 8 }
  ],
  // Next.js's build errors: a place (`./app/page.tsx:3:1`, `./app`) above each message.
  [
    line => line.startsWith('> Build') || line.startsWith('Failed to compile'),
    /^(?:> Build error occurred|Failed to compile)/,
    { before: 0, after: 12 }
  ],
  [
    line => line.startsWith('Module ') || line.startsWith('Type error') || line.startsWith('Error: '),
    /^(?:Module not found|Module parse failed|Type error|Error): /,
    { before: 1, after: 0 }
  ],
  // A script's failure: `prettier --list-different` listed its files above it.
  [line => line.includes('ommand failed'), /Command failed with exit code/, { before: 60, after: 0 }],
  // pip's and uv's rich errors.
  [line => line.includes('×'), /×/, { before: 0, after: 3 }]
]

/**
 * The context of a hit line: what the parsers of the blocks it may start or end need around it.
 * Asked once per line that has a hit, whatever its keywords.
 */
export function blockContext(raw: string): ScanContext {
  const line = contentOf(raw)
  for (const [gate, pattern, context] of BLOCK_STARTS) if (gate(line) && pattern.test(line)) return context
  return NONE
}

/** A keyword, with the context its own hits need (the block rules above may widen it). */
function keyword(text: string, context: ScanContext = NONE, anchor?: string): ScanKeyword {
  return { text, ...(anchor ? { anchor } : {}), ...(context === NONE ? {} : { context }) }
}

export const LOG_KEYWORDS: readonly ScanKeyword[] = [
  keyword('error', NONE, 'rror'),
  keyword('Error', NONE, 'rror'),
  keyword('ERR'),
  keyword('warning'),
  keyword('Warning'),
  keyword('WARN'),
  keyword('[warn]'),
  keyword('FAIL'),
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
  keyword('●', { before: 0, after: 40, until: 'jest' }),
  keyword('❯'),
  keyword('━', after(3)),
  keyword('⎯'),
  keyword('×'),
  keyword('✖'),
  keyword('✘', after(4)),
  keyword('⚠'),
  keyword('❌'),
  keyword('___', { before: 0, after: 40, until: 'pytest' }),
  // TAP's `not ok 2 - name`: its YAML block (location, error) follows.
  keyword('not ok', after(20), 't ok'),
  keyword('^-', { before: 2, after: 0 }),
  keyword('Diff in'),
  keyword('Line   ', after(200)),
  // Composer's `Problem 1`; its heading ("Your lock file does not contain…") is just above.
  keyword('Problem', { before: 3, after: 10 }, 'oblem'),
  keyword('could not be resolved'),
  // black's `would reformat x.py`, ruff's `Would reformat: x.py`.
  keyword('reformat', NONE, 'eformat'),
  // Prettier's summary; before Prettier 2 the files it names are listed bare above it, under
  // its "Checking formatting..." line.
  keyword('Code style issues', { before: 60, after: 0 }, 'style issues'),
  keyword('checking code style', { before: 60, after: 0 }),
  // `prettier --list-different`: its command line, the bare paths, then the script's failure.
  keyword('list-different'),
  // pytest's rule lines: the bounds of a session, inside which a traceback is a test's output.
  keyword('====='),
  keyword('YN0'),
  // Pylint 1's module heading: its `C: 12, 0: …` messages follow, with no keyword of their own.
  keyword('************* Module', { before: 0, after: 5000, until: 'pylint' }, '** Module'),
  keyword('non-zero', NONE, '-zero'),
  keyword('go.mod'),
  keyword('go.sum'),
  keyword('.tf\\n'),
  // Terraform's `on main.tf line 12`, which places a box even when its heading is not shown.
  keyword('.tf line', { before: 0, after: 6 }),
  keyword('tfvars\\n'),
  keyword('not found', NONE, 't found'),
  keyword('recognized', NONE, 'cognized'),
  keyword('illegal option', NONE, 'llegal option'),
  keyword('✕'),
  keyword('such file', NONE, 'uch file'),
  keyword('annot '),
  keyword('nable to'),
  keyword('enied'),
  // The linker's place in an object file: `main.c:(.text+0x1e): undefined reference to …`.
  keyword(':(.')
]

export const LOG_RULES: ScanRules = { keywords: LOG_KEYWORDS, blocks: blockContext }
