/**
 * The logging interface the core writes to. The action passes one backed by @actions/core (so
 * warnings become annotations and debug follows ACTIONS_STEP_DEBUG); the CLI passes one that writes
 * to stderr, as plain text or as JSON lines.
 */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warning(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 }

/** True when a message at `level` should be written under the `threshold` level. */
export function isLevelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[threshold]
}

/** A logger that writes lines to a stream: `[level] message k=v` or, with `json`, one JSON object per line. */
export function createStreamLogger(options: {
  write: (line: string) => void
  level?: LogLevel
  json?: boolean
  now?: () => Date
}): Logger {
  const threshold = options.level ?? 'info'
  const now = options.now ?? (() => new Date())
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (!isLevelEnabled(level, threshold)) return
    if (options.json) {
      options.write(JSON.stringify({ time: now().toISOString(), level, message, ...fields }))
      return
    }
    const suffix = fields
      ? Object.entries(fields)
          .map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join('')
      : ''
    options.write(level === 'info' ? `${message}${suffix}` : `[${level}] ${message}${suffix}`)
  }
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warning: (message, fields) => emit('warning', message, fields),
    error: (message, fields) => emit('error', message, fields)
  }
}

/** A logger that drops everything, for tests and library use where output is not wanted. */
export const silentLogger: Logger = { debug() {}, info() {}, warning() {}, error() {} }

/** A logger that adds `fields` (an item's id, say) to every line, so interleaved lines stay attributable. */
export function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warning: (message, extra) => logger.warning(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra })
  }
}
