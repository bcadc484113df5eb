/**
 * What an execution reports (pure): how each Claude Code run ended, classified by the rules of
 * issue #7 (success only for `subtype: success`, `is_error: false`, within the turn cap), summed into
 * one {@link ExecutionOutcome}, and turned into the ledger's `ResultInput` for `recordResult`.
 */
import type { ResultInput } from '../ledger/ops.js'
import type { ExecutionResult } from '../ledger/schema.js'
import type { ClaudeProcessResult } from './claude.js'
import type { GateReport } from './safety.js'
import {
  isApiErrorResult,
  isBudgetResult,
  isMaxTurnsResult,
  isSuccessfulResult,
  type PermissionDenial,
  type RunTokens
} from './stream.js'
import { usageLimitOf, type UsageLimit } from './usage-limit.js'
import type { VerifyReport } from './verify.js'

/** The broad outcome, for the caller's branching. */
export type OutcomeStatus = 'success' | 'no_op' | 'failed' | 'blocked' | 'timeout' | 'cancelled'

/** The precise reason, for logs, the ledger and learning. */
export type OutcomeCode =
  | 'success'
  | 'no_change'
  | 'max_turns'
  | 'budget_exceeded'
  | 'api_error'
  | 'cli_error'
  | 'timeout'
  | 'cancelled'
  | 'gate_blocked'
  | 'verify_failed'
  | 'setup_failed'
  | 'empty_answer'

/** One Claude Code run within an execution. */
export interface RunRecord {
  readonly purpose: 'initial' | 'verify_retry'
  readonly status: OutcomeStatus
  readonly code: OutcomeCode
  readonly reason: string
  readonly sessionId: string | null
  readonly exitCode: number | null
  /** The result line's subtype, or null when the CLI wrote none. */
  readonly subtype: string | null
  readonly isError: boolean
  readonly turns: number
  readonly costUsd: number
  readonly durationMs: number
  readonly tokens: RunTokens
  readonly permissionDenials: readonly PermissionDenial[]
  /** The agent's closing text (its summary) or the CLI's error text. */
  readonly text: string
  readonly errors: readonly string[]
  /** The HTTP status of the model API's error, when the run ended on one. */
  readonly apiErrorStatus: number | null
  /** Set when the run was refused by the account's usage limit (a subscription's 5-hour window…). */
  readonly usageLimit?: UsageLimit
}

/**
 * Kinds of model outage: the service overloaded (529), failing (5xx), refusing the credential
 * (401/403), rate-limiting (429), not reachable at all, or the account's usage limit reached (an
 * outage with a known end: `resetsAt`). None is the item's fault.
 */
export const OUTAGE_KINDS = [
  'overloaded',
  'server_error',
  'auth',
  'rate_limited',
  'unreachable',
  'usage_limit'
] as const
export type OutageKind = (typeof OUTAGE_KINDS)[number]

/** A model outage an execution ran into, with what the API said. */
export interface Outage {
  readonly kind: OutageKind
  readonly status: number | null
  readonly message: string
  /** When the outage ends, when that is known (a usage limit's reset, ISO). */
  readonly resetsAt?: string
  /** How the end was told (`resets 5pm (Europe/Paris)`), or why it is a default. */
  readonly resetSaid?: string
}

/** Everything one execution did. */
export interface ExecutionOutcome {
  readonly status: OutcomeStatus
  readonly code: OutcomeCode
  readonly reason: string
  /** The agent's summary of its change (from the last run). */
  readonly summary: string
  /** The session to resume for follow-ups: the last one seen. */
  readonly sessionId: string | null
  readonly durationMs: number
  readonly turns: number
  readonly costUsd: number
  readonly tokens: RunTokens
  readonly permissionDenials: readonly PermissionDenial[]
  readonly runs: readonly RunRecord[]
  /** The last gate report; null when no run got that far. */
  readonly gate: GateReport | null
  /** Files in the working tree's change (left in place only on success). */
  readonly filesChanged: readonly string[]
  /** One report per verification, in order (the second one follows the retry). */
  readonly verify: readonly VerifyReport[]
  readonly verifyOutcome: ExecutionResult['verify']
  /** True when trying again later may well succeed (timeouts, API errors, budget, cancellation). */
  readonly requeue: boolean
  /**
   * True when verification failed only as it already does on the base branch, and the change was
   * accepted for adding no failure of its own (see baseline.ts).
   */
  readonly failuresOnBase: boolean
  /** Set when the execution ended on a model outage rather than anything about the item. */
  readonly outage?: Outage
}

