import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { defaultSettings } from '../../../src/config/schema.js'
import {
  binaryInPrefix,
  cacheKey,
  ClaudeSetupError,
  locateClaude,
  parseVersion,
  prepareClaude,
  resolveAuth,
  toolDirectory,
  type CommandRunner,
  type ToolCache
} from '../../../src/executor/install.js'

let root: string
let bin: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccal-install-'))
  bin = join(root, 'bin')
  mkdirSync(bin)
  // npm must be found on PATH; the runner below stands in for running it.
  writeExecutable(join(bin, 'npm'), '#!/bin/sh\nexit 1\n')
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

function writeExecutable(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
  chmodSync(path, 0o755)
}

/** What `npm install --prefix` leaves: the platform package with a native (ELF) binary. */
function fakeInstall(prefix: string): string {
  const path = join(
    prefix,
    'node_modules',
    '@anthropic-ai',
    `claude-code-${process.platform}-${process.arch}`,
    'claude'
  )
  writeExecutable(path, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(16)]))
  return path
}

function recordingCache(restores: boolean): ToolCache & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    restore: async (dir, key) => {
      calls.push(`restore ${key}`)
      if (restores) fakeInstall(dir)
      return restores
    },
    save: async (_dir, key) => {
      calls.push(`save ${key}`)
    }
  }
}

const claudeSettings = () => defaultSettings().claude

