/**
 * The one place CCAL runs git. Every call goes through `spawn` with an argument vector (never a
 * shell), returns `{ exitCode, stdout, stderr }` so callers branch on expected failures (a rejected
 * push, a missing remote branch), and can carry stdin, extra environment (`GIT_INDEX_FILE`) and
 * per-command configuration (credentials) that is never written to `.git/config`.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { CcalError, GitCommandError } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'
import type { TokenSource } from '../util/token-source.js'

/**
 * Configuration CCAL's git commands carry whatever a repository or worktree config says: no hooks
 * and no fsmonitor (the agent writes files; git must not run them).
 */
export const NEUTRAL_GIT_CONFIG: Readonly<Record<string, string>> = {
  'core.hooksPath': '/dev/null',
  'core.fsmonitor': 'false'
}

/** What a finished git process said. */
export interface GitResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Like {@link GitResult} but with stdout as bytes, for object contents (`cat-file --batch`). */
export interface GitBufferResult {
  readonly exitCode: number
  readonly stdout: Buffer
  readonly stderr: string
}

/** Options for one git invocation. */
export interface GitExecOptions {
  /** Bytes or text written to the process's stdin (which is then closed). */
  readonly input?: string | Buffer
  /** Extra environment for this call only, e.g. `GIT_INDEX_FILE` or committer identity. */
  readonly env?: Readonly<Record<string, string>>
  /**
   * Per-command configuration (`key → value`). Passed through `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`
   * rather than `-c`, so a credential header is neither written to `.git/config` nor visible in `ps`.
   */
  readonly config?: Readonly<Record<string, string>>
  /** Working directory for this call; defaults to the client's. */
  readonly cwd?: string
  /**
   * Receives stdout as it arrives instead of the result holding it (large outputs such as a
   * `cat-file --batch` of every ledger file). An error it throws stops git and rejects the call.
   */
  readonly onStdout?: (chunk: Buffer) => void
}

/** A git client bound to one repository directory. */
export interface Git {
  /** The directory git runs in. */
  readonly cwd: string
  /** Runs git and reports the outcome; a non-zero exit is a result, not an exception. */
  exec(args: readonly string[], options?: GitExecOptions): Promise<GitResult>
  /** As {@link Git.exec}, with stdout kept as raw bytes. */
  execBuffer(args: readonly string[], options?: GitExecOptions): Promise<GitBufferResult>
  /** Runs git and returns stdout; throws {@link GitCommandError} on a non-zero exit. */
  run(args: readonly string[], options?: GitExecOptions): Promise<string>
  /** A client for the same repository whose every call also carries `config` (e.g. credentials). */
  withConfig(config: Readonly<Record<string, string>>): Git
  /**
   * A client whose commands that reach a remote (fetch, push, ls-remote, …) carry the configuration
   * `credentials` gives at that moment: a token that is renewed while CCAL runs is asked for anew by
   * each such command, never kept from one to the next.
   */
  withCredentials(credentials: GitCredentials): Git
}

/** Per-command configuration that authenticates to a remote, made when the command runs. */
export type GitCredentials = () => Promise<Readonly<Record<string, string>>>

/** Git subcommands that talk to a remote: only these get credentials. */
const REMOTE_COMMANDS: ReadonlySet<string> = new Set(['fetch', 'push', 'ls-remote', 'pull', 'clone'])

/** True when `args` run a subcommand that talks to a remote. */
export function reachesRemote(args: readonly string[]): boolean {
  const subcommand = args.find(arg => !arg.startsWith('-'))
  return subcommand !== undefined && REMOTE_COMMANDS.has(subcommand)
}

/** How to build a {@link Git} client. */
export interface GitOptions {
  /** Repository directory (a working tree or a bare repository). */
  readonly cwd: string
  /** Configuration applied to every call (see {@link GitExecOptions.config}). */
  readonly config?: Readonly<Record<string, string>>
  /** Environment the calls start from; defaults to `process.env`. */
  readonly baseEnv?: NodeJS.ProcessEnv
  /** The git executable; defaults to `git` on PATH. */
  readonly gitPath?: string
  /** Receives one debug line per command (arguments only, never config values or stdin). */
  readonly logger?: Logger
  /** Configuration made per command for the commands that reach a remote (see {@link Git.withCredentials}). */
  readonly credentials?: GitCredentials
}

/** Creates the git client for `options.cwd`. */
export function createGit(options: GitOptions): Git {
  return new GitClient(options)
}

class GitClient implements Git {
  readonly cwd: string

  constructor(private readonly options: GitOptions) {
    this.cwd = options.cwd
  }

  async exec(args: readonly string[], options: GitExecOptions = {}): Promise<GitResult> {
    const result = await this.execBuffer(args, options)
    return { exitCode: result.exitCode, stdout: result.stdout.toString('utf8'), stderr: result.stderr }
  }

