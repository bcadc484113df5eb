/** The sandbox project really carries the failing test and the lint error agent tests rely on. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { git } from '../../support/repos.js'
import { createSandboxProject, SANDBOX_LINT, type SandboxProject } from '../../support/sandbox-project.js'

let project: SandboxProject

beforeEach(() => {
  project = createSandboxProject()
})

afterEach(() => {
  project.cleanup()
})

describe('sandbox project', () => {
  it('is a clean clone of its bare origin on main', () => {
    expect(git(project.dir, 'status', '--porcelain')).toBe('')
    expect(git(project.dir, 'rev-parse', 'HEAD')).toBe(git(project.origin, 'rev-parse', 'main'))
  })

  it('has a test that fails until add() is fixed', () => {
    const result = project.run(project.testCommand)

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('not ok 1 - add sums two numbers')
    expect(result.stdout).toContain('# pass 1')
  })

  it('has a lint error the lint command reports', () => {
    const result = project.run([...project.lintCommand, '--format', 'json'])
    const findings = (
      JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>> }>
    ).flatMap(file => file.messages.map(message => ({ file: file.filePath, ...message })))

    expect(result.exitCode).toBe(1)
    expect(findings).toEqual([
      expect.objectContaining({
        file: `${project.dir}/${SANDBOX_LINT.file}`,
        line: SANDBOX_LINT.line,
        ruleId: SANDBOX_LINT.rule,
        message: expect.stringContaining(SANDBOX_LINT.name)
      })
    ])
  })
})
