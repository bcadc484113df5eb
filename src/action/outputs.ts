/**
 * The only writer of action outputs. Every output of action.yml is listed here, and a test checks
 * that the two agree.
 */
import * as core from '@actions/core'

export const ACTION_OUTPUTS = ['items-discovered', 'items-executed', 'prs', 'plan', 'summary'] as const

/** What one run reports through outputs. */
export interface ActionReport {
  itemsDiscovered: number
  itemsExecuted: number
  prs: Array<{ item: string; number: number; url: string; status: string }>
  /** Item ids picked by the plan, as a matrix: `{"include":[{"item":"…"}]}`. */
  plannedItems: string[]
  /** One-paragraph human summary (markdown). */
  summary: string
}

/** Sets every output from a report. */
export function writeActionOutputs(report: ActionReport): void {
  const values: Record<(typeof ACTION_OUTPUTS)[number], string> = {
    'items-discovered': String(report.itemsDiscovered),
    'items-executed': String(report.itemsExecuted),
    prs: JSON.stringify(report.prs),
    plan: JSON.stringify({ include: report.plannedItems.map(item => ({ item })) }),
    summary: report.summary
  }
  for (const name of ACTION_OUTPUTS) core.setOutput(name, values[name])
}
