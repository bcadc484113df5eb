/**
 * Signed commits: an item's change delivered through GitHub's GraphQL `createCommitOnBranch`
 * mutation instead of `git push`, so that GitHub signs the commit with its own key and marks it
 * verified (branch protection's "Require signed commits"). The change is read from the worktree
 * with git plumbing; the branch is made or moved through the REST Git database API; the mutation's
 * `expectedHeadOid` is the compare-and-swap that refuses a branch someone else moved.
 */
import { GraphqlResponseError } from '@octokit/graphql'
import type { Git } from '../git/git.js'
import type { GitHubClient } from '../github/client.js'
import { CREATE_COMMIT_ON_BRANCH, CreateCommitOnBranchSchema } from '../github/queries.js'
import { httpStatus } from '../util/errors.js'
import { assertOwnBranch, DeliveryError } from './git.js'

/**
 * The most CCAL sends in one mutation (file contents as base64, paths and message). GitHub
 * publishes no limit; commits of about 40 MB are reported to fail, so this stays well below.
 */
export const MAX_SIGNED_COMMIT_BYTES = 25 * 1024 * 1024

/** The one mode createCommitOnBranch writes: a regular, non-executable file. */
const REGULAR_FILE = '100644'

/** GitHub's error type when `expectedHeadOid` is not the branch's head. */
const STALE_DATA = 'STALE_DATA'

/** A file added or changed, with its contents as RFC 4648 base64 (GitHub's `FileAddition`). */
export interface FileAddition {
  path: string
  contents: string
}

/** The change of a commit as `createCommitOnBranch` takes it. */
export interface FileChanges {
  additions: FileAddition[]
  deletions: { path: string }[]
}

/** One entry of `git diff --raw`: modes, blob of the new side, status letter and path. */
interface RawChange {
  oldMode: string
  newMode: string
  newBlob: string
  status: string
  path: string
}

/** Parses `git diff --raw -z --no-renames` output (`:old new oldsha newsha S\0path\0`). */
function parseRawDiff(output: string): RawChange[] {
  const fields = output.split('\0')
  const changes: RawChange[] = []
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const header = fields[index]!
    const path = fields[index + 1]!
    const [oldMode, newMode, , newBlob, status] = header.replace(/^:/, '').split(' ')
    if (!oldMode || !newMode || !newBlob || !status) continue
    changes.push({ oldMode, newMode, newBlob, status: status.charAt(0), path })
  }
  return changes
}

/** What a mode is, for people: `createCommitOnBranch` can only write regular files. */
function describeMode(mode: string): string {
  if (mode === '100755') return 'an executable file'
  if (mode === '120000') return 'a symbolic link'
  if (mode === '160000') return 'a submodule'
  return `mode ${mode}`
}

/**
 * Why `change` cannot be made with createCommitOnBranch, or undefined when it can. The mutation
 * writes every addition as a regular file and has no way to say a mode, so an executable file, a
 * symbolic link or a submodule (added, changed or made so) would come out different from what the
 * agent made. CCAL fails such an item rather than falling back to an unsigned push: where commits
 * must be signed, the push would be refused or leave an unverified commit on the branch.
 */
function unrepresentable(change: RawChange): string | undefined {
  if (change.status === 'D') return undefined
  if (change.newMode !== REGULAR_FILE) {
    return change.status === 'A' || change.oldMode === change.newMode
      ? `it is ${describeMode(change.newMode)}`
      : `its mode changes from ${change.oldMode} to ${change.newMode} (${describeMode(change.newMode)})`
  }
  if (change.status !== 'A' && change.oldMode !== REGULAR_FILE)
    return `it was ${describeMode(change.oldMode)} and becomes a regular file`
  return undefined
}

/**
 * The worktree's change against `parent` as createCommitOnBranch's `FileChanges`: everything is
 * staged (as `git commit --all` would take it, filters and .gitignore applied) and each changed
 * blob is read from the index. Throws a {@link DeliveryError} for a change the mutation cannot
 * express, or one too large to send.
 */
export async function fileChangesOf(git: Git, parent: string): Promise<FileChanges> {
  await git.run(['add', '--all'])
  const raw = await git.run(['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', parent])
  const additions: FileAddition[] = []
  const deletions: { path: string }[] = []
  let bytes = 0
  for (const change of parseRawDiff(raw)) {
    const reason = unrepresentable(change)
    if (reason) {
      throw new DeliveryError(
        `cannot make a signed commit of '${change.path}': ${reason}, and GitHub's createCommitOnBranch writes only regular files. Leave the file's mode as it was, or turn off pull_requests.sign_commits for this repository`
      )
    }
    bytes += change.path.length + 32
    if (change.status === 'D') {
      deletions.push({ path: change.path })
      continue
    }
    const blob = await git.execBuffer(['cat-file', 'blob', change.newBlob])
    if (blob.exitCode !== 0)
      throw new DeliveryError(`cannot read '${change.path}' from the index: ${blob.stderr.trim()}`)
    const contents = blob.stdout.toString('base64')
    bytes += contents.length
    if (bytes > MAX_SIGNED_COMMIT_BYTES) {
      throw new DeliveryError(
        `the change is too large for a signed commit (more than ${MAX_SIGNED_COMMIT_BYTES / 1024 / 1024} MB to send, at '${change.path}'): GitHub's createCommitOnBranch takes the whole change in one request. Turn off pull_requests.sign_commits to push it with git`
      )
    }
    additions.push({ path: change.path, contents })
  }
  return { additions, deletions }
}

