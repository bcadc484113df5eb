/**
 * One-line-per-finding formats: tsc, gcc/clang, mypy, ruff/flake8, pylint, go build/vet,
 * golangci-lint, shellcheck (gcc format), RuboCop (emacs format), ESLint compact/unix, and the
 * generic `file:line:col: severity: message`. Each line either is a finding or is not; no state.
 */
import { finding, severityOf, type Finding, type Severity } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'

const TSC_PLAIN = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/
const TSC_PRETTY = /^(.+?):(\d+):(\d+) - (error|warning|message) (TS\d+): (.*)$/
const TSC_GLOBAL = /^(error|warning) (TS\d+): (.*)$/
const ESLINT_COMPACT = /^(.+?): line (\d+), col (\d+), (Error|Warning) - (.*?)(?: \(([^()\s]+)\))?$/
/** `path:line[:col]: rest`, with go vet's `vet: ` prefix; the rest is told apart below. */
const LOCATED = /^(?:vet: )?(\S(?:.*?\S)?):(\d+):(?:(\d+):?)? (.*)$/
const SEVERITY_REST = /^(fatal error|error|warning|note|info|remark|Error|Warning|Note|Info): (.*)$/
const TRAILING_RULE = /\s*\[([^[\]\s]+)\]$/
const PYLINT_REST = /^([CRWEFI])(\d{4}): (.*) \(([a-z0-9-]+)\)$/
const RUBOCOP_REST = /^([CWEFR]): (?:\[Correctable\] )?([A-Z][A-Za-z]+\/[A-Za-z0-9]+): (.*)$/
const CODE_REST = /^([A-Z]{1,4}\d{2,4}) (\[\*\] )?(.*)$/
const ESLINT_UNIX_REST = /^(.*) \[(Error|Warning)\/([^\]]+)\]$/
const LINTER_SUFFIX = / \(([a-z0-9_-]+)\)$/
const C_FILE = /\.(c|cc|cpp|cxx|h|hh|hpp|m|mm)$/

/** Which tool prints gcc-style `file:line:col: severity: message [code]` lines, from the file and code. */
function gccStyleTool(file: string, rule: string | null): string {
  if (rule?.startsWith('-W') || C_FILE.test(file)) return 'gcc'
  if (rule && /^SC\d{4}$/.test(rule)) return 'shellcheck'
  if (file.endsWith('.py') || file.endsWith('.pyi')) return 'mypy'
  return 'generic'
}

/** pylint and RuboCop letters: conventions and refactorings are still worth fixing, so warnings. */
function letterSeverity(letter: string): Severity {
  if (letter === 'E' || letter === 'F') return 'error'
  if (letter === 'I') return 'note'
  return 'warning'
}

/** ruff/flake8 codes: pyflakes (F) and syntax (E9) problems are errors, style codes warnings. */
function codeSeverity(code: string): Severity {
  return code.startsWith('F') || code.startsWith('E9') ? 'error' : 'warning'
}

/** The finding on one line of compiler/linter output, or null when the line is not one. */
export function parseCompilerLine(text: string): Finding | null {
  if (text.length < 5 || text.charCodeAt(0) === 32) return null
  let match = text.includes(' TS') ? (TSC_PLAIN.exec(text) ?? TSC_PRETTY.exec(text)) : null
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
  if (text.startsWith('error TS') || text.startsWith('warning TS')) {
    match = TSC_GLOBAL.exec(text)
    if (match)
      return finding({
        tool: 'tsc',
        rule: match[2],
        severity: severityOf(match[1]),
        message: match[3] as string,
        excerpt: text
      })
  }
  if (text.includes(', col ')) {
    match = ESLINT_COMPACT.exec(text)
    if (match) {
      return finding({
        tool: 'eslint',
        file: match[1],
        line: int(match[2]),
        column: int(match[3]),
        severity: severityOf(match[4]),
        message: match[5] as string,
        rule: match[6] ?? null,
        excerpt: text
      })
    }
  }
  match = LOCATED.exec(text)
  if (!match) return null
  const file = match[1] as string
  const located = { file, line: int(match[2]), column: int(match[3]), excerpt: text }
  const rest = match[4] as string
  let part = SEVERITY_REST.exec(rest)
  if (part) {
    let message = part[2] as string
    const ruleMatch = TRAILING_RULE.exec(message)
    const rule = ruleMatch ? (ruleMatch[1] as string) : null
    if (ruleMatch) message = message.slice(0, ruleMatch.index)
    return finding({
      tool: gccStyleTool(file, rule),
      ...located,
      severity: severityOf(part[1]),
      rule,
      message
    })
  }
  if ((part = PYLINT_REST.exec(rest))) {
    const letter = part[1] as string
    return finding({
      tool: 'pylint',
      ...located,
      severity: letterSeverity(letter),
      rule: part[4],
      message: `${part[3]} (${letter}${part[2]})`
    })
  }
  if ((part = RUBOCOP_REST.exec(rest))) {
    return finding({
      tool: 'rubocop',
      ...located,
      severity: letterSeverity(part[1] as string),
      rule: part[2],
      message: part[3] as string
    })
  }
  if ((part = CODE_REST.exec(rest)) && located.column !== null) {
    const code = part[1] as string
    const message = part[3] as string
    const tool = part[2] || message.includes('`') ? 'ruff' : 'flake8'
    return finding({ tool, ...located, severity: codeSeverity(code), rule: code, message })
  }
  if ((part = ESLINT_UNIX_REST.exec(rest))) {
    return finding({
      tool: 'eslint',
      ...located,
      severity: severityOf(part[2]),
      rule: part[3],
      message: part[1] as string
    })
  }
  if (file.endsWith('.go') && located.column !== null) {
    const linter = LINTER_SUFFIX.exec(rest)
    if (linter) {
      return finding({
        tool: 'golangci-lint',
        ...located,
        rule: linter[1],
        message: rest.slice(0, linter.index)
      })
    }
    return finding({ tool: 'go', ...located, message: rest })
  }
  return null
}

/** The one-line formats as a {@link LineParser}. */
export function createCompilerLineParser(emit: Emit): LineParser {
  return {
    line(text) {
      const found = parseCompilerLine(text)
      if (found) emit(found)
      return found !== null
    },
    gap() {},
    end() {}
  }
}
