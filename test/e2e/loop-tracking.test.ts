/**
 * Nothing left silent, end to end (dist/index.js, the real Claude Code CLI against the scripted
 * model server, the GitHub emulator, real git): each item with an issue has one tracking comment,
 * edited in place from "working" to its outcome — a pull request, or why not — and `/ccal`
 * commands get a reaction and, when refused, one line saying why. Settings that bound attempts and
 * budgets hold.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { CliIo } from '../../src/cli/io.js'
import { runCli } from '../../src/cli/program.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  issuesLabeledPayload,
  issueCommentPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

const TRACKING = /<!-- ccal:tracking=[0-9a-f]+ -->/

/** CCAL's comments on an issue (the bot's), in order. */
function ccalComments(world: World, issue: number) {
  return world.gh.state.issue(issue).comments.filter(comment => comment.author === 'ccal-bot')
}

/** The bodies CCAL sent for one comment, first the create and then each edit. */
function writesOf(world: World, commentId: number): string[] {
  return world.gh
    .requests()
    .filter(
      entry =>
        (entry.operationId === 'issues/create-comment' && entry.status === 201) ||
        (entry.operationId === 'issues/update-comment' && entry.path.endsWith(`/comments/${commentId}`))
    )
    .map(entry => String((entry.body as { body?: string } | undefined)?.body ?? ''))
}

async function statusOf(world: World): Promise<string> {
  const out: string[] = []
  const io: CliIo = {
    cwd: world.sandbox.dir,
    env: {},
    stdout: text => out.push(text),
    stderr: () => undefined
  }
  expect(await runCli(['status'], io)).toBe(0)
  return out.join('\n')
}

const labelled = () => ({ name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) })

describe('the tracking comment on a labelled issue', () => {
  it('is one comment, posted when the item is picked and edited to the pull request it became', async () => {
    world = await createWorld()

    const run = await world.runAction(labelled())

    expect(run.status).toBe(0)
    const pull = world.gh.state.pulls()[0]!
    const comments = ccalComments(world, BUG_ISSUE.number)
    expect(comments).toHaveLength(1)
    const tracking = comments[0]!
    expect(tracking.body).toMatch(TRACKING)
    expect(tracking.body).toContain(`CCAL opened #${pull.number}`)
    expect(tracking.body).toMatch(
      /\[workflow run\]\(https:\/\/github\.com\/octo-org\/sandbox\/actions\/runs\/\d+\)/
    )
    const writes = writesOf(world, tracking.id)
    expect(writes).toHaveLength(2)
    expect(writes[0]).toContain('Working on it** (attempt 1 of 3)')
    expect(world.itemOfPull(pull.body).context.trackingCommentId).toBe(tracking.id)
  }, 180_000)

  it('says when no change was needed, and the same comment follows the retry a maintainer asks for', async () => {
    world = await createWorld({ script: [{ text: 'add() already adds; nothing to change.' }] })
    const first = await world.runAction(labelled())
    expect(first.status).toBe(0)
    const [tracking] = ccalComments(world, BUG_ISSUE.number)
    expect(tracking!.body).toContain('No change made')
    expect(tracking!.body).toContain('add() already adds; nothing to change.')
    expect(tracking!.body).toContain('`/ccal retry`')

    const body = '/ccal retry\nadd(2, 3) really returns -1: please look at src/math.js.'
    const { id } = world.gh.mutate({
      action: 'comment_issue',
      issue: BUG_ISSUE.number,
      author: MAINTAINER,
      body
    })
    world.model.setScript(fixBugScript())
    const retried = await world.runAction({
      name: 'issue_comment',
      payload: issueCommentPayload({ id: id!, body }, MAINTAINER)
    })

    expect(retried.stderr).toBe('')
    expect(retried.status).toBe(0)
    const pull = world.gh.state.pulls()[0]!
    const mine = ccalComments(world, BUG_ISSUE.number)
    expect(mine.map(comment => comment.id)).toEqual([tracking!.id])
    expect(mine[0]!.body).toContain(`CCAL opened #${pull.number}`)
    const command = world.gh.state.issue(BUG_ISSUE.number).comments.find(comment => comment.id === id)!
    expect(command.reactions?.map(reaction => [reaction.user, reaction.content])).toEqual([
      ['ccal-bot', '+1']
    ])
  }, 180_000)
})

