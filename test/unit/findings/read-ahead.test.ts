import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { READ_AHEAD_CHUNK, ReadAhead } from '../../../src/findings/read-ahead.js'
import { PatternSearch } from '../../../src/findings/scan/keyword-search.js'
import { compilePattern } from '../../../src/findings/scan/pattern.js'

const PATTERNS = ['error', 'FAIL', '##['].map(compilePattern)
const dir = mkdtempSync(join(tmpdir(), 'ccal-read-ahead-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A file of about `megabytes` MB with the patterns here and there, some across chunk ends. */
function sample(megabytes: number): { path: string; data: Buffer } {
  const noise = Array.from({ length: 400 }, (_, i) => `word${i}`)
  const words = ['error', 'FAIL', '##[', '\n', ...noise]
  const parts: string[] = []
  for (let i = 0, size = 0; size < megabytes * 1024 * 1024; i++) {
    const word = `${words[(i * 7919) % words.length]} `
    parts.push(word)
    size += word.length
  }
  const text = parts.join('')
  const data = Buffer.from(text)
  const path = join(dir, `sample-${megabytes}.log`)
  writeFileSync(path, data)
  return { path, data }
}

/** The file offsets of matches in [from, to), searched in one piece. */
function expected(data: Buffer, search: PatternSearch, from: number, to: number): Array<[number, number]> {
  const found: Array<[number, number]> = []
  search.forEach(data, to, (position, pattern) => found.push([position, pattern]), from)
  return found
}

/** The file offsets of what a reader returns, chunk by chunk, and the bytes it wrote. */
function takeAll(
  reader: ReadAhead,
  search: PatternSearch
): { matches: Array<[number, number]>; bytes: Buffer } {
  const matches: Array<[number, number]> = []
  const parts: Buffer[] = []
  for (let chunk = 0; chunk < reader.chunks; chunk++) {
    const target = Buffer.alloc(reader.lengthOf(chunk))
    const next = reader.take(chunk, target)
    parts.push(target.subarray(0, next.length))
    for (let i = 0; i < next.count; i++)
      matches.push([
        next.base + (next.pairs[2 * i] as number),
        search.patternOf(next.pairs[2 * i + 1] as number)
      ])
    reader.release(chunk)
  }
  reader.close()
  return { matches: matches.sort((a, b) => a[0] - b[0] || a[1] - b[1]), bytes: Buffer.concat(parts) }
}

describe('reading a file ahead on a second thread', () => {
  const { path, data } = sample(12)
  const search = new PatternSearch(PATTERNS)
  const sorted = (matches: Array<[number, number]>) => matches.sort((a, b) => a[0] - b[0] || a[1] - b[1])

  it('gives the bytes and the matches of each range, none running past its end', () => {
    const ranges: Array<[number, number]> = [
      [10, 3 * READ_AHEAD_CHUNK + 5],
      [5 * READ_AHEAD_CHUNK - 2, 9 * READ_AHEAD_CHUNK + 123]
    ]

    const { matches, bytes } = takeAll(ReadAhead.open(path, search.spec(), ranges), search)

    const wanted = sorted(ranges.flatMap(([from, to]) => expected(data, search, from, to)))
    expect(wanted.length).toBeGreaterThan(5000)
    expect(matches).toEqual(wanted)
    // (Buffer.equals: Jest compares a buffer byte by byte as an object.)
    expect(bytes.equals(Buffer.concat(ranges.map(([from, to]) => data.subarray(from, to))))).toBe(true)
  })

  it('reads ranges named after its worker started, even more than it was started for', () => {
    const reader = ReadAhead.start(path, search.spec(), 2)
    const ranges: Array<[number, number]> = [[0, data.length]]
    reader.publish(ranges)

    const { matches } = takeAll(reader, search)

    expect(matches).toEqual(sorted(expected(data, search, 0, data.length)))
  })
})
