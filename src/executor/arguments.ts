/**
 * The `claude` command line for one run, built from settings and nothing else (pure). The prompt is
 * not on it: it goes to stdin, because one argument is limited to 128 KiB on Linux and the prompt
 * may be near `max_prompt_length` characters of multi-byte text.
 */
import type { Settings } from '../config/schema.js'
import { normalizeRepoPath } from './glob.js'

/**
 * Always denied, on top of `ccal.claude.disallowed_tools` and the excluded paths. Pushing, changing
 * remotes and talking to the network are CCAL's job (or nobody's); destructive and privileged commands
 * are never needed to change code. Bash patterns use the CLI's `prefix:*` form, checked against
 * 2.1.330 (`Bash(git push:*)` denies `git push origin main`).
 */
export const BUILTIN_DENIED_TOOLS: readonly string[] = [
  'Bash(git push:*)',
  'Bash(git remote:*)',
  'Bash(git config:*)',
  'Bash(git credential:*)',
  'Bash(gh:*)',
  'Bash(curl:*)',
  'Bash(wget:*)',
  'Bash(ssh:*)',
  'Bash(scp:*)',
  'Bash(rsync:*)',
  'Bash(nc:*)',
  'Bash(ncat:*)',
  'Bash(telnet:*)',
  'Bash(rm -rf:*)',
  'Bash(sudo:*)',
  'Bash(su:*)',
  'Bash(chmod -R:*)',
  'Bash(chown:*)',
  'Bash(dd:*)',
  'Bash(mkfs:*)',
  'WebFetch',
  'WebSearch'
]

/** The settings the command line depends on. */
export type ArgumentSettings = Pick<Settings, 'claude' | 'verify' | 'safety'>

/** What one run needs beyond the settings. */
export interface ClaudeArgumentsInput {
  readonly settings: ArgumentSettings
  /** CCAL's rules (see prompt.ts), passed as `--append-system-prompt`; ignored when resuming. */
  readonly systemPrompt: string
  /**
   * A file holding `systemPrompt`, passed as `--append-system-prompt-file` instead of the text: a
   * long `append_system_prompt` would not fit in one argument (see {@link fitsInArgument}).
   */
  readonly systemPromptFile?: string
  /** What is left of the budget; `--max-budget-usd` is omitted when undefined. */
  readonly maxBudgetUsd?: number
  /** Session to continue (`--resume`). */
  readonly resumeSessionId?: string
  /** Further excluded paths (the config file), relative to the repository root. */
  readonly extraExcludedPaths?: readonly string[]
  /** Further allowed tools for this run only. */
  readonly extraAllowedTools?: readonly string[]
}

/** `Bash(<command>:*)`: the rule that lets the agent run a configured command with any arguments. */
export function commandRule(command: string): string {
  return `Bash(${command.trim().replace(/\s+/g, ' ')}:*)`
}

/** The verify commands as Bash allow rules, so the agent may check its own work. */
export function verifyCommandRules(verify: Settings['verify']): string[] {
  return [verify.test_command, verify.lint_command]
    .filter((command): command is string => typeof command === 'string' && command.trim() !== '')
    .map(commandRule)
}

/**
 * `Edit(<glob>)` for each excluded path. In 2.1.330 an Edit path rule also blocks Write there (a
 * Write rule does not block Edit), and a bare relative pattern is taken from the working directory.
 */
export function excludedPathRules(paths: readonly string[]): string[] {
  return paths.map(path => {
    const relative = normalizeRepoPath(path.trim())
    return `Edit(${relative.endsWith('/') ? `${relative}**` : relative})`
  })
}

/** Read-only tools that, allowed bare, would reach every file on the runner. */
const READ_TOOLS = ['Read', 'Glob', 'Grep']

/**
 * Scopes a bare read-only tool to the working directory. In 2.1.330 a bare `Read` in
 * `--allowedTools` lets the agent read any file on the machine (a runner's credentials, ~/.ssh,
 * checkout's credentials file); without it, reads inside the working directory still work and reads
 * outside are refused. An explicit rule such as `Read(//opt/data/**)` is kept as it is.
 */
export function scopeReadTool(rule: string): string {
  return READ_TOOLS.includes(rule.trim()) ? `${rule.trim()}(./**)` : rule
}

/** Tools the agent may use without asking. */
export function allowedTools(input: ClaudeArgumentsInput): string[] {
  const { claude, verify } = input.settings
  return unique([
    ...claude.allowed_tools.map(scopeReadTool),
    ...verifyCommandRules(verify),
    ...(input.extraAllowedTools ?? [])
  ])
}

/** Tools and patterns the agent may never use. */
export function disallowedTools(input: ClaudeArgumentsInput): string[] {
  const excluded = [...input.settings.safety.excluded_paths, ...(input.extraExcludedPaths ?? [])]
  return unique([
    ...BUILTIN_DENIED_TOOLS,
    ...input.settings.claude.disallowed_tools,
    ...excludedPathRules(excluded)
  ])
}

/**
 * Linux refuses to start a program with one argument over 128 KiB (MAX_ARG_STRLEN: `spawn E2BIG`),
 * and all of them with the environment share about 2 MiB; text over 32 KiB goes by file.
 */
export const ARGUMENT_LIMIT_BYTES = 32 * 1024

/** True when `text` can be passed as one command-line argument. */
export function fitsInArgument(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') <= ARGUMENT_LIMIT_BYTES
}

/** `--max-budget-usd` wants a positive amount; cents are precise enough and keep the log readable. */
export function formatBudget(usd: number): string {
  return Math.max(0.01, Math.floor(usd * 100) / 100).toFixed(2)
}

/** The argument vector after the executable. Each rule is its own argument, so commas in rules are safe. */
export function buildClaudeArguments(input: ClaudeArgumentsInput): string[] {
  const { claude } = input.settings
  const args = ['-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits']
  args.push('--max-turns', String(claude.max_turns))
  if (claude.model) args.push('--model', claude.model)
  if (claude.fallback_model) args.push('--fallback-model', claude.fallback_model)
  for (const tool of allowedTools(input)) args.push('--allowedTools', tool)
  for (const tool of disallowedTools(input)) args.push('--disallowedTools', tool)
  if (input.resumeSessionId) args.push('--resume', input.resumeSessionId)
  // A resumed session keeps the system prompt it started with; sending it again would repeat it.
  else if (input.systemPromptFile) args.push('--append-system-prompt-file', input.systemPromptFile)
  else if (input.systemPrompt) args.push('--append-system-prompt', input.systemPrompt)
  if (input.maxBudgetUsd !== undefined) args.push('--max-budget-usd', formatBudget(input.maxBudgetUsd))
  args.push(...claude.extra_args)
  return args
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map(value => value.trim()).filter(value => value !== ''))]
}
