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
import { CandidateSearch } from './keyword-search.js'
import { LOG_KEYWORDS, type ScanContext, type ScanKeyword } from './keywords.js'
import { compilePattern, matchesAt, type BytePattern } from './pattern.js'

export type { ScanContext, ScanKeyword } from './keywords.js'
export { LOG_KEYWORDS } from './keywords.js'

const NONE: ScanContext = { before: 0, after: 0 }
const NEWLINE = 10
/** Keywords a scanner takes: a hit is stored as `position * MAX_KEYWORDS + index`. */
const MAX_KEYWORDS = 64

/** Keywords searched for as one pattern: an anchor, and the keywords it stands for. */
interface Search {
  needle: BytePattern
  /** The keywords it stands for, each with the pattern before the anchor to check. */
  members: Array<{ index: number; prefix: BytePattern }>
}

/** Streams chunks of a log through a keyword filter into a line parser. */
export class LogScanner {
  private readonly searches: Search[]
  private readonly candidates: CandidateSearch
  /** Absolute offset of the first byte not yet scanned. */
  private scanned = 0
  /** Absolute offset just after the last line handed to the parser. */
  private fedEnd = 0
  /** Lines of context still owed after `fedEnd`. */
  private owed = 0
  /** Bytes scanned, lines decoded and gaps, for the benchmark and the logs. */
  readonly stats = { bytes: 0, decodedLines: 0, gaps: 0 }

  constructor(
    private readonly parser: LineParser,
    private readonly keywords: readonly ScanKeyword[] = LOG_KEYWORDS
  ) {
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
    this.searches = [...searches.values()]
    this.candidates = new CandidateSearch(this.searches.map(search => search.needle))
  }

  /**
   * Scans `data[from…]` up to its last line break (everything when `final`) and returns the index
   * just after the last byte consumed. `data[0…from)` is look-back: bytes scanned by an earlier
   * call, starting at a line start, that context before a hit may reach into. The caller passes
   * the unconsumed rest again, after as much look-back as it likes to keep.
   */
  scan(data: Buffer, from = 0, final = false): number {
    const limit = final ? data.length : data.lastIndexOf(NEWLINE) + 1
    if (limit <= from) return from
    // Absolute offset of data[0].
    const origin = this.scanned - from
    let fed = Math.max(0, this.fedEnd - origin)
    const hits = this.hits(data, from, limit)
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as number
      const position = Math.floor(hit / MAX_KEYWORDS)
      const keyword = this.keywords[hit % MAX_KEYWORDS] as ScanKeyword
      const start = position === 0 ? 0 : data.lastIndexOf(NEWLINE, position - 1) + 1
      if (start < fed) {
        // Already fed as context: it may still ask for more context after it.
        if (keyword.context) {
          const end = this.lineEnd(data, position, limit)
          const wanted = keyword.context(this.decode(data, start, end)).after
          if (wanted > 0) this.owed = Math.max(this.owed, wanted - this.countLines(data, end, fed))
        }
        continue
      }
      fed = this.payOwed(data, fed, start, origin)
      const end = this.lineEnd(data, position, limit)
      const text = this.decode(data, start, end)
      const context = keyword.context ? keyword.context(text) : NONE
      if (context.before > 0 && start > fed) {
        const starts: number[] = []
        let lineStart = start
        for (let b = 0; b < context.before && lineStart > fed && lineStart > 0; b++) {
          lineStart = lineStart < 2 ? 0 : data.lastIndexOf(NEWLINE, lineStart - 2) + 1
          if (lineStart < fed) break
          starts.unshift(lineStart)
        }
        for (const before of starts) {
          const beforeEnd = this.lineEnd(data, before, limit)
          this.feed(origin, before, this.decode(data, before, beforeEnd), beforeEnd)
        }
      }
      const wasOwed = this.owed > 0
      this.feed(origin, start, text, end)
      fed = end
      this.owed = Math.max(wasOwed ? this.owed - 1 : 0, context.after)
    }
    this.payOwed(data, fed, limit, origin)
    this.scanned = origin + limit
    this.stats.bytes += limit - from
    return limit
  }

  /** No more data: closes the parser. */
  end(): void {
    this.parser.end()
  }

  /** Keyword hits in [from, limit), as `position * MAX_KEYWORDS + keyword index`, in order. */
  private hits(data: Buffer, from: number, limit: number): number[] {
    const hits: number[] = []
    this.candidates.forEach(
      data,
      limit,
      position => {
        for (const search of this.searches) {
          if (!matchesAt(data, position, search.needle)) continue
          for (const member of search.members) {
            const start = position - member.prefix.length
            if (start >= 0 && (member.prefix.length === 0 || matchesAt(data, start, member.prefix)))
              hits.push(start * MAX_KEYWORDS + member.index)
          }
        }
      },
      from
    )
    return hits.sort((a, b) => a - b)
  }

  /** Feeds owed context lines from `fed` (not beyond `until`); returns the new fed index. */
  private payOwed(data: Buffer, fed: number, until: number, origin: number): number {
    let position = fed
    while (this.owed > 0 && position < until) {
      const end = this.lineEnd(data, position, until)
      this.feed(origin, position, this.decode(data, position, end), end)
      position = end
      this.owed--
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
    let stop = end
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
