import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../../src/cli/program.js'
import type { CliIo } from '../../../src/cli/io.js'

interface Captured extends CliIo {
  out: string[]
  err: string[]
}

function captureIo(cwd: string, env: NodeJS.ProcessEnv = {}): Captured {
  const out: string[] = []
  const err: string[] = []
  return { out, err, cwd, env, stdout: text => out.push(text), stderr: text => err.push(text) }
}

let repo: string
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'ccal-cli-'))
  mkdirSync(join(repo, '.github'))
})
afterEach(() => rmSync(repo, { recursive: true, force: true }))

describe('ccal config validate', () => {
  it('accepts the shipped example config', async () => {
    const io = captureIo(join(import.meta.dirname, '../../..'))

    const code = await runCli(['config', 'validate', 'config/ccal.example.yml'], io)

    expect(code).toBe(0)
    expect(io.out).toEqual(['config/ccal.example.yml: valid'])
  })

  it('exits 1 naming the file, line and key path of a wrong-typed key', async () => {
    writeFileSync(join(repo, 'ccal.yml'), 'ccal:\n  budgets:\n    cost_per_day_usd: lots\n')
    const io = captureIo(repo)

    const code = await runCli(['config', 'validate', 'ccal.yml'], io)

    expect(code).toBe(1)
    expect(io.err).toEqual([
      'ccal.yml:3:23: ccal.budgets.cost_per_day_usd: expected a number, found "lots"',
      '1 problem found'
    ])
  })

  it('says the defaults apply when the default config file is absent', async () => {
    const io = captureIo(repo)

    expect(await runCli(['config', 'validate'], io)).toBe(0)
    expect(io.out[0]).toBe('.github/ccal.yml: not found; the defaults apply (they are valid)')
  })
})

describe('ccal config print', () => {
  it('prints the effective settings with env overrides applied and secrets redacted', async () => {
    writeFileSync(join(repo, '.github/ccal.yml'), 'ccal:\n  loop:\n    max_items_per_run: 2\n')
    const io = captureIo(repo, {
      CCAL_BUDGETS_MAX_OPEN_PRS: '9',
      GH_TOKEN: 'ghp_supersecret',
      ANTHROPIC_API_KEY: 'sk-ant-secret'
    })

    const code = await runCli(['config', 'print', '--json'], io)

    expect(code).toBe(0)
    const printed = JSON.parse(io.out.join('\n')) as {
      source: string
      ccal: { loop: { max_items_per_run: number }; budgets: { max_open_prs: number } }
      credentials: Record<string, string | null>
    }
    expect(printed.source).toBe('.github/ccal.yml')
    expect(printed.ccal.loop.max_items_per_run).toBe(2)
    expect(printed.ccal.budgets.max_open_prs).toBe(9)
    expect(printed.credentials).toEqual({
      github_token: '*** (from GH_TOKEN)',
      github_app_private_key: null,
      anthropic_api_key: '*** (from ANTHROPIC_API_KEY)',
      claude_oauth_token: null
    })
    expect(io.out.join('\n')).not.toMatch(/supersecret|sk-ant-secret/)
  })
})

describe('ccal config schema', () => {
  it('prints the JSON Schema of the config file', async () => {
    const io = captureIo(repo)

    expect(await runCli(['config', 'schema'], io)).toBe(0)
    expect(JSON.parse(io.out.join('\n'))).toMatchObject({
      title: 'CCAL configuration',
      properties: { ccal: { type: 'object' } }
    })
  })
})

describe('ccal command line errors', () => {
  it('rejects an unknown command with the list of commands', async () => {
    const io = captureIo(repo)

    expect(await runCli(['frobnicate'], io)).toBe(2)
    expect(io.err[0]).toMatch(
      /^ccal: unknown command 'frobnicate'\. Commands: init, run, status, ledger, report, config, findings\.$/
    )
  })

  it('rejects an unknown flag in one line', async () => {
    const io = captureIo(repo)

    expect(await runCli(['config', 'print', '--colour'], io)).toBe(2)
    expect(io.err).toHaveLength(1)
    expect(io.err[0]).toBe("ccal config print: Unknown option '--colour'. Run 'ccal help' for usage.")
  })
})
