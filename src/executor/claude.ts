/**
 * Runs the Claude Code CLI once: spawned in its own process group (so a timeout or CCAL's own
 * SIGTERM also ends the shells and test runners the Bash tool started), the prompt written to stdin,
 * stdout parsed line by line as it arrives. The session id is handed to the caller the moment the
 * `init` line is read, so a run killed afterwards can still be resumed.
 */
import { spawn } from 'node:child_process'
import type { Sandbox } from './sandbox.js'
import { createInterface } from 'node:readline'
import { errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { parseStreamLine, progressLine, type ClaudeResult, type StreamEvent } from './stream.js'
import type { RateLimitEvent } from './usage-limit.js'

/** How one run is started. */
export interface ClaudeProcessOptions {
  readonly executable: string
  readonly args: readonly string[]
  /** Written to stdin, which is then closed. */
  readonly prompt: string
  readonly cwd: string
  /** The complete environment (see environment.ts); nothing else is inherited. */
  readonly env: Readonly<Record<string, string>>
  /** Wall-clock limit; the process group gets SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly timeoutMs: number
  /** Time between SIGTERM and SIGKILL (default 5 s). */
  readonly killGraceMs?: number
  /** CCAL is shutting down: stop the child the same way as on a timeout. */
  readonly signal?: AbortSignal
  /** Called once with the session id from the `init` line; awaited before the run resolves. */
  readonly onSessionId?: (sessionId: string) => void | Promise<void>
  /** Every parsed event, for callers that want more than the progress lines. */
  readonly onEvent?: (event: StreamEvent) => void
  /** Every stdout line as the CLI printed it, before parsing (the item's transcript). */
  readonly onLine?: (line: string) => void
  readonly logger?: Logger
  /** The box the process runs in (sandbox.ts); as it is without one. */
  readonly sandbox?: Sandbox
}

/** How one run ended. */
export interface ClaudeProcessResult {
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  /** Stopped through `options.signal`. */
  readonly aborted: boolean
  readonly sessionId: string | null
  /** The `result` line, when the CLI got to write one. */
  readonly result: ClaudeResult | null
  /** The last `rate_limit_event` that refused the run (a subscription's usage limit), if any. */
  readonly rateLimit?: RateLimitEvent | null
  readonly durationMs: number
  /** Tool calls seen in the stream. */
  readonly toolUses: number
  /** The end of stderr and of any non-JSON stdout ("API Error: …" when the server is down). */
  readonly diagnostics: string
  /** The process could not be started at all. */
  readonly spawnError: string | null
}

const DIAGNOSTICS_LIMIT = 4000

/**
 * True when `--resume` named a session the CLI has no transcript of (it exits at once, before any
 * model request). A run killed right after its session started may not have written one yet.
 */
export function isMissingSession(run: Pick<ClaudeProcessResult, 'result' | 'diagnostics'>): boolean {
  return (run.result?.numTurns ?? 0) === 0 && /No conversation found with session ID/i.test(run.diagnostics)
}

/** Sends `signal` to the whole process group of `pid`; a group that is already gone is fine. */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}

/** Runs the CLI once and resolves when it has exited (never rejects). */
export function runClaudeProcess(options: ClaudeProcessOptions): Promise<ClaudeProcessResult> {
  const logger = options.logger ?? silentLogger
  const started = Date.now()
  return new Promise(resolve => {
    let sessionId: string | null = null
    let result: ClaudeResult | null = null
    let rateLimit: RateLimitEvent | null = null
    let toolUses = 0
    let timedOut = false
    let aborted = false
    let diagnostics = ''
    let sessionCallback: Promise<void> = Promise.resolve()
    const remember = (text: string) => {
      diagnostics = (diagnostics + text).slice(-DIAGNOSTICS_LIMIT)
    }

    if (options.signal?.aborted) {
      resolve(emptyResult({ aborted: true, durationMs: 0 }))
      return
    }
    const argv = options.sandbox
      ? options.sandbox.wrap([options.executable, ...options.args], options.cwd)
      : [options.executable, ...options.args]
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: options.cwd,
      env: options.sandbox ? options.sandbox.environment(options.env) : { ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true
    })

    let killTimer: NodeJS.Timeout | undefined
    const stop = (why: 'timeout' | 'abort') => {
      if (child.pid === undefined || child.exitCode !== null || killTimer) return
      if (why === 'timeout') timedOut = true
      else aborted = true
      logger.warning(`stopping Claude Code (${why === 'timeout' ? 'timed out' : 'CCAL is stopping'})`)
      killProcessGroup(child.pid, 'SIGTERM')
      const pid = child.pid
      killTimer = setTimeout(() => killProcessGroup(pid, 'SIGKILL'), options.killGraceMs ?? 5000)
      killTimer.unref()
    }
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs)
    const onAbort = () => stop('abort')
    options.signal?.addEventListener('abort', onAbort, { once: true })

    const handle = (event: StreamEvent) => {
      if (event.kind === 'init' && sessionId === null) {
        sessionId = event.sessionId
        if (options.onSessionId) {
          const callback = options.onSessionId
          const id = event.sessionId
          sessionCallback = Promise.resolve()
            .then(() => callback(id))
            .catch(error => logger.warning(`could not record session ${id}: ${errorMessage(error)}`))
        }
      }
      if (event.kind === 'tool_use') toolUses++
      if (event.kind === 'result') result = event.result
      if (event.kind === 'rate_limit' && event.info.status === 'rejected') rateLimit = event.info
      if (event.kind === 'invalid') remember(`${event.line}\n`)
      const line = progressLine(event)
      if (line) logger.info(`claude: ${line}`)
      options.onEvent?.(event)
    }

    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', line => {
      options.onLine?.(line)
      for (const event of parseStreamLine(line)) handle(event)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => remember(chunk))
    // The CLI may exit before reading stdin (bad flags); the exit code says what happened.
    child.stdin.on('error', () => {})
    child.stdin.end(options.prompt)

    let spawnError: string | null = null
    child.on('error', error => {
      spawnError = errorMessage(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      if (killTimer) clearTimeout(killTimer)
      options.signal?.removeEventListener('abort', onAbort)
      // Whatever the Bash tool left running in the group goes with the run.
      if (child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL')
      void sessionCallback.then(() =>
        resolve({
          exitCode,
          signal,
          timedOut,
          aborted,
          sessionId: sessionId ?? (result as ClaudeResult | null)?.sessionId ?? null,
          result,
          rateLimit,
          durationMs: Date.now() - started,
          toolUses,
          diagnostics: diagnostics.trim(),
          spawnError
        })
      )
    })
  })
}

function emptyResult(overrides: Partial<ClaudeProcessResult>): ClaudeProcessResult {
  return {
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: false,
    sessionId: null,
    result: null,
    durationMs: 0,
    toolUses: 0,
    diagnostics: '',
    spawnError: null,
    ...overrides
  }
}

/**
 * An AbortSignal that fires when CCAL receives SIGTERM or SIGINT (a cancelled workflow run sends
 * SIGTERM, then SIGKILL a few seconds later). Call `dispose()` to remove the handlers.
 */
export function shutdownSignal(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): {
  signal: AbortSignal
  dispose(): void
} {
  const controller = new AbortController()
  const onSignal = () => controller.abort()
  for (const name of signals) process.on(name, onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.off(name, onSignal)
    }
  }
}
