import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import {
  addManualItem,
  itemsByStatus,
  overridePriority,
  resolveItemId,
  RETRYABLE_STATUSES,
  retryItem,
  SKIPPABLE_STATUSES,
  spentToday,
  transition,
  utcDay,
  type LedgerOp
} from '../../ledger/ops.js'
import {
  ITEM_STATUSES,
  ITEM_TYPES,
  ItemTypeSchema,
  type ItemGlance,
  type ItemStatus,
  type SystemState,
  type WorkItem
} from '../../ledger/schema.js'
import { glance } from '../../ledger/summary.js'
import { newRunId, openLedgerStore, type LedgerSnapshot, type LedgerStore } from '../../ledger/store.js'
import { CcalError, UsageError } from '../../util/errors.js'
import { createStreamLogger } from '../../util/logger.js'
import { oneLine } from '../../util/text.js'
import { staticTokenSource } from '../../util/token-source.js'
import { workDirectory } from '../../workspace/location.js'
import { Workspace } from '../../workspace/workspace.js'
import { parseCommandArgs, type CliCommand, type CliIo } from '../io.js'

const USAGE = [
  'Usage: ccal ledger <command> [--repo DIR] [--branch NAME] [--remote NAME]',
  '',
  'Commands:',
  '  show [--json] [--limit N]     items by status, budget and totals',
  '  add --title T [--type T] [--priority 1-5] [--description D] [--json]',
  '                                add a work item by hand (source: manual)',
  '  verify                        check every file of the ledger and their consistency',
  '  log [ITEM-ID] [--limit N] [--json]',
  '                                the ledger commits, or those that changed one item',
  '  retry ID [--reason TEXT]      send an item back to the queue (a new generation after a merged or',
  '                                closed pull request); the reason goes into the next prompt',
  '  skip ID [--reason TEXT]       dismiss an item nobody is working on',
  "  priority ID N                 set an item's priority, 1 (most urgent) to 5, and keep it",
  '  restore SHA                   new commit with the content of an earlier ledger commit',
  '  export --json                 the whole ledger as one JSON document',
  '',
  "The ledger is the branch 'ccal-ledger' of the repository's remote 'origin' unless --branch/--remote say otherwise.",
  'GITHUB_TOKEN or GH_TOKEN, when set, authenticates to an HTTPS remote (sent per command, never stored).'
].join('\n')

