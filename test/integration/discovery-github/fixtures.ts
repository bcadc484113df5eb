/** Shared setup for the GitHub discovery tests: an emulator, a client for it, contexts and ledgers. */
import {
  defaultSettings,
  SettingsSchema,
  type Settings,
  type SettingsInput
} from '../../../src/config/schema.js'
import type { Trigger } from '../../../src/core/trigger.js'
import type { DiscoveryContext, DiscoveryResult } from '../../../src/discovery/source.js'
import { createGitHubClient, type GitHubClient } from '../../../src/github/client.js'
import { createPermissionCache, type PermissionCache } from '../../../src/github/permissions.js'
import {
  combine,
  itemIdForFingerprint,
  leaseItem,
  recordResult,
  upsertCandidates,
  type CandidateInput,
  type LedgerOp,
  type OpContext
} from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../../src/ledger/schema.js'
import type { Logger } from '../../../src/util/logger.js'
import type { GitHubEmulator } from '../../support/github-emulator/index.js'

export const OWNER = 'octo-org'
export const REPO = 'demo'
export const NOW = new Date('2026-11-24T12:00:00Z')

/** A logger that keeps its lines, for asserting what a person would read. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const keep = (level: string) => (message: string) => {
    lines.push(`[${level}] ${message}`)
  }
  return { lines, debug: keep('debug'), info: keep('info'), warning: keep('warning'), error: keep('error') }
}

/** A client for the emulator (a token it maps to no one acts as the scenario's default user). */
export function clientFor(gh: GitHubEmulator, logger: Logger): GitHubClient {
  return createGitHubClient({
    token: 'tok-ccal',
    owner: OWNER,
    repo: REPO,
    apiUrl: gh.url,
    retryUnitMs: 1,
    writeSpacingMs: 0,
    logger
  })
}

/** Everything a source's discover() reads. */
export function contextFor(
  gh: GitHubEmulator,
  options: { trigger?: Trigger; ledger?: Ledger; settings?: SettingsInput; now?: Date } = {}
): DiscoveryContext & { logger: ReturnType<typeof recordingLogger>; github: GitHubClient } {
  const logger = recordingLogger()
  const settings: Settings = options.settings ? SettingsSchema.parse(options.settings) : defaultSettings()
  return {
    settings,
    trigger: options.trigger ?? { kind: 'schedule' },
    ledger: options.ledger ?? emptyLedger(),
    github: clientFor(gh, logger),
    root: '/nonexistent',
    runId: 'run-test',
    now: options.now ?? NOW,
    logger
  }
}

/** A shared permission cache for a context (as the cycle would create once per run). */
export function permissionsFor(context: { github: GitHubClient }): PermissionCache {
  return createPermissionCache(context.github)
}

/** Applies operations the way the cycle does, at `now` as run `runId`. */
export function applyOps(ledger: Ledger, ops: readonly LedgerOp[], at = NOW, runId = 'run-test'): Ledger {
  const context: OpContext = { now: at, runId }
  return combine(ops)(ledger, context).ledger
}

/** Applies a discovery result as the cycle does: candidates merged, then the other operations. */
export function applyResult(ledger: Ledger, result: DiscoveryResult, at = NOW): Ledger {
  return applyOps(ledger, [upsertCandidates(result.candidates), ...(result.ops ?? [])], at)
}

/**
 * A ledger with one issue item whose PR is open: merged in, leased, and recorded as delivered at
 * `deliveredAt` (that is CCAL's last push).
 */
export function ledgerWithOpenPull(options: {
  issue: number
  pr: number
  branch: string
  deliveredAt: Date
  priority?: number
  /** A ledger to add to (default: empty). */
  base?: Ledger
}): { ledger: Ledger; itemId: string } {
  const candidate: CandidateInput = {
    fingerprint: `issue:${OWNER}/${REPO}#${options.issue}`,
    type: 'issue',
    source: 'github-issues',
    title: `Resolve issue #${options.issue}`,
    priority: options.priority ?? 3,
    context: { issueNumber: options.issue }
  }
  let ledger = applyOps(
    options.base ?? emptyLedger(),
    [upsertCandidates([candidate])],
    new Date(options.deliveredAt.getTime() - 120_000)
  )
  const itemId = itemIdForFingerprint(ledger, candidate.fingerprint)
  ledger = applyOps(
    ledger,
    [leaseItem(itemId, 3_600_000)],
    new Date(options.deliveredAt.getTime() - 60_000),
    'run-1'
  )
  ledger = applyOps(
    ledger,
    [
      recordResult(
        {
          itemId,
          success: true,
          summary: 'done',
          durationMs: 1000,
          turns: 3,
          costUsd: 0.1,
          sessionId: 'session-1'
        },
        {
          pr: {
            number: options.pr,
            url: `https://github.com/${OWNER}/${REPO}/pull/${options.pr}`,
            branch: options.branch
          }
        }
      )
    ],
    options.deliveredAt,
    'run-1'
  )
  return { ledger, itemId }
}

/** Requests the emulator answered, as `METHOD path` lines (GraphQL by operation name). */
export function requestLines(gh: GitHubEmulator): string[] {
  return gh
    .requests()
    .map(entry =>
      entry.kind === 'graphql'
        ? `graphql ${entry.graphql?.operationName ?? '?'}`
        : `${entry.method} ${entry.path}`
    )
}
