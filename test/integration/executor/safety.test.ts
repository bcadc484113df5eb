/**
 * The executor's safety with the real CLI: the diff gate catches a workflow change made through a
 * route the tool deny-list cannot see; verification feeds a failure back to the same session; and
 * no GitHub or runner token reaches the model, neither through the environment nor .git/config.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { withoutPersistedCredentials } from '../../../src/executor/credentials.js'
import { createGit } from '../../../src/git/git.js'
import { git } from '../../support/repos.js'
import { SANDBOX_BUG } from '../../support/sandbox-project.js'
import {
  execute,
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

describe('safety', () => {
  it('rejects and reverts a change under .github/workflows made past the deny-list', async () => {
    const write =
      "node -e \"const fs=require('fs');fs.mkdirSync('.github/workflows',{recursive:true});fs.writeFileSync('.github/workflows/ci.yml','on: push\\n')\""
    fixture = await setUp([
      ...fixBugTurns(),
      { tool_use: [{ name: 'Bash', input: { command: write } }] },
      { text: 'Fixed, and added a workflow.' }
    ])
    const settings = testSettings({ claude: { allowed_tools: ['Read', 'Edit', 'Bash(node:*)'] } })
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({ status: 'blocked', code: 'gate_blocked', requeue: false })
    expect(outcome.gate?.violations).toEqual([
      {
        rule: 'excluded_path',
        path: '.github/workflows/ci.yml',
        detail: '.github/workflows/ci.yml is under an excluded path'
      }
    ])
    expect(outcome.gate?.reverted).toEqual(['.github/workflows/ci.yml'])
    expect(outcome.reason).toContain('.github/workflows/ci.yml')
    expect(existsSync(join(fixture.project.dir, '.github/workflows/ci.yml'))).toBe(false)
    expect(treeStatus(fixture)).toBe('')
  })

  it('denies a direct Write under an excluded path through the tool rules', async () => {
    fixture = await setUp([
      {
        tool_use: [
          { name: 'Write', input: { file_path: '$CWD/.github/workflows/ci.yml', content: 'on: push\n' } }
        ]
      },
      { text: 'Could not write it.' }
    ])
    const settings = testSettings()
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome.status).toBe('no_op')
    expect(outcome.permissionDenials.map(denial => denial.toolName)).toEqual(['Write'])
  })

  it('resumes the same session once when verification fails, and succeeds when it then passes', async () => {
    fixture = await setUp([
      ...fixBugTurns('return a * b'),
      { text: 'Changed the operator.' },
      // The retry, in the resumed session: the failure output must be in its prompt.
      {
        tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/math.js' } }],
        expect: 'add sums two numbers'
      },
      {
        tool_use: [
          {
            name: 'Edit',
            input: {
              file_path: '$CWD/src/math.js',
              old_string: 'return a * b',
              new_string: SANDBOX_BUG.fixed
            }
          }
        ]
      },
      { text: 'Now it adds.' }
    ])
    const settings = testSettings({ verify: { test_command: 'node --test' } })
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({
      status: 'success',
      verifyOutcome: 'passed',
      filesChanged: ['src/math.js']
    })
    expect(outcome.verify.map(report => report.outcome)).toEqual(['failed', 'passed'])
    expect(outcome.runs.map(run => run.purpose)).toEqual(['initial', 'verify_retry'])
    expect(outcome.runs[1]?.sessionId).toBe(outcome.runs[0]?.sessionId)
    expect(fixture.model.requests().some(request => request.mismatch)).toBe(false)
    expect(fixture.project.read('src/math.js')).toContain(SANDBOX_BUG.fixed)
  })

  it('fails with verify_failed when the retry does not fix it, and restores the tree', async () => {
    fixture = await setUp([
      ...fixBugTurns('return a * b'),
      { text: 'Changed the operator.' },
      { text: 'I believe it is right.' }
    ])
    const settings = testSettings({ verify: { test_command: 'node --test' } })
    const runtime = await prepareRuntime(fixture, settings)

    const outcome = await execute(fixture, { settings, runtime })

    expect(outcome).toMatchObject({ status: 'failed', code: 'verify_failed', verifyOutcome: 'failed' })
    expect(outcome.verify).toHaveLength(2)
    expect(treeStatus(fixture)).toBe('')
  })

  it('lets no token reach the model: scrubbed environment, API key behind the proxy, .git/config header removed for the run', async () => {
    // The model's own key: Claude Code gets a stand-in and the proxy's address instead.
    const modelKey = 'sk-ant-api03-modelKeyThatMustStayOutside0123456789'
    const secrets = {
      GITHUB_TOKEN: 'ghs_parentGithubToken0123456789abcdef',
      GH_TOKEN: 'gho_parentGhToken0123456789abcdef',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token-0123456789abcdef',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-0123456789abcdef',
      'INPUT_GITHUB-TOKEN': 'ghs_inputGithubToken0123456789abcdef'
    }
    const checkoutToken = 'ghs_checkoutPersistedToken0123456789'
    const basic = Buffer.from(`x-access-token:${checkoutToken}`).toString('base64')
    // checkout v6 keeps its token in a file under RUNNER_TEMP that .git/config includes.
    const v6Token = 'ghs_checkoutV6FileToken0123456789'
    const v6Basic = Buffer.from(`x-access-token:${v6Token}`).toString('base64')
    fixture = await setUp([])
    const credentialsFile = join(fixture.project.repos.root, 'runner_temp', 'git-credentials-0f1e.config')
    mkdirSync(dirname(credentialsFile), { recursive: true })
    writeFileSync(
      credentialsFile,
      `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${v6Basic}\n`
    )
    const includeKey = `includeIf.gitdir:${fixture.project.dir}/.git.path`
    fixture.model.setScript([
      { tool_use: [{ name: 'Bash', input: { command: 'env' } }] },
      { tool_use: [{ name: 'Bash', input: { command: 'cat .git/config' } }] },
      { tool_use: [{ name: 'Bash', input: { command: 'git config --list --show-origin' } }] },
      { tool_use: [{ name: 'Read', input: { file_path: credentialsFile } }] },
      ...fixBugTurns(),
      { text: 'Done.' }
    ])
    git(
      fixture.project.dir,
      'config',
      '--local',
      'http.https://github.com/.extraheader',
      `AUTHORIZATION: basic ${basic}`
    )
    git(fixture.project.dir, 'config', '--local', includeKey, credentialsFile)
    const settings = testSettings({
      claude: { allowed_tools: ['Read', 'Edit', 'Bash(env:*)', 'Bash(cat:*)'], disallowed_tools: [] }
    })
    const saved = { ...process.env }
    Object.assign(process.env, secrets)
    let outcome
    try {
      const runtime = await prepareRuntime(fixture, settings, process.env, { ANTHROPIC_API_KEY: modelKey })
      expect(runtime.keyProxied).toBe(true)
      // As the engine does for a whole cycle: the checkout's persisted credentials are taken out.
      const checkout = createGit({ cwd: fixture.project.dir })
      outcome = await withoutPersistedCredentials(checkout, () => execute(fixture!, { settings, runtime }))
      await runtime.close()
    } finally {
      for (const name of Object.keys(secrets)) delete process.env[name]
      Object.assign(process.env, saved)
    }

    expect(outcome.status).toBe('success')
    const results = fixture.model.mainRequests().flatMap(request => request.toolResults)
    expect(results[0]?.content).toContain('PATH=')
    expect(results[0]?.content).toMatch(/ANTHROPIC_API_KEY=ccal-proxy-[0-9a-f]{48}/)
    expect(results[1]?.content).toContain('[remote "origin"]')
    const everything = JSON.stringify(fixture.model.requests())
    expect(results[3]?.is_error).toBe(true)
    // Listed rather than asserted one by one, so that a failure names the leak, not 500 kB of requests.
    const candidates = [
      ...Object.values(secrets),
      modelKey,
      checkoutToken,
      basic,
      v6Token,
      v6Basic,
      'extraheader'
    ]
    expect(candidates.filter(value => everything.includes(value))).toEqual([])
    expect(
      git(fixture.project.dir, 'config', '--local', '--get', 'http.https://github.com/.extraheader')
    ).toBe(`AUTHORIZATION: basic ${basic}`)
    expect(git(fixture.project.dir, 'config', '--local', '--get', includeKey)).toBe(credentialsFile)
  })
})
