import { afterEach, describe, expect, it } from '@jest/globals'
import { runCli } from '../../../src/cli/program.js'
import type { CliIo } from '../../../src/cli/io.js'
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator/index.js'
import { createTestRepos, git, type TestRepos } from '../../support/repos.js'

function captureIo(cwd: string, env: NodeJS.ProcessEnv): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, cwd, env, stdout: text => out.push(text), stderr: text => err.push(text) }
}

describe('ccal run --dry-run --json', () => {
  let gh: GitHubEmulator
  let repos: TestRepos
  afterEach(async () => {
    expect(gh.violations()).toEqual([])
    await gh.stop()
    repos.cleanup()
  })

  it('lists candidates and skipped issues with trust and priority, and writes nothing', async () => {
    gh = await startGitHubEmulator({
      users: [
        { login: 'alice', permission: 'maintain' },
        { login: 'mallory', permission: 'none' }
      ],
      issues: [
        {
          number: 1,
          title: 'Add --verbose',
          author: 'alice',
          labels: ['ccal-task', 'bug'],
          labeled_by: { 'ccal-task': 'alice' }
        },
        {
          number: 2,
          title: 'Do my homework',
          author: 'mallory',
          labels: ['ccal-task'],
          labeled_by: { 'ccal-task': 'mallory' }
        }
      ]
    })
    repos = createTestRepos()
    const io = captureIo(repos.work, {
      GITHUB_TOKEN: 'tok-ccal',
      GITHUB_REPOSITORY: 'octo-org/demo',
      GITHUB_API_URL: gh.url
    })

    expect(await runCli(['run', '--dry-run', '--json'], io)).toBe(0)

    const plan = JSON.parse(io.out.join('\n'))
    expect(plan).toMatchObject({
      dryRun: true,
      trigger: 'schedule',
      repository: 'octo-org/demo',
      ledger: { commit: null },
      counts: { candidates: 1, skipped: 1 },
      requests: { 'github-issues': 3, 'pr-feedback': 1, 'pr-reconcile': 0 }
    })
    expect(plan.rows).toEqual(
      expect.arrayContaining([
        {
          source: 'github-issues',
          decision: 'candidate',
          fingerprint: 'issue:octo-org/demo#1',
          type: 'issue',
          title: 'Resolve issue #1',
          trust: "trusted: label 'ccal-task' applied by alice (maintain)",
          priority: 2,
          reason: "label 'bug' → 2"
        },
        expect.objectContaining({
          decision: 'skipped',
          title: 'issue #2',
          trust:
            "untrusted: label 'ccal-task' applied by mallory, whose permission 'none' is below trust.min_permission 'write'"
        })
      ])
    )
    expect(gh.requests().every(entry => entry.method === 'GET' || entry.kind === 'graphql')).toBe(true)

    const text = captureIo(repos.work, io.env)
    expect(await runCli(['run', '--dry-run'], text)).toBe(0)
    expect(text.out[0]!.split('\n').slice(0, 2)).toEqual([
      'Dry run (schedule) on octo-org/demo: 1 candidates, 1 skipped, 1 ledger operations',
      "  candidate  P2  github-issues   issue:octo-org/demo#1  — trusted: label 'ccal-task' applied by alice (maintain); label 'bug' → 2"
    ])
    expect(git(repos.origin, 'branch', '--list', 'ccal-ledger')).toBe('')
  })

  it('says how to name the repository when neither GITHUB_REPOSITORY nor the origin remote names one', async () => {
    gh = await startGitHubEmulator({})
    repos = createTestRepos()
    const io = captureIo(repos.work, {})
    expect(await runCli(['run', '--once'], io)).toBe(1)
    expect(io.err.at(-1)).toMatch(
      /^ccal run: cannot tell which GitHub repository this is: set GITHUB_REPOSITORY=owner\/name/
    )
  })
})
