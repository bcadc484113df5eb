/** Small text helpers shared by error messages. */

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost)
      diagonal = above
    }
  }
  return previous[b.length] as number
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0
  while (length < a.length && length < b.length && a[length] === b[length]) length++
  return length
}

/**
 * The closest candidate to `word` when it is a likely typo or abbreviation of it (small edit
 * distance, or a long shared beginning such as `max_file_ops` → `max_file_operations`), else undefined.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const normalized = word.toLowerCase().replace(/-/g, '_')
  let best: { candidate: string; score: number } | undefined
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase()
    const distance = editDistance(normalized, lower)
    const prefix = commonPrefixLength(normalized, lower)
    const isTypo = distance <= Math.max(2, Math.floor(lower.length / 3))
    const isAbbreviation = prefix >= Math.max(4, Math.ceil(normalized.length * 0.6))
    if (!isTypo && !isAbbreviation) continue
    const score = distance - prefix
    if (!best || score < best.score) best = { candidate, score }
  }
  return best?.candidate
}

/** A number to one decimal with its sign (`+3.3`, `-1`), or '' when it rounds to nothing shown (0). */
export function signedTenths(value: number): string {
  if (value === 0) return ''
  const rounded = Math.round(value * 10) / 10
  return rounded > 0 ? `+${rounded}` : String(rounded)
}

/** A value as it appears in an error message: JSON, shortened to stay on one line. */
export function describeValue(value: unknown, max = 60): string {
  if (value === undefined) return 'nothing'
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  text = text.replace(/\s+/g, ' ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * One line of at most `max` characters (for titles, reasons and log lines), cut at a word
 * boundary when one is near the end, so that no title ends mid-word.
 */
export function oneLine(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length <= max) return line
  const head = line.slice(0, max - 1)
  const space = head.lastIndexOf(' ')
  return `${space >= max * 0.6 ? head.slice(0, space) : head}…`
}
