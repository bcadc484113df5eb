/** REST handlers for the repository, collaborators, users and the rate limit. */
import { HttpError } from '../errors.js'
import type { Permission } from '../scenario.js'
import { hasPermission } from '../state.js'
import { json, type RestHandlers } from './context.js'
import { repository, simpleUser, type ShapeContext } from './shapes.js'
import type { RateLimiter } from '../rate-limit.js'

/** REST's legacy `permission` field folds maintain into write and triage into read. */
function legacyPermission(permission: Permission): string {
  if (permission === 'maintain') return 'write'
  if (permission === 'triage') return 'read'
  return permission
}

/** `public-user` for GET /user and GET /users/{username}. */
function publicUser(ctx: ShapeContext, login: string): Record<string, unknown> {
  const user = ctx.state.user(login)
  return {
    ...simpleUser(ctx, login),
    name: user.name ?? null,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z'
  }
}

/** Handlers by operation id; `rateLimiter` feeds GET /rate_limit. */
export function repoHandlers(rateLimiter: RateLimiter): RestHandlers {
  return {
    'repos/get': req => {
      // As GitHub does for an authenticated request: what the token's user may do here.
      const role = req.ctx.state.user(req.actor).permission
      return json({
        ...repository(req.ctx),
        permissions: {
          admin: hasPermission(role, 'admin'),
          maintain: hasPermission(role, 'maintain'),
          push: hasPermission(role, 'write'),
          triage: hasPermission(role, 'triage'),
          pull: hasPermission(role, 'read')
        }
      })
    },

    'repos/get-collaborator-permission-level': req => {
      const login = req.params.username ?? ''
      const user = req.ctx.state.users.get(login)
      if (!user) throw new HttpError(404, `${login} is not a user`)
      return json({
        permission: legacyPermission(user.permission),
        role_name: user.permission,
        user: { ...simpleUser(req.ctx, login), role_name: user.permission }
      })
    },

    'actions/get-github-actions-default-workflow-permissions-repository': req => {
      const { workflowPermissions } = req.ctx.state.repo
      return json({
        default_workflow_permissions: workflowPermissions.defaultWorkflowPermissions,
        can_approve_pull_request_reviews: workflowPermissions.canApprovePullRequestReviews
      })
    },

    'users/get-authenticated': req => json(publicUser(req.ctx, req.actor)),

    'users/get-by-username': req => {
      const login = req.params.username ?? ''
      if (!req.ctx.state.users.has(login)) throw new HttpError(404, 'Not Found')
      return json(publicUser(req.ctx, login))
    },

    'rate-limit/get': req => {
      const core = rateLimiter.snapshot(req.actor, 'core')
      const graphql = rateLimiter.snapshot(req.actor, 'graphql')
      return json({
        resources: { core, graphql, search: rateLimiter.snapshot(req.actor, 'search') },
        rate: core
      })
    }
  }
}
