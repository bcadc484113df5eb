/**
 * The verify step: the maintainers' configured test and lint commands, run after a change. These
 * strings come from the repository's config (trusted), so they go through `bash -c` like a CI step;
 * untrusted text never reaches this function. Each command runs in its own process group with a
 * timeout, in the same scrubbed environment as the agent minus the model credentials.
 */
import { spawn } from 'node:child_process'
import type { Sandbox } from './sandbox.js'
import type { Settings } from '../config/schema.js'
import { killProcessGroup } from './claude.js'
import { trimMiddle } from './prompt.js'

/** One configured command. */
export interface VerifyCommand {
  /** `setup` is the worktree's set-up command (src/workspace/setup.ts), run the same way. */
  readonly name: 'test' | 'lint' | 'setup'
  readonly command: string
}

/** How one command ended. */
export interface VerifyStep {
  readonly name: VerifyCommand['name']
  readonly command: string
  readonly exitCode: number | null
  readonly timedOut: boolean
  readonly durationMs: number
  /** stdout and stderr interleaved, trimmed to the configured size (start and, mostly, end). */
  readonly output: string
}

/** The verify outcome of one attempt. */
export interface VerifyReport {
  readonly outcome: 'passed' | 'failed' | 'skipped'
  readonly steps: readonly VerifyStep[]
}

/** Options for {@link runVerify}. */
export interface VerifyOptions {
  readonly commands: readonly VerifyCommand[]
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  readonly timeoutMs: number
  /** Characters of output kept per command (default 20,000). */
  readonly maxOutput?: number
  readonly signal?: AbortSignal
  /** The box the commands run in (sandbox.ts); as they are without one. */
  readonly sandbox?: Sandbox
}

/** The configured commands, test first. */
export function verifyCommands(verify: Settings['verify']): VerifyCommand[] {
  const commands: VerifyCommand[] = []
  if (verify.test_command?.trim()) commands.push({ name: 'test', command: verify.test_command.trim() })
  if (verify.lint_command?.trim()) commands.push({ name: 'lint', command: verify.lint_command.trim() })
  return commands
}

/** True when a step passed: exit 0 within its time. */
export function isPassingStep(step: VerifyStep): boolean {
  return step.exitCode === 0 && !step.timedOut
}

/** Runs every command (all of them, so one report shows every failure) and reports. */
export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  if (options.commands.length === 0) return { outcome: 'skipped', steps: [] }
  const steps: VerifyStep[] = []
  for (const command of options.commands) {
    if (options.signal?.aborted) break
    steps.push(await runStep(command, options))
  }
  const passed = steps.length === options.commands.length && steps.every(isPassingStep)
  return { outcome: passed ? 'passed' : 'failed', steps }
}

/** Output of each failed step, for the follow-up prompt. */
export function failureOutputs(report: VerifyReport): { command: string; output: string }[] {
  return report.steps
    .filter(step => !isPassingStep(step))
    .map(step => ({
      command: step.command,
      output: step.timedOut ? `${step.output}\n[timed out]` : step.output || `exit code ${step.exitCode}`
    }))
}

function runStep(command: VerifyCommand, options: VerifyOptions): Promise<VerifyStep> {
  const started = Date.now()
  const maxOutput = options.maxOutput ?? 20_000
  return new Promise(resolve => {
    const argv = options.sandbox
      ? options.sandbox.wrap(['bash', '-c', command.command], options.cwd)
      : ['bash', '-c', command.command]
    const env = { ...options.env, CI: options.env.CI ?? 'true' }
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: options.cwd,
      env: options.sandbox ? options.sandbox.environment(env) : env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    // Keep a bounded window: the head (first error) and a tail long enough to trim from.
    let output = ''
    const keep = (chunk: string) => {
      output += chunk
      if (output.length > maxOutput * 4) output = trimMiddle(output, maxOutput * 2)
    }
    child.stdout.setEncoding('utf8').on('data', keep)
    child.stderr.setEncoding('utf8').on('data', keep)
    let timedOut = false
    const stop = () => {
      if (child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL')
    }
    const timer = setTimeout(() => {
      timedOut = true
      stop()
    }, options.timeoutMs)
    options.signal?.addEventListener('abort', stop, { once: true })
    child.on('error', error => keep(`\n${error.message}`))
    child.on('close', exitCode => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', stop)
      stop()
      resolve({
        name: command.name,
        command: command.command,
        exitCode,
        timedOut,
        durationMs: Date.now() - started,
        output: trimMiddle(output.trim(), maxOutput)
      })
    })
  })
}
