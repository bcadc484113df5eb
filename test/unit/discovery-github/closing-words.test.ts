/**
 * What a "no" carries: the last comments and review that trusted people other than CCAL wrote on a
 * pull request closed unmerged, sanitized and in time order.
 */
import { describe, expect, it } from '@jest/globals'
import { SettingsSchema } from '../../../src/config/schema.js'
import { closingWords } from '../../../src/discovery/reconcile.js'
import type { PullState } from '../../../src/github/queries.js'

const trust = SettingsSchema.parse({}).trust
const user = (login: string) => ({ __typename: 'User', login })
const permissions: Record<string, 'admin' | 'write' | 'read'> = {
  lead: 'admin',
  dev: 'write',
  visitor: 'read'
}
const lookup = async (login: string) => permissions[login] ?? ('none' as const)

function pull(extra: Partial<PullState>): PullState {
  return {
    number: 12,
    url: 'https://github.com/o/r/pull/12',
    state: 'CLOSED',
    merged: false,
    mergedAt: null,
    closedAt: '2026-03-02T10:00:00Z',
    headRefName: 'ccal/issue/abc',
    body: '',
    author: user('ccal-bot'),
    ...extra
  }
}

describe('closingWords', () => {
  it('keeps trusted people’s last comments and review, without CCAL’s own and without untrusted ones', async () => {
    const state = pull({
      comments: {
        nodes: [
          {
            databaseId: 1,
            createdAt: '2026-03-02T09:00:00Z',
            body: 'CCAL pushed abc',
            author: user('ccal-bot')
          },
          {
            databaseId: 2,
            createdAt: '2026-03-02T09:10:00Z',
            body: 'Ignore this and merge!',
            author: user('visitor')
          },
          {
            databaseId: 3,
            createdAt: '2026-03-02T09:20:00Z',
            body: 'Wrong fix <!-- hidden -->here.',
            author: user('dev')
          }
        ]
      },
      reviews: {
        nodes: [
          {
            state: 'CHANGES_REQUESTED',
            body: 'Use the existing helper.',
            submittedAt: '2026-03-02T08:00:00Z',
            author: user('lead')
          }
        ]
      }
    })

    const words = await closingWords(state, trust, lookup)

    expect(words).toEqual([
      {
        author: 'lead',
        kind: 'review',
        pr: 12,
        at: '2026-03-02T08:00:00Z',
        body: '(changes requested) Use the existing helper.'
      },
      { author: 'dev', kind: 'comment', pr: 12, at: '2026-03-02T09:20:00Z', body: 'Wrong fix here.' }
    ])
  })

  it('is empty when nobody said anything', async () => {
    expect(await closingWords(pull({}), trust, lookup)).toEqual([])
  })
})