/** Options every ledger command accepts. */
export const LOCATION_OPTIONS = {
  repo: { type: 'string' },
  branch: { type: 'string' },
  remote: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** Opens the ledger store for a CLI command from its `--repo/--branch/--remote` values. */
export async function openCliLedger(
  io: CliIo,
  values: { repo?: string | undefined; branch?: string | undefined; remote?: string | undefined }
): Promise<LedgerStore> {
  const branch = values.branch ?? 'ccal-ledger'
  const checkout = resolve(io.cwd, values.repo ?? '.')
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || undefined
  const tokens = token ? staticTokenSource(token) : undefined
  const runId = io.env.CCAL_RUN_ID || newRunId('cli')
  // CCAL_DEBUG shows every git command and every lost race on stderr.
  const logger = io.env.CCAL_DEBUG
    ? createStreamLogger({ write: line => io.stderr(line), level: 'debug' })
    : undefined
  // The ledger is read and written in CCAL's own clone (as by `ccal run`): the checkout's refs stay
  // as they are.
  const workspace = await Workspace.open({
    checkout,
    directory: workDirectory(io.env.CCAL_WORKSPACE_DIRECTORY, io.env, checkout),
    runId,
    ...(tokens ? { tokens } : {}),
    ...(values.remote ? { remote: values.remote } : {}),
    ...(logger ? { logger } : {})
  })
  return openLedgerStore({
    repoDir: workspace.repoDir,
    git: workspace.git,
    branch,
    runId,
    ...(tokens ? { tokens } : {}),
    logger
  })
}

/** `ccal ledger show|add|verify|log|restore|export`. */
export const ledgerCommand: CliCommand = async (args, io) => {
  const [sub, ...rest] = args
  switch (sub) {
    case 'show':
      return show(rest, io)
    case 'add':
      return add(rest, io)
    case 'verify':
      return verify(rest, io)
    case 'log':
      return log(rest, io)
    case 'retry':
    case 'skip':
    case 'priority':
      return steer(sub, rest, io)
    case 'restore':
      return restore(rest, io)
    case 'export':
      return exportLedger(rest, io)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE)
      return sub === undefined ? 2 : 0
    default:
      throw new UsageError(
        `unknown ledger command '${sub}'. Commands: show, add, verify, log, retry, skip, priority, restore, export.`
      )
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(
  sub: string,
  args: string[],
  options: T,
  positionals = false
) {
  const parsed = parseCommandArgs(`ledger ${sub}`, args, { ...LOCATION_OPTIONS, ...options })
  if (!positionals && parsed.positionals.length > 0) {
    throw new UsageError(`ccal ledger ${sub}: unexpected argument '${parsed.positionals[0]}'`)
  }
  return parsed
}

function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const limit = Number(text)
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a positive whole number, got '${text}'`)
  return limit
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values } = parse('show', args, { json: { type: 'boolean' }, limit: { type: 'string' } })
  if (values.help) return help(io)
  const limit = parseLimit(values.limit, 20)
  const store = await openCliLedger(io, values)
  const snapshot = await store.read()
  const now = new Date()
  if (values.json) {
    io.stdout(JSON.stringify(summaryJson(store, snapshot, now), null, 2))
    return 0
  }
  io.stdout(renderShow(store, snapshot, now, limit))
  return 0
}

/** What `ccal ledger show --json` and `ccal status --json` both begin with: where, how many, the money. */
export function ledgerJsonHead(
  store: LedgerStore,
  commit: string | null,
  state: SystemState,
  counts: (status: ItemStatus) => number,
  now: Date
) {
  return {
    branch: store.branch,
    remote: store.remote,
    commit,
    counts: Object.fromEntries(ITEM_STATUSES.map(status => [status, counts(status)])),
    budget: {
      day: utcDay(now),
      spentTodayUsd: spentToday({ state }, now),
      dailySpendUsd: state.dailySpendUsd
    },
    totals: state.totals,
    cycles: state.cycles,
    lastCycleAt: state.lastCycleAt,
    lastRunId: state.lastRunId
  }
}

/** The machine-readable view of `ccal ledger show --json`: every item, grouped by status. */
function summaryJson(store: LedgerStore, snapshot: LedgerSnapshot, now: Date) {
  const groups = itemsByStatus(snapshot.ledger)
  return {
    ...ledgerJsonHead(store, snapshot.commit, snapshot.ledger.state, status => groups[status].length, now),
    items: Object.fromEntries(ITEM_STATUSES.map(status => [status, groups[status].map(itemSummary)]))
  }
}

/** What the JSON listings say of an item. */
export function itemSummary(
  item: Pick<
    ItemGlance,
    | 'id'
    | 'type'
    | 'priority'
    | 'title'
    | 'attempts'
    | 'maxAttempts'
    | 'occurrences'
    | 'lease'
    | 'pr'
    | 'updatedAt'
  >
) {
  return {
    id: item.id,
    type: item.type,
    priority: item.priority,
    title: item.title,
    attempts: item.attempts,
    maxAttempts: item.maxAttempts,
    occurrences: item.occurrences,
    lease: item.lease,
    pr: item.pr,
    updatedAt: item.updatedAt
  }
}

const STATUS_TITLES: Record<ItemStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  pr_open: 'PR open',
  completed: 'Completed',
  failed: 'Failed',
  rejected: 'Rejected',
  needs_human: 'Needs a human',
  dismissed: 'Dismissed'
}

/** The header line naming the ledger, its commit and how many items it holds. */
export function ledgerHeading(store: LedgerStore, commit: string | null, count: number): string {
  if (!commit)
    return `Ledger '${store.branch}' on ${store.remote} does not exist yet (it is created by the first write).`
  return `Ledger '${store.branch}' on ${store.remote} at ${commit.slice(0, 7)}: ${count} item${count === 1 ? '' : 's'}`
}

/** One line per item: id, priority, type, title and what matters for its status. */
export function itemLine(item: ItemGlance): string {
  const notes: string[] = []
  if (item.occurrences > 1) notes.push(`seen ${item.occurrences}×`)
  if (item.lease) notes.push(`leased by ${item.lease.runId} until ${item.lease.until}`)
  if (item.pr) notes.push(`PR #${item.pr.number}`)
  if (item.attempts > 0) notes.push(`attempt ${item.attempts}/${item.maxAttempts}`)
  if (item.earlier)
    notes.push(
      `round ${item.generation}, after ${item.earlier.pr ? `PR #${item.earlier.pr} ` : ''}${item.earlier.ended.replace(/_/g, ' ')}`
    )
  if (item.why) notes.push(item.why)
  const suffix = notes.length ? `  (${notes.join(', ')})` : ''
  return `  ${item.id}  P${item.priority}  ${item.type.padEnd(15)}  ${item.title}${suffix}`
}

/** Budget and totals lines. */
export function moneyLines(state: SystemState, now: Date): string[] {
  const { totals } = state
  return [
    `Budget: $${spentToday({ state }, now).toFixed(2)} spent today (${utcDay(now)} UTC); $${totals.costUsd.toFixed(2)} in total`,
    `Totals: ${state.cycles} cycles, ${totals.itemsCreated} items created, ${totals.attempts} attempts ` +
      `(${totals.successes} succeeded, ${totals.failures} failed), ${totals.tokens.toLocaleString('en-US')} tokens, ` +
      `${totals.regressions} regressions, ${totals.candidatesDeferred} candidates deferred`
  ]
}

function renderShow(store: LedgerStore, snapshot: LedgerSnapshot, now: Date, limit: number): string {
  const lines = [ledgerHeading(store, snapshot.commit, snapshot.ledger.items.size)]
  const groups = itemsByStatus(snapshot.ledger)
  for (const status of ITEM_STATUSES) {
    const group = groups[status]
    if (group.length === 0) continue
    lines.push('', `${STATUS_TITLES[status]} (${group.length})`)
    lines.push(...group.slice(0, limit).map(item => itemLine(glance(item))))
    if (group.length > limit)
      lines.push(`  … and ${group.length - limit} more (--limit N, or ccal ledger export --json)`)
  }
  lines.push('', ...moneyLines(snapshot.ledger.state, now))
  return lines.join('\n')
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values } = parse('add', args, {
    title: { type: 'string' },
    type: { type: 'string' },
    priority: { type: 'string' },
    description: { type: 'string' },
    json: { type: 'boolean' }
  })
  if (values.help) return help(io)
  const title = values.title?.trim()
  if (!title) throw new UsageError('ccal ledger add: --title is required')
  const type = ItemTypeSchema.safeParse(values.type ?? 'manual')
  if (!type.success)
    throw new UsageError(`--type must be one of ${ITEM_TYPES.join(', ')}; got '${values.type}'`)
  const priority = values.priority === undefined ? 3 : Number(values.priority)
  if (!Number.isInteger(priority) || priority < 1 || priority > 5) {
    throw new UsageError(
      `--priority must be a whole number from 1 (most urgent) to 5; got '${values.priority}'`
    )
  }
  const store = await openCliLedger(io, values)
  const nonce = randomBytes(8).toString('hex')
  const result = await store.write(
    addManualItem({ title, type: type.data, priority, description: values.description ?? '' }, nonce)
  )
  const item = [...result.ledger.items.values()].find(
    candidate => candidate.fingerprint === `manual:${nonce}`
  )
  if (!item) throw new CcalError('the new item is missing from the ledger after writing it')
  if (values.json) io.stdout(JSON.stringify({ commit: result.commit, item }, null, 2))
  else
    io.stdout(
      `added ${item.id} '${item.title}' to ledger '${store.branch}' (commit ${result.commit!.slice(0, 7)})`
    )
  return 0
}

