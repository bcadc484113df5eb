/**
 * Keeps the model's API key out of the agent's reach. Everything the agent runs (Bash, verify
 * commands it starts itself) inherits the Claude Code process's environment, so a key in
 * `ANTHROPIC_API_KEY` is one `env` away from a prompt-injected agent. Instead, CCAL listens on
 * 127.0.0.1 for the length of the run and gives the CLI this address as `ANTHROPIC_BASE_URL` and a
 * random stand-in as its key; requests carrying the stand-in go on to the real API with the real
 * key. The agent can still spend through the proxy while the run lasts (as it could with the key),
 * but it never sees a credential that outlives the run.
 *
 * Not used behind an HTTP proxy (HTTPS_PROXY and friends): forwarding through one is the CLI's
 * business, so there the key is passed as before and the run log says so.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { errorMessage } from '../util/errors.js'
import { silentLogger, type Logger } from '../util/logger.js'

/** The API the CLI talks to when `ANTHROPIC_BASE_URL` is not set. */
export const DEFAULT_MODEL_API = 'https://api.anthropic.com'

/** Headers that belong to one connection, not to the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host'
])

export interface ModelProxy {
  /** For the CLI's `ANTHROPIC_BASE_URL`. */
  readonly url: string
  /** For the CLI's `ANTHROPIC_API_KEY`: worthless outside this proxy and this run. */
  readonly standIn: string
  close(): Promise<void>
}

export interface ModelProxyOptions {
  /** Where requests go: the real `ANTHROPIC_BASE_URL`. */
  readonly upstream: string
  readonly apiKey: string
  readonly logger?: Logger
}

/** Whether the environment routes HTTP through a proxy, which this one would bypass. */
export function usesHttpProxy(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(name => Boolean(env[name]?.trim()))
}

function sameSecret(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false
  const bytes = Buffer.from(given)
  return bytes.length === expected.length && timingSafeEqual(bytes, expected)
}

function forwardedHeaders(
  headers: IncomingMessage['headers'],
  apiKey: string
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'x-api-key' || name === 'authorization')
      continue
    out[name] = value
  }
  out['x-api-key'] = apiKey
  return out
}

function fail(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.destroy()
    return
  }
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ type: 'error', error: { type: 'ccal_model_proxy_error', message } }))
}

/** Starts the proxy on a free loopback port. */
export async function startModelProxy(options: ModelProxyOptions): Promise<ModelProxy> {
  const logger = options.logger ?? silentLogger
  const upstream = new URL(options.upstream)
  if (upstream.protocol !== 'https:' && upstream.protocol !== 'http:')
    throw new Error(`ANTHROPIC_BASE_URL must be an http(s) URL, not '${options.upstream}'`)
  const basePath = upstream.pathname.replace(/\/+$/, '')
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest
  const standIn = `ccal-proxy-${randomBytes(24).toString('hex')}`
  const expected = Buffer.from(standIn)

  const server = createServer((incoming, response) => {
    // Only the CLI CCAL started knows the stand-in; anything else on this machine gets nothing.
    if (!sameSecret(incoming.headers['x-api-key'], expected)) {
      fail(response, 401, 'not a request from the Claude Code process CCAL started')
      incoming.resume()
      return
    }
    const outgoing = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port || undefined,
        method: incoming.method,
        path: `${basePath}${incoming.url ?? '/'}`,
        headers: forwardedHeaders(incoming.headers, options.apiKey)
      },
      answer => {
        const headers: Record<string, string | string[]> = {}
        for (const [name, value] of Object.entries(answer.headers))
          if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers)
        answer.pipe(response)
        answer.on('error', () => response.destroy())
      }
    )
    outgoing.on('error', error => {
      logger.warning(`model proxy: ${incoming.method} ${incoming.url}: ${errorMessage(error)}`)
      fail(response, 502, `the model API at ${upstream.origin} could not be reached: ${errorMessage(error)}`)
    })
    // The CLI gave up (timeout, abort): stop the upstream request too.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy()
    })
    incoming.pipe(outgoing)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  // A forgotten proxy must not keep CCAL's process alive.
  server.unref()
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    standIn,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
