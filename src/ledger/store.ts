/**
 * The ledger store: reads the ledger branch from a remote and writes it back with compare-and-swap,
 * using git plumbing only — the working tree, the index and the checked-out branch of the
 * repository are never touched.
 *
 * Read: `git fetch <remote> +refs/heads/<branch>:refs/remotes/<remote>/<branch>`, then `ls-tree` and
 * one `cat-file --batch` for the blobs (after the first read, only the blobs a `diff-tree` says
 * changed). Every file is validated; anything unreadable is a {@link LedgerCorruptError} and nothing
 * is written over it.
 *
 * Write: apply the operation to the state last read, write the changed files as blobs, compute the
 * new tree objects of only the directories that changed (tree.ts) and write them with one
 * `mktree --batch`, `commit-tree` with the sha read as parent, and push it without force.
 * A push rejected because another writer got there first is answered by fetching, re-applying the
 * same operation to the newer state and trying again after a jittered, bounded back-off, so no
 * update is lost. Other push failures (authentication, a protected branch) are reported at once.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { z } from 'zod'
import { commandFailed, createGit, firstLines, withTokenAuth, type Git } from '../git/git.js'
import {
  CcalError,
  GitCommandError,
  LedgerConflictError,
  LedgerCorruptError,
  LedgerLookupError,
  LedgerRollbackError,
  isCcalError
} from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'
import type { TokenSource } from '../util/token-source.js'
import {
  PATTERNS_FILE,
  ITEMS_DIR,
  README_FILE,
  RESULTS_FILE,
  STATE_FILE,
  SUMMARY_FILE,
  classifyPath,
  corruptError,
  decodeFile,
  itemPath,
  parseJsonFile,
  readmeText,
  stableJson,
  withRestoreHint,
  type LedgerLocation
} from './layout.js'
import { migrate, rawSchemaVersion, type RawLedgerFiles } from './migrate.js'
import {
  EMPTY_TREE,
  applyTreeChanges,
  blobAt,
  computedTreeSha,
  filesOf,
  parseDiffTree,
  parseLsTree,
  planTree,
  type PlannedTree,
  type TreeSnapshot
} from './tree.js'
import { resolveItemId, type LedgerLimits, type LedgerOp, type OpContext } from './ops.js'
import { Items } from './items.js'
import { summarize } from './summary.js'
import {
  LedgerSummarySchema,
  PatternsFileSchema,
  ResultsFileSchema,
  SCHEMA_VERSION,
  SystemStateSchema,
  WorkItemSchema,
  emptyLedger,
  type LearningPattern,
  type Ledger,
  type LedgerSummary,
  type SystemState,
  type WorkItem
} from './schema.js'

/** How persistent the store is when other writers keep winning the race. */
export interface RetryPolicy {
  /** Push attempts per write, the first included. */
  readonly maxAttempts: number
  /** Back-off before the second attempt; doubles each time up to `maxDelayMs`. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

/** Defaults for {@link RetryPolicy}: enough for a handful of concurrent runners. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 1500 }

/** Who the ledger commits are by, when nothing else is configured. */
export const DEFAULT_IDENTITY = { name: 'ccal[bot]', email: 'ccal-bot@users.noreply.github.com' } as const

/** How to open a ledger store. */
export interface LedgerStoreOptions {
  /** A directory inside the repository whose remote holds the ledger. */
  readonly repoDir: string
  readonly remote?: string
  readonly branch?: string
  /** Recorded as the `CCAL-Run` trailer of every commit and given to operations. */
  readonly runId: string
  /**
   * GitHub tokens for HTTPS remotes, asked for by each fetch and push and sent as a per-command
   * header (never stored in .git/config).
   */
  readonly tokens?: TokenSource
  readonly identity?: { readonly name: string; readonly email: string }
  readonly retry?: Partial<RetryPolicy>
  readonly now?: () => Date
  /** Source of jitter, 0 ≤ x < 1. */
  readonly random?: () => number
  readonly sleep?: (ms: number) => Promise<void>
  readonly logger?: Logger
  /** A git client to use instead of one created for `repoDir`. */
  readonly git?: Git
  /** Limits from the settings, given to every operation (queue size, retention, attempts). */
  readonly limits?: Partial<LedgerLimits>
}

/** The ledger as of one commit of its branch (`commit` is null before the branch exists). */
export interface LedgerSnapshot {
  readonly ledger: Ledger
  readonly commit: string | null
}

/** What a write did. */
export interface WriteResult extends LedgerSnapshot {
  /** False when the operation changed nothing (no commit was made). */
  readonly changed: boolean
  readonly description: string
  /** Push attempts used (1 when no other writer interfered). */
  readonly attempts: number
}

/** What `ccal status` shows of the ledger: its state, its patterns and its summary. */
export interface LedgerOverview {
  readonly commit: string | null
  readonly state: SystemState
  readonly patterns: readonly LearningPattern[]
  readonly summary: LedgerSummary
}

/** One commit of the ledger branch. */
export interface LedgerCommit {
  readonly sha: string
  readonly date: string
  readonly subject: string
  readonly runId: string | null
}

/** The outcome of `verify`: schema problems throw; these are the cross-file checks. */
export interface VerifyReport {
  readonly commit: string | null
  readonly items: number
  readonly problems: readonly string[]
  readonly warnings: readonly string[]
}

/** Reads and writes one repository's ledger branch. */
export interface LedgerStore {
  readonly branch: string
  readonly remote: string
  /** The branch's remote-tracking ref, where `git log -p` shows the audit trail. */
  readonly trackingRef: string
  /** The ledger as last read or written; fetches first when `refresh` is set or nothing was read yet. */
  read(options?: { refresh?: boolean }): Promise<LedgerSnapshot>
  /** Applies `op` and commits and pushes the result, retrying on lost races. Creates the branch if missing. */
  write(op: LedgerOp): Promise<WriteResult>
  /**
   * The state, patterns and summary of the ledger's head, from `summary.json` when it describes
   * the head's items (three small files, whatever the number of items), else from a full read.
   */
  overview(): Promise<LedgerOverview>
  /** Reads the ledger, creating the branch (an orphan holding an empty ledger) when it does not exist. */
  init(): Promise<LedgerSnapshot>
  /** The branch's commits, newest first; with an item id (or unique prefix), only those that changed it. */
  log(options?: { itemId?: string; limit?: number }): Promise<LedgerCommit[]>
  /** Makes a new commit whose content is that of `sha` (an earlier ledger commit); never a force push. */
  restore(sha: string): Promise<WriteResult>
  /** Fetches, reads every file afresh and checks cross-file consistency. */
  verify(): Promise<VerifyReport>
}

/** Opens the ledger of the repository at `options.repoDir`; nothing is fetched until the first read. */
export async function openLedgerStore(options: LedgerStoreOptions): Promise<LedgerStore> {
  const remote = options.remote ?? 'origin'
  const branch = options.branch ?? 'ccal-ledger'
  // Both end up in git's argument vector: refuse anything git could read as an option or refspec syntax.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote)) throw new CcalError(`invalid remote name '${remote}'`)
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..') || branch.endsWith('.lock')) {
    throw new CcalError(`invalid ledger branch name '${branch}'`)
  }
  const base = options.git ?? createGit({ cwd: options.repoDir, logger: options.logger })
  const url = await base.exec(['remote', 'get-url', remote])
  if (url.exitCode !== 0) {
    if (/not a git repository/i.test(url.stderr))
      throw new CcalError(`${options.repoDir} is not inside a git repository`)
    throw new CcalError(`the repository at ${options.repoDir} has no remote '${remote}'`)
  }
  const remoteUrl = url.stdout.trim()
  const git = withTokenAuth(base, remoteUrl, options.tokens)
  return new GitLedgerStore(git, { ...options, remote })
}

