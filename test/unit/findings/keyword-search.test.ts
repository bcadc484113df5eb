import { describe, expect, it } from '@jest/globals'
import { PatternSearch } from '../../../src/findings/scan/keyword-search.js'
import { compilePattern, matchesAt, type BytePattern } from '../../../src/findings/scan/pattern.js'

type Match = [position: number, pattern: number]

/** Every (position, pattern) where a pattern matches and ends by `limit`, by plain comparison. */
function matchesOf(data: Buffer, patterns: BytePattern[], limit = data.length, start = 0): Match[] {
  const found: Match[] = []
  for (let at = start; at < limit; at++)
    patterns.forEach((pattern, index) => {
      if (at + pattern.length <= limit && matchesAt(data, at, pattern)) found.push([at, index])
    })
  return found
}

function search(patterns: PatternSearch, data: Buffer, limit = data.length, start = 0): Match[] {
  const found: Match[] = []
  patterns.forEach(data, limit, (position, pattern) => found.push([position, pattern]), start)
  // Patterns matching at one position may come in any order; positions come in increasing order.
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
}

/** Deterministic text of words, digits and the patterns' words, with a few multi-byte characters. */
function sampleText(length: number, words: string[], seed = 7): Buffer {
  const vocabulary = [
    'the',
    'build',
    'error',
    'stderr',
    'node_modules',
    '.com',
    'π',
    '✓',
    '─',
    'x',
    '12:3',
    ...words
  ]
  let state = seed
  let text = ''
  while (text.length < length) {
    state = (state * 1103515245 + 12345) >>> 0
    text += `${vocabulary[state % vocabulary.length]}${state % 11 === 0 ? '\n' : ' '}`
  }
  return Buffer.from(text)
}

const LOG_PATTERNS = [
  'rror',
  'warning',
  'Warning',
  'FAIL',
  '##[',
  '●',
  '❯',
  '━',
  '___',
  '.py:',
  '.go:',
  '.rb:',
  'panic'
]

describe('the pattern search', () => {
  it('reports every position where a pattern matches, with the pattern, and nothing else', () => {
    const patterns = LOG_PATTERNS.map(compilePattern)
    const data = sampleText(200_000, LOG_PATTERNS)

    const found = search(new PatternSearch(patterns), data)

    const expected = matchesOf(data, patterns)
    expect(expected.length).toBeGreaterThan(1000)
    expect(found).toEqual(expected)
  })

  it('reports positions in increasing order', () => {
    const data = sampleText(50_000, LOG_PATTERNS)
    const positions: number[] = []
    new PatternSearch(LOG_PATTERNS.map(compilePattern)).forEach(data, data.length, position =>
      positions.push(position)
    )

    expect(positions.length).toBeGreaterThan(100)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('matches classes of bytes: a letter, a colon, a digit', () => {
    const patterns = [compilePattern('\\a:\\d'), compilePattern('\\nE')]
    const data = Buffer.from('src/a.ts:12 x:y 9:9\nError b.go:3')

    expect(search(new PatternSearch(patterns), data)).toEqual([
      [7, 0],
      [19, 1],
      [29, 0]
    ])
  })

  it('finds patterns at the very start and end, and none that would end past the limit', () => {
    const patterns = new PatternSearch([Buffer.from('FAIL')])
    const data = Buffer.from('FAIL middle FAIL end FAIL')

    expect(search(patterns, data)).toEqual([
      [0, 0],
      [12, 0],
      [21, 0]
    ])
    expect(search(patterns, data, 24)).toEqual([
      [0, 0],
      [12, 0]
    ])
    expect(search(patterns, data, 0)).toEqual([])
  })

  it('searches from a start position, reporting positions in the whole buffer', () => {
    const patterns = new PatternSearch([Buffer.from('FAIL')])
    const data = Buffer.from('FAIL middle FAIL end FAIL')

    expect(search(patterns, data, data.length, 1)).toEqual([
      [12, 0],
      [21, 0]
    ])
  })

  it('matches patterns shorter than the three bytes the filter looks at', () => {
    const patterns = new PatternSearch([Buffer.from('#'), Buffer.from('y:')])
    const data = Buffer.from('a#b y:1 #')

    expect(search(patterns, data)).toEqual([
      [1, 0],
      [4, 1],
      [8, 0]
    ])
  })

  it('reports every pattern that matches at one position', () => {
    const patterns = new PatternSearch([Buffer.from('error'), Buffer.from('err'), Buffer.from('xyz')])
    const data = Buffer.from('an error')

    expect(search(patterns, data).filter(([position]) => position === 3)).toEqual([
      [3, 0],
      [3, 1]
    ])
  })

  it('keeps finding after more matches than one call of the kernel returns', () => {
    const patterns = new PatternSearch([Buffer.from('ab')])
    const data = Buffer.from('ab'.repeat(40_000))

    const found = search(patterns, data)

    expect(found).toHaveLength(40_000)
    expect(found[39_999]).toEqual([79_998, 0])
  })

  it('grows for a buffer bigger than its memory, and is reusable for smaller ones', () => {
    const patterns = new PatternSearch([Buffer.from('panic')])
    const big = Buffer.alloc(3 * 1024 * 1024, 'x')
    big.write('panic', big.length - 5)
    const small = Buffer.from('no panic here')

    expect(search(patterns, big)).toEqual([[big.length - 5, 0]])
    expect(search(patterns, small)).toEqual([[3, 0]])
  })

  it('buckets more than sixteen patterns without losing any', () => {
    const words = Array.from({ length: 40 }, (_, i) => `k${String.fromCharCode(97 + (i % 26))}${i}`)
    const patterns = words.map(compilePattern)
    const data = sampleText(50_000, words, 3)

    const found = search(new PatternSearch(patterns), data)

    const expected = matchesOf(data, patterns)
    expect(expected.length).toBeGreaterThan(100)
    expect(found).toEqual(expected)
  })

  it('refuses an empty pattern, no patterns, or more than it can hold', () => {
    expect(() => new PatternSearch([Buffer.from('')])).toThrow('non-empty')
    expect(() => new PatternSearch([])).toThrow('non-empty')
    expect(() => new PatternSearch(Array.from({ length: 65 }, (_, i) => Buffer.from(`p${i}`)))).toThrow(
      'at most 64'
    )
  })
})
