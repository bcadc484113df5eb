// `npm run bench -- logs [--mb N] [--error-every N] [--runs N] [--keep]`: how fast CCAL reads a big
// GitHub Actions job log, against `grep -cE` over the same file in the same run.
//
// Three logs of N MB (default 200) are generated (bench/support/job-log.ts): a failing build (one
// step in three fails, one line in `--error-every` (1000) of a failing step starts a failure: about
// 900 failures among the passing tests, progress lines and warnings), the same build failing ten
// times as often (`dense`), and the stress case of the issue, every step failing with a failure
// every five lines (over 300,000 findings). Three contenders, interleaved so that a busy machine slows them alike, best of
// `--runs` (5) fresh processes each:
// - grep: `grep -cE` for the words of a failure, the baseline;
// - whole: the `ccal findings` process as a user runs it (the bundled CLI in dist/cli, from node's
//   start to its exit, its output written to a file);
// - parse: the parse alone (`readLogFile`) in a fresh process, timed inside it: what the CI-logs
//   source does with a job log.
// Peak RSS is the whole process's, on either log.
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readLogFile } from '../src/findings/log-reader.js'
import { writeJobLog } from './support/job-log.js'

const GREP_PATTERN = 'error|FAIL|##\\[error\\]|::error'
const here = fileURLToPath(import.meta.url)
const CLI = join(here, '..', '..', 'dist', 'cli', 'index.js')
/** The stress case: at least this many findings in one log. */
const STRESS_FINDINGS = 300_000

interface Timed {
  ms: number
}

function timeGrep(path: string): Timed & { count: number } {
  const start = performance.now()
  const run = spawnSync('grep', ['-cE', GREP_PATTERN, path], { encoding: 'utf8' })
  const ms = performance.now() - start
  if (run.error) throw run.error
  return { ms, count: Number(run.stdout.trim()) }
}

/** Reports the process's peak RSS on fd 3 as it exits, for the whole-process contender. */
const RSS_PRELOAD = [
  "if (require('node:worker_threads').isMainThread)",
  "  process.on('exit', () => require('node:fs').writeSync(3, String(process.resourceUsage().maxRSS)))",
  ''
].join('\n')

function timeWhole(
  path: string,
  preload: string,
  output: string
): Timed & { rssMb: number; findings: number } {
  const out = openSync(output, 'w')
  try {
    const start = performance.now()
    const run = spawnSync(process.execPath, ['--require', preload, CLI, 'findings', path], {
      stdio: ['ignore', out, 'pipe', 'pipe'],
      encoding: 'utf8'
    })
    const ms = performance.now() - start
    if (run.status !== 0) throw new Error(`ccal findings failed: ${run.stderr}`)
    return { ms, rssMb: Number(run.output[3]) / 1024, findings: countOf(output) }
  } finally {
    closeSync(out)
  }
}

