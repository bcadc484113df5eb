/**
 * The discovery part of `ccal run --dry-run --json`: what every source found, as rows a person (or
 * `jq`) can read — source, fingerprint, CCAL's title, the trust decision, the priority and why — plus
 * what the sources' ledger operations would do. Pure: operations are applied to an in-memory copy
 * of the ledger, never written.
 */
import { CandidateSchema, upsertCandidates, type OpContext } from '../ledger/ops.js'
import type { ItemType, Ledger } from '../ledger/schema.js'
import { errorMessage } from '../util/errors.js'
import type { DiscoveryResult } from './source.js'

/** One line of the plan. */
export interface PlanRow {
  source: string
  /** `candidate`: would be merged as work; `skipped`: passed over; `operation`: a ledger change. */
  decision: 'candidate' | 'skipped' | 'operation'
  fingerprint: string | null
  type: ItemType | null
  /** CCAL's own title (candidates), what was passed over (skipped), the change (operations). */
  title: string
  /** The trust decision with its reason, where one was made. */
  trust: string | null
  priority: number | null
  /** Why: the priority's components (candidates), the reason (skipped), the outcome (operations). */
  reason: string
}

/** The whole discovery plan. */
export interface DiscoveryPlan {
  rows: PlanRow[]
  /** API requests per source. */
  requests: Record<string, number>
  counts: { candidates: number; skipped: number; operations: number }
}

function stringField(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** Candidates first (most urgent first), then skipped, per source in the order given. */
export function planRows(results: readonly DiscoveryResult[]): PlanRow[] {
  const rows: PlanRow[] = []
  for (const result of results) {
    const candidates = result.candidates
      .map(input => CandidateSchema.parse(input))
      .sort((a, b) => a.priority - b.priority || a.fingerprint.localeCompare(b.fingerprint))
    for (const candidate of candidates) {
      rows.push({
        source: result.source,
        decision: 'candidate',
        fingerprint: candidate.fingerprint,
        type: candidate.type,
        title: candidate.title,
        trust: stringField(candidate.context.trust),
        priority: candidate.priority,
        reason: stringField(candidate.context.priorityReason) ?? ''
      })
    }
    for (const skipped of result.skipped) {
      rows.push({
        source: result.source,
        decision: 'skipped',
        fingerprint: null,
        type: null,
        title: skipped.what,
        trust:
          skipped.reason.startsWith('untrusted') || skipped.reason.startsWith('ignored')
            ? skipped.reason
            : null,
        priority: null,
        reason: skipped.reason
      })
    }
  }
  return rows
}

/**
 * What the sources' operations would do to `ledger`, applied in the cycle's order (each source's
 * candidates merged, then its operations) to a copy that is thrown away.
 */
export function operationRows(
  results: readonly DiscoveryResult[],
  ledger: Ledger,
  context: OpContext
): PlanRow[] {
  const rows: PlanRow[] = []
  let current = ledger
  for (const result of results) {
    const steps = [
      ...(result.candidates.length ? [upsertCandidates(result.candidates)] : []),
      ...(result.ops ?? [])
    ]
    for (const op of steps) {
      try {
        const outcome = op(current, context)
        if (outcome.ledger !== current || (result.ops ?? []).includes(op))
          rows.push(operationRow(result.source, outcome.description, outcome.ledger !== current))
        current = outcome.ledger
      } catch (error) {
        rows.push(operationRow(result.source, `fails: ${errorMessage(error)}`, false))
      }
    }
  }
  return rows
}

function operationRow(source: string, description: string, changes: boolean): PlanRow {
  return {
    source,
    decision: 'operation',
    fingerprint: null,
    type: null,
    title: description,
    trust: null,
    priority: null,
    reason: changes ? 'would change the ledger' : 'no change'
  }
}

/** The plan of a dry run: rows for every source, and the ledger operations when a ledger is given. */
export function discoveryPlan(
  results: readonly DiscoveryResult[],
  simulate?: { ledger: Ledger; context: OpContext }
): DiscoveryPlan {
  const rows = [
    ...planRows(results),
    ...(simulate ? operationRows(results, simulate.ledger, simulate.context) : [])
  ]
  return {
    rows,
    requests: Object.fromEntries(results.map(result => [result.source, result.requests ?? 0])),
    counts: {
      candidates: rows.filter(row => row.decision === 'candidate').length,
      skipped: rows.filter(row => row.decision === 'skipped').length,
      operations: rows.filter(row => row.decision === 'operation').length
    }
  }
}
