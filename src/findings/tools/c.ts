/**
 * C and C++ toolchains: gcc and clang (`path:line[:col]: error: message [-Wflag]`), MSVC
 * (`path(line[,col]): error C2065: message`), linker errors (`file.c:(.text+0x1e): undefined
 * reference to 'foo'`, MSVC's LNK codes) and CMake's `CMake Error at CMakeLists.txt:12 (command):`
 * with the message on the indented lines below.
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { CAUSE, int, isErrorLooking, type Emit, type LineParser } from '../log/line-parser.js'
import { parenFinding, parseParenLocated, trailingBracketRule } from './shapes.js'
import type { ToolParser } from './tool.js'

const C_FILE = /\.(c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|inl|ipp|m|mm|cu|cuh|ino)$/i
const SEVERITY_REST = /^(fatal error|error|warning): (.*)$/
const UNDEFINED_REFERENCE =
  /^(.+?\.(?:c|cc|cpp|cxx|o|obj)):\((?:\.text|\.data)[^)]*\): (undefined reference to .*)$/
/** The compiler driver's own errors, with no file: `cc1: error: unrecognized command line option …`. */
const DRIVER =
  /^(cc1|cc1plus|cc1obj|gcc|g\+\+|cc|c\+\+|clang|clang\+\+|clang-\d+|ld|ld\.lld|ld\.bfd|ld\.gold|lld|as): (fatal error|error): (.*)$/
/**
 * make's failure: `make: *** [target] Error 1`, `make[2]: *** [Makefile:12: x.o] Error 1`, or its
 * own error (`make: *** No rule to make target 'x'.  Stop.`).
 */
const MAKE_FAILED = /^(?:\S*\/)?(?:g|mingw32-)?make(?:\[\d+\])?: \*\*\* (?:\[(.+?)\] )?(.*?)\s*$/
/** Lines before make's failure in which its cause is looked for. */
export const MAKE_CAUSE_LINES = 12
/** autoconf's `./configure` when a requirement is missing (often inside a Docker build). */
const CONFIGURE = /^configure: error: (.+)$/
const CMAKE = /^CMake (Error|Warning)(?: \(dev\))? at (.+?):(\d+) \((\w+)\):$/
const CALL_STACK = /^Call Stack \(most recent call first\):$/
const CALL_FRAME = /^\s+(\S+):(\d+) \((\w+)\)$/
/** CMake's own modules: a call stack's place is the first frame outside them. */
const CMAKE_MODULE =
  /(?:^|\/)(?:share\/cmake[^/]*\/Modules|Modules\/(?:CMake|Find|Check)|scripts\/buildsystems)\//

function msvc(text: string): Finding | null {
  const paren = parseParenLocated(text)
  if (!paren) return null
  if (!/^(C\d{4}|LNK\d{4}|D\d{4})$/.test(paren.code)) return null
  return parenFinding('msvc', paren, text)
}

/**
 * CMake errors: the heading names the place; the message is the indented text under it. When only
 * the end of an error is shown (a build tool relaying its last lines), its call stack names the
 * place, and the message is the first line CMake indented by two spaces (quoted output is indented
 * by four).
 */
function cmake(emit: Emit): LineParser {
  let current: {
    severity: string
    file: string
    line: number | null
    command: string
    lines: string[]
    message: string[]
    paragraphEnded: boolean
  } | null = null
  /** Recent lines, for an error whose heading was not shown. */
  let recent: string[] = []
  let stack: { lines: string[]; reported: boolean } | null = null
  /** True right after a heading's error was reported: a call stack that follows is its own. */
  let afterHeading = false
  const flush = () => {
    if (!current) return
    afterHeading = true
    emit(
      finding({
        tool: 'cmake',
        file: current.file,
        line: current.line,
        rule: current.command,
        severity: severityOf(current.severity),
        message: current.message.join(' ') || `${current.command} failed`,
        excerpt: current.lines.join('\n')
      })
    )
    current = null
  }
  return {
    line(text) {
      if (stack) {
        const frame = CALL_FRAME.exec(text)
        if (frame) {
          stack.lines.push(text)
          if (!stack.reported && !CMAKE_MODULE.test(frame[1] as string)) {
            stack.reported = true
            const message = recent.find(line => /^ {2}\S/.test(line) && !line.trimStart().startsWith('"'))
            emit(
              finding({
                tool: 'cmake',
                file: frame[1],
                line: int(frame[2]),
                rule: frame[3],
                message: message?.trim() ?? 'CMake error',
                excerpt: [...recent.slice(-8), ...stack.lines].join('\n')
              })
            )
          }
          return true
        }
        stack = null
        recent = []
      }
      if (CALL_STACK.test(text.trim()) && current === null) {
        stack = { lines: [text], reported: afterHeading }
        return true
      }
      if (text.trim() !== '') afterHeading = false
      if (recent.length >= 40) recent.shift()
      recent.push(text)
      if (text.startsWith('CMake ')) {
        const match = CMAKE.exec(text)
        if (match) {
          recent = []
          flush()
          current = {
            severity: match[1] as string,
            file: match[2] as string,
            line: int(match[3]),
            command: match[4] as string,
            lines: [text],
            message: [],
            paragraphEnded: false
          }
          return true
        }
      }
      if (!current) return false
      // The message is the first paragraph under the heading; the block goes on, blank lines and
      // the call stack included, to the next line CMake does not indent.
      if (text.trim() === '') {
        if (current.message.length > 0) current.paragraphEnded = true
        return true
      }
      if (text.charCodeAt(0) !== 32) {
        // The heading's call stack belongs to it: the place is already known.
        if (CALL_STACK.test(text.trim())) {
          current.lines.push(text)
          return true
        }
        flush()
        return false
      }
      if (current.lines.length < 40) current.lines.push(text)
      if (!current.paragraphEnded && current.message.length < 4) current.message.push(text.trim())
      return true
    },
    gap: flush,
    end() {
      flush()
      stack = null
      recent = []
    }
  }
}

