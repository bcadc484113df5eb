// `npm run bench -- ledger [--runs N] [--sizes 100,1000,10000,50000] [--history 1200]`: what the
// ledger costs as it grows, each figure against git doing the same work bare, measured in the same
// run (and, for updates, in the same process at the same heap size: spawning git costs more from
// a process holding 50,000 items, and that is the floor's cost too).
//
// - update: one operation on an open store (apply, write the changed blobs and trees, commit,
//   push to a local bare origin, move the seen mark), against the git floor: the five commands an
//   update cannot do without (hash-object, mktree, commit-tree, push, update-ref). Goal ≤ 1.3.
// - status: `ccal status` at the largest size against a raw git read of the same ref (fetch,
//   ls-tree, cat-file of every file). Goal ≤ 1.5 with peak RSS < 200 MB.
// - fresh read: a run's first read of a ledger with a long history, against `git fetch --depth=1`
//   of the same ref and a read of every file. Goal ≤ 1.2, whatever the history length.
//
// RESULT ledger update_50k_over_floor=… status_over_raw=… status_rss_mb=… fresh_over_shallow_h0=…
// fresh_over_shallow_h1200=… (and the times behind them)
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGit, type Git } from '../src/git/git.js'
import { upsertCandidate, upsertCandidates, type CandidateInput } from '../src/ledger/ops.js'
import { openLedgerStore, type LedgerStore } from '../src/ledger/store.js'

const ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
const GIT_ENV = { ...process.env, ...ENV }
const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'index.js')
const IDENTITY = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com'
}

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`)
  return index >= 0 && args[index + 1] ? args[index + 1]! : fallback
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await action()
  return performance.now() - start
}

/** A realistic candidate: a lint finding with context and untrusted evidence. */
function candidate(index: number, seen = 0): CandidateInput {
  return {
    fingerprint: `eslint:no-unused-vars:src/module-${index}.ts:${index % 97}`,
    type: 'lint',
    source: 'lint',
    title: `Fix no-unused-vars in src/module-${index}.ts`,
    description: 'Remove the unused variable or use it.',
    priority: 1 + (index % 5),
    context: { file: `src/module-${index}.ts`, line: index % 300, rule: 'no-unused-vars', seen },
    untrusted: { evidence: `'value${index}' is assigned a value but never used.` }
  }
}

interface Repository {
  readonly root: string
  readonly origin: string
  readonly work: string
}

function run(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 30 }).trim()
}

function repository(): Repository {
  const root = mkdtempSync(join(tmpdir(), 'ccal-bench-ledger-'))
  const origin = join(root, 'origin.git')
  const work = join(root, 'work')
  run(root, 'init', '--quiet', '--bare', origin)
  run(root, 'init', '--quiet', work)
  run(work, 'remote', 'add', 'origin', origin)
  return { root, origin, work }
}

function gitFor(dir: string): Git {
  return createGit({ cwd: dir, baseEnv: GIT_ENV })
}

function open(work: string, runId: string): Promise<LedgerStore> {
  return openLedgerStore({ repoDir: work, runId, git: gitFor(work) })
}

async function seed(work: string, size: number): Promise<number> {
  const seeder = await open(work, 'bench-seed')
  return time(() =>
    seeder.write(
      upsertCandidates(
        Array.from({ length: size }, (_, index) => candidate(index)),
        { maxPending: Infinity }
      )
    )
  )
}

/** The git commands of one update, with trivial inputs, spawned from this process. */
async function floorOnce(git: Git, parent: string, index: number): Promise<void> {
  const blob = (await git.run(['hash-object', '-w', '--stdin'], { input: `{"n":${index}}\n` })).trim()
  const tree = (await git.run(['mktree'], { input: `100644 blob ${blob}\tstate.json\n` })).trim()
  const commit = (
    await git.run(['commit-tree', '--no-gpg-sign', tree, '-p', parent], { input: 'floor\n', env: IDENTITY })
  ).trim()
  await git.run(['push', '--quiet', '--force', 'origin', `${commit}:refs/heads/bench-floor`])
  await git.run(['update-ref', 'refs/bench/floor', commit])
}

interface UpdateRow {
  items: number
  seedMs: number
  updateMs: number
  floorMs: number
}

async function measureUpdates(size: number, runs: number): Promise<UpdateRow> {
  const repo = repository()
  try {
    const seedMs = await seed(repo.work, size)
    const store = await open(repo.work, 'bench-writer')
    const { commit } = await store.read()
    const git = gitFor(repo.work)
    const updates: number[] = []
    const floor: number[] = []
    // Interleaved, so that both see the same machine and the same heap.
    for (let index = 0; index < runs; index += 1) {
      updates.push(await time(() => store.write(upsertCandidate(candidate(index % size, index + 1)))))
      floor.push(await time(() => floorOnce(git, commit!, index)))
    }
    return { items: size, seedMs, updateMs: median(updates), floorMs: median(floor) }
  } finally {
    rmSync(repo.root, { recursive: true, force: true })
  }
}

/** Every file of `ref` read the way a plain script would: ls-tree, then one cat-file --batch. */
function rawRead(dir: string, ref: string): void {
  const listing = execFileSync('git', ['ls-tree', '-r', '-z', ref], {
    cwd: dir,
    env: GIT_ENV,
    maxBuffer: 1 << 30
  })
  const shas = listing
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map(entry => entry.split(' ')[2]!.split('\t')[0]!)
  execFileSync('git', ['cat-file', '--batch'], {
    cwd: dir,
    env: GIT_ENV,
    input: `${shas.join('\n')}\n`,
    maxBuffer: 1 << 30
  })
}

function millis(action: () => void): number {
  const start = performance.now()
  action()
  return performance.now() - start
}

interface StatusRow {
  statusMs: number
  rawMs: number
  rssMb: number
}

/** `ccal status` (the bundled CLI, its own work directory warmed once) against a raw read. */
function measureStatus(repo: Repository, runs: number): StatusRow {
  const cache = join(repo.root, 'cache')
  const preload = join(repo.root, 'peak-rss.cjs')
  // VmHWM, not resourceUsage().maxRSS: Linux carries the RSS high-water mark across exec, so a
  // child forked from this process (which holds the seeded ledger) would report our peak as its own.
  writeFileSync(
    preload,
    [
      "process.on('exit', () => {",
      "  const fs = require('node:fs')",
      '  let kb = process.resourceUsage().maxRSS',
      "  try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) } catch {}",
      '  fs.writeSync(3, String(kb))',
      '})',
      ''
    ].join('\n')
  )
  const status = () => {
    const result = spawnSync(process.execPath, ['--require', preload, CLI, 'status'], {
      cwd: repo.work,
      env: { ...GIT_ENV, XDG_CACHE_HOME: cache },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 26
    })
    if (result.status !== 0) throw new Error(`ccal status failed: ${result.stderr.toString()}`)
    return Number(result.output[3]?.toString() ?? '0') / 1024
  }
  const rss: number[] = []
  rss.push(status())
  const statusTimes: number[] = []
  for (let index = 0; index < runs; index += 1) statusTimes.push(millis(() => rss.push(status())))

  const bare = join(repo.root, 'raw.git')
  run(repo.root, 'init', '--quiet', '--bare', bare)
  const fetch = () =>
    run(bare, 'fetch', '--quiet', repo.origin, '+refs/heads/ccal-ledger:refs/heads/ccal-ledger')
  fetch()
  const rawTimes: number[] = []
  for (let index = 0; index < runs; index += 1)
    rawTimes.push(
      millis(() => {
        fetch()
        rawRead(bare, 'ccal-ledger')
      })
    )
  return { statusMs: median(statusTimes), rawMs: median(rawTimes), rssMb: Math.max(...rss) }
}

/** `count` more commits on the ledger branch, each changing one item file, made by fast-import. */
function addHistory(repo: Repository, count: number): void {
  const head = run(repo.origin, 'rev-parse', 'ccal-ledger')
  const paths = run(repo.origin, 'ls-tree', '-r', '--name-only', 'ccal-ledger', 'items')
    .split('\n')
    .filter(Boolean)
  const lines: string[] = []
  for (let index = 0; index < count; index += 1) {
    const path = paths[index % paths.length]!
    const text = run(repo.origin, 'show', `ccal-ledger:${path}`).replace(
      /"occurrences": \d+/,
      `"occurrences": ${index + 2}`
    )
    const message = `seen again ${index}\n`
    lines.push(
      'commit refs/heads/ccal-ledger',
      `committer bench <bench@example.com> ${1_700_000_000 + index} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(index === 0 ? [`from ${head}`] : []),
      `M 100644 inline ${path}`,
      `data ${Buffer.byteLength(`${text}\n`)}`,
      `${text}\n`
    )
  }
  execFileSync('git', ['fast-import', '--quiet', '--force'], {
    cwd: repo.origin,
    env: GIT_ENV,
    input: `${lines.join('\n')}\n`
  })
}

interface FreshRow {
  freshMs: number
  shallowMs: number
}

