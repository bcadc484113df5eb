import { errorMessage, isCcalError } from '../util/errors.js'
import { CCAL_VERSION } from '../version.js'
import type { CliCommand, CliIo } from './io.js'

/**
 * Each command is loaded when it runs: `ccal findings` does not load the GitHub client, the
 * executor and the ledger, which took longer to load than a big log takes to read.
 */
const COMMANDS: Record<string, { load: () => Promise<CliCommand>; summary: string }> = {
  init: {
    load: async () => (await import('./commands/init.js')).initCommand,
    summary: 'set the repository up: the workflow, the config, the labels, a dry run'
  },
  run: {
    load: async () => (await import('./commands/run.js')).runCommand,
    summary: 'run the cycle: --once, --daemon --interval N, --dry-run, --json'
  },
  status: {
    load: async () => (await import('./commands/status.js')).statusCommand,
    summary: 'the queue, open PRs and budget at a glance'
  },
  ledger: {
    load: async () => (await import('./commands/ledger.js')).ledgerCommand,
    summary: 'show | add | verify | log | restore | export the ledger branch'
  },
  report: {
    load: async () => (await import('./commands/report.js')).reportCommand,
    summary: '--html DIR [--json FILE|-] [--days N]: a report with charts from the ledger'
  },
  config: {
    load: async () => (await import('./commands/config.js')).configCommand,
    summary: 'validate [path] | print | schema'
  },
  findings: {
    load: async () => (await import('./commands/findings.js')).findingsCommand,
    summary: '<file> [--format auto|NAME] [--all] [--json]: normalized findings'
  }
}

/** Usage text for `ccal help`. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(name => name.length))
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`)
  return [
    'Usage: ccal <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'ccal <command> --help' for a command's options."
  ].join('\n')
}

/**
 * Dispatches `ccal <command> …` and returns the exit code. Every expected failure becomes one line on
 * stderr; an unexpected one gets its stack only when CCAL_DEBUG is set.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === 'version') {
    io.stdout(CCAL_VERSION)
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`ccal: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`)
    return 2
  }
  try {
    const run = await command.load()
    return await run(rest, io)
  } catch (error) {
    if (isCcalError(error)) {
      io.stderr(error.message.startsWith('ccal ') ? error.message : `ccal ${name}: ${error.message}`)
      return error.exitCode
    }
    io.stderr(`ccal ${name}: unexpected error: ${errorMessage(error)}`)
    if (io.env.CCAL_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack)
    return 1
  }
}
