/**
 * The only writer of action outputs. Every output of action.yml is listed here, and a test checks
 * that the two agree.
 */
import * as core from '@actions/core'

export const ACTION_OUTPUTS = [
  'items-discovered',
  'items-executed',
  'prs',
  'plan',
  'summary',
  'conclusion',
  'cost-usd',
  'turns',
  'tokens',
  'session-id',
  'pr-number',
  'pr-url'
] as const

/** What one run reports through outputs. */
export interface ActionReport {
  itemsDiscovered: number
  itemsExecuted: number
  prs: Array<{ item: string; number: number; url: string; status: string }>
  /** Item ids picked by the plan, as a matrix: `{"include":[{"item":"…"}]}`. */
  plannedItems: string[]
  /** One-paragraph human summary (markdown). */
  summary: string
  /** The items this run executed: what each cost and how it ended. */
  executed: ReadonlyArray<{
    status: string
    costUsd: number
    turns: number
    tokens?: number
    sessionId?: string
    pr?: { number: number; url: string }
  }>
}

/** Statuses of an executed item that are not a failure. */
const FINE = new Set(['pr_opened', 'pr_updated', 'completed', 'no_op'])

/**
 * The run's conclusion: `none` when nothing was executed, the item's own status when one was
 * (`pr_opened`, `no_op`, `failed`, …), else `success` when every item ended well and `failure` when
 * any did not.
 */
export function conclusionOf(executed: ActionReport['executed']): string {
  const ran = executed.filter(item => item.status !== 'skipped')
  if (ran.length === 0) return 'none'
  if (ran.length === 1) return ran[0]!.status
  return ran.every(item => FINE.has(item.status)) ? 'success' : 'failure'
}

function only<T extends { status: string }>(executed: readonly T[]): T | undefined {
  const ran = executed.filter(item => item.status !== 'skipped')
  return ran.length === 1 ? ran[0] : undefined
}

/** Sets every output from a report. */
export function writeActionOutputs(report: ActionReport): void {
  const values: Record<(typeof ACTION_OUTPUTS)[number], string> = {
    'items-discovered': String(report.itemsDiscovered),
    'items-executed': String(report.itemsExecuted),
    prs: JSON.stringify(report.prs),
    plan: JSON.stringify({ include: report.plannedItems.map(item => ({ item })) }),
    summary: report.summary,
    conclusion: conclusionOf(report.executed),
    'cost-usd': report.executed.reduce((sum, item) => sum + item.costUsd, 0).toFixed(4),
    turns: String(report.executed.reduce((sum, item) => sum + item.turns, 0)),
    tokens: String(report.executed.reduce((sum, item) => sum + (item.tokens ?? 0), 0)),
    // For one item (execute mode, a one-item run): its session and pull request; else empty.
    'session-id': only(report.executed)?.sessionId ?? '',
    'pr-number': only(report.executed)?.pr ? String(only(report.executed)!.pr!.number) : '',
    'pr-url': only(report.executed)?.pr?.url ?? ''
  }
  for (const name of ACTION_OUTPUTS) core.setOutput(name, values[name])
}
