/**
 * Keyword patterns for the fast scanner: byte strings in which a place may allow a class of bytes.
 * `\a` stands for any ASCII letter, `\d` for any ASCII digit, `\n` for a line break; every other
 * character stands for its UTF-8 bytes. So `\a:\d` is "a letter, a colon, a digit": the end of
 * every `file.ext:12` location, whatever the language.
 */

/** One place of a pattern: a 256-entry table, 1 where the byte is allowed. */
export type ByteSet = Uint8Array
export type BytePattern = readonly ByteSet[]

function single(byte: number): ByteSet {
  const set = new Uint8Array(256)
  set[byte] = 1
  return set
}

function range(...ranges: Array<[number, number]>): ByteSet {
  const set = new Uint8Array(256)
  for (const [from, to] of ranges) for (let byte = from; byte <= to; byte++) set[byte] = 1
  return set
}

const LETTER = range([65, 90], [97, 122])
const DIGIT = range([48, 57])

/** The byte sets of `text` in the notation above. */
export function compilePattern(text: string): BytePattern {
  const places: ByteSet[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      const code = text[++i]
      if (code === 'a') places.push(LETTER)
      else if (code === 'd') places.push(DIGIT)
      else if (code === 'n') places.push(single(10))
      else if (code === '\\') places.push(single(92))
      else throw new Error(`unknown class \\${code} in scan pattern '${text}'`)
      continue
    }
    const code = text.codePointAt(i) as number
    if (code > 0xffff) i++
    for (const byte of Buffer.from(String.fromCodePoint(code), 'utf8')) places.push(single(byte))
  }
  if (places.length === 0) throw new Error('an empty scan pattern')
  return places
}

/** The pattern of a plain byte string. */
export function literalPattern(bytes: Uint8Array): BytePattern {
  return [...bytes].map(single)
}

/** True when `pattern` matches `data` at `position` (false past the end of `data`). */
export function matchesAt(data: Uint8Array, position: number, pattern: BytePattern): boolean {
  if (position < 0 || position + pattern.length > data.length) return false
  for (let place = 0; place < pattern.length; place++) {
    if ((pattern[place] as ByteSet)[data[position + place] as number] !== 1) return false
  }
  return true
}
