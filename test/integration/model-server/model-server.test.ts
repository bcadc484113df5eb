/**
 * The model server on its own, driven with plain fetch: the Messages API wire format (SSE and JSON),
 * scripted errors, recording, `$CWD` substitution, side requests and script validation.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  EXHAUSTED_TEXT,
  SIDE_TEXT,
  ScriptError,
  parseScript,
  startModelServer,
  type ModelServer,
  type ScriptInput
} from '../../support/model-server/index.js'

const CWD = '/tmp/some project'

/** A Messages request shaped like the CLI's: tools offered, cwd in a system-role message. */
function messagesBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'claude-test-model',
    max_tokens: 1024,
    stream: true,
    system: [{ type: 'text', text: 'You are a scripted test.' }],
    tools: [
      { name: 'Read', input_schema: { type: 'object' } },
      { name: 'Bash', input_schema: { type: 'object' } }
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Fix the bug' }] },
      {
        role: 'system',
        content: [{ type: 'text', text: `# Environment\n - Primary working directory: ${CWD}\n` }]
      }
    ],
    ...overrides
  }
}

async function post(server: ModelServer, body: unknown, path = '/v1/messages?beta=true'): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dummy', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body)
  })
}

interface SseEvent {
  event: string
  data: Record<string, unknown>
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter(chunk => chunk.trim() !== '')
    .map(chunk => {
      const event = /^event: (.+)$/m.exec(chunk)?.[1] ?? ''
      const data = JSON.parse(/^data: (.+)$/m.exec(chunk)?.[1] ?? '{}') as Record<string, unknown>
      return { event, data }
    })
}

let server: ModelServer | undefined
async function start(script: ScriptInput | Parameters<typeof startModelServer>[0]): Promise<ModelServer> {
  server = await startModelServer(script)
  return server
}

afterEach(async () => {
  await server?.stop()
  server = undefined
})

describe('model server wire format', () => {
  it('streams a tool_use turn as the Messages API SSE event sequence', async () => {
    const model = await start([
      { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/a.js' } }], usage: { input_tokens: 7 } }
    ])

    const res = await post(model, messagesBody())
    const events = parseSse(await res.text())

    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(events.map(e => e.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      ...events.filter(e => e.event === 'content_block_delta').map(() => 'content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop'
    ])
    const start0 = events[0]?.data.message as Record<string, unknown>
    expect(start0).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test-model',
      content: []
    })
    expect(start0.usage).toMatchObject({ input_tokens: 7 })
    const block = events[2]?.data.content_block as Record<string, unknown>
    expect(block).toMatchObject({ type: 'tool_use', name: 'Read', input: {} })
    expect(block.id).toMatch(/^toolu_01[0-9A-Za-z]{22}$/)
    const json = events
      .filter(e => e.event === 'content_block_delta')
      .map(e => (e.data.delta as { type: string; partial_json: string }).partial_json)
      .join('')
    expect(JSON.parse(json)).toEqual({ file_path: `${CWD}/src/a.js` })
    expect(events.find(e => e.event === 'message_delta')?.data).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { output_tokens: 20 }
    })
  })

  it('answers a non-streaming request with one JSON message', async () => {
    const model = await start([{ text: 'All done in $CWD.', usage: { input_tokens: 5, output_tokens: 3 } }])

    const res = await post(model, messagesBody({ stream: false }))
    const body = (await res.json()) as Record<string, unknown>

    expect(res.status).toBe(200)
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: `All done in ${CWD}.` }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 5, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
    })
    expect(String(body.id)).toMatch(/^msg_01/)
  })

  it('answers an error turn with its status and Anthropic error body', async () => {
    const model = await start([{ error: { status: 529, message: 'Overloaded', should_retry: false } }])

    const res = await post(model, messagesBody())

    expect(res.status).toBe(529)
    expect(res.headers.get('x-should-retry')).toBe('false')
    expect(await res.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' }
    })
  })

  it('sends the extra headers an error turn names (a usage limit’s unified rate-limit headers)', async () => {
    const model = await start([
      {
        error: {
          status: 429,
          headers: {
            'anthropic-ratelimit-unified-status': 'rejected',
            'anthropic-ratelimit-unified-reset': '1796174337'
          }
        }
      }
    ])

    const res = await post(model, messagesBody())

    expect(res.status).toBe(429)
    expect(res.headers.get('anthropic-ratelimit-unified-status')).toBe('rejected')
    expect(res.headers.get('anthropic-ratelimit-unified-reset')).toBe('1796174337')
    expect(res.headers.get('content-type')).toBe('application/json')
  })

  it('substitutes only known variables, leaving shell variables alone', async () => {
    const model = await start({
      turns: [{ tool_use: [{ name: 'Bash', input: { command: 'cd ${CWD} && echo $HOME $CWDX $TOKEN' } }] }],
      vars: { TOKEN: 'abc' }
    })

    await (await post(model, messagesBody({ stream: false }))).json()

    expect(model.requests()[0]?.served[0]?.input).toEqual({ command: `cd ${CWD} && echo $HOME $CWDX abc` })
  })
})

