/**
 * Pylint: `path:line:col: C0114: message (symbol)` (the default text format) and the parseable
 * format `path:line: [C0114(symbol), obj] message`. The rule is the code (`C0114`), the message
 * is Pylint's with its symbol (`Missing module docstring (missing-module-docstring)`). Conventions and refactorings fail a run as
 * much as warnings do, so they are warnings; errors and fatals are errors.
 */
import { finding, type Severity } from '../finding.js'
import type { ToolParser } from './tool.js'

const TEXT_REST = /^([CRWEFI])(\d{4}): (.*) \(([a-z0-9-]+)\)$/
const PARSEABLE_REST = /^\[([CRWEFI])(\d{4})\(([a-z0-9-]+)\)(?:, [^\]]*)?\] (.*)$/

function letterSeverity(letter: string): Severity {
  if (letter === 'E' || letter === 'F') return 'error'
  if (letter === 'I') return 'note'
  return 'warning'
}

/** Older templates print the module after the path: `pkg/x.py:pkg.x:12: …`. */
const WITH_MODULE = /^(.+\.pyi?):[\w.]+$/

export const pylint: ToolParser = {
  name: 'pylint',
  tools: ['pylint'],
  failOnEveryFinding: ['pylint'],
  located(place, rest, text) {
    const withModule = WITH_MODULE.exec(place.file)
    const at = withModule ? { ...place, file: withModule[1] as string } : place
    if (!/\.pyi?$/.test(at.file)) return null
    const match = TEXT_REST.exec(rest)
    if (match) {
      return finding({
        tool: 'pylint',
        ...at,
        severity: letterSeverity(match[1] as string),
        rule: `${match[1]}${match[2]}`,
        message: `${match[3]} (${match[4]})`,
        excerpt: text
      })
    }
    const parseable = rest.startsWith('[') ? PARSEABLE_REST.exec(rest) : null
    if (!parseable) return null
    return finding({
      tool: 'pylint',
      ...at,
      severity: letterSeverity(parseable[1] as string),
      rule: `${parseable[1]}${parseable[2]}`,
      message: `${parseable[4]} (${parseable[3]})`,
      excerpt: text
    })
  }
}