describe('locateClaude', () => {
  it('uses claude from PATH when present (a self-hosted runner with a login)', async () => {
    writeExecutable(join(bin, 'claude'), '#!/bin/sh\necho 2.1.330\n')

    const located = await locateClaude({ settings: claudeSettings(), env: { PATH: bin } })

    expect(located).toEqual({ executable: join(bin, 'claude'), source: 'path' })
  })

  it('installs the pinned version with npm --prefix outside Actions (no cache) and finds the platform binary', async () => {
    const toolDir = join(root, 'tools')
    const commands: string[][] = []
    const run: CommandRunner = async (file, args) => {
      commands.push([file, ...args])
      fakeInstall(toolDir)
      return { stdout: '', stderr: '' }
    }

    const located = await locateClaude({ settings: claudeSettings(), env: { PATH: bin }, toolDir, run })

    expect(located.source).toBe('installed')
    expect(located.executable).toBe(binaryInPrefix(toolDir))
    expect(commands[0]).toEqual([
      join(bin, 'npm'),
      'install',
      '--prefix',
      toolDir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '@anthropic-ai/claude-code@2.1.330'
    ])
  })

  it('restores from the cache, keyed by version and platform, without installing', async () => {
    const cache = recordingCache(true)
    const run: CommandRunner = async () => {
      throw new Error('must not install')
    }

    const located = await locateClaude({
      settings: claudeSettings(),
      env: { PATH: bin },
      toolDir: join(root, 't'),
      cache,
      run
    })

    expect(located.source).toBe('cache')
    expect(cache.calls).toEqual([`restore ${cacheKey('2.1.330')}`])
  })

  it('saves a fresh installation to the cache', async () => {
    const toolDir = join(root, 't')
    const cache = recordingCache(false)
    const run: CommandRunner = async () => {
      fakeInstall(toolDir)
      return { stdout: '', stderr: '' }
    }

    await locateClaude({ settings: claudeSettings(), env: { PATH: bin }, toolDir, cache, run })

    expect(cache.calls).toEqual([`restore ${cacheKey('2.1.330')}`, `save ${cacheKey('2.1.330')}`])
  })

  it('fails clearly when the install fails', async () => {
    const run: CommandRunner = async () => {
      throw Object.assign(new Error('exit 1'), { stderr: 'npm error 404 Not Found' })
    }

    await expect(
      locateClaude({ settings: claudeSettings(), env: { PATH: bin }, toolDir: join(root, 't'), run })
    ).rejects.toThrow('could not install @anthropic-ai/claude-code@2.1.330: npm error 404 Not Found')
  })

  it('places the tool directory in the runner tool cache inside Actions, in ~/.cache outside', () => {
    expect(toolDirectory('2.1.330', { RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' })).toBe(
      `/opt/hostedtoolcache/ccal-claude-code/2.1.330/${process.platform}-${process.arch}`
    )
    expect(toolDirectory('2.1.330', { HOME: '/home/u' })).toBe(
      `/home/u/.cache/ccal/claude-code/2.1.330-${process.platform}-${process.arch}`
    )
  })
})

describe('resolveAuth', () => {
  it('prefers the API key input, then the OAuth token input, then the environment, then the login', () => {
    expect(resolveAuth({ method: 'auto', apiKey: 'k', oauthToken: 't', env: {} })).toEqual({
      source: 'anthropic-api-key input',
      credentials: { apiKey: 'k' }
    })
    expect(resolveAuth({ method: 'auto', oauthToken: 't', env: { ANTHROPIC_API_KEY: 'e' } })).toEqual({
      source: 'claude-oauth-token input',
      credentials: { oauthToken: 't' }
    })
    expect(resolveAuth({ method: 'auto', env: { ANTHROPIC_API_KEY: 'e' } }).source).toBe('ANTHROPIC_API_KEY')
    expect(resolveAuth({ method: 'auto', env: { CLAUDE_CODE_USE_BEDROCK: '1' } }).source).toBe(
      'Amazon Bedrock'
    )
    expect(resolveAuth({ method: 'auto', env: {} }).source).toBe('runner login')
  })

  it('fails when a forced method has nothing to use', () => {
    expect(() => resolveAuth({ method: 'oauth_token', env: {} })).toThrow(ClaudeSetupError)
  })
})

describe('prepareClaude', () => {
  it('reports the version and auth source, with an environment holding the OAuth token and no API key', async () => {
    writeExecutable(join(bin, 'claude'), '#!/bin/sh\n')
    const seen: Record<string, string>[] = []
    const run: CommandRunner = async (_file, args, options) => {
      seen.push({ ...options.env })
      const stdout =
        args[0] === '--version'
          ? '2.1.330 (Claude Code)\n'
          : '{"loggedIn":true,"authMethod":"oauth_token","apiProvider":"firstParty"}'
      return { stdout, stderr: '' }
    }

    const runtime = await prepareClaude({
      settings: claudeSettings(),
      oauthToken: 'oat',
      env: { PATH: bin, HOME: '/h', ANTHROPIC_API_KEY: 'sk', GITHUB_TOKEN: 'ghs' },
      run
    })

    expect(runtime).toMatchObject({
      version: '2.1.330',
      source: 'path',
      auth: { source: 'claude-oauth-token input' }
    })
    expect(runtime.env).toMatchObject({ CLAUDE_CODE_OAUTH_TOKEN: 'oat', HOME: '/h' })
    expect(runtime.env.ANTHROPIC_API_KEY).toBeUndefined()
    expect(runtime.env.GITHUB_TOKEN).toBeUndefined()
    expect(seen[0]).toEqual(runtime.env)
  })

  it('fails with a clear error when the CLI does not run', async () => {
    writeExecutable(join(bin, 'claude'), '#!/bin/sh\n')
    const run: CommandRunner = async () => {
      throw Object.assign(new Error('spawn EACCES'), { stderr: '' })
    }

    await expect(prepareClaude({ settings: claudeSettings(), env: { PATH: bin }, run })).rejects.toThrow(
      /Claude Code at .*claude does not run \(spawn EACCES\)/
    )
  })

  it('validates the real pinned binary with an API key', async () => {
    const { claudeBinaryPath } = await import('../../support/claude.js')

    const runtime = await prepareClaude({
      settings: { ...claudeSettings(), executable: claudeBinaryPath() },
      apiKey: 'sk-ant-test',
      env: { PATH: process.env.PATH, HOME: root, DISABLE_TELEMETRY: '1' }
    })

    expect(runtime).toMatchObject({
      version: '2.1.330',
      source: 'configured',
      auth: { source: 'anthropic-api-key input' },
      authStatus: { loggedIn: true, authMethod: 'api_key' }
    })
  })

  it('stops with a clear error when the real binary has no credentials and no login', async () => {
    const { claudeBinaryPath } = await import('../../support/claude.js')

    await expect(
      prepareClaude({
        settings: { ...claudeSettings(), executable: claudeBinaryPath() },
        env: { PATH: process.env.PATH, HOME: root, DISABLE_TELEMETRY: '1' }
      })
    ).rejects.toThrow(
      /has no credentials \(looked for: runner login\)\. Pass the anthropic-api-key or claude-oauth-token input/
    )
  })
})

describe('parseVersion', () => {
  it('reads the version from claude --version', () => {
    expect(parseVersion('2.1.330 (Claude Code)')).toBe('2.1.330')
    expect(parseVersion('nothing')).toBeUndefined()
  })
})
