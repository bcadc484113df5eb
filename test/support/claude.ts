/**
 * The real Claude Code CLI for tests: where its binary is, the scrubbed environment that points it at
 * the model server, and a small runner that parses its stream-json output. Test support only; the
 * product's executor (src/executor/claude.ts) is separate.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { arch, platform, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { GIT_TEST_ENV } from './repos.js'

/** The repository root, found from this file rather than from process.cwd(). */
import { isNativeBinary } from '../../src/executor/install.js'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The CLI version pinned in package.json; tests and notes were checked against it. */
export const PINNED_CLAUDE_VERSION = '2.1.330'

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Path of the pinned `claude` binary. The package's postinstall copies the native binary over
 * `bin/claude.exe`; where install scripts did not run (npm 11 asks for approval first) that file is a
 * placeholder, so the platform package's binary is used instead. Throws with what was tried.
 */
export function claudeBinaryPath(): string {
  const modules = join(REPO_ROOT, 'node_modules', '@anthropic-ai')
  const candidates = [join(modules, 'claude-code', 'bin', 'claude.exe')]
  const binary = platform() === 'win32' ? 'claude.exe' : 'claude'
  for (const suffix of ['', '-musl'])
    candidates.push(join(modules, `claude-code-${platform()}-${arch()}${suffix}`, binary))
  for (const candidate of candidates) {
    if (isExecutable(candidate) && isNativeBinary(candidate)) return candidate
  }
  throw new Error(
    `No runnable claude binary; tried ${candidates.join(', ')}. Run npm ci (with @anthropic-ai/claude-code@${PINNED_CLAUDE_VERSION}).`
  )
}

/** Options for {@link claudeTestEnv}. */
export interface ClaudeTestEnvOptions {
  /** The model server's URL (ANTHROPIC_BASE_URL). */
  baseUrl: string
  /** A fresh HOME for the CLI's settings and session files (see {@link createClaudeHome}). */
  home: string
  /** CLAUDE_CODE_MAX_RETRIES; default 0 so error tests end at once. */
  maxRetries?: number
  /** Added last, e.g. `{ API_TIMEOUT_MS: '2000' }`. */
  extra?: Record<string, string>
}

function claudeTmpDir(home: string): string {
  const dir = join(home, 'tmp')
  mkdirSync(dir, { recursive: true })
  return dir
}

/**
 * The environment for a CLI run against the model server: nothing inherited except PATH (for the
 * Bash tool's `node`/`git`), so no tokens or user config leak in and no other host is contacted.
 */
export function claudeTestEnv(options: ClaudeTestEnvOptions): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: options.home,
    // The CLI keeps per-session scratch files under $TMPDIR/claude-<uid>/; inside HOME they go with it.
    TMPDIR: claudeTmpDir(options.home),
    ...(GIT_TEST_ENV as Record<string, string>),
    ANTHROPIC_BASE_URL: options.baseUrl,
    ANTHROPIC_API_KEY: 'dummy',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_MAX_RETRIES: String(options.maxRetries ?? 0),
    ...options.extra
  }
}

/** A fresh temporary HOME for one CLI run (or a few that share sessions); remove it with cleanup(). */
export function createClaudeHome(): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ccal-claude-home-'))
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) }
}

/** The final `result` line of `--output-format stream-json` (fields the tests rely on; others kept). */
export const ResultMessageSchema = z.looseObject({
  type: z.literal('result'),
  subtype: z.string(),
  is_error: z.boolean(),
  num_turns: z.number(),
  result: z.string().optional(),
  session_id: z.string(),
  total_cost_usd: z.number(),
  usage: z.record(z.string(), z.unknown()).optional(),
  permission_denials: z.array(z.unknown()).optional(),
  api_error_status: z.number().nullable().optional(),
  terminal_reason: z.string().optional(),
  errors: z.array(z.unknown()).optional()
})

/** The parsed `result` message. */
export type ResultMessage = z.infer<typeof ResultMessageSchema>

/** One stream-json line: at least a `type`. */
export type StreamMessage = { type: string } & Record<string, unknown>

/** What a CLI run produced. */
export interface ClaudeRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** Every stdout line that parsed as a JSON object with a `type`. */
  messages: StreamMessage[]
  /** Stdout lines that were not stream-json (e.g. "API Error: …" without --output-format). */
  otherLines: string[]
  /** The last `result` message, if the CLI wrote one. */
  result: ResultMessage | undefined
  stdout: string
  stderr: string
}

/** Options for {@link runClaude}. */
export interface RunClaudeOptions {
  cwd: string
  env: Record<string, string>
  /** Kills the whole process group after this long (default 30 s). */
  timeoutMs?: number
}

const StreamLineSchema = z.looseObject({ type: z.string() })

function parseLines(stdout: string): Pick<ClaudeRun, 'messages' | 'otherLines' | 'result'> {
  const messages: StreamMessage[] = []
  const otherLines: string[] = []
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      otherLines.push(line)
      continue
    }
    const parsed = StreamLineSchema.safeParse(json)
    if (parsed.success) messages.push(parsed.data)
    else otherLines.push(line)
  }
  const last = [...messages].reverse().find(message => message.type === 'result')
  const result = last === undefined ? undefined : ResultMessageSchema.parse(last)
  return { messages, otherLines, result }
}

/**
 * Runs the pinned `claude` with `args` (add `-p`, `--output-format stream-json --verbose` yourself)
 * and resolves when it exits. Stdin is closed so `-p` never waits for input.
 */
export function runClaude(args: string[], options: RunClaudeOptions): Promise<ClaudeRun> {
  const timeoutMs = options.timeoutMs ?? 30_000
  return new Promise((resolvePromise, reject) => {
    // Its own process group, so a timeout also kills the shells the Bash tool started.
    const child = spawn(claudeBinaryPath(), args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // Already gone.
        }
      }
    }, timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      resolvePromise({ exitCode, signal, timedOut, stdout, stderr, ...parseLines(stdout) })
    })
  })
}
