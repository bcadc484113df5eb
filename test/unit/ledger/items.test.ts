import { describe, expect, it } from '@jest/globals'
import { Items } from '../../../src/ledger/items.js'
import { applyOps, emptyLedger } from '../../support/ledgers.js'
import { upsertCandidates } from '../../../src/ledger/ops.js'
import type { WorkItem } from '../../../src/ledger/schema.js'

function ledgerOf(count: number) {
  return applyOps(emptyLedger(), [
    upsertCandidates(
      Array.from({ length: count }, (_, index) => ({
        fingerprint: `lint:rule:src/file-${index}.ts`,
        type: 'lint' as const,
        source: 'lint',
        title: `Fix rule in src/file-${index}.ts`,
        description: '',
        priority: 3
      })),
      { maxPending: Infinity }
    )
  ])
}

describe('the ledger item map', () => {
  const ledger = ledgerOf(600)
  const items = ledger.items
  const [first, second] = [...items.values()] as [WorkItem, WorkItem]

  it('holds every item once, by id', () => {
    expect(items.size).toBe(600)
    expect([...items.keys()]).toHaveLength(600)
    expect(items.get(first.id)).toBe(first)
    expect(items.has('ffffffffffff')).toBe(false)
  })

  it('reports exactly the items a change replaced, added or removed', () => {
    const next = items
      .with([{ ...first, status: 'in_progress' }])
      .without([second.id])
      .with([{ ...first, id: 'abcdef012345', fingerprint: 'new' }])

    expect(next.changedSince(items).sort()).toEqual([first.id, second.id, 'abcdef012345'].sort())
    expect(items.changedSince(items)).toEqual([])
    expect(next.size).toBe(600)
    expect(items.size).toBe(600)
    expect(items.get(first.id)!.status).toBe('pending')
  })

  it('counts items by status as they change', () => {
    const next = items.with([
      { ...first, status: 'pr_open' },
      { ...second, status: 'pr_open' }
    ])

    expect(next.count('pending')).toBe(598)
    expect(next.count('pr_open')).toBe(2)
    expect(next.without([first.id]).count('pr_open')).toBe(1)
    expect(Items.EMPTY.count('pending')).toBe(0)
  })

  it('leaves a map unchanged when nothing is put in or taken out', () => {
    expect(items.with([])).toBe(items)
    expect(items.without(['000000000000'])).toBe(items)
  })
})
