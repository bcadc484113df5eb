import { describe, expect, it } from '@jest/globals'
import {
  describeTrigger,
  isFullScan,
  parseTrigger,
  triggerFromEnvironment
} from '../../../src/core/trigger.js'
import { TriggerError } from '../../../src/util/errors.js'
import { webhookExample, webhookExamples } from '../../support/webhooks.js'

describe('parseTrigger with real webhook payloads', () => {
  it('reads an issues.labeled event: the issue, the label just applied and who applied it', () => {
    const payload = webhookExample('issues', 'labeled')

    const trigger = parseTrigger('issues', payload)

    expect(trigger).toEqual({
      kind: 'issues',
      action: 'labeled',
      issue: {
        number: 1,
        title: 'Spelling error in the README file',
        labels: ['bug'],
        author: { login: 'Codertocat', type: 'User' }
      },
      label: 'bug',
      sender: { login: 'Codertocat', type: 'User' }
    })
  })

  it.each(['opened', 'reopened'])('reads an issues.%s event', action => {
    const trigger = parseTrigger('issues', webhookExample('issues', action))

    expect(trigger).toMatchObject({ kind: 'issues', action, issue: { number: expect.any(Number) } })
  })

  it('reads an issue_comment.created event with the comment body and author', () => {
    const payload = webhookExample('issue_comment', 'created')

    const trigger = parseTrigger('issue_comment', payload)

    expect(trigger).toMatchObject({
      kind: 'issue_comment',
      issue: { number: expect.any(Number), isPullRequest: false },
      comment: { id: expect.any(Number), body: expect.any(String), author: { login: expect.any(String) } }
    })
  })

  it('reads a workflow_run.completed event', () => {
    const payload = webhookExample('workflow_run', 'completed')

    const trigger = parseTrigger('workflow_run', payload)

    expect(trigger).toMatchObject({
      kind: 'workflow_run',
      action: 'completed',
      run: { id: expect.any(Number), headSha: expect.any(String), event: expect.any(String) }
    })
  })

  it('reads a failed workflow run (the examples have no failure, so a completed one is edited to fail)', () => {
    const payload = webhookExample('workflow_run', 'completed') as { workflow_run: { conclusion: string } }
    payload.workflow_run.conclusion = 'failure'

    const trigger = parseTrigger('workflow_run', payload)

    expect(trigger).toMatchObject({ kind: 'workflow_run', run: { conclusion: 'failure' } })
  })

  it('reads a pull_request.closed event and whether it was merged', () => {
    const payloads = webhookExamples('pull_request').filter(payload => payload.action === 'closed')

    const triggers = payloads.map(payload => parseTrigger('pull_request', payload))

    expect(triggers.length).toBeGreaterThan(0)
    for (const trigger of triggers) {
      expect(trigger).toMatchObject({
        kind: 'pull_request',
        action: 'closed',
        pull: { number: expect.any(Number) }
      })
    }
    const merged = payloads.map(payload => Boolean((payload.pull_request as { merged?: boolean }).merged))
    expect(triggers.map(trigger => trigger.kind === 'pull_request' && trigger.pull.merged)).toEqual(merged)
  })

  it('reads a pull_request_review.submitted event with the review state and the PR branch', () => {
    const trigger = parseTrigger('pull_request_review', webhookExample('pull_request_review', 'submitted'))

    expect(trigger).toMatchObject({
      kind: 'pull_request_review',
      pull: { headRef: expect.any(String), baseRef: expect.any(String) },
      review: { state: expect.any(String), author: { login: expect.any(String) } }
    })
  })

  it('reads a pull_request_review_comment.created event with the file it is on', () => {
    const trigger = parseTrigger(
      'pull_request_review_comment',
      webhookExample('pull_request_review_comment', 'created')
    )

    expect(trigger).toMatchObject({
      kind: 'pull_request_review_comment',
      comment: { path: expect.any(String), body: expect.any(String) }
    })
  })

  it('reads a check_run.completed failure with the pull requests it belongs to', () => {
    const payload = webhookExamples('check_run').find(
      example =>
        example.action === 'completed' &&
        (example.check_run as { conclusion: string }).conclusion === 'failure'
    )

    const trigger = parseTrigger('check_run', payload)

    expect(trigger).toMatchObject({
      kind: 'check_run',
      checkRun: { conclusion: 'failure', pullNumbers: [2] }
    })
  })

  it('reads a check_suite.completed event', () => {
    const trigger = parseTrigger('check_suite', webhookExample('check_suite', 'completed'))

    expect(trigger).toMatchObject({
      kind: 'check_suite',
      checkSuite: { id: expect.any(Number), headSha: expect.any(String) }
    })
  })

  it('reads a workflow_dispatch event with its inputs', () => {
    const trigger = parseTrigger('workflow_dispatch', webhookExample('workflow_dispatch'))

    expect(trigger).toMatchObject({ kind: 'workflow_dispatch', inputs: expect.any(Object) })
    expect(isFullScan(trigger)).toBe(true)
  })

  it('reads a schedule event (GitHub sends only the cron; there is no example of it in the package)', () => {
    const trigger = parseTrigger('schedule', { schedule: '*/30 * * * *' })

    expect(trigger).toEqual({ kind: 'schedule', cron: '*/30 * * * *' })
    expect(describeTrigger(trigger)).toBe('schedule (*/30 * * * *)')
  })
})

describe('parseTrigger on events CCAL does not act on', () => {
  it('ignores actions of a known event that CCAL does not handle, saying why', () => {
    const trigger = parseTrigger('issues', webhookExample('issues', 'edited'))

    expect(trigger).toMatchObject({ kind: 'ignored', eventName: 'issues', action: 'edited' })
    expect(describeTrigger(trigger)).toMatch(
      /ignored: CCAL acts on 'issues' only when opened, labeled, reopened/
    )
  })

  it('ignores unknown events', () => {
    expect(parseTrigger('push', {})).toMatchObject({ kind: 'ignored', eventName: 'push' })
  })

  it('fails with the event file and key path when a payload lacks what its event promises', () => {
    const payload = webhookExample('issues', 'labeled') as { issue: { number?: unknown } }
    payload.issue.number = 'one'

    expect(() => parseTrigger('issues', payload, '/tmp/event.json')).toThrow(
      new TriggerError(`/tmp/event.json: 'issues' event payload: issue.number: expected number, found "one"`)
    )
  })
})

describe('triggerFromEnvironment', () => {
  it('reads GITHUB_EVENT_NAME and the payload file at GITHUB_EVENT_PATH', () => {
    const payload = JSON.stringify(webhookExample('issues', 'labeled'))

    const trigger = triggerFromEnvironment(
      { GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: '/event.json' },
      () => payload
    )

    expect(trigger.kind).toBe('issues')
  })

  it('is a schedule outside Actions', () => {
    expect(triggerFromEnvironment({})).toEqual({ kind: 'schedule' })
  })

  it('names the event file when it is not JSON', () => {
    expect(() =>
      triggerFromEnvironment({ GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: '/event.json' }, () => '{nope')
    ).toThrow(/^\/event\.json: cannot read the 'issues' event payload: /)
  })
})
