/**
 * Ledgers for tests, built with the real ledger operations (not hand-made objects), so they always
 * have the shape the store would read back.
 */
import { itemIdForFingerprint, type CandidateInput, type LedgerOp } from '../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../src/ledger/schema.js'

export const T0 = new Date('2026-11-24T12:00:00.000Z')

/** Applies operations in order, each at `now` (default T0) in run `run-test`. */
export function applyOps(ledger: Ledger, ops: readonly LedgerOp[], now = T0, runId = 'run-test'): Ledger {
  return ops.reduce((current, op) => op(current, { now, runId }).ledger, ledger)
}

/** A candidate with sensible defaults; `fingerprint` doubles as the title unless one is given. */
export function candidate(fingerprint: string, fields: Partial<CandidateInput> = {}): CandidateInput {
  return {
    fingerprint,
    type: 'issue',
    source: 'test',
    title: fields.title ?? fingerprint,
    priority: 3,
    ...fields
  }
}

/** The id an item with this fingerprint gets in `ledger`. */
export function idOf(ledger: Ledger, fingerprint: string): string {
  return itemIdForFingerprint(ledger, fingerprint)
}

export { emptyLedger }
