/**
 * Pylint: `path:line:col: C0114: message (symbol)` (the default text format) and the parseable
 * format `path:line: [C0114(symbol), obj] message`. The rule is the code (`C0114`), the message
 * is Pylint's with its symbol (`Missing module docstring (missing-module-docstring)`). Conventions and refactorings fail a run as
 * much as warnings do, so they are warnings; errors and fatals are errors. Pylint 1 printed
 * `R: 28, 0: message (symbol)` under a `************* Module pkg.name` heading: the module names
 * the file.
 */
import { finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'
import { letterSeverity } from './shapes.js'
import type { ToolParser } from './tool.js'

const TEXT_REST = /^([CRWEFI])(\d{4}): (.*) \(([a-z0-9-]+)\)$/
const PARSEABLE_REST = /^\[([CRWEFI])(\d{4})\(([a-z0-9-]+)\)(?:, [^\]]*)?\] (.*)$/

const MODULE = /^\*{13} Module (\S+)$/
const LEGACY = /^([CRWEFI]):\s*(\d+),\s*(\d+): (.*?)(?: \(([a-z0-9-]+)\))?$/

/** Pylint 1's messages under their module's heading. */
function modules(emit: Emit): LineParser {
  let file: string | null = null
  return {
    line(text) {
      if (text.startsWith('*************')) {
        const module = MODULE.exec(text)
        if (module) {
          const name = module[1] as string
          file = name.endsWith('.py') || name.includes('/') ? name : `${name.replace(/\./g, '/')}.py`
          return true
        }
      }
      if (file === null) return false
      const message = LEGACY.exec(text)
      if (!message) {
        // The report after the messages, or the next tool's output.
        if (!/^[CRWEFI]\d{4}:/.test(text)) file = null
        return false
      }
      emit(
        finding({
          tool: 'pylint',
          file,
          line: Number(message[2]),
          // Pylint 1 counts columns from 0.
          column: Number(message[3]) + 1,
          severity: letterSeverity(message[1] as string),
          rule: message[5] ?? null,
          message: message[5] ? `${message[4]} (${message[5]})` : (message[4] as string),
          excerpt: text
        })
      )
      return true
    },
    gap() {},
    end() {
      file = null
    },
    idle: () => file === null
  }
}

/** Older templates print the module after the path: `pkg/x.py:pkg.x:12: …`. */
const WITH_MODULE = /^(.+\.pyi?):[\w.]+$/

export const pylint: ToolParser = {
  name: 'pylint',
  tools: ['pylint'],
  failOnEveryFinding: ['pylint'],
  block: modules,
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
