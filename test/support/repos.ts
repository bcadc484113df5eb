/**
 * Real git repositories for tests: a bare repository playing `origin` and working clones of it, in a
 * fresh temporary directory each, removed by `cleanup()`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Environment that makes git deterministic and independent of the user's global config. */
export const GIT_TEST_ENV: NodeJS.ProcessEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_TERMINAL_PROMPT: '0'
}

/** Runs git synchronously in `cwd` and returns trimmed stdout; throws with stderr on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_TEST_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).trim()
}

export interface TestRepos {
  /** The temporary directory holding everything below. */
  root: string
  /** Path of the bare repository used as `origin`. */
  origin: string
  /** A working clone of `origin` on `main` with one initial commit. */
  work: string
  /** Another working clone of the same origin, e.g. for a second writer. */
  clone(name?: string): string
  /** Writes files (path → content) into a working tree, commits them and returns the new sha. */
  commitFiles(dir: string, files: Record<string, string>, message?: string): string
  cleanup(): void
}

/** Creates a bare `origin` and a working clone with an initial commit on `main`, pushed. */
export function createTestRepos(
  initialFiles: Record<string, string> = { 'README.md': '# test\n' }
): TestRepos {
  const root = mkdtempSync(join(tmpdir(), 'ccal-repos-'))
  const origin = join(root, 'origin.git')
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin)
  const work = join(root, 'work')
  git(root, 'init', '--quiet', '--initial-branch=main', work)
  git(work, 'remote', 'add', 'origin', origin)

  const commitFiles = (dir: string, files: Record<string, string>, message = 'test commit'): string => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(dir, path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, content)
    }
    git(dir, 'add', '--all')
    git(dir, 'commit', '--quiet', '--allow-empty', '-m', message)
    return git(dir, 'rev-parse', 'HEAD')
  }

  commitFiles(work, initialFiles, 'initial commit')
  git(work, 'push', '--quiet', 'origin', 'main')
  git(origin, 'symbolic-ref', 'HEAD', 'refs/heads/main')

  let clones = 0
  return {
    root,
    origin,
    work,
    clone(name = `clone-${++clones}`) {
      const dir = join(root, name)
      git(root, 'clone', '--quiet', origin, dir)
      return dir
    },
    commitFiles,
    cleanup() {
      rmSync(root, { recursive: true, force: true })
    }
  }
}
