/**
 * The error-log source, for self-hosted runners: watches log files (or directories of *.log and
 * *.json files) and turns error lines into work. Each run reads only what was appended since the
 * last one: per file it keeps {dev, ino, size, offset, head hash} in the ledger cursor, and starts
 * over from 0 when the file was rotated (another inode), truncated (smaller than the offset) or
 * rewritten (its first bytes changed). Log text is untrusted: it only reaches `untrusted.evidence`.
 */
import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { z } from 'zod'
import type { Settings } from '../config/schema.js'
import { isFullScan, type Trigger } from '../core/trigger.js'
import type { CandidateInput } from '../ledger/ops.js'
import { errorMessage } from '../util/errors.js'
import { evidenceBudget } from '../findings/evidence.js'
import { expandPath, isScanDue, repoPath } from './files.js'
import { normalizeMessage, shortHash } from '../findings/fingerprint.js'
import { stripAnsi, stripTimestamp } from '../findings/log/line-parser.js'
import type { DiscoveryContext, DiscoveryResult, DiscoverySource, Skipped } from './source.js'

export const ERROR_LOGS_SOURCE = 'error-logs'

/** Bytes hashed to recognise a file rewritten in place. */
const HEAD_BYTES = 256

const FileCursorSchema = z.object({
  dev: z.number(),
  ino: z.number(),
  size: z.number(),
  offset: z.number(),
  headLength: z.number(),
  head: z.string()
})
export type FileCursor = z.infer<typeof FileCursorSchema>
const CursorSchema = z.looseObject({
  lastScanAt: z.string().optional(),
  files: z.record(z.string(), FileCursorSchema).default({})
})

/** One error found in a log: the line, its context, where it was. */
export interface LogHit {
  file: string
  /** Byte offset of the line in the file. */
  offset: number
  line: string
  /** The normalized message: what identifies the error across runs. */
  signature: string
  context: string[]
}

const JSON_LEVELS = new Set(['error', 'err', 'fatal', 'critical', 'crit', 'panic', 'alert', 'emergency'])

/** For a JSON log line: the message when its level is an error level (pino's numeric 50/60 too), else null. */
export function jsonLogError(line: string): string | null {
  if (!line.startsWith('{')) return null
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const level = record.level ?? record.severity ?? record.lvl ?? record.levelname ?? record['log.level']
  const isError =
    typeof level === 'number'
      ? level >= 50
      : typeof level === 'string' && JSON_LEVELS.has(level.toLowerCase())
  if (!isError) return null
  const error = record.error ?? record.err
  const nested =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : error
  const message = record.msg ?? record.message ?? nested
  return typeof message === 'string' ? message : JSON.stringify(message ?? record)
}

/** The part of an error line that identifies it: timestamp and level decorations removed, then normalized. */
export function logSignature(line: string): string {
  const text = stripTimestamp(stripAnsi(line))
    .replace(/^\[?\d{4}-\d\d-\d\d[ T][\d:.,]+(Z|[+-]\d\d:?\d\d)?\]?\s*/, '')
    .replace(/^\[?\d\d:\d\d:\d\d(\.\d+)?\]?\s*/, '')
  return normalizeMessage(text).slice(0, 300)
}

/**
 * Finds the error lines of `lines` (regex `patterns` or JSON error levels) with `contextLines` lines
 * of context on each side. `offsets[i]` is the byte offset of `lines[i]`.
 */
export function findLogHits(
  file: string,
  lines: readonly string[],
  offsets: readonly number[],
  patterns: readonly RegExp[],
  contextLines: number
): LogHit[] {
  const hits: LogHit[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const json = jsonLogError(line)
    if (json === null && !patterns.some(pattern => pattern.test(line))) continue
    const context = lines.slice(Math.max(0, i - contextLines), Math.min(lines.length, i + contextLines + 1))
    hits.push({ file, offset: offsets[i] ?? 0, line, signature: logSignature(json ?? line), context })
  }
  return hits
}

interface ReadResult {
  cursor: FileCursor
  lines: string[]
  offsets: number[]
  restarted: 'rotated' | 'truncated' | 'rewritten' | null
}

async function headHash(handle: Awaited<ReturnType<typeof open>>, length: number): Promise<string> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, 0)
  return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex').slice(0, 16)
}

/** Reads the complete lines appended to `path` since `previous`, at most `maxBytes`. */
export async function readNewLines(
  path: string,
  previous: FileCursor | undefined,
  maxBytes: number
): Promise<ReadResult> {
  const info = await stat(path)
  const handle = await open(path, 'r')
  try {
    let restarted: ReadResult['restarted'] = null
    let start = 0
    if (previous) {
      if (previous.ino !== info.ino || previous.dev !== info.dev) restarted = 'rotated'
      else if (info.size < previous.offset) restarted = 'truncated'
      else if ((await headHash(handle, previous.headLength)) !== previous.head) restarted = 'rewritten'
      else start = previous.offset
    }
    const length = Math.max(0, Math.min(info.size - start, maxBytes))
    const buffer = Buffer.alloc(length)
    const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, start) : { bytesRead: 0 }
    // Only whole lines: a line still being written is read next time.
    const end = buffer.lastIndexOf(10, bytesRead - 1) + 1
    const lines: string[] = []
    const offsets: number[] = []
    let position = 0
    while (position < end) {
      const newline = buffer.indexOf(10, position)
      const stop = newline === -1 || newline >= end ? end : newline
      lines.push(buffer.toString('utf8', position, stop).replace(/\r$/, ''))
      offsets.push(start + position)
      position = stop + 1
    }
    const headLength = Math.min(HEAD_BYTES, info.size)
    return {
      cursor: {
        dev: info.dev,
        ino: info.ino,
        size: info.size,
        offset: start + end,
        headLength,
        head: await headHash(handle, headLength)
      },
      lines,
      offsets,
      restarted
    }
  } finally {
    await handle.close()
  }
}

