/**
 * The maintainer's checkout is never touched (dist/index.js, the real Claude Code CLI against the
 * scripted model server, the GitHub emulator, real git): CCAL runs in a developer's clone that is
 * on a feature branch with a commit of its own, a stash, staged, unstaged, untracked and ignored
 * files. After a cycle that opens a pull request, after a failed item, and after `kill -9` in the
 * middle of an item followed by the next cycle, every byte of the working tree and of `.git` is as
 * it was, and no worktree is left in the work directory.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MESSY, makeMessy, snapshotTree } from '../support/checkout.js'
import { killTree, waitFor } from '../support/processes.js'
import { git } from '../support/repos.js'
import { ESLINT_BIN, SANDBOX_LINT } from '../support/sandbox-project.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  createWorld,
  fixBugScript,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

function labeledEvent() {
  return { name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) }
}

describe("a cycle in a maintainer's clone with work in progress", () => {
  it('opens a pull request made from the remote base and leaves every byte of the checkout as it was', async () => {
    world = await createWorld()
    makeMessy(world.sandbox.dir)
    const before = snapshotTree(world.sandbox.dir)

    const run = await world.runAction(labeledEvent())

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(1)
    const head = pulls[0]!.pull.head
    expect(git(world.sandbox.origin, 'show', `${head}:src/math.js`)).toContain('return a + b')
    // The change is the agent's alone: nothing of the feature branch, the index or the stash.
    expect(git(world.sandbox.origin, 'diff', '--name-only', `main...${head}`)).toBe('src/math.js')
    expect(snapshotTree(world.sandbox.dir)).toEqual(before)
    expect(git(world.sandbox.dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(MESSY.branch)
    expect(world.worktrees()).toEqual([])
  })

  it('leaves the checkout as it was after an item that fails', async () => {
    world = await createWorld({ script: [{ error: { status: 500, message: 'the model broke' } }] })
    makeMessy(world.sandbox.dir)
    const before = snapshotTree(world.sandbox.dir)

    const run = await world.runAction(labeledEvent())

    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(0)
    const item = world.ledgerItems().find(entry => entry.type === 'issue')!
    expect(item.lastError).toBeTruthy()
    expect(snapshotTree(world.sandbox.dir)).toEqual(before)
    expect(world.worktrees()).toEqual([])
  })

  it('after kill -9 in the middle of an item, the next cycle removes the dead run’s worktree and the checkout is unchanged', async () => {
    world = await createWorld({ script: [{ text: 'Looking into it.', delay_ms: 60_000 }] })
    const w = world
    makeMessy(w.sandbox.dir)
    const before = snapshotTree(w.sandbox.dir)

    const killed = w.startAction(labeledEvent())
    await waitFor('the agent mid-run', () => (w.model.requests().length > 0 ? true : undefined))
    expect(w.worktrees()).toHaveLength(2) // the worktree and its marker
    killTree(killed.child.pid!)
    expect((await killed.done).status).toBeNull()

    w.model.setScript(fixBugScript())
    const next = await w.runAction(SCHEDULE_EVENT)

    expect(next.status).toBe(0)
    expect(next.stdout).toMatch(/workspace: removed 1 worktree\(s\) left by runs that ended: /)
    expect(w.worktrees()).toEqual([])
    expect(snapshotTree(w.sandbox.dir)).toEqual(before)
  })
})

describe('discovery in a checkout that is not at the base', () => {
  it("lints the base branch's tree in a worktree of its own, not the feature branch or the edits", async () => {
    const config = {
      ccal: {
        ...SANDBOX_CONFIG.ccal,
        discovery: { lint: { enabled: true, commands: [`node ${ESLINT_BIN} --format json .`] } }
      }
    }
    world = await createWorld({ config, scenario: { issues: [] } })
    makeMessy(world.sandbox.dir)
    // The feature branch has a lint finding of its own, committed and in the working tree.
    writeFileSync(
      join(world.sandbox.dir, 'src/feature.js'),
      'const unusedOnTheBranch = 1\nexport const feature = 2\n'
    )
    const before = snapshotTree(world.sandbox.dir)

    const run = await world.runAction(SCHEDULE_EVENT, { 'dry-run': 'true' })

    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(
      /discovery: the checkout has \d+ changed file\(s\); evidence is read in a worktree of main/
    )
    // The base's one finding (src/strings.js); the branch's would have made it two.
    expect(run.summary).toContain(`Fix 1 eslint \`${SANDBOX_LINT.rule}\` finding in src`)
    expect(snapshotTree(world.sandbox.dir)).toEqual(before)
    expect(world.worktrees()).toEqual([])
  })
})
