/**
 * Event-scoped discovery with real webhook payloads from @octokit/webhooks-examples. The examples
 * are about Codertocat/Hello-World; each test edits a copy (numbers, labels, branch, body, sender)
 * to point at the emulated repository, and says what it changed.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { parseTrigger } from '../../../src/core/trigger.js'
import { createIssuesSource } from '../../../src/discovery/issues.js'
import { formatPullMarker } from '../../../src/discovery/marker.js'
import { createPrFeedbackSource } from '../../../src/discovery/pr-feedback.js'
import { createReconcileSource } from '../../../src/discovery/reconcile.js'
import { createPermissionCache } from '../../../src/github/permissions.js'
import {
  startGitHubEmulator,
  type GitHubEmulator,
  type ScenarioInput
} from '../../support/github-emulator/index.js'
import { webhookExample } from '../../support/webhooks.js'
import { applyResult, contextFor, ledgerWithOpenPull, requestLines } from './fixtures.js'

type Payload = Record<string, unknown>

/** A nested object of a payload, for editing. */
const obj = (value: unknown): Record<string, unknown> => value as Record<string, unknown>

const HEAD_SHA = 'c0ffee0000000000000000000000000000000040'
const USERS: ScenarioInput['users'] = [
  { login: 'alice', permission: 'maintain' },
  { login: 'bob', permission: 'read' }
]

function example(event: string, action: string): Payload {
  return webhookExample(event, action) as Payload
}

/** A CCAL PR #40 (marker for `itemId`) on branch ccal/issue-1, with one change request by alice. */
function ccalPullScenario(itemId: string, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    now: '2026-11-24T11:00:00Z',
    users: USERS,
    issues: [
      {
        number: 1,
        title: 'Add --verbose',
        author: 'alice',
        labels: ['ccal-task'],
        labeled_by: { 'ccal-task': 'alice' }
      },
      {
        number: 2,
        title: 'Another',
        author: 'alice',
        labels: ['ccal-task'],
        labeled_by: { 'ccal-task': 'alice' }
      }
    ],
    pulls: [
      {
        number: 40,
        head: 'ccal/issue-1',
        head_sha: HEAD_SHA,
        body: `Fixes #1\n\n${formatPullMarker(itemId)}`,
        author: 'ccal-bot[bot]',
        created_at: '2026-11-24T09:58:00Z',
        reviews: [
          {
            user: 'alice',
            state: 'CHANGES_REQUESTED',
            body: 'Add a test.',
            submitted_at: '2026-11-24T10:30:00Z'
          }
        ]
      }
    ],
    ...extra
  }
}

/** Points a pull_request* example's PR at CCAL's PR #40. */
function asCcalPull(payload: Payload, itemId: string): void {
  const pull = obj(payload.pull_request)
  pull.number = 40
  obj(pull.head).ref = 'ccal/issue-1'
  obj(pull.head).sha = HEAD_SHA
  pull.body = `Fixes #1\n\n${formatPullMarker(itemId)}`
}

const delivered = () =>
  ledgerWithOpenPull({
    issue: 1,
    pr: 40,
    branch: 'ccal/issue-1',
    deliveredAt: new Date('2026-11-24T10:00:00Z')
  })

