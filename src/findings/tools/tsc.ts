/**
 * TypeScript's compiler and its wrappers: tsc (`--pretty false` and pretty), vue-tsc (the same
 * output), and the two-line form of svelte-check and Next.js (a bare `path:line:col` line, then
 * `Error: message (ts)` or `Type error: message`).
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { parenFinding, parseParenLocated } from './shapes.js'
import type { ToolParser } from './tool.js'

const PRETTY = /^(.+?):(\d+):(\d+) - (error|warning|message) (TS\d+): (.*)$/
const GLOBAL = /^(error|warning) (TS\d+): (.*)$/

function tscLine(text: string): Finding | null {
  if (!text.includes('TS')) return null
  const paren = parseParenLocated(text)
  if (paren && paren.code.startsWith('TS')) return parenFinding('tsc', paren, text)
  const match = PRETTY.exec(text) ?? null
  if (match) {
    return finding({
      tool: 'tsc',
      file: match[1],
      line: int(match[2]),
      column: int(match[3]),
      severity: severityOf(match[4]),
      rule: match[5],
      message: match[6] as string,
      excerpt: text
    })
  }
  const global = text.startsWith('error TS') || text.startsWith('warning TS') ? GLOBAL.exec(text) : null
  if (global) {
    return finding({
      tool: 'tsc',
      rule: global[2],
      severity: severityOf(global[1]),
      message: global[3] as string,
      excerpt: text
    })
  }
  return null
}

const PLACE = /^(\S.*\.(?:svelte|vue|astro|ts|mts|cts|tsx|js|mjs|cjs|jsx)):(\d+):(\d+)$/
const PLACED_MESSAGE = /^(Error|Warn|Warning|Hint|Type error|Syntax error): (.*?)(?: \((\w[\w-]*)\))?$/

/** The tool of a two-line diagnostic: svelte-check names its source (`(ts)`, `(svelte)`), Next.js says "Type error". */
function placedTool(file: string, kind: string, source: string | null): string {
  if (file.endsWith('.svelte') || source !== null) return 'svelte-check'
  return kind === 'Type error' ? 'tsc' : 'svelte-check'
}

/** The place on one line, the diagnostic on the next. */
function placeThenMessage(emit: Emit): LineParser {
  let place: { file: string; line: number | null; column: number | null; text: string } | null = null
  return {
    line(text) {
      if (place) {
        const current = place
        place = null
        const message = PLACED_MESSAGE.exec(text)
        if (message) {
          emit(
            finding({
              tool: placedTool(current.file, message[1] as string, message[3] ?? null),
              file: current.file,
              line: current.line,
              column: current.column,
              severity:
                message[1] === 'Type error' || message[1] === 'Syntax error'
                  ? 'error'
                  : severityOf(message[1], 'note'),
              rule: message[3] ?? null,
              // Next.js's "Type error: …" keeps its words; svelte-check's `Error:` is only a severity.
              message: /^(?:Type|Syntax) error$/.test(message[1] as string)
                ? `${message[1]}: ${message[2]}`
                : (message[2] as string),
              excerpt: `${current.text}\n${text}`
            })
          )
          return true
        }
      }
      if (text.charCodeAt(text.length - 1) < 48 || text.charCodeAt(text.length - 1) > 57) return false
      const match = PLACE.exec(text)
      if (!match) return false
      place = { file: match[1] as string, line: int(match[2]), column: int(match[3]), text }
      return true
    },
    gap() {
      place = null
    },
    end() {
      place = null
    }
  }
}

export const tsc: ToolParser = {
  name: 'tsc',
  tools: ['tsc', 'svelte-check'],
  block: placeThenMessage,
  line: tscLine
}