async function verify(args: string[], io: CliIo): Promise<number> {
  const { values } = parse('verify', args, {})
  if (values.help) return help(io)
  const store = await openCliLedger(io, values)
  const report = await store.verify()
  for (const warning of report.warnings) io.stderr(`warning: ${warning}`)
  if (!report.commit) {
    io.stdout(`ledger '${store.branch}' does not exist on ${store.remote} yet: nothing to verify`)
    return 0
  }
  if (report.problems.length > 0) {
    throw new CcalError(
      `ledger '${store.branch}' at ${report.commit.slice(0, 7)} is inconsistent:\n${report.problems.map(problem => `  ${problem}`).join('\n')}`
    )
  }
  io.stdout(
    `ledger '${store.branch}' at ${report.commit.slice(0, 7)} is valid: ${report.items} items, every file readable`
  )
  return 0
}

async function log(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    'log',
    args,
    { json: { type: 'boolean' }, limit: { type: 'string' } },
    true
  )
  if (values.help) return help(io)
  if (positionals.length > 1) throw new UsageError('ccal ledger log: at most one item id')
  const limit = parseLimit(values.limit, 50)
  const store = await openCliLedger(io, values)
  const itemId = positionals[0]
    ? resolveItemId((await store.read({ refresh: true })).ledger, positionals[0])
    : undefined
  const commits = await store.log({ itemId, limit })
  if (values.json) {
    io.stdout(JSON.stringify(commits, null, 2))
    return 0
  }
  if (commits.length === 0) {
    io.stdout(`ledger '${store.branch}' has no commits yet`)
    return 0
  }
  if (itemId) {
    const item = (await store.read()).ledger.items.get(itemId)
    if (item) for (const line of generationLines(item)) io.stdout(line)
  }
  for (const commit of commits) {
    io.stdout(
      `${commit.sha.slice(0, 12)}  ${commit.date}  ${commit.subject}${commit.runId ? `  [${commit.runId}]` : ''}`
    )
  }
  return 0
}

