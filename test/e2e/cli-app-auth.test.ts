/**
 * The bundled `ccal` authenticating as a GitHub App: the daemon runs cycles against the emulator,
 * whose installation tokens expire after three seconds, without a single request refused; a bad
 * key and an App that is not installed stop `ccal run` with one line each.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { claudeBinaryPath, claudeTestEnv, createClaudeHome } from '../support/claude.js'
import { GIT_TEST_ENV, git } from '../support/repos.js'
import { OWNER, REPO, REPO_ROOT, createWorld, fixBugScript, type World } from '../support/world.js'

const APP_ID = 31337
const BOT = 'ccal-app[bot]'
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })

let world: World | undefined
const cleanups: Array<() => void> = []
afterEach(async () => {
  await world?.cleanup()
  world = undefined
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function keyFile(text = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccal-app-key-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'ccal-app.private-key.pem')
  writeFileSync(path, text, { mode: 0o600 })
  return path
}

/** A world whose only credentials are the App's: no token is mapped, unknown ones are refused. */
async function appWorld(options: { ttlSeconds: number; repositories?: 'all' | string[] }): Promise<World> {
  return createWorld({
    script: fixBugScript(),
    scenario: {
      reject_unknown_tokens: true,
      tokens: {},
      installation_token_ttl_seconds: options.ttlSeconds,
      apps: [
        {
          id: APP_ID,
          slug: 'ccal-app',
          public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          installations: [{ id: 900, repositories: options.repositories ?? 'all' }]
        }
      ]
    }
  })
}

function appEnv(current: World): NodeJS.ProcessEnv {
  const home = createClaudeHome()
  cleanups.push(() => home.cleanup())
  const env: NodeJS.ProcessEnv = {
    ...claudeTestEnv({ baseUrl: current.model.url, home: home.path }),
    ...GIT_TEST_ENV,
    CCAL_CLAUDE_EXECUTABLE: claudeBinaryPath(),
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: current.gh.url,
    CCAL_WORKSPACE_DIRECTORY: join(current.runnerTemp, 'ccal')
  }
  delete env.GITHUB_TOKEN
  delete env.GH_TOKEN
  return env
}

function ledgerCycles(current: World): number {
  if (!git(current.sandbox.origin, 'ls-remote', '--heads', '.', 'ccal-ledger')) return 0
  return (JSON.parse(current.ledgerFile('state.json')) as { cycles: number }).cycles
}

describe('ccal run --daemon as a GitHub App', () => {
  it('runs cycles past the expiry of its installation tokens without an authentication error, and stops on SIGTERM', async () => {
    world = await appWorld({ ttlSeconds: 3 })
    const current = world
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'dist/cli/index.js'),
        'run',
        '--daemon',
        '--interval',
        '1',
        '--app-id',
        String(APP_ID),
        '--private-key-file',
        keyFile()
      ],
      { cwd: current.sandbox.dir, env: appEnv(current) }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>(done => child.on('close', code => done(code)))

    // Two cycles at least, and at least one token bought after the first expired while in use.
    const started = Date.now()
    let cycles = 0
    while (Date.now() - started < 90_000) {
      await new Promise(done => setTimeout(done, 500))
      cycles = ledgerCycles(current)
      const spanMs = Date.now() - started
      if (cycles >= 2 && spanMs > 4_000) break
    }
    child.kill('SIGTERM')
    const code = await exited

    const requests = current.gh.requests()
    const minted = requests.filter(entry => entry.operationId === 'apps/create-installation-access-token')
    const botTokens = new Set(requests.filter(entry => entry.user === BOT).map(entry => entry.token))
    expect(requests.filter(entry => entry.status === 401)).toEqual([])
    expect(stderr).not.toMatch(/Bad credentials|cycle failed/)
    expect(cycles).toBeGreaterThanOrEqual(2)
    expect(minted.length).toBeGreaterThanOrEqual(2)
    expect(botTokens.size).toBeGreaterThanOrEqual(2)
    // The pull request is the App's bot's, opened with an installation token.
    expect(current.gh.state.pulls()).toHaveLength(1)
    expect(current.gh.state.pulls()[0]?.author).toBe(BOT)
    expect(code).toBe(0)
    expect(stderr).toMatch(/SIGTERM received; stopping after the current step/)
  })
})

describe('ccal run as a GitHub App, misconfigured', () => {
  it('stops with one line naming the flag when the key is no key', async () => {
    world = await appWorld({ ttlSeconds: 3600 })
    const path = keyFile('not a key\n')

    const result = await world.runCli(
      ['run', '--once', '--dry-run', '--app-id', String(APP_ID), '--private-key-file', path],
      {
        GITHUB_TOKEN: ''
      }
    )

    expect(result.status).toBe(1)
    expect(result.stdout.trim().split('\n').at(-1)).toBe(
      `ccal run: --private-key-file ${path}: expected the GitHub App's RSA private key in PEM form, as GitHub downloads it (-----BEGIN RSA PRIVATE KEY----- …), found text without a 'BEGIN … PRIVATE KEY' line`
    )
  })

  it('stops with one line when the App is not installed on the repository', async () => {
    world = await appWorld({ ttlSeconds: 3600, repositories: ['another-repo'] })

    const result = await world.runCli(['run', '--once', '--dry-run'], {
      GITHUB_TOKEN: '',
      CCAL_APP_ID: String(APP_ID),
      CCAL_APP_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
    })

    expect(result.status).toBe(1)
    const lines = result.stdout.trim().split('\n')
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^ccal run: GitHub App ${APP_ID} is not installed on ${OWNER}/${REPO} \\(or its installation`
      )
    )
    expect(result.stdout).not.toMatch(/\n\s+at /)
  })
})
