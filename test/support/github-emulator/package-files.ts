/** Locates data files inside installed packages whose `exports` hide them from `require.resolve`. */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** Absolute path of `file` inside the installed package `name` (e.g. `@octokit/openapi`). */
export function packageFile(name: string, file: string): string {
  const require = createRequire(import.meta.url)
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name, file)
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`cannot find ${file} of package ${name}; is it installed?`)
}
