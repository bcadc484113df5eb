/**
 * Patterns: what the verdicts say about a kind of work. One pattern per item type, and one per type
 * and rule (ESLint's `no-unused-vars`, a SARIF rule id) once items of that rule have been ruled on.
 * Each holds the merge rate, a confidence that is honest about small numbers, and, in CCAL's own
 * words, what the merged changes had in common and what the closed ones did. Pure: the cycle stores
 * them in the ledger (patterns.json) and hands the hints to the prompt.
 */
import type { Settings } from '../config/schema.js'
import type { ItemType, LearningPattern, WorkItem } from '../ledger/schema.js'
import { ruleOf, type PullRequestOutcome } from './outcomes.js'

export type LearningSettings = Settings['learning']

/** Closed pull requests described in a pattern at most (the latest). */
const FAILED_APPROACHES_KEPT = 5

/** 64-bit FNV-1a of the UTF-16 code units, as 16 hex digits (learning imports nothing of node). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index))
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}

/**
 * The pattern id of a kind of work. Rules come from tool output (any text), so they enter the id
 * only as a hash.
 */
export function patternId(type: ItemType, rule: string | null): string {
  if (rule === null) return type
  return `${type}-rule-${fnv1a64(rule)}`
}

/**
 * The merge rate with one merged and one closed PR imagined beforehand (Laplace's rule): three
 * merges of three give 0.8, not certainty, and a kind never ruled on sits at 0.5.
 */
export function confidenceOf(merged: number, total: number): number {
  return (merged + 1) / (total + 2)
}

function fileRange(outcomes: readonly PullRequestOutcome[]): string | undefined {
  const counts = outcomes.flatMap(outcome => (outcome.filesChanged === null ? [] : [outcome.filesChanged]))
  if (counts.length === 0) return undefined
  const low = Math.min(...counts)
  const high = Math.max(...counts)
  const files = high === 1 ? 'file' : 'files'
  return low === high ? `${low} ${files}` : `${low} to ${high} ${files}`
}

function describeMerged(merged: readonly PullRequestOutcome[], total: number): string {
  if (merged.length === 0) return `none of ${total} pull requests merged`
  const range = fileRange(merged)
  return `${merged.length} of ${total} pull requests merged${range ? `; the merged ones changed ${range}` : ''}`
}

function describeClosed(outcome: PullRequestOutcome): string {
  const files =
    outcome.filesChanged === null
      ? ''
      : ` after changing ${outcome.filesChanged} file${outcome.filesChanged === 1 ? '' : 's'}`
  return `PR #${outcome.prNumber} closed without merging${files}`
}

function patternOf(
  id: string,
  trigger: LearningPattern['trigger'],
  outcomes: readonly PullRequestOutcome[],
  previous: LearningPattern | undefined,
  at: string
): LearningPattern {
  const merged = outcomes.filter(outcome => outcome.merged)
  const closed = outcomes.filter(outcome => !outcome.merged)
  return {
    id,
    trigger,
    approach: describeMerged(merged, outcomes.length),
    failedApproaches: closed.slice(-FAILED_APPROACHES_KEPT).map(describeClosed),
    confidence: confidenceOf(merged.length, outcomes.length),
    usageCount: outcomes.length,
    successCount: merged.length,
    successRate: merged.length / outcomes.length,
    createdAt: previous?.createdAt ?? at,
    updatedAt: at
  }
}

/**
 * The patterns the verdicts support, ordered by id: one per item type with a verdict, one per type
 * and rule. A pattern whose verdicts are all gone (items pruned) is dropped; one unchanged keeps its
 * timestamps.
 */
