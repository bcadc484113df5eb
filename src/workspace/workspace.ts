/**
 * CCAL's own side of git: a bare repository in the work directory (seeded once from the checkout's
 * objects, by hard links where the file system allows) with the checkout's `origin`, and one
 * worktree per item beside it. Every fetch, item branch, commit, push and ledger write happens
 * here; the maintainer's checkout is only read — its remote's URL, its objects when seeding, and
 * whether it sits at the base branch — and its files, index, HEAD, refs, stashes, hooks and config
 * are never written.
 *
 * Each worktree has a marker (`<name>.json` beside it) saying which run made it for which item, on
 * which host and in which process, so that the next cycle can remove what a killed run left.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { createGit, NEUTRAL_GIT_CONFIG, withTokenAuth, type Git } from '../git/git.js'
import { CcalError, errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'
import type { TokenSource } from '../util/token-source.js'
import { pathSegment, repositorySlug } from './location.js'

export class WorkspaceError extends CcalError {}

/** Who made a worktree, so that a later cycle can tell a live one from a crashed run's. */
const MarkerSchema = z.object({
  runId: z.string(),
  itemId: z.string().nullable(),
  purpose: z.enum(['item', 'discovery']),
  host: z.string(),
  pid: z.number().int(),
  createdAt: z.string()
})
export type WorktreeMarker = z.infer<typeof MarkerSchema>

/** One worktree of CCAL's repository, detached at the commit it was made from. */
export interface Worktree {
  readonly name: string
  readonly dir: string
  /** Git in the worktree (hooks and fsmonitor off). */
  readonly git: Git
  /** The commit it was made from. */
  readonly startSha: string
  readonly marker: WorktreeMarker
  /** Removes the worktree, its administrative files and its marker. Never throws. */
  remove(): Promise<void>
}

export interface WorkspaceOptions {
  /** The maintainer's checkout: read, never written. */
  checkout: string
  /** The work directory (see location.ts). */
  directory: string
  /** GitHub tokens for an HTTPS remote, asked for by each command that reaches it (never stored). */
  tokens?: TokenSource
  /** The checkout's remote CCAL's clone follows (as its `origin`); default `origin`. */
  remote?: string
  runId: string
  logger?: Logger
  /** Environment git runs in; defaults to `process.env`. */
  baseEnv?: NodeJS.ProcessEnv
}

/** The host name markers compare with (a work directory may be shared by machines over NFS). */
const HOST = hostname()

/** True when a process with `pid` runs on this host (it may have been reused; then the lease decides). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** CCAL's repository and worktrees for one checkout's remote. */
export class Workspace {
  /** Git in CCAL's bare repository. */
  readonly git: Git
  /** Git in CCAL's repository with the remote's credentials. */
  readonly remote: Git
  private readonly worktrees: string
  /** Fetches into the same remote-tracking refs would fight over ref locks: one at a time. */
  private fetching: Promise<unknown> = Promise.resolve()
  /** Worktrees made so far by this run, for unique names. */
  private made = 0

  private constructor(
    readonly options: WorkspaceOptions,
    /** The repository's directory in the work directory. */
    readonly root: string,
    /** CCAL's bare repository. */
    readonly repoDir: string,
    /** The checkout's `origin`. */
    readonly remoteUrl: string
  ) {
    const logger = options.logger ?? silentLogger
    this.git = createGit({
      cwd: repoDir,
      logger,
      config: NEUTRAL_GIT_CONFIG,
      baseEnv: ccalGitEnv(options.baseEnv)
    })
    this.remote = withTokenAuth(this.git, remoteUrl, options.tokens)
    this.worktrees = join(root, 'worktrees')
  }

