/**
 * Every supported input format by name, and recognising one from the content (the file name is
 * only a hint). Parsing them is detect.ts's; this module loads none of the report parsers, so that
 * `ccal findings` on a log does not load what reads SARIF.
 */
import type { LogParserOptions } from './log/log-parser.js'
import { xmlRootName } from './reports/xml.js'
import { TOOL_PARSERS } from './tools/registry.js'

/** Formats of structured lint reports. */
export const REPORT_FORMATS = [
  'sarif',
  'eslint-json',
  'ruff-json',
  'rubocop-json',
  'golangci-json',
  'checkstyle'
] as const
/** Formats of coverage reports. */
export const COVERAGE_FORMATS = [
  'lcov',
  'cobertura',
  'istanbul',
  'istanbul-summary',
  'go-coverprofile'
] as const
/** Names a text format may go by besides its parser's: the tools a parser reads. */
const TEXT_ALIASES: Readonly<Record<string, string>> = {
  'go-test': 'go',
  golangci: 'golangci-lint',
  gcc: 'c',
  clang: 'c',
  msvc: 'c',
  flake8: 'ruff',
  pyright: 'mypy',
  'svelte-check': 'tsc',
  'vue-tsc': 'tsc',
  maven: 'java',
  gradle: 'java',
  javac: 'java',
  npm: 'node-install',
  pnpm: 'node-install',
  yarn: 'node-install',
  pip: 'python-install',
  uv: 'python-install',
  poetry: 'python-install',
  composer: 'php',
  phpunit: 'php',
  phpstan: 'php',
  isort: 'black',
  rustfmt: 'cargo'
}

/**
 * Text formats: a CI job log, plain output of any supported tool (`text`), or one tool's output
 * (only that tool's parser reads it), by the parser's name or by one of the tools it reads.
 */
export const TEXT_FORMATS = [
  'actions-log',
  'text',
  ...TOOL_PARSERS.map(parser => parser.name),
  ...Object.keys(TEXT_ALIASES)
] as const

export type ReportFormat = (typeof REPORT_FORMATS)[number]
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number]
export type TextFormat = string
export type InputFormat = ReportFormat | CoverageFormat | TextFormat

/** Every format name `--format` accepts (besides `auto`). */
export const INPUT_FORMATS: readonly InputFormat[] = [...REPORT_FORMATS, ...COVERAGE_FORMATS, ...TEXT_FORMATS]

/** The input is none of the supported formats, or is broken: the message names the format tried. */
export class UnsupportedInputError extends Error {
  constructor(
    message: string,
    readonly format: string
  ) {
    super(message)
  }
}

export function isInputFormat(name: string): name is InputFormat {
  return (INPUT_FORMATS as readonly string[]).includes(name)
}

export function isCoverageFormat(name: string): name is CoverageFormat {
  return (COVERAGE_FORMATS as readonly string[]).includes(name)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function jsonFormat(value: unknown): ReportFormat | CoverageFormat | null {
  if (Array.isArray(value)) {
    const first: unknown = value[0]
    if (first === undefined) return 'eslint-json'
    if (isRecord(first) && 'filePath' in first && 'messages' in first) return 'eslint-json'
    if (isRecord(first) && 'filename' in first && 'code' in first) return 'ruff-json'
    return null
  }
  if (!isRecord(value)) return null
  if (
    Array.isArray(value.runs) &&
    (String(value.version ?? '').startsWith('2') || String(value.$schema ?? '').includes('sarif'))
  )
    return 'sarif'
  if ('Issues' in value) return 'golangci-json'
  if (Array.isArray(value.files) && ('metadata' in value || 'summary' in value)) return 'rubocop-json'
  const first: unknown = Object.values(value)[0]
  if (isRecord(first) && 'statementMap' in first) return 'istanbul'
  if (isRecord(value.total) && isRecord(value.total.lines)) return 'istanbul-summary'
  return null
}

const TIMESTAMPED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /

/**
 * Recognises the format of `text` from its content; `name` (a file name) only breaks ties. Returns
 * null when nothing fits. JSON that does not parse is an {@link UnsupportedInputError}.
 */
export function detectFormat(text: string, name = ''): InputFormat | null {
  const start = text.trimStart()
  if (start === '') return 'text'
  if (start.startsWith('{') || start.startsWith('[')) {
    let value: unknown
    try {
      value = JSON.parse(text) as unknown
    } catch (error) {
      // A log line can start with a bracket too; only a .json/.sarif name makes it a broken report.
      if (/\.(json|sarif)$/i.test(name))
        throw new UnsupportedInputError(
          `malformed JSON (${error instanceof Error ? error.message : String(error)})`,
          'json'
        )
      return textFormat(start)
    }
    return jsonFormat(value)
  }
  if (start.startsWith('<')) {
    let root: string | null
    try {
      root = xmlRootName(text)
    } catch (error) {
      throw new UnsupportedInputError(
        `malformed XML (${error instanceof Error ? error.message : String(error)})`,
        'xml'
      )
    }
    if (root === 'checkstyle') return 'checkstyle'
    if (root === 'coverage') return 'cobertura'
    return null
  }
  if (/^mode: (set|count|atomic)\s*$/m.test(start.slice(0, 40))) return 'go-coverprofile'
  if (/^(TN:|SF:)/.test(start)) return 'lcov'
  return textFormat(start)
}

function textFormat(start: string): TextFormat {
  return TIMESTAMPED.test(start) || start.startsWith('##[') ? 'actions-log' : 'text'
}

/** How text formats are read. */
export interface ParseOptions {
  /** Every finding, warnings beside errors too; by default a log yields what failed (see log-parser.ts). */
  every?: boolean
}

/** Whether `format` is read line by line as a log or a tool's output (not a report or coverage). */
export function isTextFormat(format: InputFormat): boolean {
  return !(REPORT_FORMATS as readonly string[]).includes(format) && !isCoverageFormat(format)
}

/**
 * How the log parser reads a text format: a job log or any tool's output with every parser, one
 * tool's output with that tool's parser alone (and no runner findings of its own).
 */
export function textOptions(format: InputFormat, options: ParseOptions = {}): LogParserOptions {
  if (format === 'actions-log' || format === 'text') return { ...options }
  return { ...options, parsers: [TEXT_ALIASES[format] ?? format], runnerFindings: false }
}
