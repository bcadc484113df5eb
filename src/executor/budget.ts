/**
 * What one Claude Code run may still spend (pure): the smaller of what is left of the per-run and the
 * per-day budget. The cycle passes it to `executeItem` as `budgetUsd`, which becomes `--max-budget-usd`
 * (and, for the verify retry, what is left after the first run).
 */
import type { Settings } from '../config/schema.js'

/** Money already spent, in USD. */
export interface Spent {
  /** By earlier items of this run. */
  readonly thisRunUsd: number
  /** On this UTC day, across runs (`spentToday` in ledger/ops.ts), this run included. */
  readonly todayUsd: number
}

/** The budget left for the next item; 0 when either budget is used up. */
export function remainingBudgetUsd(
  budgets: Pick<Settings['budgets'], 'cost_per_run_usd' | 'cost_per_day_usd'>,
  spent: Spent
): number {
  const left = Math.min(
    budgets.cost_per_run_usd - spent.thisRunUsd,
    budgets.cost_per_day_usd - spent.todayUsd
  )
  return Math.max(0, Math.round(left * 1e6) / 1e6)
}
