/**
 * The report as a person sees it: `ccal report --html` on a ledger branch with a few weeks of
 * history, opened in real headless Chromium (Debian's `chromium`, which .ci/run installs). A
 * screenshot is taken and kept, the console stays silent, and every chart has its SVG marks in
 * the rendered DOM. Skipped only outside CI when Chromium is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { CliIo } from '../../../src/cli/io.js'
import { runCli } from '../../../src/cli/program.js'
import { upsertCandidate } from '../../../src/ledger/ops.js'
import { openLedgerStore } from '../../../src/ledger/store.js'
import { ReportDataSchema } from '../../../src/report/data.js'
import { CHART_IDS } from '../../../src/report/html.js'
import { applyOps, candidate, syntheticHistory } from '../../support/ledgers.js'
import { GIT_TEST_ENV, createTestRepos, type TestRepos } from '../../support/repos.js'

const run = promisify(execFile)

function findChromium(): string | null {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

const chromium = findChromium()
if (!chromium && process.env.CI)
  throw new Error('chromium is not installed; in CI it must be (.ci/run installs it)')
const describeWithChromium = chromium ? describe : describe.skip

/** Where the screenshot is kept for a person to look at. */
const SCREENSHOT = join(tmpdir(), 'ccal-report-chromium', 'report.png')

/** A title as an issue's author might write it: markup that must show as text, never run. */
const HOSTILE_TITLE = '<img src=x onerror="console.error(1)"><script>console.error(2)</script> & "quotes"'

/** Headless Chromium on `page`: the rendered DOM, the console lines it logged, and a screenshot. */
async function openInChromium(page: string, screenshot: string): Promise<{ dom: string; console: string[] }> {
  const { stdout, stderr } = await run(
    chromium!,
    [
      '--headless',
      '--disable-gpu',
      '--no-sandbox',
      '--no-first-run',
      '--disable-extensions',
      `--user-data-dir=${join(tmpdir(), 'ccal-report-chromium', 'profile')}`,
      '--enable-logging=stderr',
      '--v=0',
      '--window-size=1280,2600',
      `--screenshot=${screenshot}`,
      '--dump-dom',
      `file://${page}`
    ],
    { timeout: 25_000, maxBuffer: 32 * 1024 * 1024 }
  )
  return { dom: stdout, console: stderr.split('\n').filter(line => /:CONSOLE[:(]/.test(line)) }
}

/** The rendered `<svg id="ID">` element's text, or null. */
function svgOf(dom: string, id: string): string | null {
  const start = dom.indexOf(`<svg id="${id}"`)
  if (start < 0) return null
  const end = dom.indexOf('</svg>', start)
  return end < 0 ? null : dom.slice(start, end + '</svg>'.length)
}

/** The chart's drawn marks: bars of some height, lines, points (a zero-height bar is not one). */
function marks(svg: string): number {
  return [...svg.matchAll(/<(rect|path|circle|line)\b[^>]*class="mark\b[^>]*>/g)].filter(
    match => !/\sheight="0"/.test(match[0])
  ).length
}

describeWithChromium('the HTML report in headless Chromium', () => {
  let repos: TestRepos
  let out: string
  let rendered: { dom: string; console: string[] }
  let cli: { code: number; stdout: string; stderr: string }

  beforeAll(async () => {
    repos = createTestRepos()
    const now = new Date()
    const ledger = applyOps(
      syntheticHistory(now),
      [upsertCandidate(candidate('ci:hostile', { type: 'ci_failure', title: HOSTILE_TITLE }))],
      new Date(now.getTime() - 3_600_000)
    )
    const store = await openLedgerStore({ repoDir: repos.work, runId: 'seed' })
    await store.write(() => ({ ledger, description: 'seed a few weeks of history' }))

    out = join(repos.root, 'report')
    const lines: string[] = []
    const errors: string[] = []
    const io: CliIo = {
      stdout: text => lines.push(text),
      stderr: text => errors.push(text),
      cwd: repos.work,
      env: {
        ...process.env,
        ...GIT_TEST_ENV,
        GITHUB_TOKEN: '',
        GH_TOKEN: '',
        CCAL_WORKSPACE_DIRECTORY: join(repos.root, 'ccal-work')
      }
    }
    const code = await runCli(['report', '--html', out, '--json', join(out, 'report.json')], io)
    cli = { code, stdout: lines.join('\n'), stderr: errors.join('\n') }
    mkdirSync(join(tmpdir(), 'ccal-report-chromium'), { recursive: true })
    rendered = await openInChromium(join(out, 'index.html'), SCREENSHOT)
  }, 60_000)

  afterAll(() => repos?.cleanup())

  it('is written by ccal report --html, with its data beside it', () => {
    expect(cli).toMatchObject({ code: 0, stderr: '' })
    expect(cli.stdout).toContain(`wrote the report to ${join(out, 'index.html')}: 28 days`)
    const data = ReportDataSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))
    expect(data.summary).toMatchObject({
      prsMerged: 3,
      prsClosed: 1,
      mergeRate: 0.75,
      medianHoursToMerge: 24
    })
  })

  it('renders a screenshot with no console message', () => {
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000)
    expect(rendered.console).toEqual([])
  })

  it.each(CHART_IDS)('draws %s with its SVG marks, a title and a description', id => {
    const svg = svgOf(rendered.dom, id)
    expect(svg).not.toBeNull()
    expect(marks(svg!)).toBeGreaterThan(0)
    expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`))
    expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`))
  })

  it('shows an untrusted title as text: no element of it reaches the page, nothing is loaded', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect(rendered.dom).not.toMatch(/<(script|img)\b/i)
    expect(rendered.dom).toContain('&lt;img src=x onerror=')
    // No element has an attribute that loads anything; the only URL is SVG's namespace.
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|onerror)=/i)
    expect(new Set(html.match(/https?:\/\/[^\s"'<>]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']))
  })

  it('would notice a console message: a page that logs one is caught', async () => {
    const control = join(repos.root, 'control.html')
    writeFileSync(control, '<!DOCTYPE html><p>control</p><script>console.error("control-message")</script>')
    const { console } = await openInChromium(control, join(repos.root, 'control.png'))
    expect(console.join('\n')).toContain('control-message')
  }, 30_000)
})
