import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  describeToolInput,
  isApiErrorResult,
  isBudgetResult,
  isMaxTurnsResult,
  isSuccessfulResult,
  parseStreamLine,
  progressLine,
  type ClaudeResult,
  type StreamEvent
} from '../../../src/executor/stream.js'

/** Real stream-json output of CLI 2.1.330 against the model server (paths replaced). */
function fixtureEvents(name: string): StreamEvent[] {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', `${name}.jsonl`), 'utf8')
  return text.split('\n').flatMap(parseStreamLine)
}

function resultOf(events: StreamEvent[]): ClaudeResult {
  const result = events.find(event => event.kind === 'result')
  if (result?.kind !== 'result') throw new Error('no result event')
  return result.result
}

describe('parseStreamLine on captured runs', () => {
  it('reads a successful run: init first, tool uses, a denial, the final result', () => {
    const events = fixtureEvents('success')

    expect(events[0]).toMatchObject({
      kind: 'init',
      sessionId: '44b7479e-8c4c-4574-8945-92f3a2a6954f',
      version: '2.1.330'
    })
    expect(
      events.filter(event => event.kind === 'tool_use').map(event => event.kind === 'tool_use' && event.name)
    ).toEqual(['Read', 'Edit', 'Bash', 'Bash'])
    expect(events.some(event => event.kind === 'denied' && event.toolName === 'Bash')).toBe(true)
    const result = resultOf(events)
    expect(result).toMatchObject({
      subtype: 'success',
      isError: false,
      numTurns: 5,
      text: 'Fixed the sign in add().',
      tokens: { input: 1400, output: 100, cacheRead: 0, cacheWrite: 0 },
      permissionDenials: [{ toolName: 'Bash', detail: 'curl https://example.com' }],
      terminalReason: 'completed'
    })
    expect(result.costUsd).toBeCloseTo(0.0076, 6)
    expect(isSuccessfulResult(result, 6)).toBe(true)
    expect(isSuccessfulResult(result, 4)).toBe(false)
  })

  it('reads a max-turns run as error_max_turns', () => {
    const result = resultOf(fixtureEvents('max-turns'))

    expect(result).toMatchObject({ subtype: 'error_max_turns', isError: true, terminalReason: 'max_turns' })
    expect(result.errors).toEqual(['Reached maximum number of turns (1)'])
    expect(isSuccessfulResult(result, 1)).toBe(false)
    expect(isMaxTurnsResult(result, 1)).toBe(true)
  })

  it('reads an API error: subtype success with is_error true', () => {
    const result = resultOf(fixtureEvents('api-error'))

    expect(result).toMatchObject({
      subtype: 'success',
      isError: true,
      terminalReason: 'api_error',
      apiErrorStatus: 500
    })
    expect(isSuccessfulResult(result, 10)).toBe(false)
    expect(isApiErrorResult(result)).toBe(true)
    expect(isBudgetResult(result)).toBe(false)
  })

  it('reads a budget stop', () => {
    const result = resultOf(fixtureEvents('budget'))

    expect(result).toMatchObject({ subtype: 'error_max_budget_usd', terminalReason: 'budget_exhausted' })
    expect(result.costUsd).toBeCloseTo(4.0004, 4)
    expect(isBudgetResult(result)).toBe(true)
  })
})

describe('parseStreamLine on odd input', () => {
  it('ignores blank lines and reports non-JSON text as invalid', () => {
    expect(parseStreamLine('   ')).toEqual([])
    expect(parseStreamLine('API Error: Connection refused')).toEqual([
      { kind: 'invalid', line: 'API Error: Connection refused' }
    ])
  })

  it('keeps unknown message types as other events and tolerates unknown fields', () => {
    expect(parseStreamLine('{"type":"stream_event","x":1}')).toEqual([
      { kind: 'other', type: 'stream_event' }
    ])
    expect(
      parseStreamLine('{"type":"system","subtype":"init","session_id":"s1","brand_new_field":{"a":1}}')
    ).toEqual([{ kind: 'init', sessionId: 's1', model: null, version: null }])
  })

  it('reads retries', () => {
    expect(
      parseStreamLine(
        '{"type":"system","subtype":"api_retry","attempt":1,"max_retries":3,"retry_delay_ms":500,"error_status":529}'
      )
    ).toEqual([{ kind: 'retry', attempt: 1, status: 529 }])
  })
})

describe('progress lines', () => {
  it('names the tool and what it touches, on one line', () => {
    expect(
      progressLine({ kind: 'tool_use', name: 'Bash', input: { command: 'npm test\n  -- --watch=false' } })
    ).toBe('Bash: npm test -- --watch=false')
    expect(progressLine({ kind: 'tool_use', name: 'Edit', input: { file_path: '/w/src/a.ts' } })).toBe(
      'Edit: /w/src/a.ts'
    )
    expect(progressLine({ kind: 'tool_use', name: 'Grep', input: { pattern: 'TODO', path: 'src' } })).toBe(
      'Grep: TODO in src'
    )
    expect(progressLine({ kind: 'text', text: 'thinking out loud' })).toBeUndefined()
  })

  it('shortens long details', () => {
    expect(describeToolInput('Bash', { command: 'x'.repeat(500) })).toHaveLength(160)
  })
})
