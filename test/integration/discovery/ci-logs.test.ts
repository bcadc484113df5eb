import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SettingsSchema } from '../../../src/config/schema.js'
import type { Trigger } from '../../../src/core/trigger.js'
import { CiLogsSource } from '../../../src/discovery/ci-logs.js'
import type { DiscoveryContext, DiscoveryResult } from '../../../src/discovery/source.js'
import { createGitHubClient } from '../../../src/github/client.js'
import { setCursor, upsertCandidates } from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../../src/ledger/schema.js'
import type { Logger } from '../../../src/util/logger.js'
import {
  startGitHubEmulator,
  type GitHubEmulator,
  type ScenarioInput
} from '../../support/github-emulator/index.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} }
/** The framed Actions log around real eslint, tsc and jest output (see test/fixtures/findings/README.md). */
const JOB_LOG = readFileSync(join(import.meta.dirname, '../../fixtures/findings/actions/job.log'), 'utf8')
/** The same failures printed by a later run: other timestamps. */
const LATER_LOG = JOB_LOG.replace(/^2024-01-01T12/gm, '2024-03-09T08')

const SHA = 'a'.repeat(40)
type RunInput = NonNullable<ScenarioInput['workflow_runs']>[number]
type Conclusion = NonNullable<RunInput['conclusion']>

function run(id: number, options: { branch?: string; conclusion?: Conclusion; log?: string } = {}): RunInput {
  const conclusion = options.conclusion ?? 'failure'
  return {
    id,
    name: 'CI',
    head_branch: options.branch ?? 'main',
    head_sha: SHA,
    conclusion,
    jobs: [
      { id: id * 10 + 1, name: 'build', conclusion, log: options.log ?? JOB_LOG },
      { id: id * 10 + 2, name: 'docs', conclusion: 'success', log: 'all good\n' }
    ]
  }
}

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.stop()
  gh = undefined
})

async function start(scenario: ScenarioInput): Promise<GitHubEmulator> {
  gh = await startGitHubEmulator(scenario)
  return gh
}

function contextFor(
  emulator: GitHubEmulator,
  options: {
    ledger?: Ledger
    trigger?: Trigger
    ciLogs?: Record<string, unknown>
    queueSizeLimit?: number
  } = {}
): DiscoveryContext {
  return {
    settings: SettingsSchema.parse({
      discovery: { ci_logs: options.ciLogs ?? {} },
      ...(options.queueSizeLimit ? { ledger: { queue_size_limit: options.queueSizeLimit } } : {})
    }),
    trigger: options.trigger ?? { kind: 'schedule' },
    ledger: options.ledger ?? emptyLedger(),
    github: createGitHubClient({
      token: 'tok',
      owner: 'octo-org',
      repo: 'demo',
      apiUrl: emulator.url,
      retryUnitMs: 1,
      writeSpacingMs: 0,
      logger: quiet
    }),
    root: '/home/runner/work/demo/demo',
    runId: 'run-1',
    now: NOW,
    logger: quiet
  }
}

function afterCycle(ledger: Ledger, result: DiscoveryResult, maxPending?: number): Ledger {
  const context = { now: NOW, runId: 'run-1', ...(maxPending ? { limits: { maxPending } } : {}) }
  let next = upsertCandidates(result.candidates)(ledger, context).ledger
  if (result.cursor !== undefined)
    next = setCursor(result.source, result.cursor)(next, { now: NOW, runId: 'run-1' }).ledger
  return next
}

