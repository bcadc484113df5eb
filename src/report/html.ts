/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no font,
 * no image or style from anywhere else (a Content-Security-Policy that allows none says so to the
 * browser too). Legible without JavaScript, in light and dark mode, and on paper; each chart has a
 * text alternative and its numbers in a table. Pure: ReportData in, a string out.
 */
import { ITEM_STATUSES } from '../ledger/schema.js'
import type { ReportData } from './data.js'
import {
  barChart,
  dotStrip,
  escapeHtml,
  groupedBarChart,
  horizontalBarChart,
  lineChart,
  type Series
} from './svg.js'

/** The ids of the page's charts, in the order they appear (the Chromium test checks each). */
export const CHART_IDS = [
  'chart-spend',
  'chart-prs',
  'chart-merge-rate',
  'chart-time-to-merge',
  'chart-queue',
  'chart-cost',
  'chart-failures'
] as const

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa;
  --border: #d1d9e0; --grid: #e6eaef; --accent: #0969da; --merged: #8250df; --closed: #cf222e;
  --opened: #0969da; --pending: #9a6700; --over: #cf222e; --limit: #cf222e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d;
    --grid: #262c36; --accent: #4493f8; --merged: #ab7df8; --closed: #f85149; --opened: #4493f8;
    --pending: #d29922; --over: #f85149; --limit: #f85149; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.2em; margin: 0 0 4px; }
.meta, .lede, caption, .note { color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin: 20px 0; padding: 0; }
.tiles div { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; }
.tiles dt { color: var(--muted); font-size: 0.85em; } .tiles dd { margin: 0; font-size: 1.35em; font-weight: 600; }
section { border-top: 1px solid var(--border); padding: 18px 0; break-inside: avoid; }
figure { margin: 8px 0; }
svg.chart { width: 100%; height: auto; display: block; }
.chart text { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart text.value { fill: var(--fg); }
.chart .grid { stroke: var(--grid); stroke-width: 1; }
.chart .baseline { stroke: var(--border); stroke-width: 1; }
.chart .bar { fill: var(--accent); } .chart .bar.over { fill: var(--over); }
.chart .opened { fill: var(--opened); stroke: var(--opened); } .chart .merged { fill: var(--merged); stroke: var(--merged); }
.chart .closed { fill: var(--closed); stroke: var(--closed); } .chart .pending { fill: var(--pending); stroke: var(--pending); }
.chart path.line { fill: none; stroke-width: 2; }
.chart .swatch-line { stroke-width: 3; }
.chart .dot { fill: var(--merged); fill-opacity: 0.8; }
.chart .limit-line { stroke: var(--limit); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .limit-label { fill: var(--limit); }
.empty { color: var(--muted); font-style: italic; padding: 12px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin-top: 8px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: 4px 0; }
details summary { cursor: pointer; color: var(--muted); font-size: 0.9em; }
code { font-size: 0.9em; overflow-wrap: anywhere; }
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --panel: #fff; --border: #999; --grid: #ddd; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  section { page-break-inside: avoid; }
}
`

function usd(value: number | null): string {
  return value === null ? '—' : `$${value.toFixed(2)}`
}

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`
}

