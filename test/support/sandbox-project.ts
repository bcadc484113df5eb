/**
 * A small real project for agent runs: a working clone with a bare origin (from repos.ts), seeded
 * with a bug that makes a `node --test` test fail and a lint error that the repository's own ESLint
 * reports with the project's self-contained config. Nothing needs installing in the sandbox.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestRepos, type TestRepos } from './repos.js'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** ESLint from this repository's node_modules, run by the current node. */
export const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js')

/** The buggy line in `src/math.js` and its fix (for scripting an Edit). */
export const SANDBOX_BUG = { file: 'src/math.js', buggy: 'return a - b', fixed: 'return a + b' } as const

/** The lint finding the project carries. */
export const SANDBOX_LINT = {
  file: 'src/strings.js',
  line: 3,
  rule: 'no-unused-vars',
  name: 'unusedSuffix'
} as const

/** The files of the sandbox project. */
export const SANDBOX_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify(
    { name: 'sandbox', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' } },
    null,
    2
  )}\n`,
  'README.md': '# sandbox\n\nA tiny project for CCAL agent tests. `node --test` runs the tests.\n',
  'src/math.js': `/** Adds two numbers. */\nexport function add(a, b) {\n  ${SANDBOX_BUG.buggy}\n}\n`,
  'src/strings.js': `/** Upper-cases a text. */\nexport function shout(text) {\n  const unusedSuffix = '!'\n  return text.toUpperCase()\n}\n`,
  'test/math.test.js': [
    "import { test } from 'node:test'",
    "import assert from 'node:assert/strict'",
    "import { add } from '../src/math.js'",
    "import { shout } from '../src/strings.js'",
    '',
    "test('add sums two numbers', () => {",
    '  assert.equal(add(2, 3), 5)',
    '})',
    '',
    "test('shout upper-cases', () => {",
    "  assert.equal(shout('hi'), 'HI')",
    '})',
    ''
  ].join('\n'),
  // Flat config without imports, so ESLint from any node_modules can load it.
  'eslint.config.js': [
    'export default [',
    '  {',
    "    files: ['**/*.js'],",
    "    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },",
    "    rules: { 'no-unused-vars': 'error' }",
    '  }',
    ']',
    ''
  ].join('\n')
}

/** Output of a command run in the sandbox. */
export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** A seeded project in a temporary working clone. */
export interface SandboxProject {
  /** The working clone (the agent's cwd), on `main`, clean, pushed to origin. */
  dir: string
  /** The bare origin repository. */
  origin: string
  /** The underlying repositories (for clones and commits). */
  repos: TestRepos
  /** Runs the tests: `node --test` (fails until the bug is fixed). */
  testCommand: string[]
  /** Lints: ESLint with the project's config; `--format json` appended gives machine-readable output. */
  lintCommand: string[]
  /** Runs a command (argv) in `dir` and returns its output without throwing. */
  run(command: string[]): CommandResult
  /** Reads a file of the working clone. */
  read(path: string): string
  /** Removes everything. */
  cleanup(): void
}

/** Creates the sandbox project (see SANDBOX_FILES) in a working clone with a bare origin. */
export function createSandboxProject(): SandboxProject {
  const repos = createTestRepos(SANDBOX_FILES)
  const dir = repos.work
  const run = (command: string[]): CommandResult => {
    const [file, ...args] = command
    if (file === undefined) throw new Error('empty command')
    const out = spawnSync(file, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' }
    })
    if (out.error) throw out.error
    return { exitCode: out.status ?? 1, stdout: out.stdout, stderr: out.stderr }
  }
  return {
    dir,
    origin: repos.origin,
    repos,
    testCommand: [process.execPath, '--test'],
    lintCommand: [process.execPath, ESLINT_BIN, '.'],
    run,
    read: path => readFileSync(join(dir, path), 'utf8'),
    cleanup: () => repos.cleanup()
  }
}
