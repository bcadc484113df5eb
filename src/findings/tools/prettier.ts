/**
 * `prettier --check`: after `Checking formatting...`, one line per file that is not formatted
 * (`[warn] path`, or the bare path before Prettier 2), then the summary: `[warn] Code style issues
 * found in 2 files. Run Prettier with --write to fix.` (Prettier 3) or `Code style issues found in
 * the above file(s). Forgot to run Prettier?`. The file lines are findings only once that summary
 * confirms them, since other tools print `[warn]` and paths too; each takes the summary's words.
 * When some file could not be parsed, Prettier 3 sums up with `Error occurred when checking code
 * style in 3 files.` instead. A file Prettier cannot parse is an `[error] path: SyntaxError:
 * message (line:col)` line. `prettier --list-different` (`-l`) prints the bare paths after its
 * command line, confirmed by the script's failure (`error Command failed with exit code 1.`).
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { isPathLike } from './shapes.js'
import type { ToolParser } from './tool.js'

const WARN = /^\[warn\] (.+)$/
const SUMMARY = /^(?:\[warn\] )?(Code style issues .*|Error occurred when checking code style .*)$/
/** The echoed command of `prettier --list-different` (by npm's `> `, yarn's `$ ` or a shell's `+ `). */
const LIST_COMMAND = /(?:^|[\s/])prettier\s.*(?:--list-different|\s-l(?:\s|$))/
/** The failure that confirms the listed files. */
const LIST_FAILED = /exit code [1-9]|Command failed|ELIFECYCLE|npm ERR!|npm error/
const HEADING = 'Checking formatting...'
const SYNTAX = /^\[error\] (.+?): (SyntaxError: .*?(?: \((\d+):(\d+)\))?)$/

function check(emit: Emit): LineParser {
  let files: Array<{ file: string; text: string }> = []
  /** After `Checking formatting...`, where older versions list the files without `[warn]`. */
  let checking = false
  /** After the command line of `prettier --list-different`. */
  let listing = false
  const report = (words: string, closing: string) => {
    for (const { file, text: line } of files) {
      emit(
        finding({
          tool: 'prettier',
          file,
          rule: 'prettier/format',
          message: `${file}: ${words}`,
          excerpt: `${line}\n${closing}`
        })
      )
    }
    files = []
    checking = false
    listing = false
  }
  return {
    line(text) {
      if (text === HEADING) {
        checking = true
        files = []
        return true
      }
      if (text.includes('prettier') && LIST_COMMAND.test(text)) {
        listing = true
        files = []
        return true
      }
      const summary = text.includes('ode style') ? SUMMARY.exec(text) : null
      if (summary) {
        const words = (summary[1] as string).trim()
        // With files it could not parse, its words are about those: the others are not formatted.
        report(words.startsWith('Error occurred') ? 'Code style issues found' : words, text)
        return true
      }
      if (listing && files.length > 0 && LIST_FAILED.test(text)) {
        report('not formatted (prettier --list-different)', text)
        return false
      }
      if (listing && isPathLike(text.trim()) && /\.\w+$/.test(text.trim())) {
        files.push({ file: text.trim(), text })
        return true
      }
      if (checking && isPathLike(text.trim()) && /\.\w+$/.test(text.trim())) {
        files.push({ file: text.trim(), text })
        return true
      }
      if (text.charCodeAt(0) !== 91) return false
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
      checking = false
      listing = false
    }
  }
}

export const prettier: ToolParser = {
  name: 'prettier',
  tools: ['prettier'],
  failOnEveryFinding: ['prettier'],
  block: check
}
