import { describe, expect, it } from '@jest/globals'
import { owesPullNotice, OWED_STATE, stateKey, trackingBody } from '../../../src/delivery/tracking.js'
import { upsertCandidates } from '../../../src/ledger/ops.js'
import type { WorkItem } from '../../../src/ledger/schema.js'
import { applyOps, emptyLedger, idOf } from '../../support/ledgers.js'

const ledger = applyOps(emptyLedger(), [
  upsertCandidates([
    {
      fingerprint: 'issue:octo/demo#7',
      type: 'issue',
      source: 'github-issues',
      title: 'Resolve issue #7',
      context: { issueNumber: 7 }
    }
  ])
])
const pending = ledger.items.get(idOf(ledger, 'issue:octo/demo#7'))!

function withPull(state: string | undefined): WorkItem {
  return {
    ...pending,
    status: 'pr_open',
    pr: { number: 12, url: 'https://github.com/octo/demo/pull/12', branch: 'ccal/x' },
    context: { ...pending.context, ...(state === undefined ? {} : { trackingState: state }) }
  }
}

describe('the "opened #N" a tracking comment owes', () => {
  it('is owed when the comment was begun but never told of the open pull request', () => {
    expect(owesPullNotice(withPull('working:1'))).toBe(true)
    expect(owesPullNotice(withPull(OWED_STATE))).toBe(true)
  })

  it('is not owed once the comment names the pull request, nor for an item whose comment CCAL never began', () => {
    expect(owesPullNotice(withPull('pr_opened:12'))).toBe(false)
    expect(owesPullNotice(withPull('pr_updated:12'))).toBe(false)
    expect(owesPullNotice(withPull(undefined))).toBe(false)
    expect(owesPullNotice({ ...pending, context: { ...pending.context, trackingState: 'working:1' } })).toBe(
      false
    )
  })
})

describe('the tracking comment of an item refused by the usage limit', () => {
  const state = {
    kind: 'usage_limit' as const,
    resetsAt: '2026-11-24T17:00:00.000Z',
    until: '17:00 UTC (resets 6pm, Europe/Paris)',
    reason: "You've hit your 5-hour limit · resets 6pm (Europe/Paris) @someone"
  }

  it('says it waits for the reset, that no attempt was charged, and quotes the CLI without pinging anyone', () => {
    const body = trackingBody({ item: pending, state, at: new Date('2026-11-24T12:00:00Z') })

    expect(body).toContain(
      '⏸️ **Waiting for the usage limit to reset** at 17:00 UTC (resets 6pm, Europe/Paris); this does not count as an attempt.'
    )
    expect(body).toContain("Claude Code said: You've hit your 5-hour limit · resets 6pm (Europe/Paris)")
    expect(body).not.toContain('@someone')
  })

  it('is written again only for a new reset time', () => {
    expect(stateKey(state)).toBe('usage_limit:2026-11-24T17:00:00.000Z')
  })
})
