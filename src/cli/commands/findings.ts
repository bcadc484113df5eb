/**
 * `ccal findings <file> [--format auto|NAME] [--all] [--json]`: the normalized findings of any
 * supported log, report or coverage file, with the format recognised from the content. Logs and
 * tool output stream through the scanner and their findings are printed as they are found, so a
 * log of any size is read in bounded memory; reports and coverage are read whole.
 */
import { open } from 'node:fs/promises'
import { resolve } from 'node:path'
import { compareFindings, type Finding } from '../../findings/finding.js'
import { readLogFile } from '../../findings/log-reader.js'
import { readReportText } from '../../findings/report-file.js'
import {
  COVERAGE_FORMATS,
  REPORT_FORMATS,
  TEXT_FORMATS,
  UnsupportedInputError,
  detectFormat,
  isInputFormat,
  isTextFormat,
  textOptions,
  type InputFormat
} from '../../findings/formats.js'
import { CcalError, UsageError, errorMessage } from '../../util/errors.js'
import { parseCommandArgs, type CliCommand, type CliIo } from '../io.js'

/** Bytes of the file's start that tell its format. */
const HEAD_BYTES = 64 * 1024
/** Output is written in pieces of about this many characters: one write per line cost more than the parse. */
const FLUSH_CHARS = 64 * 1024

export const FINDINGS_HELP = [
  'Usage: ccal findings <file> [--format auto|NAME] [--all] [--json]',
  '',
  'Prints the normalized findings {tool, file, line, column, rule, severity, message, excerpt} of a',
  'log, lint report or coverage report. The format is recognised from the content unless named.',
  "Of a CI log it prints what failed: the failed steps' errors (their warnings when they have no",
  'error); --all prints every finding, warnings and passing steps too. Logs are printed in the',
  'order they are found, reports sorted by place.',
  '',
  `Reports:  ${REPORT_FORMATS.join(', ')}`,
  `Coverage: ${COVERAGE_FORMATS.join(', ')}`,
  `Text:     ${TEXT_FORMATS.join(', ')}`,
  '',
  '  --format NAME  parse as NAME instead of recognising the format (default auto)',
  '  --all          every finding of a log, not only what failed',
  '  --json         print {"format": …, "findings": […]}'
].join('\n')

function location(finding: Finding): string {
  if (!finding.file) return '-'
  return [finding.file, finding.line, finding.column].filter(part => part !== null).join(':')
}

function formatLine(finding: Finding): string {
  const rule = finding.rule ? `  [${finding.rule}]` : ''
  return `${location(finding)}  ${finding.severity}  ${finding.message}${rule}  (${finding.tool})`
}

/** The first bytes of the file, whole lines only when there is more, and whether that is all of it. */
async function readHead(path: string): Promise<{ text: string; whole: boolean }> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(HEAD_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead <= HEAD_BYTES) return { text: buffer.toString('utf8', 0, bytesRead), whole: true }
    const text = buffer.toString('utf8', 0, HEAD_BYTES)
    // A one-line report (ESLint's JSON, minified SARIF) keeps its start: that is what tells it apart.
    const lineEnd = text.lastIndexOf('\n')
    return { text: lineEnd < 0 ? text : text.slice(0, lineEnd + 1), whole: false }
  } finally {
    await handle.close()
  }
}

/** The format `--format` names, or the one the file's start shows; null for a report to read whole. */
async function textFormatOf(
  path: string,
  shown: string,
  format: InputFormat | 'auto'
): Promise<InputFormat | null> {
  if (format !== 'auto') return isTextFormat(format) ? format : null
  const head = await readHead(path)
  const start = head.text.trimStart()
  // JSON and XML are reports: the head alone may not parse.
  if (start.startsWith('{') || start.startsWith('[') || start.startsWith('<')) return null
  const detected = detectFormat(head.text, shown)
  return detected !== null && isTextFormat(detected) ? detected : null
}

