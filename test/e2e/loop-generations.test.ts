/**
 * The second round, end to end (dist/index.js, the real Claude Code CLI against the scripted model
 * server, the GitHub emulator, real git): a failure fixed by a merged CCAL pull request comes back,
 * and a pull request a maintainer closed is asked for again. Each time the item starts a new
 * generation: a fresh branch from the base, a fresh session, a new pull request that links the
 * earlier one, and what people said in the prompt.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { CliIo } from '../../src/cli/io.js'
import { runCli } from '../../src/cli/program.js'
import { git } from '../support/repos.js'
import { ESLINT_BIN } from '../support/sandbox-project.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  REPO,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  issuesLabeledPayload,
  issueCommentPayload,
  failedRun,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** The sandbox's real `node --test` failure in a runner-shaped job log. */
function failedJobLog(world: World): string {
  const run = world.sandbox.run(world.sandbox.testCommand)
  expect(run.exitCode).toBe(1)
  const checkout = `/home/runner/work/${REPO}/${REPO}`
  const lines = [
    '##[group]Run node --test',
    'shell: /usr/bin/bash -e {0}',
    '##[endgroup]',
    ...run.stdout.split(world.sandbox.dir).join(checkout).trimEnd().split('\n'),
    '##[error]Process completed with exit code 1.'
  ]
  const start = Date.now() - 60_000
  return `${lines.map((line, index) => `${new Date(start + index * 100).toISOString()} ${line}`).join('\n')}\n`
}

/** Merges a pull request's branch into main on origin, as GitHub's merge button would. */
function mergeOnOrigin(world: World, branch: string): void {
  const dir = world.sandbox.dir
  git(dir, 'fetch', '--quiet', 'origin')
  git(dir, 'checkout', '--quiet', 'main')
  git(dir, 'reset', '--quiet', '--hard', 'origin/main')
  git(dir, 'merge', '--quiet', '--no-ff', '-m', `Merge ${branch}`, `origin/${branch}`)
  git(dir, 'push', '--quiet', 'origin', 'main')
}

/** A maintainer's commit on main that brings the bug back. */
function breakAgain(world: World): string {
  const dir = world.sandbox.dir
  world.sandbox.repos.commitFiles(
    dir,
    { 'src/math.js': world.sandbox.read('src/math.js').replace('return a + b', 'return a - b') },
    'Refactor math (reintroduces the bug)'
  )
  git(dir, 'push', '--quiet', 'origin', 'main')
  return git(dir, 'rev-parse', 'HEAD')
}

async function ledgerLog(world: World, itemId: string): Promise<string> {
  const out: string[] = []
  const io: CliIo = {
    cwd: world.sandbox.dir,
    env: {},
    stdout: text => out.push(text),
    stderr: () => undefined
  }
  expect(await runCli(['ledger', 'log', itemId], io)).toBe(0)
  return out.join('\n')
}

/** The two ways a cycle runs: the bundled action on a schedule event, or `ccal run --once`. */
const ENTRIES = ['the bundled action', 'ccal run'] as const
type Entry = (typeof ENTRIES)[number]

/** Runs one scheduled cycle through `entry`; returns its exit status and what it printed on stderr. */
async function scheduledCycle(
  world: World,
  entry: Entry
): Promise<{ status: number | null; errors: string }> {
  if (entry === 'ccal run') {
    const run = await world.runCli(['run', '--once'])
    if (run.status !== 0) console.log(run.stdout.slice(-3000))
    return { status: run.status, errors: run.status === 0 ? '' : run.stdout }
  }
  const run = await world.runAction(SCHEDULE_EVENT)
  return { status: run.status, errors: run.stderr }
}

