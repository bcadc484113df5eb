/**
 * The fast path for big logs: instead of decoding every line, find the bytes of keywords that any
 * finding's line must contain (keyword-search.ts, one SIMD search for all of them at once), and
 * decode only those lines plus the few lines of context the parsers need around them. Everything in
 * between (download progress, passing tests, setup steps) is never turned into a string. Decoded
 * lines go to an ordinary {@link LineParser}; where lines were skipped it is told so with `gap()`.
 *
 * Chunks come from the caller (see log-reader.ts); this module does no I/O.
 */
import type { LineParser } from '../log/line-parser.js'
import { PatternSearch, type KernelSpec } from './keyword-search.js'
import { LOG_RULES, type ScanContext, type ScanKeyword, type ScanRules } from './keywords.js'
import { compilePattern, matchesAt, type BytePattern } from './pattern.js'

export type { ScanContext, ScanKeyword, ScanRules } from './keywords.js'
export { LOG_KEYWORDS, LOG_RULES } from './keywords.js'

const NEWLINE = 10
/** Keywords a scanner takes: a hit is stored as `position * MAX_KEYWORDS + index`. */
const MAX_KEYWORDS = 64
/**
 * Bytes of one line that are read: the start of a longer line is read as a line of its own and the
 * rest of it is passed over unread, so that a log costs the same per byte and the same memory
 * whether its bytes come in short lines or in one (a minified bundle, a base64 blob, a binary).
 */
export const MAX_LINE_BYTES = 256 * 1024

/**
 * Where a scan of `data[from…]` ends: just after its last line break (all of it when `final`) — or,
 * when the line after that break has gone on for more than {@link MAX_LINE_BYTES}, that far into it
 * (`cut`: the rest of that line is to be passed over with {@link passCutLine}).
 */
export function scanLimit(data: Buffer, from: number, final: boolean): { limit: number; cut: boolean } {
  const limit = final ? data.length : data.lastIndexOf(NEWLINE) + 1
  const last = Math.max(limit, from)
  return !final && data.length - last > MAX_LINE_BYTES
    ? { limit: last + MAX_LINE_BYTES, cut: true }
    : { limit, cut: false }
}

/**
 * The rest of a cut line in `data[from…]`, up to and with its line break: where scanning goes on,
 * and whether the line goes on past `data` (`inside`).
 */
export function passCutLine(data: Buffer, from: number): { next: number; inside: boolean } {
  const newline = data.indexOf(NEWLINE, from)
  return newline === -1 ? { next: data.length, inside: true } : { next: newline + 1, inside: false }
}

/** Keywords searched for as one pattern: an anchor, and the keywords it stands for. */
interface Search {
  needle: BytePattern
  /** The keywords it stands for, each with the pattern before the anchor to check. */
  members: Array<{ index: number; prefix: BytePattern }>
}

/**
 * Matches of the scanner's kernel found ahead, by another thread (see read-ahead.ts): absolute
 * offsets in the log and kernel entries, in increasing order of offset.
 */
export class HitQueue {
  private offsets = new Float64Array(1024)
  private entries = new Int32Array(1024)
  private head = 0
  private tail = 0

  /** Adds `count` pairs of (offset from `base`, kernel entry). */
  push(base: number, pairs: Int32Array, count: number): void {
    if (this.tail + count > this.offsets.length) this.compact(count)
    for (let i = 0; i < count; i++) {
      this.offsets[this.tail] = base + (pairs[2 * i] as number)
      this.entries[this.tail++] = pairs[2 * i + 1] as number
    }
  }

  /** Calls `visit` with each hit before offset `until`, and drops it. */
  take(until: number, visit: (offset: number, entry: number) => void): void {
    while (this.head < this.tail && (this.offsets[this.head] as number) < until) {
      visit(this.offsets[this.head] as number, this.entries[this.head] as number)
      this.head++
    }
  }

  private compact(room: number): void {
    const held = this.tail - this.head
    const size = Math.max(this.offsets.length, 2 * (held + room))
    const offsets = new Float64Array(size)
    const entries = new Int32Array(size)
    offsets.set(this.offsets.subarray(this.head, this.tail))
    entries.set(this.entries.subarray(this.head, this.tail))
    this.offsets = offsets
    this.entries = entries
    this.head = 0
    this.tail = held
  }
}

/** The searches of a list of keywords, compiled once per list (a scanner per step reuses them). */
const COMPILED = new WeakMap<readonly ScanKeyword[], { searches: Search[]; needles: BytePattern[] }>()

function compiledSearches(keywords: readonly ScanKeyword[]): { searches: Search[]; needles: BytePattern[] } {
  const known = COMPILED.get(keywords)
  if (known) return known
  if (keywords.length > MAX_KEYWORDS) throw new Error(`at most ${MAX_KEYWORDS} scan keywords`)
  const searches = new Map<string, Search>()
  keywords.forEach((keyword, index) => {
    const anchor = keyword.anchor ?? keyword.text
    if (anchor.length === 0 || !keyword.text.endsWith(anchor))
      throw new Error(`scan anchor '${anchor}' is not a suffix of '${keyword.text}'`)
    const search = searches.get(anchor) ?? { needle: compilePattern(anchor), members: [] }
    const rest = keyword.text.slice(0, keyword.text.length - anchor.length)
    search.members.push({ index, prefix: rest === '' ? [] : compilePattern(rest) })
    searches.set(anchor, search)
  })
  const compiled = {
    searches: [...searches.values()],
    needles: [...searches.values()].map(search => search.needle)
  }
  COMPILED.set(keywords, compiled)
  return compiled
}

