/**
 * The git history the report needs, and only that: the commits of the items whose oldest history
 * events were dropped from their files (everything else is in the items themselves). Reading every
 * ledger commit's tree would cost a tree read per commit; an item's commit lines are one `git log`
 * limited to its file.
 */
import type { Ledger } from '../ledger/schema.js'
import type { LedgerStore } from '../ledger/store.js'
import type { ItemCommit } from './data.js'

/** Items whose commits are read at most (the most recently changed first); the rest are approximated. */
export const MAX_ITEMS_FROM_GIT = 200

/** The commits (newest first) of each item of `ledger` that dropped history events, by item id. */
export async function droppedHistoryCommits(
  store: Pick<LedgerStore, 'log'>,
  ledger: Ledger,
  since: Date,
  limit = MAX_ITEMS_FROM_GIT
): Promise<Map<string, ItemCommit[]>> {
  const wanted = [...ledger.items.values()]
    // An item last changed before the window has no move inside it to recover.
    .filter(item => item.historyDropped > 0 && Date.parse(item.updatedAt) >= since.getTime())
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, limit)
  const commits = new Map<string, ItemCommit[]>()
  for (const item of wanted) {
    const log = await store.log({ itemId: item.id })
    commits.set(
      item.id,
      log.map(commit => ({ date: commit.date, subject: commit.subject }))
    )
  }
  return commits
}
