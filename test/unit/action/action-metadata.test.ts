import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ACTION_INPUTS, readActionInputs } from '../../../src/action/inputs.js'
import { ACTION_OUTPUTS, conclusionOf, writeActionOutputs } from '../../../src/action/outputs.js'
import { ConfigError } from '../../../src/util/errors.js'

const root = join(import.meta.dirname, '../../..')
const metadata = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
  branding: { icon: string; color: string }
}

const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
const savedEnv = { ...process.env }

function setInputs(inputs: Record<string, string>): void {
  for (const name of ACTION_INPUTS) delete process.env[inputVariable(name)]
  for (const [name, value] of Object.entries(inputs)) process.env[inputVariable(name)] = value
}

let outputDir: string
beforeEach(() => {
  outputDir = mkdtempSync(join(tmpdir(), 'ccal-outputs-'))
})
afterEach(() => {
  process.env = { ...savedEnv }
  rmSync(outputDir, { recursive: true, force: true })
})

describe('action.yml', () => {
  it('declares exactly the inputs the code reads, in the same order', () => {
    expect(Object.keys(metadata.inputs)).toEqual([...ACTION_INPUTS])
  })

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(metadata.outputs)).toEqual([...ACTION_OUTPUTS])
  })

  it('runs the bundled dist/index.js on node24 and has branding', () => {
    expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(metadata.branding.icon).toBeTruthy()
  })

  it('gives setting inputs no default, so the config file value stands unless an input is set', () => {
    for (const name of ['dry-run', 'max-items', 'model', 'claude-args', 'ledger-branch', 'log-level']) {
      expect(metadata.inputs[name]?.default).toBeUndefined()
    }
  })
})

describe('readActionInputs', () => {
  it('reads credentials, mode and item, and turns setting inputs into overrides naming the input', () => {
    setInputs({
      'github-token': 'ghs_example',
      config: '.github/other.yml',
      mode: 'execute',
      item: 'abc123',
      'max-items': '2',
      'claude-args': `--append-system-prompt "be brief"`
    })

    const inputs = readActionInputs()

    expect(inputs).toMatchObject({
      githubToken: 'ghs_example',
      configPath: '.github/other.yml',
      configExplicit: true
    })
    expect(inputs.mode).toBe('execute')
    expect(inputs.item).toBe('abc123')
    expect(inputs.overrides).toEqual([
      { path: ['loop', 'max_items_per_run'], text: '2', origin: 'input max-items' },
      {
        path: ['claude', 'extra_args'],
        text: '["--append-system-prompt","be brief"]',
        origin: 'input claude-args'
      }
    ])
  })

  it('rejects an unknown mode and execute without an item, one problem each', () => {
    setInputs({ 'github-token': 'x', mode: 'loop' })
    expect(() => readActionInputs()).toThrow(
      new ConfigError(['input mode: expected one of cycle | plan | execute, found "loop"'])
    )

    setInputs({ 'github-token': 'x', mode: 'execute' })
    expect(() => readActionInputs()).toThrow(/input item: expected a work item id when mode is execute/)
  })

  it('reads report as true or false, off unless set, and refuses anything else', () => {
    setInputs({ 'github-token': 'x' })
    expect(readActionInputs().report).toBe(false)
    setInputs({ 'github-token': 'x', report: 'true' })
    expect(readActionInputs().report).toBe(true)
    setInputs({ 'github-token': 'x', report: 'yes' })
    expect(() => readActionInputs()).toThrow(
      new ConfigError(['input report: expected true or false, found "yes"'])
    )
  })
})

describe('writeActionOutputs', () => {
  it('writes every output, the plan as a matrix of item ids', () => {
    const outputFile = join(outputDir, 'output')
    writeFileSync(outputFile, '')
    process.env.GITHUB_OUTPUT = outputFile

    writeActionOutputs({
      itemsDiscovered: 4,
      itemsExecuted: 1,
      prs: [{ item: 'a1', number: 7, url: 'https://example.test/pull/7', status: 'opened' }],
      plannedItems: ['a1', 'b2'],
      summary: 'one PR opened',
      executed: [
        {
          status: 'pr_opened',
          costUsd: 0.125,
          turns: 4,
          tokens: 1200,
          sessionId: 'sess-1',
          pr: { number: 7, url: 'https://example.test/pull/7' }
        },
        { status: 'skipped', costUsd: 0, turns: 0 }
      ]
    })

    const written = readFileSync(outputFile, 'utf8')
    for (const name of ACTION_OUTPUTS) expect(written).toContain(`${name}<<`)
    expect(written).toContain('{"include":[{"item":"a1"},{"item":"b2"}]}')
    const value = (name: string) => new RegExp(`${name}<<(\\S+)\n([\\s\\S]*?)\n\\1`).exec(written)?.[2]
    expect([value('conclusion'), value('cost-usd'), value('turns'), value('tokens')]).toEqual([
      'pr_opened',
      '0.1250',
      '4',
      '1200'
    ])
    expect([value('session-id'), value('pr-number'), value('pr-url')]).toEqual([
      'sess-1',
      '7',
      'https://example.test/pull/7'
    ])
  })

  it('concludes success or failure over several items, and none when nothing ran', () => {
    expect(conclusionOf([])).toBe('none')
    expect(
      conclusionOf([
        { status: 'pr_opened', costUsd: 0, turns: 0 },
        { status: 'no_op', costUsd: 0, turns: 0 }
      ])
    ).toBe('success')
    expect(
      conclusionOf([
        { status: 'pr_opened', costUsd: 0, turns: 0 },
        { status: 'failed', costUsd: 0, turns: 0 }
      ])
    ).toBe('failure')
  })
})
