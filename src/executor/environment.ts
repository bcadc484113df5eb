/**
 * The environment of the Claude Code child (and of the verify commands): built from an allow-list,
 * never by deleting known secrets from `process.env`, because a runner holds tokens under names
 * nobody can list in advance. Only what the model connection and ordinary tools need passes.
 */

/** Exact names passed through when present. */
export const PASSED_NAMES: readonly string[] = [
  // Processes, shells and tools need these to work at all.
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TEMP',
  'TMP',
  'TZ',
  'LANG',
  'TERM',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
  // Networks behind a proxy or a private CA.
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Claude Code's own switches that users rely on.
  'DISABLE_TELEMETRY',
  'DISABLE_AUTOUPDATER',
  'DISABLE_ERROR_REPORTING',
  'DISABLE_NON_ESSENTIAL_MODEL_CALLS',
  'DISABLE_PROMPT_CACHING',
  'API_TIMEOUT_MS',
  'MAX_THINKING_TOKENS',
  'BASH_DEFAULT_TIMEOUT_MS',
  'BASH_MAX_TIMEOUT_MS',
  'BASH_MAX_OUTPUT_LENGTH',
  'MCP_TIMEOUT',
  'IS_SANDBOX',
  // Amazon Bedrock.
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  // Google Vertex AI.
  'CLOUD_ML_REGION',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GOOGLE_CLOUD_PROJECT',
  'GCLOUD_PROJECT'
]

/** Name prefixes passed through: the CLI's and the model provider's settings. */
export const PASSED_PREFIXES: readonly string[] = [
  'ANTHROPIC_',
  'CLAUDE_CODE_',
  'CLAUDE_CONFIG_',
  'VERTEX_REGION_',
  'LC_'
]

/**
 * Names that never pass, whatever the allow-list or the user's `env_passthrough` says: GitHub and
 * runner tokens, OIDC request tokens, and every action input (inputs hold the secrets they were given).
 */
const FORBIDDEN: readonly RegExp[] = [
  /^GITHUB_TOKEN$/i,
  /^GH_TOKEN$/i,
  /^GH_ENTERPRISE_TOKEN$/i,
  /^GITHUB_ENTERPRISE_TOKEN$/i,
  /^ACTIONS_/i,
  /^INPUT_/i,
  /^RUNNER_TOKEN$/i,
  /^CCAL_.*TOKEN/i,
  /^CCAL_APP_/i
]

/** True for names that must never reach the agent. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN.some(pattern => pattern.test(name))
}

/** True for names the child receives when the parent has them. */
export function isPassedName(name: string, extra: readonly string[] = []): boolean {
  if (isForbiddenName(name)) return false
  return (
    PASSED_NAMES.includes(name) ||
    extra.includes(name) ||
    PASSED_PREFIXES.some(prefix => name.startsWith(prefix))
  )
}

/** Model credentials chosen by {@link resolveAuth} in install.ts. */
export interface ModelCredentials {
  readonly apiKey?: string
  readonly oauthToken?: string
}

/** Options for {@link buildChildEnvironment}. */
export interface ChildEnvironmentOptions {
  /** The parent's environment (CCAL's own `process.env`). */
  readonly parent: NodeJS.ProcessEnv
  /** Credentials to set; the other kind is then removed so the intended one wins. */
  readonly credentials?: ModelCredentials
  /** Extra names to pass (`ccal.claude.env_passthrough`); forbidden names are still dropped. */
  readonly passthrough?: readonly string[]
  /** Leave model credentials out entirely (for verify commands, which need none). */
  readonly withoutModelCredentials?: boolean
}

/** Credential-bearing names of the model connection. */
const MODEL_CREDENTIAL_NAMES = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK'
]

/** A copy of `env` without the model credentials (for verify commands, which need none). */
export function withoutModelCredentials(env: Readonly<Record<string, string>>): Record<string, string> {
  const copy = { ...env }
  for (const name of MODEL_CREDENTIAL_NAMES) delete copy[name]
  return copy
}

/**
 * The child's environment: allowed names from the parent, then the chosen credentials. An OAuth token
 * removes `ANTHROPIC_API_KEY` because the CLI prefers an API key when both are present.
 */
export function buildChildEnvironment(options: ChildEnvironmentOptions): Record<string, string> {
  const extra = options.passthrough ?? []
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.parent)) {
    if (value !== undefined && isPassedName(name, extra)) env[name] = value
  }
  const credentials = options.credentials ?? {}
  if (credentials.apiKey) {
    env.ANTHROPIC_API_KEY = credentials.apiKey
  } else if (credentials.oauthToken) {
    env.CLAUDE_CODE_OAUTH_TOKEN = credentials.oauthToken
    delete env.ANTHROPIC_API_KEY
  }
  // Git must never stop to ask for a password on a terminal nobody watches.
  env.GIT_TERMINAL_PROMPT = '0'
  return options.withoutModelCredentials ? withoutModelCredentials(env) : env
}