/** The files of one ledger commit as loaded into memory. */
interface Loaded extends LedgerSnapshot {
  readonly tree: string | null
  /** Every file and directory on the branch. */
  readonly snapshot: TreeSnapshot
  /** Read through a migration: the next write rewrites every file in the current format. */
  readonly rewriteAll: boolean
}

const EMPTY: Loaded = {
  ledger: emptyLedger(),
  commit: null,
  tree: null,
  snapshot: EMPTY_TREE,
  rewriteAll: false
}

/** The depth git itself uses for `--unshallow`: all of a branch's history. */
const FULL_DEPTH = 2147483647

/** The ledger's head as a fetch found it, and where this clone's seen mark was then (null: nowhere). */
interface FetchedHead {
  readonly commit: string
  readonly tree: string
  readonly seen: string | null
  /** The head's `ls-tree`, started with the sha lookup after a first fetch. */
  readonly listing?: Promise<string | null>
}

type PushOutcome = { ok: true } | { ok: false; reason: string }

class GitLedgerStore implements LedgerStore {
  readonly branch: string
  readonly remote: string
  readonly trackingRef: string
  /** The newest ledger head this clone has seen (read or written): history must only move on from it. */
  private readonly seenRef: string
  private loaded: Loaded | null = null
  private readonly retry: RetryPolicy
  private readonly logger: Logger
  private readonly now: () => Date
  private readonly random: () => number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(
    private readonly git: Git,
    private readonly options: LedgerStoreOptions & { remote: string }
  ) {
    this.branch = options.branch ?? 'ccal-ledger'
    this.remote = options.remote
    this.trackingRef = `refs/remotes/${this.remote}/${this.branch}`
    this.seenRef = `refs/ccal/seen/${this.remote}/${this.branch}`
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
    this.logger = options.logger ?? silentLogger
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
  }

  async read(options: { refresh?: boolean } = {}): Promise<LedgerSnapshot> {
    if (!this.loaded || options.refresh) this.loaded = await this.refresh(this.loaded)
    return { ledger: this.loaded.ledger, commit: this.loaded.commit }
  }

  async write(op: LedgerOp): Promise<WriteResult> {
    let fresh = this.loaded === null
    if (!this.loaded) {
      // A first read of a large ledger takes a while, and other writers may commit meanwhile. A
      // second fetch costs little (nothing to transfer, only the changed files to read) and
      // narrows the window between reading the branch and pushing to it.
      this.loaded = await this.refresh(null)
      if (this.loaded.commit) this.loaded = await this.refresh(this.loaded)
    }
    let snapshot = this.loaded
    for (let attempt = 1; ; attempt += 1) {
      const context: OpContext = {
        now: this.now(),
        runId: this.options.runId,
        ...(this.options.limits ? { limits: this.options.limits } : {})
      }
      let outcome: ReturnType<LedgerOp>
      try {
        outcome = op(snapshot.ledger, context)
      } catch (error) {
        // The state we hold may be stale (another run added or leased the item): judge the
        // operation against the branch as it is now before giving up.
        if (fresh || !isCcalError(error)) throw error
        snapshot = this.loaded = await this.refresh(snapshot)
        outcome = op(snapshot.ledger, context)
      }
      const written = await this.commitLedger(snapshot, outcome.ledger, outcome.description, context)
      if (!written)
        return {
          ledger: snapshot.ledger,
          commit: snapshot.commit,
          changed: false,
          description: outcome.description,
          attempts: attempt
        }
      const pushed = await this.push(written.commit)
      if (pushed.ok) {
        // git push moves the remote-tracking ref itself when the remote has the usual fetch refspec.
        this.loaded = { ...written, ledger: outcome.ledger, rewriteAll: false }
        await this.moveSeen(written.commit, snapshot.commit)
        return {
          ledger: outcome.ledger,
          commit: written.commit,
          changed: true,
          description: outcome.description,
          attempts: attempt
        }
      }
      if (attempt >= this.retry.maxAttempts) {
        throw new LedgerConflictError(
          `could not update ledger branch '${this.branch}' after ${attempt} attempts: other writers kept winning (${pushed.reason})`
        )
      }
      const delay = this.backoff(attempt)
      this.logger.debug(`ledger push lost a race (${pushed.reason}); retrying in ${delay} ms`, { attempt })
      await this.sleep(delay)
      snapshot = this.loaded = await this.refresh(snapshot)
      fresh = true
    }
  }

