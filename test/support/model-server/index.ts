/**
 * A scripted Anthropic Messages API for tests: the real Claude Code CLI talks to it through
 * `ANTHROPIC_BASE_URL`, each conversation turn is answered from a script, and every request is
 * recorded for the test to assert on afterwards. See README.md beside this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  newMessageId,
  newToolUseId,
  writeError,
  writeJsonMessage,
  writeSseMessage,
  type AssistantMessage,
  type ContentBlock,
  type StreamBreak
} from './anthropic.js'
import { recordRequest, type RecordedRequest, type RequestKind } from './requests.js'
import { parseScript, type ResolvedTurn, type ScriptInput, type TurnInput, type Usage } from './script.js'
import { errorMessage } from '../../../src/util/errors.js'

export { loadScriptFile, parseScript, ScriptError, DEFAULT_USAGE } from './script.js'
export type { Script, ScriptInput, TurnInput, Usage } from './script.js'
export type { RecordedRequest, RequestKind, ToolResult, ServedToolUse } from './requests.js'

/** The text of the answer to a main request that arrives after the last scripted turn. */
export const EXHAUSTED_TEXT = '(script exhausted)'

/** The text side requests (no tools offered) get. */
export const SIDE_TEXT = 'OK'

/** Usage of unscripted answers (side requests, exhaustion): almost free, so they barely move the cost. */
const TOKEN_USAGE: Usage = {
  input_tokens: 1,
  output_tokens: 1,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0
}

/** Options: the script's own keys (`turns`, `default_usage`) plus server settings. */
export interface ModelServerOptions {
  turns?: TurnInput[]
  default_usage?: Partial<Usage>
  /** Extra `$NAME` substitutions in tool inputs and text (`CWD` comes from each request). */
  vars?: Record<string, string>
  /** Port to listen on (default: a free one). */
  port?: number
  /** Interface to listen on (default 127.0.0.1). */
  host?: string
  /** Replaces the default main/side classification (main = a Messages request that offers tools). */
  classify?: (request: RecordedRequest) => RequestKind
  /** Called once each recorded request has been answered (or its connection closed). */
  onResponse?: (request: RecordedRequest) => void
  /** Scripts of their own for conversations running at the same time (see {@link Conversation}). */
  conversations?: Conversation[]
}

/**
 * A script for the conversations whose prompt (first user message) contains `match`, served from its
 * own first turn onwards: agents running at once each follow their own script, whatever the order
 * their requests arrive in. Conversations that match none use the main script.
 */
export interface Conversation {
  match: string
  turns: TurnInput[]
}

/** A running model server. */
export interface ModelServer {
  /** Base URL for `ANTHROPIC_BASE_URL`, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string
  /** Every request received so far, in arrival order. */
  requests(): RecordedRequest[]
  /** Only the conversation turns (kind `main`). */
  mainRequests(): RecordedRequest[]
  /** Replaces the script and starts again at its first turn; recorded requests are kept. */
  setScript(script: ScriptInput): void
  /** Replaces the conversations' scripts (each starts again at its first turn). */
  setConversations(conversations: Conversation[]): void
  /** Adds `$NAME` substitutions (paths known only once the world exists). */
  setVars(vars: Record<string, string>): void
  /** How many scripted turns have not been served yet. */
  remainingTurns(): number
  /** Closes the server and every open connection. */
  stop(): Promise<void>
}

/** Replaces `$NAME` and `${NAME}` for known names only, so shell variables in commands survive. */
function substitute(text: string, vars: Record<string, string>): string {
  const names = Object.keys(vars).sort((a, b) => b.length - a.length)
  if (names.length === 0) return text
  const pattern = new RegExp(`\\$(?:\\{(${names.join('|')})\\}|(${names.join('|')})(?![A-Za-z0-9_]))`, 'g')
  return text.replace(pattern, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare
    return name === undefined ? whole : (vars[name] ?? whole)
  })
}

function substituteDeep(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return substitute(value, vars)
  if (Array.isArray(value)) return value.map(item => substituteDeep(item, vars))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteDeep(item, vars)]))
  }
  return value
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    req.on('data', (chunk: Buffer) => parts.push(chunk))
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
    req.on('error', reject)
  })
}

function assistantMessage(
  model: string,
  content: ContentBlock[],
  stopReason: string,
  usage: Usage
): AssistantMessage {
  return {
    id: newMessageId(),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage
  }
}

