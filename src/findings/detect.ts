/**
 * Parses any supported input format into findings (format names and recognition are in
 * formats.ts, re-exported here). `ccal findings` and the lint and coverage sources go through here.
 */
import { finding, type Finding } from './finding.js'
import {
  textOptions,
  detectFormat,
  UnsupportedInputError,
  type CoverageFormat,
  type InputFormat,
  type ParseOptions
} from './formats.js'
import { parseLogText } from './log/log-parser.js'
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
import { XmlSyntaxError } from './reports/xml.js'

export * from './formats.js'

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
