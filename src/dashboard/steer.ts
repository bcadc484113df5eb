/**
 * What the boxes a trusted person ticked on the Dashboard do to the ledger: the same operations as
 * the `/ccal` comment commands (retry, skip, priority), for any item — a CI failure or a lint batch
 * has no issue to comment on — plus the approval of an item its type holds back. Each operation
 * re-checks its item when applied, so a box ticked twice, or applied on a newer ledger, does what
 * one tick would.
 */
import {
  overridePriority,
  RETRYABLE_STATUSES,
  retryItem,
  SKIPPABLE_STATUSES,
  transition,
  type LedgerOp
} from '../ledger/ops.js'
import type { WorkItem } from '../ledger/schema.js'
import type { SteerAction, Tick } from './body.js'

/** Who ticked, and when (the body's last edit). */
export interface Steerer {
  login: string
  at: string
}

const SAID: Record<SteerAction, string> = {
  retry: 'retry',
  skip: 'skip',
  next: 'run next',
  approve: 'approve'
}

/** Whether `action` applies to `item` as it is now, and if not why. */
export function steerRefusal(action: SteerAction, item: WorkItem | undefined): string | undefined {
  if (!item) return 'no such item'
  const status = item.status.replace(/_/g, ' ')
  switch (action) {
    case 'retry':
      return RETRYABLE_STATUSES.includes(item.status) ? undefined : `the item is ${status}`
    case 'skip':
      return SKIPPABLE_STATUSES.includes(item.status) ? undefined : `the item is ${status}`
    case 'next':
      return item.status === 'pending' ? undefined : `the item is ${status}`
    case 'approve':
      return item.status === 'pending' ? undefined : `the item is ${status}`
  }
}

/** The ticks of one edit of the dashboard by `by`, as one ledger operation. */
export function steerOp(ticks: readonly Tick[], by: Steerer): LedgerOp {
  return (ledger, context) => {
    let next = ledger
    const outcomes: string[] = []
    for (const tick of ticks) {
      const item = next.items.get(tick.itemId)
      const reason = `${SAID[tick.action]} ticked by @${by.login} on the dashboard at ${by.at}`
      const refused = steerRefusal(tick.action, item)
      if (refused || !item) {
        outcomes.push(`${tick.itemId}: ${SAID[tick.action]} not applied (${refused})`)
        continue
      }
      if (tick.action === 'retry') next = retryItem(item.id, { reason })(next, context).ledger
      else if (tick.action === 'skip')
        next = transition(item.id, 'dismissed', { actor: 'human', reason })(next, context).ledger
      else if (tick.action === 'next') next = overridePriority(item.id, 1, reason)(next, context).ledger
      const moved = next.items.get(item.id) as WorkItem
      next = {
        ...next,
        items: next.items.with([
          {
            ...moved,
            context: {
              ...moved.context,
              ...(tick.action === 'approve' ? { approvedBy: by.login, approvedAt: by.at } : {}),
              steeredBy: `${by.login} (${SAID[tick.action]}, ${by.at})`
            },
            updatedAt: context.now.toISOString()
          }
        ])
      }
      outcomes.push(`${item.id}: ${SAID[tick.action]} (${item.status} → ${moved.status})`)
    }
    return { ledger: next, description: `dashboard, ticked by @${by.login}: ${outcomes.join('; ')}` }
  }
}
