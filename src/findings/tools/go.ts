/**
 * Go: build and vet errors (`./x.go:3:2: undefined: foo`, under a `# package` line), `go test`
 * failures (`--- FAIL: TestX (0.00s)` with the test's indented `x_test.go:12: message` lines,
 * subtests, testify's `Error Trace:`/`Error:` block, gotestsum's `=== FAIL: pkg TestX`), panics
 * and data races (the first frame of the repository's own code below the heading), and module
 * errors that point at go.mod or go.sum.
 */
import { finding, type Finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { isDependencyPath } from './stacks.js'
import type { ToolParser } from './tool.js'

const FAIL = /^(\s*)--- FAIL: (\S+) \([\d.]+s\)$/
const GOTESTSUM_FAIL = /^=== FAIL: (\S+) (\S+) \([\d.]+s\)$/
const TEST_LINE = /^\s+(\S+\.go):(\d+): (.*)$/
const TESTIFY_TRACE = /^\s+Error Trace:\s+(\S+\.go):(\d+)/
const TESTIFY_ERROR = /^\s+Error:\s+(.*)$/
const FRAME = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/
const MODULE = [
  { pattern: /^go: (updates to go\.mod needed.*)$/, file: 'go.mod', rule: 'go.mod' },
  { pattern: /^(?:go: )?(missing go\.sum entry .*)$/, file: 'go.sum', rule: 'go.sum' },
  { pattern: /^go: (.*: (?:reading|verifying) .*)$/, file: 'go.mod', rule: 'go.mod' },
  {
    pattern: /^(go: (?:inconsistent vendoring|go\.mod file indicates go .*requires go .*))$/,
    file: 'go.mod',
    rule: 'go.mod'
  }
] as const

interface Test {
  name: string
  reported: boolean
  trace: { file: string; line: number | null } | null
}

interface Crash {
  message: string
  rule: string | null
  lines: string[]
  frame: { file: string; line: number | null } | null
}

function tests(emit: Emit): LineParser {
  let current: Test | null = null
  const failed: Test[] = []
  let crash: Crash | null = null
  const finishCrash = () => {
    if (!crash) return
    emit(
      finding({
        tool: 'go',
        file: crash.frame?.file,
        line: crash.frame?.line,
        rule: crash.rule,
        message: crash.message,
        excerpt: crash.lines.join('\n')
      })
    )
    if (current) current.reported = true
    crash = null
  }
  const flush = () => {
    finishCrash()
    // A failed test with no message of its own: reported unless one of its subtests was.
    for (const test of failed) {
      if (test.reported || failed.some(other => other.reported && other.name.startsWith(`${test.name}/`)))
        continue
      emit(
        finding({
          tool: 'go-test',
          rule: test.name,
          message: `${test.name} failed`,
          excerpt: `--- FAIL: ${test.name}`
        })
      )
    }
    failed.length = 0
    current = null
  }
  const report = (test: Test, found: Finding) => {
    test.reported = true
    emit(found)
  }
  return {
    line(text) {
      if (crash) {
        // A panic's or race's stack: the first frame outside the runtime and dependencies is the place.
        const frame = FRAME.exec(text)
        if (frame) {
          if (crash.lines.length < MAX_BLOCK_LINES) crash.lines.push(text)
          if (
            !crash.frame &&
            !isDependencyPath(frame[1] as string) &&
            !/\/src\/(?:runtime|testing|sync|reflect)\//.test(frame[1] as string)
          )
            crash.frame = { file: frame[1] as string, line: int(frame[2]) }
          return true
        }
        if (/^(FAIL|ok)\b|^exit status|^={10,}$/.test(text) || (crash.frame && text.trim() === ''))
          finishCrash()
        else {
          if (crash.lines.length < MAX_BLOCK_LINES) crash.lines.push(text)
          return true
        }
      }
      if (text.startsWith('panic: ') || text.startsWith('fatal error: ') || text === 'WARNING: DATA RACE') {
        const race = text === 'WARNING: DATA RACE'
        crash = {
          message: race ? 'WARNING: DATA RACE' : text.replace(/ \[recovered\]$/, ''),
          rule: race ? 'data-race' : (current?.name ?? null),
          lines: [text],
          frame: null
        }
        return true
      }
      const fail = text.includes('--- FAIL: ') ? FAIL.exec(text) : GOTESTSUM_FAIL.exec(text)
      if (fail) {
        current = { name: fail[2] as string, reported: false, trace: null }
        failed.push(current)
        return true
      }
      if (current !== null) {
        const trace = TESTIFY_TRACE.exec(text)
        if (trace) {
          current.trace = { file: trace[1] as string, line: int(trace[2]) }
          return true
        }
        const error = current.trace ? TESTIFY_ERROR.exec(text) : null
        if (error && current.trace) {
          report(
            current,
            finding({
              tool: 'go-test',
              file: current.trace.file,
              line: current.trace.line,
              rule: current.name,
              message: (error[1] as string).trim(),
              excerpt: text
            })
          )
          current.trace = null
          return true
        }
        const at = TEST_LINE.exec(text)
        if (at) {
          const message = (at[3] as string).trim()
          // The testing package's own line for a race, and testify's heading line, carry no message.
          if (message === '' || message === 'race detected during execution of test') {
            if (message !== '') current.reported = true
            return true
          }
          report(
            current,
            finding({
              tool: 'go-test',
              file: at[1],
              line: int(at[2]),
              rule: current.name,
              message,
              excerpt: text
            })
          )
          return true
        }
        if (/^(FAIL|ok)\b/.test(text)) flush()
      }
      if (text.startsWith('go: ') || text.startsWith('missing go.sum')) {
        for (const { pattern, file, rule } of MODULE) {
          const match = pattern.exec(text)
          if (match) {
            emit(finding({ tool: 'go', file, rule, message: match[1] as string, excerpt: text }))
            return true
          }
        }
      }
      return false
    },
    // Frames carry a keyword and their function lines do not: a gap inside a stack is expected.
    gap() {},
    end: flush
  }
}

export const go: ToolParser = {
  name: 'go',
  tools: ['go', 'go-test'],
  block: tests,
  located(at, rest, text) {
    if (!at.file.endsWith('.go') || at.column === null) return null
    // golangci-lint's lines end with the linter's name; they are its findings (golangci.ts).
    if (/ \([a-z0-9_-]+\)$/.test(rest)) return null
    return finding({ tool: 'go', ...at, message: rest, excerpt: text })
  }
}