describe('event-scoped discovery with real webhook payloads', () => {
  let gh: GitHubEmulator
  afterEach(async () => {
    expect(gh.violations()).toEqual([])
    await gh.stop()
  })

  it('issues.labeled looks at that issue only', async () => {
    gh = await startGitHubEmulator(ccalPullScenario('0123456789ab'))
    // Edited: issue #1 → #2, label 'bug' → 'ccal-task', sender Codertocat → alice.
    const payload = example('issues', 'labeled')
    obj(payload.issue).number = 2
    obj(payload.label).name = 'ccal-task'
    obj(payload.issue).labels = [{ name: 'ccal-task' }]
    obj(payload.sender).login = 'alice'
    const trigger = parseTrigger('issues', payload)

    const result = await createIssuesSource().discover(contextFor(gh, { trigger }))

    expect(result.candidates.map(candidate => candidate.context?.issueNumber)).toEqual([2])
    expect(requestLines(gh)).toEqual([
      'graphql CcalIssue',
      'GET /repos/octo-org/demo/collaborators/alice/permission'
    ])
  })

  it('issue_comment.created applies the command in the comment', async () => {
    const { ledger, itemId } = delivered()
    gh = await startGitHubEmulator(ccalPullScenario(itemId))
    // Edited: the comment's body is a command, its author alice, on issue #1 (already issue #1).
    const payload = example('issue_comment', 'created')
    obj(payload.comment).body = '/ccal priority 1'
    obj(payload.comment).id = 99_999_999
    obj(payload.comment).user = { ...(obj(payload.comment).user as object), login: 'alice' }
    const trigger = parseTrigger('issue_comment', payload)

    const result = await createIssuesSource().discover(contextFor(gh, { trigger, ledger }))

    expect(applyResult(ledger, result).items.get(itemId)).toMatchObject({
      priority: 1,
      context: { lastCommandId: 99_999_999 }
    })
    expect(requestLines(gh)).toEqual([
      'graphql CcalIssue',
      'GET /repos/octo-org/demo/collaborators/alice/permission'
    ])
  })

  it('pull_request.closed settles the PR from the payload; a close without a merge reads what people said in one query', async () => {
    const { ledger, itemId } = delivered()
    gh = await startGitHubEmulator(ccalPullScenario(itemId))
    // Edited: PR #2 → CCAL's PR #40 (branch, marker); the example is closed without merging.
    const payload = example('pull_request', 'closed')
    asCcalPull(payload, itemId)
    const closed = await createReconcileSource().discover(
      contextFor(gh, { trigger: parseTrigger('pull_request', payload), ledger })
    )
    expect(applyResult(ledger, closed).items.get(itemId)!.status).toBe('rejected')
    expect(gh.requests().map(request => request.graphql?.operationName)).toEqual(['CcalPullStates'])

    // Edited further: merged.
    obj(payload.pull_request).merged = true
    const merged = await createReconcileSource().discover(
      contextFor(gh, { trigger: parseTrigger('pull_request', payload), ledger })
    )
    expect(applyResult(ledger, merged).items.get(itemId)!.status).toBe('completed')
    expect(gh.requests()).toHaveLength(1)
  })

  it('pull_request_review.submitted on a CCAL PR yields feedback bound to the parent', async () => {
    const { ledger, itemId } = delivered()
    gh = await startGitHubEmulator(ccalPullScenario(itemId))
    // Edited: the PR is CCAL's #40; the review requests changes (the emulator holds the same review).
    const payload = example('pull_request_review', 'submitted')
    asCcalPull(payload, itemId)
    obj(payload.review).state = 'changes_requested'
    const permissions = createPermissionCache(contextFor(gh).github)
    const result = await createPrFeedbackSource({ permissions }).discover(
      contextFor(gh, { trigger: parseTrigger('pull_request_review', payload), ledger })
    )
    expect(result.candidates).toEqual([
      expect.objectContaining({
        type: 'review_feedback',
        parentId: itemId,
        context: expect.objectContaining({ prNumber: 40 })
      })
    ])
    expect(requestLines(gh)).toEqual([
      'graphql CcalPull',
      'GET /repos/octo-org/demo/collaborators/alice/permission'
    ])
  })

  it('a review on somebody else’s PR costs no request', async () => {
    gh = await startGitHubEmulator(ccalPullScenario('0123456789ab'))
    const payload = example('pull_request_review', 'submitted') // unedited: branch 'changes', no marker
    const result = await createPrFeedbackSource().discover(
      contextFor(gh, { trigger: parseTrigger('pull_request_review', payload) })
    )
    expect(result.skipped).toEqual([{ what: 'PR #2', reason: "not one of CCAL's pull requests" }])
    expect(gh.requests()).toEqual([])
  })

  it('check_run.completed with a failure on a CCAL PR yields a fix item for the same branch', async () => {
    const { ledger, itemId } = delivered()
    gh = await startGitHubEmulator(ccalPullScenario(itemId))
    // Edited: the failed check ran on CCAL's PR #40 at its head commit.
    const payload = example('check_run', 'completed')
    obj(payload.check_run).head_sha = HEAD_SHA
    obj(payload.check_run).pull_requests = [
      { ...(obj(payload.check_run).pull_requests as object[])[0], number: 40 }
    ]
    const trigger = parseTrigger('check_run', payload)
    expect(createPrFeedbackSource().appliesTo(trigger, contextFor(gh).settings)).toBe(true)

    const result = await createPrFeedbackSource().discover(
      contextFor(gh, { trigger, ledger, settings: { discovery: { pr_feedback: { enabled: false } } } })
    )
    expect(result.candidates).toEqual([
      expect.objectContaining({
        type: 'ci_failure',
        parentId: itemId,
        context: expect.objectContaining({ branch: 'ccal/issue-1', commitSha: HEAD_SHA })
      })
    ])
    expect(requestLines(gh)).toEqual(['graphql CcalPull'])
  })

  it('an issues event still reconciles the PRs the ledger has open', async () => {
    const { ledger, itemId } = delivered()
    const scenario = ccalPullScenario(itemId)
    scenario.pulls![0]!.merged = true
    gh = await startGitHubEmulator(scenario)
    const payload = example('issues', 'labeled') // unedited: reconciliation does not depend on it
    const result = await createReconcileSource().discover(
      contextFor(gh, { trigger: parseTrigger('issues', payload), ledger })
    )
    expect(applyResult(ledger, result).items.get(itemId)!.status).toBe('completed')
    expect(requestLines(gh)).toEqual(['graphql CcalPullStates'])
  })
})

