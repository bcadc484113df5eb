import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createGit, tokenAuthConfig } from '../../../src/git/git.js'
import {
  addManualItem,
  leaseItem,
  recordResult,
  upsertCandidate,
  type LedgerOp
} from '../../../src/ledger/ops.js'
import { stableJson } from '../../../src/ledger/layout.js'
import { openLedgerStore, type LedgerStore, type LedgerStoreOptions } from '../../../src/ledger/store.js'
import {
  GitCommandError,
  LedgerConflictError,
  LedgerCorruptError,
  LedgerRollbackError
} from '../../../src/util/errors.js'
import { silentLogger } from '../../../src/util/logger.js'
import { createTestRepos, git, type TestRepos } from '../../support/repos.js'

let repos: TestRepos

beforeEach(() => {
  repos = createTestRepos()
})

afterEach(() => {
  repos.cleanup()
})

function open(repoDir: string, overrides: Partial<LedgerStoreOptions> = {}): Promise<LedgerStore> {
  return openLedgerStore({
    repoDir,
    runId: 'run-test',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides
  })
}

const add = (title: string, nonce = title): LedgerOp => addManualItem({ title }, nonce)

/** Checks out the ledger branch in a clone, lets `edit` change files, commits and pushes it like a person would. */
function handEdit(files: Record<string, string>, message = 'hand edit'): string {
  const dir = repos.clone()
  git(dir, 'checkout', '--quiet', 'ccal-ledger')
  const sha = repos.commitFiles(dir, files, message)
  git(dir, 'push', '--quiet', 'origin', 'ccal-ledger')
  return sha
}

function originHead(): string {
  return git(repos.origin, 'rev-parse', 'refs/heads/ccal-ledger')
}

