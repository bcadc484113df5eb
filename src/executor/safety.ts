/**
 * The diff gate: what the agent left in the working tree, checked with real git before anything is
 * verified or delivered. The tool deny-list is the first line of defence; this is the one that
 * cannot be talked around (a shell command or a test script can write anywhere the deny-list does
 * not see).
 */
import { open, readlink, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve as resolvePath } from 'node:path'
import type { Settings } from '../config/schema.js'
import type { Git } from '../git/git.js'
import { matchesAnyGlob } from './glob.js'

/** One changed path from `git status --porcelain=v1 -z`. */
export interface ChangedFile {
  readonly path: string
  /** The old path of a rename or copy. */
  readonly from: string | null
  /** The two status letters (`XY`): `??` untracked, ` M` modified, ` D` deleted, `R ` renamed… */
  readonly status: string
}

/** Why a change was refused. */
export type ViolationRule =
  'excluded_path' | 'too_many_files' | 'binary_file' | 'file_too_large' | 'link_out_of_tree' | 'git_path'

/** One refusal, with the path it concerns (none for `too_many_files`). */
export interface Violation {
  readonly rule: ViolationRule
  readonly path: string | null
  readonly detail: string
}

/** The gate's verdict. */
export interface GateReport {
  readonly verdict: 'accepted' | 'blocked' | 'no_change'
  readonly files: readonly ChangedFile[]
  readonly violations: readonly Violation[]
  /** Excluded paths whose changes were reverted. */
  readonly reverted: readonly string[]
}

/** Parses `git status --porcelain=v1 -z` output (renames carry the old path as the next record). */
export function parsePorcelainStatus(output: string): ChangedFile[] {
  const records = output.split('\0')
  const files: ChangedFile[] = []
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as string
    if (record.length < 4) continue
    const status = record.slice(0, 2)
    const path = record.slice(3)
    const renamed = status.includes('R') || status.includes('C')
    const from = renamed ? (records[++index] ?? null) : null
    files.push({ path, from, status })
  }
  return files
}

/** The working tree's changes against HEAD, untracked files listed one by one. */
export async function changedFiles(git: Git): Promise<ChangedFile[]> {
  const output = await git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all'])
  return parsePorcelainStatus(output)
}

/** True when the working tree has no changes at all. */
export async function isCleanTree(git: Git): Promise<boolean> {
  return (await changedFiles(git)).length === 0
}

/** True when a file was deleted (nothing on disk to size or sniff). */
export function isDeletion(file: ChangedFile): boolean {
  return file.status.includes('D')
}

/** True when `file` touches an excluded path, by its new or its old name. */
export function isExcludedChange(file: ChangedFile, excluded: readonly string[]): boolean {
  return matchesAnyGlob(file.path, excluded) || (file.from !== null && matchesAnyGlob(file.from, excluded))
}

/** Tracked files git itself calls binary (`-\t-` in numstat). */
async function binaryTrackedFiles(git: Git): Promise<Set<string>> {
  const output = await git.run(['diff', '--numstat', '-z', 'HEAD', '--'])
  const binary = new Set<string>()
  const records = output.split('\0')
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as string
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/.exec(record)
    if (!match) continue
    // A rename is `added\tdeleted\t` followed by the old and the new path as records of their own.
    const path = match[3] === '' ? (records[(index += 2)] ?? '') : (match[3] as string)
    if (match[1] === '-' && match[2] === '-') binary.add(path)
  }
  return binary
}

/** Git's own heuristic: a NUL byte in the first 8,000 bytes makes a file binary. */
async function looksBinary(fullPath: string): Promise<boolean> {
  const handle = await open(fullPath, 'r')
  try {
    const buffer = Buffer.alloc(8000)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return buffer.subarray(0, bytesRead).includes(0)
  } finally {
    await handle.close()
  }
}

async function fileSize(fullPath: string): Promise<number | null> {
  try {
    const info = await stat(fullPath)
    return info.isFile() ? info.size : null
  } catch {
    return null
  }
}