describe('model server recording', () => {
  it('records system prompt, tools, tool results, cwd and auth presence of each request', async () => {
    const model = await start([{ text: 'one' }, { text: 'two' }])
    await (await post(model, messagesBody())).text()

    const second = messagesBody({
      messages: [
        { role: 'user', content: 'Fix the bug' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '# pass 2' }] },
            { type: 'text', text: 'keep going' }
          ]
        }
      ]
    })
    await (await post(model, second)).text()
    const [first, next] = model.requests()

    expect(first).toMatchObject({
      kind: 'main',
      path: '/v1/messages',
      query: { beta: 'true' },
      model: 'claude-test-model',
      stream: true,
      system: 'You are a scripted test.',
      tools: ['Read', 'Bash'],
      cwd: CWD,
      turnIndex: 0,
      status: 200,
      auth: { apiKey: true, authorization: false }
    })
    expect(next?.toolResults).toEqual([{ tool_use_id: 'toolu_1', content: '# pass 2', is_error: false }])
    expect(next?.lastUserText).toBe('keep going')
    expect(next?.turnIndex).toBe(1)
    expect(model.remainingTurns()).toBe(0)
  })

  it('answers side requests without consuming the script', async () => {
    const model = await start([{ text: 'main answer' }])

    const side = (await (await post(model, messagesBody({ tools: undefined, stream: false }))).json()) as {
      content: Array<{ text: string }>
    }
    const count = (await (await post(model, messagesBody(), '/v1/messages/count_tokens')).json()) as {
      input_tokens: number
    }
    const main = parseSse(await (await post(model, messagesBody())).text())

    expect(side.content[0]?.text).toBe(SIDE_TEXT)
    expect(count.input_tokens).toBeGreaterThan(0)
    expect(main.find(e => e.event === 'content_block_delta')).toBeDefined()
    expect(model.requests().map(r => [r.kind, r.turnIndex])).toEqual([
      ['side', null],
      ['count_tokens', null],
      ['main', 0]
    ])
  })

  it('answers a request after the last turn with the exhausted text and flags it', async () => {
    const model = await start([])

    const body = (await (await post(model, messagesBody({ stream: false }))).json()) as {
      content: Array<{ text: string }>
    }

    expect(body.content[0]?.text).toBe(EXHAUSTED_TEXT)
    expect(model.requests()[0]).toMatchObject({ exhausted: true, turnIndex: null })
  })

  it('repeats a turn and checks `expect` against the last user message', async () => {
    const model = await start([
      { error: { status: 500 }, repeat: 2 },
      { text: 'ok', expect: 'tests pass' }
    ])

    const statuses = [
      (await post(model, messagesBody())).status,
      (await post(model, messagesBody())).status,
      (await post(model, messagesBody())).status
    ]

    expect(statuses).toEqual([500, 500, 400])
    expect(model.requests()[2]?.mismatch).toContain('"tests pass"')
  })

  it('serves GET /_model/requests and replaces the script with POST /_model/script', async () => {
    const model = await start([])
    const set = await fetch(`${model.url}/_model/script`, {
      method: 'POST',
      body: JSON.stringify([{ text: 'new' }])
    })
    const bad = await fetch(`${model.url}/_model/script`, {
      method: 'POST',
      body: JSON.stringify([{ txt: 'x' }])
    })
    await (await post(model, messagesBody({ stream: false }))).text()

    const recorded = (await (await fetch(`${model.url}/_model/requests`)).json()) as Array<{
      turnIndex: number
    }>

    expect(set.status).toBe(204)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('[0]')
    expect(recorded).toHaveLength(1)
    expect(recorded[0]?.turnIndex).toBe(0)
  })

  it('waits delay_ms before answering', async () => {
    const model = await start([{ text: 'slow', delay_ms: 300 }])
    const started = Date.now()

    await (await post(model, messagesBody())).text()

    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('breaks a stream off before message_stop when told to', async () => {
    const model = await start([{ text: 'cut short', break_stream: 'truncate' }])

    const events = parseSse(await (await post(model, messagesBody())).text())

    expect(events.map(e => e.event)).toEqual(['message_start', 'ping', 'content_block_start'])
    expect(model.requests()[0]?.broken).toBe('truncate')
  })
})

describe('script validation', () => {
  it('names the key path of each problem', () => {
    const bad = [{ text: 'ok' }, { tool_use: [{ name: 3 }] }, { usage: { input_tokens: -1 }, text: 'x' }, {}]

    expect(() => parseScript(bad, 'bad.json')).toThrow(ScriptError)
    expect(() => parseScript(bad, 'bad.json')).toThrow(/bad\.json: \[1\]\.tool_use\[0\]\.name/)
    expect(() => parseScript(bad, 'bad.json')).toThrow(/bad\.json: \[2\]\.usage\.input_tokens/)
    expect(() => parseScript(bad, 'bad.json')).toThrow(/bad\.json: \[3\]: a turn needs at least one of/)
  })

  it('rejects unknown keys and expands repeat with default usage', () => {
    expect(() => parseScript([{ text: 'x', stop: true }])).toThrow(/\[0\].*stop/)

    const script = parseScript({ turns: [{ text: 'x', repeat: 2 }], default_usage: { output_tokens: 9 } })

    expect(script.turns).toHaveLength(2)
    expect(script.turns[1]?.usage).toEqual({
      input_tokens: 100,
      output_tokens: 9,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0
    })
  })
})
