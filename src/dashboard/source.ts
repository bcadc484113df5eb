/**
 * The dashboard as a discovery source: at the start of a cycle it reads the Dashboard issue and
 * turns the boxes ticked since the last edit it judged into ledger operations — when the person who
 * last edited the body has the permission labels need (`trust`); anyone else's ticks are ignored
 * and said so. The cycle rebuilds the body at its end, which unticks the boxes.
 */
import type { PermissionCache } from '../github/permissions.js'
import { createPermissionCache } from '../github/permissions.js'
import { trustActor } from '../discovery/github-shared.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource } from '../discovery/source.js'
import { judgeActor } from '../discovery/trust.js'
import { parseTicks } from './body.js'
import { DASHBOARD_CURSOR, dashboardCursor, findDashboard, rememberDashboard } from './issue.js'
import { steerOp } from './steer.js'

/** True when `editAt` is newer than the edit judged last (every edit is when none was). */
function isNewEdit(editAt: string | null, judged: string | undefined): editAt is string {
  return editAt !== null && (judged === undefined || Date.parse(editAt) > Date.parse(judged))
}

export function createDashboardSource(options: { permissions?: PermissionCache } = {}): DiscoverySource {
  return {
    name: DASHBOARD_CURSOR,
    appliesTo: (_trigger, settings) => settings.dashboard.enabled,
    async discover(context: DiscoveryContext): Promise<DiscoveryResult> {
      const result: DiscoveryResult = { source: DASHBOARD_CURSOR, candidates: [], skipped: [], requests: 0 }
      const { github } = context
      if (!github) return result
      const counter = { count: 0 }
      const before = dashboardCursor(context.ledger.state.cursors[DASHBOARD_CURSOR])
      const issue = await findDashboard(github, before, counter)
      result.requests = counter.count
      if (!issue || issue.state !== 'OPEN') return result
      rememberDashboard(github, issue)
      const ticks = parseTicks(issue.body)
      if (ticks.length > 0 && isNewEdit(issue.lastEditedAt, before.appliedEditAt)) {
        // Kept only with an edit judged: finding the issue again by its marker costs no ledger write.
        result.cursor = { ...before, issue: issue.number, appliedEditAt: issue.lastEditedAt }
        const permissions = options.permissions ?? createPermissionCache(github)
        const decision = await judgeActor(
          trustActor(issue.editor ?? undefined),
          context.settings.trust,
          login => permissions.permissionOf(login),
          'dashboard edit'
        )
        if (decision.trusted) {
          result.ops = [steerOp(ticks, { login: decision.actor, at: issue.lastEditedAt })]
          context.logger.info(
            `dashboard: #${issue.number}: ${ticks.length} box${ticks.length === 1 ? '' : 'es'} ticked by @${decision.actor}`
          )
        } else {
          result.skipped.push({
            what: `dashboard #${issue.number}: ${ticks.length} ticked box${ticks.length === 1 ? '' : 'es'}`,
            reason: `ignored: ${decision.reason}`
          })
          context.logger.warning(`dashboard: #${issue.number}: ticks ignored: ${decision.reason}`)
        }
      }
      return result
    }
  }
}
