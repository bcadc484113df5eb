/**
 * Signed commits through GitHub's createCommitOnBranch, against the emulator holding a real bare
 * repository as the repository's git data, and real worktrees cloned from it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { graphql } from '@octokit/graphql'
import { DeliveryError } from '../../../src/delivery/git.js'
import { commitSigned, splitMessage } from '../../../src/delivery/signed.js'
import { createGit, type Git } from '../../../src/git/git.js'
import { createGitHubClient, type GitHubClient } from '../../../src/github/client.js'
import { CREATE_COMMIT_ON_BRANCH } from '../../../src/github/queries.js'
import { silentLogger } from '../../../src/util/logger.js'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'
import { createTestRepos, git as gitSync, type TestRepos } from '../../support/repos.js'

const BRANCH = 'ccal/issue/0123abcd-fix-the-greeting'
const MESSAGE = 'ccal: Fix the greeting\n\nSays hello now.\n\nCCAL-Item: 0123abcd4567\n'
const BINARY = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 128])

let repos: TestRepos
let gh: GitHubEmulator
let client: GitHubClient

beforeEach(async () => {
  repos = createTestRepos({
    'greeting.txt': 'helo\n',
    'old.txt': 'to be removed\n',
    'docs/keep.md': 'keep\n',
    'run.sh': '#!/bin/sh\necho hi\n'
  })
  gh = await startGitHubEmulator({
    repo: { owner: 'octo', name: 'demo', default_branch: 'main', git_dir: repos.origin },
    users: [{ login: 'ccal-bot', permission: 'write', type: 'Bot', name: 'CCAL' }],
    tokens: { tok: 'ccal-bot' }
  })
  client = createGitHubClient({
    token: 'tok',
    owner: 'octo',
    repo: 'demo',
    apiUrl: gh.url,
    logger: silentLogger,
    retryUnitMs: 1,
    writeSpacingMs: 0
  })
})

afterEach(async () => {
  await gh.stop()
  repos.cleanup()
})

/** A worktree detached at `start` of origin (main unless said), as CCAL makes one per item. */
function worktreeAt(start = 'main'): { dir: string; git: Git } {
  const dir = repos.clone()
  gitSync(dir, 'checkout', '--quiet', '--detach', `origin/${start}`)
  return { dir, git: createGit({ cwd: dir }) }
}

const options = (replace = true) => ({
  branch: BRANCH,
  base: 'main',
  branchPrefix: 'ccal/',
  message: MESSAGE,
  replace
})

const originHas = (ref: string): boolean => gitSync(repos.origin, 'branch', '--list', ref) !== ''

