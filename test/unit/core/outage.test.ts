import { describe, expect, it } from '@jest/globals'
import { OutageBreaker, describeOutage, recordedOutage } from '../../../src/core/outage.js'
import { outageOf, type RunRecord } from '../../../src/executor/outcome.js'

function run(fields: Partial<RunRecord>): RunRecord {
  return {
    purpose: 'initial',
    status: 'failed',
    code: 'api_error',
    reason: 'model API error',
    sessionId: null,
    exitCode: 1,
    subtype: 'success',
    isError: true,
    turns: 0,
    costUsd: 0,
    durationMs: 10,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    permissionDenials: [],
    text: 'API Error',
    errors: [],
    apiErrorStatus: null,
    ...fields
  }
}

describe('outageOf', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [429, 'rate_limited'],
    [529, 'overloaded'],
    [500, 'server_error'],
    [503, 'server_error']
  ])('calls a model API error %i %s', (status, kind) => {
    expect(outageOf(run({ apiErrorStatus: status }))?.kind).toBe(kind)
  })

  it('calls a model that cannot be reached unreachable, and anything about the item no outage', () => {
    expect(outageOf(run({ code: 'cli_error', reason: 'connect ECONNREFUSED 127.0.0.1:9' }))?.kind).toBe(
      'unreachable'
    )
    expect(outageOf(run({ code: 'max_turns' }))).toBeUndefined()
    expect(
      outageOf(run({ code: 'cli_error', reason: 'Claude Code exited (code 2) without a result' }))
    ).toBeUndefined()
  })
})

describe('OutageBreaker', () => {
  const overloaded = { kind: 'overloaded' as const, status: 529, message: 'Overloaded' }

  it('opens after two outages of one kind in a row, and not when something else came between', () => {
    const breaker = new OutageBreaker()
    breaker.observe(overloaded)
    breaker.observe(undefined)
    breaker.observe(overloaded)
    expect(breaker.open).toBeUndefined()
    breaker.observe(overloaded)
    expect(breaker.open).toEqual(overloaded)
  })

  it('opens at the first rejected credential, and at the first outage of a probe', () => {
    const auth = new OutageBreaker()
    auth.observe({ kind: 'auth', status: 401, message: 'invalid x-api-key' })
    expect(auth.open?.kind).toBe('auth')
    const probe = new OutageBreaker(1)
    probe.observe(overloaded)
    expect(probe.open).toEqual(overloaded)
  })

  it('reads back what the ledger kept, and nothing from a cleared or damaged cursor', () => {
    const kept = { ...overloaded, at: '2026-12-01T00:00:00.000Z' }
    expect(recordedOutage(kept)).toEqual(kept)
    expect(recordedOutage(null)).toBeUndefined()
    expect(recordedOutage({ kind: 3 })).toBeUndefined()
    expect(describeOutage(overloaded)).toBe('the model API is overloaded (HTTP 529); it said: Overloaded')
  })
})
