/**
 * A pure parser for `claude -p --output-format stream-json --verbose`: one stdout line in, one typed
 * event out. Only the fields CCAL relies on are checked (zod `looseObject`), so new fields in a later
 * CLI version pass through; a line that is not JSON or not a known shape becomes an `other`/`invalid`
 * event instead of an exception, because a progress stream must never take the run down.
 */
import { oneLine } from '../util/text.js'
import type { RateLimitEvent } from './usage-limit.js'
import { z } from 'zod'

const InitSchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('init'),
  session_id: z.string().min(1),
  model: z.string().optional(),
  claude_code_version: z.string().optional(),
  apiKeySource: z.string().optional(),
  tools: z.array(z.string()).optional()
})

const RetrySchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('api_retry'),
  attempt: z.number().optional(),
  max_retries: z.number().optional(),
  error_status: z.number().nullable().optional()
})

const PermissionDeniedSchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('permission_denied'),
  tool_name: z.string(),
  message: z.string().optional()
})

/** `{"type":"rate_limit_event","rate_limit_info":{"status":"rejected","resetsAt":<epoch s>,…}}`. */
const RateLimitSchema = z.looseObject({
  type: z.literal('rate_limit_event'),
  rate_limit_info: z.looseObject({
    status: z.string(),
    resetsAt: z.number().optional(),
    rateLimitType: z.string().optional()
  })
})

const ContentBlockSchema = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({
    type: z.literal('tool_use'),
    id: z.string().optional(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()).optional()
  }),
  z.looseObject({
    type: z.literal('tool_result'),
    tool_use_id: z.string().optional(),
    is_error: z.boolean().optional()
  }),
  z.looseObject({ type: z.string() })
])

const ConversationSchema = z.looseObject({
  type: z.enum(['assistant', 'user']),
  message: z.looseObject({ content: z.union([z.string(), z.array(ContentBlockSchema)]) })
})

const UsageSchema = z.looseObject({
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
  cache_read_input_tokens: z.number().optional(),
  cache_creation_input_tokens: z.number().optional()
})

const DenialSchema = z.looseObject({
  tool_name: z.string(),
  tool_input: z.record(z.string(), z.unknown()).optional()
})

/** The final `result` line, as the CLI writes it. */
export const ResultLineSchema = z.looseObject({
  type: z.literal('result'),
  subtype: z.string(),
  is_error: z.boolean(),
  num_turns: z.number().int().nonnegative(),
  session_id: z.string(),
  result: z.string().optional(),
  total_cost_usd: z.number().nonnegative().optional(),
  duration_ms: z.number().nonnegative().optional(),
  usage: UsageSchema.optional(),
  permission_denials: z.array(DenialSchema).optional(),
  terminal_reason: z.string().optional(),
  api_error_status: z.number().nullable().optional(),
  /** Why the API refused, in the CLI's words: `usage_limit_reached`, `rate_limit`, … */
  api_error: z.string().optional(),
  errors: z.array(z.unknown()).optional()
})

/** A tool call the permission rules refused. */
export interface PermissionDenial {
  readonly toolName: string
  /** What the tool would have done, in one short line (command, file path…). */
  readonly detail: string
}

/** Token counts of a run, in the ledger's vocabulary. */
export interface RunTokens {
  readonly input: number
  readonly output: number
  readonly cacheRead: number
  readonly cacheWrite: number
}

/** The final result of a run, normalized from the `result` line. */
export interface ClaudeResult {
  /** `success`, `error_max_turns`, `error_max_budget_usd`, `error_during_execution`, … */
  readonly subtype: string
  /** True for API errors even when `subtype` says success. */
  readonly isError: boolean
  readonly numTurns: number
  readonly sessionId: string
  /** The agent's last text (its summary), or the error message. */
  readonly text: string
  readonly costUsd: number
  readonly durationMs: number
  readonly tokens: RunTokens
  readonly permissionDenials: readonly PermissionDenial[]
  /** `completed`, `max_turns`, `budget_exhausted`, `api_error`, … when the CLI says. */
  readonly terminalReason: string | null
  readonly apiErrorStatus: number | null
  /** The CLI's `api_error` (`usage_limit_reached` when the account's usage limit refused the run). */
  readonly apiError?: string | null
  readonly errors: readonly string[]
}