describe('commitSigned', () => {
  it('commits additions, modifications, deletions, a new nested directory and a binary file as one verified commit on a new branch', async () => {
    const { dir, git } = worktreeAt()
    const main = gitSync(repos.origin, 'rev-parse', 'main')
    writeFileSync(join(dir, 'greeting.txt'), 'hello\n')
    rmSync(join(dir, 'old.txt'))
    mkdirSync(join(dir, 'src/deep/er'), { recursive: true })
    writeFileSync(join(dir, 'src/deep/er/new.ts'), 'export const x = 1\n')
    writeFileSync(join(dir, 'logo.bin'), BINARY)

    const sha = await commitSigned(client, git, options())

    expect(gitSync(repos.origin, 'rev-parse', BRANCH)).toBe(sha)
    expect(gitSync(repos.origin, 'rev-parse', `${sha}^`)).toBe(main)
    expect(gitSync(repos.origin, 'show', `${sha}:greeting.txt`)).toBe('hello')
    expect(gitSync(repos.origin, 'show', `${sha}:src/deep/er/new.ts`)).toBe('export const x = 1')
    expect(gitSync(repos.origin, 'show', `${sha}:docs/keep.md`)).toBe('keep')
    expect(gitSync(repos.origin, 'ls-tree', '--name-only', sha)).not.toContain('old.txt')
    const blob = gitSync(repos.origin, 'rev-parse', `${sha}:logo.bin`)
    expect(blob).toBe(gitSync(dir, 'hash-object', 'logo.bin'))
    // The message: headline, body and the trailer other code looks for; authored by the token's user.
    expect(gitSync(repos.origin, 'log', '-1', '--format=%B', sha)).toBe(MESSAGE.trim())
    expect(gitSync(repos.origin, 'log', '-1', '--format=%an <%ae>|%cn', sha)).toMatch(
      /^CCAL <\d+\+ccal-bot@users\.noreply\.github\.com>\|CCAL$/
    )
    expect(gh.unverifiedCommits(BRANCH)).toEqual([])
    const { data } = await client.rest.rest.repos.getCommit({ owner: 'octo', repo: 'demo', ref: sha })
    expect(data.commit.verification).toMatchObject({ verified: true, reason: 'valid' })
    // The worktree now stands on the signed commit, with nothing left to commit.
    expect(gitSync(dir, 'rev-parse', 'HEAD')).toBe(sha)
    expect(gitSync(dir, 'status', '--porcelain')).toBe('')
    expect(gitSync(dir, 'rev-parse', `origin/${BRANCH}`)).toBe(sha)
    const mutations = gh.requests().filter(r => r.kind === 'graphql')
    expect(mutations.map(r => r.graphql?.operationName)).toEqual(['CcalCreateCommitOnBranch'])
    expect(
      gh
        .requests()
        .slice(0, 3)
        .map(r => r.operationId)
    ).toEqual(['git/get-ref', 'git/create-ref', 'graphql'])
  })

  it('replaces an earlier attempt on the same CCAL branch: the new commit sits on the base', async () => {
    const earlier = worktreeAt()
    writeFileSync(join(earlier.dir, 'greeting.txt'), 'first try\n')
    const first = await commitSigned(client, earlier.git, options())
    const { dir, git } = worktreeAt()
    writeFileSync(join(dir, 'greeting.txt'), 'second try\n')

    const second = await commitSigned(client, git, options(true))

    expect(gitSync(repos.origin, 'rev-parse', `${second}^`)).toBe(gitSync(repos.origin, 'rev-parse', 'main'))
    expect(gitSync(repos.origin, 'rev-list', BRANCH)).not.toContain(first)
    expect(gh.requests().map(r => r.operationId)).toContain('git/update-ref')
    expect(gh.unverifiedCommits(BRANCH)).toEqual([])
  })

  it('appends a follow-up to the branch it started from', async () => {
    const earlier = worktreeAt()
    writeFileSync(join(earlier.dir, 'greeting.txt'), 'hello\n')
    const first = await commitSigned(client, earlier.git, options())
    const { dir, git } = worktreeAt(BRANCH)
    writeFileSync(join(dir, 'greeting.txt'), 'hello, world\n')

    const second = await commitSigned(client, git, options(false))

    expect(gitSync(repos.origin, 'rev-parse', `${second}^`)).toBe(first)
    expect(gh.unverifiedCommits(BRANCH)).toEqual([])
  })

  it('refuses to make the executable bit with a signed commit, naming the file and the setting', async () => {
    const { dir, git } = worktreeAt()
    chmodSync(join(dir, 'greeting.txt'), 0o755)

    const result = commitSigned(client, git, options())

    await expect(result).rejects.toThrow(DeliveryError)
    await expect(result).rejects.toThrow(
      /'greeting\.txt': its mode changes from 100644 to 100755.*sign_commits/
    )
    expect(originHas(BRANCH)).toBe(false)
  })

  it('refuses a change to an executable file and a new symbolic link', async () => {
    const script = worktreeAt()
    gitSync(script.dir, 'update-index', '--chmod=+x', 'run.sh')
    gitSync(script.dir, 'commit', '--quiet', '-m', 'executable')
    gitSync(script.dir, 'push', '--quiet', 'origin', 'HEAD:main')
    const edited = worktreeAt()
    writeFileSync(join(edited.dir, 'run.sh'), '#!/bin/sh\necho bye\n')
    chmodSync(join(edited.dir, 'run.sh'), 0o755)
    await expect(commitSigned(client, edited.git, options())).rejects.toThrow(
      /'run\.sh': it is an executable file/
    )

    const linked = worktreeAt()
    symlinkSync('greeting.txt', join(linked.dir, 'link.txt'))
    await expect(commitSigned(client, linked.git, options())).rejects.toThrow(
      /'link\.txt': it is a symbolic link/
    )
    expect(originHas(BRANCH)).toBe(false)
  })

  it('refuses the base branch and branches outside its prefix before touching anything', async () => {
    const { dir, git } = worktreeAt()
    writeFileSync(join(dir, 'greeting.txt'), 'hello\n')

    await expect(commitSigned(client, git, { ...options(), branch: 'main' })).rejects.toThrow(/refusing/)
    await expect(commitSigned(client, git, { ...options(), branch: 'feature/x' })).rejects.toThrow(/refusing/)
    expect(gh.requests()).toEqual([])
  })

  it('loses a race with another writer: GitHub refuses the stale expected head and nothing is overwritten', async () => {
    const earlier = worktreeAt()
    writeFileSync(join(earlier.dir, 'greeting.txt'), 'hello\n')
    await commitSigned(client, earlier.git, options())
    const { dir, git } = worktreeAt(BRANCH)
    writeFileSync(join(dir, 'greeting.txt'), 'mine\n')
    gh.injectFault({ route: '/graphql', delayMs: 400 })

    const result = commitSigned(client, git, options(false))
    while (gh.faultsTaken() === 0) await new Promise(resolve => setTimeout(resolve, 10))
    const other = worktreeAt(BRANCH)
    writeFileSync(join(other.dir, 'greeting.txt'), 'theirs\n')
    gitSync(other.dir, 'commit', '--quiet', '-am', 'a human pushes')
    gitSync(other.dir, 'push', '--quiet', 'origin', `HEAD:${BRANCH}`)
    const theirs = gitSync(other.dir, 'rev-parse', 'HEAD')

    await expect(result).rejects.toThrow(/moved while CCAL was committing.*Expected branch to point to/)
    expect(gitSync(repos.origin, 'rev-parse', BRANCH)).toBe(theirs)
    expect(gh.unverifiedCommits(BRANCH)).toEqual([theirs])
  })
})

