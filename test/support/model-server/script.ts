/**
 * The model server's script: what the scripted "model" answers, turn by turn. One zod schema is the
 * single source of the format; README.md documents every key. A script file is either a JSON array
 * of turns or an object `{ "turns": [...], "default_usage": {...} }`.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { errorMessage } from '../../../src/util/errors.js'

/** Token counts reported for one response; they drive the CLI's `total_cost_usd`. */
export const UsageSchema = z
  .object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_creation_input_tokens: z.number().int().nonnegative(),
    cache_read_input_tokens: z.number().int().nonnegative()
  })
  .strict()

export type Usage = z.infer<typeof UsageSchema>

const ToolUseSchema = z
  .object({
    name: z.string().min(1),
    input: z.record(z.string(), z.unknown()).default({}),
    /** Fixed id; by default the server generates a `toolu_…` id. */
    id: z.string().min(1).optional()
  })
  .strict()

const ErrorSchema = z
  .object({
    status: z.number().int().min(400).max(599),
    message: z.string().default('scripted error'),
    /** Anthropic error type; derived from the status when omitted (529 → overloaded_error …). */
    type: z.string().min(1).optional(),
    /** Sent as the `x-should-retry` header, which the CLI's SDK obeys before its own retry policy. */
    should_retry: z.boolean().optional(),
    /** Sent as `retry-after` (seconds). */
    retry_after: z.number().nonnegative().optional(),
    /**
     * More response headers, as the API sends them with a refusal (`anthropic-ratelimit-unified-status:
     * rejected`, `anthropic-ratelimit-unified-reset: <epoch>` for a subscription's usage limit).
     */
    headers: z.record(z.string().min(1), z.string()).optional()
  })
  .strict()

const StopReasonSchema = z.enum([
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'refusal',
  'pause_turn'
])

export const TurnSchema = z
  .object({
    text: z.string().optional(),
    tool_use: z.array(ToolUseSchema).min(1).optional(),
    error: ErrorSchema.optional(),
    usage: UsageSchema.partial().optional(),
    /** Overrides the stop reason (default: `tool_use` when the turn has tool uses, else `end_turn`). */
    stop_reason: StopReasonSchema.optional(),
    /** Waits this long before answering (for timeout tests). */
    delay_ms: z.number().int().nonnegative().optional(),
    /**
     * Holds the answer until this many main requests have arrived in all (agents running side by
     * side all asked before any is answered); `delay_ms` is then the longest wait.
     */
    until_requests: z.number().int().positive().optional(),
    /** Serves this turn this many times in a row (e.g. the same error for every retry). */
    repeat: z.number().int().positive().optional(),
    /**
     * The request this turn answers must contain this substring in its last user message (text or
     * tool results); otherwise the server answers 400 and records a mismatch instead of the turn.
     */
    expect: z.string().min(1).optional(),
    /**
     * Streams the first events (message_start, ping, first content_block_start), then breaks the
     * stream: `reset` destroys the connection, `truncate` ends the body without message_stop;
     * `empty` ends a 200 answer before any event. Non-streaming requests get the whole message.
     */
    break_stream: z.enum(['reset', 'truncate', 'empty']).optional()
  })
  .strict()
  .refine(turn => turn.text !== undefined || turn.tool_use !== undefined || turn.error !== undefined, {
    message: 'a turn needs at least one of "text", "tool_use" or "error"'
  })
  .refine(turn => turn.error === undefined || (turn.text === undefined && turn.tool_use === undefined), {
    message: 'an "error" turn cannot also have "text" or "tool_use"'
  })

export type Turn = z.infer<typeof TurnSchema>
/** A turn as written in a script, before zod fills in defaults. */
export type TurnInput = z.input<typeof TurnSchema>

const TurnsSchema = z.array(TurnSchema)
const ScriptObjectSchema = z
  .object({
    turns: TurnsSchema,
    /** Usage for turns that give none (each key separately). */
    default_usage: UsageSchema.partial().optional()
  })
  .strict()

/** Either form of a script. Parsed by form (not as a union) so errors keep their key paths. */
export const ScriptSchema = z.union([TurnsSchema, ScriptObjectSchema])

/** A script as tests write it: an array of turns or `{ turns, default_usage }`. */
export type ScriptInput = z.input<typeof ScriptSchema>

/** A parsed script with `repeat` expanded and usage filled in. */
export interface Script {
  turns: ResolvedTurn[]
}

/** One turn ready to serve: usage complete, `repeat` already expanded. */
export type ResolvedTurn = Omit<Turn, 'usage' | 'repeat'> & { usage: Usage }

/** Usage when neither the turn nor `default_usage` says otherwise: small but non-zero, so cost > 0. */
export const DEFAULT_USAGE: Usage = {
  input_tokens: 100,
  output_tokens: 20,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0
}

/** A script that fails validation; the message names each bad key path. */
export class ScriptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ScriptError'
  }
}

/** Validates a script; `source` (a file name) prefixes each problem. Throws ScriptError. */
export function parseScript(input: unknown, source = 'script'): Script {
  const parsed = Array.isArray(input)
    ? TurnsSchema.transform(turns => ({ turns, default_usage: undefined })).safeParse(input)
    : ScriptObjectSchema.safeParse(input)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => {
      const path = issue.path.map(key => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')
      return `${source}: ${path === '' ? '(top level)' : path.replace(/^\./, '')}: ${issue.message}`
    })
    throw new ScriptError(`Invalid model-server script:\n${problems.join('\n')}`)
  }
  const { turns, default_usage: defaults } = parsed.data
  const resolved: ResolvedTurn[] = []
  for (const { usage, repeat, ...turn } of turns) {
    const full: Usage = { ...DEFAULT_USAGE, ...defaults, ...usage }
    for (let i = 0; i < (repeat ?? 1); i++) resolved.push({ ...turn, usage: full })
  }
  return { turns: resolved }
}

/** Reads and validates a script file (JSON). */
export function loadScriptFile(path: string): Script {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ScriptError(`Cannot read model-server script ${path}: ${errorMessage(error)}`, { cause: error })
  }
  return parseScript(data, path)
}
