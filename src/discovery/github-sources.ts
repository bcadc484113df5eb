/**
 * The GitHub-side sources in the order the cycle runs them: the dashboard's ticked boxes, issues,
 * then feedback on CCAL's pull requests, then reconciliation. They share one permission cache, so a person whose label, review
 * or comment is judged costs one request per run however many sources look at them.
 */
import type { GitHubClient } from '../github/client.js'
import { createPermissionCache } from '../github/permissions.js'
import { createIssuesSource } from './issues.js'
import { createPrFeedbackSource } from './pr-feedback.js'
import { createReconcileSource } from './reconcile.js'
import { createDashboardSource } from '../dashboard/source.js'
import type { DiscoverySource } from './source.js'

/** The GitHub sources of one run (without a client they report that they had nothing to read). */
export function createGitHubSources(github: GitHubClient | undefined): DiscoverySource[] {
  const permissions = github ? createPermissionCache(github) : undefined
  const options = permissions ? { permissions } : {}
  return [
    createDashboardSource(options),
    createIssuesSource(options),
    createPrFeedbackSource(options),
    createReconcileSource()
  ]
}
