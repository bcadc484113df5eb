/**
 * A stand-in `bwrap` on PATH, for what CCAL does where bubblewrap cannot make a sandbox: it fails
 * (or succeeds) the way the shell `script` says. `cleanup()` removes it.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The message bubblewrap gives where unprivileged user namespaces are off. */
export const NO_USER_NAMESPACES =
  '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n'

export function fakeBwrap(script: string = NO_USER_NAMESPACES): {
  dir: string
  path: string
  cleanup(): void
} {
  const dir = mkdtempSync(join(tmpdir(), 'ccal-fake-bwrap-'))
  const path = join(dir, 'bwrap')
  writeFileSync(path, script)
  chmodSync(path, 0o755)
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
