/**
 * Writing the report out: the HTML page as `index.html` in a directory of its own, the data as
 * JSON. The one file-system effect of the report; everything it writes comes from data.ts and html.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ReportData } from './data.js'
import { renderReportHtml } from './html.js'

/** The page's file name in its directory (what a browser opens first in an unpacked artifact). */
export const REPORT_PAGE = 'index.html'
/** The data's file name beside the page. */
export const REPORT_DATA_FILE = 'report.json'

/** The report's data as the JSON document `--json` writes. */
export function reportJson(data: ReportData): string {
  return `${JSON.stringify(data, null, 2)}\n`
}

/** Writes the page to `directory/index.html` (creating the directory); returns its path. */
export async function writeReportPage(directory: string, data: ReportData): Promise<string> {
  await mkdir(directory, { recursive: true })
  const path = join(directory, REPORT_PAGE)
  await writeFile(path, renderReportHtml(data), 'utf8')
  return path
}

/** Writes the data as JSON to `path` (creating its directory). */
export async function writeReportJson(path: string, data: ReportData): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, reportJson(data), 'utf8')
}
