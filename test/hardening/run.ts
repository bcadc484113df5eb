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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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

/** A labelled issue worked with one GitHub fault armed; `check` counts what the case is about. */
function lostAnswer(name: string, fault: FaultSpec, check: (world: World, tally: Tally) => void): Case {
  return {
    name,
    async run(tally) {
      const world = await createWorld()
      try {
        world.gh.injectFault(fault)
        const run = await world.runAction(labelledBug())
        if (run.status !== 0) tally.problems.push(`the run exited ${run.status}`)
        countLedger(world, tally)
        check(world, tally)
      } finally {
        await world.cleanup()
      }
    }
  }
}

const CASES: Case[] = [
  {
    name: 'two ccal run --once started together, 3 rounds over 4 labelled issues',
    async run(tally) {
      const count = 4
      const world = await createWorld({
        config: {
          ccal: { ...SANDBOX_CONFIG.ccal, loop: { max_items_per_run: 2 }, budgets: { prs_per_hour: 10 } }
        },
        scenario: { issues: labelledIssues(count) },
        script: []
      })
      try {
        world.model.setConversations(conversations(count))
        for (let round = 1; round <= 3; round += 1) {
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
        // Every issue should have its PR by now (2 runs × 2 items × 3 rounds is room enough).
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
  lostAnswer(
    'the answer to the pull request POST is lost after GitHub opened it',
    { method: 'POST', route: '/repos/{owner}/{repo}/pulls', status: 502, afterAction: true },
    (world, tally) => {
      if (world.ledgerItems()[0]?.status !== 'pr_open') tally.lost += 1
      if (!world.gh.state.issue(1).comments.some(comment => comment.body.includes('CCAL opened #')))
        tally.lost += 1
      tally.duplicates += Math.max(0, trackingComments(world, 1) - 1)
      tally.duplicates += Math.max(
        0,
        world.model.mainRequests().filter(request => request.turnIndex === 0).length - 1
      )
    }
  ),
  lostAnswer(
    'the answer to the comment POST is lost after GitHub made it',
    {
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 502,
      afterAction: true,
      times: 2
    },
    (world, tally) => {
      tally.duplicates += Math.max(0, trackingComments(world, 1) - 1)
      if (trackingComments(world, 1) === 0) tally.lost += 1
    }
  ),
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
        const cli = (args: string[], cwd = dir) => {
          const started = Date.now()
          const run = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/cli/index.js'), ...args], {
            cwd,
            encoding: 'utf8',
            timeout: 30_000
          })
          return { ...run, seconds: (Date.now() - started) / 1000 }
        }
        const expectAnswer = (what: string, run: ReturnType<typeof cli>, fails: boolean) => {
          // `ccal config validate` ends with its count of problems; the problem itself is one line.
          const lines = `${run.stdout}${run.stderr}`
            .trim()
            .split('\n')
            .filter(text => text && !/^\d+ problems? found$/.test(text))
          if (run.seconds > 10) tally.problems.push(`${what}: took ${run.seconds.toFixed(1)} s`)
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
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
]

async function main(): Promise<void> {
  const totals = { cases: 0, clean: 0, duplicates: 0, lost: 0, stuck: 0 }
  for (const entry of CASES) {
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
