/**
 * The fast path for big logs: instead of decoding every line, find the bytes of keywords that any
 * finding's line must contain (keyword-search.ts, one SIMD search for all of them at once), and
 * decode only those lines plus the few lines of context the parsers need around them. Everything in
 * between (download progress, passing tests, setup steps) is never turned into a string. Decoded
 * lines go to an ordinary {@link LineParser}; where lines were skipped it is told so with `gap()`.
 *
 * Chunks come from the caller (see log-reader.ts); this module does no I/O.
 */
import { CandidateSearch } from './keyword-search.js'
import { stripTimestamp, type LineParser } from '../log/line-parser.js'

/** Lines of context around a hit. */
export interface ScanContext {
  /** Lines before the hit (ESLint stylish prints the file on the line above its rows). */
  before: number
  /** Lines after the hit (cargo's ` --> file` line, a jest failure's message and stack). */
  after: number
}

/** A byte string that marks a candidate line, and the context the parsers need around it. */
export interface ScanKeyword {
  readonly text: string
  /**
   * A suffix of `text` to search for instead, when its first three bytes are more distinctive than
   * those of `text` (`rro` against `err`, which `stderr` has): the search looks at the first three
   * bytes, and every candidate it reports costs a check. The rest of `text` is checked before the
   * hit counts; keywords with the same anchor share one search string.
   */
  readonly anchor?: string
  /** Context for a hit line (the raw line, timestamp included); none when absent. */
  readonly context?: (line: string) => ScanContext
  /** Only hits followed by an ASCII digit count (`.py:12:` yes, pytest's `test_x.py::test_y` no). */
  readonly digitAfter?: boolean
}

const NONE: ScanContext = { before: 0, after: 0 }
const after = (lines: number) => () => ({ before: 0, after: lines })

/**
 * Stylish rows (`  3:7  error  msg  rule`) need their file line; cargo headers their ` --> ` line(s);
 * node --test's YAML `  error: |-` needs its `not ok N - name` line above and the message below.
 */
function severityContext(word: string, cargoLines: number) {
  return (raw: string): ScanContext => {
    const line = stripTimestamp(raw)
    if (line.charCodeAt(0) === 32) {
      if (line.includes(`  ${word}  `)) return { before: 1, after: 0 }
      if (word === 'error' && /^\s+error: /.test(line)) return { before: 6, after: 3 }
      return NONE
    }
    if (line.startsWith(word)) return { before: 0, after: cargoLines }
    return NONE
  }
}

/**
 * Every line a parser in actions-log.ts turns into an error or warning contains one of these, or
 * lies within the context of one. The search shares eight buckets among them, and more keywords
 * per bucket let more false candidates through, so the list is short. Keep it in step with the
 * parsers: test/unit/findings/scan.test.ts checks every fixture both ways.
 */
export const LOG_KEYWORDS: readonly ScanKeyword[] = [
  { text: 'error', anchor: 'rror', context: severityContext('error', 1) },
  { text: 'warning', context: severityContext('warning', 6) },
  { text: 'Error', anchor: 'rror' },
  { text: 'Warning' },
  { text: 'FAIL', context: after(6) },
  { text: '##[' },
  { text: '●', context: after(40) },
  { text: '❯' },
  { text: '━', context: after(2) },
  { text: '___', context: after(40) },
  // `.py:12`, `.go:7`, `.rb:3`: ruff/flake8/pylint, go vet/build/test and RuboCop lines.
  { text: '.py:', digitAfter: true },
  { text: '.go:', digitAfter: true },
  { text: '.rb:', digitAfter: true },
  { text: 'panic', context: after(1) }
]

const NEWLINE = 10

/** Keywords searched for as one string: an anchor, and whether a digit must follow it. */
interface Search {
  needle: Buffer
  digitAfter: boolean
  /** The keywords it stands for, each with the bytes before the anchor to check. */
  members: Array<{ index: number; prefix: Buffer }>
}

const isAsciiDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 48 && byte <= 57

/** Streams chunks of a log through a keyword filter into a line parser. */
export class LogScanner {
  private readonly searches: Search[]
  private readonly candidates: CandidateSearch
  /** Absolute offset of the current chunk's first byte. */
  private base = 0
  /** Absolute offset just after the last line handed to the parser. */
  private fedEnd = 0
  /** Lines of context still owed after `fedEnd`. */
  private owed = 0
  /** The previous chunk's last line, for a `before` context across chunks. */
  private lastLine: { start: number; end: number; text: string } | null = null
  /** Bytes scanned, lines decoded and gaps, for the benchmark and the logs. */
  readonly stats = { bytes: 0, decodedLines: 0, gaps: 0 }

