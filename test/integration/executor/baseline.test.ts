import { afterEach, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hasOnlyPreexistingFailures, runOnBase } from '../../../src/executor/baseline.js'
import { runVerify } from '../../../src/executor/verify.js'
import { createGit } from '../../../src/git/git.js'
import { git } from '../../support/repos.js'
import { createSandboxProject, type SandboxProject } from '../../support/sandbox-project.js'

// The sandbox's `node --test` already fails on main (add() subtracts).
const commands = [{ name: 'test' as const, command: 'node --test' }]
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }

let sandbox: SandboxProject
afterEach(() => sandbox.cleanup())

async function verifyAgainstBase() {
  const options = { cwd: sandbox.dir, env, timeoutMs: 60_000 }
  const after = (await runVerify({ ...options, commands })).steps[0]!
  const base = (await runOnBase(createGit({ cwd: sandbox.dir }), commands, options))[0]!
  return { after, base }
}

describe('verification against the base', () => {
  it('accepts a change whose only failures were already on the base, and keeps the change in place', async () => {
    sandbox = createSandboxProject()
    writeFileSync(
      join(sandbox.dir, 'src/strings.js'),
      '/** Upper-cases a text. */\nexport function shout(text) {\n  return text.toUpperCase()\n}\n'
    )
    writeFileSync(join(sandbox.dir, 'NOTES.md'), 'an untracked file the change adds\n')

    const { after, base } = await verifyAgainstBase()

    expect(after.exitCode).not.toBe(0)
    expect(base.exitCode).not.toBe(0)
    expect(hasOnlyPreexistingFailures(after, base, sandbox.dir)).toBe(true)
    expect(git(sandbox.dir, 'status', '--porcelain')).toBe('M src/strings.js\n?? NOTES.md')
    expect(git(sandbox.dir, 'stash', 'list')).toBe('')
  })

  it('rejects a change that adds a failure of its own', async () => {
    sandbox = createSandboxProject()
    writeFileSync(
      join(sandbox.dir, 'src/strings.js'),
      '/** Upper-cases a text. */\nexport function shout(text) {\n  return text.toLowerCase()\n}\n'
    )

    const { after, base } = await verifyAgainstBase()

    expect(hasOnlyPreexistingFailures(after, base, sandbox.dir)).toBe(false)
  })

  it('rejects a change that breaks a check the base passes', async () => {
    sandbox = createSandboxProject()
    const fixed = sandbox.read('src/math.js').replace('return a - b', 'return a + b')
    writeFileSync(join(sandbox.dir, 'src/math.js'), fixed)
    git(sandbox.dir, 'commit', '--quiet', '-am', 'fix add on main')
    writeFileSync(join(sandbox.dir, 'src/math.js'), fixed.replace('return a + b', 'return a * b'))

    const { after, base } = await verifyAgainstBase()

    expect(base.exitCode).toBe(0)
    expect(hasOnlyPreexistingFailures(after, base, sandbox.dir)).toBe(false)
  })
})
