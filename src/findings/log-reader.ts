/**
 * Reads logs through the keyword scanner in chunks, so that a log of any size is parsed with a
 * bounded amount of memory: from a file (`readLogFile`), from any stream of bytes such as a
 * downloaded job log (`createLogStream`), or from memory. With read-ahead.ts, the only modules of
 * the library that touch the file system.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { Finding } from './finding.js'
import { exitCodeOf, runnerCommand, startsWithTimestamp, stripBom } from './log/framing.js'
import { stripTimestamp, type LineParser } from './log/line-parser.js'
import { createLogParser, type LogParserOptions } from './log/log-parser.js'
import { ReadAhead } from './read-ahead.js'
import { HitQueue, LogScanner, type ScanRules } from './scan/scan.js'

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

/** The scanner's buffer: unscanned bytes after a look-back region, grown when a line is longer than it. */
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
    const keep = floor <= 0 ? 0 : this.buffer.indexOf(10, floor) + 1
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
}

/** A stream of log bytes into the parser; findings go to `onFinding` or into the result. */
export function createLogStream(options: ReadLogOptions = {}): LogStream {
  const findings: Finding[] = []
  const parser = createLogParser(options.onFinding ?? (found => findings.push(found)), options)
  const scanner = new LogScanner(parser, options.rules)
  const chunks = new ChunkBuffer()
  let bytes = 0
  const scan = (final: boolean) => {
    chunks.from = scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, final)
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
        ? readFailedSteps(path, handle, begin, end, parser, scanner)
        : null
    if (failedOnly !== null) read = failedOnly
    else if (end - begin >= READ_AHEAD_ABOVE) read = readAhead(path, begin, end, scanner, chunks)
    else {
      // Read straight into the scanner's buffer: no copy of the log's bytes but the kernel's own.
      for (let position = begin; position < end;) {
        const want = Math.min(CHUNK_BYTES, end - position)
        chunks.reserve(want)
        const bytesRead = readSync(handle, chunks.buffer, chunks.length, want, position)
        if (bytesRead === 0) break
        chunks.length += bytesRead
        position += bytesRead
        read += bytesRead
        chunks.from = scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, false)
      }
      chunks.from = scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, true)
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
  const ahead = ReadAhead.open(path, scanner.kernelSpec(), begin, end)
  const found = new HitQueue()
  let read = 0
  try {
    for (let chunk = 0; chunk < ahead.chunks; chunk++) {
      chunks.reserve(ahead.lengthOf(chunk))
      const next = ahead.take(chunk, chunks.buffer, chunks.length)
      chunks.length += next.length
      read += next.length
      found.push(next.base, next.pairs, next.count)
      ahead.release(chunk)
      chunks.from = scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, false, found)
    }
    chunks.from = scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, true, found)
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

/** Hits of one step, kept until the step's outcome is known: (offset from the step's start, kernel entry). */
class StepHits {
  pairs = new Int32Array(2048)
  count = 0
  /** More than {@link MAX_STEP_HITS}: the step is searched again if it is parsed. */
  overflow = false

  push(offset: number, entry: number): void {
    if (this.overflow) return
    if (2 * this.count === this.pairs.length) {
      if (this.count >= MAX_STEP_HITS || offset > 0x7fffffff) {
        this.overflow = true
        return
      }
      const bigger = new Int32Array(this.pairs.length * 2)
      bigger.set(this.pairs)
      this.pairs = bigger
    }
    this.pairs[2 * this.count] = offset
    this.pairs[2 * this.count + 1] = entry
    this.count++
  }

  clear(): void {
    this.count = 0
    this.overflow = false
    if (this.pairs.length > 1 << 20) this.pairs = new Int32Array(2048)
  }
}

/** Hits a step keeps for its parse (12 MB); a step with more is searched again. */
const MAX_STEP_HITS = 1 << 20
/** Bytes read around a runner command to see its line: the timestamp before, the command after. */
const MARK_BEFORE = 48
const MARK_AFTER = 160

/**
 * What the runner's `##[` at file offset `offset` says about its step: that one starts there
 * (`##[group]Run …`, at `start`, the offset of its line) or that it failed (`##[error]…`, an exit
 * code other than 0). Null for any other command, or for `##[` that does not start its line.
 */
function runnerMark(
  handle: number,
  offset: number,
  window: Buffer
): { kind: 'step'; start: number } | { kind: 'failed' } | null {
  const line = lineAround(handle, offset, window)
  if (!line) return null
  const command = runnerCommand(line.content)
  if (!command) return null
  if (command.name === 'group')
    return command.rest.startsWith('Run ') ? { kind: 'step', start: line.start } : null
  if (command.name !== 'error') return null
  const exit = exitCodeOf(command.rest.trim())
  return exit === null || exit !== 0 ? { kind: 'failed' } : null
}

