/**
 * The shapes any other linter or compiler is likely to print, tried after every named tool:
 * `path:line[:col]: severity: message [rule]`, `path:line:col: message (rule)`, a leading code
 * (`path:line CODE message`: hadolint, markdownlint), `[path:line:col] message` (protolint), and,
 * when a column makes it unambiguous, a plain `path:line:col: message` (luacheck, ktlint).
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { int } from '../log/line-parser.js'
import { trailingBracketRule, trailingParenRule } from './shapes.js'
import type { Location, ToolParser } from './tool.js'

const SEVERITY_REST =
  /^\[?(fatal error|fatal|error|warning|warn|info|information|note|hint|style|convention|notice|Error|Warning|ERROR|WARNING|FATAL)\]?(?:\[([^\]\s]+)\])?:? (.*)$/
const CODE_REST = /^([A-Z]{1,6}\d{2,5}(?:\/[\w-]+)*|[a-z][\w-]*\[[\w-]+\]) (.*)$/
/** `path:line CODE message`, `path:line:col CODE message` (no colon after the place). */
const CODE_LINE = /^(\S+\.\w+|\S*Dockerfile\S*):(\d+)(?::(\d+))? ([A-Z]{1,6}\d{2,5}(?:\/[\w-]+)*) (.*)$/
const BRACKETED = /^\[(\S+?):(\d+):(\d+)\] (.*)$/
/** Severity words other tools put after a code: hadolint's `DL3008 warning: message`. */
const LEADING_SEVERITY = /^(error|warning|info|style|note): (.*)$/

/** Files no linter reports on: a location in one of these is a log line, not a finding. */
const NOT_SOURCE = /\.(?:log|txt|html?|png|jpe?g|gz|zip|tar|lock)$|^https?:/i

function withRule(message: string): [string, string | null] {
  const [bracketless, bracketRule] = trailingBracketRule(message)
  if (bracketRule) return [bracketless, bracketRule]
  return trailingParenRule(message)
}

function located(at: Location, rest: string, text: string): Finding | null {
  if (NOT_SOURCE.test(at.file) || !/\.\w+$|Dockerfile|Makefile|Jenkinsfile/.test(at.file)) return null
  const severity = SEVERITY_REST.exec(rest)
  if (severity) {
    const [message, rule] = withRule(severity[3] as string)
    return finding({
      tool: 'generic',
      ...at,
      severity: severityOf(severity[1]),
      rule: severity[2] ?? rule,
      message: message.trim(),
      excerpt: text
    })
  }
  const code = CODE_REST.exec(rest)
  if (code) {
    const leading = LEADING_SEVERITY.exec(code[2] as string)
    return finding({
      tool: 'generic',
      ...at,
      severity: leading ? severityOf(leading[1]) : 'error',
      rule: code[1],
      message: leading ? (leading[2] as string) : (code[2] as string),
      excerpt: text
    })
  }
  const [message, rule] = withRule(rest)
  if (rule !== null || at.column !== null) {
    if (message.trim().length < 3) return null
    return finding({ tool: 'generic', ...at, rule, message: message.trim(), excerpt: text })
  }
  return null
}

function line(text: string): Finding | null {
  const code = CODE_LINE.exec(text)
  if (code) {
    const leading = LEADING_SEVERITY.exec(code[5] as string)
    return finding({
      tool: 'generic',
      file: code[1],
      line: int(code[2]),
      column: int(code[3]),
      severity: leading ? severityOf(leading[1]) : 'error',
      rule: code[4],
      message: leading ? (leading[2] as string) : (code[5] as string),
      excerpt: text
    })
  }
  if (text.charCodeAt(0) === 91) {
    const bracketed = BRACKETED.exec(text)
    if (bracketed)
      return finding({
        tool: 'generic',
        file: bracketed[1],
        line: int(bracketed[2]),
        column: int(bracketed[3]),
        message: bracketed[4] as string,
        excerpt: text
      })
  }
  return null
}

export const generic: ToolParser = { name: 'generic', tools: ['generic'], line, located }
