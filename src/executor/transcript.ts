/**
 * An item's transcript: every line Claude Code printed on stdout (stream-json, one event a line),
 * with secrets masked, appended to a file of CCAL's own outside the item's worktree. Bounded: past
 * the limit one marker line says so and further lines are dropped — except the `result` lines,
 * which are small and what a reader wants most, so a transcript still ends with its result.
 */
import { createWriteStream, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'

/** The most one item's transcript holds (the result lines may add a little after the marker). */
export const TRANSCRIPT_LIMIT_BYTES = 20 * 1024 * 1024

/** What `result` lines may still add past the limit. */
const RESULT_RESERVE_BYTES = 1024 * 1024

export interface TranscriptOptions {
  /** The file (created with its directory, owner-only; appended to when it exists). */
  readonly path: string
  readonly limitBytes?: number
  /** Applied to every line before it is written (see util/secrets.ts). */
  readonly mask?: (line: string) => string
  readonly logger?: Logger
}

export interface Transcript {
  readonly path: string
  /** Appends one stdout line of the CLI (blank lines are left out). */
  write(line: string): void
  /** Flushes and closes the file; never throws. */
  close(): Promise<void>
}

/** The marker written once the limit is reached. */
export function truncationMarker(limitBytes: number): string {
  return JSON.stringify({
    type: 'ccal',
    subtype: 'transcript_truncated',
    limit_bytes: limitBytes,
    message: `CCAL stopped writing this transcript at ${limitBytes} bytes; only result lines follow`
  })
}

/** True for the CLI's final `result` line. */
function isResultLine(line: string): boolean {
  if (!line.startsWith('{')) return false
  try {
    return (JSON.parse(line) as { type?: unknown }).type === 'result'
  } catch {
    return false
  }
}

/** Opens (creating) the transcript at `options.path`. */
export function openTranscript(options: TranscriptOptions): Transcript {
  const logger = options.logger ?? silentLogger
  const limit = options.limitBytes ?? TRANSCRIPT_LIMIT_BYTES
  const mask = options.mask ?? (line => line)
  mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 })
  const stream = createWriteStream(options.path, { flags: 'a', mode: 0o600 })
  let failed = false
  stream.on('error', error => {
    if (!failed) logger.warning(`transcript ${options.path}: ${errorMessage(error)}; no more lines are kept`)
    failed = true
  })
  let written = 0
  let truncated = false
  const append = (text: string) => {
    stream.write(`${text}\n`)
    written += Buffer.byteLength(text) + 1
  }
  return {
    path: options.path,
    write(line) {
      const text = line.trim()
      if (failed || text === '') return
      const masked = mask(text)
      const bytes = Buffer.byteLength(masked) + 1
      if (!truncated && written + bytes <= limit) return append(masked)
      if (!truncated) {
        truncated = true
        append(truncationMarker(limit))
      }
      if (written + bytes <= limit + RESULT_RESERVE_BYTES && isResultLine(masked)) append(masked)
    },
    close: () =>
      new Promise<void>(resolve => {
        if (failed) {
          stream.destroy()
          return resolve()
        }
        stream.end(() => resolve())
      })
  }
}