describe('a /ccal command from someone without write access', () => {
  it('gets a confused reaction and one line saying why, once however often it is scanned', async () => {
    world = await createWorld({
      scenario: {
        users: [
          { login: MAINTAINER, permission: 'maintain' },
          { login: 'ccal-bot', permission: 'write', type: 'Bot' },
          { login: 'passer-by', permission: 'read' }
        ]
      }
    })
    expect((await world.runAction(labelled())).status).toBe(0)
    world.gh.mutate({
      action: 'comment_issue',
      issue: BUG_ISSUE.number,
      author: 'passer-by',
      body: '/ccal priority 1'
    })

    expect((await world.runAction(SCHEDULE_EVENT)).status).toBe(0)
    expect((await world.runAction(SCHEDULE_EVENT)).status).toBe(0)

    const comments = world.gh.state.issue(BUG_ISSUE.number).comments
    const command = comments.find(comment => comment.author === 'passer-by')!
    expect(command.reactions?.map(reaction => reaction.content)).toEqual(['confused'])
    const replies = ccalComments(world, BUG_ISSUE.number).filter(comment => !TRACKING.test(comment.body))
    expect(replies.map(comment => comment.body)).toEqual([
      'CCAL takes `/ccal` commands only from people with write access to the repository or more; this comment was not acted on.'
    ])
    expect(replies[0]!.body).not.toContain('@')
  }, 180_000)
})

describe('settings that bound the work', () => {
  it('retry_limit 0 gives an item one attempt, and the tracking comment says it will not be retried', async () => {
    world = await createWorld({
      // A failure worth another attempt that is no model outage: the agent runs out of time.
      config: {
        ccal: {
          ...SANDBOX_CONFIG.ccal,
          claude: { ...SANDBOX_CONFIG.ccal.claude, timeout_seconds: 3 },
          loop: { retry_limit: 0 }
        }
      },
      script: [{ text: 'Still thinking.', delay_ms: 30_000 }]
    })

    const run = await world.runAction(labelled())

    expect(run.status).toBe(0)
    const item = world.ledgerItems()[0]!
    expect(item).toMatchObject({ status: 'failed', attempts: 1, maxAttempts: 1 })
    const [tracking] = ccalComments(world, BUG_ISSUE.number)
    expect(tracking!.body).toContain('**Failed** (attempt 1 of 1); CCAL will not try again on its own.')
    expect(run.stdout).toContain('attempt 1 of 1')
    const results = JSON.parse(world.ledgerFile('results.json')) as Array<{ code: string | null }>
    expect(results.map(result => result.code)).toEqual(['timeout'])
    // The job summary and `ccal status` tell the same story as the comment.
    const row = run.summary.split('\n').find(line => line.includes(item.id))!
    expect(row).toContain('❌ failed (timeout)')
    expect(row).toContain('now failed: not retried unless a person asks')
    const status = await statusOf(world)
    const line = status.split('\n').find(text => text.includes(item.id))!
    expect(status).toContain('Failed (1)')
    expect(line).toContain('attempt 1/1')
    expect(line).toContain('did not finish within the time limit')
  }, 180_000)

  it('a run budget that fits one item starts one, and the waiting issue is told why', async () => {
    const second = { number: 2, title: 'add(1, 1) is 0', body: 'Expected 2.' }
    world = await createWorld({
      config: { ccal: { ...SANDBOX_CONFIG.ccal, budgets: { cost_per_run_usd: 0.75 } } },
      scenario: {
        issues: [BUG_ISSUE, second].map(issue => ({
          ...issue,
          author: MAINTAINER,
          labels: ['ccal-task'],
          labeled_by: { 'ccal-task': MAINTAINER }
        }))
      }
    })

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.status).toBe(0)
    expect(run.outputs['items-executed']).toBe('1')
    expect(world.gh.state.pulls()).toHaveLength(1)
    const waiting = [BUG_ISSUE.number, second.number]
      .map(number => ccalComments(world!, number)[0]!)
      .find(comment => comment.body.includes('Waiting'))!
    expect(waiting.body).toMatch(/run budget: .* would pass \$0\.75\. CCAL goes on in a later run\./)
  }, 180_000)

  it('an item stopped at its budget keeps its attempt and waits, and its issue is told', async () => {
    world = await createWorld({
      config: { ccal: { ...SANDBOX_CONFIG.ccal, budgets: { cost_per_item_usd: 1 } } },
      script: [
        {
          tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }],
          usage: { input_tokens: 1_000_000 }
        },
        { text: 'never reached' }
      ]
    })

    const run = await world.runAction(labelled())

    expect(run.status).toBe(0)
    const item = world.ledgerItems()[0]!
    expect(item).toMatchObject({ status: 'pending', attempts: 0 })
    const [tracking] = ccalComments(world, BUG_ISSUE.number)
    expect(tracking!.body).toContain('**Stopped at the budget**; this does not count as an attempt.')
    const row = run.summary.split('\n').find(line => line.includes(item.id) && line.includes('budget'))!
    expect(row).toContain('stopped at the budget (not counted as an attempt) (budget_exceeded)')
    expect(row).toContain('now back in the queue (attempt 0 of 3 used)')
  }, 180_000)
})
