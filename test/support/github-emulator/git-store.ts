/**
 * The repository's git data, for the parts of the API that write commits and refs (the Git database
 * REST routes and GraphQL `createCommitOnBranch`): real git plumbing over the bare repository a
 * scenario names in `repo.git_dir` — the same one tests use as `origin`. Commits made here are the
 * ones GitHub would sign with its own key: their shas go into `verified`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A failure of the git layer, worded for the API's answer. */
export class GitStoreError extends Error {
  override readonly name = 'GitStoreError'
}

/** Identity of a commit's author and committer. */
export interface GitIdentity {
  name: string
  email: string
  date: string
}

/** A commit as read back from the repository. */
export interface GitCommit {
  sha: string
  tree: string
  parents: string[]
  message: string
  author: GitIdentity
  committer: GitIdentity
}

const ISOLATED_ENV: NodeJS.ProcessEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0'
}

/** The git side of one emulated repository. */
export class GitStore {
  /** Commits GitHub made (and signed) through the API. */
  readonly verified = new Set<string>()

  constructor(readonly gitDir: string) {}

  private git(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): string {
    try {
      return execFileSync('git', ['--git-dir', this.gitDir, ...args], {
        env: { ...process.env, ...ISOLATED_ENV, ...options.env },
        input: options.input,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        maxBuffer: 256 * 1024 * 1024
      }).trim()
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error)
      throw new GitStoreError(stderr.trim())
    }
  }

  private tryGit(args: string[]): string | undefined {
    try {
      return this.git(args)
    } catch {
      return undefined
    }
  }

  /** The sha a full ref (`refs/heads/x`) points to, or undefined when there is none. */
  resolveRef(ref: string): string | undefined {
    return this.tryGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  }

  /** The commit sha a name (sha, branch, tag) means, or undefined. */
  resolveCommit(name: string): string | undefined {
    return (
      this.tryGit(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]) ??
      this.resolveRef(`refs/heads/${name}`)
    )
  }

  /** Whether an object with this sha exists. */
  hasObject(sha: string): boolean {
    return this.tryGit(['cat-file', '-e', sha]) !== undefined
  }

  /** The object type of a sha (`commit`, `tree`, ...). */
  objectType(sha: string): string {
    return this.git(['cat-file', '-t', sha])
  }

  /** Whether `ancestor` is `descendant` or one of its ancestors. */
  isAncestor(ancestor: string, descendant: string): boolean {
    return this.tryGit(['merge-base', '--is-ancestor', ancestor, descendant]) !== undefined
  }

  /** Sets `ref` to `sha`; with `expected`, only when the ref is at it now ('' = must not exist). */
  updateRef(ref: string, sha: string, expected?: string): boolean {
    const args = ['update-ref', ref, sha]
    if (expected !== undefined) args.push(expected || '0'.repeat(40))
    return this.tryGit(args) !== undefined
  }

  /** Whether `path` is in the tree of `commit`. */
  hasPath(commit: string, path: string): boolean {
    return this.tryGit(['cat-file', '-e', `${commit}:${path}`]) !== undefined
  }

  /**
   * A new commit on top of `parent`: its tree with `deletions` removed and `additions` written as
   * regular files (mode 100644, as createCommitOnBranch writes them). Built in a temporary index;
   * the ref is not moved.
   */
  commitOnTop(options: {
    parent: string
    additions: { path: string; contents: Buffer }[]
    deletions: string[]
    message: string
    author: Omit<GitIdentity, 'date'>
    date: string
  }): string {
    const scratch = mkdtempSync(join(tmpdir(), 'emulator-index-'))
    // update-index refuses to run without a work tree: an empty one it never reads.
    const env = { GIT_INDEX_FILE: join(scratch, 'index'), GIT_WORK_TREE: scratch }
    try {
      this.git(['read-tree', options.parent], { env })
      for (const path of options.deletions) this.git(['update-index', '--force-remove', '--', path], { env })
      for (const addition of options.additions) {
        const blob = this.git(['hash-object', '-w', '--stdin'], { input: addition.contents })
        this.git(['update-index', '--add', '--cacheinfo', `100644,${blob},${addition.path}`], { env })
      }
      const tree = this.git(['write-tree'], { env })
      const identity = {
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_AUTHOR_DATE: options.date,
        GIT_COMMITTER_NAME: options.author.name,
        GIT_COMMITTER_EMAIL: options.author.email,
        GIT_COMMITTER_DATE: options.date
      }
      return this.git(['commit-tree', tree, '-p', options.parent, '-F', '-'], {
        input: options.message,
        env: identity
      })
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }

  /** A commit's fields. */
  commit(sha: string): GitCommit {
    const format = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00')
    const [hash, tree, parents, an, ae, ad, cn, ce, cd, ...message] = this.git([
      'show',
      '-s',
      `--format=${format}`,
      sha
    ]).split('\0')
    return {
      sha: hash!,
      tree: tree!,
      parents: parents ? parents.split(' ') : [],
      author: { name: an!, email: ae!, date: ad! },
      committer: { name: cn!, email: ce!, date: cd! },
      message: message.join('\0')
    }
  }

  /** Commits reachable from `ref` and not from `base` (newest first). */
  commitsBetween(base: string | undefined, ref: string): string[] {
    const range = base && this.resolveCommit(base) ? [ref, '--not', base] : [ref]
    const out = this.git(['rev-list', ...range])
    return out ? out.split('\n') : []
  }
}
