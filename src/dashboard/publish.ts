/**
 * The end of a cycle on the Dashboard issue: made on a repository's first cycle (its number staged
 * for the ledger, so it costs no push of its own), then its body rebuilt from the ledger as the
 * cycle left it and written only when it changed — so an idle cycle edits nothing. A body someone
 * ticked while the cycle ran is left for the next cycle to act on, not overwritten.
 */
import type { Settings } from '../config/schema.js'
import type { CycleReport } from '../core/report.js'
import type { Plan } from '../core/scheduler.js'
import type { GitHubClient } from '../github/client.js'
import { setCursor, type LedgerOp } from '../ledger/ops.js'
import type { Ledger } from '../ledger/schema.js'
import type { Logger } from '../util/logger.js'
import { dashboardBody, parseTicks, type CycleActivity } from './body.js'
import {
  createDashboard,
  DASHBOARD_CURSOR,
  dashboardCursor,
  findDashboard,
  updateDashboard,
  type DashboardCursor,
  type DashboardIssue
} from './issue.js'

export interface PublishDeps {
  github: GitHubClient
  settings: Settings
  logger: Logger
  runUrl?: string
}

/** What the cycle did, in one line, when it did anything a person would notice; else undefined. */
export function cycleActivity(
  report: CycleReport,
  created: number,
  runUrl: string | undefined
): CycleActivity | undefined {
  const worked = report.executed.filter(entry => entry.status !== 'skipped')
  if (worked.length === 0 && created === 0) return undefined
  const parts: string[] = []
  if (created > 0) parts.push(`found ${created} new item${created === 1 ? '' : 's'}`)
  for (const entry of worked)
    parts.push(
      entry.pr
        ? `${entry.status.replace(/_/g, ' ')} #${entry.pr.number} for ${entry.itemId}`
        : `${entry.itemId} ${entry.status.replace(/_/g, ' ')}`
    )
  return {
    at: report.startedAt,
    runId: report.runId,
    ...(runUrl ? { runUrl } : {}),
    did: parts.join('; ')
  }
}

/** The dashboard as found before the cycle settles, and the cursor operation to stage with it. */
export interface PreparedDashboard {
  issue: DashboardIssue | undefined
  /** The issue's number when it was made now. */
  created?: number
  /** What the issue shows now: its title and body as read, or as just made. */
  shown: { title: string; body: string }
  cursor: DashboardCursor
  op?: LedgerOp
}

/**
 * Finds the dashboard (or opens it, with a first body from the ledger as it is now) and says what
 * the ledger should remember: its number and the cycle's activity. Nothing when a person closed it.
 */
export async function prepareDashboard(
  deps: PublishDeps,
  view: { ledger: Ledger; plan: Plan },
  activity: CycleActivity | undefined
): Promise<PreparedDashboard | undefined> {
  const before = dashboardCursor(view.ledger.state.cursors[DASHBOARD_CURSOR])
  const issue = await findDashboard(deps.github, before, { count: 0 })
  if (issue?.state === 'CLOSED') {
    deps.logger.debug(`dashboard: #${issue.number} was closed by a person; reopen it to have it kept again`)
    return undefined
  }
  const cursor: DashboardCursor = { ...before, ...(activity ? { lastActivity: activity } : {}) }
  let created: number | undefined
  let shown = issue ? { title: issue.title, body: issue.body } : undefined
  if (!issue) {
    shown = {
      title: deps.settings.dashboard.title,
      body: dashboardBody({
        ...view,
        settings: deps.settings,
        ...(activity ? { lastActivity: activity } : {})
      })
    }
    created = await createDashboard(deps.github, deps.settings.dashboard, shown.body)
    cursor.issue = created
    deps.logger.info(`dashboard: opened #${created}`)
  } else cursor.issue = issue.number
  const changed = JSON.stringify(cursor) !== JSON.stringify(before)
  return {
    issue,
    ...(created ? { created } : {}),
    shown: shown as { title: string; body: string },
    cursor,
    ...(changed ? { op: setCursor(DASHBOARD_CURSOR, cursor) } : {})
  }
}

/** Writes the body the settled ledger gives, when it differs from the issue's. */
export async function publishDashboard(
  deps: PublishDeps,
  prepared: PreparedDashboard,
  view: { ledger: Ledger; plan: Plan }
): Promise<'edited' | 'unchanged' | 'left for the next cycle'> {
  const number = prepared.created ?? prepared.issue?.number
  if (!number) return 'unchanged'
  const body = dashboardBody({
    ...view,
    settings: deps.settings,
    ...(prepared.cursor.lastActivity ? { lastActivity: prepared.cursor.lastActivity } : {})
  })
  const title = deps.settings.dashboard.title
  if (prepared.shown.body === body && prepared.shown.title === title) return 'unchanged'
  const current = prepared.issue
  // Ticks newer than the edit this cycle judged came while it ran: the next cycle acts on them.
  const judged = prepared.cursor.appliedEditAt
  if (
    current &&
    parseTicks(current.body).length > 0 &&
    current.lastEditedAt !== null &&
    (judged === undefined || Date.parse(current.lastEditedAt) > Date.parse(judged))
  ) {
    deps.logger.info(`dashboard: #${number} was ticked during the cycle; it is rebuilt by the next one`)
    return 'left for the next cycle'
  }
  await updateDashboard(deps.github, number, { title, body })
  return 'edited'
}
