/**
 * Workspace task runners' own words on a failed task: turbo's `ERROR: command finished with error`
 * and `Failed: web#build` (closing words: the task's output says what failed), and nx's and
 * Lerna's `✖  project:target` with the task's output indented under it (a failed task quoted with
 * the first line of its output, which stands when no other parser reads that output).
 */
import { finding } from '../finding.js'
import { CAUSE, SUMMARY, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const NX_FAILED = /^(\s*)✖\s+(@?[\w./-]+:[\w:-]+)\s*$/
const TURBO_ERROR = /^(?:ERROR: command finished with error|\s*ERROR\s+run failed): (.*)$/
const TURBO_FAILED = /^Failed:\s+(\S+)$/

function tasks(emit: Emit): LineParser {
  let nx: {
    task: string
    indent: number
    lines: string[]
    first: string | null
    error: string | null
  } | null = null
  const flush = () => {
    if (!nx) return
    const message = nx.error ?? nx.first
    if (message) emit(finding({ tool: 'nx', rule: nx.task, message, excerpt: nx.lines.join('\n') }), CAUSE)
    nx = null
  }
  return {
    line(text) {
      if (nx) {
        const indent = text.length - text.trimStart().length
        if (text.trim() === '') return false
        if (indent > nx.indent) {
          const inner = text.trim()
          if (nx.lines.length < 20) nx.lines.push(text)
          nx.first ??= inner
          if (
            nx.error === null &&
            /\b(?:error|Error|ERROR|failed|Failed|FAIL|Cannot|cannot|not found)\b/.test(inner)
          )
            nx.error = inner
          // The task's output is also every other parser's to read.
          return false
        }
        flush()
      }
      if (text.includes('✖')) {
        const failed = NX_FAILED.exec(text)
        if (failed) {
          flush()
          nx = {
            task: failed[2] as string,
            indent: (failed[1] as string).length,
            lines: [text],
            first: null,
            error: null
          }
          return true
        }
      }
      if (text.includes('ERROR')) {
        const turbo = TURBO_ERROR.exec(text)
        if (turbo) {
          emit(finding({ tool: 'turbo', rule: 'task', message: text.trim(), excerpt: text }), SUMMARY)
          return true
        }
      }
      if (text.startsWith('Failed:')) {
        const failed = TURBO_FAILED.exec(text)
        if (failed) {
          emit(
            finding({
              tool: 'turbo',
              rule: (failed[1] as string).replace(/\[?#/, ':').replace(/\]$/, ''),
              message: text.trim(),
              excerpt: text
            }),
            SUMMARY
          )
          return true
        }
      }
      return false
    },
    gap: flush,
    end: flush
  }
}

export const workspaces: ToolParser = { name: 'workspaces', tools: ['nx', 'turbo'], block: tasks }
