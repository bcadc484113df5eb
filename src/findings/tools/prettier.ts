/**
 * `prettier --check`: one `[warn] path` line per file that is not formatted, then
 * `[warn] Code style issues found in 2 files. Run Prettier with --write to fix.` (Prettier 3) or
 * `… in the above file(s). Forgot to run Prettier?` (Prettier 2). The file lines are findings only
 * once that summary confirms them, since other tools print `[warn]` too. A file Prettier cannot
 * parse is an `[error] path: SyntaxError: message (line:col)` line.
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { isPathLike } from './shapes.js'
import type { ToolParser } from './tool.js'

const WARN = /^\[warn\] (.+)$/
const SUMMARY = /^\[warn\] (Code style issues .*)$/
const SYNTAX = /^\[error\] (.+?): (SyntaxError: .*?)(?: \((\d+):(\d+)\))?$/

function check(emit: Emit): LineParser {
  let files: Array<{ file: string; text: string }> = []
  return {
    line(text) {
      if (text.charCodeAt(0) !== 91) return false
      const summary = SUMMARY.exec(text)
      if (summary) {
        for (const { file, text: line } of files) {
          emit(
            finding({
              tool: 'prettier',
              file,
              rule: 'prettier/format',
              message: 'Code style issues found: the file is not formatted as Prettier would format it',
              excerpt: `${line}\n${text}`
            })
          )
        }
        files = []
        return true
      }
      const warn = WARN.exec(text)
      if (warn && isPathLike(warn[1] as string)) {
        files.push({ file: warn[1] as string, text })
        return true
      }
      const syntax = text.startsWith('[error]') ? SYNTAX.exec(text) : null
      if (syntax) {
        emit(
          finding({
            tool: 'prettier',
            file: syntax[1],
            line: int(syntax[3]),
            column: int(syntax[4]),
            rule: 'prettier/syntax',
            message: syntax[2] as string,
            excerpt: text
          })
        )
        return true
      }
      return false
    },
    // The summary may come after lines the scanner skipped: keep the files until it does.
    gap() {},
    end() {
      files = []
    }
  }
}

export const prettier: ToolParser = {
  name: 'prettier',
  tools: ['prettier'],
  failOnEveryFinding: ['prettier'],
  block: check
}