/** A duration in hours as a person reads it: minutes, hours or days. */
export function duration(hours: number | null): string {
  if (hours === null) return '—'
  if (hours < 1) return `${Math.round(hours * 60)} min`
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`
  return `${Math.round((hours / 24) * 10) / 10} d`
}

/** `2026-11-24` → `Nov 24`. */
function shortDay(day: string): string {
  const at = new Date(`${day}T00:00:00.000Z`)
  return at.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function table(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = []
): string {
  const cell = (tag: 'th' | 'td', text: string, index: number) =>
    `<${tag}${numeric.includes(index) ? ' class="n"' : ''}>${escapeHtml(text)}</${tag}>`
  return (
    `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${header.map((text, index) => cell('th', text, index)).join('')}</tr></thead>` +
    `<tbody>${rows.map(row => `<tr>${row.map((text, index) => cell('td', text, index)).join('')}</tr>`).join('')}</tbody></table>`
  )
}

function dataTable(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = []
): string {
  return `<details><summary>The numbers</summary>${table(caption, header, rows, numeric)}</details>`
}

function section(id: string, title: string, lede: string, body: string): string {
  return `<section aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(title)}</h2><p class="lede">${escapeHtml(lede)}</p><figure>${body}</figure></section>`
}

function empty(text: string): string {
  return `<p class="empty">${escapeHtml(text)}</p>`
}

function spendSection(data: ReportData): string {
  const { spendPerDay, budget, summary } = data
  const limit = budget.dayUsd
  const description =
    `Model spend per UTC day from ${data.window.from} to ${data.window.to}: ${usd(summary.spentUsd)} in all` +
    (limit === null
      ? '.'
      : `; the day budget is ${usd(limit)}, passed on ${plural(summary.daysOverBudget, 'day')}.`)
  const chart = barChart(
    { id: 'chart-spend', title: 'Spend per day', description },
    spendPerDay.map(day => ({
      label: shortDay(day.day),
      value: day.usd,
      tooltip: `${day.day}: ${usd(day.usd)} (${plural(day.attempts, 'attempt')})`
    })),
    {
      format: value => `$${value % 1 === 0 ? value : value.toFixed(2)}`,
      limit: limit === null ? null : { value: limit, label: `day budget ${usd(limit)}` }
    }
  )
  const rows = spendPerDay.map(day => [day.day, usd(day.usd), String(day.attempts)])
  return section(
    'spend',
    'Spend per day',
    description,
    chart + dataTable('Spend per UTC day', ['Day', 'Spend', 'Attempts'], rows, [1, 2])
  )
}

function pullRequestsSection(data: ReportData): string {
  const weeks = data.pullRequestsPerWeek
  const series: Series[] = [
    { name: 'opened', className: 'opened', values: weeks.map(week => week.opened) },
    { name: 'merged', className: 'merged', values: weeks.map(week => week.merged) },
    { name: 'closed unmerged', className: 'closed', values: weeks.map(week => week.closed) }
  ]
  const { summary } = data
  const description = `Pull requests per week (weeks from Monday): ${summary.prsOpened} opened, ${summary.prsMerged} merged and ${summary.prsClosed} closed without merging in the window.`
  const chart = groupedBarChart(
    { id: 'chart-prs', title: 'Pull requests per week', description },
    weeks.map(week => `wk ${shortDay(week.week)}`),
    series,
    {
      format: value => String(value),
      integer: true,
      tooltip: (entry, index) => `week of ${weeks[index]!.week}: ${entry.values[index]} ${entry.name}`
    }
  )
  const rows = weeks.map(week => [week.week, String(week.opened), String(week.merged), String(week.closed)])
  return section(
    'prs',
    'Pull requests opened, merged and closed',
    description,
    chart + dataTable('Pull requests per week', ['Week of', 'Opened', 'Merged', 'Closed'], rows, [1, 2, 3])
  )
}

function mergeRateSection(data: ReportData): string {
  const ruled = data.byType.filter(type => type.mergeRate !== null)
  const description =
    ruled.length === 0
      ? 'No pull request was merged or closed in the window.'
      : `Share of CCAL's pull requests that maintainers merged, of those merged or closed in the window, per item type; ${percent(data.summary.mergeRate)} overall.`
  const chart =
    ruled.length === 0
      ? empty(description)
      : horizontalBarChart(
          { id: 'chart-merge-rate', title: 'Merge rate per item type', description },
          ruled.map(type => ({
            label: type.type,
            value: type.mergeRate!,
            tooltip: `${type.type}: ${type.merged} of ${type.merged + type.closed} merged`
          })),
          { format: value => `${Math.round(value * 100)}%`, max: 1 }
        )
  const rows = data.byType.map(type => [
    type.type,
    String(type.merged),
    String(type.closed),
    percent(type.mergeRate),
    duration(type.medianHoursToMerge)
  ])
  return section(
    'merge-rate',
    'Merge rate per item type',
    description,
    chart +
      dataTable(
        'Verdicts per item type',
        ['Type', 'Merged', 'Closed', 'Merge rate', 'Median time to merge'],
        rows,
        [1, 2, 3, 4]
      )
  )
}

