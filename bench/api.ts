// `npm run bench -- api`: the GitHub requests of a scheduled cycle as the open issues grow. For 100,
// 1,000 and 5,000 open issues (every fifth labelled `ccal-task` by one of 5 maintainers) and 20 open
// CCAL pull requests with a review each, in a fresh world each: a first `ccal run --once` (a full
// scan) and a second one right after (between full scans: only what changed is read). A run budget of $0 keeps the agent out, so only discovery,
// planning and the deferral notes ask GitHub anything. Reads are counted apart from writes (the
// tracking comments that tell deferred issues why they wait, at most 10 a cycle).
//
// RESULT api full_100=… full_1000=… full_5000=… next_100=… next_1000=… next_5000=… (reads per
//   cycle; goals: full_1000 ≤ 6, and the next cycle's reads do not grow with the issues) writes_first=…
import { formatPullMarker } from '../src/discovery/marker.js'
import { isMutation } from '../src/github/client.js'
import type { RequestLogEntry } from '../test/support/github-emulator/index.js'
import { createWorld } from '../test/support/world.js'

const MAINTAINERS = ['maya', 'noor', 'omar', 'pia', 'quinn']
const SIZES = [100, 1_000, 5_000]
/** The people of every world: a maintainer, CCAL's bot (whose token may list collaborators), the labellers. */
const USERS = [
  { login: 'maintainer', permission: 'maintain' as const },
  { login: 'ccal-bot', permission: 'write' as const, type: 'Bot' as const },
  ...MAINTAINERS.map(login => ({ login, permission: 'write' as const }))
]

function issues(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1
    const labelled = number % 5 === 0
    return {
      number,
      title: `Issue ${number}`,
      body: `Body of issue ${number}`,
      author: 'someone',
      labels: labelled ? ['ccal-task'] : ['question'],
      labeled_by: (labelled
        ? { 'ccal-task': MAINTAINERS[(number / 5) % MAINTAINERS.length]! }
        : {}) as Record<string, string>,
      // Last touched before the cycles, as most open issues are.
      updated_at: '2026-01-01T00:00:00Z'
    }
  })
}

/** CCAL's open pull requests, numbered after the issues, each reviewed by a maintainer. */
function pulls(after: number) {
  return Array.from({ length: 20 }, (_, index) => {
    const itemId = (0xabc000000000 + index).toString(16)
    return {
      number: after + index + 1,
      title: `Fix lint batch ${index}`,
      head: `ccal/lint/${itemId.slice(0, 8)}-fix-batch-${index}`,
      author: 'ccal-bot',
      body: `Fixes the batch.\n\n${formatPullMarker(itemId)}`,
      reviews: [
        { user: MAINTAINERS[index % MAINTAINERS.length]!, state: 'COMMENTED' as const, body: 'Looks fine.' }
      ]
    }
  })
}

/** GraphQL queries and GETs: what a cycle reads. */
function isRead(entry: RequestLogEntry): boolean {
  if (entry.kind === 'graphql') return !isMutation(entry.graphql?.query ?? '')
  return entry.method === 'GET'
}

function byOperation(entries: RequestLogEntry[]): string {
  const counts = new Map<string, number>()
  for (const entry of entries) {
    const name =
      entry.kind === 'graphql'
        ? `graphql ${entry.graphql?.operationName ?? '?'}`
        : (entry.operationId ?? entry.path)
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts].map(([name, count]) => `${name} ×${count}`).join(', ')
}

/** 1,000 issues, 20 PRs and `count` failed runs on the default branch, one failed job each. */
async function failedRuns(count: number): Promise<number> {
  const world = await createWorld({
    config: { ccal: { budgets: { cost_per_run_usd: 0 } } },
    scenario: {
      users: USERS,
      issues: issues(1_000),
      pulls: pulls(1_000),
      workflow_runs: Array.from({ length: count }, (_, index) => ({
        id: 5_000 + index,
        head_branch: 'main',
        head_sha: (index + 1).toString(16).padStart(40, '0'),
        conclusion: 'failure' as const,
        jobs: [
          {
            id: 90_000 + index,
            name: 'test',
            conclusion: 'failure' as const,
            log: `##[group]Run npm test\nsrc/module-${index}.test.js:${index + 3}\n  AssertionError: expected ${index} to equal ${index + 1}\n##[error]Process completed with exit code 1.\n`
          }
        ]
      }))
    },
    script: []
  })
  try {
    const run = await world.runCli(['run', '--once'])
    if (run.status !== 0)
      throw new Error(`${count} failed runs: exit ${run.status}: ${run.stdout.slice(-1500)}`)
    const entries = world.gh.requests()
    const reads = entries.filter(isRead)
    const logs = reads.filter(
      entry => entry.kind === 'log' || entry.operationId === 'actions/download-job-logs-for-workflow-run'
    )
    console.log(
      `${count} failed runs: ${reads.length} reads (${byOperation(reads)}), of which ${logs.length} are log downloads`
    )
    return reads.length - logs.length
  } finally {
    await world.cleanup()
  }
}

export default async function api(): Promise<void> {
  const figures: Record<string, number> = {}
  for (const size of SIZES) {
    const world = await createWorld({
      config: { ccal: { budgets: { cost_per_run_usd: 0 } } },
      scenario: {
        users: USERS,
        issues: issues(size),
        pulls: pulls(size)
      },
      script: []
    })
    try {
      for (const [index, label] of ['full', 'next'].entries()) {
        world.gh.clearRequests()
        const run = await world.runCli(['run', '--once'])
        if (run.status !== 0)
          throw new Error(`${size} issues, run ${index + 1}: exit ${run.status}: ${run.stdout.slice(-1500)}`)
        const entries = world.gh.requests()
        const reads = entries.filter(isRead)
        figures[`${label}_${size}`] = reads.length
        if (index === 0 && size === SIZES[0]) figures.writes_first = entries.length - reads.length
        console.log(
          `${size} issues, ${label} cycle: ${reads.length} reads (${byOperation(reads)}); ${entries.length - reads.length} writes`
        )
      }
    } finally {
      await world.cleanup()
    }
  }
  figures.failed_runs_50 = await failedRuns(50)
  console.log(
    `RESULT api ${Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`
  )
}
