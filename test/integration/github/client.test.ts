/**
 * CCAL's GitHub client against the emulator: a call GitHub never answers fails within its time
 * limit, saying what was not answered, instead of hanging the run; a slow first attempt is retried.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createGitHubClient, type GitHubClient } from '../../../src/github/client.js'
import { silentLogger } from '../../../src/util/logger.js'
import type { GitHubEmulator } from '../../support/github-emulator/index.js'
import { REPO, startBasic } from '../github-emulator/fixtures.js'

let gh: GitHubEmulator
beforeEach(async () => {
  gh = await startBasic()
})
afterEach(async () => {
  await gh.stop()
})

function client(retries: number): GitHubClient {
  return createGitHubClient({
    token: 'tok-bot',
    ...REPO,
    apiUrl: gh.url,
    logger: silentLogger,
    retries,
    retryUnitMs: 1,
    writeSpacingMs: 0,
    timeoutMs: 300
  })
}

describe('a GitHub call that gets no answer', () => {
  it('fails within its time limit, naming the call and the setting', async () => {
    gh.injectFault({ route: '/repos/{owner}/{repo}', delayMs: 1_200 })

    await expect(client(0).rest.rest.repos.get(REPO)).rejects.toThrow(
      `no answer from /repos/${REPO.owner}/${REPO.repo} within 0.3 s (ccal.loop.request_timeout_seconds)`
    )
  })

  it('fails a GraphQL query the same way', async () => {
    gh.injectFault({ route: '/graphql', delayMs: 1_200 })

    await expect(client(0).graphql('query { viewer { login } }')).rejects.toThrow(
      /no answer from \/graphql within 0.3 s/
    )
  })

  it('is retried: an answer to the next attempt is taken', async () => {
    gh.injectFault({ route: '/repos/{owner}/{repo}', delayMs: 1_200, times: 1 })

    const { data } = await client(2).rest.rest.repos.get(REPO)

    expect(data.name).toBe(REPO.repo)
  })
})
