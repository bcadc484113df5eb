/**
 * Reads logs through the keyword scanner in chunks, so that a log of any size is parsed with a
 * bounded amount of memory: from a file (`readLogFile`), from any stream of bytes such as a
 * downloaded job log (`createLogStream`), or from memory. With read-ahead.ts and report-file.ts,
 * the only modules of the library that touch the file system.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { Finding } from './finding.js'
import { exitCodeOf, runnerCommand, startsWithTimestamp, stripBom } from './log/framing.js'
import { stripTimestamp } from './log/line-parser.js'
import { createLogParser, type LogParserOptions } from './log/log-parser.js'
import { ReadAhead } from './read-ahead.js'
import { HitQueue, LogScanner, passCutLine, scanLimit, type ScanRules } from './scan/scan.js'

/**
 * Bytes handed to the scanner at a time: big enough that the per-call work (a copy into the
 * kernel's memory) is small, small enough to stay in the CPU cache between the copy and the
 * search. Measured: 1 MB and 4 MB alike, 256 KB a third slower.
 */
export const CHUNK_BYTES = 1024 * 1024
/**
 * Files at least this big are searched ahead by a second thread (read-ahead.ts): starting it costs
 * a few milliseconds, the search a few milliseconds per ten megabytes.
 */
const READ_AHEAD_ABOVE = 16 * 1024 * 1024
/** Bytes of already scanned text kept in front of new text, for context before a hit. */
const LOOK_BACK_BYTES = 64 * 1024

export interface ReadLogOptions extends LogParserOptions {
  rules?: ScanRules
  /** Called with each finding as it is found; when given, the returned list stays empty. */
  onFinding?: (finding: Finding) => void
}

export interface ReadLogResult {
  findings: Finding[]
  /** Bytes read. */
  bytes: number
  /** Whether `maxBytes` cut the log short. */
  truncated: boolean
  stats: LogScanner['stats']
}

/** A log fed in pieces of any size; `end()` parses the rest and tells what was found. */
export interface LogStream {
  write(chunk: Uint8Array): void
  end(): ReadLogResult
}

/** The scanner's buffer: unscanned bytes after a look-back region (the scanner cuts long lines, so it stays small). */
class ChunkBuffer {
  buffer = Buffer.allocUnsafe(CHUNK_BYTES * 2)
  /** Bytes held. */
  length = 0
  /** Index of the first byte not yet scanned. */
  from = 0

  /** Room for at least `bytes` more, keeping the look-back and the unscanned bytes. */
  reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return
    const floor = this.from - LOOK_BACK_BYTES
    let keep = floor <= 0 ? 0 : this.buffer.indexOf(10, floor) + 1
    // No line starts in the look-back window (one long line): none of it is kept.
    if (floor > 0 && (keep === 0 || keep > this.from)) keep = this.from
    if (keep > 0 && keep <= this.from) {
      this.buffer.copy(this.buffer, 0, keep, this.length)
      this.length -= keep
      this.from -= keep
    }
    if (this.length + bytes > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes))
      this.buffer.copy(bigger, 0, 0, this.length)
      this.buffer = bigger
    }
  }

  /** Reads up to `bytes` of the file at `position` after the bytes held; returns how many it read. */
  fill(handle: number, position: number, bytes: number): number {
    this.reserve(bytes)
    const read = readSync(handle, this.buffer, this.length, bytes, position)
    this.length += read
    return read
  }

  /** The bytes held. */
  get data(): Buffer {
    return this.buffer.subarray(0, this.length)
  }
}

/** A stream of log bytes into the parser; findings go to `onFinding` or into the result. */
export function createLogStream(options: ReadLogOptions = {}): LogStream {
  const findings: Finding[] = []
  const parser = createLogParser(options.onFinding ?? (found => findings.push(found)), options)
  const scanner = new LogScanner(parser, options.rules)
  const chunks = new ChunkBuffer()
  let bytes = 0
  const scan = (final: boolean) => {
    chunks.from = scanner.scan(chunks.data, chunks.from, final)
  }
  return {
    write(chunk) {
      chunks.reserve(chunk.length)
      chunks.buffer.set(chunk, chunks.length)
      chunks.length += chunk.length
      bytes += chunk.length
      if (chunks.length - chunks.from >= CHUNK_BYTES) scan(false)
    },
    end() {
      scan(true)
      scanner.end()
      return { findings, bytes, truncated: false, stats: scanner.stats }
    }
  }
}

