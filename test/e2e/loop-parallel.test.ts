/**
 * Several items at once (dist/index.js, the real Claude Code CLI against the scripted model server,
 * the GitHub emulator, real git): with `loop.max_concurrent_work: 3` three labelled issues are worked
 * at the same time, each in its own worktree with its own agent, and become three pull requests of
 * their own change. Each item reserves its spend in the ledger before it starts, so a day budget
 * that fits two items stops the third — in one run, and across three matrix runners at once.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { parsePullMarker } from '../../src/discovery/marker.js'
import type { TurnInput } from '../support/model-server/index.js'
import { git } from '../support/repos.js'
import { CHANGED_FILE, THREE_ISSUES, threeConversations } from '../support/three-issues.js'
import { SANDBOX_CONFIG, SCHEDULE_EVENT, createWorld, type World } from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/**
 * The first turn of every agent waits until `agents` agents have asked (or 15 s), so that they are
 * surely under way at the same time however slow the machine.
 */
function slowStart(agents: number) {
  return (turns: TurnInput[]): TurnInput[] => {
    const [first, ...rest] = turns
    return [{ ...first, until_requests: agents, delay_ms: 15_000 } as TurnInput, ...rest]
  }
}

function config(extra: { loop?: object; budgets?: object }) {
  return {
    ccal: {
      ...SANDBOX_CONFIG.ccal,
      loop: { max_concurrent_work: 3, max_items_per_run: 3, ...extra.loop },
      budgets: { prs_per_hour: 10, ...extra.budgets }
    }
  }
}

/** Three labelled issues; a day budget that fits two leaves two agents running at once. */
async function parallelWorld(extra: { loop?: object; budgets?: object } = {}): Promise<World> {
  const created = await createWorld({ config: config(extra), scenario: { issues: THREE_ISSUES }, script: [] })
  created.model.setConversations(threeConversations(slowStart(extra.budgets ? 2 : 3)))
  return created
}

/** The issue number each open pull request fixes, checked against the file it changes. */
function pullsByIssue(w: World): number[] {
  return w.gh.state
    .pulls()
    .map(pull => {
      const item = w.ledgerItems().find(entry => entry.id === parsePullMarker(pull.body))!
      const issue = item.context.issueNumber as number
      expect(pull.body).toContain(`Fixes #${issue}`)
      expect(git(w.sandbox.origin, 'diff', '--name-only', `main...${pull.pull.head}`)).toBe(
        CHANGED_FILE[issue]
      )
      return issue
    })
    .sort()
}

describe('loop.max_concurrent_work: 3', () => {
  it('works three items at the same time, each in its own worktree, and opens three pull requests of their own change', async () => {
    world = await parallelWorld()

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.outputs['items-executed']).toBe('3')
    // All three agents asked for their first turn before any of them got its answer.
    const firsts = world.model.mainRequests().slice(0, 3)
    expect(firsts.map(request => request.turnIndex)).toEqual([0, 0, 0])
    expect(new Set(firsts.map(request => request.cwd)).size).toBe(3)
    expect(pullsByIssue(world)).toEqual([1, 2, 3])
    expect(world.worktrees()).toEqual([])
    // Log lines of items running side by side say which item they are about.
    expect(run.stdout).toMatch(/running Claude Code for ([0-9a-f]+) .*\{"item":"\1"\}/)
  })

  it('stops the third item before it starts when the day budget fits two', async () => {
    world = await parallelWorld({ budgets: { cost_per_item_usd: 1, cost_per_day_usd: 2 } })

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.status).toBe(0)
    expect(run.outputs['items-executed']).toBe('2')
    expect(world.gh.state.pulls()).toHaveLength(2)
    const waiting = world.ledgerItems().filter(item => item.status === 'pending')
    expect(waiting).toHaveLength(1)
    expect(waiting[0]!.attempts).toBe(0)
    expect(run.summary).toMatch(/budget: [0-9a-f]+ not started: the day budget \(\$2\.00\) leaves \$0\.00/)
    expect(
      world.model
        .mainRequests()
        .map(request => request.firstUserText)
        .join('\n')
    ).not.toContain(`GitHub issue #${waiting[0]!.context.issueNumber} of`)
  })

  it('stops the third of three matrix runners started at once when the day budget fits two', async () => {
    world = await parallelWorld({ budgets: { cost_per_item_usd: 1, cost_per_day_usd: 2 } })
    const w = world
    const plan = await w.runAction(SCHEDULE_EVENT, { mode: 'plan' })
    const matrix = JSON.parse(plan.outputs.plan ?? '{}') as { include: Array<{ item: string }> }
    expect(matrix.include).toHaveLength(3)

    const runs = await Promise.all(
      matrix.include.map(entry => w.startAction(SCHEDULE_EVENT, { mode: 'execute', item: entry.item }).done)
    )

    for (const run of runs)
      if (run.status !== 0) console.log(run.stdout.slice(-3000), run.stderr.slice(-2000))
    expect(runs.map(run => run.status)).toEqual([0, 0, 0])
    expect(runs.map(run => run.outputs['items-executed']).sort()).toEqual(['0', '1', '1'])
    // Where a pull request is missing, the ledger says what became of its item.
    if (w.gh.state.pulls().length !== 2)
      console.log(w.ledgerItems().map(item => `${item.id} ${item.status}: ${item.lastError ?? ''}`))
    expect(w.gh.state.pulls()).toHaveLength(2)
    const stopped = runs.find(run => run.outputs['items-executed'] === '0')!
    expect(stopped.summary).toMatch(
      /budget: [0-9a-f]+ not started: the day budget \(\$2\.00\) leaves \$0\.00/
    )
    expect(w.ledgerItems().filter(item => item.status === 'pending')).toHaveLength(1)
  })
})
