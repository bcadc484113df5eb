/**
 * Where in a buffer may one of a few short byte strings start? A SIMD WebAssembly kernel
 * (keyword-search.wat, the "Teddy" algorithm) answers for sixteen positions at a time from the first
 * three bytes of each string, at much the same speed whatever those bytes are.
 *
 * It replaced one `Buffer.indexOf` pass per keyword, which stops at every occurrence of a needle's
 * first byte. Measured on the log keywords of scan.ts (copying the bytes into WebAssembly memory
 * included): 3,480 MB/s against 847 MB/s on the benchmark's Actions log, 3,334 MB/s against
 * 613 MB/s on source code and READMEs, where `r`, `p` and `.` are everywhere. A single regular
 * expression was no answer: V8 tunes its compiled code to a sample of the subject it meets, and it
 * ran three times slower on some chunks of the same log than on others.
 *
 * Candidates are only likely matches: the caller checks each one against its strings.
 */
import { WASM_BASE64 } from './keyword-search-wasm.js'
import { literalPattern, type BytePattern } from './pattern.js'

/** Where the kernel expects its tables, its output and its input (see the .wat file). */
const TABLES = 0
const OUTPUT = 128
/** Candidates per call: when a call fills the output, the next one resumes after its last candidate. */
const CAPACITY = 16384
const INPUT = OUTPUT + CAPACITY * 4
/** The kernel reads up to 18 bytes past the end of its input. */
const SLACK = 32
const PAGE = 65536
const BUCKETS = 8
/** Bytes of each string the kernel looks at. */
const SPAN = 3

interface Kernel {
  memory: WebAssembly.Memory
  find: (start: number, end: number, out: number, capacity: number) => number
}

let compiled: WebAssembly.Module | undefined

function instantiate(): Kernel {
  compiled ??= new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'))
  const exports = new WebAssembly.Instance(compiled, {}).exports
  return { memory: exports.memory as WebAssembly.Memory, find: exports.find as Kernel['find'] }
}

/** The nibbles a pattern allows at each of the three places: [low, high] bit sets. */
type Masks = ReadonlyArray<readonly [number, number]>

function masksOf(pattern: BytePattern): Masks {
  return Array.from({ length: SPAN }, (_, place) => {
    const set = pattern[place]
    // A pattern shorter than the span allows any byte after its end.
    if (set === undefined) return [0xffff, 0xffff] as const
    let low = 0
    let high = 0
    for (let byte = 0; byte < 256; byte++) {
      if (set[byte] !== 1) continue
      low |= 1 << (byte & 15)
      high |= 1 << (byte >> 4)
    }
    return [low, high] as const
  })
}

/** The nibbles a bucket of patterns allows: the union of its members'. */
function union(a: Masks, b: Masks): Masks {
  return a.map(
    ([low, high], place) =>
      [
        low | (b[place] as readonly [number, number])[0],
        high | (b[place] as readonly [number, number])[1]
      ] as const
  )
}

const bitCount = (bits: number) => {
  let count = 0
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++
  return count
}

/** How many three-byte sequences a bucket with these nibbles lets through. */
function admitted(masks: Masks): number {
  return masks.reduce((product, [low, high]) => product * bitCount(low) * bitCount(high), 1)
}

/**
 * Puts the patterns in at most eight buckets and returns each bucket's nibbles. Patterns in one
 * bucket mix their nibbles (`.go` and `##[` together let `.co`, in every URL, through), so
 * buckets are merged greedily where the merge lets the fewest extra sequences through: `warning`
 * with `Warning` costs nothing.
 */
function buckets(needles: readonly BytePattern[]): Masks[] {
  const groups = needles.map(masksOf)
  while (groups.length > BUCKETS) {
    let best = { cost: Number.POSITIVE_INFINITY, first: 0, second: 1 }
    for (let first = 0; first < groups.length; first++) {
      for (let second = first + 1; second < groups.length; second++) {
        const a = groups[first] as Masks
        const b = groups[second] as Masks
        const cost = admitted(union(a, b)) - admitted(a) - admitted(b)
        if (cost < best.cost) best = { cost, first, second }
      }
    }
    const [merged] = groups.splice(best.second, 1)
    groups[best.first] = union(groups[best.first] as Masks, merged as Masks)
  }
  return groups
}

/** The kernel's tables for a set of patterns, computed once per set: the greedy merge is the costly part. */
const TABLE_CACHE = new Map<string, Uint8Array>()

function tablesFor(patterns: readonly BytePattern[]): Uint8Array {
  const key = patterns.map(pattern => pattern.map(set => set.join('')).join('|')).join('\n')
  let tables = TABLE_CACHE.get(key)
  if (!tables) {
    tables = new Uint8Array(SPAN * 32)
    buckets(patterns).forEach((bucket, index) => {
      bucket.forEach(([low, high], place) => {
        for (let nibble = 0; nibble < 16; nibble++) {
          if (low & (1 << nibble)) (tables as Uint8Array)[place * 32 + nibble]! |= 1 << index
          if (high & (1 << nibble)) (tables as Uint8Array)[place * 32 + 16 + nibble]! |= 1 << index
        }
      })
    })
    TABLE_CACHE.set(key, tables)
  }
  return tables
}

/** A search for a fixed set of non-empty byte patterns (or plain byte strings), reusable across buffers. */
export class CandidateSearch {
  private readonly kernel = instantiate()

  constructor(needles: ReadonlyArray<BytePattern | Uint8Array>) {
    if (needles.length === 0 || needles.some(needle => needle.length === 0))
      throw new Error('a candidate search needs non-empty strings')
    const patterns = needles.map(needle => (needle instanceof Uint8Array ? literalPattern(needle) : needle))
    new Uint8Array(this.kernel.memory.buffer, TABLES, SPAN * 32).set(tablesFor(patterns))
  }

  /**
   * Calls `visit` with each position in [`start`, `limit`) where a pattern may start, in increasing
   * order. The bytes are copied into the kernel's memory first (`limit - start` of them).
   */
  forEach(data: Uint8Array, limit: number, visit: (position: number) => void, start = 0): void {
    if (limit <= start) return
    const length = limit - start
    this.reserve(length)
    const { memory, find } = this.kernel
    new Uint8Array(memory.buffer).set(data.subarray(start, limit), INPUT)
    const output = new Uint32Array(memory.buffer, OUTPUT, CAPACITY)
    const shift = start - INPUT
    let from = INPUT
    for (;;) {
      const found = find(from, INPUT + length, OUTPUT, CAPACITY)
      for (let i = 0; i < found; i++) visit((output[i] as number) + shift)
      if (found < CAPACITY) return
      from = (output[found - 1] as number) + 1
    }
  }

  /** Grows the kernel's memory to hold `bytes` of input. */
  private reserve(bytes: number): void {
    const { memory } = this.kernel
    const needed = INPUT + bytes + SLACK
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE))
  }
}
