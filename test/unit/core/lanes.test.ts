import { describe, expect, it } from '@jest/globals'
import { setTimeout as sleep } from 'node:timers/promises'
import { runInLanes } from '../../../src/core/lanes.js'

/** Tasks that record when they start and end, and how many ran at once. */
function recorder() {
  const events: string[] = []
  let running = 0
  let peak = 0
  const task = (name: string, lane: string, ms = 20) => ({
    lane,
    run: async () => {
      running += 1
      peak = Math.max(peak, running)
      events.push(`start ${name}`)
      await sleep(ms)
      events.push(`end ${name}`)
      running -= 1
    }
  })
  return { events, task, peak: () => peak }
}

describe('runInLanes', () => {
  it('runs up to the limit at once', async () => {
    const r = recorder()
    await runInLanes(
      ['a', 'b', 'c', 'd'].map(name => r.task(name, name)),
      3
    )

    expect(r.peak()).toBe(3)
    expect(r.events.filter(event => event.startsWith('end'))).toHaveLength(4)
  })

  it('runs tasks of one lane one after the other, in order, while other lanes go on', async () => {
    const r = recorder()
    await runInLanes(
      [r.task('pr-1 first', 'pr-1', 30), r.task('pr-1 second', 'pr-1'), r.task('other', 'pr-2')],
      3
    )

    expect(r.events.indexOf('end pr-1 first')).toBeLessThan(r.events.indexOf('start pr-1 second'))
    expect(r.events.indexOf('start other')).toBeLessThan(r.events.indexOf('end pr-1 first'))
  })

  it('runs one at a time with a limit of 1, in plan order', async () => {
    const r = recorder()
    await runInLanes(
      ['a', 'b', 'c'].map(name => r.task(name, name, 1)),
      1
    )

    expect(r.events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('ends at once with no tasks, and rejects with the error of a task that throws', async () => {
    await expect(runInLanes([], 2)).resolves.toBeUndefined()
    await expect(
      runInLanes([{ lane: 'x', run: () => Promise.reject(new Error('broke')) }], 2)
    ).rejects.toThrow('broke')
  })
})
