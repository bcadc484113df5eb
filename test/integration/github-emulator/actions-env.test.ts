/**
 * @actions/github reads GITHUB_API_URL / GITHUB_GRAPHQL_URL when it is first imported, so this file
 * sets them before a dynamic import (jest gives each test file its own module registry).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'

let gh: GitHubEmulator
const saved = { api: process.env.GITHUB_API_URL, graphql: process.env.GITHUB_GRAPHQL_URL }

beforeAll(async () => {
  gh = await startGitHubEmulator({
    repo: { owner: 'octo-org', name: 'demo' },
    issues: [{ number: 7, title: 'x', author: 'alice' }]
  })
  // The GHES layout: REST under /api/v3, GraphQL at /api/graphql.
  process.env.GITHUB_API_URL = `${gh.url}/api/v3`
  process.env.GITHUB_GRAPHQL_URL = `${gh.url}/api/graphql`
})

afterAll(async () => {
  for (const [key, value] of [
    ['GITHUB_API_URL', saved.api] as const,
    ['GITHUB_GRAPHQL_URL', saved.graphql] as const
  ]) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  await gh.stop()
})

it('serves getOctokit configured only by GITHUB_API_URL, REST and GraphQL, as on GHES', async () => {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit('any-token')

  const { data } = await octokit.rest.issues.get({ owner: 'octo-org', repo: 'demo', issue_number: 7 })
  const viewer = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')

  expect(data.url).toBe(`${gh.url}/api/v3/repos/octo-org/demo/issues/7`)
  expect(viewer.viewer.login).toBe('github-actions[bot]')
  expect(gh.requests().map(r => [r.kind, r.path, r.token])).toEqual([
    ['rest', '/repos/octo-org/demo/issues/7', 'any-token'],
    ['graphql', '/graphql', 'any-token']
  ])
})
