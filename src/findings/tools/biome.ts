/**
 * Biome's diagnostics: a header `path:line:col rule ━━━` (or `path rule ━━━` for whole-file
 * diagnostics such as formatting), then, after a blank line, `  × message` (`!` warning, `i` info).
 */
import { finding, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

/**
 * `path:line:col category/group/rule  FIXABLE  ━━━━`; the rule line may reach the log through a
 * legacy code page (`━` as `Γöü`), so it is told by its category and a run of line characters.
 */
const HEADER =
  /^(\S+?)(?::(\d+):(\d+))? ((?:lint|format|assist|parse|organizeImports|check|ci|internalError)(?:\/[\w-]+)*)(?:\s+FIXABLE)?\s+(?:━+|\S{6,})\s*$/
/** The marker before the message: `×`/`✖` error, `!`/`⚠` warning, `i` information (or their mojibake). */
const MESSAGE = /^\s+(\S{1,3}) (\S.*)$/

function diagnostics(emit: Emit): LineParser {
  let header: {
    file: string
    line: number | null
    column: number | null
    rule: string
    text: string
  } | null = null
  return {
    line(text) {
      if (text.includes('━') || / (?:lint|format|assist|parse)\//.test(text)) {
        const match = HEADER.exec(text)
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
      const message = MESSAGE.exec(text)
      const marker = message?.[1]
      const severity: Severity =
        marker === '!' || marker === '⚠' ? 'warning' : marker === 'i' ? 'note' : 'error'
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

export const biome: ToolParser = { name: 'biome', tools: ['biome'], block: diagnostics }
