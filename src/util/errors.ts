/**
 * Typed errors. Code below the entry points throws these; only `src/main.ts` and `src/cli.ts` turn
 * them into `core.setFailed` / an exit code. Each carries a message fit to show a user as one line.
 */

/** Base class: an expected failure whose message is written for the user, never a stack trace. */
export class CcalError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = 1

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** Settings that fail validation: one entry per problem, each naming file, key path, expected and found. */
export class ConfigError extends CcalError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

/** The command line was malformed (unknown flag, missing argument). */
export class UsageError extends CcalError {
  override readonly exitCode = 2
}

/** The webhook event payload could not be read or does not have the shape the event name promises. */
export class TriggerError extends CcalError {}

/** The message of anything thrown, without a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  // Errors from another realm (a vm context, a worker) fail instanceof but still carry a message.
  if (
    error !== null &&
    typeof error === 'object' &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message
  }
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}

/** True for errors whose message is meant for users; anything else is a bug worth its stack in debug logs. */
export function isCcalError(error: unknown): error is CcalError {
  return error instanceof CcalError
}

/** A git command failed in a way its caller did not expect; the message names the command and git's own words. */
export class GitCommandError extends CcalError {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly gitExitCode: number,
    readonly stderr: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/**
 * The ledger branch holds something this version cannot read (bad JSON, a schema violation, a newer
 * schema version). Nothing is ever written over it; the message says where and how to restore.
 */
export class LedgerCorruptError extends CcalError {
  constructor(
    message: string,
    readonly details: { branch: string; commit: string; file: string; keyPath: string; problem: string },
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** A ledger write lost to other writers more times than allowed, or an item is leased by another run. */
export class LedgerConflictError extends CcalError {}

/**
 * The ledger branch moved backwards: its head does not contain the last head this machine saw (a
 * force-push to an older commit, a deleted branch). Nothing is written until a person chooses.
 */
export class LedgerRollbackError extends CcalError {}

/** An item cannot start: what is left of the run or day budget, after what running items reserved, is too little. */
export class BudgetReservationError extends CcalError {}

/** A work item status change that the transition table does not allow. */
export class IllegalTransitionError extends CcalError {
  constructor(
    readonly itemId: string,
    readonly from: string,
    readonly to: string,
    readonly actor: string
  ) {
    super(`item ${itemId}: cannot move from '${from}' to '${to}' (as ${actor})`)
  }
}

/** A ledger command named a work item or commit the ledger does not have. */
export class LedgerLookupError extends CcalError {}

/** The HTTP status an API error carries (Octokit's `RequestError`), or undefined when it has none. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined
  return typeof error.status === 'number' ? error.status : undefined
}

/** Something took longer than it may; the message names the limit and the setting. */
export class TimeLimitError extends CcalError {}

/**
 * `work`, or a {@link TimeLimitError} with `message` once `ms` have passed. The work is not stopped
 * (a promise cannot be): its late answer is dropped, and a late failure is swallowed.
 */
export async function withinTime<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(message)), ms)
    timer.unref()
  })
  work.catch(() => undefined)
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}
