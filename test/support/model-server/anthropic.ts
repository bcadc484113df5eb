/**
 * The Anthropic Messages API wire format the model server speaks: response bodies, the SSE event
 * sequence of a streamed message, error bodies and id shapes. Kept apart from the scripting so the
 * protocol can be read (and checked against Anthropic's documentation) on its own.
 */
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { Usage } from './script.js'

/** A content block of an assistant message as the server sends it. */
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }

/** A complete (non-streamed) assistant message, as `POST /v1/messages` returns without `stream`. */
export interface AssistantMessage {
  id: string
  type: 'message'
  role: 'assistant'
  model: string
  content: ContentBlock[]
  stop_reason: string
  stop_sequence: null
  usage: Usage
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Anthropic ids look like `msg_01` + 22 base62 characters; the CLI does not check, but logs read better. */
function anthropicId(prefix: string): string {
  const bytes = randomBytes(22)
  let tail = ''
  for (const byte of bytes) tail += BASE62[byte % BASE62.length]
  return `${prefix}_01${tail}`
}

/** A fresh `msg_…` id. */
export const newMessageId = (): string => anthropicId('msg')
/** A fresh `toolu_…` id. */
export const newToolUseId = (): string => anthropicId('toolu')
/** A fresh `req_…` id for the `request-id` header. */
export const newRequestId = (): string => anthropicId('req')

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error'
}

/** Anthropic's error type for an HTTP status (`api_error` for unlisted 5xx, `invalid_request_error` for 4xx). */
export function errorTypeForStatus(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')
}

/** Writes an error the way the API does: `{type:"error", error:{type, message}}` with a `request-id`. */
export function writeError(
  res: ServerResponse,
  status: number,
  message: string,
  options: {
    type?: string
    shouldRetry?: boolean
    retryAfter?: number
    headers?: Record<string, string>
  } = {}
): void {
  const headers: Record<string, string> = {
    ...options.headers,
    'content-type': 'application/json',
    'request-id': newRequestId()
  }
  if (options.shouldRetry !== undefined) headers['x-should-retry'] = String(options.shouldRetry)
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter)
  res.writeHead(status, headers)
  res.end(
    JSON.stringify({ type: 'error', error: { type: options.type ?? errorTypeForStatus(status), message } })
  )
}

/** Writes a complete message as plain JSON (the answer to a request without `stream: true`). */
export function writeJsonMessage(res: ServerResponse, message: AssistantMessage): void {
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': newRequestId() })
  res.end(JSON.stringify(message))
}

/** Splits text into a few pieces so clients exercise their delta accumulation, as the real API does. */
function chunks(text: string, parts = 3): string[] {
  if (text.length < parts * 2) return [text]
  const size = Math.ceil(text.length / parts)
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

/** The SSE events of a streamed message, in the order the API sends them. */
export function sseEvents(
  message: AssistantMessage
): Array<{ event: string; data: Record<string, unknown> }> {
  const { usage } = message
  const events: Array<{ event: string; data: Record<string, unknown> }> = []
  const push = (event: string, data: Record<string, unknown> = {}): void => {
    events.push({ event, data: { type: event, ...data } })
  }
  push('message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      // The API reports input tokens up front and the final output count in message_delta.
      usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens) }
    }
  })
  push('ping')
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      push('content_block_start', { index, content_block: { type: 'text', text: '' } })
      for (const text of chunks(block.text))
        push('content_block_delta', { index, delta: { type: 'text_delta', text } })
    } else {
      push('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} }
      })
      for (const partial_json of chunks(JSON.stringify(block.input))) {
        push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } })
      }
    }
    push('content_block_stop', { index })
  })
  push('message_delta', {
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens }
  })
  push('message_stop')
  return events
}

/**
 * How a scripted stream breaks: `reset` destroys the socket, `truncate` ends the body before
 * message_stop, `empty` answers 200 with no event at all.
 */
export type StreamBreak = 'reset' | 'truncate' | 'empty'

/**
 * Streams a message as SSE. With `breakAfter`, only that many events are written and the stream is
 * then broken off the way `breakMode` says.
 */
export function writeSseMessage(
  res: ServerResponse,
  message: AssistantMessage,
  options: { breakAfter?: number; breakMode?: StreamBreak } = {}
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': newRequestId()
  })
  const events = sseEvents(message)
  const count = options.breakAfter ?? events.length
  for (const { event, data } of events.slice(0, count))
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  if (options.breakAfter !== undefined && options.breakMode === 'reset') res.destroy()
  else res.end()
}
