/**
 * GitHub Actions job logs: strips the runner's timestamps and colour codes, tracks the current step
 * (`##[group]Run …`), turns `##[error]`/`##[warning]` lines and `::error file=…::` workflow commands
 * into findings, and hands every other line to the tool parsers. The same parser reads plain tool
 * output (no timestamps), so it is also the parser for "a file of compiler lines".
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { createBiomeParser, createCargoParser, createEslintStylishParser } from '../tools/build-tools.js'
import { createCompilerLineParser } from '../tools/compiler-lines.js'
import {
  chain,
  int,
  stripAnsi,
  stripTimestamp,
  type Emit,
  type LineParser,
  type LineParserFactory
} from './line-parser.js'
import {
  createGoTestParser,
  createJestParser,
  createNodeTestParser,
  createPytestParser,
  createVitestParser
} from '../tools/test-runners.js'

/**
 * The tool parsers run on every line, in this order (the first that consumes a line wins: block
 * parsers before the one-line formats, so that a jest stack frame is not read as a compiler line).
 */
export const LINE_PARSERS: Readonly<Record<string, LineParserFactory>> = {
  jest: createJestParser,
  vitest: createVitestParser,
  pytest: createPytestParser,
  'go-test': createGoTestParser,
  'node-test': createNodeTestParser,
  cargo: createCargoParser,
  biome: createBiomeParser,
  'eslint-stylish': createEslintStylishParser,
  lines: createCompilerLineParser
}

const EXIT_CODE = /^Process completed with exit code (\d+)\.?$/
const COMMAND = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/
const RUNNER = /^##\[(error|warning|notice)\](.*)$/

/** `file=a.ts,line=3,title=x` → a map; values are %-escaped as the runner's toolkit writes them. */
function commandProperties(text: string | undefined): Map<string, string> {
  const properties = new Map<string, string>()
  for (const pair of (text ?? '').split(',')) {
    const eq = pair.indexOf('=')
    if (eq > 0) properties.set(pair.slice(0, eq).trim(), unescapeProperty(pair.slice(eq + 1)))
  }
  return properties
}

function unescapeProperty(value: string): string {
  return value.replace(/%(25|0D|0A|3A|2C)/gi, code => decodeURIComponent(code))
}

export interface LogParserOptions {
  /** Only these tool parsers (keys of {@link LINE_PARSERS}); all by default. */
  parsers?: readonly string[]
  /** Whether runner lines (`##[error]`, `::error::`, exit codes) become findings too (default true). */
  runnerFindings?: boolean
}

/** The Actions log parser (also right for plain tool output). Findings carry the step they came from. */
export function createLogParser(emit: Emit, options: LogParserOptions = {}): LineParser {
  let step: string | null = null
  const withStep: Emit = found => {
    // Findings are fresh objects owned by this parser until emitted: set the step in place.
    if (found.step === null) found.step = step
    emit(found)
  }
  const names = options.parsers ?? Object.keys(LINE_PARSERS)
  const tools = chain(
    names.map(name => {
      const factory = LINE_PARSERS[name]
      if (!factory) throw new Error(`unknown line parser '${name}'`)
      return factory(withStep)
    })
  )
  const runnerFindings = options.runnerFindings ?? true
  const runner = (found: Finding) => {
    if (runnerFindings) withStep(found)
  }
  return {
    line(raw) {
      const text = stripAnsi(stripTimestamp(raw))
      if (text.startsWith('##[')) {
        if (text.startsWith('##[group]')) {
          tools.gap()
          step = text.slice('##[group]'.length).replace(/^Run /, '').trim() || null
          return true
        }
        const marked = RUNNER.exec(text)
        if (marked) {
          const message = (marked[2] as string).trim()
          const exit = EXIT_CODE.exec(message)
          runner(
            finding({
              tool: 'actions',
              rule: exit ? 'exit-code' : null,
              severity: severityOf(marked[1], 'note'),
              message,
              excerpt: text
            })
          )
          return true
        }
        // ##[endgroup], ##[debug], ##[command], ##[section]: the runner's own framing.
        return true
      }
      if (text.startsWith('::')) {
        const command = COMMAND.exec(text)
        if (command) {
          const properties = commandProperties(command[2])
          runner(
            finding({
              tool: 'actions',
              file: properties.get('file') ?? null,
              line: int(properties.get('line')),
              column: int(properties.get('col')),
              rule: properties.get('title') ?? null,
              severity: severityOf(command[1], 'note'),
              message: unescapeProperty(command[3] as string),
              excerpt: text
            })
          )
          return true
        }
      }
      return tools.line(text)
    },
    gap: () => tools.gap(),
    end: () => tools.end()
  }
}

/** Parses a whole text (split into lines here); for small inputs and tests, the streaming path is in scan.ts. */
export function parseLogText(text: string, options?: LogParserOptions): Finding[] {
  const findings: Finding[] = []
  const parser = createLogParser(found => findings.push(found), options)
  for (const line of text.split(/\r?\n/)) parser.line(line)
  parser.end()
  return findings
}