describe("the emulator's createCommitOnBranch", () => {
  const query = () => graphql.defaults({ baseUrl: gh.url, headers: { authorization: 'token tok' } })
  const input = (expectedHeadOid: string, fileChanges: unknown = { additions: [] }) => ({
    input: {
      branch: { repositoryNameWithOwner: 'octo/demo', branchName: 'main' },
      expectedHeadOid,
      message: { headline: 'x' },
      fileChanges
    }
  })

  it("answers a stale expectedHeadOid with GitHub's STALE_DATA error, no violation", async () => {
    const stale = '1'.repeat(40)

    const error = await query()(CREATE_COMMIT_ON_BRANCH, input(stale)).catch((e: unknown) => e)

    expect(error).toMatchObject({
      errors: [
        {
          type: 'STALE_DATA',
          message: `Expected branch to point to "${stale}" but it did not.  Pull and try again.`
        }
      ]
    })
    expect(gh.violations()).toEqual([])
  })

  it('refuses to delete a path the branch does not have, and bad base64', async () => {
    const head = gitSync(repos.origin, 'rev-parse', 'main')

    await expect(
      query()(CREATE_COMMIT_ON_BRANCH, input(head, { deletions: [{ path: 'nope' }] }))
    ).rejects.toThrow(/A path was requested for deletion which does not exist/)
    await expect(
      query()(CREATE_COMMIT_ON_BRANCH, input(head, { additions: [{ path: 'a', contents: 'no!' }] }))
    ).rejects.toThrow(/not valid base64/)
    expect(gitSync(repos.origin, 'rev-parse', 'main')).toBe(head)
    // Both are the client's mistakes: recorded as violations (and cleared here, on purpose).
    expect(gh.violations().map(v => v.kind)).toEqual(['graphql-error', 'graphql-error'])
    gh.clearRequests()
  })

  it("holds the git refs routes to GitHub's rules: no second create, no non-fast-forward update unless forced", async () => {
    const coordinates = { owner: 'octo', repo: 'demo' }
    const main = gitSync(repos.origin, 'rev-parse', 'main')
    const { dir } = worktreeAt()
    writeFileSync(join(dir, 'greeting.txt'), 'ahead\n')
    gitSync(dir, 'commit', '--quiet', '-am', 'ahead')
    gitSync(dir, 'push', '--quiet', 'origin', `HEAD:refs/heads/${BRANCH}`)
    const ahead = gitSync(dir, 'rev-parse', 'HEAD')

    await expect(
      client.rest.rest.git.createRef({ ...coordinates, ref: `refs/heads/${BRANCH}`, sha: main })
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Reference already exists') })
    await expect(
      client.rest.rest.git.updateRef({ ...coordinates, ref: `heads/${BRANCH}`, sha: main })
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('not a fast forward') })
    expect(gitSync(repos.origin, 'rev-parse', BRANCH)).toBe(ahead)
    const { data } = await client.rest.rest.git.updateRef({
      ...coordinates,
      ref: `heads/${BRANCH}`,
      sha: main,
      force: true
    })

    expect(data.object.sha).toBe(main)
    expect(gitSync(repos.origin, 'rev-parse', BRANCH)).toBe(main)
    await expect(client.rest.rest.git.getRef({ ...coordinates, ref: 'heads/nope' })).rejects.toMatchObject({
      status: 404
    })
  })

  it('lists a pushed commit as unverified', () => {
    const { dir } = worktreeAt()
    writeFileSync(join(dir, 'greeting.txt'), 'pushed\n')
    gitSync(dir, 'commit', '--quiet', '-am', 'plain push')
    gitSync(dir, 'push', '--quiet', 'origin', `HEAD:refs/heads/${BRANCH}`)

    expect(gh.unverifiedCommits(BRANCH)).toEqual([gitSync(dir, 'rev-parse', 'HEAD')])
  })
})

describe('splitMessage', () => {
  it('keeps the trailer in the body', () => {
    expect(splitMessage(MESSAGE)).toEqual({
      headline: 'ccal: Fix the greeting',
      body: 'Says hello now.\n\nCCAL-Item: 0123abcd4567'
    })
  })
})
