/**
 * Reads a big log file ahead of the parse, on a second thread: a worker reads chunks and runs the
 * scanner's kernel on them (the search for keywords, most of the cost of a log with few failures)
 * while the main thread parses the chunks before. Whichever thread is free takes the next chunk:
 * when the parse has caught up with the worker, the main thread reads and searches a chunk itself,
 * so a second thread never makes a parse slower, and a worker that cannot start or fails costs
 * nothing but its own work. The two share a ring of slots (a SharedArrayBuffer) and wait on
 * Atomics; no message goes through the event loop, so the parse stays one synchronous loop.
 *
 * Chunks are fixed byte ranges, independent of each other: each is searched with the bytes of the
 * longest pattern less one after it, so that a match across its end is found, and only matches
 * starting inside it are kept.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { KernelSpec } from './scan/keyword-search.js'

/** Bytes per chunk: as the single-threaded reader reads (see log-reader.ts). */
export const READ_AHEAD_CHUNK = 1024 * 1024
/** Chunks the worker may be ahead of the parse. */
const SLOTS = 16
/** Chunks the main thread may search ahead of its parse, while the worker has the one it needs. */
const OWN_SLOTS = 16
/** Matches a slot holds; a chunk with more is searched again by the main thread, with room for all. */
const SLOT_PAIRS = 32 * 1024
/** How long the main thread waits for the worker's chunk before it reads the chunk itself. */
const PATIENCE_MS = 10_000

/** Indices in the control array. */
const NEXT = 0
const CONSUMED = 1
const STOP = 2
const FAILED = 3
/** The value of CONSUMED the waiting worker waits for (0: it is not waiting). */
const WAKE_AT = 4
/** How many chunks there are, once the caller has said which ranges it wants (-1 until then). */
const CHUNKS = 5
const CONTROL_WORDS = 6

/** What {@link searchChunk} needs: the kernel's instance, the file, and how it is cut. */
interface SearchEnv {
  spec: KernelSpec
  memory: WebAssembly.Memory
  find: (start: number, end: number, out: number, capacity: number) => number
  readSync: typeof readSync
  fd: number
  /** Per chunk: the file offset of its first byte, its length, and where its range of the file ends. */
  starts: Float64Array
  lengths: Int32Array
  stops: Float64Array
}

/**
 * Reads chunk `chunk` (into `data` too, when given) and writes its matches into `pairs` as (offset
 * in the chunk, kernel entry). Returns the chunk's length and the number of matches, -1 when
 * `pairs` is too small. Runs on both threads: it is also the worker's source text, so it uses
 * nothing from outside itself.
 */
function searchChunk(
  env: SearchEnv,
  chunk: number,
  data: Uint8Array | null,
  pairs: Int32Array
): [number, number] {
  const { spec, memory } = env
  const from = env.starts[chunk] as number
  const length = env.lengths[chunk] as number
  // A match may run past the chunk's end, not past its range's: the next range does not follow.
  const span = Math.min(length + spec.longest - 1, (env.stops[chunk] as number) - from)
  const needed = spec.input + span + spec.slack
  if (needed > memory.buffer.byteLength)
    memory.grow(Math.ceil((needed - memory.buffer.byteLength) / spec.page))
  const input = new Uint8Array(memory.buffer, spec.input, span)
  let read = 0
  while (read < span) {
    const got = env.readSync(env.fd, input, read, span - read, from + read)
    if (got === 0) break
    read += got
  }
  const kept = Math.min(length, read)
  data?.set(input.subarray(0, kept))
  const output = new Int32Array(memory.buffer, spec.output, spec.capacity * 2)
  const resume = new Int32Array(memory.buffer, spec.resume, 1)
  const stop = spec.input + read
  const inside = spec.input + kept
  let count = 0
  let at = spec.input
  while (at < stop) {
    const found = env.find(at, stop, spec.output, spec.capacity)
    for (let i = 0; i < found; i++) {
      const position = output[2 * i] as number
      // A match starting in the next chunk belongs to it; the matches come in order.
      if (position >= inside) return [kept, count]
      if (2 * count + 2 > pairs.length) return [kept, -1]
      pairs[2 * count] = position - spec.input
      pairs[2 * count + 1] = output[2 * i + 1] as number
      count++
    }
    at = resume[0] as number
  }
  return [kept, count]
}

/** The shared memory of the two threads. */
interface Shared {
  control: SharedArrayBuffer
  /** Per slot: chunk + 1 once ready, -(chunk + 1) when its matches did not fit. */
  states: SharedArrayBuffer
  /** Per slot: the chunk's length and its number of matches. */
  sizes: SharedArrayBuffer
  pairs: SharedArrayBuffer
  /** The chunk table (see SearchEnv), for up to `capacity` chunks: starts, then stops, then lengths. */
  table: SharedArrayBuffer
  capacity: number
}

