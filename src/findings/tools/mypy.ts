/**
 * Python type checkers: mypy (`path:line[:col]: error: message  [code]`; with `--pretty` the
 * message wraps onto the following, unindented lines and the code ends its last one, before the
 * indented source excerpt) and pyright/basedpyright (`  path:line:col - error: message (rule)`).
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { trailingBracketRule, trailingParenRule } from './shapes.js'
import { splitLocated, type ToolParser } from './tool.js'

const SEVERITY_REST = /^(error|warning|note):(?: (.*))?$/
const PYRIGHT = /^(.+?\.pyi?):(\d+):(\d+) - (error|warning|information): (.*)$/
/** Lines a wrapped message takes at most. */
const MAX_WRAPPED = 8

function pyright(text: string): Finding | null {
  if (!text.includes('.py') || !text.includes(' - ')) return null
  const match = PYRIGHT.exec(text)
  if (!match) return null
  const [message, rule] = trailingParenRule(match[5] as string)
  return finding({
    tool: 'pyright',
    file: match[1],
    line: int(match[2]),
    column: int(match[3]),
    severity: severityOf(match[4], 'note'),
    rule,
    message,
    excerpt: text
  })
}

/** The mypy diagnostic a line starts, or null. */
function mypyLine(text: string): { found: Finding; complete: boolean } | null {
  if (text.charCodeAt(0) === 32 || !text.includes('.py')) return null
  const split = splitLocated(text.endsWith(':') ? `${text} ` : text)
  if (!split || !/\.pyi?$/.test(split.at.file)) return null
  const match = SEVERITY_REST.exec(split.rest.trimEnd())
  if (!match) return null
  const [message, rule] = trailingBracketRule((match[2] ?? '').trimEnd())
  return {
    found: finding({
      tool: 'mypy',
      ...split.at,
      severity: severityOf(match[1]),
      rule,
      message: message.trimEnd(),
      excerpt: text
    }),
    complete: rule !== null
  }
}

/** mypy's diagnostics, with the lines `--pretty` wraps their message onto. */
function diagnostics(emit: Emit): LineParser {
  let pending: { found: Finding; wrapped: number } | null = null
  const flush = () => {
    if (pending) emit(pending.found)
    pending = null
  }
  return {
    line(text) {
      const started = mypyLine(text)
      if (started) {
        flush()
        if (started.complete) emit(started.found)
        else pending = { found: started.found, wrapped: 0 }
        return true
      }
      if (!pending) return false
      const first = text.charCodeAt(0)
      // The message ends at the indented source excerpt, a blank line, or the next file's line.
      if (
        text.trim() === '' ||
        first === 32 ||
        first === 9 ||
        pending.wrapped >= MAX_WRAPPED ||
        /^\S+\.pyi?:/.test(text)
      ) {
        flush()
        return false
      }
      const found = pending.found
      const [part, rule] = trailingBracketRule(text.trim())
      found.message = `${found.message} ${part}`.trim()
      found.excerpt = `${found.excerpt}\n${text}`
      pending.wrapped++
      if (rule !== null) {
        found.rule = rule
        flush()
      }
      return true
    },
    gap: flush,
    end: flush
  }
}

export const mypy: ToolParser = {
  name: 'mypy',
  tools: ['mypy', 'pyright'],
  block: diagnostics,
  line: pyright
}
