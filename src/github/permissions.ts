/**
 * Repository permissions of the people whose labels, comments and reviews CCAL judges. A scan asks
 * for everyone it is about to judge in one aliased GraphQL query (`repository.collaborators`,
 * matched on the exact login); whoever that does not answer for — no collaborator edge, more
 * matches than a page, a token that may not list collaborators — is asked once through REST
 * (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`), which stays the authority
 * for anything GraphQL leaves open. 200 issues labelled by 5 maintainers cost 1 request.
 */
import { z } from 'zod'
import { PERMISSION_LEVELS, type Permission } from '../config/schema.js'
import type { GitHubClient } from './client.js'
import { httpStatus } from '../util/errors.js'

/** A repository permission, or `none` for someone without access. */
export type PermissionLevel = Permission | 'none'

const PermissionAnswer = z.looseObject({
  permission: z.string(),
  role_name: z.string().nullish()
})

/**
 * The permission in GitHub's collaborator-permission answer: `role_name` names the finer roles
 * (triage, maintain) that the legacy `permission` field folds into read/write; custom roles fall
 * back to the legacy field.
 */
export function permissionFromApi(answer: {
  permission: string
  role_name?: string | null
}): PermissionLevel {
  const known = (value: string | null | undefined): PermissionLevel | undefined => {
    const lower = value?.toLowerCase()
    if (lower === 'none') return 'none'
    return PERMISSION_LEVELS.find(level => level === lower)
  }
  return known(answer.role_name) ?? known(answer.permission) ?? 'none'
}

/** How many logins one aliased query asks about. */
const PREFETCH_BATCH = 50
/** What GitHub accepts as a login; anything else is left to REST, which answers it with a 404. */
const LOGIN = /^[a-z0-9](?:[a-z0-9-]{0,38})$/i

/** `repository.collaborators` filtered by each login (a substring match: the exact one is picked). */
function collaboratorsQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, index) => `$q${index}: String!`).join(', ')
  const fields = Array.from(
    { length: count },
    (_, index) =>
      `u${index}: collaborators(query: $q${index}, first: 20) { edges { permission node { login } } }`
  ).join('\n    ')
  return `query CcalPermissions($owner: String!, $name: String!, ${variables}) {
  repository(owner: $owner, name: $name) {
    ${fields}
  }
}`
}

const CollaboratorsAnswer = z.object({
  repository: z.record(
    z.string(),
    z
      .object({
        edges: z
          .array(z.object({ permission: z.string(), node: z.object({ login: z.string() }) }).nullable())
          .nullable()
      })
      .nullable()
  )
})

/** A per-run cache of permission lookups. */
export interface PermissionCache {
  /** The login's permission on the repository; `none` when GitHub does not know the user (404). */
  permissionOf(login: string): Promise<PermissionLevel>
  /** Looks up the permissions of `logins` not asked for yet, together, ahead of `permissionOf`. */
  prefetch(logins: Iterable<string>): Promise<void>
  /** Requests sent so far (for the request budget). */
  readonly requests: number
}

/** Creates the cache for one run. Share it between sources so each login costs one request per run. */
export function createPermissionCache(github: GitHubClient): PermissionCache {
  // Promises, not values, are cached: two sources asking at the same moment share one request.
  const cache = new Map<string, Promise<PermissionLevel>>()
  let requests = 0
  const lookup = async (login: string): Promise<PermissionLevel> => {
    requests += 1
    try {
      const response = await github.rest.rest.repos.getCollaboratorPermissionLevel({
        owner: github.owner,
        repo: github.repo,
        username: login
      })
      return permissionFromApi(PermissionAnswer.parse(response.data))
    } catch (error) {
      // 404: not a user GitHub knows for this repository; it has no say here.
      if (httpStatus(error) === 404) return 'none'
      throw error
    }
  }
  const prefetch = async (logins: Iterable<string>): Promise<void> => {
    const wanted = [...new Set([...logins].map(login => login.toLowerCase()))].filter(
      login => !cache.has(login) && LOGIN.test(login)
    )
    // One person is one request either way, and REST is the authority: batching pays from two.
    if (wanted.length < 2) return
    for (let start = 0; start < wanted.length; start += PREFETCH_BATCH) {
      const batch = wanted.slice(start, start + PREFETCH_BATCH)
      requests += 1
      let data: unknown
      try {
        data = await github.graphql<unknown>(collaboratorsQuery(batch.length), {
          owner: github.owner,
          name: github.repo,
          ...Object.fromEntries(batch.map((login, index) => [`q${index}`, login]))
        })
      } catch {
        // No permission to list collaborators, a partial answer, an outage: REST asks one by one.
        continue
      }
      const parsed = CollaboratorsAnswer.safeParse(data)
      if (!parsed.success) continue
      batch.forEach((login, index) => {
        const edges = parsed.data.repository[`u${index}`]?.edges ?? []
        const edge = edges.find(candidate => candidate?.node.login.toLowerCase() === login)
        const level = edge ? permissionFromApi({ permission: edge.permission }) : undefined
        if (level && level !== 'none' && !cache.has(login)) cache.set(login, Promise.resolve(level))
      })
    }
  }
  return {
    prefetch,
    permissionOf(login) {
      const key = login.toLowerCase()
      let found = cache.get(key)
      if (!found) {
        found = lookup(login)
        cache.set(key, found)
        // A failed lookup (network, 5xx after retries) is not remembered: the next asker tries again.
        found.catch(() => cache.delete(key))
      }
      return found
    },
    get requests() {
      return requests
    }
  }
}
