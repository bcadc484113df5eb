/**
 * The streaming contract shared by every text parser: lines go in one at a time (never a whole
 * log), findings come out through `emit`. Parsers are pure: no I/O, no clock, no globals.
 */
import type { Finding } from '../finding.js'

/**
 * How a parser's finding explains a failure. By default it is the failure itself. A `closing`
 * finding is a tool's closing word on a failure explained elsewhere (Maven's "Failed to execute
 * goal", npm's "Lifecycle script failed"): it proves that the step failed, and the log parser
 * shows the step's own error line instead. A `cause` finding names a failed task with the first
 * line of its output (nx's `✖ project:target`): it stands when nothing more precise does.
 */
export type Explains = { summary: 'closing' | 'cause' }

/** Receives findings as soon as a parser has them. */
export type Emit = (finding: Finding, kind?: Explains) => void

/** The mark of a tool's closing word: `emit(found, SUMMARY)`. */
export const SUMMARY: Explains = { summary: 'closing' }
/** The mark of a failed task quoted with its output: `emit(found, CAUSE)`. */
export const CAUSE: Explains = { summary: 'cause' }

export interface LineParser {
  /**
   * Offers one line (no line break; Actions timestamps and colour codes already removed). Returns
   * true when the line was consumed, so that parsers after this one in a chain do not see it.
   */
  line(text: string): boolean
  /** The next line does not follow the previous one (the fast scanner skipped lines): close open blocks. */
  gap(): void
  /** No more lines: emit whatever is still pending. */
  end(): void
  /**
   * True when the parser (in a chain: the tool parser of that name) has no block open, so that
   * lines without a scan keyword would add nothing to its findings until one opens a block again.
   * The fast scanner stops feeding a block's context then. Absent means never idle.
   */
  idle?(tool?: string): boolean
}

/** Creates a parser that reports through `emit`. */
export type LineParserFactory = (emit: Emit) => LineParser

// ECMA-48 CSI sequences (colours, cursor moves) and OSC hyperlinks, as CI tools print them when
// FORCE_COLOR is set; and the same colour codes in caret notation (`^[[36;1m`), as some log
// archives store them.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\^\[\[[0-9;]*m/g

/** Removes terminal colour codes; cheap when there are none. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') || text.includes('^[[') ? text.replace(ANSI, '') : text
}

/**
 * Removes the runner's `2024-01-01T00:00:00.0000000Z ` prefix (checked by shape at fixed offsets, so
 * the common case costs no regular expression).
 */
export function stripTimestamp(text: string): string {
  // Shape checks by character code: this runs on every decoded line, so no regular expression.
  if (
    text.length < 20 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return text
  const z = text.indexOf('Z', 19)
  if (z < 0 || z > 35) return text
  // An empty line of output is the timestamp alone, with or without its space.
  if (z === text.length - 1) return ''
  return text.charCodeAt(z + 1) === 32 ? text.slice(z + 2) : text
}

/** A positive integer from a regex group, or null. */
export function int(text: string | undefined): number | null {
  if (text === undefined || text === '') return null
  const value = Number.parseInt(text, 10)
  return Number.isFinite(value) ? value : null
}

/** A chain of parsers: each line goes to the first that consumes it. */
export function chain(parsers: readonly LineParser[]): LineParser {
  return {
    line(text) {
      for (const parser of parsers) if (parser.line(text)) return true
      return false
    },
    gap() {
      for (const parser of parsers) parser.gap()
    },
    end() {
      for (const parser of parsers) parser.end()
    }
  }
}

/**
 * Words of an error-looking line, for the fallback finding of a step no parser understood.
 * Every one of them is a keyword of the fast scanner (scan/keywords.ts), so that both paths see
 * the same lines.
 */
const ERROR_LOOKING =
  /\berror\b|\bError\b|\bERROR\b|ERR!|\bFAIL|\bfailed\b|\bfailure\b|\bFailed\b|\bfatal\b|\bFatal\b|\bpanic\b|Exception|Traceback|not found|not recognized|illegal option|No such file|[Cc]annot |[Uu]nable to|[Dd]enied|✘|✖|×|❌/
/** `0 errors`, `errors: 0`: words of success. */
const NO_ERRORS = /\b0 (?:errors?|failed|failures?|problems?)\b|\b(?:errors?|failures?|failed): 0\b/i
/** Words of actions that are no failure: actions/cache and the setup actions start cold this way. */
const BENIGN = /^Cache not found for input keys|^No cache found\b/i
/** A warning that happens to say "not found" is not why a step failed. */
const WARNING_LINE = /^\s*(?:npm |yarn |pnpm )?(?:warn(?:ing)?\b|WARN(?:ING)?\b|\[warn(?:ing)?\])/i

/** True when a step's line reads like the reason it failed. */
export function isErrorLooking(text: string): boolean {
  return (
    ERROR_LOOKING.test(text) && !NO_ERRORS.test(text) && !WARNING_LINE.test(text) && !BENIGN.test(text.trim())
  )
}
