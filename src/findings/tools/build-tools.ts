/**
 * Multi-line compiler and linter formats: ESLint's default "stylish" output (a path line, then
 * indented rows), cargo/rustc diagnostics (header, then ` --> file:line:col`) and test panics, and
 * Biome's diagnostics (header with the rule, then a marked message line).
 */
import { finding, severityOf, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'

const STYLISH_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)(?:\s{2,}(\S+))?\s*$/
const PATH_LIKE = /^(?:[A-Za-z]:[\\/]|[./~]|[\w@-]+[\\/])\S*\.\w+$|^\S+\.\w+$/

/** ESLint stylish: the file is the path line printed above its rows. */
export function createEslintStylishParser(emit: Emit): LineParser {
  let previous = ''
  let file: string | null = null
  return {
    line(text) {
      const before = previous
      previous = text
      if (text.charCodeAt(0) !== 32) return false
      const row = STYLISH_ROW.exec(text)
      if (!row) return false
      const candidate = before.trim()
      if (before.charCodeAt(0) !== 32 && PATH_LIKE.test(candidate)) file = candidate
      if (file === null) return false
      emit(
        finding({
          tool: 'eslint',
          file,
          line: int(row[1]),
          column: int(row[2]),
          severity: severityOf(row[3]),
          message: row[4] as string,
          rule: row[5] ?? null,
          excerpt: `${file}\n${text}`
        })
      )
      return true
    },
    gap() {
      previous = ''
    },
    end() {}
  }
}

const RUST_HEADER = /^(error|warning)(?:\[([A-Z]\d{4})\])?: (.*)$/
const RUST_LOCATION = /^\s*--> (.+?):(\d+):(\d+)$/
const RUST_LINT = /#\[(?:warn|deny|forbid)\(([\w:]+)\)\]/
const RUST_PANIC = /^thread '([^']+)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/
const RUST_PANIC_OLD = /^thread '([^']+)' panicked at '(.*)', (.+?):(\d+):(\d+)$/

/** cargo build/test/clippy: diagnostics with their location line, and `thread 'x' panicked at` test failures. */
export function createCargoParser(emit: Emit): LineParser {
  let block: {
    severity: Severity
    code: string | null
    message: string
    file: string | null
    line: number | null
    column: number | null
    lines: string[]
  } | null = null
  let panic: {
    test: string
    file: string
    line: number | null
    column: number | null
    header: string
  } | null = null
  const flush = () => {
    if (block?.file) {
      emit(
        finding({
          tool: 'cargo',
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
      const header = RUST_HEADER.exec(text)
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
        return true
      }
      if (text.startsWith('thread ')) {
        const current = RUST_PANIC.exec(text)
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
        const old = RUST_PANIC_OLD.exec(text)
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
      }
      if (!block) return false
      if (text.trim() === '') {
        flush()
        return false
      }
      block.lines.push(text)
      const at = block.file === null ? RUST_LOCATION.exec(text) : null
      if (at) {
        block.file = at[1] as string
        block.line = int(at[2])
        block.column = int(at[3])
      }
      const lint = block.code === null ? RUST_LINT.exec(text) : null
      if (lint) block.code = lint[1] as string
      return true
    },
    gap() {
      flush()
      panic = null
    },
    end() {
      flush()
      panic = null
    }
  }
}

const BIOME_HEADER = /^(.+?):(\d+):(\d+) ([a-z]+(?:\/[\w-]+)*)\s.*━/
const BIOME_MESSAGE = /^\s+([✖×!i]) (.*)$/

/** Biome: `file:line:col lint/group/rule ━━━` then `  ✖|!|i message`. */
export function createBiomeParser(emit: Emit): LineParser {
  let header: {
    file: string
    line: number | null
    column: number | null
    rule: string
    text: string
  } | null = null
  return {
    line(text) {
      if (text.includes('━')) {
        const match = BIOME_HEADER.exec(text)
        if (match) {
          header = {
            file: match[1] as string,
            line: int(match[2]),
            column: int(match[3]),
            rule: match[4] as string,
            text
          }
          return true
        }
      }
      if (!header) return false
      if (text.trim() === '') return true
      const message = BIOME_MESSAGE.exec(text)
      const marker = message?.[1]
      const severity: Severity = marker === '!' ? 'warning' : marker === 'i' ? 'note' : 'error'
      emit(
        finding({
          tool: 'biome',
          file: header.file,
          line: header.line,
          column: header.column,
          rule: header.rule,
          severity,
          message: message ? (message[2] as string) : text.trim(),
          excerpt: `${header.text}\n${text}`
        })
      )
      header = null
      return true
    },
    gap() {
      header = null
    },
    end() {
      header = null
    }
  }
}
