/**
 * The committed bundles run as users run them: dist/index.js the way the Actions runner does
 * (INPUT_* variables, GITHUB_* files), and the `ccal` bin through npx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { webhookExample } from '../support/webhooks.js'

const root = join(import.meta.dirname, '../..')
let workspace: string

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'ccal-e2e-'))
  mkdirSync(join(workspace, '.github'))
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** Runs dist/index.js with a runner-like environment: only what the runner would set, no CCAL_* from this shell. */
function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const outputFile = join(workspace, 'github-output')
  writeFileSync(outputFile, '')
  Object.assign(env, {
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: workspace,
    ...extraEnv
  })
  const result = spawnSync(process.execPath, [join(root, 'dist/index.js')], {
    env,
    encoding: 'utf8',
    timeout: 30000
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('dist/index.js as the Actions runner runs it', () => {
  it('fails with an ::error:: line naming the file and key path when the config file is malformed', () => {
    writeFileSync(join(workspace, '.github/broken.yml'), 'ccal:\n  loop:\n    max_items_per_run: several\n')

    const result = runAction({ 'github-token': 'ghs_test', config: '.github/broken.yml' })

    expect(result.status).not.toBe(0)
    expect(result.stdout).toContain(
      '::error::.github/broken.yml:3:24: ccal.loop.max_items_per_run: expected a number, found "several"'
    )
    expect(result.stdout).not.toMatch(/\n\s+at /)
  })

  it('fails with the position of a YAML syntax error', () => {
    writeFileSync(join(workspace, '.github/syntax.yml'), 'ccal:\n  loop: {max_items_per_run: 2\n')

    const result = runAction({ 'github-token': 'ghs_test', config: '.github/syntax.yml' })

    expect(result.status).not.toBe(0)
    expect(result.stdout).toMatch(/::error::\.github\/syntax\.yml:\d+:\d+: YAML syntax error: /)
  })

  it('masks the tokens it is given', () => {
    const result = runAction({ 'github-token': 'ghs_secret_value', 'anthropic-api-key': 'sk-ant-value' })

    expect(result.stdout).toContain('::add-mask::ghs_secret_value')
    expect(result.stdout).toContain('::add-mask::sk-ant-value')
  })

  it('reads a real issues.labeled payload and fails in one line when it cannot tell the repository', () => {
    const eventPath = join(workspace, 'event.json')
    writeFileSync(eventPath, JSON.stringify(webhookExample('issues', 'labeled')))

    const result = runAction(
      { 'github-token': 'ghs_test', mode: 'cycle' },
      { GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: eventPath }
    )

    expect(result.stdout).toContain("trigger issues.labeled #1 (label 'bug') by Codertocat")
    expect(result.stdout).toContain(
      '::error::cannot tell which GitHub repository this is: set GITHUB_REPOSITORY=owner/name (there is no origin remote)'
    )
    expect(result.status).toBe(1)
  })

  it('does nothing, successfully, for an event it does not act on', () => {
    const eventPath = join(workspace, 'push.json')
    writeFileSync(eventPath, JSON.stringify({ ref: 'refs/heads/main' }))

    const result = runAction(
      { 'github-token': 'ghs_test' },
      { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventPath }
    )

    expect(result.status).toBe(0)
    expect(result.stdout).toContain("nothing to do: CCAL does not act on 'push' events")
    expect(readFileSync(join(workspace, 'github-output'), 'utf8')).toContain('items-executed<<')
  })
})

describe('the ccal bin', () => {
  const ccal = (...args: string[]) =>
    spawnSync('npx', ['--no-install', 'ccal', ...args], { cwd: root, encoding: 'utf8', timeout: 60000 })

  it('validates the example config with exit 0', () => {
    const result = ccal('config', 'validate', 'config/ccal.example.yml')

    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe('config/ccal.example.yml: valid')
  })

  it('exits 1 with the file and key path of a wrong-typed key', () => {
    const file = join(workspace, 'wrong.yml')
    writeFileSync(file, 'ccal:\n  pull_requests:\n    draft: sometimes\n')

    const result = ccal('config', 'validate', file)

    expect(result.status).toBe(1)
    expect(result.stderr).toContain(
      `${file}:3:12: ccal.pull_requests.draft: expected true or false, found "sometimes"`
    )
  })
})
