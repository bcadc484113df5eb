/**
 * File helpers the file-based sources share: expanding the configured paths and globs inside the
 * repository, and the per-source scan interval kept in the source's cursor.
 */
import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'

/** Directories never descended into when expanding `**`. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules'])

/** `src/**\/*.json` → a RegExp over `/`-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/'
      source += slash ? '(?:.*/)?' : '.*'
      i += slash ? 2 : 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += /[\\^$.|+()[\]{}]/.test(char) ? `\\${char}` : char
  }
  return new RegExp(`^${source}$`)
}

async function walk(dir: string, depth: number, into: string[]): Promise<void> {
  if (depth > 20) return
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, depth + 1, into)
    } else if (entry.isFile()) into.push(path)
  }
}

/**
 * Absolute paths of the files a configured path names: a file, a glob (`*`, `**`, `?`) relative to
 * `root`, or (with `directoryFilter`) the matching files directly inside a directory. Missing paths
 * yield nothing; the caller reports them.
 */
export async function expandPath(
  root: string,
  pattern: string,
  directoryFilter?: (name: string) => boolean
): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : join(root, pattern)
  if (!/[*?]/.test(pattern)) {
    const info = await stat(absolute).catch(() => null)
    if (!info) return []
    if (info.isFile()) return [absolute]
    if (info.isDirectory() && directoryFilter) {
      const entries = await readdir(absolute, { withFileTypes: true })
      return entries
        .filter(entry => entry.isFile() && directoryFilter(entry.name))
        .map(entry => join(absolute, entry.name))
        .sort()
    }
    return []
  }
  // Walk from the last directory before the first wildcard.
  const normalized = absolute.split(sep).join('/')
  const firstWild = normalized.search(/[*?]/)
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstWild))
  const matcher = globToRegExp(normalized.slice(base.length + 1))
  const files: string[] = []
  await walk(base, 0, files)
  return files.filter(file => matcher.test(relative(base, file).split(sep).join('/'))).sort()
}

/** A path relative to the repository root with `/` separators (absolute when outside the root). */
export function repoPath(root: string, path: string): string {
  const inside = relative(root, path)
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/')
}

/**
 * Whether a source that last scanned at `lastScanAt` is due again after `intervalSeconds` (always
 * when the interval is 0 or it never scanned).
 */
export function isScanDue(lastScanAt: string | undefined, intervalSeconds: number, now: Date): boolean {
  if (intervalSeconds <= 0 || !lastScanAt) return true
  const last = Date.parse(lastScanAt)
  return !Number.isFinite(last) || now.getTime() >= last + intervalSeconds * 1000
}
