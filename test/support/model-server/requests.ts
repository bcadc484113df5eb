/**
 * What the model server remembers about each request: the parts a test asserts on (system prompt,
 * messages, tools offered, tool results sent back), already pulled out of the Messages API body.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { z } from 'zod'

/**
 * - `main`: a turn of the agent's conversation (a Messages request that offers tools); consumes the script.
 * - `side`: a Messages request without tools (title, quota or summary calls); answered with a short text.
 * - `count_tokens`: `POST /v1/messages/count_tokens`.
 * - `other`: anything else (answered 404, still recorded).
 */
export type RequestKind = 'main' | 'side' | 'count_tokens' | 'other'

/** A tool result the client sent back in the last user message. */
export interface ToolResult {
  tool_use_id: string
  /** Text of the result (string content, or the text blocks joined with newlines). */
  content: string
  is_error: boolean
}

/** A tool use the server sent, after `$VAR` substitution. */
export interface ServedToolUse {
  id: string
  name: string
  input: Record<string, unknown>
}

/** One request as the server received and answered it. */
export interface RecordedRequest {
  /** 0-based arrival order over all requests. */
  index: number
  method: string
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string
  /** Query string parameters, e.g. `{ beta: "true" }`. */
  query: Record<string, string>
  kind: RequestKind
  /** The model the client asked for. */
  model: string | undefined
  stream: boolean
  max_tokens: number | undefined
  /** The system prompt's text blocks joined with newlines. */
  system: string
  /** The conversation as sent (roles include `system` for the CLI's mid-conversation system turns). */
  messages: unknown[]
  /** Names of the tools offered. */
  tools: string[]
  /** Tool results in the last user message, in order. */
  toolResults: ToolResult[]
  /** Text blocks of the last user message joined with newlines. */
  lastUserText: string
  /** The text of the conversation's first user message (the prompt), to tell conversations apart. */
  firstUserText: string
  /** The working directory the CLI reports ("Primary working directory: …"), if any. */
  cwd: string | undefined
  /** Which credential headers were present (values are never recorded). */
  auth: { apiKey: boolean; authorization: boolean }
  /** Selected headers: user-agent, anthropic-version, anthropic-beta, x-stainless-retry-count, x-app. */
  headers: Record<string, string>
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown
  /** The script turn (0-based, after `repeat` expansion) that answered, or null. */
  turnIndex: number | null
  /** True when a main request arrived after the script ran out. */
  exhausted: boolean
  /** Set when the turn's `expect` did not match; the server answered 400 instead. */
  mismatch: string | undefined
  /** HTTP status the server answered with (0 while still pending). */
  status: number
  /** Set when the turn's `break_stream` cut this streamed answer short. */
  broken: 'reset' | 'truncate' | 'empty' | undefined
  /** Tool uses sent in the answer. */
  served: ServedToolUse[]
}

const TextBlock = z.looseObject({ type: z.literal('text'), text: z.string() })
const Block = z.looseObject({ type: z.string() })
const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(Block)])
})
const BodySchema = z.looseObject({
  model: z.string().optional(),
  stream: z.boolean().optional(),
  max_tokens: z.number().optional(),
  system: z.union([z.string(), z.array(Block)]).optional(),
  messages: z.array(MessageSchema).optional(),
  tools: z.array(z.looseObject({ name: z.string() })).optional()
})
const ToolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(Block)]).optional(),
  is_error: z.boolean().optional()
})

type Body = z.infer<typeof BodySchema>
type Content = string | z.infer<typeof Block>[]

/** Text of a content value: a string as is, text blocks joined with newlines, other blocks skipped. */
export function contentText(content: Content | undefined): string {
  if (content === undefined) return ''
  if (typeof content === 'string') return content
  return content
    .flatMap(block => {
      const text = TextBlock.safeParse(block)
      return text.success ? [text.data.text] : []
    })
    .join('\n')
}

function toolResults(content: Content): ToolResult[] {
  if (typeof content === 'string') return []
  return content.flatMap(block => {
    const result = ToolResultBlock.safeParse(block)
    if (!result.success) return []
    const { tool_use_id, content: inner, is_error } = result.data
    return [{ tool_use_id, content: contentText(inner), is_error: is_error ?? false }]
  })
}

const CWD_LINE = /Primary working directory: (.+)/

/**
 * The CLI (2.1.330) states its working directory in an environment section, which it sends as a
 * `system`-role message inside `messages` rather than in the top-level system prompt; older
 * versions put it in the system prompt. Both places are searched.
 */
function firstUserText(messages: z.infer<typeof MessageSchema>[]): string {
  const first = messages.find(message => message.role === 'user')
  return first ? contentText(first.content) : ''
}

function findCwd(system: string, messages: z.infer<typeof MessageSchema>[]): string | undefined {
  const texts = [system, ...messages.map(message => contentText(message.content))]
  for (const text of texts) {
    const match = CWD_LINE.exec(text)
    if (match?.[1] !== undefined) return match[1].trim()
  }
  return undefined
}

const RECORDED_HEADERS = [
  'user-agent',
  'anthropic-version',
  'anthropic-beta',
  'x-stainless-retry-count',
  'x-app'
]

/** The default classification: Messages requests offering tools are the conversation, the rest are side calls. */
export function classify(path: string, body: Body | undefined): RequestKind {
  if (path === '/v1/messages/count_tokens') return 'count_tokens'
  if (path !== '/v1/messages') return 'other'
  return (body?.tools?.length ?? 0) > 0 ? 'main' : 'side'
}

/** Builds the record of a request (before it is answered) from its URL, headers and raw body. */
export function recordRequest(
  index: number,
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
  rawBody: string
): RecordedRequest {
  const url = new URL(rawUrl, 'http://model-server')
  let json: unknown
  try {
    json = rawBody === '' ? undefined : JSON.parse(rawBody)
  } catch {
    json = undefined
  }
  const parsed = BodySchema.safeParse(json)
  const body = parsed.success ? parsed.data : undefined
  const messages = body?.messages ?? []
  const system = typeof body?.system === 'string' ? body.system : contentText(body?.system)
  const lastUser = [...messages].reverse().find(message => message.role === 'user')
  const picked: Record<string, string> = {}
  for (const name of RECORDED_HEADERS) {
    const value = headers[name]
    if (typeof value === 'string') picked[name] = value
  }
  return {
    index,
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    kind: classify(url.pathname, body),
    model: body?.model,
    stream: body?.stream === true,
    max_tokens: body?.max_tokens,
    system,
    messages,
    tools: (body?.tools ?? []).map(tool => tool.name),
    toolResults: lastUser ? toolResults(lastUser.content) : [],
    lastUserText: lastUser ? contentText(lastUser.content) : '',
    firstUserText: firstUserText(messages),
    cwd: findCwd(system, messages),
    auth: { apiKey: headers['x-api-key'] !== undefined, authorization: headers.authorization !== undefined },
    headers: picked,
    body: json,
    turnIndex: null,
    exhausted: false,
    mismatch: undefined,
    status: 0,
    broken: undefined,
    served: []
  }
}
