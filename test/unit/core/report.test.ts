import { describe, expect, it } from '@jest/globals'
import { defaultSettings } from '../../../src/config/schema.js'
import { renderMetrics, renderSummary, type CycleReport } from '../../../src/core/report.js'
import { schedule } from '../../../src/core/scheduler.js'
import { upsertCandidates } from '../../../src/ledger/ops.js'
import { T0, applyOps, candidate, emptyLedger } from '../../support/ledgers.js'

const ledger = applyOps(emptyLedger(), [upsertCandidates([candidate('a | pipe'), candidate('b')])])
const settings = defaultSettings()
settings.loop.max_items_per_run = 1

function report(fields: Partial<CycleReport> = {}): CycleReport {
  return {
    runId: '42-1',
    mode: 'cycle',
    dryRun: false,
    trigger: 'schedule',
    startedAt: '2026-11-24T12:00:00.000Z',
    finishedAt: '2026-11-24T12:03:00.000Z',
    discovered: {
      'github-issues': {
        candidates: 2,
        requests: 3,
        skipped: [{ what: 'issue #9', reason: 'labelled by eve (read) below write' }]
      }
    },
    plan: schedule({ ledger, settings, now: T0 }),
    executed: [
      {
        itemId: 'abc123abc123',
        title: 'a | pipe',
        type: 'issue',
        status: 'pr_opened',
        reason: '',
        costUsd: 0.42,
        turns: 5,
        durationMs: 95_000,
        verify: 'passed',
        pr: { number: 12, url: 'https://example.test/pull/12' }
      }
    ],
    queue: { pending: 1, pr_open: 1 },
    problems: [],
    ...fields
  }
}

describe('renderSummary', () => {
  it('has tables for discovered, executed, plan, budget, queue and skipped, with cells escaped', () => {
    const summary = renderSummary(report())

    expect(summary).toContain('| github-issues | 2 | 1 | 3 |  |')
    expect(summary).toContain(
      '| a \\| pipe (`abc123abc123`) | issue | ✅ PR opened | passed | 5 | $0.42 | [#12](https://example.test/pull/12) |'
    )
    // The plan row: priority, score, an empty "Learned" cell (nothing learned yet), the decision.
    expect(summary).toMatch(
      /\| a \\\| pipe \(`[0-9a-f]+`\) \| issue \| 3 \| [\d.]+ \| {2}\| deferred: run limit reached: 1 item\(s\) per run \|/
    )
    expect(summary).toContain('| Spend today (UTC) | $0.42 | $20.00 |')
    expect(summary).toContain('| pending | 1 |')
    expect(summary).toContain('| github-issues | issue #9 | labelled by eve (read) below write |')
  })

  it('says what learning knows, and when it was computed', () => {
    const learning = { recomputed: false, patterns: 3, trusted: 1, computedAt: '2026-11-23T08:00:00.000Z' }

    const summary = renderSummary(report({ learning }))

    expect(summary).toContain(
      "### Learning\n\n3 pattern(s) from maintainers' verdicts on CCAL pull requests, 1 with enough verdicts to steer ranking and prompts; computed 2026-11-23T08:00:00.000Z."
    )
    expect(renderSummary(report())).not.toContain('### Learning')
  })

  it('says plainly when nothing was executed in a dry run', () => {
    expect(renderSummary(report({ dryRun: true, executed: [] }))).toContain('Nothing executed: dry run.')
  })
})

describe('the transcripts line of the summary', () => {
  const directory = '/runner/_temp/ccal/repo/transcripts/42-1'

  it('names the artifact and counts the items', () => {
    const summary = renderSummary(
      report({ transcripts: { items: 3, directory, artifact: 'ccal-transcripts-42-1' } })
    )

    expect(summary).toContain('Transcripts: artifact `ccal-transcripts-42-1` (3 items).')
  })

  it('says why they were not uploaded and where they are', () => {
    const summary = renderSummary(
      report({
        transcripts: { items: 1, directory, problem: 'could not upload artifact x: (403) Forbidden' }
      })
    )

    expect(summary).toContain(
      `Transcripts: not uploaded (could not upload artifact x: (403) Forbidden); 1 item in \`${directory}\`.`
    )
  })

  it('says where they are when nothing uploads them (the ccal command)', () => {
    expect(renderSummary(report({ transcripts: { items: 2, directory } }))).toContain(
      `Transcripts: 2 items in \`${directory}\`.`
    )
  })

  it('is absent when no transcript was kept', () => {
    expect(renderSummary(report())).not.toContain('Transcripts')
  })
})

describe('renderMetrics', () => {
  it('writes Prometheus families for discovery, executions, durations, queue and cycles', () => {
    const text = renderMetrics(report(), { cycles: 7, costUsd: 3.5 })

    expect(text).toContain(
      '# TYPE ccal_discovered_items gauge\nccal_discovered_items{source="github-issues"} 2'
    )
    expect(text).toContain('ccal_executed_items{type="issue",status="pr_opened"} 1')
    expect(text).toContain('ccal_item_duration_seconds_bucket{le="60"} 0')
    expect(text).toContain('ccal_item_duration_seconds_bucket{le="120"} 1')
    expect(text).toContain('ccal_item_duration_seconds_count 1')
    expect(text).toContain('ccal_queue_items{status="pending"} 1')
    expect(text).toContain('ccal_cycles_total 7')
    expect(text).not.toContain('ccal_learning_patterns')
    expect(
      renderMetrics(report({ learning: { recomputed: true, patterns: 3, trusted: 1, computedAt: '' } }), {
        cycles: 7,
        costUsd: 3.5
      })
    ).toContain('ccal_learning_patterns{trusted="true"} 1\nccal_learning_patterns{trusted="false"} 2')
    for (const line of text.trim().split('\n'))
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+]+)$/)
  })
})

describe('renderSummary while model work is paused', () => {
  it('says first that model work waits, why and until when, and shows the item waiting for the reset', () => {
    const summary = renderSummary(
      report({
        modelWork: {
          cause: 'usage_limit',
          until: '2026-11-24T17:00:00.000Z',
          reason: 'usage limit: model work waits until 17:00 UTC (resets 6pm, Europe/Paris)'
        },
        executed: [
          {
            itemId: 'abc123abc123',
            title: 'b',
            type: 'issue',
            status: 'usage_limit',
            reason: 'waiting for the usage limit to reset at 17:00 UTC (resets 6pm, Europe/Paris)',
            costUsd: 0,
            turns: 1,
            durationMs: 400,
            verify: 'not_run',
            after: { status: 'pending', attempts: 0, maxAttempts: 3, generation: 1 }
          }
        ]
      })
    )

    const lines = summary.split('\n')
    expect(lines.findIndex(line => line.includes('Model work is paused'))).toBeLessThan(
      lines.indexOf('### Discovered')
    )
    expect(summary).toContain(
      '> ⏸️ **Model work is paused**: usage limit: model work waits until 17:00 UTC (resets 6pm, Europe/Paris). Discovery, reconciliation and this report go on; no item starts before 2026-11-24T17:00:00.000Z.'
    )
    expect(summary).toContain(
      '⏸️ waiting for the usage limit to reset (not counted as an attempt) · now back in the queue (attempt 0 of 3 used) · waiting for the usage limit to reset at 17:00 UTC'
    )
  })
})
