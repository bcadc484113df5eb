/**
 * What delivery writes, as pure functions: branch names, commit messages and pull request bodies.
 */
import { oneLine } from '../util/text.js'
import { coverageLine, findingsLine, type CoverageCheck, type FindingsCheck } from './findings-after.js'
import { formatPullMarker } from '../discovery/marker.js'
import type { WorkItem } from '../ledger/schema.js'
import { fenceUntrusted, neutralizeForGitHub, withoutHtmlComments } from '../util/untrusted.js'

/** Lowercase words joined by '-', at most `max` characters, never empty. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '')
  return slug || 'work'
}

/**
 * The branch of an item's generation: its pull request's while it has one, else
 * `<prefix><type>/<first 8 of id>-<slug of title>`, with `-<generation>` from the second generation
 * on, so that a new round never lands on an earlier round's branch.
 */
export function branchNameFor(
  item: Pick<WorkItem, 'id' | 'type' | 'title' | 'pr'> & Partial<Pick<WorkItem, 'generation'>>,
  prefix: string
): string {
  if (item.pr) return item.pr.branch
  const generation = (item.generation ?? 1) > 1 ? `-${item.generation}` : ''
  return `${prefix}${item.type.replace(/_/g, '-')}/${item.id.slice(0, 8)}-${slugify(item.title)}${generation}`
}

/** One line on how an item's earlier generation ended, linking its pull request (CCAL's own words). */
export function earlierRoundLine(item: Partial<Pick<WorkItem, 'generations'>>): string | undefined {
  const last = item.generations?.at(-1)
  if (!last) return undefined
  const pr = last.pr ? `#${last.pr.number}` : undefined
  switch (last.ended) {
    case 'merged':
      return `Regression: the problem fixed in ${pr ?? 'an earlier change'} came back.`
    case 'closed':
      return `New attempt after ${pr ?? 'the earlier pull request'} was closed without merging.`
    case 'completed':
      return `New attempt: the problem came back after generation ${last.generation} completed.`
    default:
      return `New attempt after generation ${last.generation} ended (${last.ended.replace(/_/g, ' ')})${pr ? ` with ${pr}` : ''}.`
  }
}

/** The trailer that ties a commit to its work item. */
export const ITEM_TRAILER = 'CCAL-Item'

// Agent-written text goes into PR bodies and commits: HTML comments are dropped so it cannot forge a marker.
export { withoutHtmlComments }

/**
 * The first paragraph of agent-written text, neutralized for GitHub (no pings, no cross-references,
 * no images or HTML, no forged marker): what commits and comments quote.
 */
export function firstParagraph(text: string): string {
  return neutralizeForGitHub(withoutHtmlComments(text).split(/\n\s*\n/)[0] ?? '', { maxLength: 2000 })
}

/**
 * An item's title for GitHub (a pull request's, a commit subject, quoted in a body): one line,
 * neutralized and bounded — but for the reference to the item's own issue, which is CCAL's.
 */
export function safeTitle(
  item: Pick<WorkItem, 'title' | 'context'> & Partial<Pick<WorkItem, 'type' | 'untrusted'>>,
  max = 200
): string {
  const own = item.context.issueNumber
  const clean = oneLine(neutralizeForGitHub(item.title, { maxLength: Number.MAX_SAFE_INTEGER }), max)
  if (typeof own !== 'number') return clean
  // An issue's work is named by the issue's own title ("Resolve #12: add() subtracts …"): the
  // ledger's title only says which issue. The issue's words stay neutralized; the number is CCAL's.
  const words = item.type === 'issue' ? item.untrusted?.title?.trim() : undefined
  const named = words
    ? oneLine(
        `Resolve #${own}: ${oneLine(neutralizeForGitHub(words, { maxLength: Number.MAX_SAFE_INTEGER }), max)}`,
        max
      )
    : clean
  return named.replace(`#\u200D${own}`, `#${own}`)
}

/** `ccal: <title>` + the agent's summary (first paragraph, shortened) + the item trailer. */
export function commitMessage(
  item: Pick<WorkItem, 'id' | 'title' | 'context'> & Partial<Pick<WorkItem, 'type' | 'untrusted'>>,
  summary: string
): string {
  const subject = oneLine(`ccal: ${safeTitle(item)}`, 72)
  const body = firstParagraph(summary).slice(0, 1000).trim()
  return `${subject}\n\n${body ? `${body}\n\n` : ''}${ITEM_TRAILER}: ${item.id}\n`
}

