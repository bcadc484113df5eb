/**
 * The evidence-driven sources in the order the cycle runs them: failed CI logs, lint findings,
 * coverage gaps, local error logs. Each decides in `appliesTo` whether it is enabled and has
 * anything to do for the trigger.
 */
import { CiLogsSource } from './ci-logs.js'
import { createProcessRunner, type CommandRunner } from './command-runner.js'
import { CoverageSource } from './coverage.js'
import { ErrorLogsSource } from './error-logs.js'
import { LintSource } from './lint.js'
import type { DiscoverySource } from './source.js'

/** The evidence sources of one run; lint commands run through `runner` (child processes by default). */
export function createEvidenceSources(options: { runner?: CommandRunner } = {}): DiscoverySource[] {
  return [
    new CiLogsSource(),
    new LintSource(options.runner ?? createProcessRunner()),
    new CoverageSource(),
    new ErrorLogsSource()
  ]
}