/**
 * Parses a log file with the fast scanner, from `offset` and for at most `maxBytes` bytes. Reads
 * are synchronous, straight into the scanner's buffer: the parse is bound by the CPU, and awaiting
 * each chunk from the thread pool left a fifth of it idle. A big file is read and searched ahead
 * by a second thread; of a big raw job log only the failed steps are parsed (readFailedSteps),
 * unless `every` or `onStep` asks for every step.
 */
export async function readLogFile(
  path: string,
  options: ReadLogOptions & { offset?: number; maxBytes?: number } = {}
): Promise<ReadLogResult> {
  const findings: Finding[] = []
  const parser = createLogParser(options.onFinding ?? (found => findings.push(found)), options)
  const scanner = new LogScanner(parser, options.rules)
  const chunks = new ChunkBuffer()
  const begin = options.offset ?? 0
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY
  const handle = openSync(path, 'r')
  let read = 0
  let truncated: boolean
  try {
    const size = fstatSync(handle).size
    const end = Math.max(begin, Math.min(size, begin + maxBytes))
    truncated = size > end
    const failedOnly =
      end - begin >= READ_AHEAD_ABOVE && !options.every && !options.onStep && isRawJobLog(handle, begin)
        ? readFailedSteps(path, handle, begin, end, scanner, chunks)
        : null
    if (failedOnly !== null) read = failedOnly
    else if (end - begin >= READ_AHEAD_ABOVE) read = readAhead(path, begin, end, scanner, chunks)
    else {
      // Read straight into the scanner's buffer: no copy of the log's bytes but the kernel's own.
      for (let position = begin; position < end;) {
        const bytesRead = chunks.fill(handle, position, Math.min(CHUNK_BYTES, end - position))
        if (bytesRead === 0) break
        position += bytesRead
        read += bytesRead
        chunks.from = scanner.scan(chunks.data, chunks.from, false)
      }
      chunks.from = scanner.scan(chunks.data, chunks.from, true)
    }
  } finally {
    closeSync(handle)
  }
  scanner.end()
  return { findings, bytes: read, truncated, stats: scanner.stats }
}

/** Scans bytes [begin, end) of the file with a second thread searching ahead; returns the bytes read. */
function readAhead(
  path: string,
  begin: number,
  end: number,
  scanner: LogScanner,
  chunks: ChunkBuffer
): number {
  return scanAhead(ReadAhead.open(path, scanner.kernelSpec(), [[begin, end]]), scanner, chunks)
}

/**
 * Scans the ranges a reader was given, chunk by chunk as its worker searched them; a range that
 * does not follow the one before starts the scanner again, after a gap. Returns the bytes read.
 */
function scanAhead(ahead: ReadAhead, scanner: LogScanner, chunks: ChunkBuffer): number {
  const found = new HitQueue()
  /** The file offset of the current range's first byte: the scanner's offsets count from it. */
  let origin = 0
  let read = 0
  try {
    for (let chunk = 0; chunk < ahead.chunks; chunk++) {
      const starts = ahead.startsRange(chunk)
      if (starts && chunk > 0) {
        scanner.scan(chunks.data, chunks.from, true, found)
        scanner.restart()
        chunks.length = 0
        chunks.from = 0
      }
      chunks.reserve(ahead.lengthOf(chunk))
      const next = ahead.take(chunk, chunks.buffer, chunks.length)
      if (starts) origin = next.base
      chunks.length += next.length
      read += next.length
      found.push(next.base - origin, next.pairs, next.count)
      ahead.release(chunk)
      chunks.from = scanner.scan(chunks.data, chunks.from, false, found)
    }
    chunks.from = scanner.scan(chunks.data, chunks.from, true, found)
  } finally {
    ahead.close()
  }
  return read
}

/** The start of a raw Actions job log: the runner's timestamp on its first line, after a BOM. */
function isRawJobLog(handle: number, begin: number): boolean {
  const head = Buffer.alloc(64)
  const got = readSync(handle, head, 0, head.length, begin)
  return startsWithTimestamp(stripBom(head.toString('utf8', 0, got)))
}

/** What a runner's line says about its step. */
type StepMark = 'step' | 'failed' | null

/**
 * What the line `content` (without its timestamp) says about its step: that one starts
 * (`##[group]Run …`) or that the step failed (any `##[error]` but an exit code of 0), as the log
 * parser reads them. (The runner writes a step's `::error::` commands as `##[error]`.)
 */
function stepMark(content: string): StepMark {
  const command = runnerCommand(content)
  if (!command) return null
  if (command.name === 'group') return command.rest.startsWith('Run ') ? 'step' : null
  if (command.name !== 'error') return null
  const exit = exitCodeOf(command.rest.trim())
  return exit === null || exit !== 0 ? 'failed' : null
}

