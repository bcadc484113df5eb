/**
 * Adaptive weights: the scheduler ranks kinds of work that maintainers merge above kinds they close.
 * The weight of an item is its most specific trusted pattern's confidence, mapped from [0, 1] to
 * [-1, 1]; with no trusted pattern it is 0 and ranking is as without learning.
 */
import { combine, setCursor, setPatterns, type LedgerOp } from '../ledger/ops.js'
import type { Ledger, LearningPattern, WorkItem } from '../ledger/schema.js'
import { pullRequestOutcomes } from './outcomes.js'
import { derivePatterns, patternFor, type LearningSettings } from './patterns.js'

/** The ledger cursor that records when the patterns were last recomputed. */
export const LEARNING_CURSOR = 'learning'

/** An item's learned weight in [-1, 1]. */
export function learnedWeight(
  item: Pick<WorkItem, 'type' | 'context'>,
  patterns: readonly LearningPattern[],
  settings: LearningSettings
): number {
  if (!settings.enabled) return 0
  const pattern = patternFor(item, patterns, settings)
  return pattern ? 2 * pattern.confidence - 1 : 0
}

/** When the patterns were last recomputed, from the ledger cursor; undefined when never. */
export function lastLearnedAt(ledger: Ledger): number | undefined {
  const cursor = ledger.state.cursors[LEARNING_CURSOR]
  const at =
    cursor !== null && typeof cursor === 'object' && !Array.isArray(cursor) ? cursor.computedAt : undefined
  const time = typeof at === 'string' ? Date.parse(at) : Number.NaN
  return Number.isNaN(time) ? undefined : time
}

/**
 * Whether this cycle recomputes the patterns: the first time, whenever a verdict is newer than the
 * last computation (a closed pull request should count the next time CCAL plans, not a day later),
 * and otherwise once per `adaptation_interval_seconds`.
 */
export function isLearningDue(ledger: Ledger, settings: LearningSettings, now: Date): boolean {
  if (!settings.enabled) return false
  const last = lastLearnedAt(ledger)
  if (last === undefined || now.getTime() - last >= settings.adaptation_interval_seconds * 1000) return true
  return pullRequestOutcomes(ledger).some(outcome => Date.parse(outcome.at) > last)
}

/** What one learning step found: the verdicts counted and the patterns they support. */
export interface Learned {
  readonly outcomes: number
  readonly merged: number
  readonly patterns: LearningPattern[]
}

/** Recomputes the patterns from the ledger's verdicts. */
export function learn(ledger: Ledger, now: Date): Learned {
  const outcomes = pullRequestOutcomes(ledger)
  return {
    outcomes: outcomes.length,
    merged: outcomes.filter(outcome => outcome.merged).length,
    patterns: derivePatterns(outcomes, ledger.patterns, now)
  }
}

/**
 * The learning step as a ledger operation: it recomputes the patterns from the ledger it is applied
 * to, so a write retried after another run's commit learns from the newer verdicts too. Records
 * when, and from how many verdicts, in the `learning` cursor.
 */
export function learningOp(): LedgerOp {
  return (ledger, context) => {
    const learned = learn(ledger, context.now)
    const description = `learning: ${learned.merged} of ${learned.outcomes} pull requests merged, ${learned.patterns.length} pattern(s)`
    return combine(
      [
        setPatterns(learned.patterns),
        setCursor(LEARNING_CURSOR, {
          computedAt: context.now.toISOString(),
          verdicts: learned.outcomes,
          merged: learned.merged
        })
      ],
      description
    )(ledger, context)
  }
}
