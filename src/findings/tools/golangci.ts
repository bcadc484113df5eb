/**
 * golangci-lint: `path:line:col: message (linter)`, in v1 and v2 alike (v2 prints the source line
 * and a caret below, which are not findings).
 */
import { finding } from '../finding.js'
import type { ToolParser } from './tool.js'

const LINTER = / \(([a-z0-9_-]+)\)$/

export const golangci: ToolParser = {
  name: 'golangci-lint',
  tools: ['golangci-lint'],
  failOnEveryFinding: ['golangci-lint'],
  located(at, rest, text) {
    if (!at.file.endsWith('.go')) return null
    const linter = LINTER.exec(rest)
    if (!linter) return null
    return finding({
      tool: 'golangci-lint',
      ...at,
      rule: linter[1],
      message: rest.slice(0, linter.index),
      excerpt: text
    })
  }
}
