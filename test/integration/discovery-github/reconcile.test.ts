import { afterEach, describe, expect, it } from '@jest/globals'
import { formatPullMarker } from '../../../src/discovery/marker.js'
import { createReconcileSource } from '../../../src/discovery/reconcile.js'
import { upsertCandidates } from '../../../src/ledger/ops.js'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'
import { applyOps, applyResult, contextFor, ledgerWithOpenPull, requestLines } from './fixtures.js'

describe('reconciliation of CCAL pull requests against the GitHub emulator', () => {
  let gh: GitHubEmulator
  afterEach(async () => {
    expect(gh.violations()).toEqual([])
    await gh.stop()
  })

  it('completes the item of a merged PR, rejects the one of a closed PR, and dismisses its waiting follow-ups', async () => {
    const delivered = new Date('2026-11-24T10:00:00Z')
    const first = ledgerWithOpenPull({ issue: 1, pr: 40, branch: 'ccal/issue-1', deliveredAt: delivered })
    const second = ledgerWithOpenPull({
      issue: 2,
      pr: 43,
      branch: 'ccal/issue-2',
      deliveredAt: delivered,
      base: first.ledger
    })
    const third = ledgerWithOpenPull({
      issue: 3,
      pr: 44,
      branch: 'ccal/issue-3',
      deliveredAt: delivered,
      base: second.ledger
    })
    const ledger = applyOps(third.ledger, [
      upsertCandidates([
        {
          fingerprint: 'review:octo-org/demo#43/review/1',
          type: 'review_feedback',
          source: 'pr-feedback',
          title: 'Address review feedback on PR #43',
          parentId: second.itemId,
          context: { prNumber: 43, branch: 'ccal/issue-2' }
        }
      ])
    ])
    const followUp = [...ledger.items.values()].find(item => item.type === 'review_feedback')!
    const pull = (number: number, head: string, itemId: string) => ({
      number,
      head,
      body: formatPullMarker(itemId),
      author: 'ccal-bot[bot]'
    })
    gh = await startGitHubEmulator({
      pulls: [
        { ...pull(40, 'ccal/issue-1', first.itemId), merged: true },
        { ...pull(43, 'ccal/issue-2', second.itemId), state: 'closed' },
        pull(44, 'ccal/issue-3', third.itemId)
      ]
    })

    const result = await createReconcileSource().discover(
      contextFor(gh, { ledger, trigger: { kind: 'schedule' } })
    )
    const after = applyResult(ledger, result)

    expect(after.items.get(first.itemId)!.status).toBe('completed')
    expect(after.items.get(second.itemId)!.status).toBe('rejected')
    expect(after.items.get(third.itemId)!.status).toBe('pr_open')
    expect(after.items.get(followUp.id)!.status).toBe('dismissed')
    expect(requestLines(gh)).toEqual(['graphql CcalPullStates'])
  })

  it('sends no request when no PR is open in the ledger', async () => {
    gh = await startGitHubEmulator({})
    const result = await createReconcileSource().discover(contextFor(gh))
    expect(result).toMatchObject({ ops: [], skipped: [] })
    expect(gh.requests()).toEqual([])
  })

  it('leaves an item alone whose PR no longer exists, and says so', async () => {
    const { ledger, itemId } = ledgerWithOpenPull({
      issue: 1,
      pr: 99,
      branch: 'ccal/issue-1',
      deliveredAt: new Date('2026-11-24T10:00:00Z')
    })
    gh = await startGitHubEmulator({})
    const result = await createReconcileSource().discover(contextFor(gh, { ledger }))
    expect(result.skipped).toEqual([
      { what: 'PR #99', reason: 'not found on GitHub (deleted or not accessible); left as it is' }
    ])
    expect(applyResult(ledger, result).items.get(itemId)!.status).toBe('pr_open')
  })
})
