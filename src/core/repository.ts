/**
 * Where CCAL is working: the repository's owner and name, the API endpoints and the run id, from
 * the Actions environment or, outside Actions, from the `origin` remote. Pure: the caller reads the
 * environment and the remote URL.
 */
import { CcalError } from '../util/errors.js'
import { DEFAULT_API_URL, graphqlUrlFor } from '../github/client.js'

export interface RepositoryCoordinates {
  owner: string
  repo: string
}

/** `owner/name` from an https, ssh (`git@host:owner/name.git`) or `ssh://` remote URL; undefined for a local path. */
export function repositoryFromRemoteUrl(url: string): RepositoryCoordinates | undefined {
  const match =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?[^/]+\/(?:.*\/)?([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url) ??
    /^[^@/\s]+@[^:/\s]+:(?:.*\/)?([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url)
  if (!match) return undefined
  return { owner: match[1] as string, repo: match[2] as string }
}

/** The repository from GITHUB_REPOSITORY, else from the origin URL; a clear error when neither names one. */
export function resolveRepository(
  env: NodeJS.ProcessEnv,
  originUrl: string | undefined
): RepositoryCoordinates {
  const named = env.GITHUB_REPOSITORY?.trim()
  if (named) {
    const [owner, repo, extra] = named.split('/')
    if (!owner || !repo || extra !== undefined) {
      throw new CcalError(`GITHUB_REPOSITORY: expected owner/name, found '${named}'`)
    }
    return { owner, repo }
  }
  const fromRemote = originUrl ? repositoryFromRemoteUrl(originUrl) : undefined
  if (fromRemote) return fromRemote
  const why = originUrl ? `the origin remote '${originUrl}' does not name one` : 'there is no origin remote'
  throw new CcalError(
    `cannot tell which GitHub repository this is: set GITHUB_REPOSITORY=owner/name (${why})`
  )
}

export interface ApiEndpoints {
  apiUrl: string
  graphqlUrl: string
}

/** GITHUB_API_URL / GITHUB_GRAPHQL_URL as the runner sets them (GHES too); GitHub.com by default. */
export function resolveApiEndpoints(env: NodeJS.ProcessEnv): ApiEndpoints {
  const apiUrl = (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, '')
  const graphqlUrl = env.GITHUB_GRAPHQL_URL?.trim() || graphqlUrlFor(apiUrl)
  return { apiUrl, graphqlUrl }
}

/** The token outside Actions: GITHUB_TOKEN, else GH_TOKEN (the gh CLI's name). */
export function tokenFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim() || undefined
}

/** The page of the workflow run CCAL runs in (`GITHUB_SERVER_URL/owner/repo/actions/runs/N`), if any. */
export function actionsRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const run = env.GITHUB_RUN_ID?.trim()
  const repository = env.GITHUB_REPOSITORY?.trim()
  if (!run || !/^\d+$/.test(run) || !repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '')
  return `${server}/${repository}/actions/runs/${run}`
}

/** `<run id>-<attempt>` on Actions, so every ledger commit names the workflow run that made it. */
export function actionsRunId(env: NodeJS.ProcessEnv): string | undefined {
  const run = env.GITHUB_RUN_ID?.trim()
  return run ? `${run}-${env.GITHUB_RUN_ATTEMPT?.trim() || '1'}` : undefined
}
