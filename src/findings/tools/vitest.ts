/**
 * Vitest: ` FAIL  file > suite > test` (with `|project|` in a workspace), then the error line and
 * `❯ file:line:col`; ` FAIL  file [ file ]` when a whole file failed to load; and the errors of
 * its "Unhandled Errors" section.
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import type { ToolParser } from './tool.js'

/** A project's name comes first in a workspace: `|unit|`, or (Vitest 3) a label such as `unit (chromium)`. */
const PROJECT = String.raw`(?:\|[^|]+\|\s+|\S.*?\s{2,})?`
const HEADER = new RegExp(String.raw`^\s*FAIL\s+${PROJECT}(\S+) > (.+?)(?: \[[^\]]*\])?$`)
const FILE_HEADER = new RegExp(String.raw`^\s*FAIL\s+${PROJECT}(\S+) \[ (\S+) \]$`)
const LOCATION = /^\s*❯ (.+?):(\d+):(\d+)$/
const UNHANDLED = /⎯ Unhandled (?:Errors?|Rejection) ⎯/

interface Failure {
  file: string
  name: string
  message: string | null
  lines: string[]
  line: number | null
  column: number | null
}

function vitestBlocks(emit: Emit): LineParser {
  let current: Failure | null = null
  /** Failures listed together before the one error they share (Vitest groups identical errors). */
  let waiting: Failure[] = []
  let unhandled = false
  const flush = () => {
    if (!current) return
    for (const failure of [...waiting, current]) {
      emit(
        finding({
          tool: 'vitest',
          file: failure.file || null,
          line: current.line !== null && failure.file === current.file ? current.line : failure.line,
          column: current.column !== null && failure.file === current.file ? current.column : failure.column,
          rule: failure.name,
          message: current.message ?? 'test failed',
          excerpt: [...failure.lines, ...(failure === current ? [] : current.lines.slice(1))]
            .join('\n')
            .trimEnd()
        })
      )
    }
    waiting = []
    current = null
  }
  return {
    line(text) {
      if (text.includes('FAIL')) {
        const header = HEADER.exec(text)
        const whole = header ? null : FILE_HEADER.exec(text)
        if (header || whole) {
          // A heading right under another one shares the error printed after the last of them.
          if (current && current.message === null && current.lines.length === 1) waiting.push(current)
          else flush()
          current = null
          unhandled = false
          current = header
            ? {
                file: header[1] as string,
                name: header[2] as string,
                message: null,
                lines: [text],
                line: null,
                column: null
              }
            : {
                file: whole?.[1] as string,
                name: 'file failed to load',
                message: null,
                lines: [text],
                line: null,
                column: null
              }
          return true
        }
      }
      if (text.includes('⎯')) {
        flush()
        unhandled = UNHANDLED.test(text)
        return true
      }
      if (/^\s*Test Files /.test(text)) {
        flush()
        unhandled = false
        return true
      }
      if (unhandled && current === null && /^\s*\w*(?:Error|Exception|Rejection)\b/.test(text)) {
        current = {
          file: '',
          name: 'unhandled error',
          message: text.trim(),
          lines: [text],
          line: null,
          column: null
        }
        return true
      }
      if (!current) return false
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      const at = LOCATION.exec(text)
      if (at && current.line === null) {
        const file = at[1] as string
        // The first `❯` in the test's own file is the place; an unhandled error takes the first.
        if (current.file === '' || file.endsWith(current.file) || current.file.endsWith(file)) {
          if (current.file === '') current.file = file
          current.line = int(at[2])
          current.column = int(at[3])
        }
      } else if (!at && current.message === null && text.trim() !== '') current.message = text.trim()
      return true
    },
    // The scanner decodes the header and the `❯` line separately: a gap does not end the failure.
    gap() {},
    end: flush
  }
}

export const vitest: ToolParser = { name: 'vitest', tools: ['vitest'], block: vitestBlocks }
