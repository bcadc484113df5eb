/**
 * Ledger operations for what trusted people ask on GitHub: comment commands (`/ccal retry`, `skip`,
 * `priority N`) and re-labelling an issue whose item was closed out. Each operation re-checks the
 * item when applied (the store may apply it to a newer ledger) and is idempotent: a command records
 * its comment id on the item, so the same comment never acts twice.
 */
import {
  findByFingerprint,
  overridePriority,
  RETRYABLE_STATUSES,
  retryItem,
  SKIPPABLE_STATUSES,
  transition,
  type LedgerOp
} from '../ledger/ops.js'
import type { Ledger, WorkItem } from '../ledger/schema.js'
import type { Settings } from '../config/schema.js'
import { describeCommand, parseCommands, type CcalCommand } from './commands.js'
import { CLOSED_OUT_STATUSES, contextNumber, lastStatusChangeAt } from './github-shared.js'
import type { Skipped } from './source.js'
import { sanitizeUntrusted } from '../util/untrusted.js'
import { judgeActor, type PermissionLookup, type TrustActor } from './trust.js'

/** How an operation finds its item: by fingerprint (issues) or by id (a PR's parent item). */
export type ItemTarget = { fingerprint: string } | { itemId: string }

/** Which high-water mark a command updates: issue comments and PR comments are counted apart. */
export type CommandMark = 'lastCommandId' | 'lastPullCommandId'

/** The commands of one comment, already judged trusted. */
export interface CommandRequest {
  target: ItemTarget
  /** In the order written; they act as one step (one comment, one high-water mark). */
  commands: CcalCommand[]
  /** Login of the comment's author. */
  actor: string
  commentId: number
  mark: CommandMark
  /** Where it was written, for the commit message: `issue #12`, `PR #40`. */
  where: string
  /** The comment's text (sanitized), kept with a retry for the next prompt. */
  body?: string
  /** When it was written. */
  at?: string
  /** The pull request it was written on, if it was. */
  pr?: number
}

function resolve(ledger: Ledger, target: ItemTarget): WorkItem | undefined {
  return 'itemId' in target ? ledger.items.get(target.itemId) : findByFingerprint(ledger, target.fingerprint)
}

function putItem(ledger: Ledger, item: WorkItem): Ledger {
  return { ...ledger, items: ledger.items.with([item]) }
}

/** Applies the commands of one comment to their item (see the module comment for the rules). */
export function commandOp(request: CommandRequest): LedgerOp {
  const said = `${request.commands.map(describeCommand).join(', ')} by @${request.actor} on ${request.where}`
  return (ledger, context) => {
    const item = resolve(ledger, request.target)
    if (!item) return { ledger, description: `${said}: no CCAL item` }
    const mark = contextNumber(item, request.mark)
    if (mark !== undefined && mark >= request.commentId)
      return { ledger, description: `${said}: already applied` }
    let next = ledger
    const outcomes: string[] = []
    for (const command of request.commands) {
      const current = next.items.get(item.id)!
      const reason = `${describeCommand(command)} by @${request.actor} on ${request.where}`
      if (command.kind === 'retry' && RETRYABLE_STATUSES.includes(current.status)) {
        const words = {
          author: request.actor,
          kind: 'retry' as const,
          pr: request.pr ?? null,
          at: request.at ?? context.now.toISOString(),
          body: request.body ?? ''
        }
        next = retryItem(item.id, { reason, words })(next, context).ledger
        const generation = next.items.get(item.id)!.generation
        outcomes.push(
          `${current.status} → pending${generation > current.generation ? ` (generation ${generation})` : ''}`
        )
      } else if (command.kind === 'skip' && SKIPPABLE_STATUSES.includes(current.status)) {
        next = transition(item.id, 'dismissed', { actor: 'human', reason })(next, context).ledger
        outcomes.push(`${current.status} → dismissed`)
      } else if (command.kind === 'priority') {
        next = overridePriority(item.id, command.priority, reason)(next, context).ledger
        outcomes.push(`priority ${current.priority} → ${command.priority}`)
      } else {
        outcomes.push(`${command.kind} not applicable to a ${current.status} item`)
      }
    }
    const current = next.items.get(item.id)!
    const updated: WorkItem = {
      ...current,
      context: { ...current.context, [request.mark]: request.commentId },
      updatedAt: context.now.toISOString()
    }
    return { ledger: putItem(next, updated), description: `${item.id}: ${said}: ${outcomes.join(', ')}` }
  }
}

/**
 * Re-labelling an issue whose item was closed out (rejected, failed, dismissed, needs_human) by a
 * trusted person is asking again: the item goes back to pending — once, because the label event
 * must be newer than the item's last status change.
 */
export function relabelRetryOp(
  fingerprint: string,
  label: { name: string; actor: string; at: string }
): LedgerOp {
  return (ledger, context) => {
    const item = findByFingerprint(ledger, fingerprint)
    const said = `label '${label.name}' re-applied by @${label.actor} at ${label.at}`
    if (!item || !CLOSED_OUT_STATUSES.includes(item.status))
      return { ledger, description: `${said}: nothing to retry` }
    if (Date.parse(label.at) <= Date.parse(lastStatusChangeAt(item)))
      return { ledger, description: `${said}: older than the item's last status change` }
    return retryItem(item.id, { reason: said })(ledger, context)
  }
}