interface WorkerInput extends Shared {
  spec: KernelSpec
  path: string
  slots: number
  slotPairs: number
}

/** The chunk table's views over its shared memory. */
function tableOf(
  shared: Pick<Shared, 'table' | 'capacity'>
): Pick<SearchEnv, 'starts' | 'lengths' | 'stops'> {
  return {
    starts: new Float64Array(shared.table, 0, shared.capacity),
    stops: new Float64Array(shared.table, shared.capacity * 8, shared.capacity),
    lengths: new Int32Array(shared.table, shared.capacity * 16, shared.capacity)
  }
}

/**
 * The worker: takes chunks while the ring has room, until none is left or it is told to stop. Its
 * source runs alone in the worker: the control array's indices are written out (0 NEXT, 1
 * CONSUMED, 2 STOP, 3 FAILED, 4 WAKE_AT, 5 CHUNKS), the table's views too, and its modules are
 * required there. It starts before the caller knows which ranges it wants, and waits for them.
 */
function workerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const threads = require('node:worker_threads') as typeof import('node:worker_threads')
  const fs = require('node:fs') as typeof import('node:fs')
  /* eslint-enable @typescript-eslint/no-require-imports */
  const input = threads.workerData as WorkerInput
  const control = new Int32Array(input.control)
  const states = new Int32Array(input.states)
  const sizes = new Int32Array(input.sizes)
  const exports = new WebAssembly.Instance(input.spec.module, {}).exports
  const memory = exports.memory as WebAssembly.Memory
  new Uint8Array(memory.buffer, 0, input.spec.image.length).set(input.spec.image)
  const fd = fs.openSync(input.path, 'r')
  const env: SearchEnv = {
    spec: input.spec,
    memory,
    find: exports.find as SearchEnv['find'],
    readSync: fs.readSync,
    fd,
    starts: new Float64Array(input.table, 0, input.capacity),
    stops: new Float64Array(input.table, input.capacity * 8, input.capacity),
    lengths: new Int32Array(input.table, input.capacity * 16, input.capacity)
  }
  try {
    let chunks = Atomics.load(control, 5)
    while (chunks < 0 && Atomics.load(control, 2) === 0) {
      Atomics.wait(control, 5, chunks, 100)
      chunks = Atomics.load(control, 5)
    }
    for (;;) {
      if (Atomics.load(control, 2) !== 0) break
      const chunk = Atomics.load(control, 0)
      if (chunk >= chunks) break
      const consumed = Atomics.load(control, 1)
      if (chunk >= consumed + input.slots) {
        // The ring is full: sleep until half of it is free again, so that waking the worker (a
        // system call on each side) costs once per half ring, not once per chunk.
        Atomics.store(control, 4, chunk - input.slots / 2 + 1)
        if (Atomics.load(control, 1) === consumed) Atomics.wait(control, 1, consumed, 100)
        continue
      }
      if (Atomics.compareExchange(control, 0, chunk, chunk + 1) !== chunk) continue
      const slot = chunk % input.slots
      const pairs = new Int32Array(input.pairs, slot * input.slotPairs * 8, input.slotPairs * 2)
      // Only the matches: the main thread reads the bytes from the page cache faster than it
      // would copy them from another core's memory.
      const [length, count] = searchChunk(env, chunk, null, pairs)
      sizes[2 * slot] = length
      sizes[2 * slot + 1] = count
      Atomics.store(states, slot, count < 0 ? -(chunk + 1) : chunk + 1)
      Atomics.notify(states, slot)
    }
  } catch {
    Atomics.store(control, 3, 1)
    for (let slot = 0; slot < input.slots; slot++) Atomics.notify(states, slot)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * The worker's source: the two functions above as compiled. tsx (esbuild with keepNames) wraps
 * named functions in `__name(…)`, which the worker's own scope must then provide.
 */
const WORKER_SOURCE = [
  'var __name = (target) => target;',
  searchChunk.toString(),
  `(${workerMain.toString()})()`
].join('\n')

/** A chunk of the log, its bytes written where the caller asked: its length and its matches (offset in the chunk, kernel entry). */
export interface ReadChunk {
  /** The file offset of the chunk's first byte. */
  base: number
  length: number
  /** Valid until the next {@link ReadAhead.take}. */
  pairs: Int32Array
  count: number
}

/** How many chunks the range [from, to) makes. */
const chunksOf = (from: number, to: number) => Math.ceil(Math.max(0, to - from) / READ_AHEAD_CHUNK)

/** A chunk's bytes and matches, searched on the main thread. */
interface Buffers {
  data: Uint8Array
  pairs: Int32Array
}

const newBuffers = (): Buffers => ({
  data: new Uint8Array(READ_AHEAD_CHUNK),
  pairs: new Int32Array(SLOT_PAIRS * 2)
})

/** The chunks of a file range, searched ahead by a worker where it can. */
export class ReadAhead {
  /** How many chunks the ranges make (0 until they are published). */
  chunks = 0
  private readonly control: Int32Array
  private readonly states: Int32Array
  private readonly sizes: Int32Array
  private env: SearchEnv
  /** Matches of the chunks searched when taken. */
  private readonly own: { pairs: Int32Array }
  private worker: Worker | null = null
  /** Set once the worker failed or kept the main thread waiting too long: every chunk is read here. */
  private alone = false
  /** Chunks the main thread searched ahead, by number, and buffers free for more. */
  private readonly ahead = new Map<number, { buffers: Buffers; length: number; count: number }>()
  private readonly spare: Buffers[] = []

  private constructor(
    private readonly spec: KernelSpec,
    private readonly shared: Shared,
    path: string
  ) {
    this.control = new Int32Array(shared.control)
    this.states = new Int32Array(shared.states)
    this.sizes = new Int32Array(shared.sizes)
    const exports = new WebAssembly.Instance(spec.module, {}).exports
    const memory = exports.memory as WebAssembly.Memory
    new Uint8Array(memory.buffer, 0, spec.image.length).set(spec.image)
    this.env = {
      spec,
      memory,
      find: exports.find as SearchEnv['find'],
      readSync,
      fd: openSync(path, 'r'),
      ...tableOf(shared)
    }
    this.own = { pairs: new Int32Array(SLOT_PAIRS * 2) }
  }

  /**
   * The byte ranges `[start, stop)` of the file at `path`, in order, cut in chunks, with a worker
   * searching ahead of the caller. A range's chunks do not run into the next range.
   */
  static open(path: string, spec: KernelSpec, ranges: ReadonlyArray<readonly [number, number]>): ReadAhead {
    const reader = ReadAhead.start(
      path,
      spec,
      ranges.reduce((sum, [from, to]) => sum + chunksOf(from, to), 0)
    )
    reader.publish(ranges)
    return reader
  }

  /**
   * A reader of the file at `path` whose worker starts now (it takes some tens of milliseconds),
   * for ranges of at most `capacity` chunks that {@link publish} names once they are known.
   */
  static start(path: string, spec: KernelSpec, capacity: number): ReadAhead {
    const shared: Shared = {
      control: new SharedArrayBuffer(CONTROL_WORDS * 4),
      states: new SharedArrayBuffer(SLOTS * 4),
      sizes: new SharedArrayBuffer(SLOTS * 8),
      pairs: new SharedArrayBuffer(SLOTS * SLOT_PAIRS * 8),
      table: new SharedArrayBuffer(Math.max(1, capacity) * 20),
      capacity: Math.max(1, capacity)
    }
    Atomics.store(new Int32Array(shared.control), CHUNKS, -1)
    const reader = new ReadAhead(spec, shared, path)
    try {
      const workerData: WorkerInput = { ...shared, spec, path, slots: SLOTS, slotPairs: SLOT_PAIRS }
      reader.worker = new Worker(WORKER_SOURCE, { eval: true, workerData })
      reader.worker.unref()
      // An error of the worker's start (none is expected) is its failure: the main thread reads alone.
      reader.worker.on('error', () => Atomics.store(reader.control, FAILED, 1))
    } catch {
      reader.alone = true
    }
    return reader
  }

  /** Names the ranges to read; more chunks than the reader was started for are read without the worker. */
  publish(ranges: ReadonlyArray<readonly [number, number]>): void {
    const total = ranges.reduce((sum, [from, to]) => sum + chunksOf(from, to), 0)
    if (total > this.shared.capacity) {
      this.stop()
      this.env = { ...this.env, ...tableOf({ table: new SharedArrayBuffer(total * 20), capacity: total }) }
    }
    let chunk = 0
    for (const [start, stop] of ranges)
      for (let from = start; from < stop; from += READ_AHEAD_CHUNK) {
        this.env.starts[chunk] = from
        this.env.lengths[chunk] = Math.min(READ_AHEAD_CHUNK, stop - from)
        this.env.stops[chunk] = stop
        chunk++
      }
    this.chunks = total
    Atomics.store(this.control, CHUNKS, total)
    Atomics.notify(this.control, CHUNKS)
  }

  /** The length of chunk `chunk`. */
  lengthOf(chunk: number): number {
    return this.env.lengths[chunk] as number
  }

  /** Whether chunk `chunk` starts a range (and does not follow the chunk before it). */
  startsRange(chunk: number): boolean {
    return chunk === 0 || this.env.stops[chunk - 1] !== this.env.stops[chunk]
  }

  /**
   * Chunk `chunk`, its bytes written into `target` at `at` (room for {@link lengthOf} bytes), or
   * only its matches without a target. Chunks are taken in order, each once. While the worker
   * still searches the chunk, the main thread searches the next one nobody has taken, rather
   * than wait.
   */
  take(chunk: number, target?: Uint8Array, at = 0): ReadChunk {
    const base = this.env.starts[chunk] as number
    const slot = chunk % SLOTS
    let waited = 0
    while (!this.alone) {
      const mine = this.ahead.get(chunk)
      if (mine) {
        this.ahead.delete(chunk)
        target?.set(mine.buffers.data.subarray(0, mine.length), at)
        // Free again once the caller has taken the next chunk.
        this.spare.push(mine.buffers)
        return { base, length: mine.length, pairs: mine.buffers.pairs, count: mine.count }
      }
      const next = Atomics.load(this.control, NEXT)
      if (next === chunk) {
        if (Atomics.compareExchange(this.control, NEXT, chunk, chunk + 1) === chunk) break
        continue
      }
      // The worker has it.
      const state = Atomics.load(this.states, slot)
      if (state === chunk + 1) {
        const length = this.sizes[2 * slot] as number
        const pairs = new Int32Array(this.shared.pairs, slot * SLOT_PAIRS * 8, SLOT_PAIRS * 2)
        return {
          base,
          length: target ? this.readInto(chunk, target, at, length) : length,
          pairs,
          count: this.sizes[2 * slot + 1] as number
        }
      }
      if (state === -(chunk + 1)) break
      if (Atomics.load(this.control, FAILED) !== 0 || waited >= PATIENCE_MS) {
        this.stop()
        break
      }
      if (next < this.chunks && this.ahead.size < OWN_SLOTS) {
        if (Atomics.compareExchange(this.control, NEXT, next, next + 1) === next) this.searchAhead(next)
        continue
      }
      Atomics.wait(this.states, slot, state, 50)
      waited += 50
    }
    return this.searchHere(chunk, base, target, at)
  }

  /** The caller is done with chunk `chunk`: its slot may take another. */
  release(chunk: number): void {
    Atomics.store(this.control, CONSUMED, chunk + 1)
    const wakeAt = Atomics.load(this.control, WAKE_AT)
    if (wakeAt !== 0 && chunk + 1 >= wakeAt) {
      Atomics.store(this.control, WAKE_AT, 0)
      Atomics.notify(this.control, CONSUMED)
    }
  }

  close(): void {
    this.stop()
    closeSync(this.env.fd)
    void this.worker?.terminate()
    this.worker = null
  }

  private stop(): void {
    this.alone = true
    Atomics.store(this.control, STOP, 1)
    Atomics.notify(this.control, CHUNKS)
  }

  /** Reads the bytes of chunk `chunk`, which the worker searched. */
  private readInto(chunk: number, target: Uint8Array, at: number, length: number): number {
    const from = this.env.starts[chunk] as number
    let read = 0
    while (read < length) {
      const got = readSync(this.env.fd, target, at + read, length - read, from + read)
      if (got === 0) break
      read += got
    }
    return read
  }

  /** Searches chunk `chunk`, ahead of the parse, into buffers of the main thread's own. */
  private searchAhead(chunk: number): void {
    const buffers = this.spare.pop() ?? newBuffers()
    const [length, count] = this.search(chunk, buffers.data, buffers)
    this.ahead.set(chunk, { buffers, length, count })
  }

  /** Searches chunk `chunk` now, its bytes straight into `target`. */
  private searchHere(chunk: number, base: number, target: Uint8Array | undefined, at: number): ReadChunk {
    const data = target ? target.subarray(at, at + this.lengthOf(chunk)) : null
    const [length, count] = this.search(chunk, data, this.own)
    return { base, length, pairs: this.own.pairs, count }
  }

  /** Searches chunk `chunk` on this thread, growing `into.pairs` until its matches fit. */
  private search(chunk: number, data: Uint8Array | null, into: { pairs: Int32Array }): [number, number] {
    for (;;) {
      const found = searchChunk(this.env, chunk, data, into.pairs)
      if (found[1] >= 0) return found
      into.pairs = new Int32Array(into.pairs.length * 2)
    }
  }
}
