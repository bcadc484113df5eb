/**
 * Line shapes several tools share, so that each is written once: the MSBuild/Visual Studio form
 * `path(line[,col]): error CODE: message` (tsc, MSVC, dotnet, fsc), the trailing-rule forms
 * `message [rule]` and `message (rule)`, and recognising a path.
 */
import { finding, severityOf, type Finding, type Severity } from '../finding.js'
import { int } from '../log/line-parser.js'

/** `path(line[,col[,endLine,endCol]]): severity CODE: message`, with MSBuild's optional space before the colon. */
const PAREN_LOCATED =
  /^(.+?)\((\d+)(?:,(\d+))?(?:,\d+,\d+)?\)\s?:\s+(fatal error|error|warning|info|message)\s+([A-Za-z]{1,8}\d{2,6})\s?:\s*(.*)$/
/** `path : error CODE: message` (MSBuild without a line: NuGet, MSB, linker). */
const PAREN_UNLOCATED = /^(.+?)\s:\s(fatal error|error|warning)\s+([A-Za-z]{1,8}\d{2,6})\s?:\s*(.*)$/
/** MSBuild repeats the project at the end of a line: ` [/home/runner/work/R/R/src/App/App.csproj]`. */
const PROJECT_SUFFIX = /\s+\[[^\]]+\.(?:csproj|vbproj|fsproj|vcxproj|proj|sln|props|targets)(?:::[^\]]*)?\]$/

export interface ParenLocated {
  file: string
  line: number | null
  column: number | null
  severity: string
  code: string
  message: string
}

/** The finding of an MSBuild-style line read by {@link parseParenLocated}, for `tool`. */
export function parenFinding(tool: string, paren: ParenLocated, text: string): Finding {
  return finding({
    tool,
    file: paren.file,
    line: paren.line,
    column: paren.column,
    severity: severityOf(paren.severity),
    rule: paren.code,
    message: paren.message,
    excerpt: text
  })
}

/**
 * The severity of a linter's one-letter category (Pylint's and RuboCop's C, R, W, E, F, I).
 * Conventions and refactorings fail a run as much as warnings do, so they are warnings.
 */
export function letterSeverity(letter: string): Severity {
  if (letter === 'E' || letter === 'F') return 'error'
  if (letter === 'I') return 'note'
  return 'warning'
}

/** The parts of an MSBuild-style line (`a.ts(3,5): error TS2304: …`), or null. */
export function parseParenLocated(text: string): ParenLocated | null {
  // tsc, MSVC and .NET each ask about the same line: the last answer is kept.
  if (text === last.text) return last.result
  last.text = text
  last.result = readParenLocated(text)
  return last.result
}

const last: { text: string | null; result: ParenLocated | null } = { text: null, result: null }

function readParenLocated(text: string): ParenLocated | null {
  if (!text.includes('): ') && !text.includes(') : ')) return parseUnlocated(text)
  const match = PAREN_LOCATED.exec(text)
  if (!match) return null
  return {
    file: (match[1] as string).trim(),
    line: int(match[2]),
    column: int(match[3]),
    severity: match[4] as string,
    code: match[5] as string,
    message: stripProject(match[6] as string)
  }
}

function parseUnlocated(text: string): ParenLocated | null {
  if (!text.includes(' : ')) return null
  const match = PAREN_UNLOCATED.exec(text)
  if (!match) return null
  return {
    file: (match[1] as string).trim(),
    line: null,
    column: null,
    severity: match[2] as string,
    code: match[3] as string,
    message: stripProject(match[4] as string)
  }
}

/** A message without MSBuild's trailing ` [project]`. */
export function stripProject(message: string): string {
  return message.replace(PROJECT_SUFFIX, '').trimEnd()
}

const TRAILING_BRACKET = /\s+\[([^[\]\s]+)\]$/
const TRAILING_PAREN = /\s+\(([A-Za-z][\w./:@-]*)\)$/

/** `message [rule]` → [message, rule]; the rule is null when there is none. */
export function trailingBracketRule(message: string): [string, string | null] {
  const match = TRAILING_BRACKET.exec(message)
  return match ? [message.slice(0, match.index), match[1] as string] : [message, null]
}

/** `message (rule-name)` → [message, rule]: an identifier in parentheses, not prose. */
export function trailingParenRule(message: string): [string, string | null] {
  const match = TRAILING_PAREN.exec(message)
  if (!match) return [message, null]
  const rule = match[1] as string
  // `(see above)`, `(x2)`: words or counts, not rule ids. Rule ids carry a separator or a case change.
  if (!/[-_/:.]/.test(rule) && !/[a-z][A-Z]/.test(rule) && !/\d/.test(rule)) return [message, null]
  return [message.slice(0, match.index), rule]
}

/** True when `text` looks like a file path: no spaces, an extension or a directory part. */
export function isPathLike(text: string): boolean {
  return text.length > 0 && !/\s/.test(text) && /[\\/]|\.\w{1,10}$/.test(text) && !/^\d/.test(text)
}
