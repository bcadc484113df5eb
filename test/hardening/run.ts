/**
 * The hardening suite (`npm run test:hardening`): real processes under faults — the bundled action
 * and `ccal`, the real Claude Code CLI against the scripted model server, the GitHub emulator with
 * its fault injection, real git. Each case reports duplicates (a second PR, comment or agent run for
 * one piece of work), lost updates (work that should be recorded and is not) and stuck items (a
 * lease still held after every run ended); a case is clean when all three are zero and its own
 * checks hold. The last line is `RESULT hardening cases=N clean=N duplicates=D lost=L stuck=S`; the
 * exit status is non-zero unless every case is clean.
 *
 * Cases so far: two `ccal run --once` started together over several rounds; a lost answer to the
 * pull request POST and to the comment POST; `kill -9` during the model turn; a three-cycle model
 * outage; hostile inputs (a 6 MB one-line log, `ccal: 5`, an oversized config, an invalid XML
 * character reference).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FaultSpec } from '../support/github-emulator/faults.js'
import type { Conversation, TurnInput } from '../support/model-server/index.js'
import { killTree, waitFor } from '../support/processes.js'
import {
  MAINTAINER,
  REPO_ROOT,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

/** What a command may take in memory on hostile input (Node alone takes about 45 MB). */
const MAX_HOSTILE_RSS_MB = 200

interface Tally {
  duplicates: number
  lost: number
  stuck: number
  /** Checks of the case's own that failed, in words. */
  problems: string[]
}

interface Case {
  name: string
  run(tally: Tally): Promise<void>
}

function labelledIssues(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    number: index + 1,
    title: `add() is wrong (report ${index + 1})`,
    body: 'add(2, 3) returns -1.',
    author: MAINTAINER,
    labels: ['ccal-task'],
    labeled_by: { 'ccal-task': MAINTAINER }
  }))
}

/** One scripted conversation per issue, told apart by the issue number in the prompt. */
function conversations(count: number): Conversation[] {
  return Array.from({ length: count }, (_, index) => ({
    match: `GitHub issue #${index + 1} of`,
    turns: fixBugScript() as TurnInput[]
  }))
}

/** Items still leased once every run is over, and items with more than one open PR. */
function countLedger(world: World, tally: Tally): void {
  const items = world.ledgerItems()
  tally.stuck += items.filter(item => item.lease !== null || item.status === 'in_progress').length
  const pulls = world.gh.state.pulls()
  const byItem = new Map<string, number>()
  for (const pull of pulls) {
    const marker = /<!-- ccal:item=([0-9a-f]+) -->/.exec(pull.body)?.[1]
    if (marker) byItem.set(marker, (byItem.get(marker) ?? 0) + 1)
  }
  for (const count of byItem.values()) tally.duplicates += Math.max(0, count - 1)
}

/** CCAL's comments on an issue, by kind of marker. */
function trackingComments(world: World, issue: number): number {
  return world.gh.state.issue(issue).comments.filter(comment => comment.body.includes('<!-- ccal:tracking='))
    .length
}

/** The event of a maintainer labelling the sandbox's bug issue. */
function labelledBug() {
  return {
    name: 'issues',
    payload: issuesLabeledPayload(
      { number: 1, title: 'add() subtracts instead of adding' },
      'ccal-task',
      MAINTAINER
    )
  }
}

/** Short request timeouts, so that a hung call fails within the case. */
const FAULT_CONFIG = {
  ccal: {
    ...SANDBOX_CONFIG.ccal,
    // A failed attempt may go again at once: the case's next cycle is its retry.
    loop: { request_timeout_seconds: 2, session_timeout_seconds: 3, retry_backoff_seconds: 0 }
  }
}

/**
 * What every GitHub fault case asks once the fault is over: the labelled issue has one pull request,
 * its item is `pr_open`, the agent ran once, and its issue has one tracking comment that names the
 * pull request.
 */
