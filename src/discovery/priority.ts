/**
 * Priority of GitHub work (1 most urgent … 5 least): the most urgent configured priority label wins,
 * then community interest (👍 reactions) and age each add one step of urgency, so that popular and
 * long-waiting issues are not starved. Pure; the components are explained in `reason`.
 */

/** Tunables of {@link issuePriority}; the defaults are what `ccal.discovery.issues` implies. */
export interface PriorityRules {
  /** Label → priority (`ccal.discovery.issues.priority_labels`). Matched case-insensitively. */
  labels: Readonly<Record<string, number>>
  /** Priority without any priority label. */
  base: number
  /** 👍 reactions from which an issue gets one step more urgent. */
  reactionThreshold: number
  /** Days of age from which an issue gets one step more urgent. */
  ageDays: number
}

/** Defaults besides the label map (which comes from settings). */
export const PRIORITY_DEFAULTS = { base: 3, reactionThreshold: 3, ageDays: 30 } as const

/** What an issue offers for ranking. */
export interface PriorityInput {
  labels: readonly string[]
  thumbsUp: number
  createdAt: string
  now: Date
}

/** A priority and how it was reached. */
export interface PriorityOutcome {
  priority: number
  reason: string
}

const clamp = (value: number): number => Math.min(5, Math.max(1, Math.round(value)))

/** The priority of an issue under `rules`. */
export function issuePriority(input: PriorityInput, rules: PriorityRules): PriorityOutcome {
  const byName = new Map(Object.entries(rules.labels).map(([name, value]) => [name.toLowerCase(), value]))
  let best: { label: string; value: number } | undefined
  for (const label of input.labels) {
    const value = byName.get(label.toLowerCase())
    if (value !== undefined && (!best || value < best.value)) best = { label, value }
  }
  const parts: string[] = []
  let priority = clamp(best?.value ?? rules.base)
  parts.push(best ? `label '${best.label}' → ${priority}` : `no priority label → ${priority}`)
  if (input.thumbsUp >= rules.reactionThreshold) {
    priority = clamp(priority - 1)
    parts.push(`${input.thumbsUp} 👍 (≥ ${rules.reactionThreshold}) → ${priority}`)
  }
  const ageDays = Math.floor((input.now.getTime() - Date.parse(input.createdAt)) / 86_400_000)
  if (Number.isFinite(ageDays) && ageDays >= rules.ageDays) {
    priority = clamp(priority - 1)
    parts.push(`open ${ageDays} days (≥ ${rules.ageDays}) → ${priority}`)
  }
  return { priority, reason: parts.join('; ') }
}
