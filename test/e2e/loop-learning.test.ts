/**
 * Learning from verdicts, end to end (dist/index.js, the real Claude Code CLI against the scripted
 * model server, the GitHub emulator, real git): a maintainer closes CCAL's pull request without
 * merging it; the next scheduled cycle records the verdict, ranks the next item of that kind lower
 * and tells the agent what happened to the earlier change.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { CliIo } from '../../src/cli/io.js'
import { runCli } from '../../src/cli/program.js'
import { parsePullMarker } from '../../src/discovery/marker.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** A second report of the same bug, labelled too. */
const SECOND_ISSUE = {
  number: 2,
  title: 'add(1, 1) is 0',
  body: 'add(1, 1) returns 0. Expected 2.'
} as const

describe('learning from what maintainers do with pull requests', () => {
  it('after a pull request is closed unmerged, the next one of its kind ranks lower and its prompt says why', async () => {
    world = await createWorld({
      // One verdict is enough to act on here (the default waits for three).
      config: { ccal: { ...SANDBOX_CONFIG.ccal, learning: { pattern_min_occurrences: 1 } } },
      scenario: {
        issues: [BUG_ISSUE, SECOND_ISSUE].map(issue => ({
          ...issue,
          author: MAINTAINER,
          labels: ['ccal-task'],
          labeled_by: { 'ccal-task': MAINTAINER }
        }))
      }
    })
    const first = await world.runAction({
      name: 'issues',
      payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER)
    })
    expect(first.status).toBe(0)
    const pull = world.gh.state.pulls()[0]!
    const firstItem = parsePullMarker(pull.body)!
    world.gh.mutate({ action: 'close_pull', pull: pull.number, actor: MAINTAINER })
    world.model.setScript(fixBugScript())
    const conversationBefore = world.model.mainRequests().length

    const second = await world.runAction(SCHEDULE_EVENT)

    expect(second.stderr).toBe('')
    expect(second.status).toBe(0)
    const items = world.ledgerItems()
    expect(items.find(item => item.id === firstItem)?.status).toBe('rejected')
    const next = items.find(item => item.context.issueNumber === SECOND_ISSUE.number)!
    expect(next.status).toBe('pr_open')
    // The verdict became a pattern in the ledger: one issue PR, none merged.
    const patterns = JSON.parse(world.ledgerFile('patterns.json')) as Array<Record<string, unknown>>
    expect(patterns).toEqual([
      expect.objectContaining({ id: 'issue', usageCount: 1, successCount: 0, successRate: 0 })
    ])
    // Ranked lower: confidence (0 + 1) / (1 + 2) → weight -1/3 → 3.3 points below an unlearned item.
    expect(second.summary).toContain('### Learning')
    const row = second.summary
      .split('\n')
      .find(line => line.includes(`Resolve issue #${SECOND_ISSUE.number}`) && line.includes('picked'))
    expect(row).toContain('| -3.3 |')
    expect(row).toContain('learned -3.3')
    // The agent was told, in CCAL's own words, that the earlier change was closed.
    const prompt = world.model.mainRequests()[conversationBefore]!.lastUserText
    expect(prompt).toContain("What maintainers did with CCAL's earlier changes of this kind")
    expect(prompt).toContain(`PR #${pull.number} closed without merging after changing 1 file`)
    // And a maintainer can see what CCAL learned.
    const out: string[] = []
    const io: CliIo = {
      cwd: world.sandbox.dir,
      env: {},
      stdout: text => out.push(text),
      stderr: () => undefined
    }
    expect(await runCli(['status'], io)).toBe(0)
    expect(out.join('\n')).toContain(
      'Learned from pull request verdicts (1 pattern)\n  issue: 0 of 1 merged (confidence 0.33)'
    )
  }, 180_000)
})
