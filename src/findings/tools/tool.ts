/**
 * The one interface every tool's text parser implements. A tool module (tsc.ts, pytest.ts, …)
 * exports one {@link ToolParser}; registry.ts lists them in the order lines are offered to them.
 * A parser may read its tool's lines in three ways, and uses whichever its formats need:
 *
 * - `block`: a stateful parser for output that spans lines (a jest failure, a Python traceback,
 *   a Terraform error box). It sees every line first and says whether it took it.
 * - `line`: a one-line form with its own shape (`file(3,5): error TS2304: …`, `ERROR: …`).
 * - `located`: a one-line form of the shape `path:line[:col]: rest`, which a dozen tools share.
 *   The chain splits such a line once and offers `rest` to each parser in turn.
 */
import type { Finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'

/** Where a `path:line[:col]: rest` line points. */
export interface Location {
  file: string
  line: number | null
  column: number | null
}

export interface ToolParser {
  /** Its name in the registry: `ccal findings --format NAME` keeps only its findings. */
  readonly name: string
  /** The `tool` values of the findings it emits. */
  readonly tools: readonly string[]
  /**
   * Those of its tools that fail a run on every finding, whatever its severity (flake8 exits 1 on
   * a style code, ShellCheck on an `info`), so that none of their findings is dropped as a mere
   * warning beside an error.
   */
  readonly failOnEveryFinding?: readonly string[]
  readonly block?: (emit: Emit) => LineParser
  readonly line?: (text: string) => Finding | null
  readonly located?: (at: Location, rest: string, text: string) => Finding | null
}

/** `path:line[:col]: rest`, with go vet's `vet: ` prefix; paths may hold spaces but not start or end with one. */
const LOCATED = /^(?:vet: )?(\S(?:.*?\S)?):(\d+):(?:(\d+):?)? (.*)$/

const GREP_LINE_NUMBER = /^\d+[:-](?=[/.\w])/

/** The location and the rest of a `path:line[:col]: rest` line, or null. */
export function splitLocated(text: string): { at: Location; rest: string } | null {
  const match = LOCATED.exec(text)
  if (!match) return null
  // `grep -n` prints its own line number before what it found: `50:src/x.c:344:9: error: …`.
  const file = (match[1] as string).replace(GREP_LINE_NUMBER, '')
  // `12:30:05 INFO …`, `Time: 3:05 …`: a clock or a word is not a path.
  if (!/[./\\]/.test(file) || /^\d+$/.test(file)) return null
  return {
    at: { file, line: Number(match[2]), column: match[3] === undefined ? null : Number(match[3]) },
    rest: match[4] as string
  }
}

/**
 * The parsers as one {@link LineParser}: a line goes to the block parsers in order, then to the
 * one-line forms, then, split once, to the located forms; the first that takes it wins.
 */
export function createToolChain(parsers: readonly ToolParser[], emit: Emit): LineParser {
  const named = parsers.flatMap(parser =>
    parser.block ? [{ name: parser.name, block: parser.block(emit) }] : []
  )
  const blocks = named.map(({ block }) => block)
  const lines = parsers.flatMap(parser => (parser.line ? [parser.line] : []))
  const located = parsers.flatMap(parser => (parser.located ? [parser.located] : []))
  return {
    line(text) {
      for (const block of blocks) if (block.line(text)) return true
      // One-line forms may be indented (pyright, a nested build's output): read them unindented.
      const line = text.charCodeAt(0) === 32 || text.charCodeAt(0) === 9 ? text.trimStart() : text
      if (line.length < 5) return false
      for (const parse of lines) {
        const found = parse(line)
        if (found) {
          emit(found)
          return true
        }
      }
      const split = splitLocated(line)
      if (!split) return false
      for (const parse of located) {
        const found = parse(split.at, split.rest, line)
        if (found) {
          emit(found)
          return true
        }
      }
      return false
    },
    gap() {
      for (const block of blocks) block.gap()
    },
    end() {
      for (const block of blocks) block.end()
    },
    idle(tool) {
      // Unnamed: idle when every block parser says so.
      return named.every(
        ({ name, block }) => (tool !== undefined && name !== tool) || block.idle?.() === true
      )
    }
  }
}
