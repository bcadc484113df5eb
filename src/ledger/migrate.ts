/**
 * Schema migrations. `state.json` carries `schemaVersion`; a ledger written by an older CCAL is
 * migrated in memory, one version step at a time, before validation, and the next write rewrites
 * every file in the current format (one commit, so `git log` shows the migration). A ledger written
 * by a newer CCAL is refused: this code cannot know what the newer fields mean.
 */
import { CcalError } from '../util/errors.js'
import { SCHEMA_VERSION } from './schema.js'

/** The ledger's files as parsed JSON, before validation. Items are keyed by their path on the branch. */
export interface RawLedgerFiles {
  state: unknown
  results: unknown
  patterns: unknown
  items: Map<string, unknown>
}

/** Turns files of version N into files of version N + 1. */
export type Migration = (raw: RawLedgerFiles) => RawLedgerFiles

/**
 * The migration table: entry N upgrades version N to N + 1, together with bumping SCHEMA_VERSION.
 * - 1 → 2: items get generations (`generation`, `generations`, `words`); every item so far is in
 *   its first. Results get the executor's `code` (unknown: null) and `deniedTools` (none known).
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: raw => ({
    ...raw,
    results: Array.isArray(raw.results)
      ? raw.results.map(result =>
          result !== null && typeof result === 'object' && !Array.isArray(result)
            ? { code: null, deniedTools: [], ...(result as Record<string, unknown>) }
            : result
        )
      : raw.results,
    items: new Map(
      [...raw.items].map(([path, item]) => [
        path,
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? { generation: 1, generations: [], words: [], ...(item as Record<string, unknown>) }
          : item
      ])
    )
  })
}

/** Applies the migrations from `fromVersion` up to `toVersion`; each step also stamps the new version into state. */
export function migrate(
  raw: RawLedgerFiles,
  fromVersion: number,
  toVersion: number = SCHEMA_VERSION,
  table: Readonly<Record<number, Migration>> = MIGRATIONS
): RawLedgerFiles {
  let current = raw
  for (let version = fromVersion; version < toVersion; version += 1) {
    const step = table[version]
    if (!step) throw new CcalError(`no migration from ledger schema version ${version} to ${version + 1}`)
    current = step(current)
    if (current.state !== null && typeof current.state === 'object') {
      current = {
        ...current,
        state: { ...(current.state as Record<string, unknown>), schemaVersion: version + 1 }
      }
    }
  }
  return current
}

/** Reads `schemaVersion` from a raw state file, or null when it is missing or not a positive integer. */
export function rawSchemaVersion(rawState: unknown): number | null {
  if (rawState === null || typeof rawState !== 'object') return null
  const version = (rawState as Record<string, unknown>).schemaVersion
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : null
}
