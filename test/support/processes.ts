/**
 * Processes in end-to-end tests: a killed job (SIGKILL to the action and every process group under
 * it, as a cancelled runner or an operator's kill -9 does) and waiting for something to happen.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** Pids of `pid`'s descendants, from /proc (Linux). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = []
  const queue = [pid]
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

/** SIGKILL to a process tree and the process groups its members lead (the Claude CLI has its own). */
export function killTree(pid: number): void {
  for (const target of [pid, ...descendants(pid)]) {
    for (const signalled of [-target, target]) {
      try {
        process.kill(signalled, 'SIGKILL')
      } catch {
        // Not a group leader, or already gone.
      }
    }
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}
