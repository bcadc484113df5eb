import { describe, expect, it } from '@jest/globals'
import { pullFailureFix } from '../../../src/delivery/pulls.js'

/** An error as Octokit throws it for an HTTP status. */
function refused(status: number, message: string): Error {
  return Object.assign(new Error(message), { status })
}

describe('a pull request GitHub refuses', () => {
  it('names the repository setting when Actions may not open pull requests', () => {
    expect(
      pullFailureFix(refused(403, 'GitHub Actions is not permitted to create or approve pull requests.'))
    ).toContain('Allow GitHub Actions to create and approve pull requests')
  })

  it('names the permission a token lacks', () => {
    expect(pullFailureFix(refused(403, 'Resource not accessible by integration'))).toContain(
      'pull-requests: write'
    )
  })

  it('says when there is nothing to propose', () => {
    expect(pullFailureFix(refused(422, 'Validation Failed: No commits between main and ccal/x'))).toContain(
      'nothing to propose'
    )
  })

  it('says to open plain pull requests where drafts are not offered', () => {
    expect(
      pullFailureFix(
        refused(422, 'Validation Failed: Draft pull requests are not supported in this repository.')
      )
    ).toContain('pull_requests.draft: false')
  })

  it('names the base branch setting when the base does not exist', () => {
    expect(
      pullFailureFix(
        refused(422, 'Validation Failed: {"resource":"PullRequest","field":"base","code":"invalid"}')
      )
    ).toContain('pull_requests.base_branch')
  })

  it('offers no fix it does not know', () => {
    expect(pullFailureFix(refused(500, 'Server Error'))).toBeUndefined()
  })
})
