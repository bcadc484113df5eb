/**
 * A fresh worktree readied before the agent (the real CLI against the scripted model, real git):
 * ignored directories copied from the checkout when the lock files match, the set-up command run
 * in the worktree with its output in the log, and an item that stops when the set-up fails.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reuseDirectories } from '../../../src/workspace/setup.js'
import { Workspace, type Worktree } from '../../../src/workspace/workspace.js'
import { createTestRepos, git, type TestRepos } from '../../support/repos.js'
import { execute, fixBugTurns, prepareRuntime, setUp, testSettings, type ExecutorFixture } from './harness.js'

let fixture: ExecutorFixture | undefined
let repos: TestRepos | undefined
let workDir: string | undefined
afterEach(async () => {
  await fixture?.cleanup()
  repos?.cleanup()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
  fixture = repos = workDir = undefined
})

async function worktreeOf(checkout: string): Promise<Worktree> {
  workDir = mkdtempSync(join(tmpdir(), 'ccal-work-'))
  const workspace = await Workspace.open({ checkout, directory: workDir, runId: 'run-1' })
  return workspace.addWorktree({
    commit: (await workspace.fetchBranch('main'))!,
    itemId: 'x',
    purpose: 'item'
  })
}

describe('reusing directories of the checkout', () => {
  const files = {
    '.gitignore': 'node_modules/\n',
    'package.json': '{"name":"app"}\n',
    'package-lock.json': '{"lockfileVersion":3}\n'
  }

  function checkoutWithModules(): string {
    repos = createTestRepos(files)
    mkdirSync(join(repos.work, 'node_modules', 'dep'), { recursive: true })
    writeFileSync(join(repos.work, 'node_modules', 'dep', 'index.js'), 'module.exports = 1\n')
    return repos.work
  }

  it('copies an ignored directory when the lock files are the same, and a change to the copy stays in the worktree', async () => {
    const checkout = checkoutWithModules()
    const worktree = await worktreeOf(checkout)

    const report = await reuseDirectories({
      checkout,
      worktree: worktree.dir,
      git: worktree.git,
      entries: ['node_modules']
    })

    expect(report).toEqual({ copied: ['node_modules'], skipped: [] })
    writeFileSync(join(worktree.dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 2\n')
    expect(readFileSync(join(checkout, 'node_modules', 'dep', 'index.js'), 'utf8')).toBe(
      'module.exports = 1\n'
    )
    expect(git(worktree.dir, 'status', '--porcelain')).toBe('')
  })

  it('says why it copies nothing: a lock file differs, the directory is not ignored, missing, or outside the tree', async () => {
    const checkout = checkoutWithModules()
    writeFileSync(join(checkout, 'package-lock.json'), '{"lockfileVersion":3,"changed":true}\n')
    mkdirSync(join(checkout, 'vendor'))
    const worktree = await worktreeOf(checkout)

    const report = await reuseDirectories({
      checkout,
      worktree: worktree.dir,
      git: worktree.git,
      entries: ['node_modules', 'vendor', '.venv', '../elsewhere']
    })

    expect(report.copied).toEqual([])
    expect(report.skipped).toEqual([
      { entry: 'node_modules', reason: "package-lock.json differs from the checkout's" },
      { entry: 'vendor', reason: 'git does not ignore it, so it would be committed' },
      { entry: '.venv', reason: 'the checkout has none' },
      { entry: '../elsewhere', reason: 'expected a path inside the repository, such as node_modules' }
    ])
    expect(existsSync(join(worktree.dir, 'node_modules'))).toBe(false)
  })
})

describe('the set-up command', () => {
  it('runs in the worktree before the agent, with its output in the log', async () => {
    fixture = await setUp([...fixBugTurns(), { text: 'Fixed add().' }])
    writeFileSync(join(fixture.project.dir, '.gitignore'), 'node_modules/\n')
    git(fixture.project.dir, 'add', '.gitignore')
    git(fixture.project.dir, 'commit', '--quiet', '-m', 'ignore node_modules')
    git(fixture.project.dir, 'push', '--quiet', 'origin', 'main')
    const worktree = await worktreeOf(fixture.project.dir)
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, {
      settings,
      runtime,
      repoDir: worktree.dir,
      setup: {
        checkout: fixture.project.dir,
        reuse: [],
        command: 'mkdir -p node_modules && echo installed > node_modules/marker && echo set-up said hello',
        timeoutMs: 30_000
      }
    })
    await runtime.close()

    expect(outcome.status).toBe('success')
    expect(readFileSync(join(worktree.dir, 'node_modules', 'marker'), 'utf8')).toBe('installed\n')
    expect(fixture.logs.join('\n')).toMatch(
      /workspace: set-up command exited with 0 in [\d.]+ s:\nset-up said hello/
    )
  })

  it('stops the item before the agent starts when it fails', async () => {
    fixture = await setUp([{ text: 'never asked' }])
    const worktree = await worktreeOf(fixture.project.dir)
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, {
      settings,
      runtime,
      repoDir: worktree.dir,
      setup: {
        checkout: fixture.project.dir,
        reuse: [],
        command: 'echo no network >&2; exit 3',
        timeoutMs: 30_000
      }
    })
    await runtime.close()

    expect(outcome).toMatchObject({
      status: 'failed',
      code: 'setup_failed',
      reason: 'the set-up command (echo no network >&2; exit 3) exited with 3'
    })
    expect(fixture.model.mainRequests()).toHaveLength(0)
    expect(fixture.logs.join('\n')).toContain('no network')
  })
})