describe.each(ENTRIES)('a CI failure fixed by a merged pull request that comes back, through %s', entry => {
  it('becomes generation 2: a new pull request from the current base that links the merged one', async () => {
    world = await createWorld({ scenario: { issues: [] } })
    const head = git(world.sandbox.origin, 'rev-parse', 'main')
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(7001, head, failedJobLog(world)) })
    const first = await scheduledCycle(world, entry)
    expect(first.status).toBe(0)
    const firstPull = world.gh.state.pulls()[0]!
    const item = world.itemOfPull(firstPull.body)
    mergeOnOrigin(world, firstPull.pull.head)
    world.gh.mutate({ action: 'merge_pull', pull: firstPull.number, actor: MAINTAINER })

    const broken = breakAgain(world)
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(7002, broken, failedJobLog(world)) })
    world.model.setScript(fixBugScript('Fixed add() again; `node --test` passes.'))
    const before = world.model.mainRequests().length
    const second = await scheduledCycle(world, entry)

    expect(second.errors).toBe('')
    expect(second.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(2)
    const newPull = pulls.find(pull => pull.number !== firstPull.number)!
    expect(newPull.state).toBe('open')
    expect(newPull.pull.head).toBe(`${firstPull.pull.head}-2`)
    expect(newPull.body).toContain(`Regression: the problem fixed in #${firstPull.number} came back.`)
    // From the current base: the maintainer's breaking commit is its parent, and the fix is on it.
    expect(git(world.sandbox.origin, 'rev-parse', `${newPull.pull.head}~1`)).toBe(broken)
    expect(git(world.sandbox.origin, 'show', `${newPull.pull.head}:src/math.js`)).toContain('return a + b')
    // The same item, in its second generation, with the first one's pull request kept.
    const now = world.itemOfPull(newPull.body)
    expect(now.id).toBe(item.id)
    expect(now).toMatchObject({ generation: 2, status: 'pr_open', regressions: 1 })
    expect(now.pr?.number).toBe(newPull.number)
    expect(now.generations).toEqual([
      expect.objectContaining({
        generation: 1,
        ended: 'merged',
        pr: expect.objectContaining({ number: firstPull.number })
      })
    ])
    // A fresh session: the conversation starts with the new round's prompt.
    const opening = world.model.mainRequests()[before]!
    expect(opening.firstUserText).toContain('# Earlier rounds of this task (this is round 2)')
    expect(opening.firstUserText).toContain(`Round 1: PR #${firstPull.number} was merged`)
    const log = await ledgerLog(world, item.id)
    expect(log).toContain(`generation 1: PR #${firstPull.number} (${firstPull.pull.head}), merged`)
    expect(log).toContain(`generation 2: PR #${newPull.number} (${newPull.pull.head}), pr open (current)`)
  }, 240_000)
})

describe.each(ENTRIES)('a pull request closed by a maintainer, then `/ccal retry`, through %s', entry => {
  it('starts a fresh branch without the rejected commits, and the prompt carries what the maintainer said', async () => {
    world = await createWorld()
    const first = await world.runAction({
      name: 'issues',
      payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER)
    })
    expect(first.status).toBe(0)
    const rejected = world.gh.state.pulls()[0]!
    const rejectedHead = git(world.sandbox.origin, 'rev-parse', rejected.pull.head)
    world.gh.mutate({
      action: 'comment_issue',
      issue: rejected.number,
      author: MAINTAINER,
      body: 'Closing: please also cover add() with negative numbers in the tests.'
    })
    world.gh.mutate({ action: 'close_pull', pull: rejected.number, actor: MAINTAINER })
    const settled = await scheduledCycle(world, entry)
    expect(settled.status).toBe(0)
    const item = world.itemOfPull(rejected.body)
    expect(item.status).toBe('rejected')
    expect(item.words).toEqual([
      expect.objectContaining({ author: MAINTAINER, kind: 'comment', pr: rejected.number })
    ])

    const { id: commentId } = world.gh.mutate({
      action: 'comment_issue',
      issue: BUG_ISSUE.number,
      author: MAINTAINER,
      body: '/ccal retry\nKeep the fix in src/math.js and add a test for negatives.'
    })
    world.model.setScript(fixBugScript('Fixed add() and kept the change small.'))
    const before = world.model.mainRequests().length
    // The action answers the comment's own event; `ccal run` finds the command in its scan.
    const retried =
      entry === 'ccal run'
        ? await scheduledCycle(world, entry)
        : await world
            .runAction({
              name: 'issue_comment',
              payload: issueCommentPayload(
                {
                  id: commentId!,
                  body: '/ccal retry\nKeep the fix in src/math.js and add a test for negatives.'
                },
                MAINTAINER
              )
            })
            .then(run => ({ status: run.status, errors: run.stderr }))

    expect(retried.errors).toBe('')
    expect(retried.status).toBe(0)
    const fresh = world.gh.state.pulls().find(pull => pull.number !== rejected.number)!
    expect(fresh.pull.head).toBe(`${rejected.pull.head}-2`)
    expect(fresh.body).toContain(`New attempt after #${rejected.number} was closed without merging.`)
    const freshHead = git(world.sandbox.origin, 'rev-parse', fresh.pull.head)
    // None of the rejected commits are on the new branch: it starts from main.
    const contains = git(
      world.sandbox.origin,
      'branch',
      '--contains',
      rejectedHead,
      '--list',
      fresh.pull.head
    )
    expect(contains).toBe('')
    expect(git(world.sandbox.origin, 'rev-parse', `${freshHead}~1`)).toBe(
      git(world.sandbox.origin, 'rev-parse', 'main')
    )
    // A fresh session whose prompt says what was rejected and what the maintainer asked for, as data.
    const opening = world.model.mainRequests()[before]!
    expect(opening.firstUserText).toContain(`Round 1: PR #${rejected.number} was closed without merging`)
    expect(opening.firstUserText).toMatch(
      /untrusted-data comment by maintainer on PR #\d+[^\n]*\nClosing: please also cover/
    )
    expect(opening.firstUserText).toMatch(
      /untrusted-data request to try again by maintainer[^\n]*\n\/ccal retry\nKeep the fix/
    )
    const now = world.itemOfPull(fresh.body)
    expect(now).toMatchObject({ id: item.id, generation: 2, status: 'pr_open' })
    expect(now.generations[0]).toMatchObject({
      ended: 'closed',
      pr: expect.objectContaining({ number: rejected.number })
    })
  }, 240_000)
})