/** The count on the last line of `ccal findings` output: "N findings (format)". */
function countOf(output: string): number {
  const size = statSync(output).size
  const tail = Buffer.alloc(Math.min(size, 4096))
  const fd = openSync(output, 'r')
  try {
    readSync(fd, tail, 0, tail.length, size - tail.length)
  } finally {
    closeSync(fd)
  }
  const counted = /(\d+) findings? \(/.exec(tail.toString('utf8').trim().split('\n').pop() ?? '')
  return Number(counted?.[1] ?? Number.NaN)
}

interface ParseReport {
  ms: number
  findings: number
}

/** In the child: parse the file once and report the time and the findings as one JSON line. */
async function child(path: string): Promise<void> {
  let findings = 0
  const start = performance.now()
  await readLogFile(path, { onFinding: () => findings++ })
  const report: ParseReport = { ms: performance.now() - start, findings }
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

function timeParse(path: string): ParseReport {
  const run = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', path], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`parser child failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as ParseReport
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name)
  return index >= 0 ? Number(args[index + 1]) : fallback
}

const best = <T extends Timed>(runs: T[]): T => runs.reduce((a, b) => (b.ms < a.ms ? b : a))

interface Measured {
  mb: number
  grep: ReturnType<typeof timeGrep>
  whole: ReturnType<typeof timeWhole>
  parse: ParseReport
  rssMb: number
}

function measure(path: string, runs: number, preload: string): Measured {
  const output = `${path}.out`
  const mb = statSync(path).size / (1024 * 1024)
  timeGrep(path) // the page cache, warm for every contender
  const greps: Array<ReturnType<typeof timeGrep>> = []
  const wholes: Array<ReturnType<typeof timeWhole>> = []
  const parses: ParseReport[] = []
  for (let run = 0; run < runs; run++) {
    greps.push(timeGrep(path))
    wholes.push(timeWhole(path, preload, output))
    parses.push(timeParse(path))
  }
  return {
    mb,
    grep: best(greps),
    whole: best(wholes),
    parse: best(parses),
    rssMb: Math.max(...wholes.map(run => run.rssMb))
  }
}

const rate = (mb: number, ms: number) => (mb / (ms / 1000)).toFixed(0)

function table(name: string, m: Measured, runs: number): void {
  console.log('')
  console.log(`${name}: ${m.mb.toFixed(1)} MB, best of ${runs}`)
  console.log('| contender | time (s) | MB/s | result |')
  console.log('| --- | ---: | ---: | --- |')
  console.log(
    `| grep -cE '${GREP_PATTERN}' | ${(m.grep.ms / 1000).toFixed(2)} | ${rate(m.mb, m.grep.ms)} | ${m.grep.count} lines |`
  )
  console.log(
    `| ccal findings (whole process) | ${(m.whole.ms / 1000).toFixed(2)} | ${rate(m.mb, m.whole.ms)} | ${m.whole.findings} findings, peak RSS ${m.rssMb.toFixed(0)} MB |`
  )
  console.log(
    `| readLogFile (parse) | ${(m.parse.ms / 1000).toFixed(2)} | ${rate(m.mb, m.parse.ms)} | ${m.parse.findings} findings |`
  )
}

export default async function logs(args: string[]): Promise<void> {
  const megabytes = option(args, '--mb', 200)
  const runs = option(args, '--runs', 5)
  const errorEvery = option(args, '--error-every', 1000)
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run bundle' first`)
  const dir = mkdtempSync(join(tmpdir(), 'ccal-bench-logs-'))
  try {
    const preload = join(dir, 'rss.cjs')
    writeFileSync(preload, RSS_PRELOAD)
    const build = join(dir, 'build.log')
    const dense = join(dir, 'dense.log')
    const stress = join(dir, 'stress.log')
    const started = performance.now()
    writeJobLog(build, { megabytes, errorEvery, failEvery: 3 })
    writeJobLog(dense, { megabytes, errorEvery: Math.max(1, Math.round(errorEvery / 10)), failEvery: 3 })
    writeJobLog(stress, { megabytes, errorEvery: 5, failEvery: 1 })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`generated ${dir}/{build,dense,stress}.log in ${seconds} s`)
    const main = measure(build, runs, preload)
    const many = measure(dense, runs, preload)
    const hardRuns = Math.min(runs, 3)
    const hard = measure(stress, hardRuns, preload)
    table('failing build', main, runs)
    table('dense: ten times the failures', many, runs)
    table('stress', hard, hardRuns)
    if (hard.whole.findings < STRESS_FINDINGS)
      console.log(
        `\nnote: the stress log gave ${hard.whole.findings} findings, fewer than ${STRESS_FINDINGS}`
      )
    const ratio = (m: Measured, ms: number) => (m.grep.ms / ms).toFixed(2)
    console.log('')
    console.log(
      [
        'RESULT logs',
        `whole_vs_grep=${ratio(main, main.whole.ms)}`,
        `parse_vs_grep=${ratio(main, main.parse.ms)}`,
        `peak_rss_mb=${Math.max(main.rssMb, many.rssMb, hard.rssMb).toFixed(0)}`,
        `grep_mb_s=${rate(main.mb, main.grep.ms)}`,
        `whole_mb_s=${rate(main.mb, main.whole.ms)}`,
        `parse_mb_s=${rate(main.mb, main.parse.ms)}`,
        `findings=${main.whole.findings}`,
        `dense_whole_vs_grep=${ratio(many, many.whole.ms)}`,
        `dense_parse_vs_grep=${ratio(many, many.parse.ms)}`,
        `dense_findings=${many.whole.findings}`,
        `stress_findings=${hard.whole.findings}`,
        `stress_whole_vs_grep=${ratio(hard, hard.whole.ms)}`,
        `stress_parse_vs_grep=${ratio(hard, hard.parse.ms)}`
      ].join(' ')
    )
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child' && process.argv[3]) await child(process.argv[3])
