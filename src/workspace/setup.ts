/**
 * A fresh worktree has no dependencies or build output. Two ways to give it some, both configured
 * under `ccal.workspace`: `reuse` copies ignored directories (node_modules, .venv) from the checkout
 * when the lock files beside them are the same as the worktree's, and `setup_command` (`npm ci`)
 * runs in the worktree before anything else does. A copy is a copy: nothing run in the worktree can
 * write the checkout's directories.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, normalize, sep } from 'node:path'
import type { Git } from '../git/git.js'
import { errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'

/** Lock files that say whether a dependency directory built for one tree fits another. */
export const LOCK_FILES: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'package.json',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'requirements.txt',
  'pyproject.toml',
  'Cargo.lock',
  'go.sum',
  'Gemfile.lock',
  'composer.lock',
  'mix.lock',
  'pubspec.lock',
  'gradle.lockfile',
  'packages.lock.json'
]

/** What reusing the checkout's directories did, entry by entry. */
export interface ReuseReport {
  readonly copied: string[]
  readonly skipped: { entry: string; reason: string }[]
}

/** True for a path inside the tree: relative, without `..`. */
function isInsideTree(entry: string): boolean {
  const normal = normalize(entry)
  return !isAbsolute(normal) && normal !== '..' && !normal.startsWith(`..${sep}`) && normal !== '.'
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([readFile(a).catch(() => null), readFile(b).catch(() => null)])
  if (left === null || right === null) return left === right
  return left.equals(right)
}

/** The first lock file that differs between the checkout and the worktree, at the root or beside `entry`. */
async function differingLockFile(
  checkout: string,
  worktree: string,
  entry: string
): Promise<string | undefined> {
  const places = new Set(['.', dirname(entry)])
  for (const place of places) {
    for (const name of LOCK_FILES) {
      const path = place === '.' ? name : join(place, name)
      if (!(await sameFile(join(checkout, path), join(worktree, path)))) return path
    }
  }
  return undefined
}

/** Copies `from` to `to` with cp (copy-on-write where the file system can), else with Node's copy. */
async function copyDirectory(from: string, to: string): Promise<void> {
  const copied = await new Promise<boolean>(resolve => {
    const child = spawn('cp', ['-a', '--reflink=auto', from, to], { stdio: 'ignore' })
    child.on('error', () => resolve(false))
    child.on('close', code => resolve(code === 0))
  })
  if (!copied) await cp(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true })
}

/** Copies each ignored `entries` directory of the checkout into the worktree when their lock files match. */
export async function reuseDirectories(options: {
  checkout: string
  worktree: string
  /** Git in the worktree (to ask whether an entry is ignored). */
  git: Git
  entries: readonly string[]
  logger?: Logger
}): Promise<ReuseReport> {
  const logger = options.logger ?? silentLogger
  const report: ReuseReport = { copied: [], skipped: [] }
  for (const entry of options.entries) {
    const skip = (reason: string) => {
      report.skipped.push({ entry, reason })
      logger.info(`workspace: not reusing ${entry}: ${reason}`)
    }
    if (!isInsideTree(entry)) {
      skip('expected a path inside the repository, such as node_modules')
      continue
    }
    const source = join(options.checkout, entry)
    const target = join(options.worktree, entry)
    if (!existsSync(source)) {
      skip('the checkout has none')
      continue
    }
    if (existsSync(target)) {
      skip('the worktree has one already')
      continue
    }
    // A directory git does not ignore would become part of the change.
    // (With a trailing slash: the worktree has no such directory yet, and `dir/` rules need one.)
    const ignored = await options.git.exec(['check-ignore', '--quiet', '--no-index', `${normalize(entry)}/`])
    if (ignored.exitCode !== 0) {
      skip('git does not ignore it, so it would be committed')
      continue
    }
    const differs = await differingLockFile(options.checkout, options.worktree, entry)
    if (differs) {
      skip(`${differs} differs from the checkout's`)
      continue
    }
    try {
      const started = Date.now()
      await copyDirectory(source, target)
      report.copied.push(entry)
      logger.info(`workspace: copied ${entry} from the checkout (${Date.now() - started} ms)`)
    } catch (error) {
      skip(`copying failed: ${errorMessage(error)}`)
    }
  }
  return report
}
