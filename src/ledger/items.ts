/**
 * The ledger's work items, as a persistent map sharded the way the branch stores them
 * (`items/<first two characters of the id>/`). A change makes a new map that shares every shard it
 * did not touch with the old one, so an operation on one item of 50,000 copies one shard of a few
 * hundred entries instead of the whole map, and the store finds what to write by comparing only
 * the shards that are not shared. Each shard keeps its own count per status and its most urgent
 * items of each status, so the counts and the head of each queue (what `ccal status` and the
 * ledger's summary file show) cost a merge over the shards, not a walk over every item.
 */
import type { ItemStatus, WorkItem } from './schema.js'

/** How many of the most urgent items of each status a map can give without a full walk. */
export const FIRST_DEPTH = 10

type Counts = Readonly<Partial<Record<ItemStatus, number>>>

interface Shard {
  readonly items: ReadonlyMap<string, WorkItem>
  readonly counts: Counts
  /** The shard's {@link FIRST_DEPTH} most urgent items of each status, most urgent first. */
  readonly first: Readonly<Partial<Record<ItemStatus, readonly WorkItem[]>>>
}

/** Most urgent first (priority 1 before 5), then the oldest, then by id so the order is total. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
}

/** The shard an id belongs to: its directory under `items/` on the branch. */
export function shardOf(id: string): string {
  return id.slice(0, 2)
}

function shard(items: ReadonlyMap<string, WorkItem>): Shard {
  const counts: Partial<Record<ItemStatus, number>> = {}
  const groups: Partial<Record<ItemStatus, WorkItem[]>> = {}
  for (const item of items.values()) {
    counts[item.status] = (counts[item.status] ?? 0) + 1
    ;(groups[item.status] ??= []).push(item)
  }
  const first: Partial<Record<ItemStatus, readonly WorkItem[]>> = {}
  for (const [status, group] of Object.entries(groups) as [ItemStatus, WorkItem[]][])
    first[status] = group.sort(byUrgency).slice(0, FIRST_DEPTH)
  return { items, counts, first }
}

/** A read-only map from item id to item; every change returns a new one. */
export class Items implements ReadonlyMap<string, WorkItem> {
  static readonly EMPTY = new Items(new Map(), 0)

  private constructor(
    private readonly shards: ReadonlyMap<string, Shard>,
    readonly size: number
  ) {}

  /** A map holding `items` (a later item with the same id replaces an earlier one). */
  static from(items: Iterable<WorkItem>): Items {
    return Items.EMPTY.with(items)
  }

  get(id: string): WorkItem | undefined {
    return this.shards.get(shardOf(id))?.items.get(id)
  }

  has(id: string): boolean {
    return this.shards.get(shardOf(id))?.items.has(id) ?? false
  }

  *entries(): MapIterator<[string, WorkItem]> {
    for (const { items } of this.shards.values()) yield* items.entries()
  }

  *keys(): MapIterator<string> {
    for (const { items } of this.shards.values()) yield* items.keys()
  }

  *values(): MapIterator<WorkItem> {
    for (const { items } of this.shards.values()) yield* items.values()
  }

  [Symbol.iterator](): MapIterator<[string, WorkItem]> {
    return this.entries()
  }

  forEach(callback: (item: WorkItem, id: string, map: ReadonlyMap<string, WorkItem>) => void): void {
    for (const [id, item] of this.entries()) callback(item, id, this)
  }

  /** How many items have this status. */
  count(status: ItemStatus): number {
    let total = 0
    for (const { counts } of this.shards.values()) total += counts[status] ?? 0
    return total
  }

  /** The `count` (at most {@link FIRST_DEPTH}) most urgent items of this status, most urgent first. */
  first(status: ItemStatus, count = FIRST_DEPTH): WorkItem[] {
    const candidates: WorkItem[] = []
    for (const { first } of this.shards.values()) candidates.push(...(first[status] ?? []))
    return candidates.sort(byUrgency).slice(0, Math.min(count, FIRST_DEPTH))
  }

  /** This map with `changed` put in (added or replacing the item of the same id). */
  with(changed: Iterable<WorkItem>): Items {
    const touched = new Map<string, Map<string, WorkItem>>()
    let size = this.size
    for (const item of changed) {
      const key = shardOf(item.id)
      let items = touched.get(key)
      if (!items) {
        items = new Map(this.shards.get(key)?.items)
        touched.set(key, items)
      }
      if (!items.has(item.id)) size += 1
      items.set(item.id, item)
    }
    return touched.size === 0 ? this : this.replace(touched, size)
  }

  /** This map without the items of these ids (ids it does not hold are ignored). */
  without(ids: Iterable<string>): Items {
    const touched = new Map<string, Map<string, WorkItem>>()
    let size = this.size
    for (const id of ids) {
      const key = shardOf(id)
      if (!this.shards.get(key)?.items.has(id)) continue
      let items = touched.get(key)
      if (!items) {
        items = new Map(this.shards.get(key)!.items)
        touched.set(key, items)
      }
      if (items.delete(id)) size -= 1
    }
    return touched.size === 0 ? this : this.replace(touched, size)
  }

  /**
   * The ids whose item is not the same object here and in `base` (added, replaced or removed),
   * looking only into shards the two maps do not share.
   */
  changedSince(base: Items): string[] {
    const ids: string[] = []
    for (const key of new Set([...this.shards.keys(), ...base.shards.keys()])) {
      const mine = this.shards.get(key)
      const theirs = base.shards.get(key)
      if (mine === theirs) continue
      for (const [id, item] of mine?.items ?? []) if (theirs?.items.get(id) !== item) ids.push(id)
      for (const id of theirs?.items.keys() ?? []) if (!mine?.items.has(id)) ids.push(id)
    }
    return ids
  }

  private replace(touched: ReadonlyMap<string, ReadonlyMap<string, WorkItem>>, size: number): Items {
    const shards = new Map(this.shards)
    for (const [key, items] of touched) {
      if (items.size === 0) shards.delete(key)
      else shards.set(key, shard(items))
    }
    return new Items(shards, size)
  }
}
