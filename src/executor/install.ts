/**
 * Getting a working Claude Code CLI before any work starts: a `claude` on PATH (a self-hosted runner
 * with a login) or the pinned `@anthropic-ai/claude-code`, installed with `npm install --prefix` into
 * a tool directory and cached across runs (@actions/cache inside Actions, nothing outside); the model
 * credentials chosen; and a `--version` check that fails with a message saying what to fix.
 */
import { execFile } from 'node:child_process'
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import type { Settings } from '../config/schema.js'
import { CcalError, errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { buildChildEnvironment, type ModelCredentials } from './environment.js'
import { DEFAULT_MODEL_API, startModelProxy, usesHttpProxy, type ModelProxy } from './model-proxy.js'

/** The CLI cannot be found, installed, authenticated or run; the message says what to do. */
export class ClaudeSetupError extends CcalError {}

/** Where the CLI came from. */
export type ClaudeSource = 'path' | 'configured' | 'tool_dir' | 'cache' | 'installed'

/** A cache for the tool directory; `@actions/cache` behind it inside Actions (src/action/tool-cache.ts). */
export interface ToolCache {
  /** True when `dir` was restored from `key`. */
  restore(dir: string, key: string): Promise<boolean>
  save(dir: string, key: string): Promise<void>
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** A native executable starts with ELF / Mach-O / PE magic; npm's placeholder for `claude.exe` does not. */
export function isNativeBinary(path: string): boolean {
  const head = Buffer.alloc(4)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, 4, 0)
  } finally {
    closeSync(fd)
  }
  const magic = head.toString('hex')
  return magic === '7f454c46' || /^(cffaedfe|cefaedfe|4d5a)/.test(magic)
}

/** Finds `name` on `PATH` like a shell would. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    if (isExecutableFile(candidate)) return candidate
  }
  return undefined
}

/** The runnable binary inside an npm `--prefix` directory holding @anthropic-ai/claude-code. */
export function binaryInPrefix(
  prefix: string,
  platform = process.platform,
  arch = process.arch
): string | undefined {
  const modules = join(prefix, 'node_modules', '@anthropic-ai')
  const binary = platform === 'win32' ? 'claude.exe' : 'claude'
  // Install scripts do not run (npm 11 asks first; we pass --ignore-scripts), so the platform
  // package's binary is the one to use; bin/claude.exe is native only where the postinstall ran.
  const candidates = [
    join(modules, `claude-code-${platform}-${arch}`, binary),
    join(modules, `claude-code-${platform}-${arch}-musl`, binary),
    join(modules, 'claude-code', 'bin', 'claude.exe')
  ]
  return candidates.find(candidate => isExecutableFile(candidate) && isNativeBinary(candidate))
}

/** Cache key of the installed CLI: version and platform. */
export function cacheKey(version: string, platform = process.platform, arch = process.arch): string {
  return `ccal-claude-code-${version}-${platform}-${arch}`
}

/** The tool directory: the runner's tool cache inside Actions, `~/.cache/ccal` outside. */
export function toolDirectory(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const platform = `${process.platform}-${process.arch}`
  if (env.RUNNER_TOOL_CACHE) return join(env.RUNNER_TOOL_CACHE, 'ccal-claude-code', version, platform)
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache')
  return join(cacheHome, 'ccal', 'claude-code', `${version}-${platform}`)
}

/** Runs a command and resolves with its output; rejects with stderr on failure or timeout. */
export type CommandRunner = (
  file: string,
  args: readonly string[],
  options: { env: Readonly<Record<string, string>>; timeoutMs: number; cwd?: string }
) => Promise<{ stdout: string; stderr: string }>

/** The default {@link CommandRunner}: `execFile`, no shell. */
export const execCommand: CommandRunner = (file, args, options) =>
  new Promise((resolvePromise, reject) => {
    execFile(
      file,
      [...args],
      { env: { ...options.env }, timeout: options.timeoutMs, cwd: options.cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stdout: String(stdout), stderr: String(stderr) }))
        else resolvePromise({ stdout: String(stdout), stderr: String(stderr) })
      }
    )
  })

