/**
 * Small SVG charts drawn as text, for the HTML report: vertical bars (with an optional limit line),
 * grouped bars, lines with points, horizontal bars and a dot strip. Each chart is an accessible
 * image (`role="img"`, a `<title>` and a `<desc>` that says what it shows in words) whose marks carry
 * their value as a tooltip; colours come from the page's CSS classes, so dark mode and print need no
 * change here. Every label is escaped: titles and fingerprints come from outside.
 */

/** Escapes text for HTML and XML, in element content and in quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** One bar or point: its label on the category axis, its value and its tooltip. */
export interface Datum {
  readonly label: string
  readonly value: number
  readonly tooltip: string
}

/** A named series of a grouped bar or line chart; `className` picks its colour in the CSS. */
export interface Series {
  readonly name: string
  readonly className: string
  readonly values: readonly number[]
}

export interface ChartFrame {
  /** The element id; the title and description get `<id>-title` and `<id>-desc`. */
  readonly id: string
  readonly title: string
  /** What the chart shows, in a sentence or two: the text alternative. */
  readonly description: string
}

const WIDTH = 720
const HEIGHT = 260
const MARGIN = { top: 20, right: 20, bottom: 44, left: 56 } as const
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom

function num(value: number): string {
  return String(Math.round(value * 100) / 100)
}

function open(frame: ChartFrame, height = HEIGHT): string {
  const id = escapeHtml(frame.id)
  return (
    `<svg id="${id}" class="chart" viewBox="0 0 ${WIDTH} ${num(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeHtml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(frame.description)}</desc>`
  )
}

/** A round upper bound for an axis and its tick step (1, 2 or 5 times a power of ten). */
export function niceScale(max: number, options: { integer?: boolean } = {}): { max: number; step: number } {
  if (!(max > 0)) return options.integer ? { max: 1, step: 1 } : { max: 1, step: 0.25 }
  // Counts get whole-number ticks: no "1.5 pull requests".
  const rough = Math.max(options.integer ? 1 : 0, max / 4)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 2.5, 5, 10].map(factor => factor * power).find(candidate => candidate >= rough)!
  return { max: Math.ceil(max / step - 1e-9) * step, step }
}

function valueAxis(scale: { max: number; step: number }, format: (value: number) => string): string {
  const parts: string[] = []
  for (let value = 0; value <= scale.max + scale.step / 1000; value += scale.step) {
    const y = MARGIN.top + PLOT_H - (value / scale.max) * PLOT_H
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${num(y)}" y2="${num(y)}"/>` +
        `<text class="tick" x="${MARGIN.left - 6}" y="${num(y + 4)}" text-anchor="end">${escapeHtml(format(value))}</text>`
    )
  }
  return `<g class="axis" aria-hidden="true">${parts.join('')}</g>`
}

/** Category labels under the plot; with many categories only every n-th is written. */
function categoryAxis(labels: readonly string[], bandWidth: number): string {
  const every = Math.max(1, Math.ceil(labels.length / 10))
  const parts = labels.flatMap((label, index) =>
    index % every === 0
      ? [
          `<text class="tick" x="${num(MARGIN.left + bandWidth * (index + 0.5))}" y="${MARGIN.top + PLOT_H + 18}" text-anchor="middle">${escapeHtml(label)}</text>`
        ]
      : []
  )
  return `<g class="axis" aria-hidden="true">${parts.join('')}<line class="baseline" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/></g>`
}

function yOf(value: number, max: number): number {
  return MARGIN.top + PLOT_H - (Math.max(0, value) / max) * PLOT_H
}

/**
 * Vertical bars, one per datum, with an optional limit drawn as a dashed line (the day budget);
 * a bar above the limit gets the `over` class.
 */