const HASH_MARK = Buffer.from('##[')
/** Failed steps the worker has room for without growing its table (a step adds a chunk at most). */
const MAX_RANGES = 4096
/** Bytes of a marked line decoded to read its mark (a timestamp and a command's start). */
const MARK_LINE = 200

/**
 * The marks in the whole lines `data[from, limit)`, in order: where a step starts (the offset of its
 * line, from `data[0]`) and where one fails. `Buffer.indexOf` finds `##[` at some ten gigabytes a
 * second (`#` is rare): the first pass over a big log costs little more than reading it.
 */
function marksIn(data: Buffer, from: number, limit: number): Array<{ at: number; mark: 'step' | 'failed' }> {
  const marks: Array<{ at: number; mark: 'step' | 'failed' }> = []
  for (
    let at = data.indexOf(HASH_MARK, from);
    at !== -1 && at < limit;
    at = data.indexOf(HASH_MARK, at + 1)
  ) {
    const start = at === 0 ? 0 : data.lastIndexOf(10, at - 1) + 1
    const newline = data.indexOf(10, at)
    const stop = Math.min(newline === -1 ? limit : newline, at + MARK_LINE)
    const line = stripTimestamp(stripBom(data.toString('utf8', start, stop)))
    // Only a mark that starts its line: `echo "##[error]"` in a script is output.
    if (line.length !== data.toString('utf8', at, stop).length) continue
    const mark = stepMark(line)
    if (mark) marks.push({ at: mark === 'step' ? start : at, mark })
  }
  return marks
}

/**
 * Parses only the steps of a big raw job log that failed. A first pass reads the log and finds
 * the runner's marks alone: where each step starts (`##[group]Run …`) and whether it failed (an
 * `##[error]`, an exit code other than 0). A failed step is then read again and parsed
 * like any log. A passing step's output is not wanted when another step failed (the log parser
 * drops it), so most of a big log is neither searched nor decoded. Returns the bytes read, or null
 * when no step failed: then every step counts, and the caller parses the whole log as usual
 * (nothing has reached the parser yet).
 */
function readFailedSteps(
  path: string,
  handle: number,
  begin: number,
  end: number,
  scanner: LogScanner,
  chunks: ChunkBuffer
): number | null {
  // The worker starts while the first pass reads: it searches the failed steps once they are known.
  const ahead = ReadAhead.start(
    path,
    scanner.kernelSpec(),
    Math.ceil((end - begin) / CHUNK_BYTES) + MAX_RANGES
  )
  const failedSteps = failedStepRanges(handle, begin, end)
  if (failedSteps.length === 0) {
    ahead.close()
    return null
  }
  ahead.publish(failedSteps)
  scanAhead(ahead, scanner, chunks)
  return end - begin
}

/** The byte ranges of the log's failed steps, in order, from the runner's marks alone. */
function failedStepRanges(handle: number, begin: number, end: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const chunks = new ChunkBuffer()
  /** The current step: its file offset, and whether it has failed. */
  let start = begin
  let failed = false
  const close = (stop: number) => {
    if (failed && stop > start) ranges.push([start, stop])
    failed = false
  }
  let position = begin
  /** Inside the rest of a line over MAX_LINE_BYTES: its start was read for a mark, the rest is not. */
  let skipping = false
  for (;;) {
    const want = Math.min(CHUNK_BYTES, end - position)
    const bytesRead = want === 0 ? 0 : chunks.fill(handle, position, want)
    const final = bytesRead === 0
    position += bytesRead
    const data = chunks.data
    let from = chunks.from
    if (skipping) {
      const passed = passCutLine(data, from)
      from = passed.next
      skipping = passed.inside
    }
    // Still inside a cut line: nothing to read in this chunk.
    const scanned: { limit: number; cut: boolean } = skipping
      ? { limit: from, cut: true }
      : scanLimit(data, from, final)
    const { limit } = scanned
    skipping = scanned.cut
    // The file offset of data[0].
    const base = position - chunks.length
    if (limit > from)
      for (const { at, mark } of marksIn(data, from, limit)) {
        if (mark === 'failed') failed = true
        else {
          close(base + at)
          start = base + at
        }
      }
    chunks.from = Math.max(from, limit)
    if (final) break
  }
  close(end)
  return ranges
}

/** Parses a log already in memory with the fast scanner. */
export function scanLogBuffer(data: Buffer, options: ReadLogOptions = {}): Finding[] {
  const stream = createLogStream(options)
  stream.write(data)
  return stream.end().findings
}
