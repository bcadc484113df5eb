/**
 * The learning signal (DESIGN.md §2 step 9): what maintainers did with CCAL's pull requests.
 * Reconciliation completes an item when its PR is merged and rejects it when the PR is closed
 * unmerged; those verdicts, not whether the agent thought it succeeded, are what learning counts.
 */
import type { ItemType, Ledger, WorkItem } from '../ledger/schema.js'

/** A maintainer's verdict on one CCAL pull request. */
export interface PullRequestOutcome {
  readonly itemId: string
  readonly type: ItemType
  /** The linter or analyser rule the item was about, when it had one. */
  readonly rule: string | null
  readonly prNumber: number
  readonly merged: boolean
  /** When the verdict was recorded. */
  readonly at: string
  /** Files the delivered change touched, while its execution result is still in the ledger. */
  readonly filesChanged: number | null
}

/**
 * A pull request a maintainer has ruled on. Follow-ups (`review_feedback`) only push to their
 * parent's PR, whose own verdict counts; an item reopened as a regression no longer counts as merged
 * (its fix did not hold) until its new PR is ruled on; an open PR whose work a scan found gone is
 * dismissed, not ruled on.
 */
function isRuledOn(item: WorkItem): item is WorkItem & { pr: NonNullable<WorkItem['pr']> } {
  return (
    item.pr !== null &&
    item.type !== 'review_feedback' &&
    (item.status === 'completed' || item.status === 'rejected')
  )
}

/** When the item reached its current status (the last history event that moved it there). */
function settledAt(item: WorkItem): string {
  for (let index = item.history.length - 1; index >= 0; index--) {
    const event = item.history[index]
    if (event?.event === 'status' && event.to === item.status) return event.at
  }
  return item.updatedAt
}

/** The linter or analyser rule an item is about, or null. */
export function ruleOf(item: Pick<WorkItem, 'context'>): string | null {
  const rule = item.context.rule
  return typeof rule === 'string' && rule !== '' ? rule : null
}

/** Every verdict in the ledger, oldest first. */
export function pullRequestOutcomes(ledger: Ledger): PullRequestOutcome[] {
  const filesByItem = new Map<string, number>()
  for (const result of ledger.results) {
    if (result.success) filesByItem.set(result.itemId, result.filesChanged.length)
  }
  const current = [...ledger.items.values()].filter(isRuledOn).map(item => ({
    itemId: item.id,
    type: item.type,
    rule: ruleOf(item),
    prNumber: item.pr.number,
    merged: item.status === 'completed',
    at: settledAt(item),
    filesChanged: filesByItem.get(item.id) ?? null
  }))
  // A "no" stays a "no" after a person asked again: earlier rounds closed unmerged count too.
  const earlier = [...ledger.items.values()].flatMap(item =>
    item.type === 'review_feedback'
      ? []
      : item.generations.flatMap(generation =>
          generation.ended === 'closed' && generation.pr
            ? [
                {
                  itemId: item.id,
                  type: item.type,
                  rule: ruleOf(item),
                  prNumber: generation.pr.number,
                  merged: false,
                  at: generation.at,
                  filesChanged: null
                }
              ]
            : []
        )
  )
  return [...current, ...earlier].sort(
    (a, b) => a.at.localeCompare(b.at) || a.itemId.localeCompare(b.itemId) || a.prNumber - b.prNumber
  )
}
