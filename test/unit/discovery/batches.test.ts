/**
 * Lint batches and coverage items keep their identity while their findings are fixed: a batch is
 * its group and part, each scan gives findings back to the batch that holds them, and what a
 * partial fix leaves becomes a new part, never a regression.
 */
import { describe, expect, it } from '@jest/globals'
import { coverageCandidate } from '../../../src/discovery/coverage.js'
import { coveragePart, finishBatchOp } from '../../../src/discovery/batches.js'
import { batchFindings, lintCandidate } from '../../../src/discovery/lint.js'
import { finding, type Finding } from '../../../src/findings/finding.js'
import {
  combine,
  leaseItem,
  recordResult,
  transition,
  upsertCandidates,
  type LedgerOp
} from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../../src/ledger/schema.js'
import { pullRequestOutcomes } from '../../../src/learning/outcomes.js'

const context = { now: new Date('2026-03-01T10:00:00.000Z'), runId: 'run-1' }
const apply = (ledger: Ledger, op: LedgerOp): Ledger => op(ledger, context).ledger

function unused(name: string, line: number): Finding {
  return finding({
    tool: 'eslint',
    rule: 'no-unused-vars',
    file: 'src/a.js',
    line,
    column: 3,
    severity: 'error',
    message: `'${name}' is assigned a value but never used.`
  })
}

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g']

/** The ledger after a scan: its candidates merged and its finished batches completed. */
function scan(ledger: Ledger, findings: Finding[], size = 5) {
  const { batches, finished } = batchFindings(findings, 'rule_directory', size, ledger)
  const candidates = batches.map(batch => lintCandidate(batch, 4000))
  const next = apply(apply(ledger, upsertCandidates(candidates)), combine(finished.map(finishBatchOp)))
  return { ledger: next, candidates, finished }
}

/** The batch worked and delivered as PR #3. */
function withPull(ledger: Ledger, id: string): Ledger {
  const leased = apply(ledger, leaseItem(id, 60_000))
  return apply(
    leased,
    recordResult(
      { itemId: id, success: true, summary: 'fixed', durationMs: 1, turns: 1, costUsd: 0 },
      { pr: { number: 3, url: 'u', branch: 'b' } }
    )
  )
}

function itemOf(ledger: Ledger, fingerprint: string) {
  return [...ledger.items.values()].find(item => item.fingerprint === fingerprint)!
}

const PART_1 = 'lint:eslint:no-unused-vars:src#1'
const PART_2 = 'lint:eslint:no-unused-vars:src#2'

describe('lint batches across scans', () => {
  it('cut a group into parts of the batch size', () => {
    const { candidates } = scan(
      emptyLedger(),
      NAMES.map((name, index) => unused(name, index + 1))
    )

    expect(candidates.map(candidate => [candidate.fingerprint, candidate.title])).toEqual([
      [PART_1, 'Fix 5 eslint `no-unused-vars` findings in src (part 1)'],
      [PART_2, 'Fix 2 eslint `no-unused-vars` findings in src (part 2)']
    ])
  })

  it('keep a pending batch whose findings were partly fixed as the same item, retitled, lines moved or not', () => {
    const first = scan(
      emptyLedger(),
      NAMES.slice(0, 4).map((name, index) => unused(name, index + 1))
    )

    // Two were fixed on the base branch; the others moved up two lines.
    const second = scan(first.ledger, [unused('c', 1), unused('d', 2)])

    expect(second.candidates.map(candidate => candidate.fingerprint)).toEqual([PART_1])
    const item = itemOf(second.ledger, PART_1)
    expect(item).toMatchObject({ status: 'pending', title: 'Fix 2 eslint `no-unused-vars` findings in src' })
    expect([...second.ledger.items.keys()]).toHaveLength(1)
  })

  it('complete a pending batch that has no finding left', () => {
    const first = scan(emptyLedger(), [unused('a', 1)])

    const second = scan(first.ledger, [])

    expect(itemOf(second.ledger, PART_1).status).toBe('completed')
  })

  it('turn what a merged partial fix left into a new part, never a regression of the completed one', () => {
    let { ledger } = scan(
      emptyLedger(),
      NAMES.slice(0, 4).map((name, index) => unused(name, index + 1))
    )
    const id = itemOf(ledger, PART_1).id
    ledger = withPull(ledger, id)
    ledger = apply(ledger, transition(id, 'completed', { reason: 'PR #3 merged' }))

    const after = scan(ledger, [unused('c', 1), unused('d', 2)])

    expect(itemOf(after.ledger, PART_1)).toMatchObject({ status: 'completed', regressions: 0, generation: 1 })
    expect(after.candidates.map(candidate => [candidate.fingerprint, candidate.title])).toEqual([
      [PART_2, 'Fix 2 eslint `no-unused-vars` findings in src (part 2)']
    ])
    expect(after.ledger.state.totals.regressions).toBe(0)
  })

  it('dismiss a batch whose findings are gone from the base while its pull request is open', () => {
    let { ledger } = scan(emptyLedger(), [unused('a', 1)])
    const id = itemOf(ledger, PART_1).id
    ledger = withPull(ledger, id)

    const after = scan(ledger, [])

    expect(itemOf(after.ledger, PART_1)).toMatchObject({ status: 'dismissed', pr: { number: 3 } })
    expect(pullRequestOutcomes(after.ledger)).toEqual([])
  })

  it('add new findings of the group to its pending batch while it has room', () => {
    const first = scan(emptyLedger(), [unused('a', 1)])

    const second = scan(first.ledger, [unused('a', 1), unused('b', 5)])

    expect(second.candidates.map(candidate => candidate.fingerprint)).toEqual([PART_1])
    expect(itemOf(second.ledger, PART_1).title).toBe('Fix 2 eslint `no-unused-vars` findings in src')
  })

  it('leave findings with a batch a maintainer rejected, instead of offering them again', () => {
    let { ledger } = scan(emptyLedger(), [unused('a', 1)])
    const id = itemOf(ledger, PART_1).id
    ledger = withPull(ledger, id)
    ledger = apply(ledger, transition(id, 'rejected'))

    const after = scan(ledger, [unused('a', 1)])

    expect(after.candidates.map(candidate => candidate.fingerprint)).toEqual([PART_1])
    expect(itemOf(after.ledger, PART_1).status).toBe('rejected')
    expect([...after.ledger.items.keys()]).toHaveLength(1)
  })
})

describe('coverage items across scans', () => {
  const file = { file: 'src/a.js', lines: 10, covered: 4, uncovered: [5, 6, 7, 8, 9, 10] }

  it('put more work on a file after a merged part into part 2', () => {
    let ledger = apply(emptyLedger(), upsertCandidates([coverageCandidate(file, 80)]))
    const id = [...ledger.items.keys()][0]!
    expect(ledger.items.get(id)!.fingerprint).toBe('coverage:src/a.js')
    ledger = apply(ledger, transition(id, 'completed', { reason: 'PR merged' }))

    const part = coveragePart(ledger, 'coverage', 'coverage:src/a.js')

    expect(part).toBe(2)
    expect(coverageCandidate({ ...file, covered: 6 }, 80, part).fingerprint).toBe('coverage:src/a.js#2')
  })
})