/** Undoes the changes of `files` only: tracked paths from HEAD, untracked ones removed. */
export async function revertFiles(git: Git, files: readonly ChangedFile[]): Promise<void> {
  const untracked = files.filter(file => file.status === '??').map(file => file.path)
  const tracked = files
    .filter(file => file.status !== '??')
    .flatMap(file => (file.from ? [file.from, file.path] : [file.path]))
  if (tracked.length > 0) {
    // Unstage first (a rename's new path exists only in the index), then restore what HEAD has.
    await git.run(['reset', '--quiet', 'HEAD', '--', ...tracked])
    const inHead = await git.run(['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', ...tracked])
    const existing = inHead.split('\0').filter(Boolean)
    if (existing.length > 0) await git.run(['checkout', 'HEAD', '--', ...existing])
    const added = tracked.filter(path => !existing.includes(path))
    if (added.length > 0) await git.run(['clean', '-f', '-q', '--', ...added])
  }
  if (untracked.length > 0) await git.run(['clean', '-f', '-q', '--', ...untracked])
}

/** Undoes every change in the working tree (the tree was clean when the run started). */
export async function revertAll(git: Git): Promise<void> {
  await git.run(['reset', '--quiet', 'HEAD'])
  await git.run(['checkout', '--', '.'])
  await git.run(['clean', '-f', '-d', '-q'])
}

/** Options for {@link inspectChanges}. */
export interface GateOptions {
  readonly git: Git
  readonly safety: Settings['safety']
  /** Further excluded paths (the config file). */
  readonly extraExcludedPaths?: readonly string[]
}

/**
 * Checks the working tree: excluded paths (reverted, item blocked), too many files, binary or
 * oversized files (blocked), nothing changed (`no_change`). Every violation is listed.
 */
export async function inspectChanges(options: GateOptions): Promise<GateReport> {
  const { git, safety } = options
  const files = await changedFiles(git)
  if (files.length === 0) return { verdict: 'no_change', files, violations: [], reverted: [] }

  const excluded = [...safety.excluded_paths, ...(options.extraExcludedPaths ?? [])]
  const violations: Violation[] = []
  const excludedFiles = files.filter(file => isExcludedChange(file, excluded))
  for (const file of excludedFiles)
    violations.push({
      rule: 'excluded_path',
      path: file.path,
      detail: `${file.path} is under an excluded path`
    })

  if (files.length > safety.max_file_operations)
    violations.push({
      rule: 'too_many_files',
      path: null,
      detail: `${files.length} files changed; at most ${safety.max_file_operations} are allowed`
    })

  const binaryTracked = await binaryTrackedFiles(git)
  for (const file of files) {
    if (isDeletion(file)) continue
    const fullPath = join(git.cwd, file.path)
    // A commit carries only the worktree's own files: nothing of a git directory, no link out.
    if (isGitPath(file.path))
      violations.push({
        rule: 'git_path',
        path: file.path,
        detail: `${file.path} is inside a .git directory`
      })
    const outside = await linkOutOfTree(git.cwd, fullPath)
    if (outside)
      violations.push({
        rule: 'link_out_of_tree',
        path: file.path,
        detail: `${file.path} is a symbolic link out of the repository (to ${outside})`
      })
    const size = await fileSize(fullPath)
    if (size === null) continue
    if (size > safety.max_file_size_bytes)
      violations.push({
        rule: 'file_too_large',
        path: file.path,
        detail: `${file.path} is ${size} bytes; at most ${safety.max_file_size_bytes} are allowed`
      })
    if (binaryTracked.has(file.path) || (file.status === '??' && (await looksBinary(fullPath))))
      violations.push({ rule: 'binary_file', path: file.path, detail: `${file.path} is a binary file` })
  }

  if (excludedFiles.length > 0) await revertFiles(git, excludedFiles)
  return {
    verdict: violations.length > 0 ? 'blocked' : 'accepted',
    files,
    violations,
    reverted: excludedFiles.map(file => file.path)
  }
}

/** True for a path with a `.git` component (a nested repository's files, or a planted one). */
export function isGitPath(path: string): boolean {
  return path.split('/').some(part => part.toLowerCase() === '.git')
}

/** Where a symbolic link at `fullPath` points when that is outside `root` (or absolute); else null. */
async function linkOutOfTree(root: string, fullPath: string): Promise<string | null> {
  let target: string
  try {
    target = await readlink(fullPath)
  } catch {
    return null // not a link
  }
  const resolved = isAbsolute(target) ? target : resolvePath(dirname(fullPath), target)
  const inside = relative(root, resolved)
  return isAbsolute(target) || inside === '..' || inside.startsWith('../') ? target : null
}

/** One line per violation, for logs and the recorded error. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map(violation => violation.detail).join('; ')
}
