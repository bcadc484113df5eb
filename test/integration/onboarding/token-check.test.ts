/**
 * What `ccal init` says of the token it runs with, against the emulator's answers: the repository
 * permissions of its user, and a classic token's scopes as GitHub lists them in `x-oauth-scopes`.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { checkToken } from '../../../src/cli/commands/init.js'
import { createGitHubClient } from '../../../src/github/client.js'
import { silentLogger } from '../../../src/util/logger.js'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.stop()
  gh = undefined
})

async function linesFor(token: string, repo: { private?: boolean } = {}): Promise<string[]> {
  gh = await startGitHubEmulator({
    repo: { owner: 'octo', name: 'demo', default_branch: 'main', ...repo },
    users: [
      { login: 'writer', permission: 'write' },
      { login: 'reader', permission: 'read' }
    ],
    tokens: {
      'tok-classic-public': 'writer',
      'tok-classic-full': 'writer',
      'tok-fine': 'writer',
      'tok-read': 'reader'
    },
    token_scopes: { 'tok-classic-public': ['public_repo'], 'tok-classic-full': ['repo', 'workflow'] }
  })
  const client = createGitHubClient({
    token,
    owner: 'octo',
    repo: 'demo',
    apiUrl: gh.url,
    logger: silentLogger,
    retryUnitMs: 1,
    writeSpacingMs: 0
  })
  return checkToken(client)
}

describe('the token ccal init runs with', () => {
  it('is enough when it is a classic token with repo and workflow', async () => {
    expect(await linesFor('tok-classic-full')).toEqual(["the token's scopes are enough (repo, workflow)"])
  })

  it('lacks repo on a private repository when it only has public_repo, and says where to add it', async () => {
    const lines = await linesFor('tok-classic-public', { private: true })

    expect(lines).toEqual([
      expect.stringContaining(
        'scopes public_repo: CCAL needs repo; add it at https://github.com/settings/tokens'
      )
    ])
  })

  it('is enough on a public repository with public_repo, short of the workflow scope', async () => {
    expect(await linesFor('tok-classic-public')).toEqual([expect.stringContaining('has no workflow scope')])
  })

  it('says what a fine-grained or App token needs, since GitHub does not list its permissions', async () => {
    expect(await linesFor('tok-fine')).toEqual([
      expect.stringContaining('Contents, Pull requests and Issues: write')
    ])
  })

  it("says when the token's user may only read the repository", async () => {
    expect(await linesFor('tok-read')).toEqual([
      expect.stringContaining('this token may not write to octo/demo (it can only read)')
    ])
  })
})
