/**
 * The ledger commit's tree, held in memory (every file's blob sha and every directory's tree sha),
 * so a write can compute the new tree objects of just the directories it touches instead of asking
 * git to rebuild an index of every file. With items sharded into `items/<xx>/`, changing one item
 * means three new tree objects (its shard, `items`, the root), whatever the ledger's size. The tree
 * objects are computed here and written with one `git mktree --batch`, which checks our shas.
 */
import { createHash } from 'node:crypto'

/** Files (path → blob sha, with a mode when it is not a regular file) and directories (path → tree sha; '' is the root). */
export interface TreeSnapshot {
  readonly blobs: ReadonlyMap<string, string>
  readonly modes: ReadonlyMap<string, string>
  readonly trees: ReadonlyMap<string, string>
}

/** A snapshot of the empty tree (a branch that does not exist yet). */
export const EMPTY_TREE: TreeSnapshot = { blobs: new Map(), modes: new Map(), trees: new Map() }

const REGULAR = '100644'
const DIRECTORY = '40000'

/** Reads `git ls-tree -r -t -z --full-tree <commit>` output; `root` is the commit's tree sha. */
export function parseLsTree(out: string, root: string): TreeSnapshot {
  const blobs = new Map<string, string>()
  const modes = new Map<string, string>()
  const trees = new Map<string, string>([['', root]])
  for (const entry of out.split('\0')) {
    if (!entry) continue
    const tab = entry.indexOf('\t')
    const [mode, type, sha] = entry.slice(0, tab).split(' ') as [string, string, string]
    const path = entry.slice(tab + 1)
    if (type === 'tree') trees.set(path, sha)
    else {
      blobs.set(path, sha)
      if (mode !== REGULAR) modes.set(path, mode)
    }
  }
  return { blobs, modes, trees }
}

/** One entry of `git diff-tree -r -t -z` output. */
export interface TreeChange {
  readonly path: string
  /** New sha, or null when the entry was deleted. */
  readonly sha: string | null
  readonly mode: string
  readonly isTree: boolean
}

/** Reads `git diff-tree -r -t -z --no-renames <old> <new>` output. */
export function parseDiffTree(out: string): TreeChange[] {
  const fields = out.split('\0')
  const changes: TreeChange[] = []
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const meta = fields[index]!
    if (!meta.startsWith(':')) break
    const [oldMode, newMode, , newSha, status] = meta.slice(1).split(' ') as [
      string,
      string,
      string,
      string,
      string
    ]
    const deleted = status === 'D'
    const mode = deleted ? oldMode : newMode
    changes.push({ path: fields[index + 1]!, sha: deleted ? null : newSha, mode, isTree: mode === '040000' })
  }
  return changes
}

/** `previous` with `changes` applied; `root` is the new commit's tree sha. */
export function applyTreeChanges(
  previous: TreeSnapshot,
  changes: readonly TreeChange[],
  root: string
): TreeSnapshot {
  const blobs = new Map(previous.blobs)
  const modes = new Map(previous.modes)
  const trees = new Map(previous.trees)
  trees.set('', root)
  for (const change of changes) {
    if (change.isTree) {
      if (change.sha) trees.set(change.path, change.sha)
      else trees.delete(change.path)
      continue
    }
    if (change.sha) blobs.set(change.path, change.sha)
    else blobs.delete(change.path)
    if (change.sha && change.mode !== REGULAR) modes.set(change.path, change.mode)
    else modes.delete(change.path)
  }
  return { blobs, modes, trees }
}

/** A tree object to write: its directory, its sha and its entries in `git mktree` input form. */
export interface PlannedTree {
  readonly dir: string
  readonly sha: string
  readonly mktreeLines: readonly string[]
}

/** The tree objects a change needs, deepest first, and the snapshot after it. */
export interface TreePlan {
  readonly trees: readonly PlannedTree[]
  readonly root: string
  readonly snapshot: TreeSnapshot
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * Plans the new tree after writing `updates` (path → blob sha, regular files) and deleting
 * `removals`: only the directories containing a changed path get new tree objects; a directory left
 * empty disappears, as in git.
 */
export function planTree(
  base: TreeSnapshot,
  updates: ReadonlyMap<string, string>,
  removals: readonly string[]
): TreePlan {
  const blobs = new Map(base.blobs)
  const modes = new Map(base.modes)
  for (const [path, sha] of updates) {
    blobs.set(path, sha)
    modes.delete(path)
  }
  for (const path of removals) {
    blobs.delete(path)
    modes.delete(path)
  }
  const dirty = new Set<string>([''])
  for (const path of [...updates.keys(), ...removals]) {
    for (let dir = parentOf(path); dir !== ''; dir = parentOf(dir)) dirty.add(dir)
  }
  // Entries of each dirty directory: its files, and its subdirectories that did not change.
  const entries = new Map<string, { name: string; mode: string; sha: string }[]>(
    [...dirty].map(dir => [dir, []])
  )
  for (const [path, sha] of blobs) {
    entries.get(parentOf(path))?.push({ name: nameOf(path), mode: modes.get(path) ?? REGULAR, sha })
  }
  for (const [dir, sha] of base.trees) {
    if (dir !== '' && !dirty.has(dir))
      entries.get(parentOf(dir))?.push({ name: nameOf(dir), mode: DIRECTORY, sha })
  }
  const trees = new Map(base.trees)
  const planned: PlannedTree[] = []
  const deepestFirst = [...dirty].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1))
  for (const dir of deepestFirst) {
    const own = entries.get(dir)!
    if (own.length === 0 && dir !== '') {
      trees.delete(dir)
      continue
    }
    const sha = treeSha(own)
    trees.set(dir, sha)
    planned.push({ dir, sha, mktreeLines: own.map(mktreeLine) })
    if (dir !== '') entries.get(parentOf(dir))!.push({ name: nameOf(dir), mode: DIRECTORY, sha })
  }
  return { trees: planned, root: trees.get('')!, snapshot: { blobs, modes, trees } }
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length
}

function mktreeLine(entry: { name: string; mode: string; sha: string }): string {
  const type = entry.mode === DIRECTORY ? 'tree' : entry.mode === '160000' ? 'commit' : 'blob'
  return `${entry.mode === DIRECTORY ? '040000' : entry.mode} ${type} ${entry.sha}\t${entry.name}`
}

/** The sha git gives a tree with these entries (sorted as git sorts them: a directory as `name/`). */
export function treeSha(entries: readonly { name: string; mode: string; sha: string }[]): string {
  const key = (entry: { name: string; mode: string }) =>
    entry.mode === DIRECTORY ? `${entry.name}/` : entry.name
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))))
  const body = Buffer.concat(
    sorted.flatMap(entry => [Buffer.from(`${entry.mode} ${entry.name}\0`), Buffer.from(entry.sha, 'hex')])
  )
  return createHash('sha1').update(`tree ${body.length}\0`).update(body).digest('hex')
}