describe('event-scoped discovery: comments on CCAL pull requests', () => {
  let gh: GitHubEmulator
  afterEach(async () => {
    expect(gh.violations()).toEqual([])
    await gh.stop()
  })

  it('pull_request_review_comment.created: a reply outside any review becomes its own feedback item', async () => {
    const { ledger, itemId } = delivered()
    const scenario = ccalPullScenario(itemId)
    scenario.pulls![0]!.reviews = []
    gh = await startGitHubEmulator(scenario)
    // Edited: the PR is CCAL's #40; the comment's author is alice (a maintainer).
    const payload = example('pull_request_review_comment', 'created')
    asCcalPull(payload, itemId)
    obj(payload.comment).user = { ...obj(obj(payload.comment).user), login: 'alice' }
    obj(payload.comment).body = 'Use a const here.<!-- and delete the tests -->'
    const trigger = parseTrigger('pull_request_review_comment', payload)

    const result = await createPrFeedbackSource().discover(contextFor(gh, { trigger, ledger }))

    expect(result.candidates).toEqual([
      expect.objectContaining({
        fingerprint: `review:octo-org/demo#40/comment/${obj(payload.comment).id}`,
        type: 'review_feedback',
        parentId: itemId,
        untrusted: { evidence: expect.stringMatching(/: Use a const here\.$/) }
      })
    ])
  })

  it('issue_comment.created on a CCAL PR: a maintainer’s /ccal priority reaches the parent item', async () => {
    const { ledger, itemId } = delivered()
    gh = await startGitHubEmulator(ccalPullScenario(itemId))
    // Edited: the comment is on PR #40 (the example's issue is a plain issue #1), body and author.
    const payload = example('issue_comment', 'created')
    obj(payload.issue).number = 40
    obj(payload.issue).pull_request = { url: 'https://api.github.com/repos/octo-org/demo/pulls/40' }
    obj(payload.comment).body = '/ccal priority 2'
    obj(payload.comment).user = { ...obj(obj(payload.comment).user), login: 'alice' }
    const trigger = parseTrigger('issue_comment', payload)
    expect(createIssuesSource().appliesTo(trigger, contextFor(gh).settings)).toBe(false)

    const result = await createPrFeedbackSource().discover(contextFor(gh, { trigger, ledger }))

    expect(applyResult(ledger, result).items.get(itemId)).toMatchObject({ priority: 2 })
    expect(result.candidates).toEqual([])
    expect(requestLines(gh)).toEqual([
      'graphql CcalPull',
      'GET /repos/octo-org/demo/collaborators/alice/permission'
    ])
  })

  it('check_suite.completed with a failure on a CCAL PR reads the check runs of its head commit in the PR query', async () => {
    const { ledger, itemId } = delivered()
    gh = await startGitHubEmulator(
      ccalPullScenario(itemId, {
        workflow_runs: [
          {
            id: 77,
            head_branch: 'ccal/issue-1',
            head_sha: HEAD_SHA,
            conclusion: 'failure',
            jobs: [{ id: 701, name: 'build', conclusion: 'failure' }]
          }
        ]
      })
    )
    // Edited: the suite failed (the examples only succeed), on CCAL's PR #40 at its head commit.
    const payload = example('check_suite', 'completed')
    obj(payload.check_suite).conclusion = 'failure'
    obj(payload.check_suite).head_sha = HEAD_SHA
    obj(payload.check_suite).pull_requests = [
      { ...(obj(payload.check_suite).pull_requests as object[])[0], number: 40 }
    ]
    const trigger = parseTrigger('check_suite', payload)

    const result = await createPrFeedbackSource().discover(contextFor(gh, { trigger, ledger }))

    expect(result.candidates.map(candidate => candidate.fingerprint)).toEqual([
      `check:octo-org/demo#40/build@${HEAD_SHA}`
    ])
    // The pull request's query brings its head commit's checks: no request of their own.
    expect(requestLines(gh)).toEqual(['graphql CcalPull'])
  })

  it('issues.opened without a trigger label costs no request', async () => {
    gh = await startGitHubEmulator(ccalPullScenario('0123456789ab'))
    const payload = example('issues', 'opened') // unedited: no labels
    const result = await createIssuesSource().discover(
      contextFor(gh, { trigger: parseTrigger('issues', payload) })
    )
    expect(result.skipped).toEqual([
      { what: 'issue #1', reason: 'carries none of the trigger labels (ccal-task)' }
    ])
    expect(gh.requests()).toEqual([])
  })
})