function timeToMergeSection(data: ReportData): string {
  const merged = data.pullRequests.filter(pull => pull.verdict === 'merged' && pull.hoursToMerge !== null)
  const medianHours = data.summary.medianHoursToMerge
  const description =
    merged.length === 0
      ? 'No merged pull request with a known opening time in the window.'
      : `Time from opening to merge of ${plural(merged.length, 'merged pull request')}, one dot each; the median is ${duration(medianHours)}.`
  const chart =
    merged.length === 0
      ? empty(description)
      : dotStrip(
          { id: 'chart-time-to-merge', title: 'Time to merge', description },
          merged.map(pull => ({
            label: `#${pull.number}`,
            value: pull.hoursToMerge!,
            tooltip: `#${pull.number} ${pull.title}: ${duration(pull.hoursToMerge)}`
          })),
          { format: value => `${Math.round(value * 10) / 10} h`, median: medianHours }
        )
  const rows = merged.map(pull => [
    `#${pull.number}`,
    pull.type,
    pull.title,
    pull.openedAt ?? '',
    pull.verdictAt ?? '',
    duration(pull.hoursToMerge)
  ])
  return section(
    'time-to-merge',
    `Median time to merge: ${duration(medianHours)}`,
    description,
    chart +
      dataTable(
        'Merged pull requests',
        ['PR', 'Type', 'Title', 'Opened', 'Merged', 'Time to merge'],
        rows,
        [5]
      )
  )
}

function queueSection(data: ReportData): string {
  const days = data.queuePerDay
  const last = days.at(-1)
  const description = `Items waiting in the queue (pending) and pull requests awaiting review at the end of each UTC day; ${last ? `${last.pending} pending and ${last.prOpen} open on ${last.day}` : 'no days'}.`
  const series: Series[] = [
    { name: 'pending', className: 'pending', values: days.map(day => day.pending) },
    { name: 'PR open', className: 'opened', values: days.map(day => day.prOpen) }
  ]
  const chart = lineChart(
    { id: 'chart-queue', title: 'Queue size over time', description },
    days.map(day => shortDay(day.day)),
    series,
    {
      format: value => String(value),
      integer: true,
      tooltip: (entry, index) => `${days[index]!.day}: ${entry.values[index]} ${entry.name}`
    }
  )
  const rows = days.map(day => [day.day, String(day.pending), String(day.prOpen)])
  return section(
    'queue',
    'Queue size over time',
    description,
    chart + dataTable('Queue at the end of each day', ['Day', 'Pending', 'PRs open'], rows, [1, 2])
  )
}

function costSection(data: ReportData): string {
  const priced = data.byType.filter(type => type.costPerMergedPrUsd !== null)
  const overall = data.summary.costPerMergedPrUsd
  const description =
    overall === null
      ? 'No pull request was merged in the window: no cost per accepted change yet.'
      : `All spend in the window divided by the pull requests merged in it: ${usd(overall)} per accepted change; per type from the attempts on items of that type.`
  const chart =
    priced.length === 0
      ? empty(description)
      : horizontalBarChart(
          { id: 'chart-cost', title: 'Cost per merged pull request', description },
          priced.map(type => ({
            label: type.type,
            value: type.costPerMergedPrUsd!,
            tooltip: `${type.type}: ${usd(type.spentUsd)} for ${plural(type.merged, 'merged PR')}`
          })),
          { format: value => usd(value) }
        )
  const rows = data.byType.map(type => [
    type.type,
    usd(type.spentUsd),
    String(type.merged),
    usd(type.costPerMergedPrUsd)
  ])
  return section(
    'cost',
    `Cost per accepted pull request: ${usd(overall)}`,
    description,
    chart +
      dataTable(
        'Spend and merged pull requests per type',
        ['Type', 'Spend', 'Merged', 'Per merged PR'],
        rows,
        [1, 2, 3]
      )
  )
}

