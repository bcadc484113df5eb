/**
 * Python tracebacks, printed by any program that crashed: the exception (the last one of a chain)
 * at the deepest frame of the repository's own code. Also a bare `File "x.py", line N` frame
 * followed by a `SyntaxError`, which Python prints without a "Traceback" heading. Within a pytest
 * session a traceback is what a test logged: pytest reports the failures (pytest.ts).
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { isDependencyPath, type Frame } from './stacks.js'
import type { ToolParser } from './tool.js'

const HEADING = 'Traceback (most recent call last):'
/** pytest's session: inside it, a traceback is a test's output (pytest reports failures itself). */
const SESSION_START = /^=+ test session starts =+$/
const SESSION_END =
  /^=+ .*\b(?:failed|passed|errors?|skipped|deselected|xfailed|xpassed|no tests ran)\b.* =+$/
const FRAME = /^(\s*)File "(.+?)", line (\d+)/
const EXCEPTION = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/
const CHAINED = /^(During handling of the above exception|The above exception was the direct cause)/

interface Traceback {
  indent: number
  frames: Frame[]
  lines: string[]
}

function tracebacks(emit: Emit): LineParser {
  let current: Traceback | null = null
  // The finding of a finished traceback, held for one line: a chained exception replaces it.
  let pending: ReturnType<typeof finding> | null = null
  const release = () => {
    if (pending) emit(pending)
    pending = null
  }
  const finish = (text: string, exception: RegExpExecArray) => {
    if (!current) return
    const inRepo = current.frames.filter(frame => !isDependencyPath(frame.file))
    const at = inRepo[inRepo.length - 1] ?? null
    current.lines.push(text)
    pending = finding({
      tool: 'python',
      file: at?.file,
      line: at?.line,
      rule: exception[1] as string,
      message: text.trim(),
      excerpt: current.lines.join('\n')
    })
    current = null
  }
  let inPytest = false
  return {
    line(text) {
      if (text.startsWith('==')) {
        if (SESSION_START.test(text)) inPytest = true
        else if (SESSION_END.test(text)) inPytest = false
        return false
      }
      if (inPytest) return false
      const trimmed = text.trimStart()
      if (trimmed.startsWith(HEADING)) {
        // A new traceback after a chained one: the earlier finding is dropped for the final one.
        current = { indent: text.length - trimmed.length, frames: [], lines: [text] }
        return true
      }
      if (pending) {
        if (trimmed === '') return true
        if (CHAINED.test(trimmed)) {
          pending = null
          return true
        }
        release()
      }
      const frame = trimmed.startsWith('File "') ? FRAME.exec(text) : null
      if (frame && !current) {
        // Python prints a SyntaxError's frame without a heading.
        current = { indent: Math.max(0, (frame[1] as string).length - 2), frames: [], lines: [] }
      }
      if (!current) return false
      if (frame) {
        current.frames.push({ file: frame[2] as string, line: int(frame[3]), column: null })
        if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
        return true
      }
      const indent = text.length - trimmed.length
      if (indent <= current.indent && trimmed !== '') {
        const exception =
          EXCEPTION.exec(trimmed) ?? /^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit)): (.*)$/.exec(trimmed)
        if (exception && current.frames.length > 0) {
          finish(text, exception)
          return true
        }
        // Neither a frame nor an exception: not a traceback after all.
        current = null
        return false
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      return true
    },
    // Frames carry a keyword, their code lines do not: a gap inside a traceback is expected.
    gap() {},
    end() {
      release()
      current = null
      inPytest = false
    }
  }
}

export const python: ToolParser = { name: 'python', tools: ['python'], block: tracebacks }
