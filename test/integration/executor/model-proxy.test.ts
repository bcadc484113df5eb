/**
 * The loopback proxy that keeps the model's API key out of the agent's environment, against a real
 * local HTTP server standing in for the API.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startModelProxy, usesHttpProxy, type ModelProxy } from '../../../src/executor/model-proxy.js'

interface Seen {
  method: string | undefined
  url: string | undefined
  headers: IncomingHttpHeaders
  body: string
}

let upstream: Server | undefined
let proxy: ModelProxy | undefined
afterEach(async () => {
  await proxy?.close()
  await new Promise(resolve => (upstream ? upstream.close(resolve) : resolve(undefined)))
  upstream = undefined
  proxy = undefined
})

/** An API stand-in that records each request and answers with a server-sent event stream in parts. */
async function startUpstream(seen: Seen[]): Promise<string> {
  upstream = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, headers: request.headers, body })
      response.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_1' })
      response.write('event: message_start\ndata: {}\n\n')
      setTimeout(() => response.end('event: message_stop\ndata: {}\n\n'), 20)
    })
  })
  await new Promise<void>(resolve => upstream!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/base`
}

describe('the model proxy', () => {
  it('forwards the CLI request with the real key in place of the stand-in, and streams the answer back', async () => {
    const seen: Seen[] = []
    proxy = await startModelProxy({ upstream: await startUpstream(seen), apiKey: 'sk-ant-real-key' })

    const response = await fetch(`${proxy.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: {
        'x-api-key': proxy.standIn,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01'
      },
      body: JSON.stringify({ model: 'claude', messages: [] })
    })
    const text = await response.text()

    expect(response.status).toBe(200)
    expect(response.headers.get('request-id')).toBe('req_1')
    expect(text).toBe('event: message_start\ndata: {}\n\nevent: message_stop\ndata: {}\n\n')
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/base/v1/messages?beta=true',
        headers: expect.objectContaining({
          'x-api-key': 'sk-ant-real-key',
          'anthropic-version': '2023-06-01'
        }),
        body: '{"model":"claude","messages":[]}'
      }
    ])
    expect(JSON.stringify(seen[0]?.headers)).not.toContain(proxy.standIn)
  })

  it('refuses requests without the stand-in key, without contacting the API', async () => {
    const seen: Seen[] = []
    proxy = await startModelProxy({ upstream: await startUpstream(seen), apiKey: 'sk-ant-real-key' })

    const missing = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', body: '{}' })
    const wrong = await fetch(`${proxy.url}/v1/messages`, { headers: { 'x-api-key': `${proxy.standIn}x` } })

    expect([missing.status, wrong.status]).toEqual([401, 401])
    expect(seen).toEqual([])
  })

  it('answers 502 with a JSON error when the API cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    proxy = await startModelProxy({ upstream: `http://127.0.0.1:${port}`, apiKey: 'k' })

    const response = await fetch(`${proxy.url}/v1/messages`, { headers: { 'x-api-key': proxy.standIn } })

    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'ccal_model_proxy_error', message: expect.stringContaining('could not be reached') }
    })
  })

  it('steps aside when an HTTP proxy is configured', () => {
    expect(usesHttpProxy({ HTTPS_PROXY: 'http://proxy:3128' })).toBe(true)
    expect(usesHttpProxy({ http_proxy: 'http://proxy:3128' })).toBe(true)
    expect(usesHttpProxy({ NO_PROXY: 'localhost', HTTPS_PROXY: ' ' })).toBe(false)
  })
})
