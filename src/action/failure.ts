import { ConfigError, errorMessage, isCcalError } from '../util/errors.js'

/**
 * How a failed run is shown: one annotation per problem (so each names its file and key path), and
 * the line passed to `core.setFailed`. Unexpected errors keep their stack for the debug log.
 */
export function describeFailure(error: unknown): { annotations: string[]; failure: string; debug?: string } {
  if (error instanceof ConfigError && error.problems.length > 1) {
    return {
      annotations: [...error.problems],
      failure: `CCAL settings have ${error.problems.length} problems (see above)`
    }
  }
  if (isCcalError(error)) return { annotations: [], failure: error.message }
  const stack = error instanceof Error ? error.stack : undefined
  return {
    annotations: [],
    failure: `unexpected error: ${errorMessage(error)}`,
    ...(stack ? { debug: stack } : {})
  }
}