function failuresSection(data: ReportData): string {
  const failures = data.failureFingerprints
  const description =
    failures.length === 0
      ? 'No CI failure or error-log entry was seen in the window.'
      : `The failures discovery found most often (CI failures, error-log entries seen in the window), by how many times each was seen.`
  const chart =
    failures.length === 0
      ? empty(description)
      : horizontalBarChart(
          { id: 'chart-failures', title: 'Most frequent failure fingerprints', description },
          failures.map(failure => ({
            label: failure.title,
            value: failure.occurrences,
            tooltip: `${failure.fingerprint}: seen ${failure.occurrences}×, ${failure.status}`
          })),
          { format: value => `${value}×` }
        )
  const rows = failures.map(failure => [
    failure.title,
    failure.fingerprint,
    failure.type,
    failure.status.replace(/_/g, ' '),
    String(failure.occurrences),
    String(failure.regressions),
    String(failure.failedAttempts)
  ])
  const reasons =
    data.attemptFailures.length === 0
      ? ''
      : table(
          'Why attempts failed in the window',
          ['Reason', 'Attempts'],
          data.attemptFailures.map(entry => [entry.reason, String(entry.count)]),
          [1]
        )
  return section(
    'failures',
    'Most frequent failure fingerprints',
    description,
    chart +
      (failures.length
        ? table(
            'Failure fingerprints',
            ['Title', 'Fingerprint', 'Type', 'Status', 'Seen', 'Regressions', 'Failed attempts'],
            rows,
            [4, 5, 6]
          )
        : '') +
      reasons
  )
}

function tiles(data: ReportData): string {
  const { summary, budget } = data
  const entries: Array<[string, string]> = [
    ['Spend in the window', usd(summary.spentUsd)],
    [
      'Day budget',
      budget.dayUsd === null ? '—' : `${usd(budget.dayUsd)} · passed ${summary.daysOverBudget}×`
    ],
    ['Pull requests opened', String(summary.prsOpened)],
    ['Merged / closed', `${summary.prsMerged} / ${summary.prsClosed}`],
    ['Merge rate', percent(summary.mergeRate)],
    ['Median time to merge', duration(summary.medianHoursToMerge)],
    ['Cost per merged PR', usd(summary.costPerMergedPrUsd)],
    ['Queue now', `${summary.byStatus.pending} pending`],
    ['Pull requests open now', String(summary.byStatus.pr_open)]
  ]
  return `<dl class="tiles">${entries.map(([name, value]) => `<div><dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`
}

/** The whole page. */
export function renderReportHtml(data: ReportData): string {
  const where =
    data.ledger.branch === null
      ? 'the ledger'
      : `ledger branch ${data.ledger.branch}${data.ledger.commit ? ` at ${data.ledger.commit.slice(0, 12)}` : ''}`
  const statuses = ITEM_STATUSES.filter(status => data.summary.byStatus[status] > 0)
    .map(status => `${data.summary.byStatus[status]} ${status.replace(/_/g, ' ')}`)
    .join(', ')
  const notes = data.notes.length
    ? `<section aria-labelledby="notes-heading"><h2 id="notes-heading">Notes</h2><ul>${data.notes.map(note => `<li class="note">${escapeHtml(note)}</li>`).join('')}</ul></section>`
    : ''
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>CCAL report ${escapeHtml(data.window.from)} – ${escapeHtml(data.window.to)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>CCAL report</h1>',
    `<p class="meta">${escapeHtml(`${data.window.days} days, ${data.window.from} to ${data.window.to} (UTC), from ${where}; generated ${data.generatedAt}.`)}</p>`,
    statuses ? `<p class="meta">${escapeHtml(`Items now: ${statuses}.`)}</p>` : '',
    '</header>',
    '<main>',
    tiles(data),
    spendSection(data),
    pullRequestsSection(data),
    mergeRateSection(data),
    timeToMergeSection(data),
    queueSection(data),
    costSection(data),
    failuresSection(data),
    notes,
    '</main>',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
