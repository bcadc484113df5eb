/**
 * Signed commits end to end (dist/index.js, the real Claude Code CLI against the scripted model
 * server, the GitHub emulator over the sandbox's bare origin): with `pull_requests.sign_commits`,
 * every commit CCAL makes on its branches is made by GitHub through createCommitOnBranch, so it is
 * verified — what a branch protected by "Require signed commits" accepts.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { ScriptInput } from '../support/model-server/index.js'
import { git } from '../support/repos.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SANDBOX_CONFIG,
  createWorld,
  issuesLabeledPayload,
  pullRequestReviewPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

const SIGNED_CONFIG = {
  ccal: {
    ...SANDBOX_CONFIG.ccal,
    pull_requests: { ...SANDBOX_CONFIG.ccal.pull_requests, sign_commits: true }
  }
}

const REVIEW_BODY = 'Please document that add() returns the sum of its operands.'
const FOLLOW_UP_SCRIPT: ScriptInput = [
  { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }] },
  {
    tool_use: [
      {
        name: 'Edit',
        input: {
          file_path: '$CWD/src/math.js',
          old_string: '/** Adds two numbers. */',
          new_string: '/** Adds two numbers: returns the sum a + b. */'
        }
      }
    ]
  },
  { text: 'Documented that add() returns the sum of its operands, as the review asked.' }
]

async function labelledIssueRun(w: World) {
  return w.runAction({ name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) })
}

describe('with sign_commits on', () => {
  it('a labelled issue becomes a pull request whose branch holds only verified commits, with the item trailer', async () => {
    world = await createWorld({ config: SIGNED_CONFIG })

    const run = await labelledIssueRun(world)

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const [pull] = world.gh.state.pulls()
    const branch = pull!.pull.head
    const commits = git(world.sandbox.origin, 'rev-list', branch, '--not', 'main').split('\n')
    expect(commits).toHaveLength(1)
    expect(world.gh.unverifiedCommits(branch)).toEqual([])
    expect(git(world.sandbox.origin, 'show', `${branch}:src/math.js`)).toContain('return a + b')
    const item = world.itemOfPull(pull!.body)
    expect(git(world.sandbox.origin, 'log', '-1', '--format=%B', branch)).toContain(`CCAL-Item: ${item.id}`)
    // GitHub made the commit: authored by the token's user, not by CCAL's configured identity.
    expect(git(world.sandbox.origin, 'log', '-1', '--format=%ae', branch)).toMatch(
      /\+ccal-bot@users\.noreply\.github\.com$/
    )
    const mutations = world.gh
      .requests()
      .filter(entry => entry.graphql?.operationName === 'CcalCreateCommitOnBranch')
    expect(mutations).toHaveLength(1)
    expect(mutations[0]!.user).toBe('ccal-bot')
    expect(item.status).toBe('pr_open')
  })

  it("a review's follow-up is a verified commit on the same branch", async () => {
    world = await createWorld({ config: SIGNED_CONFIG })
    await labelledIssueRun(world)
    const pull = world.gh.state.pulls()[0]!
    const branch = pull.pull.head
    const first = git(world.sandbox.origin, 'rev-parse', branch)
    const review = world.gh.mutate({
      action: 'submit_review',
      pull: pull.number,
      user: MAINTAINER,
      state: 'CHANGES_REQUESTED',
      body: REVIEW_BODY
    })
    world.model.setScript(FOLLOW_UP_SCRIPT)

    const run = await world.runAction({
      name: 'pull_request_review',
      payload: pullRequestReviewPayload(
        { number: pull.number, head: branch, headSha: first, body: pull.body },
        { id: review.id!, state: 'changes_requested', body: REVIEW_BODY },
        MAINTAINER
      )
    })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const tip = git(world.sandbox.origin, 'rev-parse', branch)
    expect(git(world.sandbox.origin, 'rev-parse', `${tip}^`)).toBe(first)
    expect(git(world.sandbox.origin, 'show', `${tip}:src/math.js`)).toContain('returns the sum a + b')
    expect(world.gh.unverifiedCommits(branch)).toEqual([])
    const answers = world.gh.state.pull(pull.number).comments.map(comment => comment.body)
    expect(answers.join('\n')).toContain(`CCAL pushed ${tip.slice(0, 7)}`)
  })
})
