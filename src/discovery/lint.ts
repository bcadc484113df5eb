/**
 * The lint source: runs the configured lint commands (without a shell) and reads the configured
 * report files, normalizes everything into findings, and batches them into work items of one kind
 * each ("fix 7 `no-unused-vars` findings in src/x"), so that one pull request fixes N findings of
 * one rule.
 */
import { posix } from 'node:path'
import { z } from 'zod'
import type { Settings } from '../config/schema.js'
import { isFullScan, type Trigger } from '../core/trigger.js'
import type { CandidateInput } from '../ledger/ops.js'
import { emptyLedger, type Ledger } from '../ledger/schema.js'
import {
  findingKey,
  finishBatchOp,
  partFingerprint,
  planFindingBatches,
  type FinishedBatch
} from './batches.js'
import { errorMessage } from '../util/errors.js'
import {
  CommandSyntaxError,
  createProcessRunner,
  splitCommand,
  type CommandRunner
} from './command-runner.js'
import { buildEvidence, evidenceBudget } from '../findings/evidence.js'
import { expandPath, isScanDue, repoPath } from './files.js'
import type { Finding } from '../findings/finding.js'
import { normalizePath } from '../findings/fingerprint.js'
import { readReportText } from '../findings/report-file.js'
import { UnsupportedInputError, isCoverageFormat, parseAnyInput } from '../findings/detect.js'
import {
  evidenceTree,
  type DiscoveryContext,
  type DiscoveryResult,
  type DiscoverySource,
  type Skipped
} from './source.js'

export const LINT_SOURCE = 'lint'

const CursorSchema = z.looseObject({ lastScanAt: z.string().optional() })

type GroupBy = Settings['discovery']['lint']['group_by']

/** A batch of findings of one kind: one work item. */
export interface FindingBatch {
  tool: string
  rule: string
  /** The directory (rule_directory), the file (file), or '' (rule). */
  scope: string
  /** The batch's number within its group: stable while its findings are fixed one by one. */
  part: number
  /** Batches of its group in this scan. */
  parts: number
  findings: Finding[]
}

// Rule names and paths come from tool output: keep them to printable, short text in our titles.
function label(text: string, max = 80): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '').trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

/** A group's fingerprint prefix: tool, rule and scope; its batches add `#<part>`. */
function groupFingerprint(tool: string, rule: string, scope: string): string {
  return `lint:${label(tool, 40)}:${label(rule, 80)}:${scope || '*'}`
}

/**
 * Groups findings by tool + rule (+ directory or file) and cuts each group into batches of at most
 * `size`, keeping every finding with the batch that already holds it in the ledger (batches.ts):
 * returns the batches, and the pending batches that have nothing left.
 */
export function batchFindings(
  findings: readonly Finding[],
  groupBy: GroupBy,
  size: number,
  ledger: Ledger = emptyLedger()
): { batches: FindingBatch[]; finished: FinishedBatch[] } {
  const groups = new Map<string, { tool: string; rule: string; scope: string; findings: Finding[] }>()
  for (const finding of findings) {
    const rule = finding.rule ?? '(no rule)'
    const file = finding.file ?? ''
    const scope = groupBy === 'rule' ? '' : groupBy === 'file' ? file : posix.dirname(file) || '.'
    const key = groupFingerprint(finding.tool, rule, scope)
    const group = groups.get(key) ?? { tool: finding.tool, rule, scope, findings: [] }
    group.findings.push(finding)
    groups.set(key, group)
  }
  const planned = planFindingBatches(
    new Map([...groups].map(([key, group]) => [key, group.findings])),
    ledger,
    LINT_SOURCE,
    size
  )
  const parts = new Map<string, number>()
  for (const batch of planned.batches) parts.set(batch.group, (parts.get(batch.group) ?? 0) + 1)
  const batches = planned.batches
    .map(batch => {
      const group = groups.get(batch.group)!
      return {
        tool: group.tool,
        rule: group.rule,
        scope: group.scope,
        part: batch.part,
        parts: parts.get(batch.group)!,
        findings: batch.members
      }
    })
    .sort((a, b) => b.findings.length - a.findings.length || a.part - b.part)
  return { batches, finished: planned.finished }
}

/** The work item for a batch. The fingerprint names tool, rule, scope and part, so a batch keeps its item while its findings are fixed one by one. */
export function lintCandidate(batch: FindingBatch, evidenceChars: number): CandidateInput {
  const count = batch.findings.length
  const where = batch.scope ? ` in ${label(batch.scope)}` : ''
  const part = batch.part > 1 || batch.parts > 1 ? ` (part ${batch.part})` : ''
  const places = batch.findings.map(
    f =>
      `- ${label(f.file ?? '(no file)', 200)}${f.line !== null ? `:${f.line}` : ''}${f.column !== null ? `:${f.column}` : ''}`
  )
  const hasError = batch.findings.some(f => f.severity === 'error')
  const first = batch.findings[0] as Finding
  return {
    fingerprint: partFingerprint(groupFingerprint(batch.tool, batch.rule, batch.scope), batch.part),
    type: 'lint',
    source: LINT_SOURCE,
    title: `Fix ${count} ${label(batch.tool, 40)} \`${label(batch.rule, 60)}\` finding${count === 1 ? '' : 's'}${where}${part}`,
    description: [
      `${label(batch.tool, 40)} reports ${count} finding${count === 1 ? '' : 's'} of rule \`${label(batch.rule, 80)}\`${where}. Fix all of them without changing behaviour, and do not silence the rule.`,
      '',
      'Places:',
      ...places
    ].join('\n'),
    untrusted: { evidence: buildEvidence(batch.findings, evidenceChars) },
    priority: hasError ? 3 : 4,
    context: {
      ...(first.file !== null ? { file: first.file } : {}),
      ...(first.line !== null ? { line: first.line } : {}),
      rule: batch.rule,
      errorSignature: `${batch.tool}|${batch.rule}|${batch.scope}`,
      tool: batch.tool,
      findings: batch.findings.map(f => ({
        file: f.file,
        line: f.line,
        column: f.column,
        key: findingKey(f)
      }))
    }
  }
}