/** True when the `:error` at file offset `offset` is that of a `::error …::` workflow command starting its line. */
function isFailingCommand(handle: number, offset: number, window: Buffer): boolean {
  const line = lineAround(handle, offset - 1, window)
  return line !== null && /^::error(?: [^:]*)?::/.test(line.content)
}

/** The line holding file offset `offset`, if it starts with it (after the timestamp): its start and content. */
function lineAround(
  handle: number,
  offset: number,
  window: Buffer
): { start: number; content: string } | null {
  const from = Math.max(0, offset - MARK_BEFORE)
  const got = readSync(handle, window, 0, MARK_BEFORE + MARK_AFTER, from)
  const at = offset - from
  const newline = at === 0 ? -1 : window.lastIndexOf(10, at - 1)
  // The line started before the window: something longer than a timestamp comes before the mark.
  if (newline < 0 && from > 0) return null
  const start = newline + 1
  let stop = window.indexOf(10, at)
  if (stop < 0 || stop > got) stop = got
  const content = stripTimestamp(stripBom(window.toString('utf8', start, stop)))
  if (content.length !== window.toString('utf8', at, stop).length) return null
  return { start: from + start, content }
}

/**
 * Parses only the steps of a big raw job log that failed: a first pass reads the kernel's matches
 * (searched ahead on a second thread), sees where each step starts (`##[group]Run …`) and whether
 * it failed (an `##[error]`, an exit code, an `::error::` command), and keeps the step's matches;
 * the bytes of a failed step are then read again and parsed. A passing step's output is never
 * wanted when another step failed (the log parser drops it), so most of a big log is never decoded.
 * Returns the bytes read, or null when no step failed: then every step counts, and the caller
 * parses the whole log as usual (nothing has reached the parser yet).
 */
function readFailedSteps(
  path: string,
  handle: number,
  begin: number,
  end: number,
  parser: LineParser,
  probe: LogScanner
): number | null {
  const mark = probe.anchorOf('##[')
  const workflow = probe.anchorOf(':error')
  const window = Buffer.alloc(MARK_BEFORE + MARK_AFTER)
  const hits = new StepHits()
  const ahead = ReadAhead.open(path, probe.kernelSpec(), begin, end)
  /** The current step: where it starts (from `begin`) and whether it has failed. */
  let start = 0
  let failed = false
  let parsedAny = false
  // One scanner for the steps parsed: each starts it again (its offsets, its context).
  const steps = new LogScanner(parser, probe.rules)
  const buffer = new ChunkBuffer()
  const close = (stop: number) => {
    if (failed) {
      if (parsedAny) parser.gap()
      steps.restart()
      parseStep(handle, begin + start, begin + stop, hits, steps, buffer)
      parsedAny = true
    }
    hits.clear()
    failed = false
  }
  try {
    for (let chunk = 0; chunk < ahead.chunks; chunk++) {
      const next = ahead.take(chunk)
      for (let i = 0; i < next.count; i++) {
        const offset = next.base + (next.pairs[2 * i] as number)
        const entry = next.pairs[2 * i + 1] as number
        const anchor = probe.anchorOfEntry(entry)
        if (anchor === mark) {
          const found = runnerMark(handle, begin + offset, window)
          if (found?.kind === 'step') {
            close(found.start - begin)
            start = found.start - begin
          } else if (found?.kind === 'failed') failed = true
        } else if (anchor === workflow && !failed && isFailingCommand(handle, begin + offset, window))
          failed = true
        hits.push(offset - start, entry)
      }
      ahead.release(chunk)
    }
    close(end - begin)
  } finally {
    ahead.close()
  }
  probe.stats.bytes += steps.stats.bytes
  probe.stats.decodedLines += steps.stats.decodedLines
  probe.stats.gaps += steps.stats.gaps
  return parsedAny ? end - begin : null
}

/** Parses bytes [from, to) of the file, a step, with the matches found for it (or searched again). */
function parseStep(
  handle: number,
  from: number,
  to: number,
  hits: StepHits,
  scanner: LogScanner,
  chunks: ChunkBuffer
): void {
  const found = hits.overflow ? undefined : new HitQueue()
  found?.push(0, hits.pairs, hits.count)
  chunks.length = 0
  chunks.from = 0
  for (let position = from; position < to;) {
    const want = Math.min(CHUNK_BYTES, to - position)
    chunks.reserve(want)
    const bytesRead = readSync(handle, chunks.buffer, chunks.length, want, position)
    if (bytesRead === 0) break
    chunks.length += bytesRead
    position += bytesRead
    chunks.from = scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, false, found)
  }
  scanner.scan(chunks.buffer.subarray(0, chunks.length), chunks.from, true, found)
}

/** Parses a log already in memory with the fast scanner. */
export function scanLogBuffer(data: Buffer, options: ReadLogOptions = {}): Finding[] {
  const stream = createLogStream(options)
  stream.write(data)
  return stream.end().findings
}
