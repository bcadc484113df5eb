import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSettings } from '../../../src/config/load.js'
import { defaultSettings } from '../../../src/config/schema.js'
import { ConfigError } from '../../../src/util/errors.js'

let root: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccal-config-'))
  mkdirSync(join(root, '.github'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function writeConfig(text: string, path = '.github/ccal.yml'): void {
  writeFileSync(join(root, path), text)
}

function problemsOf(action: () => unknown): string[] {
  try {
    action()
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems]
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadSettings precedence', () => {
  it('uses the defaults when there is no config file', () => {
    const loaded = loadSettings({ root })

    expect(loaded.configFound).toBe(false)
    expect(loaded.settings.loop).toEqual(defaultSettings().loop)
  })

  it('lets the file override defaults, env override the file, and inputs override env', () => {
    writeConfig(
      'ccal:\n  loop:\n    max_items_per_run: 2\n    retry_limit: 4\n    cycle_interval_seconds: 60\n'
    )

    const loaded = loadSettings({
      root,
      env: { CCAL_LOOP_RETRY_LIMIT: '5', CCAL_LOOP_MAX_ITEMS_PER_RUN: '6' },
      overrides: [{ path: ['loop', 'max_items_per_run'], text: '7', origin: 'input max-items' }]
    })

    expect(loaded.settings.loop.cycle_interval_seconds).toBe(60)
    expect(loaded.settings.loop.retry_limit).toBe(5)
    expect(loaded.settings.loop.max_items_per_run).toBe(7)
    expect(loaded.settings.loop.session_timeout_seconds).toBe(defaultSettings().loop.session_timeout_seconds)
  })

  it('converts env text by the kind of the key: booleans, lists, JSON lists and JSON objects', () => {
    const loaded = loadSettings({
      root,
      env: {
        CCAL_SAFETY_DRY_RUN: 'yes',
        CCAL_DISCOVERY_ISSUES_LABELS: 'ccal-task, autofix',
        CCAL_CLAUDE_EXTRA_ARGS: '["--verbose", "a,b"]',
        CCAL_DISCOVERY_ISSUES_PRIORITY_LABELS: '{"urgent": 1}'
      }
    })

    expect(loaded.settings.safety.dry_run).toBe(true)
    expect(loaded.settings.discovery.issues.labels).toEqual(['ccal-task', 'autofix'])
    expect(loaded.settings.claude.extra_args).toEqual(['--verbose', 'a,b'])
    expect(loaded.settings.discovery.issues.priority_labels).toEqual({ urgent: 1 })
  })

  it('always excludes the config file itself from what the agent may edit', () => {
    writeConfig('ccal:\n  safety:\n    excluded_paths: [secrets/**]\n', '.github/robot.yml')

    const loaded = loadSettings({ root, configPath: '.github/robot.yml', configRequired: true })

    expect(loaded.settings.safety.excluded_paths).toEqual(['secrets/**', '.github/robot.yml'])
  })

  it("accepts the plan's storage section and says the ledger replaced it", () => {
    writeConfig('ccal:\n  storage:\n    type: sqlite\n    path: ccal.db\n')

    const loaded = loadSettings({ root })

    expect(loaded.warnings).toEqual([
      expect.stringMatching(
        /^\.github\/ccal\.yml:2:3: ccal\.storage is ignored: the ledger branch .*replaced/
      )
    ])
  })
})

describe('loadSettings errors', () => {
  it('names file, line, key path, what was expected and what was found for a wrong type', () => {
    writeConfig('ccal:\n  loop:\n    cycle_interval_seconds: soon\n')

    expect(problemsOf(() => loadSettings({ root }))).toEqual([
      '.github/ccal.yml:3:29: ccal.loop.cycle_interval_seconds: expected a number, found "soon"'
    ])
  })

  it('reports every problem at once, one line each', () => {
    writeConfig(
      'ccal:\n  claude:\n    auth_method: magic\n    max_turns: 0\n  discovery:\n    issues:\n      labels: ccal-task\n'
    )

    expect(problemsOf(() => loadSettings({ root }))).toEqual([
      '.github/ccal.yml:3:18: ccal.claude.auth_method: expected one of auto | api_key | oauth_token | login, found "magic"',
      '.github/ccal.yml:4:16: ccal.claude.max_turns: expected a number > 0, found 0',
      '.github/ccal.yml:7:15: ccal.discovery.issues.labels: expected a list, found "ccal-task"'
    ])
  })

  it('rejects an unknown key with a did-you-mean suggestion', () => {
    writeConfig('ccal:\n  loop:\n    max_itmes_per_run: 3\n')

    expect(problemsOf(() => loadSettings({ root }))).toEqual([
      ".github/ccal.yml:3:5: ccal.loop.max_itmes_per_run: unknown key; did you mean 'max_items_per_run'?"
    ])
  })

  it('lists the accepted keys when an unknown key resembles none', () => {
    writeConfig('ccal:\n  budgets:\n    colour: red\n')

    expect(problemsOf(() => loadSettings({ root }))[0]).toMatch(
      /^\.github\/ccal\.yml:3:5: ccal\.budgets\.colour: unknown key; expected one of: cost_per_run_usd, cost_per_day_usd, max_open_prs, prs_per_hour, cost_per_item_usd$/
    )
  })

  it('explains that settings belong under the top-level ccal key', () => {
    writeConfig('loop:\n  max_items_per_run: 3\n')

    expect(problemsOf(() => loadSettings({ root }))).toEqual([
      ".github/ccal.yml:1:1: unknown top-level key 'loop': settings go under the top-level 'ccal:' key"
    ])
  })

  it('refuses settings that are not a mapping, such as `ccal: 5`', () => {
    writeConfig('ccal: 5\n')

    expect(problemsOf(() => loadSettings({ root }))).toEqual([
      '.github/ccal.yml:1:7: ccal: expected a mapping of settings, found 5'
    ])
  })

  it('refuses a config file far larger than any real one at once, before parsing it', () => {
    const keys = Array.from({ length: 40_000 }, (_, index) => `  unknown_key_${index}: ${index}`).join('\n')
    writeConfig(`ccal:\n${keys}\n`)

    const problems = problemsOf(() => loadSettings({ root }))

    expect(problems).toEqual([
      expect.stringMatching(/^\.github\/ccal\.yml: \d+ bytes; a config file may be at most 256 KiB/)
    ])
  })

  it('reports a YAML syntax error with its position', () => {
    writeConfig('ccal:\n  loop: [1\n')

    expect(problemsOf(() => loadSettings({ root }))[0]).toMatch(
      /^\.github\/ccal\.yml:\d+:\d+: YAML syntax error: /
    )
  })

  it('names the env variable for a bad env value and suggests the right name for a misspelt one', () => {
    const problems = problemsOf(() =>
      loadSettings({
        root,
        env: { CCAL_SAFETY_DRY_RUN: 'maybe', CCAL_LOOP_RETRY_LIMT: '2', CCAL_DEBUG: '1' }
      })
    )

    expect(problems).toEqual([
      'env CCAL_LOOP_RETRY_LIMT: not a CCAL setting; did you mean CCAL_LOOP_RETRY_LIMIT?',
      'env CCAL_SAFETY_DRY_RUN: ccal.safety.dry_run: expected true or false, found "maybe"'
    ])
  })

  it('names the input whose value fails validation', () => {
    expect(
      problemsOf(() =>
        loadSettings({
          root,
          overrides: [{ path: ['loop', 'max_items_per_run'], text: '0', origin: 'input max-items' }]
        })
      )
    ).toEqual(['input max-items: ccal.loop.max_items_per_run: expected a number > 0, found 0'])
  })

  it('fails when an explicitly named config file does not exist', () => {
    expect(problemsOf(() => loadSettings({ root, configPath: 'nope.yml', configRequired: true }))).toEqual([
      'nope.yml: config file not found'
    ])
  })
})
