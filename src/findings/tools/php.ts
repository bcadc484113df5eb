/**
 * PHP: Composer install failures (`Problem 1` and its `- …` reason; a lock file older than
 * composer.json), PHPUnit failures (`1) Tests\FooTest::testBar`, the message, then the first frame
 * outside vendor/), PHPStan (its table of `Line   path` sections and `--error-format=raw` lines),
 * Psalm (`ERROR: Type - path:12:5 - message`), and PHP's own fatal and parse errors.
 */
import { finding, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { isDependencyPath } from './stacks.js'
import type { ToolParser } from './tool.js'

const PROBLEM = /^\s*Problem (\d+)$/
const PROBLEM_REASON = /^\s+- (.*)$/
const LOCK_STALE = /(The lock file is not up to date with the latest changes in composer\.json)/
/** Composer's heading over its `Problem N` lists. */
const LOCK_INCOMPATIBLE =
  /^(Your (?:lock file does not contain a compatible set of packages|requirements could not be resolved to an installable set of packages)\..*)$/
const PHPUNIT_HEADER = /^(\d+)\) ([\w\\]+(?:::[\w]+)?(?: with data set .*)?)$/
const PHPUNIT_FRAME = /^(\S+\.php):(\d+)$/
const PHPSTAN_FILE = /^\s+Line\s{2,}(\S.*?)\s*$/
const PHPSTAN_ROW = /^\s+(\d+)\s{2,}(\S.*?)\s*$/
const PHPSTAN_IDENTIFIER = /^\s+(?:🪪|💡)?\s*([a-z][\w]*(?:\.[\w]+)+)\s*$/
const PSALM = /^(ERROR|INFO|WARNING): (\w+) - (.+?):(\d+):(\d+) - (.*)$/
const PHPSTAN_RAW = /^(\S+\.php):(\d+):(\S.*)$/
const PHP_ERROR = /^(?:PHP )?(Fatal error|Parse error|Warning): {1,2}(.*?) in (\S+\.php)(?: on line |:)(\d+)$/

function composer(emit: Emit): LineParser {
  let problem: { lines: string[]; reasons: string[] } | null = null
  let heading: string | null = null
  /** Reasons already reported: a problem that shares one has the same cause (Composer lists it again). */
  const reasons = new Set<string>()
  const flush = () => {
    if (!problem) return
    const current = problem
    problem = null
    if (current.reasons.length === 0 || current.reasons.some(reason => reasons.has(reason))) {
      for (const reason of current.reasons) reasons.add(reason)
      return
    }
    for (const reason of current.reasons) reasons.add(reason)
    const cause =
      current.reasons.find(reason =>
        /does not satisfy|not found|could not be found|no matching/i.test(reason)
      ) ?? (current.reasons[0] as string)
    emit(
      finding({
        tool: 'composer',
        file: /\bcomposer\.lock\b|lock file/.test(`${heading ?? ''} ${cause}`) ? 'composer.lock' : null,
        rule: 'dependency-resolution',
        message: heading ? `${heading.trim()} ${cause}` : cause,
        excerpt: [heading, ...current.lines].filter(Boolean).join('\n')
      })
    )
  }
  return {
    line(text) {
      const start = text.includes('Problem ') ? PROBLEM.exec(text) : null
      if (start) {
        flush()
        problem = { lines: [text], reasons: [] }
        return true
      }
      if (problem) {
        const reason = PROBLEM_REASON.exec(text)
        if (reason) {
          problem.lines.push(text)
          problem.reasons.push(reason[1] as string)
          return true
        }
        if (text.trim() === '' && problem.reasons.length === 0) return true
        flush()
      }
      const incompatible = text.startsWith('Your ') ? LOCK_INCOMPATIBLE.exec(text) : null
      if (incompatible) {
        heading = text
        return true
      }
      const stale = text.includes('lock file is not up to date') ? LOCK_STALE.exec(text) : null
      if (stale) {
        emit(
          finding({
            tool: 'composer',
            file: 'composer.lock',
            rule: 'lock-file',
            message: stale[1] as string,
            excerpt: text
          })
        )
        return true
      }
      return false
    },
    gap() {},
    end() {
      flush()
      heading = null
      reasons.clear()
    }
  }
}

