/**
 * The end of a cycle on the Dashboard issue: opened on a repository's first cycle, then its body
 * rebuilt from the ledger as the cycle left it and written only when it changed — so an idle cycle
 * edits nothing. Nothing of it is written to the ledger (the issue is found again by its marker),
 * so it adds no ledger push. A body someone ticked while the cycle ran is left for the next cycle
 * to act on, not overwritten.
 */
import type { Settings } from '../config/schema.js'
import type { Plan } from '../core/scheduler.js'
import { repositoryWebUrl, type GitHubClient } from '../github/client.js'
import type { Ledger } from '../ledger/schema.js'
import type { Logger } from '../util/logger.js'
import { dashboardBody, parseTicks } from './body.js'
import {
  createDashboard,
  DASHBOARD_CURSOR,
  dashboardCursor,
  findDashboard,
  recallDashboard,
  updateDashboard,
  type DashboardIssue
} from './issue.js'

export interface PublishDeps {
  github: GitHubClient
  settings: Settings
  logger: Logger
}

/** Rebuilds the dashboard of `view` (opening it if there is none); says what it did. */
export async function publishDashboard(
  deps: PublishDeps,
  view: { ledger: Ledger; plan: Plan }
): Promise<string> {
  const cursor = dashboardCursor(view.ledger.state.cursors[DASHBOARD_CURSOR])
  const title = deps.settings.dashboard.title
  const body = dashboardBody({
    ...view,
    settings: deps.settings,
    repositoryUrl: repositoryWebUrl(deps.github)
  })
  // What discovery read at the start: when the body is what it showed, no request is needed.
  const read = recallDashboard(deps.github)
  if (read && read.body === body && read.title === title) return `#${read.number} unchanged`
  // About to write (or none was read): read it again, for ticks made while the cycle ran.
  const issue: DashboardIssue | undefined = await findDashboard(deps.github, cursor, { count: 0 })
  if (issue?.state === 'CLOSED')
    return `#${issue.number} was closed by a person: left closed (reopen it to have it kept again)`
  if (!issue) return `opened #${await createDashboard(deps.github, deps.settings.dashboard, body)}`
  if (issue.body === body && issue.title === title) return `#${issue.number} unchanged`
  // Ticks newer than the edit the cycle judged came while it ran: the next cycle acts on them.
  const judged = cursor.appliedEditAt
  if (
    parseTicks(issue.body).length > 0 &&
    issue.lastEditedAt !== null &&
    (judged === undefined || Date.parse(issue.lastEditedAt) > Date.parse(judged))
  )
    return `#${issue.number} was ticked during the cycle: rebuilt by the next one`
  await updateDashboard(deps.github, issue.number, { title, body })
  return `#${issue.number} edited`
}
