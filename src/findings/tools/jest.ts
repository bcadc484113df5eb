/**
 * Jest: `● Suite › test` blocks with the message below them and the place in the stack (the first
 * frame in the repository), the suite file from `FAIL path`, and `● Test suite failed to run`
 * blocks, whose TypeScript diagnostics (ts-jest) are reported as the tsc errors they are. The
 * "Summary of all failing tests" repeats every block; the log parser drops the repeats.
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { isPathLike } from './shapes.js'
import { firstProjectFrame } from './stacks.js'
import type { ToolParser } from './tool.js'

/** Lines of a failure kept as its excerpt. */
export const MAX_BLOCK_LINES = 60

const CROSSED = /^\s*✕ (.+?)(?: \(\d+(?:\.\d+)? ?m?s\))?$/
const CODE_FRAME = /^\s*(?:>\s*)?\d+\s*\||^\s*\|/
const TS_DIAGNOSTIC = /^\s*(.+?):(\d+):(\d+) - error (TS\d+): (.*)$/
const SUITE_END =
  /^\s*(?:PASS|FAIL) |^\s*(?:Test Suites:|Tests:|Snapshots:|Summary of all failing tests|Ran all test suites)/

function jestBlocks(emit: Emit): LineParser {
  let name: string | null = null
  let block: string[] = []
  // `FAIL test/x.test.ts` names the suite: the place of a failure without a project stack frame.
  let suiteFile: string | null = null
  /** The suite's `✕ name` lines, and the `●` blocks reported: a test with no block is reported by name. */
  let crossed: Array<{ name: string; file: string | null; text: string }> = []
  const reported = new Set<string>()
  const reportCrossed = () => {
    for (const test of crossed) {
      const leaf = ` › ${test.name}`
      if ([...reported].some(full => full === test.name || full.endsWith(leaf))) continue
      emit(
        finding({
          tool: 'jest',
          file: test.file,
          rule: test.name,
          message: `${test.name} failed`,
          excerpt: test.text
        })
      )
    }
    crossed = []
    reported.clear()
  }
  const flush = () => {
    if (name === null) return
    // `● Console` blocks hold what the tests logged: output, not failures.
    if (name === 'Console') {
      name = null
      block = []
      return
    }
    reported.add(name)
    const body = block.map(line => line.trim())
    const diagnostics = block.map(line => TS_DIAGNOSTIC.exec(line)).filter(match => match !== null)
    if (diagnostics.length > 0) {
      for (const match of diagnostics) {
        emit(
          finding({
            tool: 'tsc',
            file: match[1],
            line: int(match[2]),
            column: int(match[3]),
            rule: match[4],
            message: match[5] as string,
            excerpt: match[0].trim()
          })
        )
      }
    } else {
      const first = body.findIndex(line => line !== '')
      let message = first >= 0 ? (body[first] as string) : 'test failed'
      // expect() failures put the values on the following lines: "Expected: 7", "Received: 6".
      for (let i = first + 1; i > 0 && i < body.length && i < first + 8; i++) {
        const line = body[i] as string
        if (/^(Expected|Received)( [a-z]+)*:/.test(line)) message += `; ${line}`
        else if (CODE_FRAME.test(line) || line.startsWith('at ')) break
      }
      const at = firstProjectFrame(block)
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
    }
    name = null
    block = []
  }
  return {
    line(text) {
      const bullet = text.indexOf('● ')
      if (bullet >= 0 && text.slice(0, bullet).trim() === '') {
        flush()
        name = text.slice(bullet + 2).trim()
        return true
      }
      if (name === null && text.includes('✕ ')) {
        const cross = CROSSED.exec(text)
        if (cross) {
          crossed.push({ name: cross[1] as string, file: suiteFile, text })
          return true
        }
      }
      if (SUITE_END.test(text)) {
        flush()
        const trimmed = text.trim()
        // The next suite, or the run's summary: the blocks of the suite before are all in.
        if (!/^(?:Snapshots:|Tests:)/.test(trimmed)) reportCrossed()
        if (trimmed.startsWith('FAIL ')) {
          // `FAIL src/x.test.ts (5 s)`, `FAIL  ui  src/x.test.ts` (a project's display name first).
          const path = trimmed
            .slice(5)
            .split(/\s+/)
            .filter(token => isPathLike(token) && /\.\w+$/.test(token))
            .pop()
          suiteFile = path ?? null
        }
        return false
      }
      if (name === null) return false
      if (block.length < MAX_BLOCK_LINES) block.push(text)
      return true
    },
    gap: flush,
    end() {
      flush()
      reportCrossed()
    },
    // Between blocks it looks for the next `●`, `✕` or suite line, each with a keyword.
    idle: () => name === null
  }
}

export const jest: ToolParser = { name: 'jest', tools: ['jest', 'tsc'], block: jestBlocks }
