import * as core from '@actions/core'
import { isLevelEnabled, type LogLevel, type Logger } from '../util/logger.js'

/**
 * A Logger over @actions/core: warnings and errors become annotations. Debug lines go to
 * `core.debug` (shown with ACTIONS_STEP_DEBUG) unless log_level is debug, when they are shown.
 */
export function createActionLogger(level: LogLevel = 'info'): Logger {
  const format = (message: string, fields?: Record<string, unknown>) =>
    fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message
  return {
    debug: (message, fields) =>
      level === 'debug'
        ? core.info(`[debug] ${format(message, fields)}`)
        : core.debug(format(message, fields)),
    info: (message, fields) => isLevelEnabled('info', level) && core.info(format(message, fields)),
    warning: (message, fields) => isLevelEnabled('warning', level) && core.warning(format(message, fields)),
    error: (message, fields) => core.error(format(message, fields))
  }
}
