/**
 * Test runners whose failures span several lines: jest, vitest, pytest, go test and node --test
 * (TAP). Each parser keeps only the block it is reading; a gap in the input closes the block.
 */
import { finding, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'

/** Lines of a failure kept as its excerpt. */
const MAX_BLOCK_LINES = 60

const STACK_LOCATION = /^\s*at (?:.*? \()?((?:[A-Za-z]:)?[^():\s][^():]*):(\d+):(\d+)\)?$/
const CODE_FRAME = /^\s*(?:>\s*)?\d+\s*\||^\s*\|/

/** The first stack frame in the project (not node_modules, not node internals), if any. */
function projectFrame(
  lines: readonly string[]
): { file: string; line: number | null; column: number | null } | null {
  for (const line of lines) {
    const match = STACK_LOCATION.exec(line)
    if (!match) continue
    const file = (match[1] as string).replace(/^file:\/\//, '')
    if (file.includes('node_modules') || file.startsWith('node:') || file.startsWith('internal/')) continue
    return { file, line: int(match[2]), column: int(match[3]) }
  }
  return null
}

/** jest: `● Suite › test` blocks, with the message below and the location in the stack. */
export function createJestParser(emit: Emit): LineParser {
  let name: string | null = null
  let block: string[] = []
  // `FAIL test/x.test.ts` names the suite: the place of a failure without a project stack frame.
  let suiteFile: string | null = null
  const flush = () => {
    if (name === null) return
    const body = block.map(line => line.trim())
    const first = body.findIndex(line => line !== '')
    let message = first >= 0 ? (body[first] as string) : 'test failed'
    // expect() failures put the values on the following lines: "Expected: 7", "Received: 6".
    for (let i = first + 1; i > 0 && i < body.length && i < first + 6; i++) {
      const line = body[i] as string
      if (/^(Expected|Received)( [a-z]+)*:/.test(line)) message += `; ${line}`
      else if (CODE_FRAME.test(line) || line.startsWith('at ')) break
    }
    const at = projectFrame(block)
    emit(
      finding({
        tool: 'jest',
        file: at?.file ?? suiteFile,
        line: at?.line,
        column: at?.column,
        rule: name,
        message,
        excerpt: [`● ${name}`, ...block].join('\n').trimEnd()
      })
    )
    name = null
    block = []
  }
  return {
    line(text) {
      const trimmed = text.trimStart()
      if (trimmed.startsWith('● ')) {
        flush()
        name = trimmed.slice(2).trim()
        return true
      }
      if (/^(PASS|FAIL) |^Test Suites:|^Tests:/.test(trimmed)) {
        flush()
        if (trimmed.startsWith('FAIL ')) suiteFile = trimmed.slice(5).trim().split(' ')[0] || null
        return false
      }
      if (name === null) return false
      if (block.length < MAX_BLOCK_LINES) block.push(text)
      return true
    },
    gap: flush,
    end: flush
  }
}

const VITEST_HEADER = /^\s*FAIL\s+(\S+) > (.+)$/
const VITEST_LOCATION = /^\s*❯ (.+?):(\d+):(\d+)$/

/** vitest: ` FAIL  file > suite > test`, then the error line and `❯ file:line:col`. */
export function createVitestParser(emit: Emit): LineParser {
  let current: { file: string; name: string; message: string | null; lines: string[] } | null = null
  let location: { line: number | null; column: number | null } | null = null
  const flush = () => {
    if (!current) return
    emit(
      finding({
        tool: 'vitest',
        file: current.file,
        line: location?.line,
        column: location?.column,
        rule: current.name,
        message: current.message ?? 'test failed',
        excerpt: current.lines.join('\n').trimEnd()
      })
    )
    current = null
    location = null
  }
  return {
    line(text) {
      const header = VITEST_HEADER.exec(text)
      if (header) {
        flush()
        current = { file: header[1] as string, name: header[2] as string, message: null, lines: [text] }
        return true
      }
      if (!current) return false
      if (text.startsWith('⎯') || /^\s*Test Files /.test(text)) {
        flush()
        return true
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      const at = VITEST_LOCATION.exec(text)
      if (at && !location && (at[1] as string).endsWith(current.file))
        location = { line: int(at[2]), column: int(at[3]) }
      else if (current.message === null && text.trim() !== '') current.message = text.trim()
      return true
    },
    // The scanner decodes the header and the `❯` line separately: a gap does not end the failure.
    gap() {},
    end: flush
  }
}

const PYTEST_SECTION = /^_{3,} (.+?) _{3,}$/
const PYTEST_LOCATION = /^(\S+\.py):(\d+): (\w+)$/
const PYTEST_SUMMARY = /^(FAILED|ERROR) (\S+?)(?:::(\S+?))?(?: - (.*))?$/

/** pytest: `____ test_x ____` sections (message from `E` lines, place from `file.py:N: Error`), and the short summary. */
export function createPytestParser(emit: Emit): LineParser {
  let section: {
    name: string
    message: string | null
    file: string | null
    line: number | null
    lines: string[]
  } | null = null
  const reported = new Set<string>()
  const flush = () => {
    if (!section) return
    if (section.file !== null) {
      reported.add(section.name)
      emit(
        finding({
          tool: 'pytest',
          file: section.file,
          line: section.line,
          rule: section.name,
          message: section.message ?? 'test failed',
          excerpt: section.lines.join('\n').trimEnd()
        })
      )
    }
    section = null
  }
  return {
    line(text) {
      const header = PYTEST_SECTION.exec(text)
      if (header) {
        flush()
        section = { name: header[1] as string, message: null, file: null, line: null, lines: [text] }
        return true
      }
      if (text.startsWith('====')) {
        flush()
        return false
      }
      if (section) {
        if (section.lines.length < MAX_BLOCK_LINES) section.lines.push(text)
        if (section.message === null && /^E\s/.test(text)) section.message = text.slice(1).trim()
        const at = PYTEST_LOCATION.exec(text)
        if (at) {
          section.file = at[1] as string
          section.line = int(at[2])
        }
        return true
      }
      const summary = PYTEST_SUMMARY.exec(text)
      if (!summary) return false
      const path = summary[2] as string
      const test = summary[3]?.replace(/::/g, '.') ?? null
      if (test !== null && reported.has(test)) return true
      if (test === null && reported.has(`ERROR collecting ${path}`)) return true
      if (!path.includes('.py')) return false
      emit(
        finding({
          tool: 'pytest',
          file: path,
          rule: test,
          message: summary[4] ?? `${summary[1]?.toLowerCase()}`,
          excerpt: text
        })
      )
      return true
    },
    gap: flush,
    end: flush
  }
}

const GO_FAIL = /^(\s*)--- FAIL: (\S+) \([\d.]+s\)$/
const GO_LOCATION = /^\s+(\S+\.go):(\d+): (.*)$/

/** go test: `--- FAIL: TestX (0.00s)` followed by indented `file_test.go:N: message` lines. */
export function createGoTestParser(emit: Emit): LineParser {
  let current: string | null = null
  const failed: string[] = []
  const reported = new Set<string>()
  const flush = () => {
    // A failed test with no message of its own: report it unless one of its subtests was reported.
    for (const name of failed) {
      if (reported.has(name) || [...reported].some(other => other.startsWith(`${name}/`))) continue
      emit(finding({ tool: 'go-test', rule: name, message: `${name} failed`, excerpt: `--- FAIL: ${name}` }))
    }
    failed.length = 0
    reported.clear()
    current = null
  }
  return {
    line(text) {
      const fail = GO_FAIL.exec(text)
      if (fail) {
        current = fail[2] as string
        failed.push(current)
        return true
      }
      if (current !== null) {
        const at = GO_LOCATION.exec(text)
        if (at) {
          reported.add(current)
          emit(
            finding({
              tool: 'go-test',
              file: at[1],
              line: int(at[2]),
              rule: current,
              message: (at[3] as string).trim(),
              excerpt: text
            })
          )
          return true
        }
        if (/^(FAIL|ok)\b/.test(text)) flush()
      }
      if (text.startsWith('panic: ')) {
        emit(finding({ tool: 'go-test', rule: current, message: text, excerpt: text }))
        if (current !== null) reported.add(current)
        return true
      }
      return false
    },
    gap() {},
    end: flush
  }
}

const TAP_NOT_OK = /^(\s*)not ok \d+ - (.+?)(?: # .*)?$/
const TAP_LOCATION = /^\s+location: '(.+?):(\d+):(\d+)'$/

/** node --test (TAP): `not ok N - name` and its YAML block (location, error). */
export function createNodeTestParser(emit: Emit): LineParser {
  let current: {
    name: string
    file: string | null
    line: number | null
    column: number | null
    message: string | null
    inError: boolean
    lines: string[]
  } | null = null
  const flush = () => {
    if (!current) return
    const test: typeof current = current
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
      const notOk = TAP_NOT_OK.exec(text)
      if (notOk) {
        flush()
        current = {
          name: notOk[2] as string,
          file: null,
          line: null,
          column: null,
          message: null,
          inError: false,
          lines: [text]
        }
        return true
      }
      if (!current) return false
      if (/^\s*\.\.\.$/.test(text) || /^\s*(ok|not ok) \d+/.test(text) || /^# (tests|Subtest)/.test(text)) {
        flush()
        return false
      }
      if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
      const at = TAP_LOCATION.exec(text)
      if (at) {
        current.file = at[1] as string
        current.line = int(at[2])
        current.column = int(at[3])
      } else if (/^\s+error: (\|-?)?\s*$/.test(text)) current.inError = true
      else if (/^\s+error: '(.*)'$/.test(text)) current.message = /^\s+error: '(.*)'$/.exec(text)?.[1] ?? null
      else if (current.inError && current.message === null && text.trim() !== '')
        current.message = text.trim()
      return true
    },
    gap: flush,
    end: flush
  }
}
