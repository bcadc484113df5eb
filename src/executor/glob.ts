/**
 * Glob matching for `ccal.safety.excluded_paths`, with gitignore-like rules. Written here because
 * `path.matchesGlob` exists only from Node 22 and CCAL runs on Node 20 too.
 *
 * - `**` matches any number of directories (`a/**` is everything under `a`, `**\/x` is `x` anywhere);
 * - `*` and `?` match within one path segment; `[abc]`, `[a-z]`, `[!a]` are character classes;
 *   `{a,b}` is an alternation;
 * - a pattern without a slash (other than a trailing one) matches at any depth (`*.pem`);
 * - a leading `/` or `./` anchors at the repository root (patterns with a slash are anchored anyway);
 * - a pattern that matches a directory matches everything below it (`secrets`, `docs/`).
 */

/** Compiles a glob into an anchored regular expression over `/`-separated repository paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/')
  const directoryOnly = pattern.endsWith('/')
  pattern = pattern.replace(/\/+$/, '')
  const anchored = pattern.startsWith('/') || pattern.startsWith('./') || pattern.includes('/')
  pattern = pattern.replace(/^\.?\/+/, '')
  const body = translate(pattern)
  const prefix = anchored ? '' : '(?:.*/)?'
  // A match may be the path itself or one of its parent directories.
  const suffix = directoryOnly ? '/.*' : '(?:/.*)?'
  return new RegExp(`^${prefix}${body}${suffix}$`)
}

function translate(pattern: string): string {
  let out = ''
  let depth = 0
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/'
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/'
        i++
        if (atStart && atEnd) {
          if (pattern[i + 1] === '/') {
            i++
            out += '(?:[^/]+/)*'
          } else {
            out += '.*'
          }
          continue
        }
      }
      out += '[^/]*'
    } else if (char === '?') {
      out += '[^/]'
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 2)
      if (close === -1) {
        out += '\\['
        continue
      }
      let set = pattern.slice(i + 1, close)
      if (set.startsWith('!')) set = `^${set.slice(1)}`
      out += `[${set.replace(/\\/g, '\\\\')}]`
      i = close
    } else if (char === '{') {
      depth++
      out += '(?:'
    } else if (char === '}' && depth > 0) {
      depth--
      out += ')'
    } else if (char === ',' && depth > 0) {
      out += '|'
    } else {
      out += char.replace(/[.+^${}()|\\]/g, '\\$&')
    }
  }
  return out + ')'.repeat(depth)
}

/** Normalizes a repository-relative path: forward slashes, no leading `./` or `/`. */
export function normalizeRepoPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '')
}

/** True when `path` (relative to the repository root) is matched by any of `globs`. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalized = normalizeRepoPath(path)
  return globs.some(glob => globToRegExp(glob).test(normalized))
}
