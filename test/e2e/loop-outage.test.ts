/**
 * Model outages are not the items' fault, end to end (dist/index.js, the real Claude Code CLI against
 * the scripted model server answering errors, the GitHub emulator, real git): the cycle stops
 * starting items after the outage repeats (at once for a rejected key), charges no attempt, says so
 * once, and the next cycle probes with one item before the others.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

const ISSUES = [1, 2, 3].map(number => ({
  number,
  title: `add() is wrong, report ${number}`,
  body: 'add(2, 3) returns -1.',
  author: MAINTAINER,
  labels: ['ccal-task'],
  labeled_by: { 'ccal-task': MAINTAINER }
}))

async function outageWorld(status: number): Promise<World> {
  return createWorld({
    config: { ccal: { ...SANDBOX_CONFIG.ccal, loop: { max_items_per_run: 3 } } },
    scenario: { issues: ISSUES },
    script: [{ error: { status, message: status === 401 ? 'invalid x-api-key' : 'Overloaded' }, repeat: 100 }]
  })
}

describe('the model overloaded for three cycles', () => {
  it('stops each cycle early, charges no attempt, says so once, and probes with one item next time', async () => {
    world = await outageWorld(529)

    const first = await world.runAction(SCHEDULE_EVENT)

    expect(first.status).toBe(0)
    // Two items in a row hit the outage; the third was not started.
    expect(world.model.mainRequests()).toHaveLength(2)
    expect(world.ledgerItems().map(item => [item.status, item.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 0]
    ])
    const problems = first.summary.split('\n').filter(line => line.includes('model outage:'))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('the model API is overloaded (HTTP 529)')
    expect(JSON.parse(world.ledgerFile('state.json')).cursors['model-outage']).toMatchObject({
      kind: 'overloaded',
      status: 529
    })

    const second = await world.runAction(SCHEDULE_EVENT)

    expect(second.status).toBe(0)
    expect(world.model.mainRequests()).toHaveLength(3)
    expect(world.ledgerItems().every(item => item.attempts === 0 && item.status === 'pending')).toBe(true)

    // The model is back: the probe succeeds and the others follow; the outage is forgotten.
    world.model.setScript(fixBugScript())
    const third = await world.runAction(SCHEDULE_EVENT)

    expect(third.status).toBe(0)
    expect(third.outputs['items-executed']).toBe('3')
    expect(world.gh.state.pulls().length).toBeGreaterThanOrEqual(1)
    expect(JSON.parse(world.ledgerFile('state.json')).cursors['model-outage']).toBeNull()
  }, 240_000)
})

describe('a revoked model key', () => {
  it('stops the cycle at the first item and says which credential to check', async () => {
    world = await outageWorld(401)

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.status).toBe(0)
    expect(world.model.mainRequests()).toHaveLength(1)
    expect(world.ledgerItems().every(item => item.attempts === 0)).toBe(true)
    expect(run.summary).toContain('the model API rejected the credential (HTTP 401): check ANTHROPIC_API_KEY')
    const tracked = world.gh.state
      .issue(1)
      .comments.concat(world.gh.state.issue(2).comments, world.gh.state.issue(3).comments)
      .filter(comment => comment.body.includes('The model API was unavailable'))
    expect(tracked).toHaveLength(1)
  }, 180_000)
})
