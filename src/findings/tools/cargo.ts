/**
 * Rust: cargo build/check/clippy diagnostics (a `error[E0308]: message` header, then
 * ` --> path:line:col`; clippy's lint from its `#[deny(clippy::x)]`/`-D clippy::x` note), test
 * panics (`thread 'name' panicked at path:line:col:` and the message below, or the older one-line
 * form), and `cargo fmt --check` (`Diff in path at line N:` or `Diff in path:N:`, one finding per
 * file).
 */
import { finding, severityOf, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const HEADER = /^(error|warning)(?:\[([A-Z]\d{4})\])?: (.*)$/
/** rustc's ` --> src/x.rs:3:5`; Prisma, which prints its errors the same way, `  -->  schema.prisma:7`. */
const LOCATION = /^\s*--> +(.+?):(\d+)(?::(\d+))?$/
const LINT =
  /#\[(?:warn|deny|forbid)\(([\w:]+)\)\]|-D (clippy::[\w-]+)|rust-clippy\/master\/index\.html#([\w-]+)/
const PANIC = /^thread '([^']+)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/
/** Before Rust 1.42 or so, the place had no column; test output was indented by a tab. */
const PANIC_OLD = /^thread '([^']+)' panicked at '(.*)', (.+?):(\d+)(?::(\d+))?$/
/** The older form with a message of several lines: the place follows its closing quote. */
const PANIC_OLD_START = /^thread '([^']+)' panicked at '(.*)$/
const PANIC_OLD_END = /^(.*)', (.+?):(\d+)(?::(\d+))?$/
const FMT_DIFF = /^Diff in (.+?)(?: at line (\d+):|:(\d+):)\s*$/
/** Lines of a diagnostic kept (its code frame and notes). */
const MAX_LINES = 40
/** Headers that sum up a build rather than name a problem. */
const SUMMARY =
  /^(?:could not compile|aborting due to|build failed|\d+ warnings? emitted|test failed, to rerun)/

interface Block {
  severity: Severity
  code: string | null
  message: string
  file: string | null
  line: number | null
  column: number | null
  lines: string[]
}

function diagnostics(emit: Emit): LineParser {
  let block: Block | null = null
  let panic: {
    test: string
    file: string
    line: number | null
    column: number | null
    header: string
  } | null = null
  const formatted = new Set<string>()
  let quoted: { test: string; message: string; lines: string[] } | null = null
  const flush = () => {
    if (block?.file && !SUMMARY.test(block.message)) {
      emit(
        finding({
          // A tool that borrows rustc's shape is named by the file it points at.
          tool: block.file.endsWith('.prisma') ? 'prisma' : 'cargo',
          file: block.file,
          line: block.line,
          column: block.column,
          severity: block.severity,
          rule: block.code,
          message: block.message,
          excerpt: block.lines.join('\n').trimEnd()
        })
      )
    }
    block = null
  }
  const panicWith = (message: string) => {
    if (!panic) return
    emit(
      finding({
        tool: 'cargo-test',
        file: panic.file,
        line: panic.line,
        column: panic.column,
        rule: panic.test,
        message,
        excerpt: `${panic.header}\n${message}`
      })
    )
    panic = null
  }
  return {
    line(text) {
      if (panic) {
        panicWith(text.trim() || 'test panicked')
        return true
      }
      if (quoted) {
        const end = PANIC_OLD_END.exec(text)
        quoted.lines.push(text)
        if (end) {
          emit(
            finding({
              tool: 'cargo-test',
              file: end[2],
              line: int(end[3]),
              column: int(end[4]),
              rule: quoted.test,
              message: quoted.message,
              excerpt: quoted.lines.join('\n')
            })
          )
          quoted = null
        } else if (quoted.lines.length > 20) quoted = null
        return true
      }
      const first = text.charCodeAt(0)
      if (first === 101 || first === 119) {
        const header = HEADER.exec(text)
        if (header) {
          flush()
          block = {
            severity: severityOf(header[1]),
            code: header[2] ?? null,
            message: header[3] as string,
            file: null,
            line: null,
            column: null,
            lines: [text]
          }
          // Many tools print `error: …`: the line is rustc's only once its ` --> ` place follows.
          return false
        }
      }
      const panicLine = first === 9 ? text.trimStart() : text
      if (panicLine.startsWith('thread ')) {
        const current = PANIC.exec(panicLine)
        if (current) {
          flush()
          panic = {
            test: current[1] as string,
            file: current[2] as string,
            line: int(current[3]),
            column: int(current[4]),
            header: text
          }
          return true
        }
        const old = PANIC_OLD.exec(panicLine)
        if (old) {
          emit(
            finding({
              tool: 'cargo-test',
              file: old[3],
              line: int(old[4]),
              column: int(old[5]),
              rule: old[1],
              message: old[2] as string,
              excerpt: text
            })
          )
          return true
        }
        const start = PANIC_OLD_START.exec(panicLine)
        if (start) {
          quoted = { test: start[1] as string, message: start[2] as string, lines: [text] }
          return true
        }
      }
      if (first === 68 && text.startsWith('Diff in ')) {
        const diff = FMT_DIFF.exec(text)
        if (diff) {
          flush()
          const file = diff[1] as string
          if (!formatted.has(file)) {
            formatted.add(file)
            emit(
              finding({
                tool: 'rustfmt',
                file,
                line: int(diff[2] ?? diff[3]),
                rule: 'rustfmt',
                message: 'Diff in the file: it is not formatted as `cargo fmt` would',
                excerpt: text
              })
            )
          }
          return true
        }
      }
      if (!block) return false
      if (text.trim() === '') {
        flush()
        return false
      }
      if (block.lines.length > MAX_LINES) {
        flush()
        return false
      }
      block.lines.push(text)
      const at = block.file === null ? LOCATION.exec(text) : null
      if (at) {
        block.file = at[1] as string
        block.line = int(at[2])
        block.column = int(at[3])
        return true
      }
      const lint = block.code === null ? LINT.exec(text) : null
      if (lint) block.code = (lint[1] ?? lint[2] ?? (lint[3] ? `clippy::${lint[3]}` : null)) as string | null
      // Before its place line, the block may be another tool's output: leave the line to the others.
      return block.file !== null
    },
    gap() {
      flush()
      panic = null
    },
    end() {
      flush()
      panic = null
      quoted = null
      formatted.clear()
    }
  }
}

export const cargo: ToolParser = {
  name: 'cargo',
  tools: ['cargo', 'cargo-test', 'rustfmt', 'prisma'],
  block: diagnostics
}
