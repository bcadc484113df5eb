/**
 * Verification against the base: a repository whose tests already fail on the default branch must
 * not fail every item CCAL works on. When a verify command fails after a change, it is run once
 * more on the starting commit (the change set aside, then restored); the change is accepted when
 * every failure it shows was already there. Failures are compared by the same normalized
 * signatures discovery uses (tool, rule, file, message without run-specific numbers and paths).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseLogText } from '../findings/log/log-parser.js'
import { errorSignature } from '../findings/fingerprint.js'
import type { Git } from '../git/git.js'
import {
  isPassingStep,
  runVerify,
  type VerifyCommand,
  type VerifyOptions,
  type VerifyStep
} from './verify.js'

/** The failures a command's output shows, as normalized signatures (errors only). */
export function failureSignatures(output: string, root?: string): Set<string> {
  return new Set(
    parseLogText(output)
      .filter(finding => finding.severity === 'error')
      .map(finding => errorSignature(finding, root))
  )
}

/**
 * True when a failed step after the change shows only failures the base already had. When the
 * output holds no failure CCAL can parse, it cannot tell, and says no: a change is never accepted
 * on a guess.
 */
export function hasOnlyPreexistingFailures(after: VerifyStep, base: VerifyStep, root?: string): boolean {
  if (isPassingStep(after)) return true
  if (isPassingStep(base) || after.timedOut) return false
  const now = failureSignatures(after.output, root)
  if (now.size === 0) return false
  const before = failureSignatures(base.output, root)
  return [...now].every(signature => before.has(signature))
}

/**
 * Runs `commands` on the starting commit: the worktree's change is kept as a tree object, the
 * worktree reset to HEAD, and the change put back afterwards, whatever happens. No stash: the stash
 * is one ref shared by every worktree of a repository, and items running at once would pop each
 * other's changes.
 */
export async function runOnBase(
  git: Git,
  commands: readonly VerifyCommand[],
  options: Omit<VerifyOptions, 'commands'>
): Promise<VerifyStep[]> {
  const change = await treeOfWorktree(git)
  await resetToHead(git)
  try {
    return [...(await runVerify({ ...options, commands })).steps]
  } finally {
    await resetToHead(git)
    // The change's files back in the worktree, and the index back at HEAD: as the agent left it.
    await git.run(['read-tree', '-u', '--reset', change])
    await git.run(['reset', '--quiet'])
  }
}

/** The worktree's files (tracked and untracked, not ignored) as a tree, written with a private index. */
async function treeOfWorktree(git: Git): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ccal-index-'))
  const env = { GIT_INDEX_FILE: join(dir, 'index') }
  try {
    await git.run(['read-tree', 'HEAD'], { env })
    await git.run(['add', '--all'], { env })
    return (await git.run(['write-tree'], { env })).trim()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Tracked files as HEAD has them; untracked files gone, ignored ones (dependencies) kept. */
async function resetToHead(git: Git): Promise<void> {
  await git.run(['reset', '--hard', '--quiet'])
  await git.run(['clean', '-fdq'])
}
