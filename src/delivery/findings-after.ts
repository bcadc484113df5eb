/**
 * Before and after, for the pull request body: how many of the problems an item was made of the
 * verify commands still report once the agent's change is in. The commands' output is read with the
 * same parsers discovery uses; a finding still there is one of the same tool in the same file with
 * the same rule or message. Nothing is claimed when no command's output speaks for the item's tool.
 */
import { stat } from 'node:fs/promises'
import { relative } from 'node:path'
import { readCoverage } from '../discovery/coverage.js'
import { expandPath } from '../discovery/files.js'
import { parseAnyInput } from '../findings/detect.js'
import { percent } from '../findings/reports/coverage.js'
import { UnsupportedInputError } from '../findings/formats.js'
import type { Finding } from '../findings/finding.js'
import { normalizeMessage, normalizePath } from '../findings/fingerprint.js'
import type { WorkItem } from '../ledger/schema.js'
import type { CheckStep } from './content.js'

/** What the body says of the item's findings. */
export interface FindingsCheck {
  tool: string
  before: number
  after: number
  /** The check whose output says so: its name and command. */
  step: { name: string; command: string }
  /** True when the count comes from the command passing with nothing reported, not from findings read. */
  clean: boolean
}

/** One of the item's own findings, as its context keeps it. */
interface Held {
  file: string | null
  rule: string | null
  message: string | null
}

function heldFindings(item: Pick<WorkItem, 'context'>): Held[] {
  const entries = Array.isArray(item.context.findings) ? item.context.findings : []
  const held: Held[] = []
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue
    const record = entry as Record<string, unknown>
    // Lint batches keep `file` and `key` (file|message); CI failures keep `place` (file:line:col) and `rule`.
    const key = typeof record.key === 'string' ? record.key : undefined
    const place = typeof record.place === 'string' ? record.place : undefined
    const file =
      typeof record.file === 'string'
        ? record.file
        : key
          ? key.slice(0, key.indexOf('|'))
          : place
            ? place.replace(/:\d+(?::\d+)?$/, '')
            : null
    const rule =
      typeof record.rule === 'string'
        ? record.rule
        : typeof item.context.rule === 'string'
          ? item.context.rule
          : null
    const message = key ? key.slice(key.indexOf('|') + 1) : null
    held.push({ file: file || null, rule, message })
  }
  return held
}

function stillThere(held: Held, findings: readonly Finding[]): boolean {
  return findings.some(
    found =>
      (found.file ?? null) === held.file &&
      // A lint batch's findings share their rule: the message tells them apart. A CI failure's
      // finding keeps its rule (the test's name, the error code) and place only.
      (held.message !== null
        ? normalizeMessage(found.message) === held.message
        : held.rule !== null && found.rule === held.rule)
  )
}

/** The findings a check's output holds, paths relative to `root`; undefined when it holds no tool's output. */
function findingsIn(step: CheckStep, root: string): Finding[] | undefined {
  if (!step.output.trim()) return undefined
  try {
    return parseAnyInput(step.output, 'auto', '', { every: true }).findings.map(found => ({
      ...found,
      file: found.file === null ? null : normalizePath(found.file, root)
    }))
  } catch (error) {
    if (error instanceof UnsupportedInputError) return undefined
    throw error
  }
}

/**
 * How many of `item`'s findings the last run of the checks still reports, or undefined when the
 * item keeps no findings or no check speaks for its tool. A check's output cut in the middle is not
 * read: a finding cut out of it would count as fixed.
 */
export function findingsAfter(
  item: Pick<WorkItem, 'type' | 'context'>,
  steps: readonly CheckStep[],
  root: string
): FindingsCheck | undefined {
  const tool = typeof item.context.tool === 'string' ? item.context.tool : undefined
  const held = heldFindings(item)
  if (!tool || held.length === 0) return undefined
  const before =
    typeof item.context.count === 'number' ? Math.max(item.context.count, held.length) : held.length
  for (const step of steps) {
    if (/\[… \d+ characters cut …\]/.test(step.output)) continue
    const found = findingsIn(step, root)
    const own = found?.filter(finding => finding.tool === tool) ?? []
    if (own.length > 0) {
      const after = held.filter(entry => stillThere(entry, own)).length
      return { tool, before, after, step: { name: step.name, command: step.command }, clean: false }
    }
    // A lint batch's linter, run as the lint check, passing with nothing to report.
    if (
      item.type === 'lint' &&
      step.name === 'lint' &&
      step.exitCode === 0 &&
      !step.timedOut &&
      !found?.length
    )
      return { tool, before, after: 0, step: { name: step.name, command: step.command }, clean: true }
  }
  return undefined
}

/** The body's line for a check of the findings. */
export function findingsLine(check: FindingsCheck): string {
  const plural = (count: number) => `${count} ${check.tool} finding${count === 1 ? '' : 's'}`
  const source = check.clean
    ? `\`${check.step.command.replace(/`/g, "'")}\` passes with nothing reported`
    : `read from the output of ${check.step.name}: \`${check.step.command.replace(/`/g, "'")}\``
  return `- Findings: ${plural(check.before)} before, ${check.after === 0 ? 'none' : plural(check.after)} of them after (${source})`
}

/** What the body says of a coverage item's file. */
export interface CoverageCheck {
  file: string
  before: number
  after: number
  /** The report that says so, relative to the worktree. */
  report: string
}

/**
 * The line coverage of a coverage item's file after the change, from the configured coverage
 * reports as the checks rewrote them in the worktree (a report older than the attempt, committed
 * or copied, says nothing of the change and is not read). Undefined when no fresh report covers it.
 */
export async function coverageAfter(
  item: Pick<WorkItem, 'type' | 'context'>,
  reports: readonly string[],
  root: string,
  since: number
): Promise<CoverageCheck | undefined> {
  const file = item.context.file
  const before = item.context.coveragePercent
  if (item.type !== 'coverage' || typeof file !== 'string' || typeof before !== 'number') return undefined
  const fresh: string[] = []
  for (const pattern of reports)
    for (const path of await expandPath(root, pattern)) {
      const stats = await stat(path).catch(() => undefined)
      if (stats && stats.mtimeMs >= since) fresh.push(relative(root, path))
    }
  if (fresh.length === 0) return undefined
  const covered = (await readCoverage(root, fresh, [])).find(entry => entry.file === file)
  if (!covered || covered.lines === 0) return undefined
  return { file, before, after: Math.round(percent(covered) * 10) / 10, report: fresh.join(', ') }
}

/** The body's line for a coverage check. */
export function coverageLine(check: CoverageCheck): string {
  return `- Coverage of ${check.file}: ${check.before.toFixed(1)}% of lines before, ${check.after.toFixed(1)}% after (${check.report}, as the checks wrote it)`
}
