import { describe, expect, it } from '@jest/globals'
import { CandidateSearch } from '../../../src/findings/scan/keyword-search.js'

/** Every position where a needle starts below `limit`, by plain comparison. */
function occurrences(data: Buffer, needles: Buffer[], limit = data.length): number[] {
  const found = new Set<number>()
  for (const needle of needles) {
    for (let at = data.indexOf(needle); at !== -1 && at < limit; at = data.indexOf(needle, at + 1))
      found.add(at)
  }
  return [...found].sort((a, b) => a - b)
}

const isExpected = (expected: number[]) => {
  const set = new Set(expected)
  return (position: number) => set.has(position)
}

function candidates(search: CandidateSearch, data: Buffer, limit = data.length): number[] {
  const found: number[] = []
  search.forEach(data, limit, position => found.push(position))
  return found
}

/** Deterministic text of words, digits and the needles, with a few multi-byte characters. */
function sampleText(length: number, needles: string[], seed = 7): Buffer {
  const words = [
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
    ...needles
  ]
  let state = seed
  let text = ''
  while (text.length < length) {
    state = (state * 1103515245 + 12345) >>> 0
    text += `${words[state % words.length]}${state % 11 === 0 ? '\n' : ' '}`
  }
  return Buffer.from(text)
}

const LOG_NEEDLES = [
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

describe('the candidate search', () => {
  it('reports every position where a needle starts, and only plausible others', () => {
    const needles = LOG_NEEDLES.map(needle => Buffer.from(needle))
    const data = sampleText(200_000, LOG_NEEDLES)
    const search = new CandidateSearch(needles)

    const found = candidates(search, data)

    const expected = occurrences(data, needles)
    expect(expected.length).toBeGreaterThan(1000)
    expect(found.filter(isExpected(expected))).toEqual(expected)
    // A filter, not the matches: but one that lets few others through (`stderr`, `.com`, `─` here).
    expect(found.length).toBeLessThan(expected.length * 1.5)
    expect(found).toEqual([...found].sort((a, b) => a - b))
  })

  it('finds needles at the very start and end, and nothing at or past the limit', () => {
    const search = new CandidateSearch([Buffer.from('FAIL')])
    const data = Buffer.from('FAIL middle FAIL end FAIL')

    expect(candidates(search, data)).toEqual([0, 12, 21])
    expect(candidates(search, data, 21)).toEqual([0, 12])
    expect(candidates(search, data, 0)).toEqual([])
  })

  it('matches strings shorter than three bytes', () => {
    const search = new CandidateSearch([Buffer.from('#'), Buffer.from('y:')])
    const data = Buffer.from('a#b y:1 #')

    expect(candidates(search, data)).toEqual([1, 4, 8])
  })

  it('keeps finding after more candidates than one call of the kernel returns', () => {
    const search = new CandidateSearch([Buffer.from('ab')])
    const data = Buffer.from('ab'.repeat(40_000))

    const found = candidates(search, data)

    expect(found).toHaveLength(40_000)
    expect(found[39_999]).toBe(79_998)
  })

  it('grows for a buffer bigger than its memory, and is reusable for smaller ones', () => {
    const search = new CandidateSearch([Buffer.from('panic')])
    const big = Buffer.alloc(3 * 1024 * 1024, 'x')
    big.write('panic', big.length - 5)
    const small = Buffer.from('no panic here')

    expect(candidates(search, big)).toEqual([big.length - 5])
    expect(candidates(search, small)).toEqual([3])
  })

  it('buckets more than eight needles without losing any', () => {
    const words = Array.from({ length: 20 }, (_, i) => `k${String.fromCharCode(97 + i)}${i}`)
    const needles = words.map(word => Buffer.from(word))
    const data = sampleText(50_000, words, 3)

    const found = candidates(new CandidateSearch(needles), data)

    const expected = occurrences(data, needles)
    expect(expected.length).toBeGreaterThan(100)
    expect(found.filter(isExpected(expected))).toEqual(expected)
  })

  it('refuses an empty needle', () => {
    expect(() => new CandidateSearch([Buffer.from('')])).toThrow('non-empty')
    expect(() => new CandidateSearch([])).toThrow('non-empty')
  })
})
