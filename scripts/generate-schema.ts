// `npm run schema` writes config/ccal.schema.json and config/ccal.example.yml from the settings
// schema, and docs/workflows/ccal.yml from the workflow `ccal init` writes; `npm run schema --
// --check` fails when the committed files are stale (CI runs that).
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderExampleConfig, renderJsonSchema } from '../src/config/documents.js'
import { WORKFLOW_TEMPLATE } from '../src/onboarding/templates.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const files = [
  { path: join(root, 'config/ccal.schema.json'), text: renderJsonSchema() },
  { path: join(root, 'config/ccal.example.yml'), text: renderExampleConfig() },
  { path: join(root, 'docs/workflows/ccal.yml'), text: WORKFLOW_TEMPLATE }
]
const check = process.argv.includes('--check')
let stale = 0
for (const file of files) {
  let current: string
  try {
    current = readFileSync(file.path, 'utf8')
  } catch {
    current = ''
  }
  if (current === file.text) continue
  if (check) {
    console.error(`${file.path} is stale: run 'npm run schema' and commit the result`)
    stale++
  } else {
    writeFileSync(file.path, file.text)
    console.log(`wrote ${file.path}`)
  }
}
process.exitCode = stale > 0 ? 1 : 0
