/**
 * Git's credentials come from the token source per command: real git against a local HTTP server
 * that records the Authorization header of each request. Every command that reaches the remote
 * carries the token current when it ran; commands that stay local ask for none.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGit, withTokenAuth } from '../../../src/git/git.js'
import { openLedgerStore } from '../../../src/ledger/store.js'
import type { TokenSource } from '../../../src/util/token-source.js'
import { git, GIT_TEST_ENV } from '../../support/repos.js'

let server: Server
let url: string
let dir: string
const seen: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    const header = req.headers.authorization ?? ''
    const basic = /^basic (.+)$/i.exec(header)?.[1]
    seen.push(basic ? Buffer.from(basic, 'base64').toString('utf8') : header)
    res.writeHead(404).end()
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/octo-org/demo.git`
  dir = mkdtempSync(join(tmpdir(), 'ccal-token-auth-'))
  git(dir, 'init', '-q', '--bare')
  git(dir, 'remote', 'add', 'origin', url)
})

afterAll(async () => {
  await new Promise(done => server.close(done))
  rmSync(dir, { recursive: true, force: true })
})

/** A source handing out tok-1, tok-2, … one per call, counting the calls. */
function renewingSource(): TokenSource & { calls: number } {
  const source = {
    calls: 0,
    description: 'test tokens',
    token: () => Promise.resolve(`tok-${++source.calls}`)
  }
  return source
}

describe('a git client with token auth', () => {
  it('sends the token current at each command that reaches the remote, and asks for none locally', async () => {
    seen.length = 0
    const tokens = renewingSource()
    const client = withTokenAuth(
      createGit({ cwd: dir, baseEnv: { ...process.env, ...GIT_TEST_ENV } }),
      url,
      tokens
    )

    await client.exec(['ls-remote', 'origin'])
    await client.exec(['rev-parse', '--git-dir'])
    await client.exec(['config', '--get', 'remote.origin.url'])
    await client.exec(['fetch', 'origin'])

    expect(tokens.calls).toBe(2)
    expect([...new Set(seen)]).toEqual(['x-access-token:tok-1', 'x-access-token:tok-2'])
  })

  it('keeps the token off a remote that is not HTTP', async () => {
    const tokens = renewingSource()
    const client = withTokenAuth(createGit({ cwd: dir }), dir, tokens)

    await client.exec(['ls-remote', dir])

    expect(tokens.calls).toBe(0)
  })
})

describe('the ledger store', () => {
  it('asks the source for each fetch', async () => {
    seen.length = 0
    const tokens = renewingSource()
    const store = await openLedgerStore({
      repoDir: dir,
      git: createGit({ cwd: dir, baseEnv: { ...process.env, ...GIT_TEST_ENV } }),
      runId: 'test',
      tokens,
      retry: { maxAttempts: 1 }
    })

    await store.read().catch(() => undefined)
    await store.read().catch(() => undefined)

    expect(tokens.calls).toBeGreaterThanOrEqual(2)
    expect(seen).toContain('x-access-token:tok-1')
    expect(seen).toContain(`x-access-token:tok-${tokens.calls}`)
  })
})