/** Four unused variables in one file of the sandbox, on main. */
const UNUSED = ['alpha', 'beta', 'gamma', 'delta']
const HELPERS = `${UNUSED.map(name => `export function ${name}Helper() {\n  const ${name} = 1\n  return 0\n}\n`).join('\n')}`

/** The agent removes the first two unused variables only. */
const HALF_FIX = [
  { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/helpers.js' } }] },
  ...UNUSED.slice(0, 2).map(name => ({
    tool_use: [
      {
        name: 'Edit',
        input: { file_path: '$CWD/src/helpers.js', old_string: `  const ${name} = 1\n`, new_string: '' }
      }
    ]
  })),
  { text: 'Removed two of the unused variables.' }
]

/**
 * A world whose main has the four unused variables, linted by ESLint at every scan, and an agent
 * that fixes half of them.
 */
async function helpersWorld(): Promise<World> {
  const created = await createWorld({
    config: {
      ccal: {
        claude: SANDBOX_CONFIG.ccal.claude,
        pull_requests: { draft: false },
        discovery: {
          lint: {
            enabled: true,
            interval_seconds: 0,
            commands: [`${process.execPath} ${ESLINT_BIN} --format json src/helpers.js`]
          }
        }
      }
    },
    scenario: { issues: [] },
    script: HALF_FIX
  })
  created.sandbox.repos.commitFiles(created.sandbox.dir, { 'src/helpers.js': HELPERS }, 'Add helpers')
  git(created.sandbox.dir, 'push', '--quiet', 'origin', 'main')
  return created
}

describe('a lint batch half fixed by a merged pull request', () => {
  it('leaves the batch completed and offers what is left as a new, smaller part, not a regression', async () => {
    world = await helpersWorld()

    const first = await world.runAction(SCHEDULE_EVENT)
    expect(first.stderr).toBe('')
    const firstPull = world.gh.state.pulls()[0]!
    expect(firstPull.title).toContain('Fix 4 eslint `no-unused-vars` findings in src')
    const batch = world.itemOfPull(firstPull.body)
    mergeOnOrigin(world, firstPull.pull.head)
    world.gh.mutate({ action: 'merge_pull', pull: firstPull.number, actor: MAINTAINER })
    world.model.setScript(HALF_FIX.slice(0, 1).concat([{ text: 'Nothing to change.' }]))

    const second = await world.runAction(SCHEDULE_EVENT)

    expect(second.stderr).toBe('')
    expect(second.status).toBe(0)
    const items = world.ledgerItems()
    expect(items.find(item => item.id === batch.id)).toMatchObject({
      status: 'completed',
      regressions: 0,
      generation: 1
    })
    const rest = items.find(item => item.id !== batch.id)
    if (!rest) throw new Error(`no batch for what was left; the run said:\n${second.stdout}`)
    expect(rest.fingerprint).toBe(`${batch.fingerprint.replace(/#1$/, '')}#2`)
    expect(rest.title).toBe('Fix 2 eslint `no-unused-vars` findings in src (part 2)')
    expect(second.summary).not.toMatch(/regression/i)
  }, 240_000)
})

describe('a CI failure that needs a human, retried from a terminal', () => {
  it('`ccal ledger retry ID --reason` sends it back with the reason, and `ccal run --once` delivers it', async () => {
    world = await createWorld({
      scenario: { issues: [] },
      script: [{ text: 'The failing test looks intentional; nothing to change.' }]
    })
    const head = git(world.sandbox.origin, 'rev-parse', 'main')
    world.gh.mutate({ action: 'add_workflow_run', run: failedRun(7101, head, failedJobLog(world)) })
    const first = await world.runCli(['run', '--once'])
    expect(first.status).toBe(0)
    const item = world.ledgerItems().find(entry => entry.type === 'ci_failure')!
    expect(item.status).toBe('needs_human')
    expect(world.gh.state.pulls()).toHaveLength(0)

    const retry = await world.runCli([
      'ledger',
      'retry',
      item.id.slice(0, 8),
      '--reason',
      'The test is right: add() must add. Fix src/math.js.'
    ])
    expect(retry.status).toBe(0)
    expect(retry.stdout).toContain(`${item.id}: pending`)
    world.model.setScript(fixBugScript())
    const before = world.model.mainRequests().length
    const second = await world.runCli(['run', '--once'])

    expect(second.status).toBe(0)
    const pull = world.gh.state.pulls()[0]!
    expect(world.itemOfPull(pull.body)).toMatchObject({ id: item.id, status: 'pr_open', generation: 1 })
    // The same round (no pull request was rejected): the session goes on, told what the person said.
    const prompt = world.model.mainRequests()[before]!.lastUserText
    expect(prompt).toMatch(
      /untrusted-data request to try again by operator[^\n]*\nThe test is right: add\(\) must add\./
    )
  }, 240_000)
})

describe('a lint batch whose findings are fixed on the base while its pull request is open', () => {
  it('retitles the pull request with a note when some are left, and tells it when none are', async () => {
    world = await helpersWorld()
    const dir = world.sandbox.dir
    expect((await world.runAction(SCHEDULE_EVENT)).status).toBe(0)
    const pull = world.gh.state.pulls()[0]!
    const batch = world.itemOfPull(pull.body)

    // A maintainer fixes one of the four on main.
    world.sandbox.repos.commitFiles(
      dir,
      { 'src/helpers.js': HELPERS.replace('  const alpha = 1\n', '') },
      'Fix alpha'
    )
    git(dir, 'push', '--quiet', 'origin', 'main')
    const fewer = await world.runAction(SCHEDULE_EVENT)

    expect(fewer.stderr).toBe('')
    expect(world.gh.state.pull(pull.number).title).toBe('Fix 3 eslint `no-unused-vars` findings in src')
    expect(world.gh.state.pull(pull.number).body).toContain(
      'The base branch now has 3 of the findings this pull request fixes'
    )
    expect(world.gh.state.pull(pull.number).body).toContain(`<!-- ccal:item=${batch.id} -->`)

    // And then the rest.
    const clean = UNUSED.reduce((text, name) => text.replace(`  const ${name} = 1\n`, ''), HELPERS)
    world.sandbox.repos.commitFiles(dir, { 'src/helpers.js': clean }, 'Fix the rest')
    git(dir, 'push', '--quiet', 'origin', 'main')
    const none = await world.runAction(SCHEDULE_EVENT)

    expect(none.stderr).toBe('')
    expect(world.ledgerItems().find(item => item.id === batch.id)?.status).toBe('dismissed')
    const told = world.gh.state.pull(pull.number).comments.map(comment => comment.body)
    expect(told).toEqual([
      expect.stringContaining(
        'CCAL considers the work of this pull request done: no findings of this batch are left on the base branch.'
      )
    ])
  }, 240_000)
})
