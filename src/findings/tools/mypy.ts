/**
 * Python type checkers: mypy (`path:line[:col]: error: message  [code]`) and pyright/basedpyright
 * (`  path:line:col - error: message (reportRule)`).
 */
import { finding, severityOf } from '../finding.js'
import { int } from '../log/line-parser.js'
import { trailingBracketRule, trailingParenRule } from './shapes.js'
import type { ToolParser } from './tool.js'

const SEVERITY_REST = /^(error|warning|note): (.*)$/
const PYRIGHT = /^(.+?\.pyi?):(\d+):(\d+) - (error|warning|information): (.*)$/

export const mypy: ToolParser = {
  name: 'mypy',
  tools: ['mypy', 'pyright'],
  line(text) {
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
  },
  located(at, rest, text) {
    if (!/\.pyi?$/.test(at.file)) return null
    const match = SEVERITY_REST.exec(rest)
    if (!match) return null
    const [message, rule] = trailingBracketRule(match[2] as string)
    return finding({
      tool: 'mypy',
      ...at,
      severity: severityOf(match[1]),
      rule,
      message: message.trimEnd(),
      excerpt: text
    })
  }
}