const ZERO_TOKENS: RunTokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }

/** Classifies one finished CLI process. */
export function classifyRun(
  run: ClaudeProcessResult,
  purpose: RunRecord['purpose'],
  maxTurns: number,
  now: Date = new Date()
): RunRecord {
  const result = run.result
  const base = {
    purpose,
    sessionId: run.sessionId,
    exitCode: run.exitCode,
    subtype: result?.subtype ?? null,
    isError: result?.isError ?? true,
    turns: result?.numTurns ?? 0,
    costUsd: result?.costUsd ?? 0,
    durationMs: run.durationMs,
    tokens: result?.tokens ?? ZERO_TOKENS,
    permissionDenials: result?.permissionDenials ?? [],
    text: result?.text ?? '',
    errors: result?.errors ?? [],
    apiErrorStatus: result?.apiErrorStatus ?? null
  }
  const verdict = (status: OutcomeStatus, code: OutcomeCode, reason: string): RunRecord => ({
    ...base,
    status,
    code,
    reason
  })
  if (run.aborted) return verdict('cancelled', 'cancelled', 'CCAL was stopped while Claude Code was running')
  if (run.timedOut) return verdict('timeout', 'timeout', `Claude Code did not finish within the time limit`)
  if (run.spawnError)
    return verdict('failed', 'cli_error', `Claude Code could not be started: ${run.spawnError}`)
  if (!result) {
    // Older CLIs printed the limit as a bare line (`Claude AI usage limit reached|<epoch>`), exit 1.
    const bare =
      run.exitCode !== 0
        ? usageLimitOf({ text: run.diagnostics, rateLimit: run.rateLimit ?? null }, now)
        : undefined
    if (bare) return { ...verdict('failed', 'api_error', usageLimitReason(bare)), usageLimit: bare }
    const detail = run.diagnostics.split('\n').slice(-3).join(' / ')
    return verdict(
      'failed',
      'cli_error',
      `Claude Code exited (${run.signal ?? `code ${run.exitCode}`}) without a result${detail ? `: ${detail}` : ''}`
    )
  }
  if (isSuccessfulResult(result, maxTurns)) return verdict('success', 'success', 'Claude Code finished')
  if (isMaxTurnsResult(result, maxTurns))
    return verdict(
      'failed',
      'max_turns',
      `Claude Code used up its ${maxTurns} turns (${result.numTurns} taken)`
    )
  if (isBudgetResult(result))
    return verdict(
      'failed',
      'budget_exceeded',
      `the cost budget ran out ($${result.costUsd.toFixed(4)} spent)${result.errors.length ? `: ${result.errors.join('; ')}` : ''}`
    )
  const usageLimit = result.isError
    ? usageLimitOf(
        {
          text: result.text || result.errors.join('; '),
          apiError: result.apiError ?? null,
          rateLimit: run.rateLimit ?? null
        },
        now
      )
    : undefined
  if (usageLimit) return { ...verdict('failed', 'api_error', usageLimitReason(usageLimit)), usageLimit }
  if (isApiErrorResult(result))
    return verdict(
      'failed',
      'api_error',
      `model API error${result.apiErrorStatus === null ? '' : ` ${result.apiErrorStatus}`}: ${result.text || result.errors.join('; ')}`
    )
  return verdict(
    'failed',
    'cli_error',
    `Claude Code ended with ${result.subtype}${result.errors.length ? `: ${result.errors.join('; ')}` : ''}`
  )
}

function usageLimitReason(limit: UsageLimit): string {
  return `usage limit reached: model work waits until ${limit.resetsAt} (${limit.said}); Claude Code said: ${limit.line}`
}

/** Outcome codes worth another attempt later without any human change. */
const REQUEUE_CODES: readonly OutcomeCode[] = [
  'timeout',
  'cancelled',
  'api_error',
  'budget_exceeded',
  'cli_error',
  // The model's silence says nothing about the item.
  'empty_answer'
]

/** True when the item may simply be tried again later. */
export function isRequeueable(code: OutcomeCode): boolean {
  return REQUEUE_CODES.includes(code)
}

