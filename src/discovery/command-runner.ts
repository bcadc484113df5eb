/**
 * Running the lint commands maintainers configure. Commands are trusted configuration, but they are
 * still run without a shell: the text is split into words here (quotes respected, no expansion,
 * no pipes) and the program is started directly. Injected into the lint source, so tests and other
 * runners can supply their own.
 */
import { execFile } from 'node:child_process'
import { splitArguments } from '../config/arguments.js'

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface CommandRunner {
  /** Runs `argv[0]` with the remaining words as arguments; never throws for a non-zero exit. */
  run(argv: readonly string[], options: { cwd: string; timeoutMs: number }): Promise<CommandResult>
}

/** A command line that cannot be split into words (an unclosed quote). */
export class CommandSyntaxError extends Error {}

/** Splits a command line into words without a shell (see {@link splitArguments}). */
export function splitCommand(command: string): string[] {
  try {
    return splitArguments(command, 'command')
  } catch (error) {
    throw new CommandSyntaxError(`unclosed quote in: ${command}`, { cause: error })
  }
}

/** Output kept from a command (lint reports of big repositories can be large, but not unbounded). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024

/** Runs commands as child processes (execFile: no shell). */
export function createProcessRunner(env: NodeJS.ProcessEnv = process.env): CommandRunner {
  return {
    run(argv, options) {
      const [program, ...args] = argv
      if (!program) return Promise.resolve({ exitCode: 127, stdout: '', stderr: 'empty command' })
      return new Promise(resolvePromise => {
        execFile(
          program,
          args,
          {
            cwd: options.cwd,
            env,
            timeout: options.timeoutMs,
            maxBuffer: MAX_OUTPUT_BYTES,
            encoding: 'utf8'
          },
          (error, stdout, stderr) => {
            const code = (error as { code?: unknown } | null)?.code
            const exitCode = error === null ? 0 : typeof code === 'number' ? code : 127
            resolvePromise({
              exitCode,
              stdout,
              stderr: error && typeof code !== 'number' ? `${stderr}${error.message}` : stderr
            })
          }
        )
      })
    }
  }
}