  async overview(): Promise<LedgerOverview> {
    const head = await this.fetchForward()
    if (head && !this.loaded) {
      const quick = await this.readSummary(head)
      if (quick) return quick
    }
    this.loaded = await this.loadHead(this.loaded, head)
    const { ledger, commit, snapshot } = this.loaded
    return {
      commit,
      state: ledger.state,
      patterns: ledger.patterns,
      summary: summarize(ledger.items, snapshot.trees.get(ITEMS_DIR) ?? null)
    }
  }

  /**
   * The overview from `summary.json`, state.json and patterns.json of `head` alone, or null when
   * the summary is missing, unreadable or describes other items than the head's (a writer that
   * did not keep it, a hand edit): the full read then answers, and says what is wrong if anything is.
   */
  private async readSummary(head: FetchedHead): Promise<LedgerOverview | null> {
    const where = this.where(head.commit)
    const files = [STATE_FILE, PATTERNS_FILE, SUMMARY_FILE, ITEMS_DIR] as const
    const found = new Map<string, BatchObject>()
    await this.catFile(
      files.map(file => `${head.commit}:${file}`),
      (index, object) => {
        if (object) found.set(files[index]!, object)
      }
    )
    const [state, patterns, summary] = [STATE_FILE, PATTERNS_FILE, SUMMARY_FILE].map(file => found.get(file))
    if (!state || !summary) return null
    try {
      const rawState = parseJsonFile(state.text, STATE_FILE, where)
      if (this.checkVersion(rawState, where) !== SCHEMA_VERSION) return null
      const decoded = LedgerSummarySchema.safeParse(parseJsonFile(summary.text, SUMMARY_FILE, where))
      if (!decoded.success || decoded.data.items !== (found.get(ITEMS_DIR)?.sha ?? null)) return null
      await this.moveSeen(head.commit, head.seen)
      return {
        commit: head.commit,
        state: decodeFile(SystemStateSchema, rawState, STATE_FILE, where),
        patterns: decodeFile(
          PatternsFileSchema,
          optionalJson(patterns?.text, PATTERNS_FILE, where),
          PATTERNS_FILE,
          where
        ),
        summary: decoded.data
      }
    } catch (error) {
      if (error instanceof LedgerCorruptError) return null
      throw error
    }
  }

  async init(): Promise<LedgerSnapshot> {
    const snapshot = await this.read()
    if (snapshot.commit) return snapshot
    const created = await this.write(ledger => ({
      ledger,
      description: `create ledger branch '${this.branch}'`
    }))
    return { ledger: created.ledger, commit: created.commit }
  }

  async log(options: { itemId?: string; limit?: number } = {}): Promise<LedgerCommit[]> {
    const snapshot = await this.read({ refresh: true })
    if (!snapshot.commit) return []
    await this.deepen()
    const paths: string[] = []
    if (options.itemId) paths.push('--', itemPath(resolveItemId(snapshot.ledger, options.itemId)))
    const limit = options.limit ? [`--max-count=${options.limit}`] : []
    const format = '--format=%H%x1f%cI%x1f%s%x1f%(trailers:key=CCAL-Run,valueonly,separator=%x2C)%x1e'
    const out = await this.git.run(['log', format, ...limit, snapshot.commit, ...paths])
    return out
      .split('\x1e')
      .map(record => record.trim())
      .filter(record => record.length > 0)
      .map(record => {
        const [sha = '', date = '', subject = '', runId = ''] = record.split('\x1f')
        return { sha, date, subject, runId: runId.trim() || null }
      })
  }

