/**
 * Generations of an item: a regression after a merge and a retry after a human's no start a new
 * round without the earlier pull request or session, keeping the earlier round and what people said.
 */
import { describe, expect, it } from '@jest/globals'
import { branchNameFor, earlierRoundLine, pullRequestBody } from '../../../src/delivery/content.js'
import { buildPrompt } from '../../../src/executor/prompt.js'
import { pullRequestOutcomes } from '../../../src/learning/outcomes.js'
import {
  addWords,
  leaseItem,
  recordResult,
  retryItem,
  transition,
  upsertCandidate,
  type LedgerOp,
  type OpContext
} from '../../../src/ledger/ops.js'
import { emptyLedger, type HumanWords, type Ledger, type WorkItem } from '../../../src/ledger/schema.js'

const T0 = new Date('2026-03-01T10:00:00.000Z')
const at = (minutes: number): OpContext => ({
  now: new Date(T0.getTime() + minutes * 60_000),
  runId: 'run-1'
})
const apply = (ledger: Ledger, op: LedgerOp, minutes = 0): Ledger => op(ledger, at(minutes)).ledger
const PR = { number: 12, url: 'https://github.com/o/r/pull/12', branch: 'ccal/ci-failure/abc-fix-build' }
const CANDIDATE = {
  fingerprint: 'ci:build:TS2304',
  type: 'ci_failure',
  source: 'ci-logs',
  title: 'Fix the build'
} as const

/** An item whose first round delivered PR #12, which is now open. */
function delivered(): { ledger: Ledger; id: string } {
  let ledger = apply(emptyLedger(), upsertCandidate(CANDIDATE))
  const id = [...ledger.items.keys()][0]!
  ledger = apply(ledger, leaseItem(id, 600_000))
  ledger = apply(
    ledger,
    recordResult(
      {
        itemId: id,
        success: true,
        summary: 'fixed',
        durationMs: 1,
        turns: 2,
        costUsd: 0.1,
        sessionId: 'session-1'
      },
      { pr: PR }
    )
  )
  return { ledger, id }
}

const closing: HumanWords = {
  author: 'maintainer',
  kind: 'comment',
  pr: 12,
  at: '2026-03-01T11:00:00.000Z',
  body: 'This hides the error instead of fixing the import.'
}

describe('a regression after a merge', () => {
  it('starts generation 2 without the merged pull request or its session, keeping generation 1', () => {
    const { ledger: open, id } = delivered()
    const merged = apply(open, transition(id, 'completed', { reason: 'PR #12 merged' }), 10)

    const back = apply(merged, upsertCandidate(CANDIDATE), 60).items.get(id)!

    expect(back).toMatchObject({ status: 'pending', generation: 2, pr: null, sessionId: null, attempts: 0 })
    expect(back.generations).toEqual([
      { generation: 1, pr: PR, ended: 'merged', at: at(60).now.toISOString(), words: [] }
    ])
    expect(branchNameFor(back, 'ccal/')).toMatch(/^ccal\/ci-failure\/[0-9a-f]{8}-fix-the-build-2$/)
    expect(earlierRoundLine(back)).toBe('Regression: the problem fixed in #12 came back.')
  })
})

describe('a retry after a human no', () => {
  it('starts a new generation with the words said at the close and the retry request', () => {
    const { ledger: open, id } = delivered()
    let ledger = apply(open, transition(id, 'rejected', { reason: 'PR #12 closed' }), 10)
    ledger = apply(ledger, addWords(id, [closing]), 10)
    const ask: HumanWords = {
      ...closing,
      kind: 'retry',
      at: '2026-03-02T09:00:00.000Z',
      body: '/ccal retry fix the import'
    }

    const item = apply(ledger, retryItem(id, { reason: 'retry by @maintainer', words: ask }), 20).items.get(
      id
    )!

    expect(item).toMatchObject({ status: 'pending', generation: 2, pr: null, sessionId: null, words: [ask] })
    expect(item.generations[0]).toMatchObject({ generation: 1, pr: PR, ended: 'closed', words: [closing] })
    expect(item.history.at(-1)).toMatchObject({ event: 'generation' })
  })

  it('keeps counting the closed pull request as a no for learning once the item is back in the queue', () => {
    const { ledger: open, id } = delivered()
    const closed = apply(open, transition(id, 'rejected'), 10)

    const retried = apply(closed, retryItem(id, { reason: 'retry' }), 20)

    expect(pullRequestOutcomes(retried)).toEqual([
      expect.objectContaining({ itemId: id, prNumber: 12, merged: false })
    ])
  })

  it('continues the same generation when the earlier round ended without a pull request', () => {
    let ledger = apply(emptyLedger(), upsertCandidate(CANDIDATE))
    const id = [...ledger.items.keys()][0]!
    ledger = apply(ledger, leaseItem(id, 600_000))
    ledger = apply(
      ledger,
      recordResult(
        { itemId: id, success: false, summary: '', durationMs: 1, turns: 1, costUsd: 0 },
        { status: 'failed' }
      )
    )

    const item = apply(ledger, retryItem(id, { reason: 'retry' })).items.get(id)!

    expect(item).toMatchObject({ status: 'pending', generation: 1, attempts: 0, generations: [] })
  })

  it('keeps the words of one comment once, however often the close is read', () => {
    const { ledger: open, id } = delivered()
    let ledger = apply(open, transition(id, 'rejected'))
    ledger = apply(ledger, addWords(id, [closing]))
    ledger = apply(ledger, addWords(id, [closing]))

    expect(ledger.items.get(id)!.words).toEqual([closing])
  })
})

describe('what the next round is told', () => {
  function secondRound(): WorkItem {
    const { ledger: open, id } = delivered()
    let ledger = apply(open, transition(id, 'rejected'), 10)
    ledger = apply(ledger, addWords(id, [closing]), 10)
    const ask: HumanWords = {
      ...closing,
      kind: 'retry',
      at: '2026-03-02T09:00:00.000Z',
      body: 'Please fix the import instead.'
    }
    return apply(ledger, retryItem(id, { reason: 'retry', words: ask }), 20).items.get(id)!
  }

  it('the prompt names the closed pull request and fences what people said as data', () => {
    const prompt = buildPrompt({ item: secondRound(), maxLength: 50_000 }).text

    expect(prompt).toContain('# Earlier rounds of this task (this is round 2)')
    expect(prompt).toContain('Round 1: PR #12 was closed without merging')
    expect(prompt).toMatch(/untrusted-data[^\n]*comment by maintainer on PR #12[\s\S]*This hides the error/)
    expect(prompt).toMatch(/request to try again by maintainer[\s\S]*Please fix the import instead\./)
  })

  it('the new pull request links the one that was closed', () => {
    const body = pullRequestBody({
      item: secondRound(),
      summary: 'Fixed the import.',
      verify: 'passed',
      turns: 2,
      costUsd: 0.1,
      durationMs: 1000
    })

    expect(body).toContain('New attempt after #12 was closed without merging.')
    expect(body).toContain('for a ci failure work item')
  })
})