/** Options for {@link locateClaude}. */
export interface LocateOptions {
  readonly settings: Pick<Settings['claude'], 'executable' | 'version'>
  readonly env?: NodeJS.ProcessEnv
  /** Inside Actions: from `actionsToolCache` (src/action/tool-cache.ts). */
  readonly cache?: ToolCache
  /** Overrides the tool directory (tests). */
  readonly toolDir?: string
  readonly run?: CommandRunner
  readonly logger?: Logger
}

/** Where the CLI is and how it got there. */
export interface LocatedClaude {
  readonly executable: string
  readonly source: ClaudeSource
}

/**
 * Finds the CLI: the configured path, else `claude` on PATH, else the pinned version in the tool
 * directory (restored from the cache or installed with npm, then saved to the cache).
 */
export async function locateClaude(options: LocateOptions): Promise<LocatedClaude> {
  const env = options.env ?? process.env
  const logger = options.logger ?? silentLogger
  const { executable, version } = options.settings
  if (executable.includes('/')) {
    const path = isAbsolute(executable) ? executable : resolve(executable)
    if (!isExecutableFile(path))
      throw new ClaudeSetupError(`ccal.claude.executable: ${path} is not an executable file`)
    return { executable: path, source: 'configured' }
  }
  const onPath = findOnPath(executable, env.PATH)
  if (onPath) return { executable: onPath, source: 'path' }

  const toolDir = options.toolDir ?? toolDirectory(version, env)
  const existing = binaryInPrefix(toolDir)
  if (existing) return { executable: existing, source: 'tool_dir' }
  const key = cacheKey(version)
  if (options.cache && (await options.cache.restore(toolDir, key))) {
    const restored = binaryInPrefix(toolDir)
    if (restored) {
      logger.info(`Claude Code ${version} restored from the cache (${key})`)
      return { executable: restored, source: 'cache' }
    }
  }
  logger.info(`installing @anthropic-ai/claude-code@${version} into ${toolDir}`)
  const npm = findOnPath('npm', env.PATH)
  if (!npm)
    throw new ClaudeSetupError(
      `'${executable}' is not on PATH and npm is not available to install @anthropic-ai/claude-code@${version}`
    )
  try {
    await (options.run ?? execCommand)(
      npm,
      [
        'install',
        '--prefix',
        toolDir,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        `@anthropic-ai/claude-code@${version}`
      ],
      { env: buildChildEnvironment({ parent: env, withoutModelCredentials: true }), timeoutMs: 300_000 }
    )
  } catch (error) {
    throw new ClaudeSetupError(
      `could not install @anthropic-ai/claude-code@${version}: ${installFailure(error)}`,
      { cause: error }
    )
  }
  const installed = binaryInPrefix(toolDir)
  if (!installed)
    throw new ClaudeSetupError(
      `@anthropic-ai/claude-code@${version} installed into ${toolDir}, but no binary for ${process.platform}-${process.arch} was found there`
    )
  if (options.cache) {
    try {
      await options.cache.save(toolDir, key)
    } catch (error) {
      logger.warning(`could not cache Claude Code: ${errorMessage(error)}`)
    }
  }
  return { executable: installed, source: 'installed' }
}

function installFailure(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr
  const detail =
    typeof stderr === 'string' && stderr.trim() ? stderr.trim().split('\n').slice(-3).join(' / ') : ''
  return detail || errorMessage(error)
}

/** Where the model credentials come from. */
export type AuthSource =
  | 'anthropic-api-key input'
  | 'claude-oauth-token input'
  | 'ANTHROPIC_API_KEY'
  | 'CLAUDE_CODE_OAUTH_TOKEN'
  | 'Amazon Bedrock'
  | 'Google Vertex AI'
  | 'runner login'

/** The chosen authentication. */
export interface ResolvedAuth {
  readonly source: AuthSource
  readonly credentials: ModelCredentials
}

/** Options for {@link resolveAuth}. */
export interface AuthOptions {
  readonly method: Settings['claude']['auth_method']
  /** The `anthropic-api-key` input. */
  readonly apiKey?: string
  /** The `claude-oauth-token` input. */
  readonly oauthToken?: string
  readonly env?: NodeJS.ProcessEnv
}

/**
 * Picks the credentials: the API key input, else the OAuth token input, else what the environment
 * already holds (a key, a token, Bedrock or Vertex settings), else the runner's own login.
 * `auth_method` forces one kind and fails when it is missing.
 */