/** Lint and static-analysis findings as batched work items. */
export class LintSource implements DiscoverySource {
  readonly name = LINT_SOURCE

  constructor(private readonly runner: CommandRunner = createProcessRunner()) {}

  appliesTo(trigger: Trigger, settings: Settings): boolean {
    const config = settings.discovery.lint
    return config.enabled && (config.commands.length > 0 || config.reports.length > 0) && isFullScan(trigger)
  }

  async discover(context: DiscoveryContext): Promise<DiscoveryResult> {
    const config = context.settings.discovery.lint
    const result: DiscoveryResult = { source: this.name, candidates: [], skipped: [] }
    const cursor = CursorSchema.parse(context.ledger.state.cursors[this.name] ?? {})
    if (!isScanDue(cursor.lastScanAt, config.interval_seconds, context.now)) {
      result.skipped.push({
        what: 'lint',
        reason: `scanned at ${cursor.lastScanAt}; next scan after ${config.interval_seconds}s (discovery.lint.interval_seconds)`
      })
      return result
    }
    const findings: Finding[] = []
    const root = await evidenceTree(context)
    for (const command of config.commands)
      findings.push(...(await this.runCommand(command, root, context, result.skipped)))
    for (const pattern of config.reports) {
      const files = await expandPath(root, pattern)
      if (files.length === 0) result.skipped.push({ what: pattern, reason: 'no report file matches' })
      for (const file of files)
        findings.push(...(await readReport(file, repoPath(root, file), result.skipped)))
    }
    const wanted = new Set<string>(config.severities)
    const seen = new Set<string>()
    const kept = findings
      .filter(f => wanted.has(f.severity))
      .map(f => ({ ...f, file: f.file === null ? null : normalizePath(f.file, root) }))
      .filter(f => {
        const key = JSON.stringify([f.tool, f.file, f.line, f.column, f.rule, f.message])
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
    const budget = evidenceBudget(context.settings.claude.max_prompt_length)
    const { batches, finished } = batchFindings(kept, config.group_by, config.batch_size, context.ledger)
    result.candidates = batches.map(batch => lintCandidate(batch, budget))
    // A command that did not run or a report that could not be read says nothing about what is left.
    const complete = result.skipped.length === 0
    result.ops = complete ? finished.map(finishBatchOp) : []
    result.cursor = { lastScanAt: context.now.toISOString() }
    context.logger.info(
      `${this.name}: ${kept.length} findings in ${result.candidates.length} batches${finished.length ? `; ${finished.length} pending batch(es) with nothing left${complete ? ' completed' : ' kept: part of the scan did not run'}` : ''}`
    )
    return result
  }

  private async runCommand(
    command: string,
    root: string,
    context: DiscoveryContext,
    skipped: Skipped[]
  ): Promise<Finding[]> {
    let argv: string[]
    try {
      argv = splitCommand(command)
    } catch (error) {
      if (error instanceof CommandSyntaxError) {
        skipped.push({ what: command, reason: error.message })
        return []
      }
      throw error
    }
    const run = await this.runner.run(argv, {
      cwd: root,
      timeoutMs: context.settings.verify.timeout_seconds * 1000
    })
    // Linters exit non-zero when they find something: the output, not the exit code, decides.
    const output = run.stdout.trim() !== '' ? run.stdout : run.stderr
    if (output.trim() === '') {
      if (run.exitCode !== 0)
        skipped.push({ what: command, reason: `exited with ${run.exitCode} and printed nothing` })
      return []
    }
    try {
      return parseAnyInput(output, 'auto', '', { every: true }).findings
    } catch (error) {
      if (!(error instanceof UnsupportedInputError)) throw error
      const firstLine = run.stderr.trim().split('\n')[0] ?? ''
      skipped.push({
        what: command,
        reason: `${error.message} in its output (exit ${run.exitCode}${firstLine ? `: ${label(firstLine, 120)}` : ''})`
      })
      return []
    }
  }
}

async function readReport(path: string, shown: string, skipped: Skipped[]): Promise<Finding[]> {
  try {
    const parsed = parseAnyInput(await readReportText(path, shown), 'auto', shown, { every: true })
    if (isCoverageFormat(parsed.format)) {
      skipped.push({ what: shown, reason: 'a coverage report (list it under discovery.coverage.reports)' })
      return []
    }
    return parsed.findings
  } catch (error) {
    if (error instanceof UnsupportedInputError) {
      skipped.push({ what: shown, reason: `${error.message} (format tried: ${error.format})` })
      return []
    }
    skipped.push({ what: shown, reason: `cannot read: ${errorMessage(error)}` })
    return []
  }
}