/** Streams chunks of a log through a keyword filter into a line parser. */
export class LogScanner {
  private readonly searches: Search[]
  private readonly kernel: PatternSearch
  private readonly keywords: readonly ScanKeyword[]
  private readonly blocks: ScanRules['blocks']
  /** Absolute offset of the first byte not yet scanned. */
  private scanned = 0
  /** Absolute offset just after the last line handed to the parser. */
  private fedEnd = 0
  /** Lines of context still owed after `fedEnd`. */
  private owed = 0
  /** Lines of context owed after `fedEnd` only while the parser named `owedTool` has a block open. */
  private owedBlock = 0
  private owedTool: string | null = null
  /** Inside the unread rest of a line longer than {@link MAX_LINE_BYTES}. */
  private skipping = false
  /** Bytes scanned, lines decoded and gaps, for the benchmark and the logs. */
  readonly stats = { bytes: 0, decodedLines: 0, gaps: 0 }

  constructor(
    private readonly parser: LineParser,
    readonly rules: ScanRules = LOG_RULES
  ) {
    const { keywords } = rules
    this.keywords = keywords
    this.blocks = rules.blocks
    const compiled = compiledSearches(keywords)
    this.searches = compiled.searches
    this.kernel = new PatternSearch(compiled.needles)
  }

  /**
   * Starts a region of the log that does not follow what was scanned before (another step):
   * offsets count from its first byte, no context is owed across the jump, and the parser is told
   * of the gap.
   */
  restart(): void {
    this.parser.gap()
    this.stats.gaps++
    this.scanned = 0
    this.fedEnd = 0
    this.owed = 0
    this.owedBlock = 0
    this.owedTool = null
    this.skipping = false
  }

  /** The kernel, for a thread that searches ahead of this scanner (hits go back through a {@link HitQueue}). */
  kernelSpec(): KernelSpec {
    return this.kernel.spec()
  }

  /**
   * Scans `data[from…]` up to its last line break (everything when `final`) and returns the index
   * just after the last byte consumed. `data[0…from)` is look-back: bytes scanned by an earlier
   * call, starting at a line start, that context before a hit may reach into. The caller passes
   * the unconsumed rest again, after as much look-back as it likes to keep. With `found`, the
   * kernel's matches come from there, searched ahead, instead of being searched here.
   */
  scan(data: Buffer, from = 0, final = false, found?: HitQueue): number {
    if (this.skipping) {
      from = this.skip(data, from, found)
      if (this.skipping) return from
    }
    // A line that has gone on for longer than the cap ends there; the rest of it is skipped.
    const { limit, cut } = scanLimit(data, from, final)
    if (limit <= from) return from
    // Absolute offset of data[0].
    const origin = this.scanned - from
    let fed = Math.max(0, this.fedEnd - origin)
    const hits = found ? this.suppliedHits(data, origin, limit, found) : this.hits(data, from, limit)
    for (let i = 0; i < hits.length;) {
      const position = Math.floor((hits[i] as number) / MAX_KEYWORDS)
      const start = position === 0 ? 0 : data.lastIndexOf(NEWLINE, position - 1) + 1
      const end = this.lineEnd(data, position, limit)
      // One line, however many keywords it has: the widest context of them, and of its blocks.
      let before = 0
      let after = 0
      let blockAfter = 0
      let until: string | null = null
      const widen = (context: ScanContext) => {
        before = Math.max(before, context.before)
        if (context.until === undefined || (until !== null && until !== context.until))
          after = Math.max(after, context.after)
        else {
          blockAfter = Math.max(blockAfter, context.after)
          until = context.until
        }
      }
      for (; i < hits.length && Math.floor((hits[i] as number) / MAX_KEYWORDS) < end; i++) {
        const context = (this.keywords[(hits[i] as number) % MAX_KEYWORDS] as ScanKeyword).context
        if (context !== undefined) widen(context)
      }
      const text = this.decode(data, start, end)
      if (this.blocks) widen(this.blocks(text))
      if (start < fed) {
        // Already fed as context: it may still ask for more context after it.
        const fedAfter = after > 0 || blockAfter > 0 ? this.countLines(data, end, fed) : 0
        this.owe(after - fedAfter, blockAfter - fedAfter, until)
        continue
      }
      fed = this.payOwed(data, fed, start, origin)
      if (before > 0 && start > fed) {
        const starts: number[] = []
        let lineStart = start
        for (let b = 0; b < before && lineStart > fed && lineStart > 0; b++) {
          lineStart = lineStart < 2 ? 0 : data.lastIndexOf(NEWLINE, lineStart - 2) + 1
          if (lineStart < fed) break
          starts.unshift(lineStart)
        }
        for (const lineBefore of starts) {
          const beforeEnd = this.lineEnd(data, lineBefore, limit)
          this.feed(origin, lineBefore, this.decode(data, lineBefore, beforeEnd), beforeEnd)
        }
      }
      this.feed(origin, start, text, end)
      fed = end
      this.paid()
      this.owe(after, blockAfter, until)
    }
    this.payOwed(data, fed, limit, origin)
    this.scanned = origin + limit
    this.stats.bytes += limit - from
    this.skipping = cut
    return limit
  }

