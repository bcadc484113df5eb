/**
 * A subscription's usage limit, end to end (dist/index.js, the real Claude Code CLI logged in with an
 * OAuth token, the scripted model server refusing with 429 and `anthropic-ratelimit-unified-status:
 * rejected` as the API does, the GitHub emulator, real git): the item is not failed and no attempt
 * is charged, the ledger holds the reset, a cycle before the reset starts nothing and says why, and
 * the first cycle after it runs the item and opens the pull request.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { SCHEDULE_EVENT, createWorld, fixBugScript, type World } from '../support/world.js'
import type { ScriptInput } from '../support/model-server/index.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** What the API answers a claude.ai login whose 5-hour window is used up, resetting at `resetsAt`. */
function usageLimitScript(resetsAt: number): ScriptInput {
  const reset = String(resetsAt)
  return [
    {
      error: {
        status: 429,
        message: "This request would exceed your account's rate limit. Please try again later.",
        headers: {
          'anthropic-ratelimit-unified-status': 'rejected',
          'anthropic-ratelimit-unified-reset': reset,
          'anthropic-ratelimit-unified-representative-claim': 'five_hour',
          'anthropic-ratelimit-unified-5h-reset': reset,
          'anthropic-ratelimit-unified-5h-utilization': '1.0'
        }
      },
      repeat: 20
    }
  ]
}

/** A subscription login instead of an API key: only then does the CLI report the usage limit. */
const SUBSCRIPTION = { 'anthropic-api-key': '', 'claude-oauth-token': 'sk-ant-oat01-e2e-subscription' }

function recordedOutage(world: World): Record<string, unknown> | null {
  return JSON.parse(world.ledgerFile('state.json')).cursors['model-outage'] ?? null
}

describe('a usage limit with a reset a few seconds ahead', () => {
  it('defers the item to the reset without charging an attempt, and runs it in the first cycle after', async () => {
    world = await createWorld()
    const resetsAt = Math.floor(Date.now() / 1000) + 25
    world.model.setScript(usageLimitScript(resetsAt))

    const limited = await world.runAction(SCHEDULE_EVENT, SUBSCRIPTION)

    expect(limited.status).toBe(0)
    expect(world.model.mainRequests()).toHaveLength(1)
    expect(world.ledgerItems().map(item => [item.status, item.attempts])).toEqual([['pending', 0]])
    expect(recordedOutage(world)).toMatchObject({
      kind: 'usage_limit',
      status: 429,
      resetsAt: new Date(resetsAt * 1000).toISOString()
    })
    expect(limited.summary).toContain('waiting for the usage limit to reset')
    expect(limited.summary).toContain('Model work is paused')
    const tracking = world.gh.state.issue(1).comments.map(comment => comment.body)
    expect(tracking.some(body => body.includes('Waiting for the usage limit to reset'))).toBe(true)

    const status = await world.runCli(['status'])
    expect(status.stdout).toMatch(
      /Model work: waiting for the usage limit to reset at \d\d:\d\d UTC \(resets /
    )

    expect(Date.now()).toBeLessThan(resetsAt * 1000)
    const waiting = await world.runAction(SCHEDULE_EVENT, SUBSCRIPTION)

    expect(waiting.status).toBe(0)
    expect(world.model.mainRequests()).toHaveLength(1)
    expect(waiting.outputs['items-executed']).toBe('0')
    expect(waiting.summary).toMatch(/deferred: usage limit: model work waits until \d\d:\d\d UTC \(resets /)
    expect(world.ledgerItems().map(item => [item.status, item.attempts])).toEqual([['pending', 0]])

    await new Promise(done => setTimeout(done, Math.max(0, resetsAt * 1000 - Date.now() + 1500)))
    world.model.setScript(fixBugScript())
    const after = await world.runAction(SCHEDULE_EVENT, SUBSCRIPTION)

    expect(after.status).toBe(0)
    expect(after.outputs['items-executed']).toBe('1')
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(world.ledgerItems().map(item => [item.status, item.attempts])).toEqual([['pr_open', 1]])
    expect(recordedOutage(world)).toBeNull()
  }, 120_000)
})
