/**
 * Documents generated from the settings schema and committed: config/ccal.schema.json (for editors
 * and validation outside CCAL) and config/ccal.example.yml (every key, its default and its meaning).
 * CI regenerates both and fails when the committed copies differ.
 */
import { stringify } from 'yaml'
import { settingKeys, settingSections, settingsJsonSchema, type JsonSchemaNode } from './keys.js'

/** JSON Schema of a whole config file (the top-level `ccal:` key and everything below it). */
export function configFileJsonSchema(): Record<string, unknown> {
  const settings = settingsJsonSchema() as JsonSchemaNode & { $schema?: string }
  delete settings.$schema
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/ccal-action/ccal-action/config/ccal.schema.json',
    title: 'CCAL configuration',
    description: 'Configuration of CCAL, the Claude Code Autonomous Loop (.github/ccal.yml).',
    type: 'object',
    properties: { ccal: settings },
    additionalProperties: false
  }
}

/** The JSON Schema file's text, stably formatted. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(configFileJsonSchema(), null, 2)}\n`
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(line)
  return lines
}

function inlineYaml(value: unknown): string {
  return stringify(value, { flow: true, lineWidth: 0 }).trim()
}

const EXAMPLES: Record<string, string> = {
  'claude.model': 'claude-sonnet-4-5',
  'claude.fallback_model': 'claude-haiku-4-5',
  'claude.append_system_prompt': 'Follow the conventions in CONTRIBUTING.md.',
  'verify.test_command': 'npm test',
  'verify.lint_command': 'npx eslint .',
  'monitoring.metrics.file': 'ccal-metrics.prom',
  'monitoring.metrics.port': '9464',
  'monitoring.transcripts.retention_days': '7',
  'pull_requests.base_branch': 'main'
}

/**
 * The example config: every section and key in schema order, each preceded by its description,
 * with its default value. Keys without a default are shown commented out with an example value.
 */
export function renderExampleConfig(): string {
  const out: string[] = [
    '# CCAL configuration — every key with its default value and what it means.',
    '# Copy to .github/ccal.yml and keep only what you change. Generated from src/config/schema.ts',
    '# by `npm run schema`; editors can validate against config/ccal.schema.json.',
    '# yaml-language-server: $schema=./ccal.schema.json',
    'ccal:'
  ]
  const sections = new Map(settingSections().map(section => [section.path.join('.'), section]))
  const opened = new Set<string>()
  for (const key of settingKeys()) {
    for (let depth = 1; depth < key.path.length; depth++) {
      const sectionPath = key.path.slice(0, depth).join('.')
      if (opened.has(sectionPath)) continue
      opened.add(sectionPath)
      const indent = '  '.repeat(depth)
      const section = sections.get(sectionPath)
      if (depth === 1) out.push('')
      for (const line of wrap(section?.description ?? '', 96 - indent.length)) out.push(`${indent}# ${line}`)
      out.push(`${indent}${key.path[depth - 1]}:`)
    }
    const indent = '  '.repeat(key.path.length)
    const name = key.path[key.path.length - 1] as string
    const dotted = key.path.join('.')
    if (key.kind === 'any') {
      out.push('')
      for (const line of wrap(key.description, 96 - indent.length)) out.push(`${indent}# ${line}`)
      out.push(`${indent}# ${name}: { path: ccal.db }`)
      continue
    }
    for (const line of wrap(key.description, 96 - indent.length)) out.push(`${indent}# ${line}`)
    if (key.enumValues && key.kind === 'enum') out.push(`${indent}# One of: ${key.enumValues.join(', ')}.`)
    if (key.default === undefined) {
      out.push(`${indent}# ${name}: ${EXAMPLES[dotted] ?? '…'}`)
    } else {
      out.push(`${indent}${name}: ${inlineYaml(key.default)}`)
    }
  }
  return `${out.join('\n')}\n`
}
