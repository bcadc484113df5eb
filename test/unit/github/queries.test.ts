import { describe, expect, it } from '@jest/globals'
import { PullNodeSchema } from '../../../src/github/queries.js'

/** A pull request node as GitHub answers the PR query, its head commit's rollup as given. */
function pullWith(rollup: unknown) {
  return {
    number: 40,
    url: 'https://github.com/octo-org/demo/pull/40',
    state: 'OPEN',
    merged: false,
    mergedAt: null,
    closedAt: null,
    createdAt: '2026-11-24T10:00:00Z',
    headRefName: 'ccal/issue/abc',
    headRefOid: 'c0ffee',
    body: '',
    commits: { nodes: [{ commit: { oid: 'c0ffee', statusCheckRollup: rollup } }] },
    reviews: { nodes: [] },
    comments: { nodes: [] }
  }
}

describe("a pull request's head checks from the PR query", () => {
  it('are its check runs in the REST list’s words; commit statuses are not check runs', () => {
    const pull = PullNodeSchema.parse(
      pullWith({
        contexts: {
          pageInfo: { hasNextPage: false },
          nodes: [
            {
              __typename: 'CheckRun',
              databaseId: 7,
              name: 'build',
              status: 'COMPLETED',
              conclusion: 'FAILURE',
              detailsUrl: 'https://github.com/octo-org/demo/actions/runs/1/job/7',
              title: 'build failed',
              summary: null
            },
            { __typename: 'StatusContext' }
          ]
        }
      })
    )

    expect(pull.headChecks).toEqual([
      {
        id: 7,
        name: 'build',
        head_sha: 'c0ffee',
        status: 'completed',
        conclusion: 'failure',
        details_url: 'https://github.com/octo-org/demo/actions/runs/1/job/7',
        output: { title: 'build failed', summary: null }
      }
    ])
  })

  it('are none without a rollup, and unknown (listed by REST instead) past one page', () => {
    expect(PullNodeSchema.parse(pullWith(null)).headChecks).toEqual([])
    expect(
      PullNodeSchema.parse(pullWith({ contexts: { pageInfo: { hasNextPage: true }, nodes: [] } })).headChecks
    ).toBeUndefined()
    const { commits: _, ...withoutCommits } = pullWith(null)
    expect(PullNodeSchema.parse(withoutCommits).headChecks).toBeUndefined()
  })
})