export function barChart(
  frame: ChartFrame,
  data: readonly Datum[],
  options: { format: (value: number) => string; limit?: { value: number; label: string } | null }
): string {
  const limit = options.limit ?? null
  const scale = niceScale(Math.max(0, ...data.map(datum => datum.value), limit?.value ?? 0))
  const band = PLOT_W / Math.max(1, data.length)
  const bars = data.map((datum, index) => {
    const y = yOf(datum.value, scale.max)
    const over = limit !== null && datum.value > limit.value
    return `<rect class="mark bar${over ? ' over' : ''}" x="${num(MARGIN.left + band * index + band * 0.15)}" y="${num(y)}" width="${num(band * 0.7)}" height="${num(MARGIN.top + PLOT_H - y)}"><title>${escapeHtml(datum.tooltip)}</title></rect>`
  })
  const limitLine =
    limit === null
      ? ''
      : `<g class="limit"><line class="mark limit-line" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${num(yOf(limit.value, scale.max))}" y2="${num(yOf(limit.value, scale.max))}"><title>${escapeHtml(limit.label)}</title></line>` +
        `<text class="limit-label" x="${MARGIN.left + PLOT_W}" y="${num(yOf(limit.value, scale.max) - 5)}" text-anchor="end">${escapeHtml(limit.label)}</text></g>`
  return `${open(frame)}${valueAxis(scale, options.format)}${categoryAxis(
    data.map(datum => datum.label),
    band
  )}<g class="marks">${bars.join('')}</g>${limitLine}</svg>`
}

function legend(series: readonly Series[], shape: 'rect' | 'line'): string {
  let x = MARGIN.left
  const parts = series.map(entry => {
    const mark =
      shape === 'rect'
        ? `<rect class="swatch ${escapeHtml(entry.className)}" x="${x}" y="${HEIGHT - 14}" width="10" height="10"/>`
        : `<line class="swatch-line ${escapeHtml(entry.className)}" x1="${x}" x2="${x + 14}" y1="${HEIGHT - 9}" y2="${HEIGHT - 9}"/>`
    const text = `<text class="tick" x="${x + 18}" y="${HEIGHT - 5}">${escapeHtml(entry.name)}</text>`
    x += 28 + entry.name.length * 7
    return mark + text
  })
  return `<g class="legend" aria-hidden="true">${parts.join('')}</g>`
}

/** How a chart of several series shows its values. */
interface SeriesChartOptions {
  format: (value: number) => string
  tooltip: (series: Series, index: number) => string
  integer?: boolean
}

/** The value axis that holds every series. */
function seriesScale(series: readonly Series[], options: SeriesChartOptions): ReturnType<typeof niceScale> {
  return niceScale(Math.max(0, ...series.flatMap(entry => entry.values)), {
    integer: options.integer ?? false
  })
}

/** Bars side by side for each category, one per series (opened, merged, closed per week). */
export function groupedBarChart(
  frame: ChartFrame,
  labels: readonly string[],
  series: readonly Series[],
  options: SeriesChartOptions
): string {
  const scale = seriesScale(series, options)
  const band = PLOT_W / Math.max(1, labels.length)
  const inner = (band * 0.8) / Math.max(1, series.length)
  const bars = labels.flatMap((_, index) =>
    series.map((entry, which) => {
      const value = entry.values[index] ?? 0
      const y = yOf(value, scale.max)
      return `<rect class="mark bar ${escapeHtml(entry.className)}" x="${num(MARGIN.left + band * index + band * 0.1 + inner * which)}" y="${num(y)}" width="${num(inner * 0.9)}" height="${num(MARGIN.top + PLOT_H - y)}"><title>${escapeHtml(options.tooltip(entry, index))}</title></rect>`
    })
  )
  return `${open(frame)}${valueAxis(scale, options.format)}${categoryAxis(labels, band)}<g class="marks">${bars.join('')}</g>${legend(series, 'rect')}</svg>`
}