/** Lines written in pieces, so that a log with 300,000 findings does not take 300,000 writes. */
function batchedOutput(io: CliIo) {
  let pending = ''
  return {
    line(text: string) {
      pending = pending === '' ? text : `${pending}\n${text}`
      if (pending.length >= FLUSH_CHARS) this.flush()
    },
    flush() {
      if (pending !== '') io.stdout(pending)
      pending = ''
    }
  }
}

/** What the command prints, whether the findings come one by one or all at once. */
function printer(io: CliIo, json: boolean) {
  const out = batchedOutput(io)
  let count = 0
  /** The last finding's JSON, printed once it is known whether a comma follows it. */
  let held: string | null = null
  return {
    get count() {
      return count
    },
    /** The output's start, once the format is known. */
    begin(format: InputFormat) {
      if (json) out.line(`{\n  "format": ${JSON.stringify(format)},\n  "findings": [`)
    },
    finding(found: Finding) {
      count++
      if (!json) return out.line(formatLine(found))
      if (held !== null) out.line(`${held},`)
      held = `    ${JSON.stringify(found)}`
    },
    finish(format: InputFormat) {
      if (held !== null) out.line(held)
      if (json) out.line('  ]\n}')
      else out.line(`${count} finding${count === 1 ? '' : 's'} (${format})`)
      out.flush()
    }
  }
}

/** Streams a text log through the scanner, printing each finding as it is found. */
async function printLog(
  path: string,
  format: InputFormat,
  all: boolean,
  auto: boolean,
  io: CliIo,
  json: boolean
) {
  const print = printer(io, json)
  // Nothing is printed before the first finding: plain text without any is an error, not an empty list.
  await readLogFile(path, {
    ...textOptions(format, { every: all }),
    onFinding: found => {
      if (print.count === 0) print.begin(format)
      print.finding(found)
    }
  })
  if (print.count === 0) {
    if (auto && format === 'text' && !(await isBlank(path)))
      throw new UnsupportedInputError('no output of a supported tool found', 'auto')
    print.begin(format)
  }
  print.finish(format)
}

async function isBlank(path: string): Promise<boolean> {
  const head = await readHead(path)
  return head.whole && head.text.trim() === ''
}

/** Reads a report or coverage file whole and prints its findings sorted by place. */
async function printReport(
  path: string,
  shown: string,
  format: InputFormat | 'auto',
  all: boolean,
  io: CliIo,
  json: boolean
) {
  // The report parsers (and zod, which checks reports) load only for a report.
  const { parseAnyInput } = await import('../../findings/detect.js')
  const parsed = parseAnyInput(await readReportText(path, shown), format, shown, { every: all })
  const print = printer(io, json)
  print.begin(parsed.format)
  for (const found of [...parsed.findings].sort(compareFindings)) print.finding(found)
  print.finish(parsed.format)
}

/** `ccal findings`. */
export const findingsCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('findings', args, {
    format: { type: 'string', default: 'auto' },
    all: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  })
  if (values.help) {
    io.stdout(FINDINGS_HELP)
    return 0
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `ccal findings: expected one file, found ${positionals.length}. Run 'ccal findings --help' for usage.`
    )
  }
  const shown = positionals[0] as string
  const format = values.format
  if (format !== 'auto' && !isInputFormat(format)) {
    throw new UsageError(
      `ccal findings: unknown format '${format}'. Formats: auto, ${[...REPORT_FORMATS, ...COVERAGE_FORMATS, ...TEXT_FORMATS].join(', ')}.`
    )
  }
  const path = resolve(io.cwd, shown)
  try {
    const text = await textFormatOf(path, shown, format)
    if (text === null) await printReport(path, shown, format, values.all, io, values.json)
    else await printLog(path, text, values.all, format === 'auto', io, values.json)
  } catch (error) {
    if (error instanceof UnsupportedInputError) {
      throw new CcalError(`ccal findings: ${shown}: ${error.message} (format tried: ${error.format})`, {
        cause: error
      })
    }
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string')
      throw new CcalError(`ccal findings: cannot read ${shown}: ${errorMessage(error)}`, { cause: error })
    throw error
  }
  return 0
}