/** A first read in a new clone, against a shallow fetch and a raw read of the same ref. */
async function measureFresh(repo: Repository, runs: number): Promise<FreshRow> {
  const fresh: number[] = []
  const shallow: number[] = []
  for (let index = 0; index < runs; index += 1) {
    const dir = join(repo.root, `fresh-${Date.now()}-${index}`)
    mkdirSync(dir)
    run(dir, 'init', '--quiet', '--bare')
    run(dir, 'remote', 'add', 'origin', repo.origin)
    const store = await openLedgerStore({ repoDir: dir, runId: 'bench-fresh', git: gitFor(dir) })
    fresh.push(await time(() => store.read()))

    const raw = join(repo.root, `raw-${Date.now()}-${index}`)
    mkdirSync(raw)
    run(raw, 'init', '--quiet', '--bare')
    shallow.push(
      millis(() => {
        run(
          raw,
          'fetch',
          '--quiet',
          '--depth=1',
          repo.origin,
          '+refs/heads/ccal-ledger:refs/heads/ccal-ledger'
        )
        rawRead(raw, 'ccal-ledger')
      })
    )
    rmSync(dir, { recursive: true, force: true })
    rmSync(raw, { recursive: true, force: true })
  }
  return { freshMs: median(fresh), shallowMs: median(shallow) }
}

export default async function main(args: string[]): Promise<void> {
  const runs = Number(option(args, 'runs', '15'))
  const sizes = option(args, 'sizes', '100,1000,10000,50000').split(',').map(Number)
  const history = Number(option(args, 'history', '1200'))
  if (!existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run `npm run bundle` first')
  const f = (value: number) => value.toFixed(1)
  const key = (size: number) => (size >= 1000 ? `${size / 1000}k` : String(size))

  // A first read of 1,000 items, with no history and then with a long one; measured first, while
  // this process is as small as a fresh run's (spawning costs more from a large heap).
  const freshRepo = repository()
  let before: FreshRow
  let after: FreshRow
  try {
    await seed(freshRepo.work, 1000)
    before = await measureFresh(freshRepo, 9)
    addHistory(freshRepo, history)
    after = await measureFresh(freshRepo, 9)
  } finally {
    rmSync(freshRepo.root, { recursive: true, force: true })
  }
  console.log(
    `first read of 1000 items: ${f(before.freshMs)} ms (shallow fetch + raw read ${f(before.shallowMs)} ms); after ${history} more commits: ${f(after.freshMs)} ms (${f(after.shallowMs)} ms)`
  )

  console.log(
    'update = apply + blobs + trees + commit + push + seen mark; floor = the same five git commands bare'
  )
  console.log('items     seed ms  update ms  floor ms  update / floor')
  const rows: UpdateRow[] = []
  for (const size of sizes) {
    const row = await measureUpdates(size, runs)
    rows.push(row)
    console.log(
      `${String(row.items).padStart(6)}  ${f(row.seedMs).padStart(9)}  ${f(row.updateMs).padStart(9)}  ${f(row.floorMs).padStart(8)}  ${(row.updateMs / row.floorMs).toFixed(2).padStart(14)}`
    )
  }

  // Status at the largest size, on a ledger seeded afresh.
  const largest = Math.max(...sizes)
  const statusRepo = repository()
  let statusRow: StatusRow
  try {
    await seed(statusRepo.work, largest)
    statusRow = measureStatus(statusRepo, 3)
  } finally {
    rmSync(statusRepo.root, { recursive: true, force: true })
  }
  console.log('')
  console.log(
    `ccal status at ${largest} items: ${f(statusRow.statusMs)} ms, peak ${f(statusRow.rssMb)} MB; raw fetch + ls-tree + cat-file: ${f(statusRow.rawMs)} ms`
  )

  const parts: string[] = []
  for (const row of rows)
    parts.push(
      `update_${key(row.items)}_ms=${f(row.updateMs)}`,
      `floor_${key(row.items)}_ms=${f(row.floorMs)}`,
      `update_${key(row.items)}_over_floor=${(row.updateMs / row.floorMs).toFixed(2)}`
    )
  const last = rows.at(-1)!
  parts.push(
    `seed_${key(last.items)}_s=${(last.seedMs / 1000).toFixed(1)}`,
    `status_${key(largest)}_ms=${f(statusRow.statusMs)}`,
    `raw_read_${key(largest)}_ms=${f(statusRow.rawMs)}`,
    `status_over_raw=${(statusRow.statusMs / statusRow.rawMs).toFixed(2)}`,
    `status_rss_mb=${statusRow.rssMb.toFixed(0)}`,
    `fresh_over_shallow_h0=${(before.freshMs / before.shallowMs).toFixed(2)}`,
    `fresh_over_shallow_h${history}=${(after.freshMs / after.shallowMs).toFixed(2)}`
  )
  console.log('')
  console.log(`RESULT ledger ${parts.join(' ')}`)
}