export function resolveAuth(options: AuthOptions): ResolvedAuth {
  const env = options.env ?? process.env
  const apiKey = options.apiKey?.trim()
  const oauthToken = options.oauthToken?.trim()
  const missing = (what: string) =>
    new ClaudeSetupError(`ccal.claude.auth_method is '${options.method}' but no ${what} was given`)
  switch (options.method) {
    case 'api_key':
      if (apiKey) return { source: 'anthropic-api-key input', credentials: { apiKey } }
      if (env.ANTHROPIC_API_KEY)
        return { source: 'ANTHROPIC_API_KEY', credentials: { apiKey: env.ANTHROPIC_API_KEY } }
      throw missing('anthropic-api-key input or ANTHROPIC_API_KEY')
    case 'oauth_token':
      if (oauthToken) return { source: 'claude-oauth-token input', credentials: { oauthToken } }
      if (env.CLAUDE_CODE_OAUTH_TOKEN)
        return { source: 'CLAUDE_CODE_OAUTH_TOKEN', credentials: { oauthToken: env.CLAUDE_CODE_OAUTH_TOKEN } }
      throw missing('claude-oauth-token input or CLAUDE_CODE_OAUTH_TOKEN')
    case 'login':
      // An API key in the environment would win over the login, so it is dropped.
      return { source: 'runner login', credentials: {} }
    case 'auto':
      if (apiKey) return { source: 'anthropic-api-key input', credentials: { apiKey } }
      if (oauthToken) return { source: 'claude-oauth-token input', credentials: { oauthToken } }
      if (env.ANTHROPIC_API_KEY) return { source: 'ANTHROPIC_API_KEY', credentials: {} }
      if (env.CLAUDE_CODE_OAUTH_TOKEN) return { source: 'CLAUDE_CODE_OAUTH_TOKEN', credentials: {} }
      if (env.CLAUDE_CODE_USE_BEDROCK) return { source: 'Amazon Bedrock', credentials: {} }
      if (env.CLAUDE_CODE_USE_VERTEX) return { source: 'Google Vertex AI', credentials: {} }
      return { source: 'runner login', credentials: {} }
  }
}

/** What `claude auth status` says (JSON; exit 1 when not logged in). */
export interface AuthStatus {
  readonly loggedIn: boolean
  readonly authMethod: string
  readonly apiProvider: string
}

/** Parses `claude auth status` output; undefined when it is not the JSON this version prints. */
export function parseAuthStatus(output: string): AuthStatus | undefined {
  try {
    const json: unknown = JSON.parse(output)
    if (json === null || typeof json !== 'object') return undefined
    const { loggedIn, authMethod, apiProvider } = json as Record<string, unknown>
    if (typeof loggedIn !== 'boolean') return undefined
    return {
      loggedIn,
      authMethod: typeof authMethod === 'string' ? authMethod : 'unknown',
      apiProvider: typeof apiProvider === 'string' ? apiProvider : 'unknown'
    }
  } catch {
    return undefined
  }
}

/** Asks the CLI whether it has credentials in `env` (offline, ~0.3 s). */
async function checkAuthStatus(
  executable: string,
  env: Readonly<Record<string, string>>,
  run: CommandRunner
): Promise<AuthStatus | undefined> {
  try {
    return parseAuthStatus((await run(executable, ['auth', 'status'], { env, timeoutMs: 60_000 })).stdout)
  } catch (error) {
    // Exit 1 means "not logged in" and still prints the JSON.
    const stdout = (error as { stdout?: unknown }).stdout
    return typeof stdout === 'string' ? parseAuthStatus(stdout) : undefined
  }
}

/** What the validation step found. */
export interface ClaudeRuntime {
  readonly executable: string
  readonly source: ClaudeSource
  readonly version: string
  readonly auth: ResolvedAuth
  /** What `claude auth status` reported, when this CLI version supports it. */
  readonly authStatus: AuthStatus | undefined
  /** The scrubbed environment every run starts from (see environment.ts). */
  readonly env: Readonly<Record<string, string>>
  /** Whether the API key reaches the CLI only through the loopback proxy (model-proxy.ts). */
  readonly keyProxied: boolean
  /** Stops the model proxy, if one was started; the runtime is unusable afterwards. */
  close(): Promise<void>
}