  constructor(
    private readonly parser: LineParser,
    private readonly keywords: readonly ScanKeyword[] = LOG_KEYWORDS
  ) {
    if (keywords.length > 32) throw new Error('at most 32 scan keywords')
    const searches = new Map<string, Search>()
    keywords.forEach((keyword, index) => {
      const anchor = keyword.anchor ?? keyword.text
      if (anchor.length === 0 || !keyword.text.endsWith(anchor))
        throw new Error(`scan anchor '${anchor}' is not a suffix of '${keyword.text}'`)
      const digitAfter = keyword.digitAfter === true
      const key = `${digitAfter ? 'd' : '-'}${anchor}`
      const search = searches.get(key) ?? { needle: Buffer.from(anchor, 'utf8'), digitAfter, members: [] }
      const prefix = Buffer.from(keyword.text.slice(0, keyword.text.length - anchor.length), 'utf8')
      search.members.push({ index, prefix })
      searches.set(key, search)
    })
    this.searches = [...searches.values()]
    this.candidates = new CandidateSearch(this.searches.map(search => search.needle))
  }

  /**
   * Scans `data` up to its last line break (everything when `final`) and returns how many bytes were
   * consumed; the caller keeps the rest and passes it again at the front of the next call.
   */
  scan(data: Buffer, final = false): number {
    const limit = final ? data.length : data.lastIndexOf(NEWLINE) + 1
    if (limit <= 0) return 0
    let fed = Math.max(0, this.fedEnd - this.base)
    const hits = this.hits(data, limit)
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as number
      const position = Math.floor(hit / 32)
      const keyword = this.keywords[hit % 32] as ScanKeyword
      if (position < fed) {
        // Already fed as context: it may still ask for more context after it.
        if (keyword.context) {
          const start = data.lastIndexOf(NEWLINE, position) + 1
          const end = this.lineEnd(data, position, limit)
          const wanted = keyword.context(this.decode(data, start, end)).after
          if (wanted > 0) this.owed = Math.max(this.owed, wanted - this.countLines(data, end, fed))
        }
        continue
      }
      const start = position === 0 ? 0 : data.lastIndexOf(NEWLINE, position - 1) + 1
      fed = this.payOwed(data, fed, start)
      const end = this.lineEnd(data, position, limit)
      const text = this.decode(data, start, end)
      const context = keyword.context ? keyword.context(text) : NONE
      if (context.before > 0 && start > fed) {
        const starts: number[] = []
        let from = start
        for (let b = 0; b < context.before && from > fed; b++) {
          from = from < 2 ? 0 : data.lastIndexOf(NEWLINE, from - 2) + 1
          if (from < fed) break
          starts.unshift(from)
        }
        for (const lineStart of starts) {
          const lineEnd = this.lineEnd(data, lineStart, limit)
          this.feed(lineStart, this.decode(data, lineStart, lineEnd), lineEnd)
        }
      } else if (context.before > 0 && start === 0 && this.lastLine && this.lastLine.start >= this.fedEnd) {
        this.feed(this.lastLine.start - this.base, this.lastLine.text, this.lastLine.end - this.base)
      }
      this.feed(start, text, end)
      fed = end
      this.owed = Math.max(this.owed - 1, context.after)
    }
    fed = this.payOwed(data, fed, limit)
    const lastStart = limit < 2 ? 0 : data.lastIndexOf(NEWLINE, limit - 2) + 1
    this.lastLine =
      fed < limit
        ? { start: this.base + lastStart, end: this.base + limit, text: this.decode(data, lastStart, limit) }
        : null
    this.base += limit
    this.stats.bytes += limit
    return limit
  }

  /** No more data: closes the parser. */
  end(): void {
    this.parser.end()
  }

  /** Keyword hits below `limit`, as `position * 32 + keyword index`, in order. */
  private hits(data: Buffer, limit: number): number[] {
    const hits: number[] = []
    this.candidates.forEach(data, limit, position => {
      for (const search of this.searches) {
        if (!this.matchesAt(data, position, search.needle)) continue
        if (search.digitAfter && !isAsciiDigit(data[position + search.needle.length])) continue
        for (const member of search.members) {
          const start = position - member.prefix.length
          if (start >= 0 && this.matchesAt(data, start, member.prefix)) hits.push(start * 32 + member.index)
        }
      }
    })
    return hits.sort((a, b) => a - b)
  }

  private matchesAt(data: Buffer, position: number, bytes: Buffer): boolean {
    for (let b = 0; b < bytes.length; b++) if (data[position + b] !== bytes[b]) return false
    return true
  }

  /** Feeds owed context lines from `fed` (not beyond `until`); returns the new fed offset. */
  private payOwed(data: Buffer, fed: number, until: number): number {
    let position = fed
    while (this.owed > 0 && position < until) {
      const end = this.lineEnd(data, position, until)
      this.feed(position, this.decode(data, position, end), end)
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
  private feed(start: number, text: string, end: number): void {
    const absolute = this.base + start
    if (absolute !== this.fedEnd) {
      this.parser.gap()
      this.stats.gaps++
    }
    this.parser.line(text)
    this.fedEnd = this.base + end
    this.stats.decodedLines++
  }
}
