import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTranscript, truncationMarker } from '../../../src/executor/transcript.js'
import { secretMasker } from '../../../src/util/secrets.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccal-transcript-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const INIT = '{"type":"system","subtype":"init","session_id":"s1"}'
const RESULT = '{"type":"result","subtype":"success","is_error":false,"num_turns":2,"session_id":"s1"}'
const assistant = (text: string) =>
  JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text }] } })

describe('an item transcript', () => {
  it('keeps every non-blank stdout line, in order, one a line, in a file only its owner can read', async () => {
    const path = join(dir, 'runs', 'item.jsonl')
    const transcript = openTranscript({ path })

    for (const line of [INIT, '', assistant('hello'), 'API Error: Connection refused', RESULT])
      transcript.write(line)
    await transcript.close()

    expect(readFileSync(path, 'utf8')).toBe(
      `${INIT}\n${assistant('hello')}\nAPI Error: Connection refused\n${RESULT}\n`
    )
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('appends a second run (a verify retry) to the same file', async () => {
    const path = join(dir, 'item.jsonl')
    for (const run of [1, 2]) {
      const transcript = openTranscript({ path })
      transcript.write(INIT)
      transcript.write(assistant(`run ${run}`))
      await transcript.close()
    }

    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(4)
  })

  it('masks secrets, plain and as they appear inside a JSON string', async () => {
    const path = join(dir, 'item.jsonl')
    const secret = 'p@ss"word-1234'
    const transcript = openTranscript({ path, mask: secretMasker([secret]) })

    transcript.write(assistant(`the value is ${secret}`))
    transcript.write(assistant('a token ghp_abcdefghijklmnopqrstuvwxyz0123456789 seen in a log'))
    await transcript.close()

    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain('word-1234')
    expect(text).not.toContain('ghp_abc')
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map(line => JSON.parse(line) as unknown)
    ).toEqual([
      { type: 'assistant', message: { content: [{ type: 'text', text: 'the value is ***' }] } },
      { type: 'assistant', message: { content: [{ type: 'text', text: 'a token *** seen in a log' }] } }
    ])
  })

  it('stops at its limit with one marker line, and still ends with the result', async () => {
    const path = join(dir, 'item.jsonl')
    const transcript = openTranscript({ path, limitBytes: 1000 })

    transcript.write(INIT)
    for (let index = 0; index < 100; index++) transcript.write(assistant(`line ${index} ${'x'.repeat(40)}`))
    transcript.write(RESULT)
    await transcript.close()

    const written = readFileSync(path, 'utf8').trimEnd().split('\n')
    expect(written[0]).toBe(INIT)
    expect(written.filter(line => line === truncationMarker(1000))).toHaveLength(1)
    expect(written.at(-2)).toBe(truncationMarker(1000))
    expect(written.at(-1)).toBe(RESULT)
    const beforeMarker = written.slice(0, -2).join('\n').length + 1
    expect(beforeMarker).toBeLessThanOrEqual(1000)
  })
})

describe('secretMasker', () => {
  it('leaves short values alone: "true" or a port is no secret', () => {
    expect(secretMasker(['true', '8080'])('dry_run true on 8080')).toBe('dry_run true on 8080')
  })

  it('masks the longer of two overlapping secrets whole', () => {
    expect(secretMasker(['abcdefgh', 'abcdefgh-ijkl'])('x abcdefgh-ijkl y')).toBe('x *** y')
  })
})
