/**
 * The container's entry point (docs/deploy/entrypoint.sh) run outside a container: real bash and
 * git, a `ccal` first on PATH that records how it was started, a bare repository standing in for
 * GitHub's git service, and a local server standing in for the daemon's /healthz.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createTestRepos, git, type TestRepos } from '../../support/repos.js'

const ENTRYPOINT = join(import.meta.dirname, '../../../docs/deploy/entrypoint.sh')

let temp: string
let home: string
let bin: string
let started: string

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'ccal-entrypoint-'))
  home = join(temp, 'home')
  bin = join(temp, 'bin')
  started = join(temp, 'started')
  mkdirSync(home)
  mkdirSync(bin)
  // The fake ccal: its arguments one a line, then its environment.
  writeFileSync(
    join(bin, 'ccal'),
    `#!/usr/bin/env bash\n{ printf '%s\\n' "$@"; echo ---; env; } > '${started}'\n`,
    { mode: 0o755 }
  )
})
afterEach(() => rmSync(temp, { recursive: true, force: true }))

interface Run {
  status: number | null
  stderr: string
  /** The fake ccal's arguments and environment, when the script started it. */
  ccal?: { args: string[]; env: Record<string, string> }
}

function entrypoint(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(ENTRYPOINT, args, {
    cwd: temp,
    env: {
      PATH: [bin, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
      HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      ...env
    }
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise(done =>
    child.on('close', status => {
      if (!existsSync(started)) return done({ status, stderr })
      const [argText, envText] = readFileSync(started, 'utf8').split('\n---\n') as [string, string]
      rmSync(started)
      const ccalEnv = Object.fromEntries(
        envText
          .split('\n')
          .filter(line => line.includes('='))
          .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
      )
      done({ status, stderr, ccal: { args: argText ? argText.split('\n') : [], env: ccalEnv } })
    })
  )
}

const CREDENTIALS = { GITHUB_TOKEN: 'ghs_entrypoint_token', ANTHROPIC_API_KEY: 'sk-ant-dummy' }

describe('the entry point checks the environment', () => {
  it('fails in one line with EX_CONFIG, and starts nothing, when there is no GitHub token', async () => {
    const result = await entrypoint([], { ANTHROPIC_API_KEY: 'sk-ant-dummy', GITHUB_REPOSITORY: 'octo/repo' })

    expect(result.status).toBe(78)
    expect(result.stderr).toBe(
      'ccal-entrypoint: no GitHub credentials: set GITHUB_TOKEN (or GH_TOKEN), or CCAL_APP_ID and CCAL_APP_PRIVATE_KEY\n'
    )
    expect(result.ccal).toBeUndefined()
  })

  it('fails naming the ways to give Claude Code credentials when there are none', async () => {
    const checkout = createTestRepos()
    try {
      const result = await entrypoint([], { GITHUB_TOKEN: 'ghs_x', CCAL_CHECKOUT: checkout.work })

      expect(result.status).toBe(78)
      expect(result.stderr).toMatch(
        /^ccal-entrypoint: no Claude Code credentials: set ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN, or log in once .*claude auth login'\n$/
      )
      expect(result.ccal).toBeUndefined()
    } finally {
      checkout.cleanup()
    }
  })

  it('accepts a login in ~/.claude, and a dry run without any model credentials', async () => {
    const checkout = createTestRepos()
    try {
      const dryRun = await entrypoint(['--dry-run'], { GITHUB_TOKEN: 'ghs_x', CCAL_CHECKOUT: checkout.work })
      mkdirSync(join(home, '.claude'))
      writeFileSync(join(home, '.claude', '.credentials.json'), '{"claudeAiOauth":{}}')
      const login = await entrypoint([], { GITHUB_TOKEN: 'ghs_x', CCAL_CHECKOUT: checkout.work })

      expect(dryRun.ccal?.args).toEqual(['run', '--daemon', '--repo', checkout.work, '--dry-run'])
      expect(login.ccal?.args).toEqual(['run', '--daemon', '--repo', checkout.work])
    } finally {
      checkout.cleanup()
    }
  })

  it('fails when there is neither a checkout nor a repository to clone', async () => {
    const result = await entrypoint([], CREDENTIALS)

    expect(result.status).toBe(78)
    expect(result.stderr).toBe(
      `ccal-entrypoint: no repository: mount a checkout at ${home}/checkout (or set CCAL_CHECKOUT), or set GITHUB_REPOSITORY=owner/name\n`
    )
  })

  it('refuses to clone into a directory that holds something else', async () => {
    mkdirSync(join(home, 'checkout'))
    writeFileSync(join(home, 'checkout', 'notes.txt'), 'mine\n')

    const result = await entrypoint([], { ...CREDENTIALS, GITHUB_REPOSITORY: 'octo/repo' })

    expect(result.status).toBe(78)
    expect(result.stderr).toContain(`${home}/checkout is not empty and not a git checkout`)
    expect(readFileSync(join(home, 'checkout', 'notes.txt'), 'utf8')).toBe('mine\n')
  })
})

describe('the entry point starts the daemon', () => {
  let repos: TestRepos | undefined
  afterEach(() => repos?.cleanup())

  it('execs ccal run --daemon on a mounted checkout with the flags it was given, without its own variable', async () => {
    repos = createTestRepos()

    const result = await entrypoint(['--interval', '60'], { ...CREDENTIALS, CCAL_CHECKOUT: repos.work })

    expect(result.stderr).toBe('')
    expect(result.ccal?.args).toEqual(['run', '--daemon', '--repo', repos.work, '--interval', '60'])
    // ccal refuses CCAL_* names that are not settings: the script's own one is gone.
    expect(result.ccal?.env.CCAL_CHECKOUT).toBeUndefined()
    expect(result.ccal?.env.GITHUB_TOKEN).toBe(CREDENTIALS.GITHUB_TOKEN)
    expect(git(repos.work, 'status', '--porcelain')).toBe('')
  })

  it('clones GITHUB_REPOSITORY on the first start, with no token in the remote, and follows it on the next', async () => {
    repos = createTestRepos()
    const server = join(temp, 'server')
    mkdirSync(join(server, 'octo'), { recursive: true })
    git(temp, 'clone', '--quiet', '--bare', repos.origin, join(server, 'octo', 'repo.git'))
    const env = { ...CREDENTIALS, GITHUB_REPOSITORY: 'octo/repo', GITHUB_SERVER_URL: `file://${server}` }
    const checkout = join(home, 'checkout')

    const first = await entrypoint([], env)
    repos.commitFiles(repos.work, { 'NEW.md': 'new\n' }, 'A new file')
    git(repos.work, 'push', '--quiet', join(server, 'octo', 'repo.git'), 'HEAD:main')
    const second = await entrypoint([], env)

    expect(first.stderr).toBe(`ccal-entrypoint: cloning file://${server}/octo/repo.git into ${checkout}\n`)
    expect(first.ccal?.args).toEqual(['run', '--daemon', '--repo', checkout])
    expect(git(checkout, 'remote', 'get-url', 'origin')).toBe(`file://${server}/octo/repo.git`)
    expect(readFileSync(join(checkout, '.git', 'config'), 'utf8')).not.toContain(CREDENTIALS.GITHUB_TOKEN)
    expect(second.stderr).toBe('')
    expect(second.ccal?.args).toEqual(['run', '--daemon', '--repo', checkout])
    expect(readFileSync(join(checkout, 'NEW.md'), 'utf8')).toBe('new\n')
  })

  it('runs a command it is given as is, without the checks (a login, ccal status)', async () => {
    const result = await entrypoint(['ccal', 'status', '--json'], {})

    expect(result.status).toBe(0)
    expect(result.ccal?.args).toEqual(['status', '--json'])
  })
})

describe('the health check', () => {
  let server: Server | undefined
  afterEach(() => new Promise<void>(done => (server ? server.close(() => done()) : done())))

  async function serve(status: number): Promise<number> {
    server = createServer((request, response) => {
      response.writeHead(request.url === '/healthz' ? status : 404, { 'content-type': 'application/json' })
      response.end('{}')
    })
    await new Promise<void>(done => server!.listen(0, '127.0.0.1', done))
    return (server.address() as AddressInfo).port
  }

  it('passes when /healthz on CCAL_MONITORING_METRICS_PORT answers 200', async () => {
    const port = await serve(200)

    expect((await entrypoint(['healthcheck'], { CCAL_MONITORING_METRICS_PORT: String(port) })).status).toBe(0)
  })

  it('fails when /healthz answers 503, and when nothing listens', async () => {
    const port = await serve(503)

    expect((await entrypoint(['healthcheck'], { CCAL_MONITORING_METRICS_PORT: String(port) })).status).toBe(1)
    await new Promise<void>(done => server!.close(() => done()))
    server = undefined
    expect((await entrypoint(['healthcheck'], { CCAL_MONITORING_METRICS_PORT: String(port) })).status).toBe(1)
  })
})