/** Starts a model server on 127.0.0.1 (a free port unless given) answering from `script`. */
export async function startModelServer(script: ScriptInput | ModelServerOptions = []): Promise<ModelServer> {
  const options: ModelServerOptions = Array.isArray(script) ? { turns: script } : script
  let turns: ResolvedTurn[] = parseScript({
    turns: options.turns ?? [],
    default_usage: options.default_usage
  }).turns
  let cursor = 0
  const resolveConversations = (list: Conversation[]) =>
    list.map(conversation => ({
      match: conversation.match,
      turns: parseScript({ turns: conversation.turns, default_usage: options.default_usage }).turns,
      cursor: 0
    }))
  let conversations = resolveConversations(options.conversations ?? [])
  const records: RecordedRequest[] = []
  // Delayed answers in flight, so stop() can end them instead of leaving timers behind.
  const pendingDelays = new Map<NodeJS.Timeout, () => void>()

  const sleep = (ms: number): Promise<void> =>
    new Promise(resolve => {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer)
        resolve()
      }, ms)
      pendingDelays.set(timer, resolve)
    })

  const send = (
    record: RecordedRequest,
    res: ServerResponse,
    message: AssistantMessage,
    breakMode?: StreamBreak
  ): void => {
    record.served = message.content.flatMap(block =>
      block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input }] : []
    )
    record.status = 200
    if (record.stream) {
      // Three events (message_start, ping, first block start) then a cut: the client has begun a
      // message; or none at all.
      writeSseMessage(res, message, breakMode ? { breakAfter: breakMode === 'empty' ? 0 : 3, breakMode } : {})
      record.broken = breakMode
    } else {
      writeJsonMessage(res, message)
    }
  }

  const answerMain = async (
    record: RecordedRequest,
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> => {
    const model = record.model ?? 'claude-scripted'
    const own = conversations.find(conversation => record.firstUserText.includes(conversation.match))
    const turn = own ? own.turns[own.cursor] : turns[cursor]
    if (turn === undefined) {
      record.exhausted = true
      send(
        record,
        res,
        assistantMessage(model, [{ type: 'text', text: EXHAUSTED_TEXT }], 'end_turn', TOKEN_USAGE)
      )
      return
    }
    record.turnIndex = own ? own.cursor++ : cursor++
    if (turn.expect !== undefined) {
      const seen = `${record.lastUserText}\n${record.toolResults.map(result => result.content).join('\n')}`
      if (!seen.includes(turn.expect)) {
        record.mismatch = `turn ${record.turnIndex} expected the last user message to contain ${JSON.stringify(turn.expect)}`
        record.status = 400
        writeError(res, 400, `model-server: ${record.mismatch}`)
        return
      }
    }
    if (turn.until_requests !== undefined) {
      const until = Date.now() + (turn.delay_ms ?? 30_000)
      const arrived = () => records.filter(other => other.kind === 'main').length
      while (arrived() < turn.until_requests && Date.now() < until && !res.destroyed) await sleep(20)
    } else if (turn.delay_ms !== undefined) await sleep(turn.delay_ms)
    // The client may have given up (its timeout) or the server may be stopping.
    if (res.destroyed || req.socket.destroyed) return
    if (turn.error !== undefined) {
      const { status, message, type, should_retry, retry_after, headers } = turn.error
      record.status = status
      writeError(res, status, message, { type, shouldRetry: should_retry, retryAfter: retry_after, headers })
      return
    }
    const vars: Record<string, string> = { ...options.vars }
    if (record.cwd !== undefined) vars.CWD = record.cwd
    const content: ContentBlock[] = []
    if (turn.text !== undefined) content.push({ type: 'text', text: substitute(turn.text, vars) })
    for (const use of turn.tool_use ?? []) {
      const input = substituteDeep(use.input, vars) as Record<string, unknown>
      content.push({ type: 'tool_use', id: use.id ?? newToolUseId(), name: use.name, input })
    }
    const stopReason = turn.stop_reason ?? (turn.tool_use ? 'tool_use' : 'end_turn')
    send(record, res, assistantMessage(model, content, stopReason, turn.usage), turn.break_stream)
  }

  const answerControl = (req: IncomingMessage, res: ServerResponse, path: string, raw: string): boolean => {
    if (req.method === 'GET' && path === '/_model/requests') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(records, null, 2))
      return true
    }
    if (req.method === 'POST' && path === '/_model/script') {
      try {
        turns = parseScript(JSON.parse(raw), 'POST /_model/script').turns
        cursor = 0
        res.writeHead(204).end()
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(errorMessage(error))
      }
      return true
    }
    return false
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req)
    const path = new URL(req.url ?? '/', 'http://model-server').pathname
    if (path.startsWith('/_model/') && answerControl(req, res, path, raw)) return
    const record = recordRequest(records.length, req.method ?? 'GET', req.url ?? '/', req.headers, raw)
    if (options.classify) record.kind = options.classify(record)
    records.push(record)
    res.on('close', () => options.onResponse?.(record))
    switch (record.kind) {
      case 'main':
        return answerMain(record, req, res)
      case 'side': {
        const content: ContentBlock[] = [{ type: 'text', text: SIDE_TEXT }]
        send(
          record,
          res,
          assistantMessage(record.model ?? 'claude-scripted', content, 'end_turn', TOKEN_USAGE)
        )
        return
      }
      case 'count_tokens':
        record.status = 200
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ input_tokens: Math.ceil(raw.length / 4) }))
        return
      case 'other':
        // Without CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC the CLI checks connectivity here first.
        if (path === '/api/hello') {
          record.status = 200
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          return
        }
        record.status = 404
        writeError(res, 404, `model-server: no route for ${req.method ?? 'GET'} ${path}`)
        return
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeError(res, 500, `model-server: ${errorMessage(error)}`)
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${host}:${address.port}`,
    requests: () => [...records],
    mainRequests: () => records.filter(record => record.kind === 'main'),
    setScript(next) {
      turns = parseScript(next).turns
      cursor = 0
    },
    setConversations(next) {
      conversations = resolveConversations(next)
    },
    setVars(vars) {
      options.vars = { ...options.vars, ...vars }
    },
    remainingTurns: () => turns.length - cursor,
    stop() {
      for (const [timer, resolve] of pendingDelays) {
        clearTimeout(timer)
        resolve()
      }
      pendingDelays.clear()
      return new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    }
  }
}