describe('the CI-logs source', () => {
  it('turns the failed job of a failed run on the default branch into one item per failing tool', async () => {
    const emulator = await start({
      workflow_runs: [run(101), run(90, { branch: 'feature' }), run(80, { conclusion: 'success' })]
    })

    const result = await new CiLogsSource().discover(contextFor(emulator))

    expect(result.candidates.map(c => c.title).sort()).toEqual([
      'Fix 3 TypeScript errors in src/shapes.ts',
      'Fix 4 failing Jest tests',
      // The fixture's ESLint ran in /tmp/fx, outside the runner's checkout.
      'Fix 6 ESLint findings in /tmp/fx/src'
    ])
    expect(result.candidates.every(c => /^ci:(tsc|jest|eslint):[0-9a-f]{16}$/.test(c.fingerprint))).toBe(true)
    const tsc = result.candidates.find(c => c.context?.tool === 'tsc')
    expect(tsc).toMatchObject({
      type: 'ci_failure',
      source: 'ci-logs',
      priority: 2,
      context: {
        file: 'src/shapes.ts',
        line: 7,
        rule: 'TS2322',
        workflowRunId: 101,
        jobName: 'build',
        commitSha: SHA,
        step: 'npx tsc -p . --pretty false'
      }
    })
    expect(tsc?.untrusted?.evidence).toContain(
      "- src/shapes.ts:13:16: TS2339 Property 'name' does not exist on type 'Shape'. (tsc)"
    )
    expect(emulator.requests().map(r => `${r.method} ${r.path}`)).toContainEqual(
      expect.stringMatching(/^GET \/repos\/octo-org\/demo\/actions\/jobs\/1011\/logs/)
    )
    // The log itself was fetched from where the API redirected; the jobs and their check runs'
    // annotations came in one query, not a REST listing each.
    expect(emulator.requests().some(r => r.kind === 'log')).toBe(true)
    expect(emulator.requests().filter(r => r.graphql?.operationName === 'CcalRunJobs')).toHaveLength(1)
    expect(emulator.requests().map(r => r.path)).not.toContainEqual(
      expect.stringMatching(/annotations|\/jobs$/)
    )
  })

  it('makes the same failure in two runs the same items, and skips runs already processed', async () => {
    const emulator = await start({ workflow_runs: [run(101), run(102, { log: LATER_LOG })] })
    const source = new CiLogsSource()

    const first = await source.discover(contextFor(emulator))
    const second = await source.discover(contextFor(emulator, { ledger: afterCycle(emptyLedger(), first) }))

    const byRun = (id: number) =>
      first.candidates
        .filter(c => c.context?.workflowRunId === id)
        .map(c => c.fingerprint)
        .sort()
    expect(byRun(101)).toEqual(byRun(102))
    expect(byRun(101)).toHaveLength(3)
    expect(second.candidates).toEqual([])
    expect(second.skipped.map(s => s.reason)).toEqual(['already processed', 'already processed'])
  })

  it('leaves a run whose failures do not fit in the queue for a later scan, and loses none of them', async () => {
    const emulator = await start({ workflow_runs: [run(101)] })
    const source = new CiLogsSource()
    const limit = 2

    const first = await source.discover(contextFor(emulator, { queueSizeLimit: limit }))
    const full = afterCycle(emptyLedger(), first, limit)
    const second = await source.discover(contextFor(emulator, { ledger: full, queueSizeLimit: limit }))
    // The two admitted items are worked; the queue has room again.
    const worked: Ledger = {
      ...full,
      items: full.items.with([...full.items.values()].map(item => ({ ...item, status: 'pr_open' as const })))
    }
    const third = await source.discover(contextFor(emulator, { ledger: worked, queueSizeLimit: limit }))
    const after = afterCycle(worked, third, limit)

    expect(first.candidates).toHaveLength(3)
    expect([...full.items.keys()]).toHaveLength(2)
    expect(second.candidates).toEqual([])
    expect(second.skipped.map(s => s.reason)).toEqual([
      'the queue is full (ledger.queue_size_limit 2 pending items); left for a later scan'
    ])
    expect([...after.items.keys()]).toHaveLength(3)
    const fourth = await source.discover(contextFor(emulator, { ledger: after, queueSizeLimit: limit }))
    expect(fourth.skipped.map(s => s.reason)).toEqual(['already processed'])
  })

  it('looks at the run named by a workflow_run trigger', async () => {
    const emulator = await start({ workflow_runs: [run(101), run(102, { branch: 'release' })] })
    const trigger: Trigger = {
      kind: 'workflow_run',
      action: 'completed',
      run: {
        id: 102,
        name: 'CI',
        workflowId: 1,
        conclusion: 'failure',
        headBranch: 'release',
        headSha: SHA,
        event: 'push',
        attempt: 1,
        pullNumbers: []
      }
    }

    const result = await new CiLogsSource().discover(contextFor(emulator, { trigger }))

    expect(new Set(result.candidates.map(c => c.context?.workflowRunId))).toEqual(new Set([102]))
  })

  it('with flaky_check re-runs the failed jobs first and creates work only when the failure repeats', async () => {
    const emulator = await start({ workflow_runs: [run(101), run(102)] })
    const source = new CiLogsSource()
    const settings = { flaky_check: true }

    const first = await source.discover(contextFor(emulator, { ciLogs: settings }))
    for (const [id, conclusion] of [
      [101, 'failure'],
      [102, 'success']
    ] as const) {
      const record = emulator.state.run(id)
      record.status = 'completed'
      record.conclusion = conclusion
      for (const job of record.jobs)
        Object.assign(job, { status: 'completed', conclusion: job.name === 'docs' ? 'success' : conclusion })
    }
    const second = await source.discover(
      contextFor(emulator, { ciLogs: settings, ledger: afterCycle(emptyLedger(), first) })
    )

    expect(first.candidates).toEqual([])
    expect(
      emulator
        .requests()
        .filter(r => r.method === 'POST' && r.kind === 'rest')
        .map(r => r.path)
    ).toEqual([
      '/repos/octo-org/demo/actions/runs/102/rerun-failed-jobs',
      '/repos/octo-org/demo/actions/runs/101/rerun-failed-jobs'
    ])
    expect(new Set(second.candidates.map(c => c.context?.workflowRunId))).toEqual(new Set([101]))
    expect(second.skipped).toContainEqual({ what: 'run 102 (CI)', reason: 'flaky: it passed when re-run' })
  })

  it('names a step no parser understood by its own error line, and tells two such errors apart', async () => {
    const deploy = (error: string) =>
      [
        '2024-01-01T00:00:00.0000000Z ##[group]Run ./deploy.sh',
        '2024-01-01T00:00:00.0100000Z \u001b[36;1m./deploy.sh || echo "deploy error" >&2\u001b[0m',
        '2024-01-01T00:00:00.1000000Z ##[endgroup]',
        '2024-01-01T00:00:00.2000000Z uploading bundle',
        `2024-01-01T00:00:00.3000000Z ${error}`,
        '2024-01-01T00:00:00.4000000Z ##[error]Process completed with exit code 3.',
        ''
      ].join('\n')
    const emulator = await start({
      workflow_runs: [
        run(101, { log: deploy('error: connection reset by peer') }),
        run(102, { log: deploy('error: certificate has expired') })
      ]
    })

    const result = await new CiLogsSource().discover(contextFor(emulator))

    expect(result.candidates.map(c => c.title).sort()).toEqual([
      'Fix the failing step "./deploy.sh": error: certificate has expired',
      'Fix the failing step "./deploy.sh": error: connection reset by peer'
    ])
    expect(new Set(result.candidates.map(c => c.fingerprint)).size).toBe(2)
    // The echoed script's "deploy error" is the runner's echo, not output.
    expect(result.candidates[0]?.untrusted?.evidence).not.toContain('echo')
  })

  it('makes one item of the same failure in several jobs of a matrix', async () => {
    const matrix: RunInput = {
      id: 101,
      name: 'CI',
      head_branch: 'main',
      head_sha: SHA,
      conclusion: 'failure',
      jobs: [
        { id: 1011, name: 'test (node 20)', conclusion: 'failure', log: JOB_LOG },
        { id: 1012, name: 'test (node 22)', conclusion: 'failure', log: LATER_LOG }
      ]
    }
    const emulator = await start({ workflow_runs: [matrix] })

    const result = await new CiLogsSource().discover(contextFor(emulator))

    expect(result.candidates).toHaveLength(3)
    expect(result.candidates.map(c => c.description)).toEqual(
      Array(3).fill(expect.stringContaining('The same failure also fails: "test (node 22)".'))
    )
  })

  it('places an error by its check-run annotation when the log line lost its file and line', async () => {
    const log = [
      '2024-01-01T00:00:00.0000000Z ##[group]Run ./check.sh',
      '2024-01-01T00:00:00.1000000Z ##[endgroup]',
      // `echo "::error file=src/app.js,line=7::Missing semicolon"`, as the log shows it.
      '2024-01-01T00:00:00.2000000Z ##[error]Missing semicolon',
      '2024-01-01T00:00:00.3000000Z ##[error]Process completed with exit code 1.',
      ''
    ].join('\n')
    const emulator = await start({
      workflow_runs: [
        {
          id: 101,
          head_branch: 'main',
          head_sha: SHA,
          conclusion: 'failure',
          jobs: [
            {
              id: 1011,
              name: 'lint',
              conclusion: 'failure',
              log,
              annotations: [
                {
                  path: 'src/app.js',
                  start_line: 7,
                  annotation_level: 'failure',
                  message: 'Missing semicolon'
                },
                {
                  path: '.github',
                  start_line: 1,
                  annotation_level: 'failure',
                  message: 'Process completed with exit code 1.'
                }
              ]
            }
          ]
        }
      ]
    })

    const result = await new CiLogsSource().discover(contextFor(emulator))

    // One item: the runner's annotation of the exit code marks the failed step, it is no problem of its own.
    expect(result.candidates).toHaveLength(1)
    expect(result.candidates[0]?.context).toMatchObject({ file: 'src/app.js', line: 7, tool: 'actions' })
  })

  it('lists jobs and annotations through REST when the one query for them is refused', async () => {
    const emulator = await start({
      workflow_runs: [run(101, { log: 'src/app.ts(3,5): error TS2304: Cannot find name x.\n' })]
    })
    emulator.injectFault({
      route: '/graphql',
      status: 403,
      message: 'Resource not accessible by integration'
    })

    const result = await new CiLogsSource().discover(contextFor(emulator))

    expect(result.candidates.map(candidate => candidate.context?.file)).toEqual(['src/app.ts'])
    const paths = emulator.requests().map(r => r.path)
    expect(paths).toContain('/repos/octo-org/demo/actions/runs/101/jobs')
    expect(paths).toContainEqual(expect.stringMatching(/\/check-runs\/\d+\/annotations$/))
  })

  it('reads the end of a log longer than max_log_bytes, streamed', async () => {
    const early = '2024-01-01T00:00:00.0000000Z src/early.ts(1,1): error TS1000: early\n'
    const filler = '2024-01-01T00:00:00.0000000Z downloading layer 0123456789abcdef\n'.repeat(20000)
    const late = '2024-01-01T00:00:01.0000000Z src/late.ts(2,2): error TS2000: late\n'
    const emulator = await start({ workflow_runs: [run(101, { log: `${early}${filler}${late}` })] })

    const result = await new CiLogsSource().discover(
      contextFor(emulator, { ciLogs: { max_log_bytes: 100_000 } })
    )

    expect(result.candidates.map(c => c.context?.file)).toEqual(['src/late.ts'])
  })
})
