/**
 * How CCAL learns who may ask it for work: one aliased GraphQL query for everyone a scan is about
 * to judge, REST for whoever that query leaves open. Against the emulator, which checks every
 * request against GitHub's schema and, like GitHub, lists collaborators only to push access.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { createGitHubClient } from '../../../src/github/client.js'
import { createPermissionCache } from '../../../src/github/permissions.js'
import { silentLogger } from '../../../src/util/logger.js'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.stop()
  gh = undefined
})

async function cacheAs(token: string) {
  gh = await startGitHubEmulator({
    users: [
      { login: 'maya', permission: 'maintain' },
      { login: 'al', permission: 'write' },
      { login: 'alice', permission: 'admin' },
      { login: 'reader', permission: 'read' }
    ],
    tokens: { 'tok-writer': 'al', 'tok-reader': 'reader' }
  })
  const github = createGitHubClient({
    token,
    owner: 'octo-org',
    repo: 'demo',
    apiUrl: gh.url,
    logger: silentLogger,
    retryUnitMs: 1,
    writeSpacingMs: 0
  })
  return createPermissionCache(github)
}

const asked = () =>
  gh!.requests().map(entry => (entry.kind === 'graphql' ? entry.graphql?.operationName : entry.operationId))

describe('permission lookups', () => {
  it('answer for everyone a scan judges with one query, and ask REST only about whom it does not list', async () => {
    const permissions = await cacheAs('tok-writer')

    await permissions.prefetch(['maya', 'AL', 'stranger'])
    const levels = await Promise.all(['maya', 'al', 'stranger'].map(login => permissions.permissionOf(login)))

    expect(levels).toEqual(['maintain', 'write', 'none'])
    // `al` matches al and alice: the exact login is the one that counts.
    expect(asked()).toEqual(['CcalPermissions', 'repos/get-collaborator-permission-level'])
    expect(permissions.requests).toBe(2)
  })

  it('fall back to one REST lookup per person when the token may not list collaborators', async () => {
    const permissions = await cacheAs('tok-reader')

    await permissions.prefetch(['maya', 'alice'])
    const levels = await Promise.all(['maya', 'alice', 'maya'].map(login => permissions.permissionOf(login)))

    expect(levels).toEqual(['maintain', 'admin', 'maintain'])
    expect(asked()).toEqual([
      'CcalPermissions',
      'repos/get-collaborator-permission-level',
      'repos/get-collaborator-permission-level'
    ])
  })
})
