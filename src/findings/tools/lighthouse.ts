/**
 * Lighthouse CI (`lhci assert`, `lhci autorun`): one `✘ audit failure for minScore assertion` per
 * failed assertion, with `expected:` and `found:` below, under the URL it was checked on; `⚠️`
 * marks warnings.
 */
import { finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const ASSERTION = /^\s*(✘|X|⚠️?)\s+([\w.:-]+) (failure|warning) for (\w+) assertion$/
const VALUE = /^\s*(expected|found):\s+(.*)$/
const URL_LINE = /^\d+ results? for (\S+)/

function assertions(emit: Emit): LineParser {
  let url: string | null = null
  let current: {
    audit: string
    level: string
    assertion: string
    expected: string | null
    found: string | null
    lines: string[]
  } | null = null
  const flush = () => {
    if (!current) return
    const values = [
      current.expected && `expected ${current.expected}`,
      current.found && `found ${current.found}`
    ]
      .filter(Boolean)
      .join(', ')
    emit(
      finding({
        tool: 'lighthouse',
        rule: current.audit,
        severity: current.level === 'failure' ? 'error' : 'warning',
        message: `${current.audit} ${current.level} for ${current.assertion} assertion${values ? `: ${values}` : ''}${url ? ` on ${url}` : ''}`,
        excerpt: current.lines.join('\n')
      })
    )
    current = null
  }
  return {
    line(text) {
      const assertion = text.includes(' assertion') ? ASSERTION.exec(text) : null
      if (assertion) {
        flush()
        current = {
          audit: assertion[2] as string,
          level: assertion[3] as string,
          assertion: assertion[4] as string,
          expected: null,
          found: null,
          lines: [text]
        }
        return true
      }
      const heading = text.includes('result') ? URL_LINE.exec(text.trim()) : null
      if (heading) {
        flush()
        url = (heading[1] as string).replace(/\s*:$/, '')
        return true
      }
      if (!current) return false
      const value = VALUE.exec(text)
      if (value) {
        current.lines.push(text)
        if (value[1] === 'expected') current.expected = (value[2] as string).trim()
        else current.found = (value[2] as string).trim()
        return true
      }
      if (text.trim() === '' || /^\s*all values:/.test(text)) {
        if (text.trim() !== '') current.lines.push(text)
        return true
      }
      flush()
      return false
    },
    gap: flush,
    end() {
      flush()
      url = null
    }
  }
}

export const lighthouse: ToolParser = { name: 'lighthouse', tools: ['lighthouse'], block: assertions }