/** Options for {@link prepareClaude}. */
export interface PrepareOptions extends Omit<LocateOptions, 'settings'> {
  readonly settings: Settings['claude']
  readonly apiKey?: string
  readonly oauthToken?: string
  /** Extra names passed to the child, on top of `ccal.claude.env_passthrough`. */
  readonly passthrough?: readonly string[]
}

/** Parses `claude --version` output (`2.1.330 (Claude Code)`). */
export function parseVersion(output: string): string | undefined {
  return /(\d+\.\d+\.\d+)/.exec(output)?.[1]
}

/**
 * Finds or installs the CLI, resolves authentication, builds the child environment and checks that
 * `claude --version` runs in it and `claude auth status` finds credentials. Throws
 * {@link ClaudeSetupError} with what to fix.
 */
export async function prepareClaude(options: PrepareOptions): Promise<ClaudeRuntime> {
  const logger = options.logger ?? silentLogger
  const parent = options.env ?? process.env
  const auth = resolveAuth({
    method: options.settings.auth_method,
    apiKey: options.apiKey,
    oauthToken: options.oauthToken,
    env: parent
  })
  const located = await locateClaude(options)
  const passthrough = [...options.settings.env_passthrough, ...(options.passthrough ?? [])]
  const env = buildChildEnvironment({ parent, credentials: auth.credentials, passthrough })
  if (auth.source === 'runner login') {
    delete env.ANTHROPIC_API_KEY
    delete env.CLAUDE_CODE_OAUTH_TOKEN
  }
  const proxy = await proxyApiKey(env, parent, logger)
  try {
    return await validate(options, located, auth, env, proxy, logger)
  } catch (error) {
    await proxy?.close()
    throw error
  }
}

/**
 * Puts the API key behind the loopback proxy (model-proxy.ts): the CLI gets the proxy's address
 * and a stand-in key, so that the agent's shell never holds the real one.
 */
async function proxyApiKey(
  env: Record<string, string>,
  parent: NodeJS.ProcessEnv,
  logger: Logger
): Promise<ModelProxy | undefined> {
  const apiKey = env.ANTHROPIC_API_KEY
  if (!apiKey) return undefined
  if (usesHttpProxy(parent)) {
    logger.warning(
      "an HTTP proxy is configured, so the API key is passed to Claude Code directly and is visible to the agent's shell; use a key with a spend limit"
    )
    return undefined
  }
  const proxy = await startModelProxy({
    upstream: env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_MODEL_API,
    apiKey,
    logger
  })
  env.ANTHROPIC_BASE_URL = proxy.url
  env.ANTHROPIC_API_KEY = proxy.standIn
  return proxy
}

async function validate(
  options: PrepareOptions,
  located: { executable: string; source: ClaudeSource },
  auth: ResolvedAuth,
  env: Record<string, string>,
  proxy: ModelProxy | undefined,
  logger: Logger
): Promise<ClaudeRuntime> {
  let output: string
  try {
    output = (
      await (options.run ?? execCommand)(located.executable, ['--version'], { env, timeoutMs: 60_000 })
    ).stdout
  } catch (error) {
    throw new ClaudeSetupError(
      `Claude Code at ${located.executable} does not run (${installFailure(error)}). Check the installation or set ccal.claude.executable.`,
      { cause: error }
    )
  }
  const version = parseVersion(output)
  if (!version)
    throw new ClaudeSetupError(
      `'${located.executable} --version' printed no version: ${output.trim().slice(0, 200)}`
    )
  const authStatus = await checkAuthStatus(located.executable, env, options.run ?? execCommand)
  if (authStatus && !authStatus.loggedIn)
    throw new ClaudeSetupError(
      `Claude Code ${version} has no credentials (looked for: ${auth.source}). Pass the anthropic-api-key or ` +
        'claude-oauth-token input, or log in on the runner (`claude` then /login, or `claude setup-token`).'
    )
  const method = authStatus ? ` (${authStatus.authMethod}, ${authStatus.apiProvider})` : ''
  logger.info(
    `Claude Code ${version} (${located.source}: ${located.executable}); authentication: ${auth.source}${method}`
  )
  return {
    executable: located.executable,
    source: located.source,
    version,
    auth,
    authStatus,
    env,
    keyProxied: proxy !== undefined,
    close: async () => {
      await proxy?.close()
    }
  }
}
