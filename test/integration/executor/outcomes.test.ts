/**
 * The executor with the real Claude Code CLI against the scripted model server: how each way a run
 * can end becomes an outcome, and what is left in the working tree.
 */
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it } from '@jest/globals'
import { git } from '../../support/repos.js'
import { SANDBOX_BUG } from '../../support/sandbox-project.js'
import {
  execute,
  sandboxItem,
  fixBugTurns,
  prepareRuntime,
  setUp,
  testSettings,
  treeStatus,
  type ExecutorFixture
} from './harness.js'

let fixture: ExecutorFixture | undefined

afterEach(async () => {
  await fixture?.cleanup()
  fixture = undefined
})

describe('executeItem with the real CLI', () => {
  it('succeeds with an edit, stores the session id at once and reports the metrics', async () => {
    fixture = await setUp([
      ...fixBugTurns(),
      { text: 'Fixed the sign in add().', usage: { input_tokens: 1000 } }
    ])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)
    const stored: string[] = []

    const outcome = await execute(fixture, { settings, runtime, onSessionId: id => void stored.push(id) })

    expect(outcome).toMatchObject({
      status: 'success',
      code: 'success',
      turns: 3,
      filesChanged: ['src/math.js']
    })
    expect(outcome.summary).toBe('Fixed the sign in add().')
    expect(outcome.verifyOutcome).toBe('skipped')
    expect(outcome.costUsd).toBeGreaterThan(0)
    expect(outcome.tokens.input).toBe(1200)
    expect(stored).toEqual([outcome.sessionId])
    expect(fixture.project.read('src/math.js')).toContain(SANDBOX_BUG.fixed)
    expect(fixture.logs.some(line => line.startsWith('claude: Edit: '))).toBe(true)
    const request = fixture.model.mainRequests()[0]
    expect(request?.lastUserText).toContain('```untrusted-data evidence')
    expect(request?.system).toContain('You are running unattended as CCAL')
  })

  it('fails with max_turns when the turns run out, and leaves the tree clean', async () => {
    fixture = await setUp([
      ...fixBugTurns(),
      { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/strings.js' } }] },
      { text: 'never reached' }
    ])
    const settings = testSettings({ claude: { max_turns: 2 } })
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({ status: 'failed', code: 'max_turns', requeue: false })
    expect(outcome.runs[0]?.subtype).toBe('error_max_turns')
    expect(outcome.sessionId).not.toBeNull()
    expect(treeStatus(fixture)).toBe('')
  })

  it('fails with api_error when the API answers 500 (a success subtype with is_error)', async () => {
    fixture = await setUp([{ error: { status: 500, message: 'boom' } }])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({ status: 'failed', code: 'api_error', requeue: true })
    expect(outcome.runs[0]).toMatchObject({ subtype: 'success', isError: true })
    expect(outcome.reason).toContain('500')
  })

  it('fails with budget_exceeded when the run reaches --max-budget-usd', async () => {
    fixture = await setUp([
      {
        tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }],
        usage: { input_tokens: 1_000_000 }
      },
      { text: 'never reached' }
    ])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime, budgetUsd: 1 })

    expect(outcome).toMatchObject({ status: 'failed', code: 'budget_exceeded', requeue: true })
    expect(outcome.costUsd).toBeGreaterThan(1)
    expect(fixture.model.mainRequests()).toHaveLength(1)
  })

  it('does not start a run when no budget is left', async () => {
    fixture = await setUp([{ text: 'never asked' }])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime, budgetUsd: 0 })

    expect(outcome).toMatchObject({ status: 'failed', code: 'budget_exceeded', runs: [] })
    expect(fixture.model.requests()).toHaveLength(0)
  })

  it('records denied tool calls (network and push) while the run still succeeds', async () => {
    fixture = await setUp([
      { tool_use: [{ name: 'Bash', input: { command: 'curl https://example.com/install.sh' } }] },
      { tool_use: [{ name: 'Bash', input: { command: 'git push origin main' } }] },
      ...fixBugTurns(),
      { text: 'Fixed without the network.' }
    ])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome.status).toBe('success')
    expect(outcome.permissionDenials).toEqual([
      { toolName: 'Bash', detail: 'curl https://example.com/install.sh' },
      { toolName: 'Bash', detail: 'git push origin main' }
    ])
    const results = fixture.model.mainRequests().flatMap(request => request.toolResults)
    expect(results.slice(0, 2).every(result => result.is_error)).toBe(true)
  })

  it('resumes an earlier session for a follow-up on the same item', async () => {
    fixture = await setUp([...fixBugTurns(), { text: 'Fixed.' }])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)
    const first = await execute(fixture, { settings, runtime })
    git(fixture.project.dir, 'commit', '--quiet', '-am', 'fix add')
    fixture.model.setScript([
      { tool_use: [{ name: 'Write', input: { file_path: '$CWD/CHANGELOG.md', content: '- add() adds\n' } }] },
      { text: 'Added a changelog entry as the review asked.' }
    ])

    const followUp = await execute(fixture, {
      settings,
      runtime,
      resumeSessionId: first.sessionId ?? undefined,
      item: sandboxItem({
        type: 'review_feedback',
        title: 'Address the review',
        description: 'Add a changelog entry.'
      })
    })

    expect(followUp).toMatchObject({
      status: 'success',
      sessionId: first.sessionId,
      filesChanged: ['CHANGELOG.md']
    })
    const resumed = fixture.model.mainRequests().at(-2)
    expect(JSON.stringify(resumed?.messages)).toContain(SANDBOX_BUG.fixed)
  })

  it('starts a new session when the one to resume left no transcript (its run was killed early)', async () => {
    fixture = await setUp([...fixBugTurns(), { text: 'Fixed.' }])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)
    const lost = '3f0b8c2e-1111-4222-8333-444455556666'

    const outcome = await execute(fixture, { settings, runtime, resumeSessionId: lost })

    expect(outcome).toMatchObject({ status: 'success', filesChanged: ['src/math.js'] })
    expect(outcome.sessionId).not.toBe(lost)
    expect(outcome.runs.map(run => run.purpose)).toEqual(['initial'])
  })

  it('ends with no_op when the agent changes nothing', async () => {
    fixture = await setUp([{ text: 'Nothing to do: the test is correct as it is.' }])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({ status: 'no_op', code: 'no_change', filesChanged: [] })
  })

  it('passes a 200 KB append_system_prompt by file, whole, and leaves no file behind', async () => {
    // One argument over 128 KiB makes Linux refuse to start the CLI (spawn E2BIG).
    fixture = await setUp(fixBugTurns())
    const rules = `Project rule: keep functions pure.\n${'Prefer small modules. '.repeat(9_500)}END-OF-RULES`
    const settings = testSettings({ claude: { append_system_prompt: rules } })
    const runtime = await prepareRuntime(fixture, settings)
    const before = readdirSync(tmpdir()).filter(name => name.startsWith('ccal-system-prompt-'))

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({ status: 'success', filesChanged: ['src/math.js'] })
    const system = fixture.model.mainRequests()[0]?.system ?? ''
    expect(system).toContain('You are running unattended as CCAL')
    expect(system).toContain('Project rule: keep functions pure.')
    expect(system).toContain('END-OF-RULES')
    expect(readdirSync(tmpdir()).filter(name => name.startsWith('ccal-system-prompt-'))).toEqual(before)
  })
})
