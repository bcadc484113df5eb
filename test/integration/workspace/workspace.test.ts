/**
 * CCAL's own repository and the items' worktrees, with real git and a bare origin: made from the
 * remote, removed without a trace, cleaned up after a killed run — and the maintainer's checkout,
 * messy as people leave it, never written.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Workspace } from '../../../src/workspace/workspace.js'
import { makeMessy, snapshotTree } from '../../support/checkout.js'
import { createTestRepos, git, type TestRepos } from '../../support/repos.js'

let repos: TestRepos
let workDir: string

beforeEach(() => {
  repos = createTestRepos({ 'src/a.txt': 'one\n' })
  workDir = mkdtempSync(join(tmpdir(), 'ccal-work-'))
})

afterEach(() => {
  repos.cleanup()
  rmSync(workDir, { recursive: true, force: true })
})

function open(runId = 'run-1'): Promise<Workspace> {
  return Workspace.open({ checkout: repos.work, directory: workDir, runId })
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!
}

describe('the workspace', () => {
  it("is CCAL's own bare repository with the checkout's origin and objects, and none of its branches", async () => {
    const workspace = await open()

    expect(workspace.repoDir.startsWith(workDir)).toBe(true)
    expect(git(workspace.repoDir, 'rev-parse', '--is-bare-repository')).toBe('true')
    expect(git(workspace.repoDir, 'remote', 'get-url', 'origin')).toBe(
      git(repos.work, 'remote', 'get-url', 'origin')
    )
    expect(git(workspace.repoDir, 'for-each-ref')).toBe('')
    const head = git(repos.work, 'rev-parse', 'HEAD')
    expect(git(workspace.repoDir, 'cat-file', '-t', head)).toBe('commit')
  })

  it('is made once when several runs open it at the same time, and all of them use it', async () => {
    const opened = await Promise.all(['a', 'b', 'c', 'd'].map(runId => open(runId)))

    expect(new Set(opened.map(workspace => workspace.repoDir)).size).toBe(1)
    expect(readdirSync(opened[0]!.root).sort()).toEqual(['repo.git', 'worktrees'])
    for (const workspace of opened)
      expect(await workspace.fetchBranch('main')).toBe(git(repos.origin, 'rev-parse', 'main'))
  })

  it('makes a worktree at the remote tip, detached, and removes it with its marker and git’s records', async () => {
    const workspace = await open()
    repos.commitFiles(repos.clone('other'), { 'src/b.txt': 'two\n' }, 'pushed by someone else')
    git(join(repos.root, 'other'), 'push', '--quiet', 'origin', 'main')

    const tip = await workspace.fetchBranch('main')
    const worktree = await workspace.addWorktree({
      commit: tip!,
      itemId: 'item-1',
      purpose: 'item',
      name: 'ccal/x'
    })

    expect(tip).toBe(git(repos.origin, 'rev-parse', 'main'))
    expect(git(worktree.dir, 'log', '-1', '--format=%s')).toBe('pushed by someone else')
    expect(git(worktree.dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('HEAD')
    expect(await workspace.fetchBranch('no-such-branch')).toBeUndefined()
    await worktree.remove()
    expect(readdirSync(join(workspace.root, 'worktrees'))).toEqual([])
    expect(
      git(workspace.repoDir, 'worktree', 'list', '--porcelain')
        .split('\n')
        .filter(line => line.startsWith('worktree'))
    ).toHaveLength(1)
  })

  it('gives a taken name a suffix instead of sharing the directory', async () => {
    const workspace = await open()
    const tip = (await workspace.fetchBranch('main'))!
    const first = await workspace.addWorktree({ commit: tip, itemId: 'a', purpose: 'item', name: 'ccal/x' })
    const second = await workspace.addWorktree({ commit: tip, itemId: 'b', purpose: 'item', name: 'ccal/x' })

    expect(first.name).toBe('ccal-x')
    expect(second.name).toBe('ccal-x.2')
    await first.remove()
    await second.remove()
  })

  it("removes what a killed run left and keeps a live run's worktree", async () => {
    const killed = await open('run-killed')
    const tip = (await killed.fetchBranch('main'))!
    const left = await killed.addWorktree({ commit: tip, itemId: 'a', purpose: 'item', name: 'ccal/a' })
    writeFileSync(`${left.dir}.json`, JSON.stringify({ ...left.marker, pid: deadPid(), host: hostname() }))
    const live = await (
      await open('run-live')
    ).addWorktree({ commit: tip, itemId: 'b', purpose: 'item', name: 'ccal/b' })
    // Made by another process that is still running on this host (here: the test runner's parent).
    writeFileSync(`${live.dir}.json`, JSON.stringify({ ...live.marker, pid: process.ppid, host: hostname() }))
    // Made on another machine sharing the directory: its lease decides.
    const remote = await (
      await open('run-remote')
    ).addWorktree({ commit: tip, itemId: 'c', purpose: 'item', name: 'ccal/c' })
    writeFileSync(`${remote.dir}.json`, JSON.stringify({ ...remote.marker, host: 'another-runner' }))
    mkdirSync(join(killed.root, 'worktrees', 'half-made'))

    const next = await open('run-next')
    // The ledger as this cycle read it knows no live lease at all: a live process still keeps its worktree.
    const removed = await next.pruneStale(() => false)

    expect(removed.sort()).toEqual(['ccal-a', 'ccal-c', 'half-made'])
    expect(existsSync(left.dir)).toBe(false)
    expect(existsSync(live.dir)).toBe(true)
    expect(git(next.repoDir, 'worktree', 'list', '--porcelain')).not.toContain(left.dir)
    await live.remove()
  })

  it('never takes a worktree for abandoned while another run is still writing its marker', async () => {
    const workspace = await open('run-writing')
    const tip = (await workspace.fetchBranch('main'))!
    const worktrees = join(workspace.root, 'worktrees')
    // Another run's draft, linked into place once whole: not a worktree, whatever its name.
    const draft = join(worktrees, `ccal-d.json.${process.ppid}.${Date.now()}.draft`)
    writeFileSync(draft, '{"runId":')
    const old = join(worktrees, 'ccal-e.json.1.1.draft')
    writeFileSync(old, '{')
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000))

    const pruned = await (await open('run-pruning')).pruneStale(() => false)
    // Runs taking one name at the same moment each get their own.
    const made = await Promise.all(
      ['a', 'b', 'c'].map(id =>
        workspace.addWorktree({ commit: tip, itemId: id, purpose: 'item', name: 'ccal/x' })
      )
    )

    expect(pruned).toEqual([])
    expect(new Set(made.map(worktree => worktree.name)).size).toBe(3)
    for (const worktree of made) expect(existsSync(join(worktree.dir, 'src/a.txt'))).toBe(true)
    expect(existsSync(draft)).toBe(true)
    expect(existsSync(old)).toBe(false)
    for (const worktree of made) await worktree.remove()
  })

  it('runs none of the hooks planted in its repository while it makes and removes worktrees', async () => {
    const workspace = await open()
    const planted = join(workDir, 'hook-ran')
    const hook = join(workspace.repoDir, 'hooks', 'post-checkout')
    writeFileSync(hook, `#!/bin/sh\necho ran > ${planted}\n`)
    chmodSync(hook, 0o755)

    const worktree = await workspace.addWorktree({
      commit: (await workspace.fetchBranch('main'))!,
      purpose: 'discovery'
    })
    await worktree.remove()

    expect(existsSync(planted)).toBe(false)
  })

  it("never writes the maintainer's checkout, whatever state it is in", async () => {
    makeMessy(repos.work)
    const before = snapshotTree(repos.work)

    const workspace = await open()
    const worktree = await workspace.addWorktree({
      commit: (await workspace.fetchBranch('main'))!,
      purpose: 'item',
      itemId: 'x'
    })
    writeFileSync(join(worktree.dir, 'src/a.txt'), 'changed in the worktree\n')
    await worktree.remove()
    await workspace.pruneStale(() => false)

    expect(snapshotTree(repos.work)).toEqual(before)
  })
})