/** One parsed stream line. */
export type StreamEvent =
  | {
      readonly kind: 'init'
      readonly sessionId: string
      readonly model: string | null
      readonly version: string | null
    }
  | { readonly kind: 'tool_use'; readonly name: string; readonly input: Readonly<Record<string, unknown>> }
  | { readonly kind: 'tool_result'; readonly isError: boolean }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'retry'; readonly attempt: number | null; readonly status: number | null }
  | { readonly kind: 'rate_limit'; readonly info: RateLimitEvent }
  | { readonly kind: 'denied'; readonly toolName: string; readonly message: string }
  | { readonly kind: 'result'; readonly result: ClaudeResult }
  | { readonly kind: 'other'; readonly type: string }
  | { readonly kind: 'invalid'; readonly line: string }

/** Parses one stdout line into zero or more events (an assistant message may hold several blocks). */
export function parseStreamLine(line: string): StreamEvent[] {
  const trimmed = line.trim()
  if (trimmed === '') return []
  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    return [{ kind: 'invalid', line: trimmed }]
  }
  const init = InitSchema.safeParse(json)
  if (init.success) {
    const { session_id, model, claude_code_version } = init.data
    return [
      { kind: 'init', sessionId: session_id, model: model ?? null, version: claude_code_version ?? null }
    ]
  }
  const result = ResultLineSchema.safeParse(json)
  if (result.success) return [{ kind: 'result', result: normalizeResult(result.data) }]
  const limit = RateLimitSchema.safeParse(json)
  if (limit.success) {
    const info = limit.data.rate_limit_info
    return [
      {
        kind: 'rate_limit',
        info: {
          status: info.status,
          resetsAt: info.resetsAt ?? null,
          rateLimitType: info.rateLimitType ?? null
        }
      }
    ]
  }
  const retry = RetrySchema.safeParse(json)
  if (retry.success)
    return [{ kind: 'retry', attempt: retry.data.attempt ?? null, status: retry.data.error_status ?? null }]
  const denied = PermissionDeniedSchema.safeParse(json)
  if (denied.success)
    return [{ kind: 'denied', toolName: denied.data.tool_name, message: denied.data.message ?? '' }]
  const conversation = ConversationSchema.safeParse(json)
  if (conversation.success) return conversationEvents(conversation.data.message.content)
  const typed = z.looseObject({ type: z.string() }).safeParse(json)
  return typed.success ? [{ kind: 'other', type: typed.data.type }] : [{ kind: 'invalid', line: trimmed }]
}

function conversationEvents(
  content: z.infer<typeof ConversationSchema>['message']['content']
): StreamEvent[] {
  if (typeof content === 'string') return content ? [{ kind: 'text', text: content }] : []
  const events: StreamEvent[] = []
  for (const block of content) {
    if (block.type === 'text' && 'text' in block && typeof block.text === 'string' && block.text.trim())
      events.push({ kind: 'text', text: block.text })
    else if (block.type === 'tool_use' && 'name' in block && typeof block.name === 'string')
      events.push({ kind: 'tool_use', name: block.name, input: toolInput(block) })
    else if (block.type === 'tool_result')
      events.push({ kind: 'tool_result', isError: 'is_error' in block && block.is_error === true })
  }
  return events
}

function toolInput(block: object): Record<string, unknown> {
  const input = 'input' in block ? block.input : undefined
  return input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {}
}

