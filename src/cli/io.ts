import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError, errorMessage } from '../util/errors.js'

/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
}

/** A CLI command: receives the words after its name and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>

/** The real process's streams, working directory and environment. */
export function processIo(): CliIo {
  return {
    stdout: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    env: process.env
  }
}

/** node:util parseArgs, with its errors turned into a one-line UsageError naming the command. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = true
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (error) {
    throw new UsageError(`ccal ${command}: ${errorMessage(error)}. Run 'ccal help' for usage.`, {
      cause: error
    })
  }
}
