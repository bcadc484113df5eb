/**
 * What a cycle changes on every pass whatever happens — its counter, when each source last scanned,
 * when each item was last seen — against what is worth a commit: a new item, a transition, a
 * result, a cursor's real progress. An idle cycle changes only the first kind, and writes nothing.
 */
import type { Ledger, SystemState, WorkItem } from './schema.js'

/** Bookkeeping alone is written at least this often, so that "last seen" and scan times stay roughly current. */
export const BOOKKEEPING_REFRESH_MS = 60 * 60 * 1000

/** The item without the fields every sighting moves. */
function itemEssence(item: WorkItem): unknown {
  const { occurrences: _o, lastSeenAt: _l, updatedAt: _u, ...rest } = item
  return rest
}

/** A cursor without its scan time (`lastScanAt`): progress markers stay. */
function cursorEssence(cursor: unknown): unknown {
  if (cursor === null || typeof cursor !== 'object' || Array.isArray(cursor)) return cursor
  const { lastScanAt: _s, ...rest } = cursor as Record<string, unknown>
  return rest
}

/** The state without the cycle's own counter and times. */
function stateEssence(state: SystemState): unknown {
  const { cycles: _c, lastCycleAt: _t, lastRunId: _r, cursors, ...rest } = state
  return {
    ...rest,
    cursors: Object.fromEntries(
      Object.entries(cursors).map(([name, cursor]) => [name, cursorEssence(cursor)])
    )
  }
}

/** JSON with every object's keys in order: files read back and objects built in memory agree. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : inner
  )
}

function same(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b)
}

/**
 * True when `after` differs from `before` in more than bookkeeping. Items the operations did not
 * touch keep their object, so only the touched ones are compared field by field.
 */
export function changesMaterially(before: Ledger, after: Ledger): boolean {
  if (before === after) return false
  if (!same(before.results, after.results) || !same(before.patterns, after.patterns)) return true
  if (!same(stateEssence(before.state), stateEssence(after.state))) return true
  for (const id of after.items.changedSince(before.items)) {
    const was = before.items.get(id)
    const now = after.items.get(id)
    if (!was || !now || !same(itemEssence(was), itemEssence(now))) return true
  }
  return false
}

/** True when bookkeeping alone is due to be written again (see {@link BOOKKEEPING_REFRESH_MS}). */
export function isBookkeepingDue(ledger: Ledger, now: Date): boolean {
  const last = ledger.state.lastCycleAt
  return last === null || now.getTime() - Date.parse(last) >= BOOKKEEPING_REFRESH_MS
}