  async run(args: readonly string[], options: GitExecOptions = {}): Promise<string> {
    const result = await this.exec(args, options)
    if (result.exitCode !== 0) throw commandFailed(args, result)
    return result.stdout
  }

  withConfig(config: Readonly<Record<string, string>>): Git {
    return new GitClient({ ...this.options, config: { ...this.options.config, ...config } })
  }

  withCredentials(credentials: GitCredentials): Git {
    return new GitClient({ ...this.options, credentials })
  }

  async execBuffer(args: readonly string[], options: GitExecOptions = {}): Promise<GitBufferResult> {
    const logger = this.options.logger ?? silentLogger
    logger.debug(`git ${args.join(' ')}`)
    const credentials =
      this.options.credentials && reachesRemote(args) ? await this.options.credentials() : undefined
    const env = this.environment(
      credentials ? { ...options, config: { ...credentials, ...options.config } } : options
    )
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.gitPath ?? 'git', args, {
        cwd: options.cwd ?? this.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe']
      })
      const out: Buffer[] = []
      const err: Buffer[] = []
      let failed: { error: unknown } | null = null
      child.stdout.on('data', (chunk: Buffer) => {
        if (!options.onStdout) return void out.push(chunk)
        if (failed) return
        try {
          options.onStdout(chunk)
        } catch (error) {
          failed = { error }
          child.kill()
        }
      })
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
      child.on('error', error => {
        const cwd = options.cwd ?? this.cwd
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
        reject(
          new CcalError(
            missing && !existsSync(cwd)
              ? `cannot run git in ${cwd}: no such directory`
              : missing
                ? 'git is not installed or not on PATH'
                : `could not run git: ${error.message}`,
            {
              cause: error
            }
          )
        )
      })
      // A git that exits before reading all of stdin would make the write fail with EPIPE; the exit
      // code and stderr say what went wrong, so the write error itself is not interesting.
      child.stdin.on('error', () => {})
      child.on('close', code => {
        if (failed) return reject(failed.error as Error)
        resolve({
          exitCode: code ?? 128,
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(err).toString('utf8')
        })
      })
      child.stdin.end(options.input ?? '')
    })
  }

  private environment(options: GitExecOptions): NodeJS.ProcessEnv {
    const base = this.options.baseEnv ?? process.env
    const env: NodeJS.ProcessEnv = {
      ...base,
      // Never wait for a password on a terminal nobody is watching, and keep git's messages in
      // English: callers match on them (`[rejected]`, `couldn't find remote ref`).
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
      LANGUAGE: '',
      ...options.env
    }
    const config = { ...this.options.config, ...options.config }
    const entries = Object.entries(config)
    if (entries.length > 0) {
      let index = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0
      for (const [key, value] of entries) {
        env[`GIT_CONFIG_KEY_${index}`] = key
        env[`GIT_CONFIG_VALUE_${index}`] = value
        index += 1
      }
      env.GIT_CONFIG_COUNT = String(index)
    }
    return env
  }
}

/** The error for a git command that should have succeeded: the command and git's first lines of stderr. */
export function commandFailed(
  args: readonly string[],
  result: { exitCode: number; stderr: string }
): GitCommandError {
  const detail = firstLines(result.stderr, 3) || `exit code ${result.exitCode}`
  return new GitCommandError(
    `git ${args.slice(0, 2).join(' ')} failed: ${detail}`,
    args,
    result.exitCode,
    result.stderr
  )
}

/** The first `count` non-empty lines of `text`, joined by ' / '. */
export function firstLines(text: string, count: number): string {
  return text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.length > 0)
    .slice(0, count)
    .join(' / ')
}

/** The `http.<origin>.extraheader` configuration that authenticates HTTPS git calls with a GitHub token. */
export function tokenAuthConfig(remoteUrl: string, token: string): Record<string, string> {
  const url = new URL(remoteUrl)
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')
  return { [`http.${url.protocol}//${url.host}/.extraheader`]: `AUTHORIZATION: basic ${basic}` }
}

/**
 * Git in the same repository that authenticates to `remoteUrl` with the source's current token, asked
 * for by each command that reaches the remote; unchanged for a remote that is not HTTP(S) or without
 * a source.
 */
export function withTokenAuth(git: Git, remoteUrl: string, tokens: TokenSource | undefined): Git {
  if (!tokens || !isHttpRemote(remoteUrl)) return git
  return git.withCredentials(async () => tokenAuthConfig(remoteUrl, await tokens.token()))
}

/** True when `url` is fetched over HTTP(S), the only transport an auth header applies to. */
export function isHttpRemote(url: string): boolean {
  return /^https?:\/\//i.test(url)
}
