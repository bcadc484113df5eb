/**
 * The usage-limit messages Claude Code has printed, each with where it was seen, read into an
 * absolute reset instant. The 2.1.330 stream is real output of the pinned CLI logged in with an
 * OAuth token (`CLAUDE_CODE_OAUTH_TOKEN`) against the scripted model server answering 429 with
 * `anthropic-ratelimit-unified-status: rejected` and `anthropic-ratelimit-unified-reset`.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { classifyRun, outageOf } from '../../../src/executor/outcome.js'
import type { ClaudeProcessResult } from '../../../src/executor/claude.js'
import { parseStreamLine, type ClaudeResult } from '../../../src/executor/stream.js'
import {
  DEFAULT_USAGE_WAIT_MS,
  isUsageLimitText,
  parseResetPhrase,
  usageLimitOf,
  type RateLimitEvent
} from '../../../src/executor/usage-limit.js'

const NOW = new Date('2026-07-07T10:35:00Z')

describe('usageLimitOf on the messages Claude Code has printed', () => {
  it.each([
    [
      // anthropics/claude-code#6119 (CLI 1.0.84, title): the reset as epoch seconds after a pipe.
      'Claude AI usage limit reached|1755615600',
      '2025-08-19T15:00:00.000Z'
    ],
    [
      // anthropics/claude-code#6119 (the same report's text, Europe/Warsaw is UTC+2 in summer).
      'Claude usage limit reached. Your limit will reset at 5pm (Europe/Warsaw).',
      '2026-07-07T15:00:00.000Z'
    ],
    [
      // anthropics/claude-code#1328 (comment, 2025-06): "1 PM" with a space and capitals.
      'Claude usage limit reached. Your limit will reset at 1 PM (Asia/Dubai).',
      '2026-07-08T09:00:00.000Z'
    ],
    [
      // anthropics/claude-code#75243 (2.1.x): minutes, the zone in parentheses.
      "You've hit your session limit · resets 5:20am (America/Denver)",
      '2026-07-07T11:20:00.000Z'
    ],
    [
      // anthropics/claude-code#23772 (2026-02).
      "You've hit your limit · resets 3pm (America/New_York)",
      '2026-07-07T19:00:00.000Z'
    ],
    [
      // anthropics/claude-code#94390 (2.1.267): the weekly limit.
      "You've hit your weekly limit · resets 5pm (America/Detroit)",
      '2026-07-07T21:00:00.000Z'
    ],
    [
      // anthropics/claude-code#51981 (2.1.117): a date and "at".
      "You've hit your limit · resets Apr 23 at 4pm (America/Recife)",
      '2027-04-23T19:00:00.000Z'
    ],
    [
      // CLI 2.1.330 here, a reset three days ahead: a date and a comma.
      "You've hit your 5-hour limit · resets Jul 10, 12:19am (UTC)",
      '2026-07-10T00:19:00.000Z'
    ]
  ])('%s', (text, resetsAt) => {
    const limit = usageLimitOf({ text }, NOW, 'UTC')

    expect(limit).toMatchObject({ resetsAt, known: true, line: text })
  })

  it('reads a time without a zone on the machine’s clock (Piebald-AI/tweakcc#53: "5-hour limit reached ∙ resets 4pm")', () => {
    expect(usageLimitOf({ text: '5-hour limit reached ∙ resets 4pm' }, NOW, 'Europe/Paris')?.resetsAt).toBe(
      '2026-07-07T14:00:00.000Z'
    )
    expect(usageLimitOf({ text: '5-hour limit reached ∙ resets 4pm' }, NOW, 'UTC')?.resetsAt).toBe(
      '2026-07-07T16:00:00.000Z'
    )
  })

  it('takes a time of day already past today as tomorrow’s', () => {
    expect(usageLimitOf({ text: 'Session limit reached ∙ resets 5am' }, NOW, 'UTC')?.resetsAt).toBe(
      '2026-07-08T05:00:00.000Z'
    )
  })

  it('takes the minute shown as still to come while it lasts (the CLI rounds the reset down to the minute)', () => {
    const now = new Date('2026-12-02T00:19:36Z')

    expect(parseResetPhrase('resets 12:19am (UTC)', now, 'UTC')?.at.toISOString()).toBe(
      '2026-12-02T00:20:00.000Z'
    )
  })

  it('waits a bounded default, and says so, when the limit names no reset it can read', () => {
    const limit = usageLimitOf({ text: "You've hit your limit" }, NOW, 'UTC')

    expect(limit).toMatchObject({ known: false })
    expect(Date.parse(limit!.resetsAt) - NOW.getTime()).toBe(DEFAULT_USAGE_WAIT_MS)
    expect(limit!.said).toMatch(/no reset time given; CCAL waits 60 minutes/)
  })

  it('prefers the exact epoch of a rejected rate_limit_event to the text’s rounded minute', () => {
    const rateLimit: RateLimitEvent = { status: 'rejected', resetsAt: 1783420740, rateLimitType: 'five_hour' }

    const limit = usageLimitOf(
      { text: "You've hit your 5-hour limit · resets 10:39am (UTC)", rateLimit },
      NOW,
      'UTC'
    )

    expect(limit?.resetsAt).toBe(new Date(1783420740 * 1000).toISOString())
    expect(limit?.said).toBe('resets 10:39am (UTC)')
  })

  it('quotes the CLI’s line on one line, without hidden characters, bounded', () => {
    const text = `You've hit your limit · resets 3pm (UTC)\u200b <!-- hidden -->\n${'x'.repeat(1000)}`

    const limit = usageLimitOf({ text }, NOW, 'UTC')

    expect(limit?.line).toBe("You've hit your limit · resets 3pm (UTC)")
  })

  it('is nothing for other errors, an API key account’s 429, or a summary that merely talks of limits', () => {
    expect(
      isUsageLimitText(
        "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later."
      )
    ).toBe(false)
    expect(usageLimitOf({ text: 'API Error: 500 boom' }, NOW)).toBeUndefined()
    expect(usageLimitOf({ text: 'resets at 5pm' }, NOW)).toBeUndefined()
    expect(
      usageLimitOf(
        { text: 'x', rateLimit: { status: 'allowed_warning', resetsAt: 1, rateLimitType: null } },
        NOW
      )
    ).toBeUndefined()
  })
})

describe('a usage-limit run of CLI 2.1.330', () => {
  const lines = readFileSync(join(import.meta.dirname, 'fixtures', 'usage-limit-2.1.330.jsonl'), 'utf8')
  const events = lines.split('\n').flatMap(parseStreamLine)
  const result = events.find(event => event.kind === 'result')
  const limit = events.find(event => event.kind === 'rate_limit')

  it('streams a rejected rate_limit_event with the exact reset, and a result flagged usage_limit_reached', () => {
    expect(limit).toEqual({
      kind: 'rate_limit',
      info: { status: 'rejected', resetsAt: 1796174337, rateLimitType: 'five_hour' }
    })
    expect(result?.kind === 'result' && result.result).toMatchObject({
      subtype: 'success',
      isError: true,
      apiErrorStatus: 429,
      apiError: 'usage_limit_reached',
      text: "You've hit your 5-hour limit · resets 1:18am (UTC)"
    })
  })

  it('is classified as a usage_limit outage that resets at the event’s epoch, not as the item’s failure', () => {
    const run: ClaudeProcessResult = {
      exitCode: 1,
      signal: null,
      timedOut: false,
      aborted: false,
      sessionId: 'session',
      result: (result as { result: ClaudeResult }).result,
      rateLimit: limit?.kind === 'rate_limit' ? limit.info : null,
      durationMs: 400,
      toolUses: 0,
      diagnostics: '',
      spawnError: null
    }

    const record = classifyRun(run, 'initial', 10, new Date('2026-12-02T00:18:58Z'))

    expect(record.code).toBe('api_error')
    expect(outageOf(record)).toEqual({
      kind: 'usage_limit',
      status: 429,
      message: "You've hit your 5-hour limit · resets 1:18am (UTC)",
      resetsAt: '2026-12-02T01:18:57.000Z',
      resetSaid: 'resets 1:18am (UTC)'
    })
  })

  it('reads an older CLI’s bare line (no result, exit 1) as a usage limit too', () => {
    const record = classifyRun(
      {
        exitCode: 1,
        signal: null,
        timedOut: false,
        aborted: false,
        sessionId: null,
        result: null,
        durationMs: 10,
        toolUses: 0,
        diagnostics: 'Claude AI usage limit reached|1770843600',
        spawnError: null
      },
      'initial',
      10
    )

    expect(outageOf(record)).toMatchObject({ kind: 'usage_limit', resetsAt: '2026-02-11T21:00:00.000Z' })
  })
})
