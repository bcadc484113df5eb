/**
 * The ledger's summary: the count of items in each status and the first items of the statuses
 * `ccal status` lists, written as `summary.json` with every change to the items so that status
 * reads three small files instead of every item's (50,000 items: one blob instead of 50,000).
 */
import { oneLine } from '../util/text.js'
import { FIRST_DEPTH, type Items } from './items.js'
import {
  GLANCED_STATUSES,
  ITEM_STATUSES,
  type ItemGlance,
  type LedgerSummary,
  type WorkItem
} from './schema.js'

/** Why an item waits for a person or was given up on: its last error, else its last move's reason. */
function whyClosedOut(item: WorkItem): string | null {
  if (!['failed', 'needs_human', 'rejected', 'dismissed'].includes(item.status)) return null
  const moved = [...item.history]
    .reverse()
    .find(entry => entry.event === 'status' && entry.to === item.status)
  const reason = item.lastError ?? moved?.detail
  return reason ? oneLine(reason, 100) : null
}

/** What a listing shows of `item`. */
export function glance(item: WorkItem): ItemGlance {
  const earlier = item.generations.at(-1)
  return {
    id: item.id,
    type: item.type,
    priority: item.priority,
    title: item.title,
    status: item.status,
    attempts: item.attempts,
    maxAttempts: item.maxAttempts,
    occurrences: item.occurrences,
    lease: item.lease,
    pr: item.pr,
    updatedAt: item.updatedAt,
    generation: item.generation,
    earlier: earlier ? { pr: earlier.pr?.number ?? null, ended: earlier.ended } : null,
    why: whyClosedOut(item)
  }
}

/** The summary of `items`, whose `items/` tree on the branch is `itemsTree`. */
export function summarize(items: Items, itemsTree: string | null): LedgerSummary {
  const counts: LedgerSummary['counts'] = {}
  for (const status of ITEM_STATUSES) {
    const count = items.count(status)
    if (count > 0) counts[status] = count
  }
  const first: LedgerSummary['first'] = {}
  for (const status of GLANCED_STATUSES) {
    const head = items.first(status, FIRST_DEPTH)
    if (head.length > 0) first[status] = head.map(glance)
  }
  return { items: itemsTree, counts, first }
}