  /**
   * Passes over the rest of an over-long line, up to and with its line break, without reading it
   * (matches searched ahead in it are dropped); returns where scanning goes on.
   */
  private skip(data: Buffer, from: number, found?: HitQueue): number {
    const { next, inside } = passCutLine(data, from)
    const origin = this.scanned - from
    found?.take(origin + next, () => undefined)
    this.scanned = origin + next
    this.stats.bytes += next - from
    this.skipping = inside
    return next
  }

  /** No more data: closes the parser. */
  end(): void {
    this.parser.end()
  }

  /** Keyword hits in [from, limit), as `position * MAX_KEYWORDS + keyword index`, in order. */
  private hits(data: Buffer, from: number, limit: number): number[] {
    const hits: number[] = []
    this.kernel.forEach(data, limit, (position, anchor) => this.expand(data, position, anchor, hits), from)
    return hits.sort((a, b) => a - b)
  }

  /** The hits in [.., limit) of matches searched ahead, as {@link hits} gives them. */
  private suppliedHits(data: Buffer, origin: number, limit: number, found: HitQueue): number[] {
    const hits: number[] = []
    found.take(origin + limit, (offset, entry) =>
      this.expand(data, offset - origin, this.kernel.patternOf(entry), hits)
    )
    return hits.sort((a, b) => a - b)
  }

  /** The keyword hits of a match of anchor `anchor` at `position`: what a keyword has before its anchor is checked here. */
  private expand(data: Buffer, position: number, anchor: number, hits: number[]): void {
    for (const member of (this.searches[anchor] as Search).members) {
      const start = position - member.prefix.length
      if (start >= 0 && (member.prefix.length === 0 || matchesAt(data, start, member.prefix)))
        hits.push(start * MAX_KEYWORDS + member.index)
    }
  }

  /**
   * Owes `lines` more lines of context, and `blockLines` more while `tool`'s parser has a block
   * open. One block at a time is followed: another tool's lines are owed whatever its parser does.
   */
  private owe(lines: number, blockLines: number, tool: string | null): void {
    this.owed = Math.max(this.owed, lines)
    if (blockLines <= 0 || tool === null) return
    if (this.owedBlock > 0 && this.owedTool !== tool) this.owed = Math.max(this.owed, this.owedBlock)
    else if (this.owedBlock > 0) {
      this.owedBlock = Math.max(this.owedBlock, blockLines)
      return
    }
    this.owedBlock = blockLines
    this.owedTool = tool
  }

  /** One more line was fed after the last hit. */
  private paid(): void {
    if (this.owed > 0) this.owed--
    if (this.owedBlock > 0) this.owedBlock--
  }

  /** Whether the next line is owed: always while `owed` lasts, then while the followed block is open. */
  private isOwed(): boolean {
    if (this.owed > 0) return true
    if (this.owedBlock === 0) return false
    // The block is over (its parser is back to looking for openers): the rest of its context is not needed.
    if (this.parser.idle?.(this.owedTool as string) === true) this.owedBlock = 0
    return this.owedBlock > 0
  }

  /** Feeds owed context lines from `fed` (not beyond `until`); returns the new fed index. */
  private payOwed(data: Buffer, fed: number, until: number, origin: number): number {
    let position = fed
    while (position < until && this.isOwed()) {
      const end = this.lineEnd(data, position, until)
      this.feed(origin, position, this.decode(data, position, end), end)
      position = end
      this.paid()
    }
    return position
  }

  private countLines(data: Buffer, from: number, to: number): number {
    let count = 0
    for (let position = from; position < to; count++) position = this.lineEnd(data, position, to)
    return count
  }

  private lineEnd(data: Buffer, position: number, limit: number): number {
    const newline = data.indexOf(NEWLINE, position)
    return newline === -1 || newline >= limit ? limit : newline + 1
  }

  private decode(data: Buffer, start: number, end: number): string {
    let stop = Math.min(end, start + MAX_LINE_BYTES)
    if (stop > start && data[stop - 1] === NEWLINE) stop--
    if (stop > start && data[stop - 1] === 13) stop--
    return data.toString('utf8', start, stop)
  }

  /** Hands one line to the parser, telling it first when lines were skipped. */
  private feed(origin: number, start: number, text: string, end: number): void {
    const absolute = origin + start
    if (absolute !== this.fedEnd) {
      this.parser.gap()
      this.stats.gaps++
    }
    this.parser.line(text)
    this.fedEnd = origin + end
    this.stats.decodedLines++
  }
}
