/**
 * Knows every supported input format by name, recognises a format from the content (the file name
 * is only a hint), and parses any of them into findings. `ccal findings` and the lint and coverage
 * sources go through here.
 */
import { finding, type Finding } from './finding.js'
import { parseLogText, type LogParserOptions } from './log/log-parser.js'
import {
  lineRanges,
  parseCobertura,
  parseGoCoverprofile,
  parseIstanbulFinal,
  parseIstanbulSummary,
  parseLcov,
  percent,
  type FileCoverage
} from './reports/coverage.js'
import {
  ReportFormatError,
  parseCheckstyle,
  parseEslintJson,
  parseGolangciJson,
  parseRubocopJson,
  parseRuffJson,
  parseSarif
} from './reports/reports.js'
import { XmlSyntaxError, xmlRootName } from './reports/xml.js'
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

/** Coverage as findings: one per file, naming the uncovered line ranges (for `ccal findings`). */
export function coverageFindings(files: readonly FileCoverage[]): Finding[] {
  return files.map(file =>
    finding({
      tool: 'coverage',
      file: file.file,
      line: file.uncovered[0] ?? null,
      rule: 'line-coverage',
      severity: 'note',
      message:
        `${percent(file).toFixed(1)}% of lines covered (${file.covered}/${file.lines})` +
        (file.uncovered.length > 0 ? `; uncovered lines ${lineRanges(file.uncovered)}` : '')
    })
  )
}

/** Parses a coverage report of a known format. */
export function parseCoverage(text: string, format: CoverageFormat): FileCoverage[] {
  switch (format) {
    case 'lcov':
      return parseLcov(text)
    case 'cobertura':
      return parseCobertura(text)
    case 'go-coverprofile':
      return parseGoCoverprofile(text)
    case 'istanbul':
    case 'istanbul-summary': {
      let value: unknown
      try {
        value = JSON.parse(text) as unknown
      } catch (error) {
        throw new ReportFormatError(
          `not valid JSON for ${format}: ${error instanceof Error ? error.message : String(error)}`
        )
      }
      return format === 'istanbul' ? parseIstanbulFinal(value) : parseIstanbulSummary(value)
    }
  }
}

/** How text formats are read. */
export interface ParseOptions {
  /** Every finding, warnings beside errors too; by default a log yields what failed (see log-parser.ts). */
  every?: boolean
}

/** Parses `text` as `format` (a report, a coverage report, or tool/log text) into findings. */
export function parseInput(text: string, format: InputFormat, options: ParseOptions = {}): Finding[] {
  switch (format) {
    case 'sarif':
      return parseSarif(text)
    case 'eslint-json':
      return parseEslintJson(text)
    case 'ruff-json':
      return parseRuffJson(text)
    case 'rubocop-json':
      return parseRubocopJson(text)
    case 'golangci-json':
      return parseGolangciJson(text)
    case 'checkstyle':
      return parseCheckstyle(text)
    case 'lcov':
    case 'cobertura':
    case 'istanbul':
    case 'istanbul-summary':
    case 'go-coverprofile':
      return coverageFindings(parseCoverage(text, format))
    default:
      return parseLogText(text, textOptions(format, options))
  }
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

export interface ParsedInput {
  format: InputFormat
  findings: Finding[]
}

/**
 * Detects (when `format` is `auto`) and parses. Throws {@link UnsupportedInputError} naming the format
 * tried when the input is unknown, malformed, or plain text in which no supported tool's output appears.
 */
export function parseAnyInput(
  text: string,
  format: InputFormat | 'auto',
  name = '',
  options: ParseOptions = {}
): ParsedInput {
  const chosen = format === 'auto' ? detectFormat(text, name) : format
  if (chosen === null) throw new UnsupportedInputError('not a supported format', 'auto')
  let findings: Finding[]
  try {
    findings = parseInput(text, chosen, options)
  } catch (error) {
    if (error instanceof ReportFormatError) throw new UnsupportedInputError(error.message, chosen)
    if (error instanceof XmlSyntaxError)
      throw new UnsupportedInputError(`malformed XML (${error.message})`, chosen)
    throw error
  }
  if (format === 'auto' && chosen === 'text' && findings.length === 0 && text.trim() !== '') {
    throw new UnsupportedInputError('no output of a supported tool found', 'auto')
  }
  return { format: chosen, findings }
}