export function derivePatterns(
  outcomes: readonly PullRequestOutcome[],
  previous: readonly LearningPattern[],
  now: Date
): LearningPattern[] {
  const groups = new Map<string, { trigger: LearningPattern['trigger']; outcomes: PullRequestOutcome[] }>()
  const add = (id: string, trigger: LearningPattern['trigger'], outcome: PullRequestOutcome) => {
    const group = groups.get(id) ?? { trigger, outcomes: [] }
    group.outcomes.push(outcome)
    groups.set(id, group)
  }
  for (const outcome of outcomes) {
    add(patternId(outcome.type, null), { type: outcome.type, rule: null, errorSignature: null }, outcome)
    if (outcome.rule !== null)
      add(
        patternId(outcome.type, outcome.rule),
        { type: outcome.type, rule: outcome.rule, errorSignature: null },
        outcome
      )
  }
  const before = new Map(previous.map(pattern => [pattern.id, pattern]))
  const at = now.toISOString()
  return [...groups.entries()]
    .map(([id, group]) => {
      const old = before.get(id)
      const fresh = patternOf(id, group.trigger, group.outcomes, old, at)
      return old && samePattern(old, fresh) ? old : fresh
    })
    .sort((a, b) => a.id.localeCompare(b.id))
}

function samePattern(a: LearningPattern, b: LearningPattern): boolean {
  const { updatedAt: _a, createdAt: _ca, ...left } = a
  const { updatedAt: _b, createdAt: _cb, ...right } = b
  return JSON.stringify(left) === JSON.stringify(right)
}

/** A pattern with enough verdicts to act on (`learning.pattern_min_occurrences`). */
export function isTrusted(pattern: LearningPattern, settings: LearningSettings): boolean {
  return pattern.usageCount >= settings.pattern_min_occurrences
}

/** The most specific trusted pattern for an item: its rule's, else its type's. */
export function patternFor(
  item: Pick<WorkItem, 'type' | 'context'>,
  patterns: readonly LearningPattern[],
  settings: LearningSettings
): LearningPattern | undefined {
  const rule = ruleOf(item)
  const ids =
    rule === null ? [patternId(item.type, null)] : [patternId(item.type, rule), patternId(item.type, null)]
  for (const id of ids) {
    const pattern = patterns.find(candidate => candidate.id === id)
    if (pattern && isTrusted(pattern, settings)) return pattern
  }
  return undefined
}

/** A rule name fit for our own prompt text; anything else is left out (it came from tool output). */
function safeRuleName(rule: string | null): string | undefined {
  return rule !== null && /^[\w@./:-]{1,80}$/.test(rule) ? rule : undefined
}

/**
 * What the prompt says about earlier verdicts on this kind of work. Built only from counts, PR
 * numbers and a sanitized rule name, never from text that came from outside, so it is CCAL's own
 * text. The approach is offered when its success rate reaches `learning.success_threshold`; below
 * it, the closed pull requests are named as a warning.
 */
export function hintsFor(
  item: Pick<WorkItem, 'type' | 'context'>,
  patterns: readonly LearningPattern[],
  settings: LearningSettings
): string[] {
  if (!settings.enabled) return []
  const pattern = patternFor(item, patterns, settings)
  if (!pattern) return []
  const rule = safeRuleName(pattern.trigger.rule)
  const kind =
    pattern.trigger.rule === null
      ? `\`${pattern.trigger.type}\` work`
      : `\`${pattern.trigger.type}\` work on ${rule ? `rule \`${rule}\`` : 'this rule'}`
  if (pattern.successRate >= settings.success_threshold) {
    return [
      `For ${kind}, maintainers accepted CCAL's earlier changes: ${pattern.approach}. Keep to that scope.`
    ]
  }
  const hints = [
    `For ${kind}, maintainers closed ${pattern.usageCount - pattern.successCount} of ${pattern.usageCount} of CCAL's earlier pull requests without merging (${pattern.approach}).` +
      ' Make the smallest change that does the task, and say in your summary why it is safe.'
  ]
  if (pattern.failedApproaches.length > 0)
    hints.push(`Closed without merging: ${pattern.failedApproaches.join('; ')}.`)
  return hints
}
