/**
 * `ccal config validate [path]`, `ccal config print`, `ccal config schema`.
 */
import { stringify } from 'yaml'
import { renderJsonSchema } from '../../config/documents.js'
import { DEFAULT_CONFIG_PATH, loadSettings } from '../../config/load.js'
import { ConfigError, UsageError } from '../../util/errors.js'
import { parseCommandArgs, type CliCommand, type CliIo } from '../io.js'

const SUBCOMMANDS = 'validate [path] | print [--config PATH] [--json] | schema'

/** Secrets CCAL reads from the environment, shown in `config print` only as set or not set. */
const CREDENTIAL_VARIABLES = {
  github_token: ['GITHUB_TOKEN', 'GH_TOKEN'],
  github_app_private_key: ['CCAL_APP_PRIVATE_KEY_FILE', 'CCAL_APP_PRIVATE_KEY'],
  anthropic_api_key: ['ANTHROPIC_API_KEY'],
  claude_oauth_token: ['CLAUDE_CODE_OAUTH_TOKEN']
} as const

/** `***` with the variable it came from, or null: the value itself never leaves this function. */
export function redactedCredentials(env: NodeJS.ProcessEnv): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(CREDENTIAL_VARIABLES).map(([name, variables]) => {
      const source = variables.find(variable => (env[variable] ?? '') !== '')
      return [name, source ? `*** (from ${source})` : null]
    })
  )
}

function printProblems(io: CliIo, error: ConfigError): number {
  for (const problem of error.problems) io.stderr(problem)
  io.stderr(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found`)
  return 1
}

async function validate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('config validate', args, { repo: { type: 'string' } })
  if (positionals.length > 1)
    throw new UsageError(`ccal config validate: expected at most one path, found ${positionals.length}`)
  const named = positionals[0]
  try {
    // Validates the file itself: CCAL_* variables of this shell are not part of it.
    const loaded = loadSettings({
      root: values.repo ?? io.cwd,
      configPath: named ?? DEFAULT_CONFIG_PATH,
      configRequired: named !== undefined
    })
    for (const warning of loaded.warnings) io.stderr(`warning: ${warning}`)
    io.stdout(
      loaded.configFound
        ? `${loaded.configPath}: valid`
        : `${loaded.configPath}: not found; the defaults apply (they are valid)`
    )
    return 0
  } catch (error) {
    if (error instanceof ConfigError) return printProblems(io, error)
    throw error
  }
}

async function print(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'config print',
    args,
    { config: { type: 'string' }, repo: { type: 'string' }, json: { type: 'boolean' } },
    false
  )
  void positionals
  try {
    const loaded = loadSettings({
      root: values.repo ?? io.cwd,
      configPath: values.config ?? io.env.CCAL_CONFIG ?? DEFAULT_CONFIG_PATH,
      configRequired: values.config !== undefined || io.env.CCAL_CONFIG !== undefined,
      env: io.env
    })
    for (const warning of loaded.warnings) io.stderr(`warning: ${warning}`)
    const { storage: _ignored, ...settings } = loaded.settings
    const document = {
      source: loaded.configFound ? loaded.configPath : 'defaults (no config file)',
      ccal: settings,
      credentials: redactedCredentials(io.env)
    }
    io.stdout(
      values.json ? JSON.stringify(document, null, 2) : stringify(document, { lineWidth: 0 }).trimEnd()
    )
    return 0
  } catch (error) {
    if (error instanceof ConfigError) return printProblems(io, error)
    throw error
  }
}

/** `ccal config …` */
export const configCommand: CliCommand = async (args, io) => {
  const [sub, ...rest] = args
  switch (sub) {
    case 'validate':
      return validate(rest, io)
    case 'print':
      return print(rest, io)
    case 'schema':
      io.stdout(renderJsonSchema().trimEnd())
      return 0
    case undefined:
    case '--help':
    case 'help':
      io.stdout(`Usage: ccal config ${SUBCOMMANDS}`)
      return sub === undefined ? 2 : 0
    default:
      throw new UsageError(`ccal config: unknown subcommand '${sub}'; expected ${SUBCOMMANDS}`)
  }
}
