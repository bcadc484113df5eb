/**
 * actions/checkout persists the job's token for later steps (unless `persist-credentials: false`):
 * v4/v5 as `http.https://github.com/.extraheader` in `.git/config`, v6 in a separate file under
 * RUNNER_TEMP that `.git/config` pulls in with `includeIf.gitdir:….path`. Either way `cat .git/config`
 * or `git config -l` in the agent's shell would reveal it. Those entries are taken out of the
 * repository's config for the duration of a run and put back afterwards, whatever happens between.
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { Git } from '../git/git.js'
import { errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'

/** Local config keys that carry credentials, or include a file that does. */
const CREDENTIAL_KEY = '^(http\\..*\\.extraheader|include(if\\..*)?\\.path)$'

/** One removed config entry (a key may have several values). */
export interface ConfigEntry {
  readonly key: string
  readonly value: string
}

/** True for an include whose file sets an extra header (checkout v6's credentials file). */
async function includesCredentials(git: Git, entry: ConfigEntry): Promise<boolean> {
  if (/^http\./i.test(entry.key)) return true
  // Relative include paths are relative to the config file, i.e. to .git/.
  const gitDir = (await git.run(['rev-parse', '--absolute-git-dir'])).trim()
  const path = isAbsolute(entry.value) ? entry.value : join(gitDir, entry.value)
  try {
    return /extraheader/i.test(await readFile(path, 'utf8'))
  } catch {
    return false
  }
}

/** Reads the credential entries of the repository's own config (`--local`), in file order. */
export async function readCredentialEntries(git: Git): Promise<ConfigEntry[]> {
  const result = await git.exec(['config', '--local', '--null', '--get-regexp', CREDENTIAL_KEY])
  // Exit 1: no such key — the usual case with `persist-credentials: false`.
  if (result.exitCode === 1) return []
  if (result.exitCode !== 0) throw new Error(`git config --get-regexp failed: ${result.stderr.trim()}`)
  const entries = result.stdout
    .split('\0')
    .filter(record => record !== '')
    .map(record => {
      const newline = record.indexOf('\n')
      return newline === -1
        ? { key: record, value: '' }
        : { key: record.slice(0, newline), value: record.slice(newline + 1) }
    })
  const credentials: ConfigEntry[] = []
  for (const entry of entries) if (await includesCredentials(git, entry)) credentials.push(entry)
  return credentials
}

/** Removes the entries; returns what was removed so that {@link restoreCredentials} can put it back. */
export async function removeCredentials(git: Git): Promise<ConfigEntry[]> {
  const entries = await readCredentialEntries(git)
  // By value (`--fixed-value`, git ≥ 2.30): an include key may also hold paths that are no credentials.
  for (const entry of entries)
    await git.run(['config', '--local', '--fixed-value', '--unset-all', entry.key, entry.value])
  return entries
}

/** Puts removed entries back, in their original order. */
export async function restoreCredentials(git: Git, entries: readonly ConfigEntry[]): Promise<void> {
  for (const entry of entries) await git.run(['config', '--local', '--add', entry.key, entry.value])
}

/**
 * Runs `work` with the persisted credentials removed from `.git/config`, restoring them afterwards
 * even when `work` throws. A run killed with SIGKILL in between leaves them removed: safe, and a
 * later `git push` by CCAL carries its own credentials anyway.
 */
export async function withoutPersistedCredentials<T>(
  git: Git,
  work: () => Promise<T>,
  logger: Logger = silentLogger
): Promise<T> {
  const removed = await removeCredentials(git)
  if (removed.length > 0)
    logger.info(`removed ${removed.length} persisted credential header(s) from .git/config for the run`)
  try {
    return await work()
  } finally {
    try {
      await restoreCredentials(git, removed)
    } catch (error) {
      logger.warning(`could not restore the credential header in .git/config: ${errorMessage(error)}`)
    }
  }
}
