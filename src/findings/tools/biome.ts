/**
 * Biome's diagnostics: a header `path:line:col rule ━━━` (or `path rule ━━━` for whole-file
 * diagnostics such as formatting), then, after a blank line, `  × message` (`!` warning, `i` info).
 */
import { finding, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const HEADER =
  /^(\S+?)(?::(\d+):(\d+))? ((?:lint|format|assist|parse|organizeImports|check|ci)(?:\/[\w-]+)*)\s.*━/
const MESSAGE = /^\s+([✖×!i⚠]) (.*)$/

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
      if (text.includes('━')) {
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
