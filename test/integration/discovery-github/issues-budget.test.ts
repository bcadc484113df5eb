import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createIssuesSource } from '../../../src/discovery/issues.js'
import type { DiscoveryResult } from '../../../src/discovery/source.js'
import {
  startGitHubEmulator,
  type GitHubEmulator,
  type ScenarioInput
} from '../../support/github-emulator/index.js'
import { applyOps, contextFor, requestLines } from './fixtures.js'
import { setCursor, upsertCandidates } from '../../../src/ledger/ops.js'
import { emptyLedger, type Ledger } from '../../../src/ledger/schema.js'

const MAINTAINERS = ['maya', 'noor', 'omar', 'pia', 'quinn']

/** 1,000 open issues; every fifth one (200) labelled `ccal-task` by one of 5 maintainers. */
function thousandIssues(): ScenarioInput {
  const permissions = ['write', 'maintain', 'admin', 'write', 'maintain'] as const
  return {
    now: '2026-11-24T11:00:00Z',
    users: MAINTAINERS.map((login, index) => ({ login, permission: permissions[index]! })),
    issues: Array.from({ length: 1000 }, (_, index) => {
      const number = index + 1
      const labelled = number % 5 === 0
      return {
        number,
        title: `Issue ${number}`,
        body: `Body of issue ${number}`,
        author: 'someone',
        labels: labelled ? ['ccal-task', ...(number % 10 === 0 ? ['bug'] : [])] : ['question'],
        labeled_by: (labelled
          ? { 'ccal-task': MAINTAINERS[(number / 5) % MAINTAINERS.length]! }
          : {}) as Record<string, string>
      }
    })
  }
}

describe('issue discovery: API budget of a scheduled cycle', () => {
  let gh: GitHubEmulator
  let result: DiscoveryResult

  beforeAll(async () => {
    gh = await startGitHubEmulator(thousandIssues())
    result = await createIssuesSource().discover(contextFor(gh))
  })
  afterAll(async () => {
    await gh.stop()
  })

  it('finds the 200 labelled issues and nothing else', () => {
    expect(result.candidates).toHaveLength(200)
    expect(result.skipped).toEqual([])
    expect(new Set(result.candidates.map(candidate => candidate.context?.issueNumber))).toEqual(
      new Set(Array.from({ length: 200 }, (_, index) => (index + 1) * 5))
    )
  })

  it('uses 3 requests: 2 pages of issues and one query for the permissions of all 5 maintainers', () => {
    const lines = requestLines(gh)
    expect(lines.filter(line => line === 'graphql CcalIssues')).toHaveLength(2)
    expect(lines.filter(line => line === 'graphql CcalPermissions')).toHaveLength(1)
    expect(lines.filter(line => line.includes('/collaborators/'))).toEqual([])
    expect(lines).toHaveLength(3)
    expect(result.requests).toBe(lines.length)
  })

  it('breaks no GitHub contract', () => {
    expect(gh.violations()).toEqual([])
  })
})

/** A source's findings as the cycle merges them. */
function merged(result: DiscoveryResult) {
  return [
    upsertCandidates(result.candidates),
    ...(result.ops ?? []),
    ...(result.cursor === undefined ? [] : [setCursor(result.source, result.cursor)])
  ]
}

describe('issue discovery between full scans', () => {
  let gh: GitHubEmulator
  afterAll(async () => {
    await gh.stop()
  })

  it('reads only the issues updated since the last scan, and a full scan again once the interval has passed', async () => {
    const scenario = thousandIssues()
    // A real clock (labels added later get a later time) and issues last updated weeks ago.
    delete scenario.now
    scenario.issues = scenario.issues!.map(issue => ({ ...issue, updated_at: '2026-11-01T00:00:00Z' }))
    gh = await startGitHubEmulator(scenario)
    const source = createIssuesSource()
    const start = Date.now()
    const at = (minutes: number) => new Date(start + minutes * 60_000)
    const scan = async (ledger: Ledger, minutes: number) => {
      gh.clearRequests()
      const context = contextFor(gh, { ledger, now: at(minutes) })
      const found = await source.discover(context)
      return { found, lines: requestLines(gh), ledger: applyOps(ledger, merged(found), at(minutes)) }
    }

    // Minutes from now: the label is added now, by the emulator's real clock.
    const full = await scan(emptyLedger(), -30)
    const quiet = await scan(full.ledger, -20)
    gh.mutate({ action: 'label_issue', issue: 1, label: 'ccal-task', actor: 'maya' })
    const labelled = await scan(quiet.ledger, 1)
    const hourLater = await scan(labelled.ledger, 31)

    expect(full.found.candidates).toHaveLength(200)
    expect(full.lines.filter(line => line === 'graphql CcalIssues')).toHaveLength(2)
    expect(quiet.found.candidates).toEqual([])
    expect(quiet.lines).toEqual(['graphql CcalIssues'])
    expect(labelled.found.candidates.map(candidate => candidate.context?.issueNumber)).toEqual([1])
    expect(labelled.lines.filter(line => line === 'graphql CcalIssues')).toHaveLength(1)
    expect(hourLater.found.candidates).toHaveLength(201)
    expect(gh.violations()).toEqual([])
  })
})
