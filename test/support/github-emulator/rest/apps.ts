/** REST handlers of the GitHub App routes an App calls with its JWT. */
import { z } from 'zod'
import type { AppRecord, InstallationRecord } from '../apps.js'
import { HttpError, notFound } from '../errors.js'
import { intParam, json, parseBody, type RestHandlers, type RestRequest } from './context.js'
import { simpleUser, type ShapeContext } from './shapes.js'

/** The operations that take an App's JWT (and nothing else does). */
export const APP_JWT_OPERATIONS: ReadonlySet<string> = new Set([
  'apps/get-repo-installation',
  'apps/create-installation-access-token'
])

const tokenRequestSchema = z.object({
  repositories: z.array(z.string()).optional(),
  repository_ids: z.array(z.number()).optional(),
  permissions: z.record(z.string(), z.string()).optional()
})

const LEVELS = ['read', 'write', 'admin']

function appOf(req: RestRequest): AppRecord {
  // The server lets only an App's JWT reach these handlers.
  if (!req.app) throw new HttpError(401, 'A JSON web token could not be decoded')
  return req.app
}

/** The `installation` shape of the description. */
function installationShape(ctx: ShapeContext, installation: InstallationRecord): Record<string, unknown> {
  const { app } = installation
  const account = ctx.state.user(installation.account)
  return {
    id: installation.id,
    account: simpleUser(ctx, installation.account),
    repository_selection: installation.repositories === 'all' ? 'all' : 'selected',
    access_tokens_url: `${ctx.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${ctx.api}/installation/repositories`,
    html_url: `${ctx.api.replace(/\/api\/v3$/, '')}/organizations/${installation.account}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: ctx.state.repo.ownerType,
    permissions: installation.permissions,
    events: [],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null
  }
}

/** 422 unless every permission asked for is one the installation has, at that level or above. */
function checkPermissions(installation: InstallationRecord, asked: Record<string, string>): void {
  for (const [name, level] of Object.entries(asked)) {
    const granted = installation.permissions[name]
    if (!granted || LEVELS.indexOf(granted) < LEVELS.indexOf(level))
      throw new HttpError(422, 'The permissions requested are not granted to this installation.')
  }
}

export const appHandlers: RestHandlers = {
  'apps/get-repo-installation': req => {
    const app = appOf(req)
    const installation = app.installations.find(candidate =>
      req.ctx.state.apps.covers(candidate, req.params.owner ?? '', req.params.repo ?? '')
    )
    if (!installation) throw notFound()
    return json(installationShape(req.ctx, installation))
  },

  'apps/create-installation-access-token': req => {
    const app = appOf(req)
    const id = intParam(req, 'installation_id')
    const installation = app.installations.find(candidate => candidate.id === id)
    if (!installation) throw notFound()
    const body = parseBody(req, tokenRequestSchema)
    for (const name of body.repositories ?? []) {
      if (!req.ctx.state.apps.covers(installation, installation.account, name))
        throw new HttpError(
          422,
          `There is at least one repository that does not exist or is not accessible to the parent installation.`
        )
    }
    if (body.permissions) checkPermissions(installation, body.permissions)
    const { token, expiresAt } = req.ctx.state.apps.issue(installation, Date.now())
    return json(
      {
        token,
        expires_at: expiresAt,
        permissions: body.permissions ?? installation.permissions,
        repository_selection: body.repositories || installation.repositories !== 'all' ? 'selected' : 'all'
      },
      201
    )
  }
}
