/**
 * C and C++ toolchains: gcc and clang (`path:line[:col]: error: message [-Wflag]`), MSVC
 * (`path(line[,col]): error C2065: message`), linker errors (`file.c:(.text+0x1e): undefined
 * reference to 'foo'`, MSVC's LNK codes) and CMake's `CMake Error at CMakeLists.txt:12 (command):`
 * with the message on the indented lines below.
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { parseParenLocated, trailingBracketRule } from './shapes.js'
import type { ToolParser } from './tool.js'

const C_FILE = /\.(c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|inl|ipp|m|mm|cu|cuh|ino)$/i
const SEVERITY_REST = /^(fatal error|error|warning): (.*)$/
const UNDEFINED_REFERENCE =
  /^(.+?\.(?:c|cc|cpp|cxx|o|obj)):\((?:\.text|\.data)[^)]*\): (undefined reference to .*)$/
const CMAKE = /^CMake (Error|Warning)(?: \(dev\))? at (.+?):(\d+) \((\w+)\):$/

function msvc(text: string): Finding | null {
  const paren = parseParenLocated(text)
  if (!paren) return null
  const code = paren.code
  if (!/^(C\d{4}|LNK\d{4}|D\d{4})$/.test(code)) return null
  return finding({
    tool: 'msvc',
    file: paren.file,
    line: paren.line,
    column: paren.column,
    severity: severityOf(paren.severity),
    rule: code,
    message: paren.message,
    excerpt: text
  })
}

/** CMake errors: the heading names the place; the message is the indented text under it. */
function cmake(emit: Emit): LineParser {
  let current: {
    severity: string
    file: string
    line: number | null
    command: string
    lines: string[]
    message: string[]
  } | null = null
  const flush = () => {
    if (!current) return
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
      if (text.startsWith('CMake ')) {
        const match = CMAKE.exec(text)
        if (match) {
          flush()
          current = {
            severity: match[1] as string,
            file: match[2] as string,
            line: int(match[3]),
            command: match[4] as string,
            lines: [text],
            message: []
          }
          return true
        }
      }
      if (!current) return false
      if (text.trim() === '') {
        if (current.message.length > 0) flush()
        return true
      }
      if (text.charCodeAt(0) !== 32) {
        flush()
        return false
      }
      current.lines.push(text)
      if (current.message.length < 4) current.message.push(text.trim())
      return true
    },
    gap: flush,
    end: flush
  }
}

export const c: ToolParser = {
  name: 'c',
  tools: ['gcc', 'msvc', 'ld', 'cmake'],
  block: cmake,
  line(text) {
    if (text.includes('): ') || text.includes(') : ')) {
      const found = msvc(text)
      if (found) return found
    }
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
