/**
 * Ledgers for tests, built with the real ledger operations (not hand-made objects), so they always
 * have the shape the store would read back.
 */
import {
  itemIdForFingerprint,
  leaseItem,
  recordResult,
  transition,
  upsertCandidate,
  type CandidateInput,
  type LedgerOp
} from '../../src/ledger/ops.js'
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

/**
 * A ledger with a few weeks of history up to T0 (2026-11-24, a Tuesday), each step applied at its
 * own moment through the real operations, as cycles would have written it; with `end`, the same
 * history moved by whole days to end on `end`'s day instead. What happened (dates for T0):
 *
 * - issue "Fix the date parser": created Nov 4 10:00, PR #1 opened 11:30 ($1.50), merged Nov 5 11:30 (24 h)
 * - issue "Rename the config key": created Nov 6 09:00, PR #2 opened 10:00 ($2.00), closed unmerged Nov 8
 * - ci_failure "test/date.test.ts fails": created Nov 10 08:00 and seen 4 more times; a failed attempt
 *   Nov 10 09:00 ($0.50, verify_failed), PR #3 opened Nov 11 09:00 ($1.00), merged 15:00 (6 h)
 * - lint "3 no-unused-vars findings": created Nov 12, PR #4 opened 12:00 ($0.80), merged Nov 14 12:00
 *   (48 h); found again Nov 22: reopened as its second generation, pending
 * - coverage "cover src/parse.ts": created Nov 15, pending
 * - error_log "TypeError in worker": created Nov 18 and seen once more; a failed attempt Nov 18 ($25,
 *   max_turns, over the $20 day budget), pending again
 * - issue "Add a --quiet flag": created Nov 20, PR #5 opened 14:00 ($1.20), open
 */
export function syntheticHistory(end: Date = T0): Ledger {
  const shift = Math.round((end.getTime() - T0.getTime()) / 86_400_000) * 86_400_000
  let ledger = emptyLedger()
  const at = (moment: string, op: LedgerOp) => {
    ledger = applyOps(ledger, [op], new Date(Date.parse(`${moment}Z`) + shift), `run-${moment.slice(5, 10)}`)
  }
  const pull = (number: number) => ({
    number,
    url: `https://github.com/octo-org/sandbox/pull/${number}`,
    branch: `ccal/item-${number}`
  })
  const work = (
    fingerprint: string,
    moment: string,
    result: { success: boolean; costUsd: number; pr?: number; code?: string }
  ) => {
    const id = idOf(ledger, fingerprint)
    at(moment, leaseItem(id, 3_600_000))
    at(
      moment,
      recordResult(
        {
          itemId: id,
          success: result.success,
          summary: result.success ? 'done' : 'did not work',
          error: result.success ? null : 'verify failed',
          durationMs: 60_000,
          turns: 5,
          costUsd: result.costUsd,
          code: result.code ?? (result.success ? 'success' : 'error')
        },
        result.pr ? { pr: pull(result.pr) } : {}
      )
    )
  }
  const verdict = (fingerprint: string, moment: string, merged: boolean, number: number) =>
    at(
      moment,
      transition(idOf(ledger, fingerprint), merged ? 'completed' : 'rejected', {
        actor: 'human',
        reason: merged ? `PR #${number} merged (accepted)` : `PR #${number} closed without merging`
      })
    )

  at('2026-11-04T10:00:00.000', upsertCandidate(candidate('issue:1', { title: 'Fix the date parser' })))
  work('issue:1', '2026-11-04T11:30:00.000', { success: true, costUsd: 1.5, pr: 1 })
  verdict('issue:1', '2026-11-05T11:30:00.000', true, 1)

  at('2026-11-06T09:00:00.000', upsertCandidate(candidate('issue:2', { title: 'Rename the config key' })))
  work('issue:2', '2026-11-06T10:00:00.000', { success: true, costUsd: 2, pr: 2 })
  verdict('issue:2', '2026-11-08T10:00:00.000', false, 2)

  const ci = candidate('ci:date-test', { type: 'ci_failure', title: 'test/date.test.ts fails' })
  at('2026-11-10T08:00:00.000', upsertCandidate(ci))
  for (const minute of ['10', '20', '30', '40']) at(`2026-11-10T08:${minute}:00.000`, upsertCandidate(ci))
  work('ci:date-test', '2026-11-10T09:00:00.000', { success: false, costUsd: 0.5, code: 'verify_failed' })
  work('ci:date-test', '2026-11-11T09:00:00.000', { success: true, costUsd: 1, pr: 3 })
  verdict('ci:date-test', '2026-11-11T15:00:00.000', true, 3)

  const lint = candidate('lint:no-unused-vars', { type: 'lint', title: '3 no-unused-vars findings' })
  at('2026-11-12T08:00:00.000', upsertCandidate(lint))
  work('lint:no-unused-vars', '2026-11-12T12:00:00.000', { success: true, costUsd: 0.8, pr: 4 })
  verdict('lint:no-unused-vars', '2026-11-14T12:00:00.000', true, 4)

  at(
    '2026-11-15T08:00:00.000',
    upsertCandidate(candidate('coverage:parse', { type: 'coverage', title: 'cover src/parse.ts' }))
  )

  const log = candidate('log:worker-typeerror', { type: 'error_log', title: 'TypeError in worker' })
  at('2026-11-18T08:00:00.000', upsertCandidate(log))
  at('2026-11-18T09:00:00.000', upsertCandidate(log))
  work('log:worker-typeerror', '2026-11-18T10:00:00.000', { success: false, costUsd: 25, code: 'max_turns' })

  at('2026-11-20T09:00:00.000', upsertCandidate(candidate('issue:3', { title: 'Add a --quiet flag' })))
  work('issue:3', '2026-11-20T14:00:00.000', { success: true, costUsd: 1.2, pr: 5 })

  at('2026-11-22T08:00:00.000', upsertCandidate(lint))
  return ledger
}