  async restore(sha: string): Promise<WriteResult> {
    if (!/^[0-9a-f]{4,64}$/i.test(sha)) throw new LedgerLookupError(`'${sha}' is not a commit sha`)
    for (let attempt = 1; ; attempt += 1) {
      const headInfo = await this.fetchHead()
      const head = headInfo?.commit ?? null
      await this.deepen()
      const target = await this.git.exec(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`])
      if (target.exitCode !== 0)
        throw new LedgerLookupError(`no commit '${sha}' in the ledger's history (see ccal ledger log)`)
      const targetSha = target.stdout.trim()
      let restored: Loaded
      try {
        restored = await this.loadFull(targetSha)
      } catch (error) {
        if (error instanceof LedgerCorruptError) {
          throw new CcalError(
            `commit ${targetSha.slice(0, 7)} is not a readable ledger either: ${error.details.file}: ${error.details.problem}`,
            {
              cause: error
            }
          )
        }
        throw error
      }
      const headTree = headInfo?.tree ?? null
      const subject = (await this.git.run(['log', '-1', '--format=%s', targetSha])).trim()
      const description = `restore ledger to ${targetSha.slice(0, 12)} (${subject})`
      if (headTree === restored.tree) {
        this.loaded = { ...restored, commit: head }
        if (head) await this.git.exec(['update-ref', this.seenRef, head])
        return { ledger: restored.ledger, commit: head, changed: false, description, attempts: attempt }
      }
      const commit = await this.commitTree(restored.tree!, head, description, {
        now: this.now(),
        runId: this.options.runId,
        ...(this.options.limits ? { limits: this.options.limits } : {})
      })
      const pushed = await this.push(commit)
      if (pushed.ok) {
        this.loaded = { ...restored, commit }
        // A person chose this content: history goes on from the new commit, whatever was seen before.
        await this.git.exec(['update-ref', this.seenRef, commit])
        return { ledger: restored.ledger, commit, changed: true, description, attempts: attempt }
      }
      if (attempt >= this.retry.maxAttempts) {
        throw new LedgerConflictError(
          `could not restore ledger branch '${this.branch}' after ${attempt} attempts (${pushed.reason})`
        )
      }
      await this.sleep(this.backoff(attempt))
    }
  }

  async verify(): Promise<VerifyReport> {
    const head = await this.fetchHead()
    if (!head)
      return {
        commit: null,
        items: 0,
        problems: [],
        warnings: [`ledger branch '${this.branch}' does not exist yet`]
      }
    const loaded = await this.loadFull(head.commit, head.tree).catch(async (error: unknown) => {
      throw error instanceof LedgerCorruptError ? await this.withLastGood(error) : error
    })
    this.loaded = loaded
    const problems: string[] = []
    const warnings: string[] = []
    const byFingerprint = new Map<string, string>()
    for (const item of loaded.ledger.items.values()) {
      const other = byFingerprint.get(item.fingerprint)
      if (other) problems.push(`${itemPath(item.id)}: fingerprint also used by item ${other}`)
      byFingerprint.set(item.fingerprint, item.id)
      if (item.status === 'in_progress' && !item.lease)
        problems.push(`${itemPath(item.id)}: in_progress without a lease`)
      if (item.lease && item.status !== 'in_progress')
        problems.push(`${itemPath(item.id)}: leased while ${item.status}`)
      if (item.attempts > item.maxAttempts)
        warnings.push(
          `${itemPath(item.id)}: ${item.attempts} attempts, more than maxAttempts ${item.maxAttempts}`
        )
      if (item.parentId && !loaded.ledger.items.get(item.parentId))
        warnings.push(`${itemPath(item.id)}: parent ${item.parentId} is not in the ledger`)
    }
    for (const [path] of filesOf(loaded.snapshot)) {
      if (classifyPath(path).kind === 'unknown') warnings.push(`${path}: not a ledger file (kept as is)`)
    }
    if (loaded.rewriteAll)
      warnings.push(
        `written with an older schema version; the next write migrates it to version ${SCHEMA_VERSION}`
      )
    return { commit: head.commit, items: loaded.ledger.items.size, problems, warnings }
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** Fetches the branch and loads it, reusing what `previous` already holds where possible. */
  private async refresh(previous: Loaded | null): Promise<Loaded> {
    return this.loadHead(previous, await this.fetchForward(previous === null))
  }

  /** Loads the fetched `head`, reusing what `previous` already holds where possible. */
  private async loadHead(previous: Loaded | null, head: FetchedHead | null): Promise<Loaded> {
    if (!head) return EMPTY
    if (previous?.commit === head.commit) return previous
    // This clone has seen the head, readable or not: the mark moves while the files are read. Only
    // a git that cannot start makes it throw, and then the reads below say so.
    const marked = this.moveSeen(head.commit, head.seen).catch(() => undefined)
    try {
      if (previous?.commit && !previous.rewriteAll) {
        const incremental = await this.loadChanges(previous, head.commit, head.tree)
        if (incremental) return incremental
      }
      return await this.loadFull(head.commit, head.tree, head.listing)
    } catch (error) {
      if (error instanceof LedgerCorruptError) throw await this.withLastGood(error)
      throw error
    } finally {
      await marked
    }
  }

  /**
   * Fetches the head and refuses one that does not contain the last head this clone saw: the
   * branch's history was rewritten, and reading it would lose items and rewind the spend counters.
   * Both ways out are a `ccal ledger restore`, which makes a new commit and moves the mark along.
   * Runs sharing the clone move the tracking ref and the mark as they go, so a head that looks
   * behind is fetched again, and only one the remote itself still shows is refused.
   */
  /** `list`: a full load of a first fetch follows (see {@link fetchHead}). */
  private async fetchForward(list = false): Promise<FetchedHead | null> {
    for (let attempt = 1; ; attempt += 1) {
      const last = await this.lastSeen()
      // With no head seen before there is no history to check against: the head alone will do.
      const head = await this.fetchHead(last ? {} : { depth: 1, list })
      if (!last || head?.commit === last || (head && (await this.isAncestor(last, head.commit))))
        return head && { ...head, seen: last ?? null }
      const remote = await this.git.exec(['ls-remote', '--heads', this.remote, `refs/heads/${this.branch}`])
      const shown = remote.exitCode === 0 ? (remote.stdout.split('\t')[0]?.trim() ?? '') || null : undefined
      const confirmed = shown !== undefined && shown === (head?.commit ?? null)
      if (confirmed && (await this.lastSeen()) === last) throw this.rollback(head?.commit ?? null, last)
      if (attempt >= 5) throw this.rollback(head?.commit ?? null, last)
      await this.sleep(this.backoff(attempt))
    }
  }

  private async lastSeen(): Promise<string | undefined> {
    const seen = await this.git.exec(['rev-parse', '--verify', '--quiet', `${this.seenRef}^{commit}`])
    return seen.exitCode === 0 ? seen.stdout.trim() : undefined
  }

  private async isAncestor(older: string, newer: string): Promise<boolean> {
    return (await this.git.exec(['merge-base', '--is-ancestor', older, newer])).exitCode === 0
  }

  private rollback(head: string | null, last: string): LedgerRollbackError {
    const where = `ledger branch '${this.branch}' on ${this.remote}`
    const now = head
      ? `is at ${head.slice(0, 12)}, which does not contain`
      : 'is gone, though this machine saw it at'
    return new LedgerRollbackError(
      `${where} ${now} ${last.slice(0, 12)}, the last head this machine saw: its history was rewritten (a force-push to an older commit?), and reading it would lose what was recorded since. Nothing was written. To keep what this machine saw: ccal ledger restore ${last.slice(0, 12)}${head ? `; to accept the branch as it is: ccal ledger restore ${head.slice(0, 12)}` : ''}`
    )
  }

  /**
   * `expected`: where the mark is believed to be (null: nowhere yet), such as the head `commit` was
   * written on or the mark as the fetch found it.
   */
  private async moveSeen(commit: string, expected?: string | null): Promise<void> {
    // The usual case in one command, a compare-and-swap: the mark moves on from where it was.
    if (expected !== undefined) {
      if (expected === commit) return
      const swap = ['update-ref', this.seenRef, commit, expected ?? '']
      if ((await this.git.exec(swap)).exitCode === 0) return
    }
    const last = await this.lastSeen()
    // Several runs share the clone: never move the mark back to an older head one of them still holds.
    if (last && (last === commit || (await this.isAncestor(commit, last)))) return
    await this.git.exec(['update-ref', this.seenRef, commit])
  }

  /**
   * Fetches the rest of the ledger's history, for the commands that read it (`log`, `restore`, a
   * restore hint): a first fetch takes only the head, which is all a cycle needs.
   */
  private async deepen(): Promise<void> {
    if ((await this.git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true')
      await this.fetchHead({ depth: FULL_DEPTH })
  }

  /**
   * Fetches the ledger branch into its tracking ref and returns its sha, or null when the branch
   * does not exist. `depth` limits how much history comes along.
   */
  private async fetchHead(
    options: { depth?: number; list?: boolean } = {}
  ): Promise<{ commit: string; tree: string; listing?: Promise<string | null> } | null> {
    const args = [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      ...(options.depth ? [`--depth=${options.depth}`] : []),
      this.remote,
      `+refs/heads/${this.branch}:${this.trackingRef}`
    ]
    for (let attempt = 1; ; attempt += 1) {
      // A ledger fetch should not start the user's background maintenance every time it runs.
      const result = await this.git.exec(args, { config: { 'maintenance.auto': 'false' } })
      if (result.exitCode === 0) {
        // `list`: a full load follows, so its listing starts with the sha lookup; it is checked
        // against the tree sha before it is used (another fetch may move the ref in between).
        const listing = options.list
          ? this.git.run(['ls-tree', '-r', '-t', '-z', '--full-tree', this.trackingRef]).catch(() => null)
          : undefined
        const resolved = await this.git.exec(['rev-parse', this.trackingRef, `${this.trackingRef}^{tree}`])
        if (resolved.exitCode === 0) {
          const [commit, tree] = resolved.stdout.trim().split('\n')
          return { commit: commit!, tree: tree!, ...(listing ? { listing } : {}) }
        }
        // Another run sharing the clone found the branch missing a moment ago and dropped the
        // tracking ref between our fetch and this lookup: fetch again.
        if (attempt < this.retry.maxAttempts) {
          await this.sleep(this.backoff(attempt))
          continue
        }
        throw commandFailed(['rev-parse', this.trackingRef], resolved)
      }
      if (/couldn't find remote ref/i.test(result.stderr)) {
        await this.git.exec(['update-ref', '-d', this.trackingRef])
        return null
      }
      // Two processes fetching into one clone contend for the ref's lock file; that passes.
      if (isLockContention(result.stderr) && attempt < this.retry.maxAttempts) {
        await this.sleep(this.backoff(attempt))
        continue
      }
      throw remoteFailure('fetch', this.remote, args, result)
    }
  }

  private where(commit: string): LedgerLocation {
    return { branch: this.branch, commit }
  }

  /** Loads every file of a commit. */
  private async loadFull(
    commit: string,
    knownTree?: string,
    earlyListing?: Promise<string | null>
  ): Promise<Loaded> {
    const where = this.where(commit)
    const early = knownTree && earlyListing ? await earlyListing : null
    let snapshot = early === null ? null : parseLsTree(early, knownTree!)
    if (!snapshot || computedTreeSha(snapshot, '') !== knownTree) {
      const [tree, listing] = await Promise.all([
        knownTree ?? this.git.run(['rev-parse', `${commit}^{tree}`]).then(out => out.trim()),
        this.git.run(['ls-tree', '-r', '-t', '-z', '--full-tree', commit])
      ])
      snapshot = parseLsTree(listing, tree)
    }
    const tree = snapshot.trees.get('')!
    const stateSha = blobAt(snapshot, STATE_FILE)
    if (stateSha === undefined)
      throw corruptError(where, STATE_FILE, '', 'missing: this branch does not look like a CCAL ledger')
    // Items are decoded as their blobs stream in, so the raw text of 50k files is never held at
    // once. state.json is asked for first: its schema version says whether they can be.
    const pathsOf = new Map<string, string[]>([[stateSha, []]])
    for (const [path, sha] of filesOf(snapshot)) {
      if (isLedgerData(path)) pathsOf.set(sha, [...(pathsOf.get(sha) ?? []), path])
    }
    const texts = new Map<string, string>()
    const items: WorkItem[] = []
    const rawItems = new Map<string, unknown>()
    let version = 0
    await this.readBlobs([...pathsOf.keys()], (sha, text) => {
      for (const path of pathsOf.get(sha)!) {
        if (classifyPath(path).kind !== 'item') {
          texts.set(path, text)
          if (path === STATE_FILE) version = this.checkVersion(parseJsonFile(text, STATE_FILE, where), where)
          continue
        }
        const raw = parseJsonFile(text, path, where)
        if (version === SCHEMA_VERSION) items.push(decodeItem(path, raw, where))
        else rawItems.set(path, raw)
      }
    })
    const raw: RawLedgerFiles = {
      state: parseJsonFile(texts.get(STATE_FILE)!, STATE_FILE, where),
      results: optionalJson(texts.get(RESULTS_FILE), RESULTS_FILE, where),
      patterns: optionalJson(texts.get(PATTERNS_FILE), PATTERNS_FILE, where),
      items: rawItems
    }
    const migrated = version < SCHEMA_VERSION ? migrate(raw, version) : raw
    for (const [path, value] of migrated.items) items.push(decodeItem(path, value, where))
    const ledger: Ledger = {
      state: decodeFile(SystemStateSchema, migrated.state, STATE_FILE, where),
      results: decodeFile(ResultsFileSchema, migrated.results, RESULTS_FILE, where),
      patterns: decodeFile(PatternsFileSchema, migrated.patterns, PATTERNS_FILE, where),
      items: Items.from(items)
    }
    return { ledger, commit, tree, snapshot, rewriteAll: version < SCHEMA_VERSION }
  }

  /**
   * Loads `commit` as `previous` plus the files that differ between them, or returns null when a
   * full load is needed (the schema version changed).
   */
  private async loadChanges(previous: Loaded, commit: string, tree: string): Promise<Loaded | null> {
    const where = this.where(commit)
    const diff = await this.git.run(['diff-tree', '-r', '-t', '-z', '--no-renames', previous.commit!, commit])
    const allChanges = parseDiffTree(diff)
    const snapshot = applyTreeChanges(previous.snapshot, allChanges, tree)
    const changes = allChanges.filter(change => !change.isTree)
    const texts = new Map<string, string>()
    await this.readBlobs(
      changes.filter(change => change.sha && isLedgerData(change.path)).map(change => change.sha!),
      (sha, text) => texts.set(sha, text)
    )
    let { state, results, patterns } = previous.ledger
    const changedItems: WorkItem[] = []
    const removedIds: string[] = []
    for (const change of changes) {
      const kind = classifyPath(change.path)
      if (!isLedgerData(change.path)) continue
      if (!change.sha) {
        if (kind.kind === 'item') {
          removedIds.push(kind.id)
          continue
        }
        if (kind.kind === 'state')
          throw corruptError(where, STATE_FILE, '', 'missing: this branch does not look like a CCAL ledger')
        if (kind.kind === 'results') results = []
        if (kind.kind === 'patterns') patterns = []
        continue
      }
      const raw = parseJsonFile(texts.get(change.sha)!, change.path, where)
      if (kind.kind === 'state') {
        if (this.checkVersion(raw, where) !== SCHEMA_VERSION) return null
        state = decodeFile(SystemStateSchema, raw, STATE_FILE, where)
      } else if (kind.kind === 'results') {
        results = decodeFile(ResultsFileSchema, raw, RESULTS_FILE, where)
      } else if (kind.kind === 'patterns') {
        patterns = decodeFile(PatternsFileSchema, raw, PATTERNS_FILE, where)
      } else {
        changedItems.push(decodeItem(change.path, raw, where))
      }
    }
    const items = previous.ledger.items.without(removedIds).with(changedItems)
    const ledger: Ledger = { state, results, patterns, items }
    return { ledger, commit, tree, snapshot, rewriteAll: false }
  }

  private checkVersion(rawState: unknown, where: LedgerLocation): number {
    const version = rawSchemaVersion(rawState)
    if (version === null)
      throw corruptError(where, STATE_FILE, 'schemaVersion', 'missing or not a positive integer')
    if (version > SCHEMA_VERSION) {
      throw corruptError(
        where,
        STATE_FILE,
        'schemaVersion',
        `version ${version} was written by a newer ccal (this one understands up to ${SCHEMA_VERSION}); upgrade ccal rather than restoring`
      )
    }
    return version
  }

  /** Adds the likely last good commit (the parent of the commit that last changed the bad file). */
  private async withLastGood(error: LedgerCorruptError): Promise<LedgerCorruptError> {
    const { commit, file } = error.details
    await this.deepen()
    const changed = await this.git.exec(['log', '-1', '--format=%H', commit, '--', file])
    const culprit = changed.stdout.trim()
    if (changed.exitCode !== 0 || !culprit) return error
    const parent = await this.git.exec(['rev-parse', '--verify', '--quiet', `${culprit}^`])
    return withRestoreHint(error, parent.exitCode === 0 ? parent.stdout.trim() : null)
  }

  /** Reads blobs through one `git cat-file --batch` process, giving each to `onBlob` as it arrives. */
  private async readBlobs(
    shas: readonly string[],
    onBlob: (sha: string, text: string) => void
  ): Promise<void> {
    const unique = [...new Set(shas)]
    if (unique.length === 0) return
    const received = await this.catFile(unique, (index, object) => {
      if (!object) throw new CcalError(`git object ${unique[index]} is missing from the repository`)
      onBlob(object.sha, object.text)
    })
    if (received !== unique.length)
      throw new CcalError(`git cat-file gave ${received} of ${unique.length} ledger files`)
  }

  /**
   * Streams the objects `names` name (shas, `<commit>:<path>`) through one `git cat-file --batch`,
   * each to `onObject` in the order asked (null for a name git does not know); returns how many
   * answers came.
   */
  private async catFile(
    names: readonly string[],
    onObject: (index: number, object: BatchObject | null) => void
  ): Promise<number> {
    const args = ['cat-file', '--batch']
    const output = new BatchOutput(onObject)
    const result = await this.git.execBuffer(args, {
      input: `${names.join('\n')}\n`,
      onStdout: chunk => output.push(chunk)
    })
    if (result.exitCode !== 0) throw commandFailed(args, result)
    return output.received
  }

  // -------------------------------------------------------------------------------------------
  // Writing

  /** Writes the files that differ between `base` and `next` and commits them on top of `base`; null when nothing differs. */
  private async commitLedger(
    base: Loaded,
    next: Ledger,
    description: string,
    context: OpContext
  ): Promise<{ commit: string; tree: string; snapshot: TreeSnapshot } | null> {
    const files = changedFiles(base, next, this.branch)
    const updates: { path: string; text: string; sha: string }[] = []
    const removals: string[] = []
    for (const [path, text] of files) {
      if (text === null) {
        if (blobAt(base.snapshot, path) !== undefined) removals.push(path)
        continue
      }
      const sha = blobSha(text)
      if (blobAt(base.snapshot, path) !== sha) updates.push({ path, text, sha })
    }
    if (updates.length === 0 && removals.length === 0 && base.commit !== null) return null

    let plan = planTree(base.snapshot, new Map(updates.map(update => [update.path, update.sha])), removals)
    let trees = plan.trees
    // The summary names the items/ tree it describes, so it is planned once that tree is known:
    // a second plan over the first changes only the root.
    const itemsChanged = [...updates.map(update => update.path), ...removals].some(isItemPath)
    if (itemsChanged || (blobAt(base.snapshot, SUMMARY_FILE) === undefined && next.items.size > 0)) {
      const summary = summarize(next.items, plan.snapshot.trees.get(ITEMS_DIR) ?? null)
      const text = encode(LedgerSummarySchema, summary, SUMMARY_FILE)
      const sha = blobSha(text)
      if (blobAt(plan.snapshot, SUMMARY_FILE) !== sha) {
        const first = plan
        plan = planTree(first.snapshot, new Map([[SUMMARY_FILE, sha]]), [])
        trees = [...first.trees.filter(tree => tree.dir !== ''), ...plan.trees]
        updates.push({ path: SUMMARY_FILE, text, sha })
      }
    }
    // Blobs and trees are independent writes (mktree --missing does not look the entries up).
    await Promise.all([this.storeBlobs(updates), this.storeTrees(trees)])
    const commit = await this.commitTree(plan.root, base.commit, description, context)
    return { commit, tree: plan.root, snapshot: plan.snapshot }
  }

  /**
   * Writes blobs into the object database through one `git fast-import` process fed on stdin, and
   * checks git agrees on their shas (`get-mark`). No temporary file per blob: a first write of 50k
   * items opens no more files than one of a single item. fast-import keeps small imports as loose
   * objects (`fastimport.unpackLimit`) and packs large ones, so a big seed does not leave 50k loose files.
   */
  private async storeBlobs(updates: readonly { path: string; text: string; sha: string }[]): Promise<void> {
    if (updates.length === 0) return
    const chunks: Buffer[] = []
    updates.forEach((update, index) => {
      const body = Buffer.from(update.text, 'utf8')
      chunks.push(Buffer.from(`blob\nmark :${index + 1}\ndata ${body.length}\n`), body, Buffer.from('\n'))
    })
    for (let index = 1; index <= updates.length; index += 1) chunks.push(Buffer.from(`get-mark :${index}\n`))
    chunks.push(Buffer.from('done\n'))
    const args = ['fast-import', '--quiet', '--done']
    const written = (await this.git.run(args, { input: Buffer.concat(chunks) })).trim().split('\n')
    updates.forEach((update, index) => {
      if (written[index] !== update.sha)
        throw new CcalError(`git stored ${update.path} as ${written[index]}, expected ${update.sha}`)
    })
  }

  /** Writes planned tree objects with one `git mktree --batch`, checking git computes the same shas. */
  private async storeTrees(trees: readonly PlannedTree[]): Promise<void> {
    if (trees.length === 0) return
    const input = `${trees.map(tree => tree.mktreeLines.join('\n')).join('\n\n')}\n`
    const written = (await this.git.run(['mktree', '--batch', '--missing'], { input })).trim().split('\n')
    trees.forEach((tree, index) => {
      if (written[index] !== tree.sha) {
        throw new CcalError(`git wrote tree '${tree.dir || '/'}' as ${written[index]}, expected ${tree.sha}`)
      }
    })
  }

  private async commitTree(
    tree: string,
    parent: string | null,
    description: string,
    context: OpContext
  ): Promise<string> {
    const identity = this.options.identity ?? DEFAULT_IDENTITY
    const date = context.now.toISOString()
    // `[skip ci]`: a push to the ledger branch starts none of the repository's `on: push` workflows
    // (an App token's pushes would; the workflow's own token's would not anyway).
    const message = `${description}\n\n[skip ci]\n\nCCAL-Run: ${context.runId}\n`
    const args = ['commit-tree', '--no-gpg-sign', tree, ...(parent ? ['-p', parent] : [])]
    const out = await this.git.run(args, {
      input: message,
      env: {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email,
        GIT_COMMITTER_DATE: date
      }
    })
    return out.trim()
  }

  /** Pushes `commit` to the branch without force; a lost race is an outcome, anything else throws. */
  private async push(commit: string): Promise<PushOutcome> {
    const args = [
      'push',
      '--porcelain',
      '--no-verify',
      '--quiet',
      this.remote,
      `${commit}:refs/heads/${this.branch}`
    ]
    const result = await this.git.exec(args)
    if (result.exitCode === 0) return { ok: true }
    const rejected = result.stdout.split('\n').find(line => line.startsWith('!'))
    const reason = rejected?.split('\t')[2] ?? firstLines(result.stderr, 1)
    if (rejected && isLostRace(reason)) return { ok: false, reason }
    if (!rejected && isLockContention(result.stderr))
      return { ok: false, reason: firstLines(result.stderr, 1) }
    throw remoteFailure('push to', this.remote, args, result)
  }

  /** Delay before attempt `attempt + 1`: exponential, capped, with jitter so racing writers spread out. */
  private backoff(attempt: number): number {
    // "Full jitter": racing writers that lost together spread over the whole window instead of
    // colliding again, which wastes the least work when many of them contend.
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1))
    return Math.round(this.random() * cap)
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** One object as `cat-file --batch` gives it. */
interface BatchObject {
  readonly sha: string
  readonly type: string
  readonly text: string
}

/**
 * Parses `git cat-file --batch` output as it streams in: `<sha> <type> <size>\n<bytes>\n` per
 * object. Only the part of an object not yet complete is kept between chunks.
 */
class BatchOutput {
  /** How many objects (or missing names) were read so far: the index of the next one asked for. */
  received = 0
  private data: Buffer = Buffer.alloc(0)
  private object: { sha: string; type: string; size: number } | null = null

  constructor(private readonly onObject: (index: number, object: BatchObject | null) => void) {}

  push(chunk: Buffer): void {
    this.data = this.data.length === 0 ? chunk : Buffer.concat([this.data, chunk])
    let position = 0
    for (;;) {
      if (!this.object) {
        const headerEnd = this.data.indexOf(0x0a, position)
        if (headerEnd < 0) break
        const header = this.data.toString('utf8', position, headerEnd)
        position = headerEnd + 1
        const [sha, type, size] = header.split(' ')
        if (/ (missing|ambiguous)$/.test(header) || size === undefined) {
          this.onObject(this.received, null)
          this.received += 1
          continue
        }
        this.object = { sha: sha!, type: type!, size: Number(size) }
      }
      const end = position + this.object.size
      if (end + 1 > this.data.length) break
      const { sha, type } = this.object
      this.onObject(this.received, { sha, type, text: this.data.toString('utf8', position, end) })
      this.received += 1
      this.object = null
      position = end + 1
    }
    this.data = this.data.subarray(position)
  }
}

/** Every ledger file whose content may differ between `base` and `next` (null content = delete). */
function changedFiles(base: Loaded, next: Ledger, branch: string): Map<string, string | null> {
  const files = new Map<string, string | null>()
  const all = base.rewriteAll || base.commit === null
  const previous = base.ledger
  if (all || next.state !== previous.state)
    files.set(STATE_FILE, encode(SystemStateSchema, next.state, STATE_FILE))
  if (all || next.results !== previous.results)
    files.set(RESULTS_FILE, encode(ResultsFileSchema, next.results, RESULTS_FILE))
  if (all || next.patterns !== previous.patterns)
    files.set(PATTERNS_FILE, encode(PatternsFileSchema, next.patterns, PATTERNS_FILE))
  if (base.commit === null) files.set(README_FILE, readmeText(branch))
  // Only the items the operation replaced, found by comparing the shards the two maps do not share
  // (when every file is rewritten: every item, and the removal of those the operation took out).
  const ids = all
    ? [...next.items.keys(), ...[...previous.items.keys()].filter(id => !next.items.has(id))]
    : next.items.changedSince(previous.items)
  for (const id of ids) {
    const item = next.items.get(id)
    files.set(itemPath(id), item ? encode(WorkItemSchema, item, itemPath(id)) : null)
  }
  return files
}

/** Validates what is about to be written (an operation bug must not reach the branch) and serializes it. */
function encode(schema: z.ZodType, value: unknown, file: string): string {
  const checked = schema.safeParse(value)
  if (!checked.success) {
    const issue = checked.error.issues[0]!
    throw new CcalError(
      `refusing to write an invalid ledger: ${file}: ${issue.path.join('.')}: ${issue.message}`
    )
  }
  return stableJson(value)
}

function decodeItem(path: string, raw: unknown, where: LedgerLocation): WorkItem {
  const item = decodeFile(WorkItemSchema, raw, path, where)
  if (itemPath(item.id) !== path)
    throw corruptError(where, path, 'id', `'${item.id}' does not match the file name`)
  return item
}

function optionalJson(text: string | undefined, file: string, where: LedgerLocation): unknown {
  return text === undefined ? [] : parseJsonFile(text, file, where)
}

/** A file a load reads: not the README, not the summary (derived from the items), not a stranger's. */
function isItemPath(path: string): boolean {
  return classifyPath(path).kind === 'item'
}

function isLedgerData(path: string): boolean {
  const kind = classifyPath(path).kind
  return kind !== 'unknown' && kind !== 'readme' && kind !== 'summary'
}

/** The sha git gives a blob with this content. */
function blobSha(text: string): string {
  const body = Buffer.from(text, 'utf8')
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex')
}

/** A push refused only because the branch moved since we read it: fetch, re-apply, retry. */
function isLostRace(reason: string): boolean {
  return /fetch first|non-fast-forward|stale info|failed to update ref|cannot lock|incorrect old value|already exists/i.test(
    reason
  )
}

function isLockContention(stderr: string): boolean {
  return /cannot lock ref|unable to create '.*\.lock'|\.lock': File exists/i.test(stderr)
}

/** The error for a fetch or push that failed for a reason retrying will not fix (auth, network, protection). */
function remoteFailure(
  action: string,
  remote: string,
  args: readonly string[],
  result: { exitCode: number; stderr: string; stdout: string }
): GitCommandError {
  const said = firstLines(
    `${result.stderr}\n${result.stdout
      .split('\n')
      .filter(line => line.startsWith('!'))
      .join('\n')}`,
    3
  )
  const auth =
    /authentication failed|could not read username|permission to .* denied|403|401|terminal prompts disabled/i.test(
      said
    )
  const hint = auth ? ' Check that the token (GITHUB_TOKEN or GH_TOKEN) may write repository contents.' : ''
  return new GitCommandError(
    `git ${action} '${remote}' failed: ${said || `exit code ${result.exitCode}`}.${hint}`,
    args,
    result.exitCode,
    result.stderr
  )
}

/** A run id for processes that have none of their own (the CLI): `cli-` and 8 random hex characters. */
export function newRunId(prefix = 'cli'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}