/** Turns the CLI's result line into {@link ClaudeResult}. */
export function normalizeResult(line: z.infer<typeof ResultLineSchema>): ClaudeResult {
  const usage = line.usage ?? {}
  return {
    subtype: line.subtype,
    isError: line.is_error,
    numTurns: line.num_turns,
    sessionId: line.session_id,
    text: line.result ?? '',
    costUsd: line.total_cost_usd ?? 0,
    durationMs: line.duration_ms ?? 0,
    tokens: {
      input: usage.input_tokens ?? 0,
      output: usage.output_tokens ?? 0,
      cacheRead: usage.cache_read_input_tokens ?? 0,
      cacheWrite: usage.cache_creation_input_tokens ?? 0
    },
    permissionDenials: (line.permission_denials ?? []).map(denial => ({
      toolName: denial.tool_name,
      detail: describeToolInput(denial.tool_name, denial.tool_input ?? {})
    })),
    terminalReason: line.terminal_reason ?? null,
    apiErrorStatus: line.api_error_status ?? null,
    apiError: line.api_error ?? null,
    errors: (line.errors ?? []).map(error => (typeof error === 'string' ? error : JSON.stringify(error)))
  }
}

const MAX_DETAIL = 160

/** The interesting part of a tool's input in one line: the command, the file, the pattern. */
export function describeToolInput(name: string, input: Readonly<Record<string, unknown>>): string {
  const pick = (...keys: string[]): string => {
    for (const key of keys) {
      const value = input[key]
      if (typeof value === 'string' && value.trim()) return value
    }
    return ''
  }
  const detail =
    name === 'Bash'
      ? pick('command')
      : name === 'Grep' || name === 'Glob'
        ? [pick('pattern'), pick('path')].filter(Boolean).join(' in ')
        : pick('file_path', 'path', 'notebook_path', 'url', 'query', 'description', 'prompt')
  return oneLine(detail, MAX_DETAIL)
}

/** A progress line for the log, or undefined for events not worth a line of their own. */
export function progressLine(event: StreamEvent): string | undefined {
  switch (event.kind) {
    case 'init':
      return `session ${event.sessionId} started${event.model ? ` (model ${event.model})` : ''}`
    case 'tool_use': {
      const detail = describeToolInput(event.name, event.input)
      return detail ? `${event.name}: ${detail}` : event.name
    }
    case 'denied':
      return `denied ${event.toolName}${event.message ? `: ${event.message}` : ''}`
    case 'rate_limit':
      return event.info.status === 'rejected'
        ? `usage limit reached${event.info.resetsAt ? `; resets at ${new Date(event.info.resetsAt * 1000).toISOString()}` : ''}`
        : undefined
    case 'retry':
      return `API retry${event.attempt === null ? '' : ` ${event.attempt}`}${event.status === null ? '' : ` after HTTP ${event.status}`}`
    default:
      return undefined
  }
}

/** True when the run did what it was asked: `success`, no error flag, and within the turn cap. */
export function isSuccessfulResult(result: ClaudeResult, maxTurns: number): boolean {
  return result.subtype === 'success' && !result.isError && result.numTurns <= maxTurns
}

/** True when the run stopped because it used up its turns. */
export function isMaxTurnsResult(result: ClaudeResult, maxTurns: number): boolean {
  return (
    result.subtype === 'error_max_turns' ||
    result.terminalReason === 'max_turns' ||
    result.numTurns > maxTurns
  )
}

/** True when the run stopped because it reached `--max-budget-usd`. */
export function isBudgetResult(result: ClaudeResult): boolean {
  return result.subtype === 'error_max_budget_usd' || result.terminalReason === 'budget_exhausted'
}

/** True for the API-error shape: `subtype: success` with `is_error: true`. */
export function isApiErrorResult(result: ClaudeResult): boolean {
  return (
    result.isError &&
    (result.terminalReason === 'api_error' || result.apiErrorStatus !== null || result.subtype === 'success')
  )
}
