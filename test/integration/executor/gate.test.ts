/**
 * The diff gate and the credential removal with real git in a temporary repository.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { defaultSettings } from '../../../src/config/schema.js'
import { createGit, type Git } from '../../../src/git/git.js'
import { readCredentialEntries, withoutPersistedCredentials } from '../../../src/executor/credentials.js'
import { inspectChanges, parsePorcelainStatus } from '../../../src/executor/safety.js'
import { createTestRepos, git as runGit, type TestRepos } from '../../support/repos.js'

let repos: TestRepos
let repo: Git

beforeEach(() => {
  repos = createTestRepos({
    'README.md': '# test\n',
    'src/a.js': 'export const a = 1\n',
    '.github/workflows/ci.yml': 'on: push\n',
    'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]).toString('latin1')
  })
  repo = createGit({ cwd: repos.work })
})

afterEach(() => repos.cleanup())

function write(path: string, content: string | Buffer): void {
  const full = join(repos.work, path)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(full, content)
}

const safety = (overrides: Partial<ReturnType<typeof defaultSettings>['safety']> = {}) => ({
  ...defaultSettings().safety,
  ...overrides
})

describe('inspectChanges', () => {
  it('reports no_change for a clean tree', async () => {
    expect(await inspectChanges({ git: repo, safety: safety() })).toMatchObject({
      verdict: 'no_change',
      files: []
    })
  })

  it('accepts ordinary edits and new files', async () => {
    write('src/a.js', 'export const a = 2\n')
    write('src/new/b.js', 'export const b = 1\n')

    const report = await inspectChanges({ git: repo, safety: safety() })

    expect(report.verdict).toBe('accepted')
    expect(report.files.map(file => file.path).sort()).toEqual(['src/a.js', 'src/new/b.js'])
  })

  it('rejects and reverts changes under excluded paths only, including the config file', async () => {
    write('src/a.js', 'export const a = 2\n')
    write('.github/workflows/ci.yml', 'on: pull_request_target\n')
    write('.github/workflows/new.yml', 'on: push\n')
    write('.github/ccal.yml', 'ccal: {}\n')

    const report = await inspectChanges({
      git: repo,
      safety: safety(),
      extraExcludedPaths: ['.github/ccal.yml']
    })

    expect(report.verdict).toBe('blocked')
    expect(report.violations.map(violation => `${violation.rule} ${violation.path}`).sort()).toEqual([
      'excluded_path .github/ccal.yml',
      'excluded_path .github/workflows/ci.yml',
      'excluded_path .github/workflows/new.yml'
    ])
    expect(readFileSync(join(repos.work, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n')
    expect(existsSync(join(repos.work, '.github/workflows/new.yml'))).toBe(false)
    expect(existsSync(join(repos.work, '.github/ccal.yml'))).toBe(false)
    expect(readFileSync(join(repos.work, 'src/a.js'), 'utf8')).toBe('export const a = 2\n')
  })

  it('restores a deleted excluded file', async () => {
    unlinkSync(join(repos.work, '.github/workflows/ci.yml'))

    const report = await inspectChanges({ git: repo, safety: safety() })

    expect(report.verdict).toBe('blocked')
    expect(readFileSync(join(repos.work, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n')
  })

  it('rejects more files than max_file_operations', async () => {
    for (let index = 0; index < 4; index++) write(`src/f${index}.js`, `${index}\n`)

    const report = await inspectChanges({ git: repo, safety: safety({ max_file_operations: 3 }) })

    expect(report.verdict).toBe('blocked')
    expect(report.violations).toEqual([
      { rule: 'too_many_files', path: null, detail: '4 files changed; at most 3 are allowed' }
    ])
  })

  it('rejects binary files, new or changed, and oversized files', async () => {
    write('data.bin', Buffer.from([1, 0, 2, 0, 3]))
    write('logo.png', Buffer.from([0x89, 0x50, 0, 9, 9]))
    write('big.txt', 'x'.repeat(2000))

    const report = await inspectChanges({ git: repo, safety: safety({ max_file_size_bytes: 1000 }) })

    expect(report.violations.map(violation => `${violation.rule} ${violation.path}`).sort()).toEqual([
      'binary_file data.bin',
      'binary_file logo.png',
      'file_too_large big.txt'
    ])
  })

  it('sees renames by both names', async () => {
    runGit(repos.work, 'mv', '.github/workflows/ci.yml', 'ci.yml')

    const report = await inspectChanges({ git: repo, safety: safety() })

    expect(report.violations.map(violation => violation.path)).toEqual(['ci.yml'])
    expect(readFileSync(join(repos.work, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n')
    expect(existsSync(join(repos.work, 'ci.yml'))).toBe(false)
  })
})

describe('parsePorcelainStatus', () => {
  it('reads -z records, renames with their old path', () => {
    expect(parsePorcelainStatus(' M a.js\0R  new.js\0old.js\0?? dir/x y.txt\0')).toEqual([
      { path: 'a.js', from: null, status: ' M' },
      { path: 'new.js', from: 'old.js', status: 'R ' },
      { path: 'dir/x y.txt', from: null, status: '??' }
    ])
  })
})

describe('withoutPersistedCredentials', () => {
  const KEY = 'http.https://github.com/.extraheader'
  const VALUE = 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA=='

  it('removes the checkout header during the work and restores it afterwards, also after a failure', async () => {
    runGit(repos.work, 'config', '--local', KEY, VALUE)
    let during = ''

    await expect(
      withoutPersistedCredentials(repo, async () => {
        during = readFileSync(join(repos.work, '.git/config'), 'utf8')
        throw new Error('run failed')
      })
    ).rejects.toThrow('run failed')

    expect(during).not.toContain('extraheader')
    expect(await readCredentialEntries(repo)).toEqual([{ key: KEY, value: VALUE }])
  })

  it('removes an include of a credentials file (checkout v6) and keeps other includes', async () => {
    const credentialsFile = join(repos.root, 'git-credentials-1234.config')
    writeFileSync(credentialsFile, `[http "https://github.com/"]\n\textraheader = ${VALUE}\n`)
    const otherFile = join(repos.root, 'other.config')
    writeFileSync(otherFile, '[core]\n\tautocrlf = false\n')
    const includeKey = `includeIf.gitdir:${repos.work}/.git.path`
    runGit(repos.work, 'config', '--local', '--add', includeKey, credentialsFile)
    runGit(repos.work, 'config', '--local', '--add', includeKey, otherFile)
    let during = ''

    await withoutPersistedCredentials(repo, async () => {
      during = runGit(repos.work, 'config', '--list')
    })

    expect(during).not.toContain('extraheader')
    expect(during).toContain(otherFile)
    expect(runGit(repos.work, 'config', '--local', '--get-all', includeKey).split('\n').sort()).toEqual(
      [credentialsFile, otherFile].sort()
    )
  })

  it('does nothing when there is no header', async () => {
    expect(await withoutPersistedCredentials(repo, async () => 42)).toBe(42)
    expect(await readCredentialEntries(repo)).toEqual([])
  })
})
