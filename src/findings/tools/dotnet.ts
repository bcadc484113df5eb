/**
 * .NET: MSBuild diagnostics (`path(12,5): error CS0103: message [project]`, and
 * `project : error NU1101: message` without a line) from `dotnet build`, restore and test, and
 * `dotnet test` failures (`Failed Name [12 ms]`, `Error Message:`, the stack's `in path:line N`).
 * MSBuild prints every diagnostic again after "Build FAILED."; the log parser drops the repeats.
 */
import { finding, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { parenFinding, parseParenLocated } from './shapes.js'
import type { ToolParser } from './tool.js'

/** Codes of the .NET toolchain; TypeScript's TS, MSVC's C and LNK codes belong to other tools. */
const DOTNET_CODE = /^(?:CS|NU|MSB|NETSDK|IDE|CA|BC|FS|AD|RZ|SA|RCS|VSTHRD|xUnit|S)\d+$|^ASP\d+$/
/** `Failed Name [12 ms]` (VSTest), `failed Name (args) (6s 220ms)` (Microsoft.Testing.Platform). */
const FAILED =
  /^\s*(?:Failed|failed) ([\w.`+<>,[\]" -]+?)(?:\s*\(.*\))?(?: \[[^\]]*\])?(?: \((?:\d+(?:\.\d+)?\s?m?s\s*)+\))?$/
/** A frame's place: ` in path:line 42` (VSTest), ` in path:42` (Microsoft.Testing.Platform). */
const SOURCE = / in (.+?\.(?:cs|fs|vb)):(?:line )?(\d+)$/

function msbuild(text: string): Finding | null {
  const paren = parseParenLocated(text)
  if (!paren || !DOTNET_CODE.test(paren.code)) return null
  // `project : error` has the project as its place: a file, but no line.
  return parenFinding('dotnet', paren, text)
}

function tests(emit: Emit): LineParser {
  let current: {
    name: string
    message: string | null
    inMessage: boolean
    file: string | null
    line: number | null
    lines: string[]
  } | null = null
  const flush = () => {
    if (!current) return
    emit(
      finding({
        tool: 'dotnet-test',
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
      const trimmed = text.trim()
      if (trimmed.startsWith('Failed ') || trimmed.startsWith('failed ')) {
        const failed = FAILED.exec(text)
        if (failed && !/^[Ff]ailed (?:to|!|with)\b/.test(trimmed)) {
          flush()
          current = {
            name: failed[1] as string,
            message: null,
            inMessage: false,
            file: null,
            line: null,
            lines: [text]
          }
          return true
        }
      }
      if (!current) return false
      if (
        /^(Passed|Failed|Skipped)!? /.test(trimmed) ||
        /^Total tests:/.test(trimmed) ||
        /^(Passed|Skipped) /.test(trimmed)
      ) {
        flush()
        return false
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      if (trimmed === 'Error Message:') {
        current.inMessage = true
        return true
      }
      if (trimmed === 'Stack Trace:') {
        current.inMessage = false
        return true
      }
      // The message follows "Error Message:" (VSTest), or the heading itself (Microsoft.Testing.Platform).
      if (
        (current.inMessage || current.lines.length === 2) &&
        current.message === null &&
        trimmed !== '' &&
        !trimmed.startsWith('at ')
      )
        current.message = trimmed
      const source = current.file === null ? SOURCE.exec(text) : null
      if (source) {
        current.file = source[1] as string
        current.line = int(source[2])
      }
      return true
    },
    gap() {},
    end: flush
  }
}

export const dotnet: ToolParser = {
  name: 'dotnet',
  tools: ['dotnet', 'dotnet-test'],
  block: tests,
  line(text) {
    return text.includes(': ') ? msbuild(text) : null
  }
}
