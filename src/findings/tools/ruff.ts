/**
 * Ruff and flake8 (pycodestyle, pyflakes, plugins): `path:line:col: CODE message` (ruff's concise
 * and older full format, flake8's default), ruff's current full format (`CODE message` then
 * ` --> path:line:col`), its grouped format (a `path:` line, then `  line:col CODE message` rows),
 * and `ruff format --check` (`Would reformat: path`).
 */
import { finding, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const CODE_REST = /^([A-Z]{1,4}\d{2,4}|[A-Z]{2,3}\d?) (\[\*\] )?(.*)$/
/** flake8 with a custom `--format` such as `%(path)s:%(row)d: [%(code)s] %(text)s`. */
const BRACKETED_CODE_REST = /^\[([A-Z]{1,4}\d{2,4})\] (.*)$/
const HEADER = /^([A-Z]{1,4}\d{2,4}|invalid-syntax|[a-z]+(?:-[a-z]+)+)(?::)? (\[\*\] )?(.*)$/
const ARROW = /^\s*--> (.+?):(\d+):(\d+)$/
const GROUP_FILE = /^(\S+\.pyi?):$/
const GROUP_ROW = /^\s+(\d+):(\d+) ([A-Z]{1,4}\d{2,4}) (\[\*\] )?(.*)$/
const REFORMAT = /^Would reformat: (\S+)$/

/** pyflakes (F) and syntax (E9) problems are errors, style codes warnings. */
export function codeSeverity(code: string): Severity {
  return code.startsWith('F') || code.startsWith('E9') || code === 'invalid-syntax' ? 'error' : 'warning'
}

/** The rust-like full format and the grouped format are both a header line and a place line. */
function blocks(emit: Emit): LineParser {
  let header: { code: string; fixable: boolean; message: string; text: string } | null = null
  let groupFile: string | null = null
  return {
    line(text) {
      if (header) {
        const current = header
        header = null
        const at = ARROW.exec(text)
        if (at) {
          emit(
            finding({
              tool: 'ruff',
              file: at[1],
              line: int(at[2]),
              column: int(at[3]),
              rule: current.code,
              severity: codeSeverity(current.code),
              message: current.message,
              excerpt: `${current.text}\n${text}`
            })
          )
          return true
        }
      }
      const first = text.charCodeAt(0)
      if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) {
        const reformat = first === 87 ? REFORMAT.exec(text) : null
        if (reformat) {
          emit(
            finding({
              tool: 'ruff',
              file: reformat[1],
              rule: 'ruff-format',
              message: 'Would reformat: the file is not formatted as `ruff format` would',
              excerpt: text
            })
          )
          return true
        }
        const group = text.endsWith(':') ? GROUP_FILE.exec(text) : null
        if (group) {
          groupFile = group[1] as string
          return true
        }
        groupFile = null
        const match = HEADER.exec(text)
        // Only a header when its place line follows: decided on the next line.
        if (match)
          header = {
            code: match[1] as string,
            fixable: match[2] !== undefined,
            message: match[3] as string,
            text
          }
        return false
      }
      if (groupFile && first === 32) {
        const row = GROUP_ROW.exec(text)
        if (row) {
          emit(
            finding({
              tool: 'ruff',
              file: groupFile,
              line: int(row[1]),
              column: int(row[2]),
              rule: row[3],
              severity: codeSeverity(row[3] as string),
              message: row[5] as string,
              excerpt: `${groupFile}:\n${text}`
            })
          )
          return true
        }
      }
      return false
    },
    gap() {
      header = null
      groupFile = null
    },
    end() {
      header = null
      groupFile = null
    }
  }
}

export const ruff: ToolParser = {
  name: 'ruff',
  tools: ['ruff', 'flake8'],
  failOnEveryFinding: ['ruff', 'flake8'],
  block: blocks,
  located(at, rest, text) {
    if (!/\.pyi?$/.test(at.file)) return null
    const bracketed = rest.startsWith('[') ? BRACKETED_CODE_REST.exec(rest) : null
    if (bracketed) {
      const code = bracketed[1] as string
      return finding({
        tool: 'flake8',
        ...at,
        severity: codeSeverity(code),
        rule: code,
        message: bracketed[2] as string,
        excerpt: text
      })
    }
    if (at.column === null) return null
    const match = CODE_REST.exec(rest)
    if (!match) return null
    const code = match[1] as string
    const message = match[3] as string
    // Ruff quotes names in backticks and marks fixable findings; flake8 quotes with apostrophes.
    const tool = match[2] || message.includes('`') ? 'ruff' : 'flake8'
    return finding({ tool, ...at, severity: codeSeverity(code), rule: code, message, excerpt: text })
  }
}