function checkDelivered(world: World, tally: Tally): void {
  countLedger(world, tally)
  const item = world.ledgerItems()[0]
  if (item?.status !== 'pr_open') {
    tally.lost += 1
    tally.problems.push(
      `the item is ${item?.status ?? 'missing'}${item?.lastError ? ` (${item.lastError.slice(0, 160)})` : ''}`
    )
  }
  const pulls = world.gh.state.pulls().length
  if (pulls === 0) tally.lost += 1
  tally.duplicates += Math.max(0, pulls - 1)
  const agentRuns = world.model.mainRequests().filter(request => request.turnIndex === 0).length
  tally.duplicates += Math.max(0, agentRuns - 1)
  const tracking = world.gh.state
    .issue(1)
    .comments.filter(comment => comment.body.includes('<!-- ccal:tracking='))
  tally.duplicates += Math.max(0, tracking.length - 1)
  if (!tracking.some(comment => /CCAL opened #\d+/.test(comment.body))) {
    tally.lost += 1
    tally.problems.push(
      `no tracking comment names the pull request (${tracking.length} comment(s); the ledger says ${String(item?.context.trackingState)})`
    )
  }
}

/**
 * A labelled issue worked while `fault` is armed on GitHub, then (the fault over) the next
 * scheduled cycle. A fault that lasts may fail the first run; the second must leave everything
 * delivered once ({@link checkDelivered}).
 */
function githubFault(name: string, fault: FaultSpec, lasting = false): Case {
  return {
    name,
    async run(tally) {
      const world = await createWorld({ config: FAULT_CONFIG })
      try {
        world.gh.injectFault(fault)
        const first = await world.runAction(labelledBug())
        if (!lasting && first.status !== 0)
          tally.problems.push(`the run under the fault exited ${first.status}`)
        if (/\n\s+at /.test(first.stderr)) tally.problems.push('a stack trace under the fault')
        world.gh.clearFaults()
        // A lease left by a call that hung past its run must have expired before the next cycle.
        await new Promise(resolve => setTimeout(resolve, lasting ? 3_500 : 0))
        const next = await world.runAction(SCHEDULE_EVENT)
        if (next.status !== 0) tally.problems.push(`the cycle after the fault exited ${next.status}`)
        checkDelivered(world, tally)
      } finally {
        await world.cleanup()
      }
    }
  }
}

/** The places a fault is put: the issue query (GraphQL), the pull request's creation, a comment's. */
const FAULT_PLACES: { what: string; method: string; route: string }[] = [
  { what: 'the issue query', method: 'POST', route: '/graphql' },
  { what: 'the pull request POST', method: 'POST', route: '/repos/{owner}/{repo}/pulls' },
  { what: 'the comment POST', method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments' }
]

/** The ways GitHub fails a request. */
const FAULT_KINDS: { what: string; fault: Omit<FaultSpec, 'method' | 'route'>; lasting?: boolean }[] = [
  { what: '502 once', fault: { status: 502 } },
  { what: '502 for the whole run', fault: { status: 502, times: 1_000 }, lasting: true },
  { what: '429 with retry-after', fault: { status: 429, retryAfter: 1 } },
  { what: 'a secondary rate limit', fault: { status: 403, retryAfter: 1 } },
  { what: 'the answer lost after GitHub acted', fault: { status: 502, afterAction: true } },
  { what: 'no answer (hung)', fault: { status: 502, delayMs: 20_000 }, lasting: true }
]

const GITHUB_FAULTS: Case[] = FAULT_PLACES.flatMap(place =>
  FAULT_KINDS.map(kind =>
    githubFault(
      `GitHub: ${kind.what} on ${place.what}`,
      { ...kind.fault, method: place.method, route: place.route },
      kind.lasting
    )
  )
)

/**
 * `kill -9` of the run while its pull request POST hangs (GitHub `acts` or not), then the next
 * cycles: the work already pushed is delivered once, without running the agent again.
 */
function killDuringPullPost(name: string, acts: boolean): Case {
  return {
    name,
    async run(tally) {
      const world = await createWorld({ config: FAULT_CONFIG })
      try {
        world.gh.injectFault({
          method: 'POST',
          route: '/repos/{owner}/{repo}/pulls',
          status: 502,
          delayMs: 60_000,
          ...(acts ? { afterAction: true } : {})
        })
        const killed = world.startAction(labelledBug())
        await waitFor(
          'the pull request POST hanging',
          () => (world.gh.faultsTaken() > 0 ? true : undefined),
          60_000
        )
        killTree(killed.child.pid!)
        await killed.done
        world.gh.clearFaults()
        await new Promise(resolve => setTimeout(resolve, 3_500))
        const next = await world.runAction(SCHEDULE_EVENT)
        if (next.status !== 0) tally.problems.push(`the cycle after the kill exited ${next.status}`)
        checkDelivered(world, tally)
        if (world.worktrees().length > 0)
          tally.problems.push(`worktrees left: ${world.worktrees().join(', ')}`)
      } finally {
        await world.cleanup()
      }
    }
  }
}

/**
 * The model failing one way on every request of a cycle, then answering: no attempt is charged for
 * the failure, and the next cycle delivers the item once.
 */
function modelFault(name: string, turn: TurnInput, charged: boolean): Case {
  return {
    name,
    async run(tally) {
      const world = await createWorld({
        config: FAULT_CONFIG,
        script: [{ ...turn, repeat: 100 } as TurnInput]
      })
      try {
        const first = await world.runAction(labelledBug())
        if (first.status !== 0) tally.problems.push(`the run with the model failing exited ${first.status}`)
        const item = world.ledgerItems()[0]
        if (!charged && (item?.attempts ?? 0) > 0) tally.problems.push(`${item!.attempts} attempt(s) charged`)
        if (item?.status === 'failed') tally.problems.push('the item failed for good')
        world.model.setScript(fixBugScript())
        const next = await world.runAction(SCHEDULE_EVENT)
        if (next.status !== 0) tally.problems.push(`the cycle after exited ${next.status}`)
        countLedger(world, tally)
        if (world.ledgerItems()[0]?.status !== 'pr_open') tally.lost += 1
        tally.duplicates += Math.max(0, world.gh.state.pulls().length - 1)
        tally.duplicates += Math.max(0, trackingComments(world, 1) - 1)
      } finally {
        await world.cleanup()
      }
    }
  }
}

/**
 * One answer's stream broken mid-message, then the model answers: Claude Code asks again (or the
 * cycle ends as an outage, no attempt charged, and the next one delivers), and the item is
 * delivered once.
 */
function modelBreak(name: string, mode: 'reset' | 'truncate' | 'empty'): Case {
  return {
    name,
    async run(tally) {
      const world = await createWorld({
        config: FAULT_CONFIG,
        script: [{ text: 'Looking', break_stream: mode } as TurnInput, ...(fixBugScript() as TurnInput[])]
      })
      try {
        const run = await world.runAction(labelledBug())
        if (run.status !== 0) tally.problems.push(`the run exited ${run.status}`)
        const item = world.ledgerItems()[0]
        if (item?.status === 'pending' && item.attempts > 0)
          tally.problems.push(`${item.attempts} attempt(s) charged for the broken stream`)
        const next = await world.runAction(SCHEDULE_EVENT)
        if (next.status !== 0) tally.problems.push(`the next cycle exited ${next.status}`)
        checkDelivered(world, tally)
      } finally {
        await world.cleanup()
      }
    }
  }
}

const CASES: Case[] = [
  {
    name: 'two ccal run --once started together, 5 rounds over 6 labelled issues',
    async run(tally) {
      const count = 6
      const world = await createWorld({
        config: {
          ccal: {
            ...SANDBOX_CONFIG.ccal,
            loop: { max_items_per_run: 2 },
            budgets: { prs_per_hour: 10, max_open_prs: 10 }
          }
        },
        scenario: { issues: labelledIssues(count) },
        script: []
      })
      try {
        world.model.setConversations(conversations(count))
        for (let round = 1; round <= 5; round += 1) {
          const runs = await Promise.all([world.runCli(['run', '--once']), world.runCli(['run', '--once'])])
          runs.forEach((run, index) => {
            if (run.status !== 0)
              tally.problems.push(
                `round ${round}, run ${index + 1} exited ${run.status}: ${run.stdout.slice(-400)}`
              )
          })
        }
        countLedger(world, tally)
        const items = world.ledgerItems()
        // Every issue should have its PR by now (2 runs × 2 items × 5 rounds is room enough).
        const open = items.filter(item => item.status === 'pr_open').length
        tally.lost += count - open
        if (open < count)
          tally.problems.push(
            `items: ${items.map(item => `${item.status}${item.lastError ? ` (${item.lastError.slice(0, 120)})` : ''}`).join(', ')}`
          )
        for (let issue = 1; issue <= count; issue += 1) {
          const started = world.model
            .mainRequests()
            .filter(
              request =>
                request.turnIndex === 0 && request.firstUserText.includes(`GitHub issue #${issue} of`)
            )
          tally.duplicates += Math.max(0, started.length - 1)
          tally.duplicates += Math.max(0, trackingComments(world, issue) - 1)
        }
      } finally {
        await world.cleanup()
      }
    }
  },
  ...GITHUB_FAULTS,
  killDuringPullPost('kill -9 while the pull request POST hangs, GitHub never opening it', false),
  killDuringPullPost('kill -9 while the pull request POST hangs, after GitHub opened it', true),
  modelFault(
    'the model overloaded (529) through a cycle',
    { error: { status: 529, message: 'Overloaded' } },
    false
  ),
  modelFault(
    'the model failing with 500 through a cycle',
    { error: { status: 500, message: 'Internal server error' } },
    false
  ),
  modelFault(
    'the model key revoked (401) for a cycle',
    { error: { status: 401, message: 'invalid x-api-key' } },
    false
  ),
  modelFault(
    'model streams reset mid-answer through a cycle',
    { text: 'Looking', break_stream: 'reset' },
    false
  ),
  modelBreak('a model stream reset mid-answer, then the answer', 'reset'),
  modelBreak('a model stream truncated mid-answer, then the answer', 'truncate'),
  modelBreak('an empty model stream (200, no event), then the answer', 'empty'),
  {
    name: 'a 200 KB append_system_prompt, through a whole cycle in the box',
    async run(tally) {
      const rules = `Keep functions pure.\n${'Prefer small modules. '.repeat(9_500)}`
      const world = await createWorld({
        config: {
          ccal: {
            ...SANDBOX_CONFIG.ccal,
            claude: { ...SANDBOX_CONFIG.ccal.claude, append_system_prompt: rules }
          }
        }
      })
      try {
        const run = await world.runAction(labelledBug())
        if (run.status !== 0) tally.problems.push(`the run exited ${run.status}`)
        if (!world.model.mainRequests()[0]?.system.includes('Prefer small modules. Prefer small modules.'))
          tally.problems.push('the rules did not reach the model')
        checkDelivered(world, tally)
      } finally {
        await world.cleanup()
      }
    }
  },
  modelFault('empty model answers', { text: '' }, true),
  {
    name: 'kill -9 during the model turn, then the next cycles',
    async run(tally) {
      // A short lease, so that the dead run's item is reclaimed within the case.
      const world = await createWorld({
        config: { ccal: { ...SANDBOX_CONFIG.ccal, loop: { session_timeout_seconds: 3 } } },
        script: [{ text: 'Looking into it.', delay_ms: 60_000 }]
      })
      try {
        const killed = world.startAction(labelledBug())
        await waitFor('the agent mid-turn', () => (world.model.requests().length > 0 ? true : undefined))
        killTree(killed.child.pid!)
        await killed.done
        await new Promise(resolve => setTimeout(resolve, 4_500))
        world.model.setScript(fixBugScript())
        const next = await world.runAction(SCHEDULE_EVENT)
        if (next.status !== 0) tally.problems.push(`the cycle after the kill exited ${next.status}`)
        countLedger(world, tally)
        if (world.ledgerItems()[0]?.status !== 'pr_open') tally.lost += 1
        tally.duplicates += Math.max(0, trackingComments(world, 1) - 1)
        if (world.worktrees().length > 0)
          tally.problems.push(`worktrees left: ${world.worktrees().join(', ')}`)
      } finally {
        await world.cleanup()
      }
    }
  },
  {
    name: 'the model overloaded (529) for three cycles, then back',
    async run(tally) {
      const world = await createWorld({
        config: { ccal: { ...SANDBOX_CONFIG.ccal, loop: { max_items_per_run: 3 } } },
        scenario: { issues: labelledIssues(3) },
        script: [{ error: { status: 529, message: 'Overloaded' }, repeat: 100 }]
      })
      try {
        for (let cycle = 1; cycle <= 3; cycle += 1) {
          const run = await world.runAction(SCHEDULE_EVENT)
          if (run.status !== 0) tally.problems.push(`outage cycle ${cycle} exited ${run.status}`)
        }
        const charged = world.ledgerItems().reduce((sum, item) => sum + item.attempts, 0)
        if (charged > 0) tally.problems.push(`${charged} attempt(s) charged for the outage`)
        world.model.setScript([])
        world.model.setConversations(conversations(3))
        const back = await world.runAction(SCHEDULE_EVENT)
        if (back.status !== 0) tally.problems.push(`the cycle after the outage exited ${back.status}`)
        countLedger(world, tally)
        tally.lost += 3 - world.ledgerItems().filter(item => item.status === 'pr_open').length
      } finally {
        await world.cleanup()
      }
    }
  },
  {
    name: 'hostile inputs get a one-line answer within seconds',
    async run(tally) {
      const dir = mkdtempSync(join(tmpdir(), 'ccal-hostile-'))
      try {
        // Each command's peak memory, written by a preload at its exit.
        const preload = join(dir, 'peak-rss.cjs')
        const rssFile = join(dir, 'peak-rss')
        writeFileSync(
          preload,
          `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\n`
        )
        const cli = (args: string[], cwd = dir) => {
          const started = Date.now()
          const run = spawnSync(
            process.execPath,
            ['--require', preload, join(REPO_ROOT, 'dist/cli/index.js'), ...args],
            { cwd, encoding: 'utf8', timeout: 30_000 }
          )
          const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024
          return { ...run, seconds: (Date.now() - started) / 1000, peakMb }
        }
        const expectAnswer = (what: string, run: ReturnType<typeof cli>, fails: boolean) => {
          // `ccal config validate` ends with its count of problems; the problem itself is one line.
          const lines = `${run.stdout}${run.stderr}`
            .trim()
            .split('\n')
            .filter(text => text && !/^\d+ problems? found$/.test(text))
          if (run.seconds > 10) tally.problems.push(`${what}: took ${run.seconds.toFixed(1)} s`)
          if (run.peakMb > MAX_HOSTILE_RSS_MB)
            tally.problems.push(`${what}: took ${run.peakMb.toFixed(0)} MB`)
          if (fails && run.status === 0) tally.problems.push(`${what}: exit 0`)
          if (fails && lines.length !== 1)
            tally.problems.push(`${what}: ${lines.length} lines: ${lines.slice(0, 3).join(' / ')}`)
          if (/\n\s+at /.test(run.stderr)) tally.problems.push(`${what}: a stack trace`)
        }
        let line = '2026-01-01T00:00:00.0000000Z '
        const parts = [
          'error: a ',
          'FAIL x ',
          '##[error]y ',
          'src/a.ts(1,2): error TS2304: z ',
          'Traceback (most recent call last): '
        ]
        while (line.length < 6_000_000) line += parts[line.length % parts.length]
        writeFileSync(join(dir, 'one-line.log'), `${line}\n`)
        expectAnswer('a 6 MB one-line log', cli(['findings', 'one-line.log']), false)
        // A log of one 512 MB line (no line break at all), and a 600 MB one-line SARIF.
        writeFileSync(join(dir, 'blob.log'), '2026-01-01T00:00:00.0000000Z error: ')
        truncateSync(join(dir, 'blob.log'), 512 * 1024 * 1024)
        // Its start says "error:": a finding, or none; what counts is time and memory.
        expectAnswer('a 512 MB log without a line break', cli(['findings', 'blob.log']), false)
        writeFileSync(join(dir, 'huge.sarif'), '{"version":"2.1.0","runs":[')
        truncateSync(join(dir, 'huge.sarif'), 600 * 1024 * 1024)
        expectAnswer('a 600 MB SARIF', cli(['findings', 'huge.sarif']), true)
        rmSync(join(dir, 'blob.log'))
        rmSync(join(dir, 'huge.sarif'))
        writeFileSync(join(dir, 'bad.xml'), '<checkstyle><file name="a&#x110000;"></file></checkstyle>\n')
        expectAnswer(
          'an invalid XML character reference',
          cli(['findings', 'bad.xml', '--format', 'checkstyle']),
          true
        )
        writeFileSync(join(dir, 'five.yml'), 'ccal: 5\n')
        expectAnswer('ccal: 5', cli(['config', 'validate', 'five.yml']), true)
        const keys = Array.from({ length: 60_000 }, (_, index) => `  unknown_${index}: ${index}`).join('\n')
        writeFileSync(join(dir, 'huge.yml'), `ccal:\n${keys}\n`)
        expectAnswer('a 1 MB config of unknown keys', cli(['config', 'validate', 'huge.yml']), true)
        writeFileSync(join(dir, 'ten.yml'), `ccal:\n${keys.repeat(10)}\n`)
        expectAnswer('a 10 MB config', cli(['config', 'validate', 'ten.yml']), true)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
]

async function main(): Promise<void> {
  const totals = { cases: 0, clean: 0, duplicates: 0, lost: 0, stuck: 0 }
  // HARDENING_CASES=<regex> runs only the cases whose name matches (for working on one).
  const only = process.env.HARDENING_CASES ? new RegExp(process.env.HARDENING_CASES, 'i') : undefined
  for (const entry of CASES.filter(known => !only || only.test(known.name))) {
    const tally: Tally = { duplicates: 0, lost: 0, stuck: 0, problems: [] }
    const started = Date.now()
    try {
      await entry.run(tally)
    } catch (error) {
      tally.problems.push(`the case itself failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    const clean =
      tally.duplicates === 0 && tally.lost === 0 && tally.stuck === 0 && tally.problems.length === 0
    totals.cases += 1
    totals.clean += clean ? 1 : 0
    totals.duplicates += tally.duplicates
    totals.lost += tally.lost
    totals.stuck += tally.stuck
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `case ${clean ? 'clean' : 'NOT CLEAN'} (${seconds} s): ${entry.name}` +
        (clean
          ? ''
          : ` — duplicates=${tally.duplicates} lost=${tally.lost} stuck=${tally.stuck}; ${tally.problems.join('; ')}`)
    )
  }
  console.log(
    `RESULT hardening cases=${totals.cases} clean=${totals.clean} duplicates=${totals.duplicates} lost=${totals.lost} stuck=${totals.stuck}`
  )
  process.exitCode = totals.clean === totals.cases ? 0 : 1
}

await main()
