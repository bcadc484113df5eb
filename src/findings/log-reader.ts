/**
 * Reads logs through the keyword scanner in chunks, so that a log of any size is parsed with a
 * bounded amount of memory: from a file (`readLogFile`), from any stream of bytes such as a
 * downloaded job log (`createLogStream`), or from memory. The only module of the library that
 * touches the file system.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { Finding } from './finding.js'
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
 * by a second thread.
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
    if (end - begin >= READ_AHEAD_ABOVE) read = readAhead(path, begin, end, scanner, chunks)
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

/** Parses a log already in memory with the fast scanner. */
export function scanLogBuffer(data: Buffer, options: ReadLogOptions = {}): Finding[] {
  const stream = createLogStream(options)
  stream.write(data)
  return stream.end().findings
}
