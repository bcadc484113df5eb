/** Issue references in pull-request text, derived the way GitHub derives them. */
import type { PullRecord } from './state.js'

/** GitHub's closing keywords: close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved. */
const CLOSING_REFERENCE = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+#(\d+)\b/gi

/** Issue numbers a pull request's body would close when merged (`Fixes #12`). */
export function closingReferences(pr: PullRecord): number[] {
  return [...pr.body.matchAll(CLOSING_REFERENCE)].map(match => Number(match[1]))
}

/** Whether the pull request's body closes the issue with this number. */
export function pullClosesIssue(pr: PullRecord, issueNumber: number): boolean {
  return closingReferences(pr).includes(issueNumber)
}
