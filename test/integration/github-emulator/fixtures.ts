/** Shared setup for the emulator's own tests: the documented example scenario and clients for it. */
import { fileURLToPath } from 'node:url'
import { getOctokit } from '@actions/github'
import { graphql } from '@octokit/graphql'
import {
  loadScenarioFile,
  startGitHubEmulator,
  type GitHubEmulator
} from '../../support/github-emulator/index.js'

/** Path of scenarios/basic.json (the README's example). */
export const BASIC_SCENARIO = fileURLToPath(
  new URL('../../support/github-emulator/scenarios/basic.json', import.meta.url)
)

/** owner/repo of the basic scenario. */
export const REPO = { owner: 'octo-org', repo: 'demo' } as const

/** Starts an emulator serving the basic scenario. */
export function startBasic(): Promise<GitHubEmulator> {
  return startGitHubEmulator(loadScenarioFile(BASIC_SCENARIO))
}

/** @actions/github's client for a token, pointed at the emulator. */
export function restClient(gh: GitHubEmulator, token = 'tok-bot'): ReturnType<typeof getOctokit> {
  return getOctokit(token, { baseUrl: gh.url })
}

/** @octokit/graphql pointed at the emulator the way a GHES client is. */
export function graphqlClient(gh: GitHubEmulator, token = 'tok-bot'): typeof graphql {
  return graphql.defaults({ baseUrl: gh.url, headers: { authorization: `token ${token}` } })
}

/** Status of a rejected octokit call (octokit throws RequestError with `status`). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
    return 200
  } catch (error) {
    if (
      typeof error === 'object' &&
      error !== null &&
      'status' in error &&
      typeof error.status === 'number'
    ) {
      return error.status
    }
    throw error
  }
}