function isLogFile(name: string): boolean {
  return name.endsWith('.log') || name.endsWith('.json') || name.endsWith('.jsonl')
}

/** The work item for one kind of error (same signature), with every occurrence counted. */
export function errorLogCandidate(
  hits: readonly LogHit[],
  root: string,
  evidenceChars: number
): CandidateInput {
  const first = hits[0] as LogHit
  const files = [...new Set(hits.map(hit => repoPath(root, hit.file)))]
  const shown = files.length === 1 ? (files[0] as string) : `${files.length} logs`
  const evidence = hits
    .slice(0, 3)
    .map(hit => `${repoPath(root, hit.file)} @ byte ${hit.offset}:\n${hit.context.join('\n')}`)
    .join('\n\n')
  return {
    fingerprint: `error_log:${shortHash(first.signature)}`,
    type: 'error_log',
    source: ERROR_LOGS_SOURCE,
    title: `Fix the error logged ${hits.length} time${hits.length === 1 ? '' : 's'} in ${basename(shown)}`,
    description: [
      `An error was logged ${hits.length} time${hits.length === 1 ? '' : 's'} in ${files.join(', ')} since the last scan.`,
      'Find the cause in this repository and fix it; the log excerpt is in the evidence.'
    ].join('\n'),
    untrusted: {
      evidence: evidence.length > evidenceChars ? `${evidence.slice(0, evidenceChars - 2)} …` : evidence
    },
    priority: 3,
    context: {
      file: repoPath(root, first.file),
      errorSignature: first.signature,
      logOffset: first.offset,
      occurrences: hits.length
    }
  }
}

/** Error lines in local log files as work. */
export class ErrorLogsSource implements DiscoverySource {
  readonly name = ERROR_LOGS_SOURCE

  appliesTo(trigger: Trigger, settings: Settings): boolean {
    const config = settings.discovery.error_logs
    return config.enabled && config.paths.length > 0 && isFullScan(trigger)
  }

  async discover(context: DiscoveryContext): Promise<DiscoveryResult> {
    const config = context.settings.discovery.error_logs
    const result: DiscoveryResult = { source: this.name, candidates: [], skipped: [] }
    const cursor = CursorSchema.parse(context.ledger.state.cursors[this.name] ?? {})
    if (!isScanDue(cursor.lastScanAt, config.interval_seconds, context.now)) {
      result.skipped.push({
        what: 'error logs',
        reason: `scanned at ${cursor.lastScanAt}; next scan after ${config.interval_seconds}s (discovery.error_logs.interval_seconds)`
      })
      return result
    }
    const patterns = compilePatterns(config.patterns, result.skipped)
    const files = new Map<string, FileCursor>()
    const bySignature = new Map<string, LogHit[]>()
    for (const configured of config.paths) {
      const paths = await expandPath(context.root, configured, isLogFile)
      if (paths.length === 0) result.skipped.push({ what: configured, reason: 'no log file found' })
      for (const path of paths) {
        const key = repoPath(context.root, path)
        try {
          const read = await readNewLines(path, cursor.files[key], config.max_bytes_per_run)
          if (read.restarted)
            context.logger.info(`${this.name}: ${key} was ${read.restarted}; reading it from the start`)
          files.set(key, read.cursor)
          for (const hit of findLogHits(path, read.lines, read.offsets, patterns, config.context_lines)) {
            const same = bySignature.get(hit.signature) ?? []
            same.push(hit)
            bySignature.set(hit.signature, same)
          }
        } catch (error) {
          result.skipped.push({ what: key, reason: `cannot read: ${errorMessage(error)}` })
          const previous = cursor.files[key]
          if (previous) files.set(key, previous)
        }
      }
    }
    const budget = evidenceBudget(context.settings.claude.max_prompt_length)
    result.candidates = [...bySignature.values()].map(hits => errorLogCandidate(hits, context.root, budget))
    result.cursor = { lastScanAt: context.now.toISOString(), files: Object.fromEntries(files) }
    return result
  }
}

function compilePatterns(patterns: readonly string[], skipped: Skipped[]): RegExp[] {
  const compiled: RegExp[] = []
  for (const pattern of patterns) {
    try {
      compiled.push(new RegExp(pattern))
    } catch (error) {
      skipped.push({
        what: `pattern ${pattern}`,
        reason: `not a valid regular expression: ${errorMessage(error)}`
      })
    }
  }
  return compiled
}
