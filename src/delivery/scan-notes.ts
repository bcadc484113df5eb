/**
 * What a scan of the base branch found out about CCAL's open pull requests, told on them: a lint
 * batch with fewer findings left on the base gets its title and a note in its body; an item whose
 * work is gone from the base (dismissed by the scan) gets a comment, so a maintainer can close it.
 */
import type { GitHubClient } from '../github/client.js'
import type { Ledger, WorkItem } from '../ledger/schema.js'
import { errorMessage } from '../util/errors.js'
import { doneElsewhereComment, safeTitle } from './content.js'
import { commentOn, notePull } from './pulls.js'

/** How many findings an item holds (`context.findings`), or undefined for items without them. */
function findingCount(item: WorkItem): number | undefined {
  return Array.isArray(item.context.findings) ? item.context.findings.length : undefined
}

/** True when a lint batch with an open PR holds fewer findings than before, and some still. */
function hasShrunk(was: WorkItem, item: WorkItem): boolean {
  const before = findingCount(was)
  const now = findingCount(item)
  return item.type === 'lint' && before !== undefined && now !== undefined && now > 0 && now < before
}

/** Tells each open PR what the merge of a scan's results (`before` → `after`) changed about its item. */
export async function tellOpenPulls(
  github: GitHubClient,
  before: Ledger,
  after: Ledger,
  warn: (message: string) => void
): Promise<void> {
  for (const item of after.items.values()) {
    const was = before.items.get(item.id)
    if (item === was || was?.status !== 'pr_open' || !item.pr) continue
    const pr = item.pr.number
    if (item.status === 'pr_open' && hasShrunk(was, item)) {
      await notePull(github, pr, {
        title: safeTitle(item),
        note: `_The base branch now has ${findingCount(item)} of the findings this pull request fixes; the others were fixed there._`
      }).catch(error => warn(`could not update PR #${pr}: ${errorMessage(error)}`))
    } else if (item.status === 'dismissed') {
      const reason =
        [...item.history].reverse().find(entry => entry.to === 'dismissed')?.detail ?? 'its work is done'
      await commentOn(github, pr, doneElsewhereComment(reason)).catch(error =>
        warn(`could not tell PR #${pr} that its work is done: ${errorMessage(error)}`)
      )
    }
  }
}
