/**
 * A maintainer's checkout as people leave it — a feature branch with a commit of its own, a stash,
 * staged, unstaged, untracked and ignored files — and a byte-for-byte picture of it (every file of
 * the working tree and of `.git`, with its mode), to show that a cycle changed nothing there.
 */
import { createHash } from 'node:crypto'
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { git } from './repos.js'

/** What the messy checkout holds, for assertions. */
export const MESSY = {
  branch: 'feature/wip',
  staged: 'README.md',
  unstaged: 'src/strings.js',
  untracked: 'notes/todo.txt',
  ignored: 'debug.log'
} as const

/** Turns a clean clone on main into a maintainer's work in progress. */
export function makeMessy(dir: string): void {
  git(dir, 'checkout', '--quiet', '-b', MESSY.branch)
  writeFileSync(join(dir, 'src/feature.js'), 'export const feature = 1\n')
  git(dir, 'add', 'src/feature.js')
  git(dir, 'commit', '--quiet', '-m', 'wip: a feature')
  writeFileSync(join(dir, 'src/math.js'), '// stashed experiment\n', { flag: 'a' })
  git(dir, 'stash', '--quiet')
  writeFileSync(join(dir, MESSY.staged), '\nStaged but not committed.\n', { flag: 'a' })
  git(dir, 'add', MESSY.staged)
  writeFileSync(join(dir, MESSY.unstaged), '// unstaged edit\n', { flag: 'a' })
  writeFileSync(join(dir, '.git/info/exclude'), `${MESSY.ignored}\n`, { flag: 'a' })
  writeFileSync(join(dir, MESSY.ignored), 'local debug output\n')
  mkdirSync(join(dir, 'notes'))
  writeFileSync(join(dir, MESSY.untracked), 'ask about the flaky test\n')
  // Settles the index's stat data, so that the picture is not taken of an index git would refresh.
  git(dir, 'status', '--porcelain')
}

/** Every file under `dir` (the working tree and `.git`) as `mode content-hash`, by relative path. */
export function snapshotTree(dir: string): Record<string, string> {
  const picture: Record<string, string> = {}
  const walk = (relative: string) => {
    const absolute = join(dir, relative)
    for (const name of readdirSync(absolute).sort()) {
      const path = relative ? `${relative}/${name}` : name
      const stat = lstatSync(join(dir, path))
      if (stat.isDirectory()) {
        picture[`${path}/`] = `dir ${(stat.mode & 0o7777).toString(8)}`
        walk(path)
      } else if (stat.isSymbolicLink()) {
        picture[path] = `link ${readlinkSync(join(dir, path))}`
      } else {
        const hash = createHash('sha256')
          .update(readFileSync(join(dir, path)))
          .digest('hex')
        picture[path] = `${(stat.mode & 0o7777).toString(8)} ${hash}`
      }
    }
  }
  walk('')
  return picture
}
