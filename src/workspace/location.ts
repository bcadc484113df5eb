/**
 * Where CCAL keeps its own clone and the items' worktrees: configured, else the runner's temporary
 * directory under Actions (cleaned after every job), else the user's cache directory — never inside
 * the maintainer's checkout.
 */
import { createHash } from 'node:crypto'
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'

/** The work directory for `configured` (relative to the checkout), or the default for this machine. */
export function workDirectory(
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
  checkout: string
): string {
  if (configured) return isAbsolute(configured) ? configured : resolve(checkout, configured)
  if (env.GITHUB_ACTIONS === 'true' && env.RUNNER_TEMP) return join(env.RUNNER_TEMP, 'ccal')
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache')
  return join(cache, 'ccal')
}

/**
 * The directory of one repository inside the work directory, named after its remote so that a
 * daemon serving several repositories keeps them apart and a readable name says which is which.
 */
export function repositorySlug(remoteUrl: string): string {
  const readable = remoteUrl
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .replace(/\.git$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-60)
  const hash = createHash('sha256').update(remoteUrl).digest('hex').slice(0, 8)
  return `${readable || 'repository'}-${hash}`
}

/** A name safe as one path segment, for worktrees named after items and runs. */
export function pathSegment(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'x'
}
