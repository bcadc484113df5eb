/**
 * Batches with a stable identity. A lint batch is its group — tool, rule and directory (or file) —
 * and a part number, not the findings it holds today; a coverage item is its file and a part
 * number. Each scan re-reads the findings and gives them to the batches that already hold them:
 * fewer left → the same item, retitled; none left → the pending item is completed; new findings of
 * the group join its pending batch, then new parts. A completed batch gives its findings up, so
 * what a partial fix left becomes a new part, never a regression of the completed one (pure).
 */
import { transition, type LedgerOp } from '../ledger/ops.js'
import type { Ledger, WorkItem } from '../ledger/schema.js'
import { compareFindings, type Finding } from '../findings/finding.js'
import { normalizeMessage } from '../findings/fingerprint.js'

/** A batch as this scan made it: its group's fingerprint prefix, its part, and what it holds now. */
export interface PlannedBatch<T> {
  /** The group's fingerprint without the part (`lint:eslint:no-unused-vars:src`). */
  group: string
  part: number
  members: T[]
}

/** An item that held members and has none left: completed with the reason. */
export interface FinishedBatch {
  itemId: string
  reason: string
}

/** The fingerprint of a group's part: the group alone for part 1 of a coverage file, `#N` otherwise. */
export function partFingerprint(group: string, part: number, bareFirstPart = false): string {
  return bareFirstPart && part === 1 ? group : `${group}#${part}`
}

/** The group and part of a fingerprint made by {@link partFingerprint}. */
export function parsePartFingerprint(fingerprint: string): { group: string; part: number } {
  const hash = fingerprint.lastIndexOf('#')
  const part = hash >= 0 ? Number(fingerprint.slice(hash + 1)) : Number.NaN
  return Number.isInteger(part) && part > 0
    ? { group: fingerprint.slice(0, hash), part }
    : { group: fingerprint, part: 1 }
}

/**
 * A finding's identity across scans: its file and message, not its line (fixing one finding moves
 * the lines of the others).
 */
export function findingKey(finding: Pick<Finding, 'file' | 'message'>): string {
  return `${finding.file ?? ''}|${normalizeMessage(finding.message)}`
}

/** The keys an item says it holds (`context.findings`); entries written before keys existed match by place. */
function heldKeys(item: WorkItem): { keys: Set<string>; places: Set<string> } {
  const keys = new Set<string>()
  const places = new Set<string>()
  const entries = Array.isArray(item.context.findings) ? item.context.findings : []
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue
    const record = entry as Record<string, unknown>
    if (typeof record.key === 'string') keys.add(record.key)
    else places.add(`${String(record.file ?? '')}@${String(record.line ?? '')}`)
  }
  return { keys, places }
}

/**
 * True when an item whose work is gone from the base can be completed by a scan: it waits in the
 * queue, or its pull request is still open (the base was fixed some other way; the PR is told).
 */
function isFinishable(item: WorkItem): boolean {
  return item.status === 'pending' || item.status === 'pr_open'
}

/** True when an item's batch is over and gives its members up to new parts. */
function releasesMembers(item: WorkItem): boolean {
  return item.status === 'completed'
}

/** The ledger's items of one source, by group. */
function itemsByGroup(ledger: Ledger, source: string): Map<string, WorkItem[]> {
  const groups = new Map<string, WorkItem[]>()
  for (const item of ledger.items.values()) {
    if (item.source !== source) continue
    const { group } = parsePartFingerprint(item.fingerprint)
    const list = groups.get(group) ?? []
    list.push(item)
    groups.set(group, list)
  }
  for (const list of groups.values())
    list.sort((a, b) => parsePartFingerprint(a.fingerprint).part - parsePartFingerprint(b.fingerprint).part)
  return groups
}

/**
 * Gives this scan's findings of each group to the group's batches: first to the items that hold
 * them (any status but completed), then to pending batches with room, then to new parts of `size`
 * numbered after every part the group ever had. Pending items left with nothing are finished.
 */
export function planFindingBatches(
  groups: ReadonlyMap<string, readonly Finding[]>,
  ledger: Ledger,
  source: string,
  size: number
): { batches: PlannedBatch<Finding>[]; finished: FinishedBatch[] } {
  const known = itemsByGroup(ledger, source)
  const batches: PlannedBatch<Finding>[] = []
  const finished: FinishedBatch[] = []
  // Groups the ledger knows and this scan found nothing of are looked at too: their pending batches are done.
  const all = new Set([...groups.keys(), ...known.keys()])
  for (const group of all) {
    const findings = groups.get(group) ?? []
    const items = known.get(group) ?? []
    let free = [...findings].sort(compareFindings)
    const holders = items.filter(item => !releasesMembers(item))
    const held = new Map<WorkItem, Finding[]>()
    for (const item of holders) {
      const { keys, places } = heldKeys(item)
      const mine: Finding[] = []
      free = free.filter(finding => {
        const matches =
          keys.has(findingKey(finding)) || places.has(`${finding.file ?? ''}@${finding.line ?? ''}`)
        if (matches) mine.push(finding)
        return !matches
      })
      held.set(item, mine)
    }
    for (const item of holders) {
      if (item.status !== 'pending' || free.length === 0) continue
      const mine = held.get(item)!
      const room = Math.max(0, size - mine.length)
      mine.push(...free.slice(0, room))
      free = free.slice(room)
    }
    for (const item of holders) {
      const mine = held.get(item)!
      const { part } = parsePartFingerprint(item.fingerprint)
      if (mine.length > 0) batches.push({ group, part, members: mine.sort(compareFindings) })
      else if (isFinishable(item))
        finished.push({ itemId: item.id, reason: 'no findings of this batch are left on the base branch' })
    }
    let next = Math.max(0, ...items.map(item => parsePartFingerprint(item.fingerprint).part)) + 1
    for (let start = 0; start < free.length; start += size)
      batches.push({ group, part: next++, members: free.slice(start, start + size) })
  }
  return { batches, finished }
}

/**
 * The part a coverage file's work goes to: the open item's, else the next after the completed ones
 * (tests a merged pull request added did not lift the file far enough: more to do, not a regression).
 */
export function coveragePart(ledger: Ledger, source: string, group: string): number {
  const items = itemsByGroup(ledger, source).get(group) ?? []
  const open = items.find(item => !releasesMembers(item))
  if (open) return parsePartFingerprint(open.fingerprint).part
  return Math.max(0, ...items.map(item => parsePartFingerprint(item.fingerprint).part)) + 1
}

/** Items of a group whose work may be gone (a file now above the threshold), to be finished. */
export function finishableOfGroup(ledger: Ledger, source: string, group: string): WorkItem[] {
  return (itemsByGroup(ledger, source).get(group) ?? []).filter(isFinishable)
}

/**
 * Ends a batch that has nothing left to do: a waiting one is completed, one with an open pull request
 * dismissed (its PR is told); an item that moved on meanwhile stays as it is.
 */
export function finishBatchOp(batch: FinishedBatch): LedgerOp {
  return (ledger, context) => {
    const item = ledger.items.get(batch.itemId)
    if (!item || !isFinishable(item))
      return { ledger, description: `${batch.itemId}: ${item?.status ?? 'gone'}, left as it is` }
    // An open PR whose work is gone was neither merged nor refused: dismissed, not a verdict.
    const to = item.status === 'pr_open' ? 'dismissed' : 'completed'
    return transition(batch.itemId, to, { reason: batch.reason })(ledger, context)
  }
}
