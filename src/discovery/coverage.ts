/**
 * The coverage source: reads the configured coverage reports (lcov, Cobertura, Istanbul, Go
 * coverprofile) and turns the files under `min_test_coverage` into "add tests for X" items that
 * name the uncovered line ranges. The biggest gaps come first; at most `max_items_per_cycle`.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Settings } from '../config/schema.js'
import { isFullScan, type Trigger } from '../core/trigger.js'
import type { CandidateInput } from '../ledger/ops.js'
import { errorMessage } from '../util/errors.js'
import { expandPath, isScanDue, repoPath } from './files.js'
import { normalizePath } from '../findings/fingerprint.js'
import { readReportText } from '../findings/report-file.js'
import { coveragePart, finishBatchOp, partFingerprint, finishableOfGroup } from './batches.js'
import { lineRanges, percent, type FileCoverage } from '../findings/reports/coverage.js'
import { UnsupportedInputError, detectFormat, isCoverageFormat, parseCoverage } from '../findings/detect.js'
import {
  evidenceTree,
  type DiscoveryContext,
  type DiscoveryResult,
  type DiscoverySource,
  type Skipped
} from './source.js'

export const COVERAGE_SOURCE = 'coverage'

const CursorSchema = z.looseObject({ lastScanAt: z.string().optional() })

/** Go reports name files by import path (`example.com/mod/pkg/x.go`): the module path from go.mod maps them into the repository. */
async function goModulePath(root: string): Promise<string | null> {
  const text = await readFile(join(root, 'go.mod'), 'utf8').catch(() => null)
  return text ? (/^module\s+(\S+)/m.exec(text)?.[1] ?? null) : null
}

/** Reads every configured report; a file seen in several reports keeps its best-covered record. */
export async function readCoverage(
  root: string,
  patterns: readonly string[],
  skipped: Skipped[]
): Promise<FileCoverage[]> {
  const module = await goModulePath(root)
  const byFile = new Map<string, FileCoverage>()
  for (const pattern of patterns) {
    const files = await expandPath(root, pattern)
    if (files.length === 0) skipped.push({ what: pattern, reason: 'no coverage report matches' })
    for (const path of files) {
      const shown = repoPath(root, path)
      try {
        const text = await readReportText(path, shown)
        const format = detectFormat(text, shown)
        if (format === null || !isCoverageFormat(format)) {
          skipped.push({ what: shown, reason: `not a coverage report (${format ?? 'unknown format'})` })
          continue
        }
        for (const file of parseCoverage(text, format)) {
          let name = normalizePath(file.file, root)
          if (module && name.startsWith(`${module}/`)) name = name.slice(module.length + 1)
          const known = byFile.get(name)
          if (!known || percent(file) > percent(known)) byFile.set(name, { ...file, file: name })
        }
      } catch (error) {
        const reason = error instanceof UnsupportedInputError ? error.message : errorMessage(error)
        skipped.push({ what: shown, reason })
      }
    }
  }
  return [...byFile.values()]
}

/** A file's coverage work: its items are this group's parts (a part after each merged one). */
function coverageGroup(file: string): string {
  return `coverage:${file}`
}

/** The "add tests" item for a file under the threshold (part 2 and on: after a merged part). */
export function coverageCandidate(file: FileCoverage, threshold: number, part = 1): CandidateInput {
  const covered = percent(file)
  const ranges = lineRanges(file.uncovered)
  return {
    fingerprint: partFingerprint(coverageGroup(file.file), part, true),
    type: 'coverage',
    source: COVERAGE_SOURCE,
    title: `Add tests for ${file.file} (${covered.toFixed(1)}% line coverage)`,
    description: [
      `Line coverage of ${file.file} is ${covered.toFixed(1)}% (${file.covered} of ${file.lines} lines), under the threshold of ${threshold}%.`,
      ranges
        ? `Uncovered lines: ${ranges}.`
        : 'The report has no per-line detail; look for untested branches and functions.',
      'Add tests that exercise this code through its public behaviour; change the code under test only to fix a bug the tests reveal.'
    ].join('\n'),
    priority: 4,
    context: {
      file: file.file,
      ...(file.uncovered[0] !== undefined ? { line: file.uncovered[0] } : {}),
      rule: 'line-coverage',
      coveragePercent: Math.round(covered * 10) / 10,
      uncoveredLines: ranges
    }
  }
}

/** Files under the coverage threshold as "add tests" work. */
export class CoverageSource implements DiscoverySource {
  readonly name = COVERAGE_SOURCE

  appliesTo(trigger: Trigger, settings: Settings): boolean {
    const config = settings.discovery.coverage
    return config.enabled && config.reports.length > 0 && isFullScan(trigger)
  }

  async discover(context: DiscoveryContext): Promise<DiscoveryResult> {
    const config = context.settings.discovery.coverage
    const result: DiscoveryResult = { source: this.name, candidates: [], skipped: [] }
    const cursor = CursorSchema.parse(context.ledger.state.cursors[this.name] ?? {})
    if (!isScanDue(cursor.lastScanAt, config.interval_seconds, context.now)) {
      result.skipped.push({
        what: 'coverage',
        reason: `scanned at ${cursor.lastScanAt}; next scan after ${config.interval_seconds}s (discovery.coverage.interval_seconds)`
      })
      return result
    }
    const files = await readCoverage(await evidenceTree(context), config.reports, result.skipped)
    const under = files
      .filter(file => file.lines > 0 && percent(file) < config.min_test_coverage)
      .sort((a, b) => b.lines - b.covered - (a.lines - a.covered) || a.file.localeCompare(b.file))
    result.candidates = under
      .slice(0, config.max_items_per_cycle)
      .map(file =>
        coverageCandidate(
          file,
          config.min_test_coverage,
          coveragePart(context.ledger, this.name, coverageGroup(file.file))
        )
      )
    // Files the reports now show at or above the threshold: their waiting or open items have nothing left to do.
    if (result.skipped.length === 0)
      result.ops = files
        .filter(file => file.lines > 0 && percent(file) >= config.min_test_coverage)
        .flatMap(file =>
          finishableOfGroup(context.ledger, this.name, coverageGroup(file.file)).map(item =>
            finishBatchOp({
              itemId: item.id,
              reason: `line coverage of ${file.file} is ${percent(file).toFixed(1)}%, at or above ${config.min_test_coverage}%`
            })
          )
        )
    for (const file of under.slice(config.max_items_per_cycle)) {
      result.skipped.push({
        what: file.file,
        reason: `${percent(file).toFixed(1)}% covered; beyond max_items_per_cycle (${config.max_items_per_cycle})`
      })
    }
    result.cursor = { lastScanAt: context.now.toISOString() }
    return result
  }
}