function sumTokens(runs: readonly RunRecord[]): RunTokens {
  return runs.reduce(
    (sum, run) => ({
      input: sum.input + run.tokens.input,
      output: sum.output + run.tokens.output,
      cacheRead: sum.cacheRead + run.tokens.cacheRead,
      cacheWrite: sum.cacheWrite + run.tokens.cacheWrite
    }),
    ZERO_TOKENS
  )
}

function outageField(last: RunRecord | undefined): { outage?: Outage } {
  const outage = last ? outageOf(last) : undefined
  return outage ? { outage } : {}
}

/** Text of a CLI run that could not reach the model at all (the process printed why). */
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Connection error|fetch failed|socket hang up/i

/** The outage a run ended on, if it ended on one. */
export function outageOf(run: RunRecord): Outage | undefined {
  if (run.usageLimit)
    return {
      kind: 'usage_limit',
      status: run.apiErrorStatus,
      message: run.usageLimit.line,
      resetsAt: run.usageLimit.resetsAt,
      resetSaid: run.usageLimit.said
    }
  const message = (run.text || run.errors.join('; ') || run.reason).slice(0, 300)
  if (run.code === 'api_error') {
    const status = run.apiErrorStatus
    const kind: OutageKind =
      status === 401 || status === 403
        ? 'auth'
        : status === 429
          ? 'rate_limited'
          : status === 529 || /overloaded/i.test(message)
            ? 'overloaded'
            : status !== null && status >= 500
              ? 'server_error'
              : /authentication|invalid.*api key|x-api-key/i.test(message)
                ? 'auth'
                : 'server_error'
    return { kind, status, message }
  }
  if (run.code === 'cli_error' && UNREACHABLE.test(`${run.reason} ${message}`))
    return { kind: 'unreachable', status: null, message }
  return undefined
}

/** Folds the runs, gate and verify reports into one outcome. */
export function summarizeOutcome(input: {
  status: OutcomeStatus
  code: OutcomeCode
  reason: string
  runs: readonly RunRecord[]
  gate: GateReport | null
  verify: readonly VerifyReport[]
  durationMs: number
  failuresOnBase?: boolean
}): ExecutionOutcome {
  const last = input.runs.at(-1)
  const lastVerify = input.verify.at(-1)
  return {
    status: input.status,
    code: input.code,
    reason: input.reason,
    summary: last?.text ?? '',
    sessionId: [...input.runs].reverse().find(run => run.sessionId)?.sessionId ?? null,
    durationMs: input.durationMs,
    turns: input.runs.reduce((sum, run) => sum + run.turns, 0),
    costUsd: Math.round(input.runs.reduce((sum, run) => sum + run.costUsd, 0) * 1e6) / 1e6,
    tokens: sumTokens(input.runs),
    permissionDenials: input.runs.flatMap(run => run.permissionDenials),
    runs: input.runs,
    gate: input.gate,
    filesChanged: (input.gate?.files ?? []).map(file => file.path),
    verify: input.verify,
    verifyOutcome: lastVerify ? lastVerify.outcome : 'not_run',
    requeue: isRequeueable(input.code),
    failuresOnBase: input.failuresOnBase ?? false,
    // An outage only when the execution ended on it (not a verify retry's failure after a change).
    ...(last && last.code === input.code ? outageField(last) : {})
  }
}

/**
 * The ledger's view of an attempt, for `recordResult` (ops.ts): `delivered` says whether its change
 * reached a pull request (the attempt's success as the ledger counts it); without an outcome (the
 * attempt failed before the agent ran) only the error is known.
 */
export function toResultInput(
  itemId: string,
  outcome: ExecutionOutcome | undefined,
  delivered: boolean,
  error?: string
): ResultInput {
  return {
    itemId,
    success: delivered,
    summary: outcome?.summary ?? '',
    error: delivered ? null : (error ?? outcome?.reason ?? null),
    durationMs: outcome?.durationMs ?? 0,
    turns: outcome?.turns ?? 0,
    tokens: outcome?.tokens ?? {},
    costUsd: outcome?.costUsd ?? 0,
    sessionId: outcome?.sessionId ?? null,
    filesChanged: outcome?.filesChanged ?? [],
    verify: outcome?.verifyOutcome ?? 'not_run',
    code: outcome?.code ?? null,
    deniedTools: [...new Set(outcome?.permissionDenials.map(denial => denial.toolName) ?? [])]
  }
}
