/**
 * Node.js programs that crashed: an uncaught error (`Error: message`, `TypeError [ERR_X]: message`)
 * followed by its stack (`    at fn (path:line:col)`), placed at the first frame of the
 * repository's own code. The test runners' parsers come first in the registry and take the errors
 * inside their own failure blocks.
 */
import { finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { firstProjectFrame, jsFrame } from './stacks.js'
import type { ToolParser } from './tool.js'

const ERROR_LINE = /^(?:Uncaught )?((?:[A-Z]\w*)?(?:Error|Exception)(?: \[[\w-]+\])?): (.+)$/

function uncaught(emit: Emit): LineParser {
  let pending: { text: string; rule: string; frames: string[] } | null = null
  const flush = () => {
    if (!pending) return
    const current = pending
    pending = null
    // An error line is a crash only when a stack follows it.
    if (current.frames.length === 0) return
    const at = firstProjectFrame(current.frames)
    emit(
      finding({
        tool: 'node',
        file: at?.file,
        line: at?.line,
        column: at?.column,
        rule: current.rule.replace(/ \[.*$/, ''),
        message: current.text,
        excerpt: [current.text, ...current.frames].join('\n')
      })
    )
  }
  return {
    line(text) {
      if (pending) {
        if (text.trimStart().startsWith('at ') && jsFrame(text)) {
          if (pending.frames.length < MAX_BLOCK_LINES) pending.frames.push(text)
          return true
        }
        // `at async Promise.all (index 0)` and other frames without a place.
        if (/^\s+at \S/.test(text)) return true
        flush()
      }
      const first = text.charCodeAt(0)
      if (first < 65 || first > 90 || !text.includes(': ')) return false
      const error = ERROR_LINE.exec(text.trimEnd())
      // An API call's failure in actions/github-script is that parser's (github-script.ts).
      if (!error || (error[1] as string).includes('HttpError')) return false
      pending = { text: text.trim(), rule: error[1] as string, frames: [] }
      // Not taken yet: without a stack below, the line is some other tool's.
      return false
    },
    gap: flush,
    end: flush
  }
}

export const node: ToolParser = { name: 'node', tools: ['node'], block: uncaught }
