/**
 * `ccal findings <file> [--format auto|NAME] [--json]`: the normalized findings of any supported log,
 * report or coverage file, with the format recognised from the content. Big text logs go through
 * the streaming scanner; everything else is read whole.
 */
import { open, readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { compareFindings, type Finding } from '../../findings/finding.js'
import { readLogFile } from '../../findings/log-reader.js'
import {
  COVERAGE_FORMATS,
  REPORT_FORMATS,
  TEXT_FORMATS,
  UnsupportedInputError,
  detectFormat,
  isInputFormat,
  parseAnyInput,
  type InputFormat
} from '../../findings/detect.js'
import { CcalError, UsageError, errorMessage } from '../../util/errors.js'
import { parseCommandArgs, type CliCommand } from '../io.js'

/** Text logs above this size are scanned in chunks instead of read whole. */
const STREAM_ABOVE_BYTES = 32 * 1024 * 1024

export const FINDINGS_HELP = [
  'Usage: ccal findings <file> [--format auto|NAME] [--json]',
  '',
  'Prints the normalized findings {tool, file, line, column, rule, severity, message, excerpt} of a',
  'log, lint report or coverage report. The format is recognised from the content unless named.',
  '',
  `Reports:  ${REPORT_FORMATS.join(', ')}`,
  `Coverage: ${COVERAGE_FORMATS.join(', ')}`,
  `Text:     ${TEXT_FORMATS.join(', ')}`,
  '',
  '  --format NAME  parse as NAME instead of recognising the format (default auto)',
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

async function readHead(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.toString('utf8', 0, bytesRead)
  } finally {
    await handle.close()
  }
}

async function parseFile(path: string, shown: string, format: InputFormat | 'auto') {
  const size = (await stat(path)).size
  if (size > STREAM_ABOVE_BYTES) {
    const head = await readHead(path, 64 * 1024)
    const guess = format === 'auto' ? detectFormat(head.slice(0, head.lastIndexOf('\n') + 1), shown) : format
    if (guess === 'actions-log' || guess === 'text') {
      const { findings } = await readLogFile(path)
      return { format: guess, findings }
    }
  }
  return parseAnyInput(await readFile(path, 'utf8'), format, shown)
}

/** `ccal findings`. */
export const findingsCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('findings', args, {
    format: { type: 'string', default: 'auto' },
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
  let parsed: { format: InputFormat; findings: Finding[] }
  try {
    parsed = await parseFile(resolve(io.cwd, shown), shown, format)
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
  const findings = [...parsed.findings].sort(compareFindings)
  if (values.json) {
    io.stdout(JSON.stringify({ format: parsed.format, findings }, null, 2))
    return 0
  }
  for (const finding of findings) io.stdout(formatLine(finding))
  io.stdout(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${parsed.format})`)
  return 0
}