/** `{headline, body}` of a commit message: its first line, and the rest (trailers included). */
export function splitMessage(message: string): { headline: string; body: string } {
  const [headline = '', ...rest] = message.replace(/\r\n/g, '\n').split('\n')
  return { headline: headline.trim(), body: rest.join('\n').trim() }
}

/** The branch's head on GitHub, or undefined when there is no such branch. */
async function branchHead(github: GitHubClient, branch: string): Promise<string | undefined> {
  try {
    const { data } = await github.rest.rest.git.getRef({
      owner: github.owner,
      repo: github.repo,
      ref: `heads/${branch}`
    })
    return data.object.sha
  } catch (error) {
    if (httpStatus(error) === 404) return undefined
    throw error
  }
}

/**
 * Puts the branch at `parent` before the commit: makes it when missing; moves it back when this
 * attempt replaces an earlier one of CCAL's; otherwise leaves it, and the mutation's
 * compare-and-swap refuses a branch that is not at `parent`.
 */
async function prepareBranch(
  github: GitHubClient,
  options: { branch: string; parent: string; replace: boolean }
): Promise<void> {
  const head = await branchHead(github, options.branch)
  const coordinates = { owner: github.owner, repo: github.repo }
  if (head === undefined) {
    await github.rest.rest.git.createRef({
      ...coordinates,
      ref: `refs/heads/${options.branch}`,
      sha: options.parent
    })
  } else if (head !== options.parent && options.replace) {
    await github.rest.rest.git.updateRef({
      ...coordinates,
      ref: `heads/${options.branch}`,
      sha: options.parent,
      force: true
    })
  } else if (head !== options.parent) {
    throw new DeliveryError(
      `'${options.branch}' moved to ${head.slice(0, 7)} since this attempt started from ${options.parent.slice(0, 7)}: not overwriting it`
    )
  }
}

/** Whether a GraphQL failure is GitHub's refusal of a stale `expectedHeadOid`. */
function isStaleHead(error: unknown): error is GraphqlResponseError<unknown> {
  return error instanceof GraphqlResponseError && error.errors?.some(e => e.type === STALE_DATA) === true
}

/** Options of {@link commitSigned}. */
export interface SignedCommitOptions {
  branch: string
  base: string
  branchPrefix: string
  /** The whole commit message (subject, body, trailer). */
  message: string
  /** New work may replace an earlier attempt on the same CCAL branch; a follow-up only appends. */
  replace: boolean
  remote?: string
}

/**
 * Commits the worktree's change on `options.branch` through createCommitOnBranch, on top of the
 * commit the worktree started from (HEAD), then fetches the branch and points HEAD at the signed
 * commit, so that what follows reads the commit GitHub made. Returns its sha. `git` fetches from
 * the remote (pass one that authenticates); the GitHub client carries its own token.
 */
export async function commitSigned(
  github: GitHubClient,
  git: Git,
  options: SignedCommitOptions
): Promise<string> {
  assertOwnBranch(options)
  const remote = options.remote ?? 'origin'
  const parent = (await git.run(['rev-parse', 'HEAD'])).trim()
  const fileChanges = await fileChangesOf(git, parent)
  if (fileChanges.additions.length === 0 && fileChanges.deletions.length === 0)
    throw new DeliveryError('nothing to commit: the worktree has no change against its start')
  const tree = (await git.run(['write-tree'])).trim()
  await prepareBranch(github, { branch: options.branch, parent, replace: options.replace })
  let answer: unknown
  try {
    answer = await github.graphql<unknown>(CREATE_COMMIT_ON_BRANCH, {
      input: {
        branch: { repositoryNameWithOwner: `${github.owner}/${github.repo}`, branchName: options.branch },
        expectedHeadOid: parent,
        message: splitMessage(options.message),
        fileChanges
      }
    })
  } catch (error) {
    if (isStaleHead(error)) {
      throw new DeliveryError(
        `'${options.branch}' moved while CCAL was committing to it, so GitHub refused the commit: ${error.errors?.[0]?.message ?? STALE_DATA}`,
        { cause: error }
      )
    }
    throw error
  }
  const oid = CreateCommitOnBranchSchema.parse(answer).createCommitOnBranch?.commit?.oid
  if (!oid) throw new DeliveryError(`GitHub made no commit on '${options.branch}'`)
  const fetched = await git.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    remote,
    `+refs/heads/${options.branch}:refs/remotes/${remote}/${options.branch}`
  ])
  if (fetched.exitCode !== 0)
    throw new DeliveryError(`cannot fetch the signed commit of '${options.branch}': ${fetched.stderr.trim()}`)
  // The same tree as the worktree's, or GitHub committed something other than the agent's change.
  const signedTree = (await git.run(['rev-parse', `${oid}^{tree}`])).trim()
  if (signedTree !== tree)
    throw new DeliveryError(
      `the signed commit ${oid.slice(0, 7)} on '${options.branch}' does not hold the worktree's change (tree ${signedTree.slice(0, 7)}, expected ${tree.slice(0, 7)})`
    )
  await git.run(['reset', '--quiet', '--soft', oid])
  return oid
}
