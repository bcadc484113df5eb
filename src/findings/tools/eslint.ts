/**
 * ESLint's text formats: stylish (the default: a path line, then indented rows), `next lint`'s
 * variant of it (unindented rows, `Error:`), compact (`path: line 3, col 7, Error - message (rule)`)
 * and unix (`path:3:7: message [Error/rule]`). Stylelint and yamllint print stylish-like rows
 * (`✖`/`⚠` marks, `(rule)` in parentheses), so the same block reads them, named by the file.
 */
import { finding, severityOf, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { isPathLike } from './shapes.js'
import type { ToolParser } from './tool.js'

/** `  3:7  error  message  rule`, `3:7  Error: message  rule` (next lint), `  3:7  ✖  message  rule` (stylelint). */
const ROW =
  /^\s*(\d+):(\d+)\s+(error|warning|Error:|Warning:|✖|×|⚠)\s+(.*?)(?:\s{2,}(?:\(([^()\s]+)\)|(\S+)))?\s*$/
const COMPACT = /^(.+?): line (\d+), col (\d+), (Error|Warning) - (.*?)(?: \(([^()\s]+)\))?$/
const UNIX_REST = /^(.*) \[(Error|Warning)\/([^\]]+)\]$/

function rowSeverity(mark: string): Severity {
  return mark === '⚠' || mark.startsWith('w') || mark.startsWith('W') ? 'warning' : 'error'
}

/** Which tool prints stylish rows for this file. */
function stylishTool(file: string): string {
  if (/\.ya?ml$/i.test(file)) return 'yamllint'
  if (/\.(css|scss|sass|less|styl)$/i.test(file)) return 'stylelint'
  return 'eslint'
}

/** Stylish: the file is the last path line printed above the rows (blank lines aside). */
function stylish(emit: Emit): LineParser {
  let previous = ''
  let file: string | null = null
  return {
    line(text) {
      const before = previous
      if (text.trim() !== '') previous = text
      const first = text.charCodeAt(0)
      // Rows start with spaces or a digit; everything else may be the next file's line.
      if ((first !== 32 && (first < 48 || first > 57)) || !text.includes(':')) return false
      const row = ROW.exec(text)
      if (!row) return false
      const candidate = before.trim()
      if (before.charCodeAt(0) !== 32 && isPathLike(candidate.replace(/:$/, '')))
        file = candidate.replace(/:$/, '')
      if (file === null) return false
      const mark = row[3] as string
      emit(
        finding({
          tool: stylishTool(file),
          file,
          line: int(row[1]),
          column: int(row[2]),
          severity: rowSeverity(mark),
          message: row[4] as string,
          rule: row[5] ?? row[6] ?? null,
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

export const eslint: ToolParser = {
  name: 'eslint',
  tools: ['eslint', 'stylelint', 'yamllint'],
  block: stylish,
  line(text) {
    if (!text.includes(', col ')) return null
    const match = COMPACT.exec(text)
    if (!match) return null
    return finding({
      tool: 'eslint',
      file: match[1],
      line: int(match[2]),
      column: int(match[3]),
      severity: severityOf(match[4]),
      message: match[5] as string,
      rule: match[6] ?? null,
      excerpt: text
    })
  },
  located(at, rest, text) {
    const unix = rest.endsWith(']') ? UNIX_REST.exec(rest) : null
    if (!unix) return null
    return finding({
      tool: 'eslint',
      ...at,
      severity: severityOf(unix[2]),
      rule: unix[3],
      message: unix[1] as string,
      excerpt: text
    })
  }
}
