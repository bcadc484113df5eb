/**
 * The job summary's "API requests" column, as a maintainer reads it after a scheduled cycle: it
 * counts what each source asked GitHub, checked against the emulator's own log of the requests.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { SCHEDULE_EVENT, createWorld, type World } from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

const MAINTAINERS = ['maya', 'noor', 'omar']

/** The summary's row for one source, as its cells. */
function row(summary: string, source: string): string[] {
  const line = summary.split('\n').find(text => text.startsWith(`| ${source} |`))
  return line
    ? line
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim())
    : []
}

describe('the job summary of a scheduled cycle', () => {
  it('counts one page of issues and one permission query for issues labelled by three maintainers', async () => {
    world = await createWorld({
      config: { ccal: { budgets: { cost_per_run_usd: 0 } } },
      scenario: {
        users: [
          { login: 'ccal-bot', permission: 'write', type: 'Bot' },
          ...MAINTAINERS.map(login => ({ login, permission: 'write' as const }))
        ],
        issues: Array.from({ length: 12 }, (_, index) => ({
          number: index + 1,
          title: `Issue ${index + 1}`,
          body: 'Something is wrong.',
          author: 'someone',
          labels: ['ccal-task'],
          labeled_by: { 'ccal-task': MAINTAINERS[index % MAINTAINERS.length]! }
        }))
      },
      script: []
    })

    const run = await world.runAction(SCHEDULE_EVENT)

    expect(run.status).toBe(0)
    const asked = world.gh
      .requests()
      .map(entry => (entry.kind === 'graphql' ? entry.graphql?.operationName : entry.operationId))
    expect(asked.filter(name => name === 'CcalIssues')).toHaveLength(1)
    expect(asked.filter(name => name === 'CcalPermissions')).toHaveLength(1)
    expect(asked.filter(name => name === 'repos/get-collaborator-permission-level')).toEqual([])
    // Source | Candidates | Skipped | API requests | Note
    expect(row(run.summary, 'github-issues').slice(0, 4)).toEqual(['github-issues', '12', '0', '2'])
  })
})
