/**
 * The contract between the cycle and each work source. A source looks at the world (GitHub, files
 * on the runner) and reports candidates; it never writes the ledger itself. The cycle merges the
 * candidates (ledger `upsertCandidates`), applies the source's other operations, and stores its
 * cursor, each as a ledger commit.
 */
import type { z } from 'zod'
import type { Settings } from '../config/schema.js'
import type { Trigger } from '../core/trigger.js'
import type { GitHubClient } from '../github/client.js'
import type { CandidateInput, LedgerOp } from '../ledger/ops.js'
import type { Ledger } from '../ledger/schema.js'
import type { Logger } from '../util/logger.js'
import type { CommandAnswer } from './command-ops.js'

/** Everything a source may read. Effects beyond these come in through the source's own constructor. */
export interface DiscoveryContext {
  settings: Settings
  trigger: Trigger
  /** The ledger as read at the start of the cycle (read-only: sources report, the cycle writes). */
  ledger: Ledger
  /** Absent when running without GitHub (local error logs, lint reports). */
  github?: GitHubClient
  /** The maintainer's checkout (read only). */
  root: string
  /**
   * The base branch's tree, for evidence that describes the code (lint, coverage): the checkout
   * when it sits at the base, else a worktree of the base made on first use. Absent: the checkout.
   */
  tree?: () => Promise<string>
  runId: string
  now: Date
  logger: Logger
}

/** Where evidence about the code is read and its commands run (see {@link DiscoveryContext.tree}). */
export function evidenceTree(context: Pick<DiscoveryContext, 'root' | 'tree'>): Promise<string> {
  return context.tree ? context.tree() : Promise.resolve(context.root)
}

/** Something a source looked at and chose not to turn into work, with the reason (shown in the plan). */
export interface Skipped {
  what: string
  reason: string
}

export interface DiscoveryResult {
  source: string
  candidates: CandidateInput[]
  /** What was passed over and why: untrusted labeller, already processed run, below threshold… */
  skipped: Skipped[]
  /** Ledger operations besides candidates, e.g. reconciling a merged PR or a `/ccal skip` command. */
  ops?: LedgerOp[]
  /** New cursor for this source, stored with `setCursor(source, cursor)` once the candidates are merged. */
  cursor?: z.core.util.JSONType
  /** API requests this source made (for the summary and the request budget tests). */
  requests?: number
  /** What to tell the authors of `/ccal` commands, once the source's operations are written. */
  answers?: CommandAnswer[]
}

export interface DiscoverySource {
  /** Stable name, also the ledger cursor key and the `source` of its candidates. */
  readonly name: string
  /** Whether this source has anything to do for this trigger with these settings. */
  appliesTo(trigger: Trigger, settings: Settings): boolean
  discover(context: DiscoveryContext): Promise<DiscoveryResult>
}
