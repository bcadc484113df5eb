/**
 * Where in a buffer does one of up to 64 short byte patterns match? A SIMD WebAssembly kernel
 * (keyword-search.wat) filters sixteen positions at a time by the first three bytes of each pattern
 * (the "Teddy" algorithm, with sixteen buckets), then checks each position that passed against the
 * whole pattern. Only real matches come back to JavaScript: the filter lets thousands of positions
 * per megabyte through when forty patterns share its buckets, and checking them one JavaScript
 * call at a time cost more than all the rest of the parse.
 *
 * It replaced one `Buffer.indexOf` pass per keyword, which stops at every occurrence of a needle's
 * first byte. A single regular expression was no answer either: V8 tunes its compiled code to a
 * sample of the subject it meets, and it ran three times slower on some chunks of the same log than
 * on others.
 */
import { WASM_BASE64 } from './keyword-search-wasm.js'
import { literalPattern, type BytePattern } from './pattern.js'

/** Where the kernel expects its tables, its output and its input (see the .wat file). */
const TABLES = 0
/** Tables of buckets 8-15, after those of buckets 0-7. */
const FAT_TABLES = 96
const DIRECTORY = 192
const ENTRIES = 256
const RESUME = 800
const SETS = 1024
const MAX_PATTERNS = 64
/** 256-bit sets, one per place of a pattern. */
const SET_BYTES = 32
const MAX_PLACES = 480
const OUTPUT = SETS + MAX_PLACES * SET_BYTES
/** Matches per call, as (position, pattern) pairs: a call stops early when the next could overflow. */
const CAPACITY = 8192
const INPUT = OUTPUT + CAPACITY * 8
/** The kernel reads up to 18 bytes past the end of its input. */
const SLACK = 32
const PAGE = 65536
const BUCKETS = 16
/** Bytes of each pattern the filter looks at. */
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

/**
 * How often each byte occurs in CI logs, roughly: letters by their English frequency (capitals a
 * tenth as often), digits, spaces, punctuation, and rarely anything else. The filter's buckets are
 * merged where they let the least likely text through, not the fewest byte sequences: a bucket of
 * rare symbols may admit many sequences and still few positions.
 */
const BYTE_WEIGHTS: Float64Array = (() => {
  const weights = new Float64Array(256).fill(0.0002)
  const letters = 'etaoinshrdlcumwfgypbvkjxqz'
  for (let rank = 0; rank < letters.length; rank++) {
    const weight = 0.12 / (1 + rank * 0.35)
    weights[letters.charCodeAt(rank)] = weight
    weights[letters.toUpperCase().charCodeAt(rank)] = weight / 10
  }
  for (let digit = 48; digit <= 57; digit++) weights[digit] = 0.02
  weights[32] = 0.15
  for (const mark of './-_:=,()[]"\'') weights[mark.charCodeAt(0)] = 0.01
  return weights
})()

/** The nibbles a pattern allows at each of the three places, as [low, high] bit sets in a row. */
function masksOf(pattern: BytePattern): Int32Array {
  const masks = new Int32Array(2 * SPAN)
  for (let place = 0; place < SPAN; place++) {
    const set = pattern[place]
    // A pattern shorter than the span allows any byte after its end.
    if (set === undefined) {
      masks[2 * place] = 0xffff
      masks[2 * place + 1] = 0xffff
      continue
    }
    for (let byte = 0; byte < 256; byte++) {
      if (set[byte] !== 1) continue
      masks[2 * place]! |= 1 << (byte & 15)
      masks[2 * place + 1]! |= 1 << (byte >> 4)
    }
  }
  return masks
}

/**
 * The weight of the bytes of one high nibble whose low nibbles are in a set, by the set's low and
 * high byte: `LOW_WEIGHTS[high * 256 + (set & 0xff)]` and `HIGH_WEIGHTS[…(set >> 8)]` add up to it.
 * The greedy merge asks hundreds of thousands of times; summing 256 bytes each time took 10 ms.
 */
const [LOW_WEIGHTS, HIGH_WEIGHTS] = ((): [Float64Array, Float64Array] => {
  const low = new Float64Array(16 * 256)
  const high = new Float64Array(16 * 256)
  for (let h = 0; h < 16; h++)
    for (let set = 0; set < 256; set++)
      for (let l = 0; l < 8; l++) {
        if (((set >> l) & 1) === 0) continue
        low[h * 256 + set]! += BYTE_WEIGHTS[(h << 4) | l] as number
        high[h * 256 + set]! += BYTE_WEIGHTS[(h << 4) | (l + 8)] as number
      }
  return [low, high]
})()

