/**
 * Discovery within its time (dist/index.js, the GitHub emulator, the real Claude Code CLI against
 * the scripted model server, real git): a source that crawls is stopped at
 * `ccal.discovery.time_limit_seconds` and reported, and the cycle goes on with what the other
 * sources found.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { SANDBOX_CONFIG, SCHEDULE_EVENT, createWorld, type World } from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

describe('a discovery source that crawls', () => {
  it('is stopped at its time limit and reported, and the labelled issue still becomes a pull request', async () => {
    world = await createWorld({
      config: { ccal: { ...SANDBOX_CONFIG.ccal, discovery: { time_limit_seconds: 2 } } }
    })
    // The failed-runs listing answers after 8 s, in time for its request timeout but not for the source's limit.
    world.gh.injectFault({ route: '/repos/{owner}/{repo}/actions/runs', delayMs: 8_000, times: 5 })

    const started = Date.now()
    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.status).toBe(0)
    expect(run.summary).toMatch(/ci-logs: stopped after 2 s \(ccal\.discovery\.time_limit_seconds is 2/)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(world.ledgerItems().map(item => item.status)).toEqual(['pr_open'])
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})
