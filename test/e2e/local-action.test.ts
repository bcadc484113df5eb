/**
 * The action run once through GitHub's own local runner stand-in, @github/local-action, which loads
 * src/main.ts, stubs the toolkit (@actions/core, @actions/github) and calls `run()`, against the
 * GitHub emulator, the model server and a sandbox repository.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClaudeHome } from '../support/claude.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  REPO_ROOT,
  createWorld,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

let world: World | undefined
const cleanups: Array<() => void> = []
afterEach(async () => {
  await world?.cleanup()
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('@github/local-action', () => {
  it('runs the action: a labelled issue becomes a pull request and the outputs are set', async () => {
    world = await createWorld()
    const home = createClaudeHome()
    const runner = mkdtempSync(join(tmpdir(), 'ccal-local-action-'))
    cleanups.push(home.cleanup, () => rmSync(runner, { recursive: true, force: true }))
    const { env: variables } = world.actionEnvironment(
      { name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) },
      { config: '.github/ccal.yml', mode: 'cycle' }
    )
    const dotenv = join(runner, '.env')
    writeFileSync(
      dotenv,
      Object.entries(variables)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join('\n')
    )

    const child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/local-action'),
      ['run', '.', 'src/main.ts', dotenv],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: home.path, NODE_PACKAGE_MANAGER: 'npm' }
      }
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>(done => child.on('close', done))

    expect(code).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(output).toMatch(/'prs'\s*│\s*'\[\{"item":"[0-9a-f]{12}","number":\d+/)
    expect(output).not.toMatch(/::error::|Action failed/i)
  })
})
