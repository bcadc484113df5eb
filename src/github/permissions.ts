/**
 * Repository permissions of the people whose labels, comments and reviews CCAL judges. One cycle
 * asks GitHub at most once per distinct login (`GET /repos/{owner}/{repo}/collaborators/{username}/
 * permission`): a scan of 200 issues labelled by 5 maintainers costs 5 requests, not 200.
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

/** A per-run cache of permission lookups. */
export interface PermissionCache {
  /** The login's permission on the repository; `none` when GitHub does not know the user (404). */
  permissionOf(login: string): Promise<PermissionLevel>
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
  return {
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