export interface PullBodyInput {
  item: Pick<WorkItem, 'id' | 'type' | 'title' | 'description' | 'untrusted' | 'context'> &
    Partial<Pick<WorkItem, 'generations'>>
  summary: string
  verify: string
  /** The commands of the last run of the checks: what each ran, how it ended, its last lines. */
  steps?: readonly CheckStep[]
  /** How many times the checks ran (more than once: the agent fixed what the first run found). */
  checkRuns?: number
  /** The workflow run that made this change. */
  runUrl?: string
  turns: number
  costUsd: number
  durationMs: number
  /** Follow-up rounds so far (review feedback handled), shown when above zero. */
  followUps?: number
  /** How many of the item's findings the checks still report after the change. */
  findings?: FindingsCheck
  /** A coverage item's file, before and after. */
  coverage?: CoverageCheck
}

/** One check command as the pull request body shows it (executor/verify.ts's VerifyStep). */
export interface CheckStep {
  readonly name: string
  readonly command: string
  readonly exitCode: number | null
  readonly timedOut: boolean
  readonly durationMs: number
  readonly output: string
}

/** Lines of each command's output the body shows. */
const OUTPUT_LINES = 15

/** The checks as proof: each command, its exit code and time, and the end of its output, fenced. */
function checkLines(steps: readonly CheckStep[]): string[] {
  if (steps.length === 0) return []
  const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' ')}\``
  const lines = [
    '',
    '| Check | Command | Exit code | Time |',
    '| --- | --- | --- | --- |',
    ...steps.map(
      step =>
        `| ${step.name} | ${code(step.command)} | ${step.timedOut ? 'timed out' : String(step.exitCode ?? 'none')} | ${(step.durationMs / 1000).toFixed(1)} s |`
    )
  ]
  for (const step of steps) {
    const tail = step.output.trimEnd().split('\n').slice(-OUTPUT_LINES).join('\n')
    if (!tail.trim()) continue
    lines.push(
      '',
      `<details><summary>Last lines of ${step.name}</summary>`,
      '',
      fenceUntrusted('output', withoutHtmlComments(tail)),
      '',
      '</details>'
    )
  }
  return lines
}

const EVIDENCE_LIMIT = 4000

/** `a lint`, `an issue`. */
function articled(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`
}

/** The pull request body: what was done, the evidence, verification, cost, the closing keyword and the marker. */
export function pullRequestBody(input: PullBodyInput): string {
  const { item } = input
  const lines = [
    `CCAL opened this pull request for ${articled(item.type.replace(/_/g, ' '))} work item: **${safeTitle(item)}**.`,
    ''
  ]
  const earlier = earlierRoundLine(item)
  if (earlier) lines.push(earlier, '')
  const summary = neutralizeForGitHub(input.summary, { maxLength: 20000 })
  lines.push('### What was done', '', summary || '_The agent gave no summary._', '')
  // Evidence is sanitized at discovery; stripping comments again here keeps a forged marker out of
  // the body even if an item reached delivery some other way.
  const evidence = withoutHtmlComments(
    [item.untrusted?.body, item.untrusted?.evidence].filter(Boolean).join('\n\n')
  )
  if (evidence) {
    const shown =
      evidence.length > EVIDENCE_LIMIT ? `${evidence.slice(0, EVIDENCE_LIMIT)}\n[… trimmed]` : evidence
    lines.push(
      '<details><summary>Evidence</summary>',
      '',
      fenceUntrusted('evidence', shown),
      '',
      '</details>',
      ''
    )
  }
  const reruns =
    input.checkRuns && input.checkRuns > 1
      ? ` (the checks ran ${input.checkRuns} times: the agent fixed what the earlier runs found)`
      : ''
  lines.push(
    '### Checks',
    '',
    `- Verification: ${input.verify}${reruns}`,
    `- Agent: ${input.turns} turn${input.turns === 1 ? '' : 's'}, $${input.costUsd.toFixed(2)}, ${Math.round(input.durationMs / 1000)} s`
  )
  if (input.findings) lines.push(findingsLine(input.findings))
  if (input.coverage) lines.push(coverageLine(input.coverage))
  if (input.runUrl) lines.push(`- Workflow run: ${input.runUrl}`)
  if (input.followUps) lines.push(`- Follow-ups on review: ${input.followUps}`)
  lines.push(...checkLines(input.steps ?? []))
  lines.push('')
  const issueNumber = typeof item.context.issueNumber === 'number' ? item.context.issueNumber : undefined
  if (item.type === 'issue' && issueNumber) lines.push(`Fixes #${issueNumber}`, '')
  lines.push(
    'Review it like any contribution; CCAL never merges. Reply with a review to get a follow-up commit.',
    ''
  )
  lines.push(formatPullMarker(item.id))
  return `${lines.join('\n')}\n`
}

/** The note on an open pull request whose work item was completed by a scan of the base branch. */
export function doneElsewhereComment(reason: string): string {
  return [
    `CCAL considers the work of this pull request done: ${reason.replace(/\s+/g, ' ').trim()}.`,
    '',
    'The base branch no longer has what it fixes, so CCAL stops tracking it. Close it if it is no longer needed.'
  ].join('\n')
}
