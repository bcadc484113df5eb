/**
 * RuboCop: `path:line:col: C: [Correctable] Department/Cop: message` (the emacs and clang formats,
 * and the `Offenses:` list of the default progress format), and the simple format (`== path ==`,
 * then `C:  3:  5: Department/Cop: message`), and the old one that named no cop (`path:3:5: C:
 * message`, for Ruby files). Conventions fail a run like warnings do.
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { letterSeverity } from './shapes.js'
import type { ToolParser } from './tool.js'

const REST = /^([CWEFRI]): (?:\[(?:Correctable|Corrected|Todo)\] )?([A-Z][A-Za-z]+(?:\/[A-Za-z0-9]+)+): (.*)$/
/** RuboCop before 0.24 named no cop: `path:line:col: C: message`, for Ruby files only. */
const UNNAMED_REST = /^([CWEFR]): (?:\[(?:Correctable|Corrected)\] )?(.*)$/
const RUBY_FILE = /(?:\.(?:rb|rake|gemspec|ru)|(?:^|\/)(?:Gemfile|Rakefile|Guardfile))$/
const SIMPLE_FILE = /^== (.+) ==$/
const SIMPLE_ROW =
  /^([CWEFR]):\s*(\d+):\s*(\d+): (?:\[(?:Correctable|Corrected)\] )?([A-Z][A-Za-z]+(?:\/[A-Za-z0-9]+)+): (.*)$/

function simple(emit: Emit): LineParser {
  let file: string | null = null
  return {
    line(text) {
      if (text.startsWith('== ')) {
        const match = SIMPLE_FILE.exec(text)
        if (match) {
          file = match[1] as string
          return true
        }
      }
      if (file === null) return false
      const row = SIMPLE_ROW.exec(text)
      if (!row) {
        if (text.trim() === '') file = null
        return false
      }
      emit(
        finding({
          tool: 'rubocop',
          file,
          line: int(row[2]),
          column: int(row[3]),
          severity: letterSeverity(row[1] as string),
          rule: row[4],
          message: row[5] as string,
          excerpt: `== ${file} ==\n${text}`
        })
      )
      return true
    },
    gap() {},
    end() {
      file = null
    }
  }
}

export const rubocop: ToolParser = {
  name: 'rubocop',
  tools: ['rubocop'],
  failOnEveryFinding: ['rubocop'],
  block: simple,
  located(at, rest, text) {
    const match = REST.exec(rest)
    if (!match) {
      const unnamed = RUBY_FILE.test(at.file) ? UNNAMED_REST.exec(rest) : null
      if (!unnamed) return null
      return finding({
        tool: 'rubocop',
        ...at,
        severity: letterSeverity(unnamed[1] as string),
        message: unnamed[2] as string,
        excerpt: text
      })
    }
    return finding({
      tool: 'rubocop',
      ...at,
      severity: letterSeverity(match[1] as string),
      rule: match[2],
      message: match[3] as string,
      excerpt: text
    })
  }
}
