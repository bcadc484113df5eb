/**
 * What happens to CCAL's pull request after it is opened, end to end (dist/index.js, the real Claude
 * Code CLI against the scripted model server, the GitHub emulator, real git): a reviewer requesting
 * changes gets a follow-up commit on the same branch, and a merge completes the item.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { parsePullMarker } from '../../src/discovery/marker.js'
import type { ScriptInput } from '../support/model-server/index.js'
import { git } from '../support/repos.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SCHEDULE_EVENT,
  createWorld,
  issuesLabeledPayload,
  pullRequestClosedPayload,
  pullRequestReviewPayload,
  type PullFacts,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** One cycle on the labelled bug issue: the PR CCAL opened, as a payload would describe it. */
async function openedPull(w: World): Promise<PullFacts & { itemId: string }> {
  const run = await w.runAction({
    name: 'issues',
    payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER)
  })
  expect(run.status).toBe(0)
  const pull = w.gh.state.pulls()[0]!
  return {
    number: pull.number,
    head: pull.pull.head,
    headSha: pull.pull.headSha,
    body: pull.body,
    itemId: parsePullMarker(pull.body)!
  }
}

/** The reviewer asks for a doc comment that names the behaviour; the agent adds it. */
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

describe("a review requesting changes on CCAL's pull request", () => {
  it('gets a follow-up commit on the same branch and an answer on the PR; the parent stays pr_open', async () => {
    world = await createWorld()
    const pull = await openedPull(world)
    const commitsBefore = git(world.sandbox.origin, 'rev-list', '--count', pull.head)
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
        pull,
        { id: review.id!, state: 'changes_requested', body: REVIEW_BODY },
        MAINTAINER
      )
    })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(git(world.sandbox.origin, 'rev-list', '--count', pull.head)).toBe(
      String(Number(commitsBefore) + 1)
    )
    const tip = git(world.sandbox.origin, 'show', `${pull.head}:src/math.js`)
    expect(tip).toContain('returns the sum a + b')
    expect(tip).toContain('return a + b')
    const answers = world.gh.state.pull(pull.number).comments.map(comment => comment.body)
    expect(answers.join('\n')).toContain(`@${MAINTAINER}'s review`)

    const items = world.ledgerItems()
    const parent = items.find(item => item.id === pull.itemId)!
    const feedback = items.find(item => item.type === 'review_feedback')!
    expect(parent.status).toBe('pr_open')
    expect(feedback.parentId).toBe(pull.itemId)
    expect(feedback.status).toBe('completed')
    expect(run.outputs['items-executed']).toBe('1')
    expect(world.model.requests().some(request => request.exhausted)).toBe(false)
  })
})

describe("a review found by the scheduled scan of CCAL's pull requests", () => {
  it('is taken up once: the follow-up is pushed, and the next scan leaves the review alone', async () => {
    world = await createWorld()
    const pull = await openedPull(world)
    world.gh.mutate({
      action: 'submit_review',
      pull: pull.number,
      user: MAINTAINER,
      state: 'CHANGES_REQUESTED',
      body: REVIEW_BODY,
      comments: [{ path: 'src/math.js', line: 1, body: 'Say what it returns.' }]
    })
    world.model.setScript(FOLLOW_UP_SCRIPT)

    const first = await world.runAction(SCHEDULE_EVENT)
    const tipAfterFirst = git(world.sandbox.origin, 'rev-parse', pull.head)
    const second = await world.runAction(SCHEDULE_EVENT)

    expect(first.status).toBe(0)
    expect(first.outputs['items-executed']).toBe('1')
    expect(git(world.sandbox.origin, 'show', `${pull.head}:src/math.js`)).toContain('returns the sum a + b')
    expect(second.status).toBe(0)
    expect(second.outputs['items-executed']).toBe('0')
    expect(git(world.sandbox.origin, 'rev-parse', pull.head)).toBe(tipAfterFirst)
    expect(world.gh.state.pulls()).toHaveLength(1)
    const feedback = world.ledgerItems().filter(item => item.type === 'review_feedback')
    expect(feedback.map(item => item.status)).toEqual(['completed'])
  })
})

describe("CCAL's pull request merged", () => {
  it('completes the item on the pull_request closed event, without running the agent', async () => {
    world = await createWorld()
    const pull = await openedPull(world)
    world.gh.mutate({ action: 'merge_pull', pull: pull.number, actor: MAINTAINER })
    const modelRequestsBefore = world.model.requests().length

    const run = await world.runAction({
      name: 'pull_request',
      payload: pullRequestClosedPayload(pull, true, MAINTAINER)
    })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const item = world.ledgerItems().find(entry => entry.id === pull.itemId)!
    expect(item.status).toBe('completed')
    expect(item.history.at(-1)?.detail).toContain(`PR #${pull.number} merged`)
    expect(world.model.requests()).toHaveLength(modelRequestsBefore)
    expect(run.outputs['items-executed']).toBe('0')
  })

  it('completes the item on the next scheduled cycle when no event told CCAL', async () => {
    world = await createWorld()
    const pull = await openedPull(world)
    world.gh.mutate({ action: 'merge_pull', pull: pull.number, actor: MAINTAINER })

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(world.ledgerItems().find(entry => entry.id === pull.itemId)?.status).toBe('completed')
    expect(run.outputs['items-executed']).toBe('0')
    expect(world.gh.state.pulls()).toHaveLength(1)
  })
})
