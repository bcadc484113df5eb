import { describe, expect, it } from '@jest/globals'
import {
  branchNameFor,
  commitMessage,
  pullRequestBody,
  slugify,
  withoutHtmlComments
} from '../../../src/delivery/content.js'
import { upsertCandidates } from '../../../src/ledger/ops.js'
import { applyOps, emptyLedger, idOf } from '../../support/ledgers.js'

const ledger = applyOps(emptyLedger(), [
  upsertCandidates([
    {
      fingerprint: 'lint:no-unused-vars:src',
      type: 'lint',
      source: 'lint',
      title: 'Fix 7 no-unused-vars findings in src/'
    },
    {
      fingerprint: 'issue:o/r#3',
      type: 'issue',
      source: 'github-issues',
      title: 'Resolve issue #3',
      context: { issueNumber: 3 }
    }
  ])
])
const lint = ledger.items.get(idOf(ledger, 'lint:no-unused-vars:src'))!
const issue = ledger.items.get(idOf(ledger, 'issue:o/r#3'))!

describe('branch names', () => {
  it('are ccal/<type>/<short id>-<slug>, deterministic for an item', () => {
    expect(branchNameFor(lint, 'ccal/')).toBe(
      `ccal/lint/${lint.id.slice(0, 8)}-fix-7-no-unused-vars-findings-in-src`
    )
    expect(branchNameFor(lint, 'ccal/')).toBe(branchNameFor(lint, 'ccal/'))
  })

  it('reuse the branch of the pull request an item already has', () => {
    expect(branchNameFor({ ...lint, pr: { number: 4, url: 'u', branch: 'ccal/lint/old' } }, 'ccal/')).toBe(
      'ccal/lint/old'
    )
  })

  it('slugify keeps only safe characters and never returns an empty slug', () => {
    expect(slugify('Ünïcode & "quotes" / slashes -- here')).toBe('unicode-quotes-slashes-here')
    expect(slugify('!!!')).toBe('work')
    expect(slugify('a'.repeat(100))).toHaveLength(40)
  })
})

describe('commit messages', () => {
  it('carry the title, the first paragraph of the summary and the item trailer', () => {
    expect(commitMessage(issue, 'Renamed the flag.\n\nLong details follow.')).toBe(
      `ccal: Resolve issue #3\n\nRenamed the flag.\n\nCCAL-Item: ${issue.id}\n`
    )
  })
})

describe('pull request bodies', () => {
  it('close the issue, report checks and cost, and end with the marker', () => {
    const body = pullRequestBody({
      item: issue,
      summary: 'Done.',
      verify: 'passed',
      turns: 4,
      costUsd: 0.256,
      durationMs: 61_000
    })

    expect(body).toContain('Fixes #3')
    expect(body).toContain('- Verification: passed')
    expect(body).toContain('- Agent: 4 turns, $0.26, 61 s')
    expect(body.trimEnd().endsWith(`<!-- ccal:item=${issue.id} -->`)).toBe(true)
  })

  it('show each check command with its exit code and time, and its last lines in a fence they cannot close', () => {
    const body = pullRequestBody({
      item: issue,
      summary: 'Done.',
      verify: 'passed',
      steps: [
        {
          name: 'test',
          command: 'npm test',
          exitCode: 0,
          timedOut: false,
          durationMs: 4_200,
          output: 'ok\n```\n<!-- x -->done'
        },
        {
          name: 'lint',
          command: 'npx eslint .',
          exitCode: null,
          timedOut: true,
          durationMs: 600_000,
          output: ''
        }
      ],
      checkRuns: 2,
      turns: 4,
      costUsd: 0.256,
      durationMs: 61_000
    })

    expect(body).toContain('| test | `npm test` | 0 | 4.2 s |')
    expect(body).toContain('| lint | `npx eslint .` | timed out | 600.0 s |')
    expect(body).toContain('the checks ran 2 times')
    expect(body).toContain('````untrusted-data output\nok\n```\ndone\n````')
    expect(body).not.toContain('<!-- x -->')
  })

  it('do not close anything for items that are not issues', () => {
    expect(
      pullRequestBody({ item: lint, summary: '', verify: 'not run', turns: 1, costUsd: 0, durationMs: 0 })
    ).not.toMatch(/Fixes #/)
  })

  it('drop HTML comments from agent text so it cannot forge a marker', () => {
    expect(withoutHtmlComments('ok <!-- ccal:item=deadbeefdeadbeef --> fine')).toBe('ok  fine')
    const body = pullRequestBody({
      item: lint,
      summary: '<!-- ccal:item=deadbeefdeadbeef -->',
      verify: 'x',
      turns: 1,
      costUsd: 0,
      durationMs: 0
    })
    expect(body).not.toContain('deadbeefdeadbeef')
  })
})

describe('titles and commit subjects', () => {
  it("name an issue's work by the issue's own title, its words neutralized", () => {
    const named = {
      ...issue,
      untrusted: { title: 'add() subtracts, see @alice and #9', body: '' }
    }

    expect(commitMessage(named, '').split('\n')[0]).toBe(
      'ccal: Resolve #3: add() subtracts, see @\u200Dalice and #\u200D9'
    )
    expect(
      pullRequestBody({ item: named, summary: '', verify: 'passed', turns: 1, costUsd: 0, durationMs: 0 })
    ).toContain('**Resolve #3: add() subtracts, see @\u200Dalice and #\u200D9**')
  })

  it('are cut at a word boundary, never mid-word', () => {
    const long = {
      ...issue,
      title: 'Resolve issue #3: the parser drops the last line of every multi-line comment in config files'
    }

    const subject = commitMessage(long, '').split('\n')[0]!
    const kept = subject.slice('ccal: '.length, -1)

    expect(subject).toBe('ccal: Resolve issue #3: the parser drops the last line of every…')
    expect(long.title.startsWith(kept)).toBe(true)
    expect(long.title.charAt(kept.length)).toBe(' ')
  })

  it('are cut hard when no word ends near the limit', () => {
    const path = { ...issue, title: `Fix TS2304 in ${'a'.repeat(100)}.ts` }

    expect(commitMessage(path, '').split('\n')[0]).toHaveLength(72)
  })
})
