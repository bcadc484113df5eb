/**
 * The only reader of action inputs (`core.getInput`). Every input of action.yml is listed here, and
 * a test checks that the two agree. An empty input means "not set": settings inputs have no default
 * in action.yml so that the config file's value stands unless an input overrides it.
 */
import * as core from '@actions/core'
import { splitArguments } from '../config/arguments.js'
import { DEFAULT_CONFIG_PATH } from '../config/load.js'
import type { TextOverride } from '../config/overrides.js'
import { ConfigError } from '../util/errors.js'

export const RUN_MODES = ['cycle', 'plan', 'execute'] as const
export type RunMode = (typeof RUN_MODES)[number]

/** Inputs that override one setting each, with the key path they set. */
export const SETTING_INPUTS = {
  'dry-run': ['safety', 'dry_run'],
  'max-items': ['loop', 'max_items_per_run'],
  model: ['claude', 'model'],
  'claude-args': ['claude', 'extra_args'],
  'ledger-branch': ['ledger', 'branch'],
  'log-level': ['monitoring', 'log_level'],
  transcript: ['monitoring', 'transcripts', 'enabled']
} as const satisfies Record<string, readonly string[]>

/** Every input the action reads, in action.yml's order. */
export const ACTION_INPUTS = [
  'github-token',
  'anthropic-api-key',
  'claude-oauth-token',
  'config',
  'mode',
  'item',
  ...Object.keys(SETTING_INPUTS),
  'report'
] as readonly string[]

export interface ActionInputs {
  githubToken: string
  anthropicApiKey?: string
  claudeOauthToken?: string
  configPath: string
  /** True when the config input names a file other than the default (a missing file is then an error). */
  configExplicit: boolean
  mode: RunMode
  item?: string
  overrides: TextOverride[]
  /** Write the HTML report and upload it as an artifact of the run. */
  report: boolean
}

function optional(name: string): string | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : value
}

function isRunMode(value: string): value is RunMode {
  return (RUN_MODES as readonly string[]).includes(value)
}

/** Reads and checks every input; throws ConfigError listing each bad one. Secrets are masked in logs. */
export function readActionInputs(): ActionInputs {
  const problems: string[] = []
  const githubToken = core.getInput('github-token')
  const anthropicApiKey = optional('anthropic-api-key')
  const claudeOauthToken = optional('claude-oauth-token')
  for (const secret of [githubToken, anthropicApiKey, claudeOauthToken]) if (secret) core.setSecret(secret)
  if (!githubToken)
    problems.push(
      "input github-token: expected a token (the default is '${{ github.token }}'), found nothing"
    )

  const mode = optional('mode') ?? 'cycle'
  if (!isRunMode(mode)) problems.push(`input mode: expected one of ${RUN_MODES.join(' | ')}, found "${mode}"`)
  const item = optional('item')
  if (mode === 'execute' && !item)
    problems.push('input item: expected a work item id when mode is execute, found nothing')

  const overrides: TextOverride[] = []
  for (const [name, path] of Object.entries(SETTING_INPUTS)) {
    const text = optional(name)
    if (text === undefined) continue
    const origin = `input ${name}`
    if (name === 'claude-args') {
      try {
        overrides.push({ path, text: JSON.stringify(splitArguments(text, origin)), origin })
      } catch (error) {
        problems.push((error as Error).message)
      }
      continue
    }
    overrides.push({ path, text, origin })
  }
  const report = optional('report') ?? 'false'
  if (report !== 'true' && report !== 'false')
    problems.push(`input report: expected true or false, found "${report}"`)
  if (problems.length > 0) throw new ConfigError(problems)

  const configPath = optional('config') ?? DEFAULT_CONFIG_PATH
  return {
    githubToken,
    ...(anthropicApiKey ? { anthropicApiKey } : {}),
    ...(claudeOauthToken ? { claudeOauthToken } : {}),
    configPath,
    configExplicit: configPath !== DEFAULT_CONFIG_PATH,
    mode: mode as RunMode,
    ...(item ? { item } : {}),
    overrides,
    report: report === 'true'
  }
}
