/**
 * `report: true`: after the cycle, the report with charts (the page and its JSON) is uploaded as one
 * artifact of the run and the job summary links to it (dist/index.js, the real Claude Code CLI
 * against the scripted model server, the real @actions/artifact client against the local service).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { ReportDataSchema } from '../../src/report/data.js'
import { CHART_IDS } from '../../src/report/html.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  OWNER,
  REPO,
  createWorld,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

const LABELLED = { name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) }

describe('report: true', () => {
  it('uploads the page and its data as one artifact, linked from the job summary', async () => {
    world = await createWorld({ artifacts: true })

    const run = await world.runAction(LABELLED, { report: 'true' })

    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    const [artifact, ...others] = world.artifacts!.artifacts()
    expect(others).toEqual([])
    expect(artifact!.name).toMatch(/^ccal-report-\d+-1$/)
    const files = Object.fromEntries(artifact!.files().map(file => [file.name, file.data.toString('utf8')]))
    expect(Object.keys(files).sort()).toEqual(['index.html', 'report.json'])
    const data = ReportDataSchema.parse(JSON.parse(files['report.json']!))
    expect(data.summary).toMatchObject({ items: 1, prsOpened: 1, prsMerged: 0 })
    expect(data.summary.spentUsd).toBeGreaterThan(0)
    expect(data.budget.dayUsd).toBe(20)
    const page = files['index.html']!
    expect(page).toMatch(/^<!DOCTYPE html>/)
    // One open PR and one attempt: spend, the week's PR and the queue are drawn; verdicts are not yet.
    for (const id of ['chart-spend', 'chart-prs', 'chart-queue']) expect(page).toContain(`<svg id="${id}"`)
    expect(CHART_IDS).toContain('chart-merge-rate')
    expect(page).not.toContain('<svg id="chart-merge-rate"')
    expect(run.summary).toMatch(
      new RegExp(
        `Report with charts: artifact \\[\`${artifact!.name}\`\\]\\(https://github\\.com/${OWNER}/${REPO}/actions/runs/\\d+/artifacts/\\d+\\) \\(open \`index\\.html\`\\)\\.`
      )
    )
    expect(run.stdout).toContain(`report: uploaded as artifact ${artifact!.name}`)
  })

  it('warns and goes on when the upload fails, and says where the files are', async () => {
    world = await createWorld({ artifacts: true })
    world.artifacts!.injectFault({
      rpc: 'CreateArtifact',
      status: 403,
      code: 'permission_denied',
      message: 'no artifacts for this test'
    })

    const run = await world.runAction(LABELLED, { report: 'true' })

    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(run.stdout).toMatch(/::warning::report: could not upload artifact ccal-report-\d+-1: .*403/)
    expect(run.summary).toMatch(
      /Report with charts: not uploaded \(could not upload artifact ccal-report-\d+-1: .*\); written to `.*ccal-report-\d+-1`\./
    )
  })

  it('writes and uploads no report unless asked', async () => {
    world = await createWorld({ artifacts: true })

    const run = await world.runAction(LABELLED)

    expect(run.status).toBe(0)
    expect(world.artifacts!.requests()).toEqual([])
    expect(run.summary).not.toContain('Report with charts')
  })
})