/** One line per series over the categories, with a point at each value. */
export function lineChart(
  frame: ChartFrame,
  labels: readonly string[],
  series: readonly Series[],
  options: SeriesChartOptions
): string {
  const scale = seriesScale(series, options)
  const band = PLOT_W / Math.max(1, labels.length)
  const lines = series.map(entry => {
    const points = entry.values.map((value, index) => ({
      x: MARGIN.left + band * (index + 0.5),
      y: yOf(value, scale.max),
      value,
      index
    }))
    const d = points
      .map((point, index) => `${index === 0 ? 'M' : 'L'}${num(point.x)},${num(point.y)}`)
      .join(' ')
    const circles = points.map(
      point =>
        `<circle class="mark point ${escapeHtml(entry.className)}" cx="${num(point.x)}" cy="${num(point.y)}" r="3"><title>${escapeHtml(options.tooltip(entry, point.index))}</title></circle>`
    )
    return `<g class="series"><path class="mark line ${escapeHtml(entry.className)}" d="${d}"/>${circles.join('')}</g>`
  })
  return `${open(frame)}${valueAxis(scale, options.format)}${categoryAxis(labels, band)}<g class="marks">${lines.join('')}</g>${legend(series, 'line')}</svg>`
}

/** Horizontal bars, one row per datum, the label on the left and the value written at the end. */
export function horizontalBarChart(
  frame: ChartFrame,
  data: readonly Datum[],
  options: { format: (value: number) => string; max?: number }
): string {
  const row = 26
  const labelWidth = 220
  const height = MARGIN.top + row * Math.max(1, data.length) + 10
  const max = options.max ?? niceScale(Math.max(0, ...data.map(datum => datum.value))).max
  const plot = WIDTH - labelWidth - 90
  const rows = data.map((datum, index) => {
    const y = MARGIN.top + row * index
    const width = (Math.max(0, datum.value) / max) * plot
    const label = datum.label.length > 34 ? `${datum.label.slice(0, 33)}…` : datum.label
    return (
      `<text class="tick" x="${labelWidth - 8}" y="${num(y + row * 0.6)}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect class="mark bar" x="${labelWidth}" y="${num(y + 4)}" width="${num(width)}" height="${row - 8}"><title>${escapeHtml(datum.tooltip)}</title></rect>` +
      `<text class="value" x="${num(labelWidth + width + 6)}" y="${num(y + row * 0.6)}">${escapeHtml(options.format(datum.value))}</text>`
    )
  })
  return `${open(frame, height)}<g class="marks">${rows.join('')}</g></svg>`
}

/**
 * A dot per value along one axis (hours to merge of each pull request), with the median marked by
 * a line; values that fall on the same spot are stacked upwards.
 */
export function dotStrip(
  frame: ChartFrame,
  data: readonly Datum[],
  options: { format: (value: number) => string; median: number | null }
): string {
  const height = 150
  const baseline = 110
  const scale = niceScale(Math.max(0, ...data.map(datum => datum.value)))
  const xOf = (value: number) => MARGIN.left + (Math.max(0, value) / scale.max) * PLOT_W
  const stacks = new Map<number, number>()
  const dots = data.map(datum => {
    const x = Math.round(xOf(datum.value) / 6) * 6
    const level = stacks.get(x) ?? 0
    stacks.set(x, level + 1)
    return `<circle class="mark point dot" cx="${num(x)}" cy="${num(baseline - 6 - level * 9)}" r="4"><title>${escapeHtml(datum.tooltip)}</title></circle>`
  })
  const ticks: string[] = []
  for (let value = 0; value <= scale.max + scale.step / 1000; value += scale.step)
    ticks.push(
      `<line class="grid" x1="${num(xOf(value))}" x2="${num(xOf(value))}" y1="${MARGIN.top}" y2="${baseline}"/>` +
        `<text class="tick" x="${num(xOf(value))}" y="${baseline + 18}" text-anchor="middle">${escapeHtml(options.format(value))}</text>`
    )
  const median =
    options.median === null
      ? ''
      : `<g class="limit"><line class="mark limit-line" x1="${num(xOf(options.median))}" x2="${num(xOf(options.median))}" y1="${MARGIN.top - 6}" y2="${baseline}"><title>median ${escapeHtml(options.format(options.median))}</title></line>` +
        `<text class="limit-label" x="${num(xOf(options.median) + 4)}" y="${MARGIN.top + 4}">median ${escapeHtml(options.format(options.median))}</text></g>`
  return `${open(frame, height)}<g class="axis" aria-hidden="true">${ticks.join('')}<line class="baseline" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${baseline}" y2="${baseline}"/></g><g class="marks">${dots.join('')}</g>${median}</svg>`
}