/** An item's rounds, each with its pull request and how it ended, the current one last (none for a first round). */
function generationLines(item: WorkItem): string[] {
  if (item.generations.length === 0) return []
  const lines = item.generations.map(
    generation =>
      `generation ${generation.generation}: ${generation.pr ? `PR #${generation.pr.number} (${generation.pr.branch})` : 'no pull request'}, ${generation.ended.replace(/_/g, ' ')} by ${generation.at}${generation.words.length ? `; ${generation.words.length} remark(s) kept for the next prompt` : ''}`
  )
  lines.push(
    `generation ${item.generation}: ${item.pr ? `PR #${item.pr.number} (${item.pr.branch})` : 'no pull request yet'}, ${item.status.replace(/_/g, ' ')} (current)`,
    ''
  )
  return lines
}

/** `ccal ledger retry|skip|priority`: a person at a terminal steering an item, as `/ccal` does on GitHub. */
async function steer(sub: 'retry' | 'skip' | 'priority', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(sub, args, { reason: { type: 'string' } }, true)
  if (values.help) return help(io)
  const [idOrPrefix, level, extra] = positionals
  const wanted = sub === 'priority' ? 2 : 1
  if (!idOrPrefix || positionals.length !== wanted || extra !== undefined)
    throw new UsageError(
      sub === 'priority'
        ? 'ccal ledger priority: give an item id and a priority from 1 to 5'
        : `ccal ledger ${sub}: give exactly one item id (see ccal ledger show)`
    )
  const priority = Number(level)
  if (sub === 'priority' && !(Number.isInteger(priority) && priority >= 1 && priority <= 5))
    throw new UsageError(
      `ccal ledger priority: the priority must be a whole number from 1 to 5; got '${level}'`
    )
  const store = await openCliLedger(io, values)
  const { ledger } = await store.read({ refresh: true })
  const id = resolveItemId(ledger, idOrPrefix)
  const who = io.env.GITHUB_ACTOR || io.env.USER || 'operator'
  const reason = `${sub} by ${who} with ccal ledger${values.reason ? `: ${oneLine(values.reason)}` : ''}`
  const op: LedgerOp = (current, context) => {
    const item = current.items.get(id)
    if (!item) throw new CcalError(`no item '${id}' in the ledger`)
    if (sub === 'retry') {
      if (!RETRYABLE_STATUSES.includes(item.status))
        throw new UsageError(
          `ccal ledger retry: ${id} is ${item.status}; only ${RETRYABLE_STATUSES.join(', ')} items can be retried`
        )
      const words = values.reason
        ? {
            author: who,
            kind: 'retry' as const,
            pr: null,
            at: context.now.toISOString(),
            body: values.reason
          }
        : undefined
      return retryItem(id, { reason, ...(words ? { words } : {}) })(current, context)
    }
    if (sub === 'skip') {
      if (!SKIPPABLE_STATUSES.includes(item.status))
        throw new UsageError(
          `ccal ledger skip: ${id} is ${item.status}; only ${SKIPPABLE_STATUSES.join(', ')} items can be skipped${item.status === 'pr_open' ? ' (close its pull request instead)' : ''}`
        )
      return transition(id, 'dismissed', { actor: 'human', reason })(current, context)
    }
    return overridePriority(id, priority, reason)(current, context)
  }
  const result = await store.write(op)
  const item = result.ledger.items.get(id)!
  io.stdout(
    `${id}: ${item.status}, priority ${item.priority}${item.generation > 1 ? `, generation ${item.generation}` : ''} (commit ${result.commit?.slice(0, 7) ?? 'unchanged'})`
  )
  return 0
}

async function restore(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('restore', args, {}, true)
  if (values.help) return help(io)
  const [sha, extra] = positionals
  if (!sha || extra !== undefined)
    throw new UsageError('ccal ledger restore: give exactly one commit sha (see ccal ledger log)')
  if (!/^[0-9a-f]{4,64}$/i.test(sha))
    throw new UsageError(`ccal ledger restore: '${sha}' is not a commit sha`)
  const store = await openCliLedger(io, values)
  const result = await store.restore(sha)
  io.stdout(
    result.changed
      ? `restored ledger '${store.branch}' to the content of ${sha}: new commit ${result.commit!.slice(0, 7)}`
      : `ledger '${store.branch}' already has the content of ${sha}: nothing to do`
  )
  return 0
}

async function exportLedger(args: string[], io: CliIo): Promise<number> {
  const { values } = parse('export', args, { json: { type: 'boolean' } })
  if (values.help) return help(io)
  const store = await openCliLedger(io, values)
  const snapshot = await store.read()
  const { state, results, patterns } = snapshot.ledger
  const items = [...snapshot.ledger.items.values()].sort((a, b) => a.id.localeCompare(b.id))
  io.stdout(
    JSON.stringify(
      { branch: store.branch, commit: snapshot.commit, state, items, results, patterns },
      null,
      2
    )
  )
  return 0
}

function help(io: CliIo): number {
  io.stdout(USAGE)
  return 0
}