/** A comment as the command reader needs it. */
export interface CommandComment {
  id: number
  body: string
  author: TrustActor | null
  /** When it was written. */
  at?: string
}

/**
 * What to tell the author of a comment with `/ccal` commands: 👍 when CCAL acted on it, 😕 and one
 * line saying why when it did not (never naming anyone: the reply pings nobody).
 */
export interface CommandAnswer {
  /** The issue or pull request the comment is on. */
  on: number
  commentId: number
  reaction: '+1' | 'confused'
  reply?: string
}

/** Why each command of a comment would not apply to the item as it is now (empty: all apply). */
export function refusals(item: WorkItem | undefined, commands: readonly CcalCommand[]): string[] {
  const reasons: string[] = []
  for (const command of commands) {
    const status = item?.status
    if (command.kind === 'retry' && (status === undefined || !RETRYABLE_STATUSES.includes(status)))
      reasons.push(
        status === undefined
          ? '`/ccal retry`: there is no CCAL work item for this yet'
          : `\`/ccal retry\`: the item is ${status.replace(/_/g, ' ')}; only ${RETRYABLE_STATUSES.map(s => s.replace(/_/g, ' ')).join(', ')} items can be retried`
      )
    if (command.kind === 'skip' && status !== undefined && !SKIPPABLE_STATUSES.includes(status))
      reasons.push(
        status === 'pr_open'
          ? '`/ccal skip`: the item has an open pull request; close it to drop the work'
          : `\`/ccal skip\`: the item is ${status.replace(/_/g, ' ')} and belongs to the run working on it`
      )
  }
  return reasons
}

/** Where commands are read and which item they steer. */
export interface CommandScope {
  target: ItemTarget
  mark: CommandMark
  where: string
  /** Comments with this id or lower were handled before (the item's high-water mark). */
  after: number | undefined
  trust: Settings['trust']
  lookup: PermissionLookup
  /** The pull request the comments are on, when they are. */
  pr?: number
  /** The issue or pull request the comments are on (where answers go). */
  on: number
  /** The item as the ledger has it now, to tell the author when a command cannot apply. */
  item?: WorkItem
}

/** Operations for the trusted commands, comments passed over (with why), and the newest id acted on. */
export interface CommandHarvest {
  ops: LedgerOp[]
  skipped: Skipped[]
  requests: CommandRequest[]
  answers: CommandAnswer[]
}

/**
 * Reads the commands in new comments, oldest first. The author's permission is looked up only for
 * comments that hold a command, so ordinary discussion costs no requests.
 */
export async function harvestCommands(
  comments: readonly CommandComment[],
  scope: CommandScope
): Promise<CommandHarvest> {
  const harvest: CommandHarvest = { ops: [], skipped: [], requests: [], answers: [] }
  const fresh = comments
    .filter(
      comment => (scope.after === undefined || comment.id > scope.after) && /\/ccal/i.test(comment.body)
    )
    .sort((a, b) => a.id - b.id)
  for (const comment of fresh) {
    const { commands, invalid } = parseCommands(comment.body)
    const what = `comment ${comment.id} on ${scope.where}`
    for (const bad of invalid) harvest.skipped.push({ what, reason: `'${bad.line}': ${bad.reason}` })
    if (commands.length === 0 && invalid.length === 0) continue
    const decision = await judgeActor(comment.author, scope.trust, scope.lookup, 'command')
    const answer = { on: scope.on, commentId: comment.id }
    if (!decision.trusted) {
      harvest.skipped.push({ what, reason: `ignored: ${decision.reason}` })
      harvest.answers.push({
        ...answer,
        reaction: 'confused',
        reply: `CCAL takes \`/ccal\` commands only from people with ${scope.trust.min_permission} access to the repository or more; this comment was not acted on.`
      })
      continue
    }
    const refused = [
      ...invalid.map(bad => `\`${bad.line}\`: ${bad.reason}`),
      ...refusals(scope.item, commands)
    ]
    harvest.answers.push(
      refused.length === 0
        ? { ...answer, reaction: '+1' }
        : {
            ...answer,
            reaction: commands.length > refused.length - invalid.length ? '+1' : 'confused',
            reply: `CCAL did not act on all of this comment: ${refused.join('; ')}.`
          }
    )
    if (commands.length === 0) continue
    const request: CommandRequest = {
      target: scope.target,
      commands,
      actor: decision.actor,
      commentId: comment.id,
      mark: scope.mark,
      where: scope.where,
      body: sanitizeUntrusted(comment.body, { maxLength: 4000 }),
      ...(comment.at ? { at: comment.at } : {}),
      ...(scope.pr ? { pr: scope.pr } : {})
    }
    harvest.requests.push(request)
    harvest.ops.push(commandOp(request))
  }
  return harvest
}
