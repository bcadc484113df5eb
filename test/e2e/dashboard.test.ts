/**
 * The Dashboard issue end to end (dist/index.js, the real Claude Code CLI against the scripted model
 * server, the GitHub emulator, real git): one issue listing what CCAL knows, not edited by an idle
 * cycle, and boxes a maintainer ticks steer the next cycle while an outsider's do nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { git } from '../support/repos.js'
import { ESLINT_BIN } from '../support/sandbox-project.js'
import {
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  failedRun,
  fixBugScript,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** A failed job whose log names a TypeScript error, as setup-node's problem matcher prints it. */
function tscFailureLog(): string {
  const lines = [
    '##[group]Run npx tsc --noEmit',
    '\u001b[36;1mnpx tsc --noEmit\u001b[0m',
    '##[endgroup]',
    "##[error]src/math.js(2,10): error TS2304: Cannot find name 'b'.",
    '##[error]Process completed with exit code 2.'
  ]
  return `${lines.map((line, index) => `2026-11-30T10:00:0${index}.0000000Z ${line}`).join('\n')}\n`
}

function dashboards(current: World) {
  return [...current.gh.state.issues.values()].filter(
    issue => !issue.pull && issue.body.includes('<!-- ccal:dashboard -->')
  )
}

function dashboardEdits(current: World): number {
  const number = dashboards(current)[0]?.number
  return current.gh
    .requests()
    .filter(entry => entry.operationId === 'issues/update' && entry.path.endsWith(`/issues/${number}`)).length
}

/** The dashboard's body with the box of `action` on `itemId` ticked. */
function ticked(body: string, action: string, itemId: string): string {
  const box = `- [ ] <!-- ccal:${action}=${itemId} -->`
  expect(body).toContain(box)
  return body.replace(box, `- [x] <!-- ccal:${action}=${itemId} -->`)
}

describe('the Dashboard issue', () => {
  it('lists a labelled issue, a CI failure and a lint batch in one issue, and an idle cycle does not edit it', async () => {
    const config = {
      ccal: {
        ...SANDBOX_CONFIG.ccal,
        // Nothing is worked: the three wait in the queue, each with the scheduler's reason.
        budgets: { max_open_prs: 0 },
        discovery: { lint: { enabled: true, commands: [`node ${ESLINT_BIN} --format json .`] } }
      }
    }
    world = await createWorld({ config })
    const head = git(world.sandbox.origin, 'rev-parse', 'main')
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(7001, head, tscFailureLog()) })

    const first = await world.runAction(SCHEDULE_EVENT)

    expect(first.status).toBe(0)
    const found = dashboards(world)
    expect(found).toHaveLength(1)
    const dashboard = found[0]!
    expect(dashboard.title).toBe('CCAL Dashboard')
    expect(dashboard.labels).toContain('ccal')
    const items = world.ledgerItems()
    expect(items.map(item => item.type).sort()).toEqual(['ci_failure', 'issue', 'lint'])
    for (const item of items) {
      expect(dashboard.body).toContain(`\`${item.id}\``)
      expect(dashboard.body).toContain(`- [ ] <!-- ccal:next=${item.id} --> run next`)
    }
    expect(dashboard.body).toContain('### Queue (3)')
    expect(dashboard.body).toContain('open pull request cap reached')
    // Named as a person would, without cross-referencing the issue from the dashboard.
    expect(dashboard.body).toContain('Resolve #\u200D1: add() subtracts instead of adding')
    const edits = dashboardEdits(world)

    const idle = await world.runAction(SCHEDULE_EVENT)

    expect(idle.status).toBe(0)
    expect(dashboards(world)).toHaveLength(1)
    expect(dashboardEdits(world)).toBe(edits)

    // A maintainer who closes it is not overruled: no new one, and it stays closed.
    world.gh.mutate({ action: 'close_issue', issue: dashboard.number, actor: MAINTAINER })
    const closed = await world.runAction(SCHEDULE_EVENT)

    expect(closed.status).toBe(0)
    expect(dashboards(world).map(issue => [issue.number, issue.state])).toEqual([
      [dashboard.number, 'closed']
    ])
  })

  it("acts on a maintainer's tick, unticks the box and records who asked; an outsider's tick changes nothing", async () => {
    world = await createWorld({
      scenario: {
        issues: [],
        users: [
          { login: MAINTAINER, permission: 'admin' },
          { login: 'ccal-bot', permission: 'write', type: 'Bot' },
          { login: 'triager', permission: 'triage' }
        ]
      },
      // The agent finds nothing to change: the CI item waits for a person.
      script: [{ text: 'I looked at src/math.js and found nothing to change.' }]
    })
    const head = git(world.sandbox.origin, 'rev-parse', 'main')
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(7101, head, tscFailureLog()) })

    await world.runAction(SCHEDULE_EVENT)

    const item = world.ledgerItems().find(candidate => candidate.type === 'ci_failure')!
    expect(item.status).toBe('needs_human')
    const dashboard = dashboards(world)[0]!
    expect(dashboard.body).toContain('### Needs a human (1)')

    // Someone without the permission labels need ticks "retry": ignored, and the box is unticked.
    world.gh.mutate({
      action: 'edit_issue',
      issue: dashboard.number,
      body: ticked(dashboard.body, 'retry', item.id),
      editor: 'triager'
    })
    const outsider = await world.runAction(SCHEDULE_EVENT)

    expect(outsider.status).toBe(0)
    expect(world.ledgerItems().find(candidate => candidate.id === item.id)!.status).toBe('needs_human')
    expect(outsider.stdout).toMatch(
      /dashboard: #\d+: ticks ignored: dashboard edit by triager, whose permission 'triage'/
    )
    expect(dashboards(world)[0]!.body).not.toContain('[x]')

    // The maintainer ticks it: the next cycle retries it, and this time the agent fixes the bug.
    world.model.setScript(fixBugScript())
    world.gh.mutate({
      action: 'edit_issue',
      issue: dashboard.number,
      body: ticked(dashboards(world)[0]!.body, 'retry', item.id),
      editor: MAINTAINER
    })
    const retried = await world.runAction(SCHEDULE_EVENT)

    expect(retried.status).toBe(0)
    const after = world.ledgerItems().find(candidate => candidate.id === item.id)!
    expect(after.status).toBe('pr_open')
    expect(after.context.steeredBy).toMatch(new RegExp(`^${MAINTAINER} \\(retry, `))
    expect(world.gh.state.pulls()).toHaveLength(1)
    const rebuilt = dashboards(world)[0]!.body
    expect(rebuilt).not.toContain('[x]')
    expect(rebuilt).toContain('### Awaiting review (1)')
    expect(rebuilt).toContain(`#${world.gh.state.pulls()[0]!.number}`)
  })
})
