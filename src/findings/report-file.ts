/**
 * Reading a report or coverage file. JSON and XML reports are parsed whole (neither has a prefix
 * worth reading alone), so their size is checked before a byte is read: a file far over any real
 * report is refused at once instead of taking gigabytes on its way to an error.
 */
import { readFile, stat } from 'node:fs/promises'
import { CcalError } from '../util/errors.js'

/**
 * The largest report read. Parsing costs about three times the file in memory (a 95 MB SARIF with
 * 330,000 results: 267 MB), and CodeQL's SARIF for large repositories stays in the tens of MB.
 */
export const MAX_REPORT_BYTES = 128 * 1024 * 1024

/** A report over {@link MAX_REPORT_BYTES}; the message names the file and both sizes. */
export class ReportTooLargeError extends CcalError {}

/** The text of the report at `path` (`shown` names it in errors). */
export async function readReportText(path: string, shown: string): Promise<string> {
  const { size } = await stat(path)
  if (size > MAX_REPORT_BYTES)
    throw new ReportTooLargeError(
      `${shown}: ${size} bytes; a report is read whole and may be at most ${MAX_REPORT_BYTES / (1024 * 1024)} MiB (split it, or report fewer rules)`
    )
  return readFile(path, 'utf8')
}
