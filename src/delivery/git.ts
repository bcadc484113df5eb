/**
 * Branches, commits and pushes for work items, through the git choke point. Credentials are passed
 * per command; CCAL never pushes to the base branch and never force-pushes a branch it did not make.
 */
import { CcalError } from '../util/errors.js'
import { withTokenAuth, type Git } from '../git/git.js'
import type { TokenSource } from '../util/token-source.js'

export class DeliveryError extends CcalError {}

export interface Identity {
  name: string
  email: string
}

function identityEnv(identity: Identity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email
  }
}

/** The URL of a remote, as configured. */
export async function remoteUrl(git: Git, remote = 'origin'): Promise<string> {
  return (await git.run(['remote', 'get-url', remote])).trim()
}

/**
 * A git client that authenticates to `remote` for HTTPS remotes with the source's token of the
 * moment, asked for by each command that reaches the remote.
 */
export async function authenticated(
  git: Git,
  tokens: TokenSource | undefined,
  remote = 'origin'
): Promise<Git> {
  if (!tokens) return git
  return withTokenAuth(git, await remoteUrl(git, remote), tokens)
}

/** True when the working tree has changes (tracked or untracked) to commit. */
export async function hasChanges(git: Git): Promise<boolean> {
  return (await git.run(['status', '--porcelain', '--untracked-files=all'])).trim().length > 0
}

async function remoteBranchSha(git: Git, branch: string, remote: string): Promise<string | undefined> {
  const result = await git.exec(['ls-remote', '--heads', remote, `refs/heads/${branch}`])
  if (result.exitCode !== 0)
    throw new DeliveryError(`cannot list branches of ${remote}: ${result.stderr.trim()}`)
  return result.stdout.split(/\s+/)[0] || undefined
}

/**
 * The branch an item's worktree starts from: a follow-up continues its existing remote branch; new
 * work starts from the tip of the base branch. Refuses to work on the base branch itself.
 */
export async function startBranch(
  remote: { hasRemoteBranch(branch: string): Promise<boolean> },
  options: { branch: string; base: string; followUp: boolean }
): Promise<string> {
  if (options.branch === options.base)
    throw new DeliveryError(`refusing to work on the base branch '${options.base}'`)
  return options.followUp && (await remote.hasRemoteBranch(options.branch)) ? options.branch : options.base
}

/** Commits every change in the working tree as CCAL; returns the new sha. */
export async function commitAll(git: Git, options: { message: string; identity: Identity }): Promise<string> {
  await git.run(['add', '--all'])
  await git.run(['commit', '--quiet', '--no-verify', '-F', '-'], {
    input: options.message,
    env: identityEnv(options.identity)
  })
  return (await git.run(['rev-parse', 'HEAD'])).trim()
}

/** Refuses any branch but CCAL's own: never the base branch, only names under CCAL's prefix. */
export function assertOwnBranch(options: { branch: string; base: string; branchPrefix: string }): void {
  if (options.branch === options.base || !options.branch.startsWith(options.branchPrefix)) {
    throw new DeliveryError(
      `refusing to push to '${options.branch}': CCAL pushes only to its own '${options.branchPrefix}' branches`
    )
  }
}

/**
 * Pushes HEAD to the item's branch. New work may replace an earlier attempt on the same CCAL branch
 * (with a lease on what was there); a follow-up only fast-forwards.
 */
export async function pushBranch(
  git: Git,
  options: { branch: string; base: string; branchPrefix: string; remote?: string; replace: boolean }
): Promise<void> {
  const remote = options.remote ?? 'origin'
  assertOwnBranch(options)
  const args = ['push', '--quiet', '--no-verify', remote, `HEAD:refs/heads/${options.branch}`]
  if (options.replace) {
    const current = await remoteBranchSha(git, options.branch, remote)
    args.splice(2, 0, `--force-with-lease=refs/heads/${options.branch}:${current ?? ''}`)
  }
  const result = await git.exec(args)
  if (result.exitCode !== 0) {
    const fix = pushFailureFix(result.stderr)
    throw new DeliveryError(
      `push to '${options.branch}' was rejected: ${pushRefusal(result.stderr)}${fix ? ` Fix: ${fix}` : ''}`
    )
  }
}

/** The line of git's answer that says why a push was refused (not the `To <url>` line before it). */
function pushRefusal(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map(line => line.replace(/^remote:\s*/, '').trim())
    .filter(Boolean)
  return (
    lines.find(line => /rejected|refus|error|denied|fatal|GH\d{3}/i.test(line)) ??
    lines[0] ??
    'no reason given'
  )
}

/**
 * The one-line fix for a push GitHub refused for a known reason, named by its message: a change to
 * a workflow file without the workflows permission (the agent edited `.github/workflows/`), a branch
 * protection rule or ruleset over CCAL's branches, a token that may not write.
 */
export function pushFailureFix(stderr: string): string | undefined {
  if (/refusing to allow .* to create or update workflow/i.test(stderr))
    return "the change edits a workflow file: give the token the workflows permission (a GitHub App's Workflows: write, a personal token's workflow scope), or keep '.github/workflows/**' in safety.excluded_paths (the default)."
  if (/GH006|GH013|protected branch|repository rule violations/i.test(stderr))
    return "a branch protection rule or ruleset covers CCAL's branches: exempt them (bypass list, or a rule that skips ccal/**), or move them with pull_requests.branch_prefix."
  if (/permission to .* denied|returned error: 403|write access to repository not granted/i.test(stderr))
    return "the token may not push: give it contents: write (the workflow's permissions:, or the GitHub App's repository permissions)."
  return undefined
}