describe('ledger store', () => {
  it('reads an empty ledger from a repository without the branch and creates nothing', async () => {
    const store = await open(repos.work)

    const snapshot = await store.read()

    expect(snapshot.commit).toBeNull()
    expect(snapshot.ledger.items.size).toBe(0)
    expect(git(repos.origin, 'branch', '--list', 'ccal-ledger')).toBe('')
  })

  it('creates the branch as an orphan on the first write without touching the working tree or HEAD', async () => {
    writeFileSync(join(repos.work, 'README.md'), 'local edit\n')
    const store = await open(repos.work)

    const result = await store.write(add('first'))

    expect(git(repos.origin, 'rev-list', '--count', 'ccal-ledger')).toBe('1')
    expect(git(repos.origin, 'rev-list', '--parents', '-n', '1', 'ccal-ledger')).toBe(result.commit)
    const id = [...result.ledger.items.keys()][0]!
    expect(git(repos.origin, 'ls-tree', '-r', '--name-only', 'ccal-ledger').split('\n')).toEqual([
      'README.md',
      `items/${id.slice(0, 2)}/${id}.json`,
      'patterns.json',
      'results.json',
      'state.json',
      'summary.json'
    ])
    expect(git(repos.work, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main')
    expect(git(repos.work, 'status', '--porcelain')).toBe('M README.md')
    expect(git(repos.origin, 'log', '-1', '--format=%an <%ae>%n%B', 'ccal-ledger')).toBe(
      `ccal[bot] <ccal-bot@users.noreply.github.com>\nadd manual ${id}: first\n\n[skip ci]\n\nCCAL-Run: run-test`
    )
  })

  it('reads back in another clone what one clone wrote', async () => {
    const writer = await open(repos.work)
    const written = await writer.write(
      upsertCandidate({
        fingerprint: 'ci:test:x',
        type: 'ci_failure',
        source: 'ci-logs',
        title: 'Fix test x',
        context: { file: 'x.ts', line: 3 }
      })
    )

    const reader = await open(repos.clone())
    const snapshot = await reader.read()

    expect(snapshot.commit).toBe(written.commit)
    expect(snapshot.ledger).toEqual(written.ledger)
  })

  it('writes stable, readable JSON and commits only the files that changed', async () => {
    const store = await open(repos.work)
    await store.write(add('one'))
    const second = await store.write(add('two'))
    const id = [...second.ledger.items.values()].find(item => item.title === 'two')!.id

    const changed = git(repos.origin, 'show', '--name-only', '--format=', 'ccal-ledger').split('\n')
    const text = git(repos.origin, 'show', `ccal-ledger:items/${id.slice(0, 2)}/${id}.json`)

    expect(changed).toEqual([`items/${id.slice(0, 2)}/${id}.json`, 'state.json', 'summary.json'])
    expect(text.split('\n').slice(0, 3)).toEqual(['{', '  "attempts": 0,', '  "context": {},'])
    expect(`${text}\n`).toBe(stableJson(JSON.parse(text)))
  })

  it('makes no commit when an operation changes nothing', async () => {
    const store = await open(repos.work)
    const first = await store.write(add('one'))

    const again = await store.write(ledger => ({ ledger, description: 'nothing' }))

    expect(again.changed).toBe(false)
    expect(originHead()).toBe(first.commit)
  })

  it('lets two racing writers both succeed: the loser fetches, re-applies its operation and pushes again', async () => {
    const a = await open(repos.work, { runId: 'run-a' })
    const b = await open(repos.clone(), { runId: 'run-b' })
    await a.write(add('base'))
    await b.read({ refresh: true })

    const fromA = await a.write(add('from a'))
    const fromB = await b.write(add('from b'))

    expect(fromA.attempts).toBe(1)
    expect(fromB.attempts).toBe(2)
    const titles = [...(await a.read({ refresh: true })).ledger.items.values()].map(item => item.title).sort()
    expect(titles).toEqual(['base', 'from a', 'from b'])
    expect(git(repos.origin, 'rev-list', '--count', 'ccal-ledger')).toBe('3')
    expect(git(repos.origin, 'rev-parse', 'ccal-ledger^')).toBe(fromA.commit)
  })

  it('runs writers truly concurrently without losing an update', async () => {
    const writers = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        open(repos.clone(`w${index}`), {
          runId: `run-${index}`,
          retry: { maxAttempts: 50, baseDelayMs: 2, maxDelayMs: 40 }
        })
      )
    )

    await Promise.all(
      writers.map(async (writer, index) => {
        for (let n = 0; n < 5; n += 1) await writer.write(add(`w${index}-${n}`))
      })
    )

    const snapshot = await (await open(repos.clone('reader'))).read()
    expect([...snapshot.ledger.items.keys()]).toHaveLength(20)
    expect(snapshot.ledger.state.totals.itemsCreated).toBe(20)
  })

  it('re-judges an operation that fails on stale state against the current branch', async () => {
    const a = await open(repos.work, { runId: 'run-a' })
    const b = await open(repos.clone(), { runId: 'run-b' })
    await b.read()
    const created = await a.write(add('only a knows'))
    const id = [...created.ledger.items.keys()][0]!

    const leased = await b.write(leaseItem(id, 60_000))

    expect(leased.ledger.items.get(id)).toMatchObject({ status: 'in_progress', lease: { runId: 'run-b' } })
  })

  it('gives up with a conflict error after the configured attempts', async () => {
    const a = await open(repos.work)
    const b = await open(repos.clone(), { retry: { maxAttempts: 1 } })
    await a.write(add('base'))
    await b.read()
    await a.write(add('moves the branch'))

    await expect(b.write(add('loses'))).rejects.toThrow(LedgerConflictError)
  })

  it('reports a push the remote refuses, without retrying', async () => {
    const store = await open(repos.work)
    await store.write(add('base'))
    const hook = join(repos.origin, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "branch is protected" >&2\nexit 1\n')
    chmodSync(hook, 0o755)
    let tries = 0

    const attempt = store.write((ledger, context) => {
      tries += 1
      return add('refused')(ledger, context)
    })

    await expect(attempt).rejects.toThrow(GitCommandError)
    await expect(attempt).rejects.toThrow(/pre-receive hook declined/)
    expect(tries).toBe(1)
  })

  it('lists an item’s own commits', async () => {
    const store = await open(repos.work)
    const created = await store.write(add('tracked'))
    await store.write(add('other'))
    const id = [...created.ledger.items.values()][0]!.id
    await store.write(leaseItem(id, 60_000))
    await store.write(
      recordResult({ itemId: id, success: true, summary: 'done', durationMs: 5, turns: 1, costUsd: 0.01 })
    )

    const commits = await store.log({ itemId: id.slice(0, 6) })

    expect(commits.map(commit => commit.subject)).toEqual([
      `result ${id}: success → completed (1 turn, $0.01)`,
      `lease ${id} to run run-test (attempt 1 of 3)`,
      `add manual ${id}: tracked`
    ])
    expect(commits.every(commit => commit.runId === 'run-test')).toBe(true)
  })
})

describe('verify', () => {
  it('keeps files it does not know through later writes and reports them as warnings', async () => {
    const store = await open(repos.work)
    await store.write(add('one'))
    handEdit({ 'notes.txt': 'a person wrote this\n' })

    const report = await store.verify()
    await store.write(add('two'))

    expect(report.problems).toEqual([])
    expect(report.warnings).toEqual(['notes.txt: not a ledger file (kept as is)'])
    expect(git(repos.origin, 'show', 'ccal-ledger:notes.txt')).toBe('a person wrote this')
  })

  it('keeps a summary that an overview reads instead of every item, and distrusts it once the items changed without it', async () => {
    const store = await open(repos.work)
    await store.write(add('one'))
    await store.write(add('two'))
    const written = await store.write(add('three'))
    const item = [...written.ledger.items.values()].find(candidate => candidate.title === 'two')!

    const commands: string[] = []
    const logger = { ...silentLogger, debug: (line: string) => void commands.push(line) }
    const quick = await (await open(repos.work, { logger })).overview()

    expect(quick.commit).toBe(written.commit)
    expect(quick.summary.counts).toEqual({ pending: 3 })
    expect(quick.summary.first.pending!.map(glanced => glanced.title).sort()).toEqual(['one', 'three', 'two'])
    expect(commands.filter(line => /git (ls-tree|cat-file)/.test(line))).toEqual(['git cat-file --batch'])

    // A person moves an item by hand and leaves summary.json as it was.
    handEdit({ [`items/${item.id.slice(0, 2)}/${item.id}.json`]: stableJson({ ...item, status: 'failed' }) })
    commands.length = 0
    const after = await (await open(repos.work, { logger })).overview()

    expect(after.summary.counts).toEqual({ pending: 2, failed: 1 })
    expect(after.summary.first.failed!.map(glanced => glanced.id)).toEqual([item.id])
    expect(commands.some(line => line.startsWith('git ls-tree'))).toBe(true)
  })

  it('reports an item that is leased while not in progress', async () => {
    const store = await open(repos.work)
    const written = await store.write(add('one'))
    const item = [...written.ledger.items.values()][0]!
    const path = `items/${item.id.slice(0, 2)}/${item.id}.json`
    const lease = { runId: 'ghost', acquiredAt: item.createdAt, until: item.createdAt }
    handEdit({ [path]: stableJson({ ...item, lease }) })

    const report = await store.verify()

    expect(report.problems).toEqual([`${path}: leased while pending`])
  })
})

describe('an unreadable ledger', () => {
  it('names the file, the commit and the last good commit for hand-committed bad JSON, and is never overwritten', async () => {
    const store = await open(repos.work)
    const good = await store.write(add('fine'))
    const bad = handEdit({ 'state.json': '{ "schemaVersion": 1,' })

    const reader = await open(repos.clone())
    const error = await reader.read().catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(LedgerCorruptError)
    expect((error as Error).message).toBe(
      `ledger branch 'ccal-ledger' at ${bad.slice(0, 7)}: state.json: not valid JSON (Expected double-quoted property name in JSON at position 21). ` +
        `Restore with: ccal ledger restore ${good.commit!.slice(0, 12)} (the commit before this file last changed; see git log origin/ccal-ledger)`
    )
    await expect(store.write(add('would overwrite'))).rejects.toThrow(LedgerCorruptError)
    expect(originHead()).toBe(bad)
  })

  it('names the key path of a schema violation', async () => {
    const store = await open(repos.work)
    const written = await store.write(add('fine'))
    const item = [...written.ledger.items.values()][0]!
    const path = `items/${item.id.slice(0, 2)}/${item.id}.json`
    const bad = handEdit({ [path]: JSON.stringify({ ...item, status: 'bogus' }, null, 2) })

    const error = await (
      await open(repos.clone())
    )
      .read()
      .catch((caught: unknown) => caught as LedgerCorruptError)

    expect(error).toBeInstanceOf(LedgerCorruptError)
    expect((error as LedgerCorruptError).details).toMatchObject({
      file: path,
      keyPath: 'status',
      commit: bad
    })
    expect((error as Error).message).toContain(`${path}: status: expected one of pending|in_progress|`)
    expect((error as Error).message).toContain(', found "bogus"')
  })

  it('refuses a ledger written by a newer schema version', async () => {
    const store = await open(repos.work)
    const written = await store.write(add('fine'))
    handEdit({ 'state.json': JSON.stringify({ ...written.ledger.state, schemaVersion: 99 }) })

    await expect((await open(repos.clone())).read()).rejects.toThrow(
      /state.json: schemaVersion: version 99 was written by a newer ccal/
    )
  })

  it('is restored by a new commit with the content of a good one, never by a force push', async () => {
    const store = await open(repos.work)
    const good = await store.write(add('keep me'))
    const bad = handEdit({ 'state.json': 'not json' })

    const restored = await (await open(repos.clone())).restore(good.commit!)

    expect(restored.changed).toBe(true)
    expect(git(repos.origin, 'rev-parse', 'ccal-ledger^')).toBe(bad)
    expect(git(repos.origin, 'rev-parse', 'ccal-ledger^{tree}')).toBe(
      git(repos.origin, 'rev-parse', `${good.commit}^{tree}`)
    )
    expect(git(repos.origin, 'log', '-1', '--format=%s', 'ccal-ledger')).toBe(
      `restore ledger to ${good.commit!.slice(0, 12)} (add manual ${[...good.ledger.items.keys()][0]}: keep me)`
    )
    const after = await (await open(repos.clone())).read()
    expect([...after.ledger.items.values()].map(item => item.title)).toEqual(['keep me'])
  })
})

describe('git client', () => {
  it('passes per-command configuration without writing it to .git/config', async () => {
    const client = createGit({ cwd: repos.work }).withConfig(
      tokenAuthConfig('https://github.com/o/r.git', 's3cret')
    )

    const seen = await client.run(['config', '--get', 'http.https://github.com/.extraheader'])

    expect(seen.trim()).toBe(
      `AUTHORIZATION: basic ${Buffer.from('x-access-token:s3cret').toString('base64')}`
    )
    expect(git(repos.work, 'config', '--list', '--local')).not.toContain('extraheader')
  })

  it('reports a failing command as a result rather than an exception', async () => {
    const result = await createGit({ cwd: repos.work }).exec(['rev-parse', '--verify', 'no-such-ref'])

    expect(result.exitCode).not.toBe(0)
    expect(result.stderr).toContain('Needed a single revision')
  })
})

describe('a ledger whose history was rewritten', () => {
  it('is refused with both heads and the way out, and restoring what this clone saw goes on from there', async () => {
    const store = await open(repos.work)
    const first = await store.write(add('one'))
    const second = await store.write(add('two'))
    // Someone force-pushes the branch back to its first commit: item "two" would vanish.
    git(repos.origin, 'update-ref', 'refs/heads/ccal-ledger', first.commit!)

    const later = await open(repos.work)
    const refused = await later.read({ refresh: true }).then(
      () => undefined,
      (error: unknown) => error
    )

    expect(refused).toBeInstanceOf(LedgerRollbackError)
    const message = (refused as Error).message
    expect(message).toContain(
      `is at ${first.commit!.slice(0, 12)}, which does not contain ${second.commit!.slice(0, 12)}`
    )
    expect(message).toContain(`ccal ledger restore ${second.commit!.slice(0, 12)}`)
    await expect(later.write(add('three'))).rejects.toBeInstanceOf(LedgerRollbackError)
    expect(originHead()).toBe(first.commit)

    const restored = await later.restore(second.commit!)
    expect(restored.changed).toBe(true)
    const titles = [...(await later.write(add('three'))).ledger.items.values()].map(item => item.title)
    expect(titles.sort()).toEqual(['one', 'three', 'two'])
  })

  it('is accepted as it is once a person restores the older content', async () => {
    const store = await open(repos.work)
    const first = await store.write(add('one'))
    await store.write(add('two'))
    git(repos.origin, 'update-ref', 'refs/heads/ccal-ledger', first.commit!)

    const later = await open(repos.work)
    await later.restore(first.commit!)

    const titles = [...(await later.read({ refresh: true })).ledger.items.values()].map(item => item.title)
    expect(titles).toEqual(['one'])
  })
})
