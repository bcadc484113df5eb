// `npm run bench -- parallel [rounds]`: three labelled issues, each worked by the real Claude Code
// CLI against a scripted model that waits 2 s per turn, through the bundled action (dist/index.js)
// with loop.max_concurrent_work 1 and then 3, in fresh worlds of the same run. Wall time of the whole
// cycle and the peak RSS of the whole process tree (the action and every agent under it).
//
// RESULT parallel sequential_s=… parallel_s=… ratio=… (goal ≤ 0.5) peak_rss_mb=… (with 3 at once)
import { readFileSync } from 'node:fs'
import { descendants } from '../test/support/processes.js'
import type { TurnInput } from '../test/support/model-server/index.js'
import { THREE_ISSUES, threeConversations } from '../test/support/three-issues.js'
import { SCHEDULE_EVENT, createWorld } from '../test/support/world.js'

const TURN_DELAY_MS = 2_000

function slow(turns: TurnInput[]): TurnInput[] {
  return turns.map(turn => ({ ...turn, delay_ms: TURN_DELAY_MS }))
}

/** Resident memory of a process, in kB (0 when it has gone). */
function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** One cycle with `concurrency` items at once: seconds of wall time and the tree's peak RSS. */
async function cycle(concurrency: number): Promise<{ seconds: number; peakMb: number; pulls: number }> {
  const world = await createWorld({
    config: {
      ccal: {
        claude: { max_turns: 10, timeout_seconds: 120 },
        pull_requests: { draft: false },
        loop: { max_concurrent_work: concurrency, max_items_per_run: 3 },
        budgets: { prs_per_hour: 10 }
      }
    },
    scenario: { issues: THREE_ISSUES },
    script: []
  })
  try {
    world.model.setConversations(threeConversations(slow))
    const started = performance.now()
    const run = world.startAction(SCHEDULE_EVENT)
    let peakKb = 0
    const sampler = setInterval(() => {
      const pid = run.child.pid
      if (pid === undefined) return
      const total = [pid, ...descendants(pid)].reduce((sum, member) => sum + rssKb(member), 0)
      peakKb = Math.max(peakKb, total)
    }, 50)
    const result = await run.done
    clearInterval(sampler)
    const seconds = (performance.now() - started) / 1000
    if (result.status !== 0)
      throw new Error(`the cycle failed (${result.status}): ${result.stdout.slice(-2000)}`)
    const pulls = world.gh.state.pulls().length
    if (pulls !== 3) throw new Error(`expected 3 pull requests, got ${pulls}`)
    return { seconds, peakMb: peakKb / 1024, pulls }
  } finally {
    await world.cleanup()
  }
}

export default async function parallel(args: string[]): Promise<void> {
  const rounds = Math.max(1, Number(args[0] ?? 1))
  const sequential: number[] = []
  const side: number[] = []
  let peak = 0
  for (let round = 0; round < rounds; round++) {
    const one = await cycle(1)
    const three = await cycle(3)
    sequential.push(one.seconds)
    side.push(three.seconds)
    peak = Math.max(peak, three.peakMb)
    console.log(
      `round ${round + 1}: max_concurrent_work 1: ${one.seconds.toFixed(1)} s (peak ${one.peakMb.toFixed(0)} MB); 3: ${three.seconds.toFixed(1)} s (peak ${three.peakMb.toFixed(0)} MB)`
    )
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
  const s = median(sequential)
  const p = median(side)
  console.log(
    `RESULT parallel sequential_s=${s.toFixed(1)} parallel_s=${p.toFixed(1)} ratio=${(p / s).toFixed(2)} peak_rss_mb=${peak.toFixed(0)}`
  )
}
