import { describe, expect, it } from '@jest/globals'
import { untilNextCycle } from '../../../src/cli/commands/run.js'

describe('the daemon’s wait for its next cycle', () => {
  const now = Date.parse('2026-11-24T12:00:00Z')

  it('is the interval while model work may start', () => {
    expect(untilNextCycle(300, undefined, now)).toBe(300_000)
  })

  it('ends a second after a pause that lifts before the interval is over', () => {
    expect(untilNextCycle(300, { until: '2026-11-24T12:01:00Z' }, now)).toBe(61_000)
  })

  it('stays the interval when the pause lasts longer: discovery and reports go on meanwhile', () => {
    expect(untilNextCycle(300, { until: '2026-11-24T17:00:00Z' }, now)).toBe(300_000)
    expect(untilNextCycle(300, { until: 'not a time' }, now)).toBe(300_000)
  })
})
