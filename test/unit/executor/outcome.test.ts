import { describe, expect, it } from '@jest/globals'
import type { ClaudeProcessResult } from '../../../src/executor/claude.js'
import { classifyRun, summarizeOutcome, toResultInput } from '../../../src/executor/outcome.js'
import type { ClaudeResult } from '../../../src/executor/stream.js'

function result(overrides: Partial<ClaudeResult> = {}): ClaudeResult {
  return {
    subtype: 'success',
    isError: false,
    numTurns: 3,
    sessionId: 's1',
    text: 'Done.',
    costUsd: 0.01,
    durationMs: 900,
    tokens: { input: 100, output: 20, cacheRead: 0, cacheWrite: 0 },
    permissionDenials: [],
    terminalReason: 'completed',
    apiErrorStatus: null,
    errors: [],
    ...overrides
  }
}

function run(overrides: Partial<ClaudeProcessResult> = {}): ClaudeProcessResult {
  return {
    exitCode: 0,
    signal: null,
    timedOut: false,
    aborted: false,
    sessionId: 's1',
    result: result(),
    durationMs: 1000,
    toolUses: 2,
    diagnostics: '',
    spawnError: null,
    ...overrides
  }
}

describe('classifyRun', () => {
  it('is a success only with subtype success, no error flag and turns within the cap', () => {
    expect(classifyRun(run(), 'initial', 3).code).toBe('success')
    expect(classifyRun(run({ result: result({ numTurns: 4 }) }), 'initial', 3).code).toBe('max_turns')
    expect(
      classifyRun(
        run({ result: result({ isError: true, apiErrorStatus: 529, terminalReason: 'api_error' }) }),
        'initial',
        3
      )
    ).toMatchObject({
      status: 'failed',
      code: 'api_error'
    })
  })

  it('names the stop reasons', () => {
    expect(
      classifyRun(run({ result: result({ subtype: 'error_max_turns', isError: true }) }), 'initial', 30).code
    ).toBe('max_turns')
    expect(
      classifyRun(run({ result: result({ subtype: 'error_max_budget_usd', isError: true }) }), 'initial', 30)
        .code
    ).toBe('budget_exceeded')
    expect(
      classifyRun(
        run({ result: result({ subtype: 'error_during_execution', isError: true }) }),
        'initial',
        30
      ).code
    ).toBe('cli_error')
    expect(classifyRun(run({ timedOut: true, result: null }), 'initial', 30).status).toBe('timeout')
    expect(classifyRun(run({ aborted: true, result: null }), 'initial', 30).status).toBe('cancelled')
  })

  it('explains a CLI that exited without a result with the end of its output', () => {
    const record = classifyRun(
      run({ exitCode: 1, result: null, diagnostics: 'API Error: Connection refused' }),
      'initial',
      30
    )

    expect(record).toMatchObject({ code: 'cli_error', isError: true })
    expect(record.reason).toContain('Connection refused')
  })
})

describe('summarizeOutcome and toResultInput', () => {
  it('sums the runs and maps onto the ledger result, reason code included', () => {
    const first = classifyRun(run(), 'initial', 30)
    const second = classifyRun(
      run({ result: result({ costUsd: 0.02, numTurns: 2, text: 'Fixed.' }) }),
      'verify_retry',
      30
    )
    const outcome = summarizeOutcome({
      status: 'success',
      code: 'success',
      reason: 'ok',
      runs: [first, second],
      gate: {
        verdict: 'accepted',
        files: [{ path: 'a.ts', from: null, status: ' M' }],
        violations: [],
        reverted: []
      },
      verify: [
        { outcome: 'failed', steps: [] },
        { outcome: 'passed', steps: [] }
      ],
      durationMs: 5000
    })

    expect(outcome).toMatchObject({
      turns: 5,
      costUsd: 0.03,
      summary: 'Fixed.',
      verifyOutcome: 'passed',
      filesChanged: ['a.ts'],
      requeue: false
    })
    expect(toResultInput('abcdef0123', outcome, true)).toMatchObject({
      itemId: 'abcdef0123',
      success: true,
      error: null,
      code: 'success',
      deniedTools: [],
      turns: 5,
      tokens: { input: 200, output: 40, cacheRead: 0, cacheWrite: 0 },
      sessionId: 's1',
      filesChanged: ['a.ts'],
      verify: 'passed'
    })
  })
})