  /** Opens (creating on first use) CCAL's repository for the checkout's `origin`. */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const checkout = readOnlyGit(options.checkout, options.baseEnv ? { baseEnv: options.baseEnv } : {})
    const remote = options.remote ?? 'origin'
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote))
      throw new WorkspaceError(`invalid remote name '${remote}'`)
    const url = await checkout.exec(['remote', 'get-url', remote])
    if (url.exitCode !== 0) {
      const inside = await checkout.exec(['rev-parse', '--git-dir'])
      throw new WorkspaceError(
        inside.exitCode !== 0
          ? `${options.checkout} is not inside a git repository`
          : `the repository at ${options.checkout} has no remote '${remote}'`
      )
    }
    const remoteUrl = url.stdout.trim()
    const root = join(options.directory, repositorySlug(remoteUrl))
    const repoDir = join(root, 'repo.git')
    const workspace = new Workspace(options, root, repoDir, remoteUrl)
    await workspace.ensureRepository()
    return workspace
  }

  private async ensureRepository(): Promise<void> {
    await mkdir(this.worktrees, { recursive: true })
    if (!(await this.isRepository())) await this.createRepository()
    // The checkout's remote may have moved; written only when it did (several runs may open at once).
    const configured = await this.git.exec(['config', '--get', 'remote.origin.url'])
    if (configured.stdout.trim() !== this.remoteUrl)
      await this.git.run(['config', 'remote.origin.url', this.remoteUrl])
  }

  /**
   * Makes CCAL's repository under a temporary name and renames it into place, so that a run killed
   * half-way never leaves a half-made repository where the next one looks, and of runs starting at
   * once the first one's repository is the one all use.
   */
  private async createRepository(): Promise<void> {
    const logger = this.options.logger ?? silentLogger
    const temporary = `${this.repoDir}.${process.pid}.${Date.now()}`
    const seeded = await this.git.exec(
      ['clone', '--bare', '--quiet', '--no-tags', this.options.checkout, temporary],
      {
        cwd: this.root
      }
    )
    if (seeded.exitCode !== 0) {
      logger.debug(`workspace: could not seed from the checkout (${seeded.stderr.trim()}); starting empty`)
      await rm(temporary, { recursive: true, force: true })
      await this.git.run(['init', '--bare', '--quiet', temporary], { cwd: this.root })
    } else {
      // The checkout's branches are the maintainer's, not the remote's: only the objects stay.
      const refs = await this.git.run(['for-each-ref', '--format=delete %(refname)'], { cwd: temporary })
      if (refs.trim()) await this.git.run(['update-ref', '--stdin'], { cwd: temporary, input: refs })
    }
    await this.git.run(['config', 'remote.origin.url', this.remoteUrl], { cwd: temporary })
    try {
      await rename(temporary, this.repoDir)
      logger.info(`workspace: CCAL's repository for ${this.remoteUrl} is ${this.repoDir}`)
      return
    } catch (error) {
      if (await this.isRepository()) {
        // Another run made it first: use theirs.
        await rm(temporary, { recursive: true, force: true })
        return
      }
      if (!existsSync(this.repoDir)) throw error
    }
    // Something that is no repository is in the way (an older, broken attempt): set it aside.
    await rename(this.repoDir, `${this.repoDir}.broken.${process.pid}.${Date.now()}`)
    await rename(temporary, this.repoDir)
  }

  private async isRepository(): Promise<boolean> {
    if (!existsSync(join(this.repoDir, 'HEAD'))) return false
    const bare = await this.git.exec(['rev-parse', '--is-bare-repository'])
    return bare.exitCode === 0 && bare.stdout.trim() === 'true'
  }

  /**
   * Fetches `branch` from the remote into `refs/remotes/origin/<branch>` and returns its tip, or
   * undefined when the remote has no such branch.
   */
  async fetchBranch(branch: string): Promise<string | undefined> {
    const fetch = async (): Promise<string | undefined> => {
      for (let attempt = 1; ; attempt++) {
        const result = await this.remote.exec([
          'fetch',
          '--quiet',
          '--no-tags',
          'origin',
          `+refs/heads/${branch}:refs/remotes/origin/${branch}`
        ])
        if (result.exitCode === 0) break
        if (/couldn't find remote ref/i.test(result.stderr)) return undefined
        // Runs sharing this repository (a runner pool, two daemons) contend for the ref's lock.
        if (/cannot lock ref|unable to create .*\.lock|File exists/i.test(result.stderr) && attempt < 20) {
          await new Promise(resolve => setTimeout(resolve, 50 * attempt))
          continue
        }
        throw new WorkspaceError(`cannot fetch '${branch}' from origin: ${result.stderr.trim()}`)
      }
      return (await this.git.run(['rev-parse', `refs/remotes/origin/${branch}^{commit}`])).trim()
    }
    const next = this.fetching.then(fetch)
    this.fetching = next.catch(() => undefined)
    return next
  }

  /** True when the remote has `branch`. */
  async hasRemoteBranch(branch: string): Promise<boolean> {
    const result = await this.remote.exec(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`])
    if (result.exitCode !== 0)
      throw new WorkspaceError(`cannot list branches of origin: ${result.stderr.trim()}`)
    return result.stdout.trim() !== ''
  }

  /** Makes a worktree at `commit`, detached, with its marker written first. */
  async addWorktree(options: {
    commit: string
    itemId?: string
    purpose: WorktreeMarker['purpose']
    /**
     * The worktree's name, e.g. the item's branch: the same path every time an item's branch is
     * worked on, so that a resumed Claude session finds the files where it read them before.
     * Taken with a suffix while another run uses it.
     */
    name?: string
  }): Promise<Worktree> {
    const label = options.itemId ?? options.purpose
    this.made += 1
    const marker: WorktreeMarker = {
      runId: this.options.runId,
      itemId: options.itemId ?? null,
      purpose: options.purpose,
      host: HOST,
      pid: process.pid,
      createdAt: new Date().toISOString()
    }
    // The marker claims the name: runs sharing this directory never take the same one.
    let name = pathSegment(options.name ?? `${label}.${this.options.runId}.${this.made}`)
    for (
      let suffix = 2;
      existsSync(join(this.worktrees, name)) ||
      !(await claimName(join(this.worktrees, `${name}.json`), marker));
      suffix++
    )
      name = pathSegment(`${options.name ?? label}.${suffix}`)
    const dir = join(this.worktrees, name)
    // Git LFS files stay pointers: their smudge filter would fetch from the remote without
    // credentials, and a failed download would fail the whole checkout.
    const added = await this.git.exec(['worktree', 'add', '--quiet', '--detach', dir, options.commit], {
      env: { GIT_LFS_SKIP_SMUDGE: '1' }
    })
    if (added.exitCode !== 0) {
      await this.removeWorktree(name)
      throw new WorkspaceError(`cannot make a worktree for ${label}: ${added.stderr.trim()}`)
    }
    const git = createGit({
      cwd: dir,
      logger: this.options.logger ?? silentLogger,
      config: NEUTRAL_GIT_CONFIG,
      baseEnv: ccalGitEnv(this.options.baseEnv)
    })
    return {
      name,
      dir,
      git,
      startSha: options.commit,
      marker,
      remove: () => this.removeWorktree(name)
    }
  }

  /** Removes a worktree by name: its directory, git's administrative files and the marker. */
  async removeWorktree(name: string): Promise<void> {
    const logger = this.options.logger ?? silentLogger
    const dir = join(this.worktrees, name)
    const removed = await this.git.exec(['worktree', 'remove', '--force', '--force', dir])
    if (removed.exitCode !== 0) {
      await rm(dir, { recursive: true, force: true }).catch(error =>
        logger.warning(`workspace: could not remove ${dir}: ${errorMessage(error)}`)
      )
      await this.git.exec(['worktree', 'prune'])
    }
    await rm(`${dir}.json`, { force: true })
  }

  /**
   * Removes worktrees nobody uses any more: those whose maker's process is gone from this host, or
   * whose item `isLive` says no run holds. Returns the names removed.
   */
  async pruneStale(isLive: (marker: WorktreeMarker) => boolean): Promise<string[]> {
    const all = await readdir(this.worktrees).catch(() => [] as string[])
    // A marker being written by another run is not a worktree; one left by a killed run is removed.
    for (const entry of all.filter(isMarkerDraft))
      if (await isOlderThan(join(this.worktrees, entry), DRAFT_TTL_MS))
        await rm(join(this.worktrees, entry), { force: true })
    const entries = all.filter(entry => !isMarkerDraft(entry))
    const markers = new Set(entries.filter(entry => entry.endsWith('.json')).map(entry => entry.slice(0, -5)))
    const removed: string[] = []
    for (const name of new Set([...markers, ...entries.filter(entry => !entry.endsWith('.json'))])) {
      const marker = markers.has(name) ? await readMarker(join(this.worktrees, `${name}.json`)) : undefined
      if (marker && marker.runId === this.options.runId) continue
      // A process alive on this host is its own proof of life (the ledger read at the start of this
      // cycle may not show the lease it took since); elsewhere, the lease decides.
      // An earlier cycle of this very process (a daemon) is over, whatever its lease says.
      const stale =
        !marker ||
        (marker.host === HOST ? marker.pid === process.pid || !isAlive(marker.pid) : !isLive(marker))
      if (!stale) continue
      await this.removeWorktree(name)
      removed.push(name)
    }
    await this.git.exec(['worktree', 'prune'])
    return removed
  }
}

/** A marker's draft: written beside it under this suffix, then linked into place. */
const DRAFT_SUFFIX = '.draft'
/** A draft older than this was left by a run killed while writing it. */
const DRAFT_TTL_MS = 10 * 60 * 1000

function isMarkerDraft(entry: string): boolean {
  return entry.endsWith(DRAFT_SUFFIX)
}

async function isOlderThan(path: string, ms: number): Promise<boolean> {
  const info = await stat(path).catch(() => null)
  return info !== null && Date.now() - info.mtimeMs > ms
}

/**
 * Writes `marker` at `path` whole and only when nothing is there: false when another run has the
 * name. A reader sees the whole marker or none (a half-written one would read as no marker, and
 * its worktree as abandoned).
 */
async function claimName(path: string, marker: WorktreeMarker): Promise<boolean> {
  // Its own draft: calls of one process at the same millisecond must not share (nor remove) one.
  const draft = `${path}.${process.pid}.${randomUUID().slice(0, 8)}${DRAFT_SUFFIX}`
  const text = `${JSON.stringify(marker, null, 2)}\n`
  await writeFile(draft, text)
  try {
    await link(draft, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error
    // A file system without hard links: exclusive still, though not whole at every instant.
    return writeFile(path, text, { flag: 'wx' }).then(
      () => true,
      (failure: NodeJS.ErrnoException) => {
        if (failure.code === 'EEXIST') return false
        throw failure
      }
    )
  } finally {
    await rm(draft, { force: true })
  }
}

async function readMarker(path: string): Promise<WorktreeMarker | undefined> {
  try {
    return MarkerSchema.parse(JSON.parse(await readFile(path, 'utf8')))
  } catch {
    return undefined
  }
}

/**
 * The environment of CCAL's git in its own repository: the machine-wide config is not read either
 * (`GIT_CONFIG_NOSYSTEM`), so that nothing but CCAL's repository config and the user's own applies.
 */
function ccalGitEnv(baseEnv: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...baseEnv, GIT_CONFIG_NOSYSTEM: '1' }
}

/**
 * Git in the maintainer's checkout, for reading only: `GIT_OPTIONAL_LOCKS=0` stops even `git status`
 * from refreshing and rewriting the index.
 */
export function readOnlyGit(
  checkout: string,
  options: { baseEnv?: NodeJS.ProcessEnv; logger?: Logger } = {}
): Git {
  return createGit({
    cwd: checkout,
    baseEnv: { ...(options.baseEnv ?? process.env), GIT_OPTIONAL_LOCKS: '0' },
    config: NEUTRAL_GIT_CONFIG,
    ...(options.logger ? { logger: options.logger } : {})
  })
}
