/**
 * Node's test runner: TAP (`not ok N - name` and its YAML block: location, error), the default in
 * CI on Node 18 and 20, and the spec reporter (`✖ name (1.2ms)` with the error and stack indented
 * below), the default since Node 22.
 */
import { finding, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { firstProjectFrame } from './stacks.js'
import type { ToolParser } from './tool.js'

const TAP_NOT_OK = /^(\s*)not ok \d+ - (.+?)(?: # .*)?$/
const TAP_LOCATION = /^\s+location: '(.+?):(\d+):(\d+)'$/
const TAP_ERROR_INLINE = /^\s+error: '(.*)'$/
/** `✖ name (1.23ms)`; not ESLint's `✖ 3 problems (…)` nor the spec reporter's `✖ failing tests:` heading. */
const SPEC_FAIL = /^(\s*)✖ (.+?) \([\d.]+m?s\)$/

interface Test {
  name: string
  file: string | null
  line: number | null
  column: number | null
  message: string | null
  inError: boolean
  lines: string[]
}

function newTest(name: string, text: string): Test {
  return { name, file: null, line: null, column: null, message: null, inError: false, lines: [text] }
}

function tap(emit: Emit): LineParser {
  let current: Test | null = null
  const flush = () => {
    if (!current) return
    const test: Test = current
    current = null
    // A suite fails when its tests do; the test itself is the finding.
    if (test.message === null && test.file === null) return
    const done: Finding = finding({
      tool: 'node-test',
      file: test.file?.replace(/^file:\/\//, ''),
      line: test.line,
      column: test.column,
      rule: test.name,
      message: test.message ?? 'test failed',
      excerpt: test.lines.join('\n')
    })
    emit(done)
  }
  return {
    line(text) {
      const notOk = text.includes('not ok ') ? TAP_NOT_OK.exec(text) : null
      if (notOk) {
        flush()
        current = newTest(notOk[2] as string, text)
        return true
      }
      if (!current) return false
      if (/^\s*\.\.\.$/.test(text) || /^\s*(ok|not ok) \d+/.test(text) || /^# (tests|Subtest)/.test(text)) {
        flush()
        return false
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      const at = TAP_LOCATION.exec(text)
      const inline = at ? null : TAP_ERROR_INLINE.exec(text)
      if (at) {
        current.file = at[1] as string
        current.line = int(at[2])
        current.column = int(at[3])
      } else if (/^\s+error: (\|-?)?\s*$/.test(text)) current.inError = true
      else if (inline) current.message = inline[1] ?? null
      else if (current.inError && current.message === null && text.trim() !== '')
        current.message = text.trim()
      return true
    },
    gap: flush,
    end: flush
  }
}

/** The spec reporter: a failed test's error and stack are indented deeper than its `✖` line. */
function spec(emit: Emit): LineParser {
  let current: (Test & { indent: number }) | null = null
  // The reporter lists failures twice: as they run and again under "✖ failing tests:".
  const flush = () => {
    if (!current) return
    const test = current
    current = null
    const body = test.lines.slice(1)
    const at = firstProjectFrame(body)
    const message = body.map(line => line.trim()).find(line => line !== '')
    if (!message) return
    emit(
      finding({
        tool: 'node-test',
        file: at?.file,
        line: at?.line,
        column: at?.column,
        rule: test.name,
        message,
        excerpt: test.lines.join('\n')
      })
    )
  }
  return {
    line(text) {
      const fail = text.includes('✖') ? SPEC_FAIL.exec(text) : null
      if (fail) {
        flush()
        current = { ...newTest(fail[2] as string, text), indent: (fail[1] as string).length }
        return true
      }
      if (!current) return false
      const indent = text.length - text.trimStart().length
      if (text.trim() !== '' && indent <= current.indent) {
        flush()
        return false
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      return true
    },
    gap: flush,
    end: flush
  }
}

function both(emit: Emit): LineParser {
  const parsers = [tap(emit), spec(emit)]
  return {
    line: text => parsers.some(parser => parser.line(text)),
    gap: () => parsers.forEach(parser => parser.gap()),
    end: () => parsers.forEach(parser => parser.end())
  }
}

export const nodeTest: ToolParser = { name: 'node-test', tools: ['node-test'], block: both }