function phpunit(emit: Emit): LineParser {
  let current: {
    name: string
    message: string | null
    file: string | null
    line: number | null
    lines: string[]
  } | null = null
  const flush = () => {
    if (!current) return
    emit(
      finding({
        tool: 'phpunit',
        file: current.file,
        line: current.line,
        rule: current.name,
        message: current.message ?? 'test failed',
        excerpt: current.lines.join('\n')
      })
    )
    current = null
  }
  return {
    line(text) {
      const header = text.includes(') ') ? PHPUNIT_HEADER.exec(text) : null
      if (header) {
        flush()
        current = { name: header[2] as string, message: null, file: null, line: null, lines: [text] }
        return true
      }
      if (!current) return false
      if (/^(FAILURES!|ERRORS!|Tests: \d|There (?:was|were) \d+ )/.test(text)) {
        flush()
        return false
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      const frame = PHPUNIT_FRAME.exec(text)
      if (frame) {
        if (current.file === null && !isDependencyPath(frame[1] as string)) {
          current.file = frame[1] as string
          current.line = int(frame[2])
        }
        return true
      }
      if (current.message === null && text.trim() !== '') current.message = text.trim()
      return true
    },
    gap() {},
    end: flush
  }
}

function phpstan(emit: Emit): LineParser {
  let file: string | null = null
  let last: Finding | null = null
  const release = () => {
    if (last) emit(last)
    last = null
  }
  return {
    line(text) {
      if (text.includes('Line ')) {
        const header = PHPSTAN_FILE.exec(text)
        if (header) {
          release()
          file = header[1] as string
          return true
        }
      }
      if (file === null) return false
      if (/^\s*-{3,}/.test(text)) return true
      const row = PHPSTAN_ROW.exec(text)
      if (row) {
        release()
        last = finding({
          tool: 'phpstan',
          file,
          line: int(row[1]),
          message: row[2] as string,
          excerpt: `Line ${file}\n${text}`
        })
        return true
      }
      const identifier = PHPSTAN_IDENTIFIER.exec(text)
      if (identifier && last) {
        last.rule = identifier[1] as string
        return true
      }
      // Long messages wrap onto indented lines under their row.
      if (last && /^\s{4,}\S/.test(text) && !text.includes('[ERROR]')) {
        last.message += ` ${text.trim()}`
        return true
      }
      release()
      if (text.trim() === '' || text.includes('[ERROR]') || text.includes('[OK]')) file = null
      return false
    },
    gap() {},
    end() {
      release()
      file = null
    }
  }
}

function all(emit: Emit): LineParser {
  const parsers = [composer(emit), phpunit(emit), phpstan(emit)]
  return {
    line: text => parsers.some(parser => parser.line(text)),
    gap: () => parsers.forEach(parser => parser.gap()),
    end: () => parsers.forEach(parser => parser.end())
  }
}

function phpLine(text: string): Finding | null {
  const psalm = text.includes(' - ') ? PSALM.exec(text) : null
  if (psalm) {
    return finding({
      tool: 'psalm',
      file: psalm[3],
      line: int(psalm[4]),
      column: int(psalm[5]),
      severity: psalm[1] === 'ERROR' ? 'error' : psalm[1] === 'WARNING' ? 'warning' : 'note',
      rule: psalm[2],
      message: psalm[6] as string,
      excerpt: text
    })
  }
  const error = text.includes('.php') ? PHP_ERROR.exec(text) : null
  if (error) {
    return finding({
      tool: 'php',
      file: error[3],
      line: int(error[4]),
      severity: error[1] === 'Warning' ? 'warning' : 'error',
      rule: error[1],
      message: error[2] as string,
      excerpt: text
    })
  }
  // PHPStan's `--error-format=raw`: `path.php:12:message`, no space after the colon.
  const raw = text.includes('.php:') ? PHPSTAN_RAW.exec(text) : null
  if (raw)
    return finding({
      tool: 'phpstan',
      file: raw[1],
      line: int(raw[2]),
      message: raw[3] as string,
      excerpt: text
    })
  return null
}

export const php: ToolParser = {
  name: 'php',
  tools: ['composer', 'phpunit', 'phpstan', 'psalm', 'php'],
  block: all,
  line: phpLine
}