/** How likely a position of log text passes a bucket with the nibbles of `a` and `b` together. */
function admitted(a: Int32Array, b: Int32Array = a): number {
  let product = 1
  for (let place = 0; place < SPAN; place++) {
    const low = (a[2 * place] as number) | (b[2 * place] as number)
    const high = (a[2 * place + 1] as number) | (b[2 * place + 1] as number)
    let passing = 0
    for (let h = 0; h < 16; h++) {
      if (((high >> h) & 1) === 0) continue
      passing +=
        (LOW_WEIGHTS[h * 256 + (low & 0xff)] as number) + (HIGH_WEIGHTS[h * 256 + (low >> 8)] as number)
    }
    product *= passing
  }
  return product
}

/**
 * Puts the patterns in at most sixteen buckets: each bucket's pattern indices. Patterns in one bucket
 * mix their nibbles (`.go` and `##[` together let `.co`, in every URL, through), so buckets are
 * merged greedily where the merge lets the least log text through. It runs once per process, before
 * the first line is read: flat arrays, because the interpreter runs it.
 */
function buckets(patterns: readonly BytePattern[]): number[][] {
  const n = patterns.length
  const members = patterns.map((_, index) => [index])
  const masks = patterns.map(masksOf)
  const weights = Float64Array.from(masks, mask => admitted(mask))
  const alive = new Uint8Array(n).fill(1)
  // What merging two groups would add, kept between rounds: a merge changes only the new group's pairs.
  const costs = new Float64Array(n * n)
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      costs[a * n + b] =
        admitted(masks[a] as Int32Array, masks[b] as Int32Array) -
        (weights[a] as number) -
        (weights[b] as number)
  for (let groups = n; groups > BUCKETS; groups--) {
    let best = Number.POSITIVE_INFINITY
    let first = 0
    let second = 1
    for (let a = 0; a < n; a++) {
      if (alive[a] === 0) continue
      for (let b = a + 1; b < n; b++) {
        if (alive[b] === 0) continue
        const pair = costs[a * n + b] as number
        if (pair < best) {
          best = pair
          first = a
          second = b
        }
      }
    }
    alive[second] = 0
    const into = masks[first] as Int32Array
    const from = masks[second] as Int32Array
    for (let i = 0; i < into.length; i++) into[i]! |= from[i] as number
    ;(members[first] as number[]).push(...(members[second] as number[]))
    weights[first] = admitted(into)
    for (let other = 0; other < n; other++) {
      if (alive[other] === 0 || other === first) continue
      const cost =
        admitted(into, masks[other] as Int32Array) - (weights[first] as number) - (weights[other] as number)
      costs[Math.min(first, other) * n + Math.max(first, other)] = cost
    }
  }
  return members.filter((_, index) => alive[index] === 1)
}

/** The kernel's memory image for a set of patterns, and the pattern each of its entries is. */
interface Layout {
  image: Uint8Array
  /** Entry k of the kernel is pattern `order[k]` of the caller. */
  order: number[]
}

/**
 * Layouts computed once per list of patterns (the same list object: the scanner compiles its
 * keywords once per set of rules). The greedy merge is the costly part.
 */
const LAYOUTS = new WeakMap<readonly BytePattern[], Layout>()

