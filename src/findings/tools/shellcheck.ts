/**
 * ShellCheck: its default tty format (`In path line N:`, the code line, then one `^-- SC2086
 * (info): message` marker per problem on it) and its gcc format
 * (`path:line:col: note: message [SC2086]`).
 */
import { finding, severityOf } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const PLACE = /^In (.+) line (\d+):$/
const MARKER = /^\s*\^-*\^?\s+(SC\d{4})(?: \((error|warning|info|style)\))?: (.*)$/

function tty(emit: Emit): LineParser {
  let place: { file: string; line: number | null; text: string } | null = null
  return {
    line(text) {
      if (text.startsWith('In ') && text.endsWith(':')) {
        const match = PLACE.exec(text)
        if (match) {
          place = { file: match[1] as string, line: int(match[2]), text }
          return true
        }
      }
      if (!place) return false
      if (!text.includes('SC')) return false
      const marker = MARKER.exec(text)
      if (!marker) return false
      emit(
        finding({
          tool: 'shellcheck',
          file: place.file,
          line: place.line,
          column: text.indexOf('^') + 1,
          rule: marker[1],
          severity: severityOf(marker[2], 'warning'),
          message: marker[3] as string,
          excerpt: `${place.text}\n${text}`
        })
      )
      return true
    },
    gap() {},
    end() {
      place = null
    }
  }
}

const GCC_REST = /^(error|warning|note|info|style): (.*) \[(SC\d{4})\]$/

export const shellcheck: ToolParser = {
  name: 'shellcheck',
  tools: ['shellcheck'],
  failOnEveryFinding: ['shellcheck'],
  block: tty,
  located(at, rest, text) {
    if (!rest.endsWith(']')) return null
    const match = GCC_REST.exec(rest)
    if (!match) return null
    return finding({
      tool: 'shellcheck',
      ...at,
      severity: severityOf(match[1], 'warning'),
      rule: match[3],
      message: match[2] as string,
      excerpt: text
    })
  }
}