const CLANG_FORMAT =
  /^(.+?):(\d+):\d+: (?:error|warning): code should be clang-formatted \[-Wclang-format-violations\]$/

/** `clang-format --dry-run --Werror`: a formatter's findings, one per file that is not formatted. */
function clangFormat(emit: Emit): LineParser {
  const files = new Set<string>()
  return {
    line(text) {
      if (!text.endsWith('[-Wclang-format-violations]')) return false
      const match = CLANG_FORMAT.exec(text)
      if (!match) return false
      const file = match[1] as string
      if (!files.has(file)) {
        files.add(file)
        emit(
          finding({
            tool: 'clang-format',
            file,
            line: int(match[2]),
            rule: 'clang-format',
            message: 'code should be clang-formatted',
            excerpt: text
          })
        )
      }
      return true
    },
    gap() {},
    end() {
      files.clear()
    }
  }
}

/**
 * make's first failure in a step. A recipe that failed (`Error 1`) is a task whose reason is the
 * error line just above (the compiler's, the archiver's): quoted as its cause, it stands when no
 * parser found the error itself. make's own errors (no rule, missing makefile) are errors.
 */
function makeFailures(emit: Emit): LineParser {
  let recent: string[] = []
  let reported = false
  return {
    line(text) {
      const failed = text.includes(': *** ') ? MAKE_FAILED.exec(text) : null
      if (!failed) {
        if (text.trim() !== '') recent.push(text)
        if (recent.length > MAKE_CAUSE_LINES) recent.shift()
        return false
      }
      const [, target, what] = failed as unknown as [string, string | undefined, string]
      if (reported || what.startsWith('Waiting for unfinished jobs')) return true
      reported = true
      if (!/^Error \d+/.test(what)) {
        emit(finding({ tool: 'make', rule: target ?? null, message: what, excerpt: text }))
        return true
      }
      const cause = [...recent].reverse().find(isErrorLooking)
      emit(
        finding({
          tool: 'make',
          rule: target ?? null,
          message: (cause ?? text).trim(),
          excerpt: [...recent, text].join('\n')
        }),
        CAUSE
      )
      return true
    },
    gap() {},
    end() {
      recent = []
      reported = false
    }
  }
}

function blocks(emit: Emit): LineParser {
  const parsers = [clangFormat(emit), cmake(emit), makeFailures(emit)]
  return {
    line: text => parsers.some(parser => parser.line(text)),
    gap: () => parsers.forEach(parser => parser.gap()),
    end: () => parsers.forEach(parser => parser.end())
  }
}

export const c: ToolParser = {
  name: 'c',
  tools: ['gcc', 'msvc', 'ld', 'cmake', 'clang-format', 'configure', 'make'],
  failOnEveryFinding: ['clang-format'],
  block: blocks,
  line(text) {
    if (text.includes('): ') || text.includes(') : ')) {
      const found = msvc(text)
      if (found) return found
    }
    if (text.startsWith('configure: error: ')) {
      const configure = CONFIGURE.exec(text)
      if (configure) return finding({ tool: 'configure', message: text.trim(), excerpt: text })
    }
    const driver = text.includes('error: ') ? DRIVER.exec(text) : null
    if (driver) return finding({ tool: 'gcc', rule: driver[1], message: driver[3] as string, excerpt: text })
    if (text.includes('undefined reference to')) {
      const match = UNDEFINED_REFERENCE.exec(text)
      if (match)
        return finding({
          tool: 'ld',
          file: match[1],
          rule: 'undefined-reference',
          message: match[2] as string,
          excerpt: text
        })
    }
    return null
  },
  located(at, rest, text) {
    if (!C_FILE.test(at.file)) return null
    const match = SEVERITY_REST.exec(rest)
    if (!match) return null
    const [message, rule] = trailingBracketRule(match[2] as string)
    return finding({ tool: 'gcc', ...at, severity: severityOf(match[1]), rule, message, excerpt: text })
  }
}
