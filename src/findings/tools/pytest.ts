/**
 * pytest: `____ test_x ____` sections (the message from the `E` lines, the place from the first
 * `path.py:N:` line of the repository's own code, or its last for an error in a fixture's setup or
 * teardown: where it was raised), `ERROR collecting` sections, the short test summary
 * (`FAILED path::test - message`), and, when neither is printed, the progress lines
 * (`path::test FAILED [ 50%]`), reported at the end of the session unless already reported.
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import { isDependencyPath } from './stacks.js'
import type { ToolParser } from './tool.js'

const SECTION = /^_{3,} (.+?) _{3,}$/
const LOCATION = /^(\S+\.py):(\d+): (.*)$/
const SUMMARY = /^(FAILED|ERROR) (\S+?\.py)(?:::(\S+?))?(?: - (.*))?$/
const PROGRESS = /^(\S+\.py)::(\S+) (FAILED|ERROR)\b|^\[gw\d+\] \[\s*\d+%\] (FAILED|ERROR) (\S+\.py)::(\S+)/
const SESSION_END =
  /^=+ .*\b(?:failed|passed|errors?|skipped|deselected|xfailed|xpassed|no tests ran)\b.* =+$/

/** A test's id as sections name it: `TestA::test_b` and `TestA.test_b` alike. */
const testKey = (name: string) => name.replace(/::/g, '.')

function sessions(emit: Emit): LineParser {
  let section: {
    name: string
    /** An error at a fixture's setup or teardown: placed where it was raised, not at the test. */
    atFixture: boolean
    message: string | null
    file: string | null
    line: number | null
    fallback: string | null
    lines: string[]
  } | null = null
  const reported = new Set<string>()
  let progress: Array<{ file: string; test: string; kind: string; text: string }> = []
  const flush = () => {
    if (!section) return
    if (section.file !== null) {
      reported.add(testKey(section.name))
      emit(
        finding({
          tool: 'pytest',
          file: section.file,
          line: section.line,
          rule: section.name,
          message: section.message ?? section.fallback ?? 'test failed',
          excerpt: section.lines.join('\n').trimEnd()
        })
      )
    }
    section = null
  }
  const reportProgress = () => {
    for (const item of progress) {
      if (reported.has(testKey(item.test))) continue
      reported.add(testKey(item.test))
      emit(
        finding({
          tool: 'pytest',
          file: item.file,
          rule: item.test,
          message: item.kind === 'ERROR' ? 'error' : 'failed',
          excerpt: item.text
        })
      )
    }
    progress = []
  }
  return {
    line(text) {
      if (text.charCodeAt(0) === 95) {
        const header = SECTION.exec(text)
        if (header) {
          flush()
          const fixture = /^ERROR at (?:setup|teardown) of (.+)$/.exec(header[1] as string)
          section = {
            name: fixture ? (fixture[1] as string) : (header[1] as string),
            atFixture: fixture !== null,
            message: null,
            file: null,
            line: null,
            fallback: null,
            lines: [text]
          }
          return true
        }
      }
      if (text.startsWith('====')) {
        flush()
        if (SESSION_END.test(text)) {
          reportProgress()
          reported.clear()
        }
        return false
      }
      if (section) {
        if (section.lines.length < MAX_BLOCK_LINES) section.lines.push(text)
        if (section.message === null && /^E\s/.test(text)) section.message = text.slice(1).trim()
        const at = LOCATION.exec(text)
        // A failure is placed at the first frame of the repository's own code: the test's line
        // (or, for a module that failed to import, its line that started the chain), as for every
        // test runner. The exception's name, on pytest's last place line, stands in for a message.
        if (at && !isDependencyPath(at[1] as string)) {
          if (section.file === null || section.atFixture) {
            section.file = at[1] as string
            section.line = int(at[2])
          }
          if (at[3] !== '' && !(at[3] as string).startsWith('in ')) section.fallback = at[3] as string
        }
        return true
      }
      const summary = text.startsWith('FAILED ') || text.startsWith('ERROR ') ? SUMMARY.exec(text) : null
      if (summary) {
        const path = summary[2] as string
        const test = summary[3] ?? null
        const key = test === null ? `ERROR collecting ${path}` : testKey(test)
        if (reported.has(key)) return true
        reported.add(key)
        emit(
          finding({
            tool: 'pytest',
            file: path,
            rule: test,
            message: summary[4] ?? `${(summary[1] as string).toLowerCase()}`,
            excerpt: text
          })
        )
        return true
      }
      const ran = text.includes('FAILED') || text.includes('ERROR') ? PROGRESS.exec(text) : null
      if (ran) {
        progress.push({
          file: (ran[1] ?? ran[5]) as string,
          test: (ran[2] ?? ran[6]) as string,
          kind: (ran[3] ?? ran[4]) as string,
          text
        })
        return true
      }
      return false
    },
    // A section ends at the next heading: its `E` and `path.py:N:` lines carry keywords, the code between does not.
    gap() {},
    end() {
      flush()
      reportProgress()
      reported.clear()
    },
    idle: () => section === null
  }
}

export const pytest: ToolParser = { name: 'pytest', tools: ['pytest'], block: sessions }
