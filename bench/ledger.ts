// `npm run bench -- ledger [--runs N] [--sizes 100,1000,10000]`: latency of one ledger update (fetch
// when needed, apply, write blobs + tree, commit, push to a local bare repository) at growing ledger
// sizes, against the cost of spawning one trivial git command measured in the same run.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGit } from '../src/git/git.js'
import { upsertCandidate, upsertCandidates, type CandidateInput } from '../src/ledger/ops.js'
import { openLedgerStore, type LedgerStore } from '../src/ledger/store.js'

const ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`)
  return index >= 0 && args[index + 1] ? args[index + 1]! : fallback
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await action()
  return performance.now() - start
}

/** A realistic candidate: a lint finding with context and untrusted evidence. */
function candidate(index: number): CandidateInput {
  return {
    fingerprint: `eslint:no-unused-vars:src/module-${index}.ts:${index % 97}`,
    type: 'lint',
    source: 'lint',
    title: `Fix no-unused-vars in src/module-${index}.ts`,
    description: 'Remove the unused variable or use it.',
    priority: 1 + (index % 5),
    context: { file: `src/module-${index}.ts`, line: index % 300, rule: 'no-unused-vars' },
    untrusted: { evidence: `'value${index}' is assigned a value but never used.` }
  }
}

function repository(): { root: string; work: string } {
  const root = mkdtempSync(join(tmpdir(), 'ccal-bench-ledger-'))
  const run = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env: { ...process.env, ...ENV }, stdio: 'ignore' })
  run(root, 'init', '--quiet', '--bare', join(root, 'origin.git'))
  run(root, 'init', '--quiet', join(root, 'work'))
  run(join(root, 'work'), 'remote', 'add', 'origin', join(root, 'origin.git'))
  return { root, work: join(root, 'work') }
}

function open(work: string, runId: string): Promise<LedgerStore> {
  return openLedgerStore({
    repoDir: work,
    runId,
    git: createGit({ cwd: work, baseEnv: { ...process.env, ...ENV } })
  })
}

interface Row {
  items: number
  seedMs: number
  coldReadMs: number
  updateP50: number
  updateP90: number
  coldWriteP50: number
}

async function measure(size: number, runs: number): Promise<Row> {
  const { root, work } = repository()
  try {
    const seeder = await open(work, 'bench-seed')
    const seedMs = await time(() =>
      seeder.write(
        upsertCandidates(
          Array.from({ length: size }, (_, index) => candidate(index)),
          { maxPending: Infinity }
        )
      )
    )

    // A process that opens the ledger for the first time: fetch, ls-tree, cat-file --batch, validate.
    const coldReads: number[] = []
    for (let run = 0; run < 3; run += 1) {
      const reader = await open(work, 'bench-reader')
      coldReads.push(await time(() => reader.read()))
    }

    // The cycle's case: the store is open and updates one item after another.
    const store = await open(work, 'bench-writer')
    await store.read()
    const updates: number[] = []
    for (let run = 0; run < runs; run += 1) {
      updates.push(await time(() => store.write(upsertCandidate(candidate(run % size)))))
    }

    // The CLI's case: a fresh store per write (fetch + full read + write).
    const coldWrites: number[] = []
    for (let run = 0; run < Math.min(5, runs); run += 1) {
      const fresh = await open(work, 'bench-cold')
      coldWrites.push(await time(() => fresh.write(upsertCandidate(candidate(run)))))
    }
    return {
      items: size,
      seedMs,
      coldReadMs: median(coldReads),
      updateP50: median(updates),
      updateP90: percentile(updates, 0.9),
      coldWriteP50: median(coldWrites)
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

export default async function main(args: string[]): Promise<void> {
  const runs = Number(option(args, 'runs', '15'))
  const sizes = option(args, 'sizes', '100,1000,10000').split(',').map(Number)

  const { root, work } = repository()
  const git = createGit({ cwd: work, baseEnv: { ...process.env, ...ENV } })
  const baselines: number[] = []
  for (let run = 0; run < 20; run += 1) baselines.push(await time(() => git.run(['rev-parse', '--git-dir'])))
  rmSync(root, { recursive: true, force: true })
  const baseline = median(baselines)

  const rows: Row[] = []
  for (const size of sizes) rows.push(await measure(size, runs))

  const f = (value: number) => value.toFixed(1)
  console.log(`baseline: one 'git rev-parse' spawn = ${f(baseline)} ms (median of 20)`)
  console.log(
    `update = apply op + write changed blobs + tree + commit + push to a local bare origin; median of ${runs}`
  )
  console.log('')
  console.log(
    'items   seed ms  cold read ms  update p50 ms  update p90 ms  cold write p50 ms  p50 / baseline'
  )
  for (const row of rows) {
    console.log(
      `${String(row.items).padStart(5)}  ${f(row.seedMs).padStart(8)}  ${f(row.coldReadMs).padStart(12)}  ${f(row.updateP50).padStart(13)}  ` +
        `${f(row.updateP90).padStart(13)}  ${f(row.coldWriteP50).padStart(17)}  ${(row.updateP50 / baseline).toFixed(1).padStart(14)}`
    )
  }
  const bySize = new Map(rows.map(row => [row.items, row]))
  const key = (size: number) => (size >= 1000 ? `${size / 1000}k` : String(size))
  const parts = rows.map(row => `p50_${key(row.items)}=${f(row.updateP50)}ms`)
  const k1 = bySize.get(1000)
  const k10 = bySize.get(10000)
  if (k1 && k10) parts.push(`growth_10k_over_1k=${(k10.updateP50 / k1.updateP50).toFixed(2)}`)
  if (k10)
    parts.push(
      `cold_read_10k=${f(k10.coldReadMs)}ms`,
      `cold_write_10k=${f(k10.coldWriteP50)}ms`,
      `p50_10k_over_baseline=${(k10.updateP50 / baseline).toFixed(1)}`
    )
  parts.push(`baseline_git_spawn=${f(baseline)}ms`)
  console.log('')
  console.log(`RESULT ledger ${parts.join(' ')}`)
}
