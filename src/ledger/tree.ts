/**
 * The ledger commit's tree, held in memory (every file's blob sha and every directory's tree sha),
 * so a write can compute the new tree objects of just the directories it touches instead of asking
 * git to rebuild an index of every file. With items sharded into `items/<xx>/`, changing one item
 * means three new tree objects (its shard, `items`, the root), whatever the ledger's size. The tree
 * objects are computed here and written with one `git mktree --batch`, which checks our shas.
 */
import { createHash } from 'node:crypto'

/** One entry of a directory: a file (blob, or a submodule commit) or a subdirectory (mode `40000`). */
export interface TreeEntry {
  readonly mode: string
  readonly sha: string
}

/**
 * Every directory of a commit ('' is the root): its entries by name and its tree sha. A change
 * copies the entries of only the directories it touches; the others are shared with the snapshot
 * it came from, so an update costs the same at 50 items as at 50,000.
 */
export interface TreeSnapshot {
  readonly dirs: ReadonlyMap<string, ReadonlyMap<string, TreeEntry>>
  readonly trees: ReadonlyMap<string, string>
}

/** A snapshot of the empty tree (a branch that does not exist yet). */
export const EMPTY_TREE: TreeSnapshot = { dirs: new Map(), trees: new Map() }

const REGULAR = '100644'
const DIRECTORY = '40000'

/** Git writes a directory's mode as `040000` in listings and `40000` in tree objects. */
function entryMode(mode: string): string {
  return mode === '040000' ? DIRECTORY : mode
}

/** The blob sha of the file at `path`, if the snapshot has one there. */
export function blobAt(snapshot: TreeSnapshot, path: string): string | undefined {
  const entry = snapshot.dirs.get(parentOf(path))?.get(nameOf(path))
  return entry && entry.mode !== DIRECTORY ? entry.sha : undefined
}

/** The sha git gives the directory `dir` ('' is the root) with the entries the snapshot holds for it. */
export function computedTreeSha(snapshot: TreeSnapshot, dir: string): string {
  return treeSha([...(snapshot.dirs.get(dir) ?? [])].map(([name, entry]) => ({ name, ...entry })))
}

/** Every file of the snapshot as [path, blob sha]. */
export function* filesOf(snapshot: TreeSnapshot): Generator<[string, string]> {
  for (const [dir, entries] of snapshot.dirs) {
    for (const [name, entry] of entries)
      if (entry.mode !== DIRECTORY) yield [dir === '' ? name : `${dir}/${name}`, entry.sha]
  }
}

/** Reads `git ls-tree -r -t -z --full-tree <commit>` output; `root` is the commit's tree sha. */
export function parseLsTree(out: string, root: string): TreeSnapshot {
  const dirs = new Map<string, Map<string, TreeEntry>>([['', new Map()]])
  const trees = new Map<string, string>([['', root]])
  for (const entry of out.split('\0')) {
    if (!entry) continue
    const tab = entry.indexOf('\t')
    const [mode, type, sha] = entry.slice(0, tab).split(' ') as [string, string, string]
    const path = entry.slice(tab + 1)
    if (type === 'tree') trees.set(path, sha)
    entriesOf(dirs, parentOf(path)).set(nameOf(path), { mode: entryMode(mode), sha })
  }
  return { dirs, trees }
}

function entriesOf(dirs: Map<string, Map<string, TreeEntry>>, dir: string): Map<string, TreeEntry> {
  let entries = dirs.get(dir)
  if (!entries) {
    entries = new Map()
    dirs.set(dir, entries)
  }
  return entries
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

/** Copies the entries of each directory once, the first time a change touches it. */
class DirectoryCopies {
  readonly dirs: Map<string, ReadonlyMap<string, TreeEntry>>
  private readonly copied = new Set<string>()

  constructor(base: TreeSnapshot) {
    this.dirs = new Map(base.dirs)
  }

  entries(dir: string): Map<string, TreeEntry> {
    if (!this.copied.has(dir)) {
      this.copied.add(dir)
      this.dirs.set(dir, new Map(this.dirs.get(dir)))
    }
    return this.dirs.get(dir) as Map<string, TreeEntry>
  }
}

/** `previous` with `changes` applied; `root` is the new commit's tree sha. */
export function applyTreeChanges(
  previous: TreeSnapshot,
  changes: readonly TreeChange[],
  root: string
): TreeSnapshot {
  const copies = new DirectoryCopies(previous)
  const trees = new Map(previous.trees)
  trees.set('', root)
  for (const change of changes) {
    const parent = copies.entries(parentOf(change.path))
    if (change.sha) parent.set(nameOf(change.path), { mode: entryMode(change.mode), sha: change.sha })
    else parent.delete(nameOf(change.path))
    if (!change.isTree) continue
    if (change.sha) trees.set(change.path, change.sha)
    else {
      trees.delete(change.path)
      copies.dirs.delete(change.path)
    }
  }
  return { dirs: copies.dirs, trees }
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
  const copies = new DirectoryCopies(base)
  const dirty = new Set<string>([''])
  for (const path of [...updates.keys(), ...removals]) {
    for (let dir = parentOf(path); dir !== ''; dir = parentOf(dir)) dirty.add(dir)
  }
  for (const [path, sha] of updates) copies.entries(parentOf(path)).set(nameOf(path), { mode: REGULAR, sha })
  for (const path of removals) copies.entries(parentOf(path)).delete(nameOf(path))
  const trees = new Map(base.trees)
  const planned: PlannedTree[] = []
  const deepestFirst = [...dirty].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1))
  for (const dir of deepestFirst) {
    const own = [...copies.entries(dir)].map(([name, entry]) => ({ name, ...entry }))
    if (own.length === 0 && dir !== '') {
      trees.delete(dir)
      copies.dirs.delete(dir)
      copies.entries(parentOf(dir)).delete(nameOf(dir))
      continue
    }
    const sha = treeSha(own)
    trees.set(dir, sha)
    planned.push({ dir, sha, mktreeLines: own.map(mktreeLine) })
    if (dir !== '') copies.entries(parentOf(dir)).set(nameOf(dir), { mode: DIRECTORY, sha })
  }
  return { trees: planned, root: trees.get('')!, snapshot: { dirs: copies.dirs, trees } }
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