function layoutFor(patterns: readonly BytePattern[]): Layout {
  const known = LAYOUTS.get(patterns)
  if (known) return known
  const image = new Uint8Array(OUTPUT)
  const view = new DataView(image.buffer)
  const order: number[] = []
  let setsAt = SETS
  buckets(patterns).forEach((members, bucket) => {
    view.setUint16(DIRECTORY + bucket * 4, order.length, true)
    view.setUint16(DIRECTORY + bucket * 4 + 2, members.length, true)
    for (const index of members) {
      const pattern = patterns[index] as BytePattern
      const tables = bucket < 8 ? TABLES : FAT_TABLES
      const bit = 1 << (bucket % 8)
      const masks = masksOf(pattern)
      for (let place = 0; place < SPAN; place++) {
        const low = masks[2 * place] as number
        const high = masks[2 * place + 1] as number
        for (let nibble = 0; nibble < 16; nibble++) {
          if (low & (1 << nibble)) image[tables + place * 32 + nibble]! |= bit
          if (high & (1 << nibble)) image[tables + place * 32 + 16 + nibble]! |= bit
        }
      }
      const entry = ENTRIES + order.length * 8
      view.setUint32(entry, setsAt, true)
      view.setUint32(entry + 4, pattern.length, true)
      for (const set of pattern) {
        for (let byte = 0; byte < 256; byte++)
          if (set[byte] === 1) image[setsAt + (byte >> 3)]! |= 1 << (byte & 7)
        setsAt += SET_BYTES
      }
      order.push(index)
    }
  })
  const layout = { image, order }
  LAYOUTS.set(patterns, layout)
  return layout
}

/**
 * What another thread needs to run the same search (see read-ahead.ts): the compiled kernel, its
 * tables, and where in its memory the input and the output go. Its hits name kernel entries:
 * {@link PatternSearch.patternOf} tells the pattern.
 */
export interface KernelSpec {
  module: WebAssembly.Module
  image: Uint8Array
  input: number
  output: number
  resume: number
  capacity: number
  slack: number
  page: number
  /** Bytes of the longest pattern: a match may reach this far less one past a chunk's end. */
  longest: number
}

/** A search for a fixed set of non-empty byte patterns (or plain byte strings), reusable across buffers. */
export class PatternSearch {
  private readonly kernel = instantiate()
  private readonly order: number[]
  private readonly image: Uint8Array
  private readonly longest: number

  constructor(patterns: ReadonlyArray<BytePattern | Uint8Array>) {
    if (patterns.length === 0 || patterns.some(pattern => pattern.length === 0))
      throw new Error('a pattern search needs non-empty patterns')
    if (patterns.length > MAX_PATTERNS)
      throw new Error(`a pattern search takes at most ${MAX_PATTERNS} patterns`)
    const compiled = patterns.map(pattern =>
      pattern instanceof Uint8Array ? literalPattern(pattern) : pattern
    )
    if (compiled.reduce((sum, pattern) => sum + pattern.length, 0) > MAX_PLACES)
      throw new Error(`a pattern search takes patterns of at most ${MAX_PLACES} bytes in all`)
    const layout = layoutFor(compiled)
    this.order = layout.order
    this.image = layout.image
    this.longest = Math.max(...compiled.map(pattern => pattern.length))
    new Uint8Array(this.kernel.memory.buffer, 0, OUTPUT).set(layout.image)
  }

  spec(): KernelSpec {
    return {
      module: compiled as WebAssembly.Module,
      image: this.image,
      input: INPUT,
      output: OUTPUT,
      resume: RESUME,
      capacity: CAPACITY,
      slack: SLACK,
      page: PAGE,
      longest: this.longest
    }
  }

  /** The index, among this search's patterns, of the kernel's entry `entry`. */
  patternOf(entry: number): number {
    return this.order[entry] as number
  }

  /**
   * Calls `visit` with each position in [`start`, `limit`) where a pattern matches, and the
   * pattern's index, in increasing order of position. The bytes are copied into the kernel's
   * memory first (`limit - start` of them); a match must end by `limit`.
   */
  forEach(
    data: Uint8Array,
    limit: number,
    visit: (position: number, pattern: number) => void,
    start = 0
  ): void {
    if (limit <= start) return
    const length = limit - start
    this.reserve(length)
    const { memory, find } = this.kernel
    new Uint8Array(memory.buffer).set(data.subarray(start, limit), INPUT)
    const output = new Int32Array(memory.buffer, OUTPUT, CAPACITY * 2)
    const resume = new Int32Array(memory.buffer, RESUME, 1)
    const shift = start - INPUT
    const end = INPUT + length
    let from = INPUT
    while (from < end) {
      const found = find(from, end, OUTPUT, CAPACITY)
      for (let i = 0; i < found; i++)
        visit((output[2 * i] as number) + shift, this.order[output[2 * i + 1] as number] as number)
      from = resume[0] as number
    }
  }

  /** Grows the kernel's memory to hold `bytes` of input. */
  private reserve(bytes: number): void {
    const { memory } = this.kernel
    const needed = INPUT + bytes + SLACK
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE))
  }
}
