/**
 * Running picked items side by side: at most `limit` at once, and never two of the same lane (the
 * same pull request branch) at once — those run one after the other, in plan order.
 */
export interface LaneTask {
  readonly lane: string
  run(): Promise<void>
}

/** Runs every task; resolves when all have ended, rejects with the first task that throws. */
export function runInLanes(tasks: readonly LaneTask[], limit: number): Promise<void> {
  const waiting = [...tasks]
  const busy = new Set<string>()
  let running = 0
  return new Promise((resolve, reject) => {
    let failed = false
    const next = (): void => {
      if (failed) return
      if (waiting.length === 0 && running === 0) {
        resolve()
        return
      }
      while (running < Math.max(1, limit)) {
        const index = waiting.findIndex(task => !busy.has(task.lane))
        if (index === -1) return
        const [task] = waiting.splice(index, 1) as [LaneTask]
        busy.add(task.lane)
        running += 1
        task.run().then(
          () => {
            busy.delete(task.lane)
            running -= 1
            next()
          },
          (error: unknown) => {
            failed = true
            reject(error)
          }
        )
      }
    }
    next()
  })
}
