/**
 * Verification against the base: a repository whose tests already fail on the default branch must
 * not fail every item CCAL works on. When a verify command fails after a change, it is run once
 * more on the starting commit (the change stashed, then restored); the change is accepted when
 * every failure it shows was already there. Failures are compared by the same normalized
 * signatures discovery uses (tool, rule, file, message without run-specific numbers and paths).
 */
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

/** Runs `commands` on the starting commit: the working tree's change is stashed and always restored. */
export async function runOnBase(
  git: Git,
  commands: readonly VerifyCommand[],
  options: Omit<VerifyOptions, 'commands'>
): Promise<VerifyStep[]> {
  await git.run(['stash', 'push', '--include-untracked', '--quiet', '--message', 'ccal: verify on the base'])
  try {
    return [...(await runVerify({ ...options, commands })).steps]
  } finally {
    await git.run(['stash', 'pop', '--quiet', '--index'])
  }
}
