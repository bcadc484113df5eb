import { describe, expect, it } from '@jest/globals'
import { remainingBudgetUsd } from '../../../src/executor/budget.js'

const budgets = { cost_per_run_usd: 5, cost_per_day_usd: 20 }

describe('remainingBudgetUsd', () => {
  it('is what is left of the run budget while the day has more', () => {
    expect(remainingBudgetUsd(budgets, { thisRunUsd: 1.5, todayUsd: 3 })).toBe(3.5)
  })

  it('is what is left of the day budget when that is smaller', () => {
    expect(remainingBudgetUsd(budgets, { thisRunUsd: 0, todayUsd: 18.75 })).toBe(1.25)
  })

  it('is zero, never negative, once a budget is used up', () => {
    expect(remainingBudgetUsd(budgets, { thisRunUsd: 6, todayUsd: 6 })).toBe(0)
  })
})
