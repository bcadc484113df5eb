// `npm run bench -- logs [--mb N] [--error-every N] [--runs N] [--keep]`: parses a generated Actions
// log of realistic mixed content (runner framing, install/download noise, passing tests, and tool
// failures of many kinds: tsc, gcc, ruff, go, mypy lines, ESLint stylish, jest, cargo and go test
// blocks) end to end with the streaming scanner, in a child process so that its peak RSS is its own,
// and compares with `grep -c` on the same file.
//
// By default one line in 100 starts a failure (a badly failing build with verbose output: ~30,000
// findings in 200 MB). `--error-every 8` is the stress case of shared/NOTES.md (one line in eight an
// error), where the cost per finding, not per byte, dominates.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readLogFile } from '../src/findings/log-reader.js'

const GREP_PATTERN = 'error|FAIL|##\\[error\\]|::error'
const here = fileURLToPath(import.meta.url)

/** Deterministic pseudo-random numbers, so every run parses the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 4294967296
  }
}

const NOISE: ReadonlyArray<(n: number) => string> = [
  n => `npm http fetch GET 200 https://registry.npmjs.org/package-${n % 977} ${n % 300}ms (cache hit)`,
  n => `  PASS  src/module${n % 53}/feature.test.ts (${(n % 90) / 10} s)`,
  n => `    ✓ handles case number ${n} correctly (${n % 17} ms)`,
  n =>
    `Downloading https://github.com/actions/runner/releases/download/v2.${n % 300}.0/actions-runner.tar.gz [${n % 100}%]`,
  n => `added ${n % 1000} packages, and audited ${n % 1200} packages in ${n % 40}s`,
  n =>
    `[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune origin +${(n * 2654435761) % 4294967296}:refs/remotes/origin/main`,
  n => `   Compiling serde v1.0.${n % 200}`,
  n => `tests/test_module_${n % 40}.py::test_case_${n % 300} PASSED                           [ ${n % 100}%]`,
  n => `ok  \texample.com/service/pkg${n % 30}\t0.${n % 900}s`,
  n => `  -> Writing objects: ${n % 100}% (${n % 4000}/4000), 1.${n % 9} MiB | ${n % 30}.00 MiB/s, done.`
]

const ERROR_LINES: ReadonlyArray<(n: number) => string[]> = [
  n => [
    `src/components/widget${n % 211}.ts(${n % 400},${n % 60}): error TS2322: Type 'number' is not assignable to type 'string'.`
  ],
  n => [
    `lib/parser${n % 37}.c:${n % 900}:${n % 70}: warning: unused variable 'tmp${n % 9}' [-Wunused-variable]`
  ],
  n => [
    `pkg/util${n % 23}.py:${n % 300}:${n % 40}: F841 Local variable \`value\` is assigned to but never used`
  ],
  n => [`internal/store${n % 19}.go:${n % 500}:${n % 30}: undefined: cacheEntry${n % 7}`],
  n => [
    `app/models${n % 29}.py:${n % 700}: error: Incompatible return value type (got "int", expected "str")  [return-value]`
  ]
]

const BLOCKS: ReadonlyArray<(n: number) => string[]> = [
  n => [
    `/home/runner/work/app/app/src/feature${n % 41}.js`,
    `  ${n % 90}:${n % 30}  error    'unused${n % 5}' is assigned a value but never used  no-unused-vars`,
    `  ${(n % 90) + 3}:5   warning  Unexpected var, use let or const instead            no-var`,
    ''
  ],
  n => [
    `  ● math › multiplies case ${n % 100}`,
    '',
    '    expect(received).toBe(expected) // Object.is equality',
    '',
    `    Expected: ${n % 10}`,
    `    Received: ${(n % 10) + 1}`,
    '',
    `      at Object.<anonymous> (test/math${n % 13}.test.ts:${n % 80}:23)`,
    ''
  ],
  n => [
    `error[E0308]: mismatched types`,
    ` --> src/handler${n % 17}.rs:${n % 300}:18`,
    '  |',
    `${n % 300} |     let x: i32 = "five";`,
    '  |            ---   ^^^^^^ expected `i32`, found `&str`',
    ''
  ],
  n => [
    `--- FAIL: TestHandler${n % 50} (0.0${n % 9}s)`,
    `    handler_test.go:${n % 200}: got ${n % 7}, want ${(n % 7) + 1}`
  ]
]

/** Writes a log of about `megabytes` MB and returns its path. */
function generate(path: string, megabytes: number, every: number): number {
  const fd = openSync(path, 'w')
  const next = random(42)
  const target = megabytes * 1024 * 1024
  let clock = Date.UTC(2024, 0, 1)
  let written = 0
  let n = 0
  let text = ''
  const emit = (line: string) => {
    clock += 3
    text += `${new Date(clock).toISOString().slice(0, -1)}0000Z ${line}\n`
  }
  while (written < target) {
    n++
    if (n % 5000 === 1) {
      emit(`##[group]Run npm run check -- --shard ${n}`)
      emit('##[endgroup]')
    } else if (n % every === 0) {
      const roll = next()
      const lines =
        roll < 0.1
          ? (BLOCKS[n % BLOCKS.length] as (n: number) => string[])(n)
          : (ERROR_LINES[n % ERROR_LINES.length] as (n: number) => string[])(n)
      for (const line of lines) emit(line)
    } else if (n % 20000 === 0) emit('##[error]Process completed with exit code 1.')
    else emit((NOISE[Math.floor(next() * NOISE.length)] as (n: number) => string)(n))
    if (text.length > 1 << 20) {
      written += writeSync(fd, text)
      text = ''
    }
  }
  written += writeSync(fd, text)
  closeSync(fd)
  return written
}

interface ChildReport {
  ms: number
  /** CPU time (user + system) of the parse alone: steadier than wall time on a busy machine. */
  cpuMs: number
  bytes: number
  findings: number
  maxRssMb: number
}

/** In the child: parse the file and report time, findings and peak RSS as one JSON line. */
async function child(path: string): Promise<void> {
  const start = performance.now()
  const cpu = process.cpuUsage()
  let findings = 0
  const result = await readLogFile(path, { onFinding: () => findings++ })
  const used = process.cpuUsage(cpu)
  const report: ChildReport = {
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    bytes: result.bytes,
    findings,
    maxRssMb: process.resourceUsage().maxRSS / 1024
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

const TIME = '/usr/bin/time'

/** grep's wall time, and its CPU time when /usr/bin/time is there to tell it. */
function timeGrep(path: string): { ms: number; cpuMs: number | null; count: number } {
  const timed = existsSync(TIME)
  const start = performance.now()
  const run = timed
    ? spawnSync(TIME, ['-f', '%U %S', 'grep', '-cE', GREP_PATTERN, path], { encoding: 'utf8' })
    : spawnSync('grep', ['-cE', GREP_PATTERN, path], { encoding: 'utf8' })
  const ms = performance.now() - start
  if (run.error) throw run.error
  const [user, system] = timed ? (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : []
  const cpuMs = user !== undefined && system !== undefined ? (user + system) * 1000 : null
  return { ms, cpuMs, count: Number(run.stdout.trim()) }
}

function timeParser(path: string): ChildReport & { wallMs: number } {
  const start = performance.now()
  const run = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', path], { encoding: 'utf8' })
  const wallMs = performance.now() - start
  if (run.status !== 0) throw new Error(`parser child failed: ${run.stderr}`)
  const line = run.stdout.trim().split('\n').pop() ?? '{}'
  return { ...(JSON.parse(line) as ChildReport), wallMs }
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name)
  return index >= 0 ? Number(args[index + 1]) : fallback
}

export default async function logs(args: string[]): Promise<void> {
  const megabytes = option(args, '--mb', 200)
  const runs = option(args, '--runs', 3)
  const every = option(args, '--error-every', 100)
  const dir = mkdtempSync(join(tmpdir(), 'ccal-bench-logs-'))
  const path = join(dir, 'job.log')
  try {
    const generateStart = performance.now()
    generate(path, megabytes, every)
    const size = statSync(path).size
    const mb = size / (1024 * 1024)
    console.log(
      `generated ${mb.toFixed(1)} MB (a failure every ${every} lines) in ${((performance.now() - generateStart) / 1000).toFixed(1)} s: ${path}`
    )
    timeGrep(path) // warm the page cache for both contenders
    // Alternate the contenders so that a busy machine slows both alike.
    const greps: ReturnType<typeof timeGrep>[] = []
    const parses: ReturnType<typeof timeParser>[] = []
    for (let run = 0; run < runs; run++) {
      greps.push(timeGrep(path))
      parses.push(timeParser(path))
    }
    const grep = greps.reduce((best, run) => (run.ms < best.ms ? run : best))
    const parse = parses.reduce((best, run) => (run.ms < best.ms ? run : best))
    const grepRate = mb / (grep.ms / 1000)
    const parseRate = mb / (parse.ms / 1000)
    const peakRss = Math.max(...parses.map(run => run.maxRssMb))
    const grepCpu = Math.min(...greps.map(run => run.cpuMs ?? Number.POSITIVE_INFINITY))
    const parseCpu = Math.min(...parses.map(run => run.cpuMs))
    const cpuRatio = Number.isFinite(grepCpu) ? (grepCpu / parseCpu).toFixed(2) : 'n/a'
    console.log('')
    console.log(`| contender (best of ${runs}) | time (s) | MB/s | result |`)
    console.log('| --- | ---: | ---: | --- |')
    console.log(
      `| grep -cE '${GREP_PATTERN}' | ${(grep.ms / 1000).toFixed(2)} | ${grepRate.toFixed(0)} | ${grep.count} matching lines |`
    )
    console.log(
      `| ccal scanner (parse) | ${(parse.ms / 1000).toFixed(2)} | ${parseRate.toFixed(0)} | ${parse.findings} findings |`
    )
    console.log(
      `| ccal scanner (process wall, incl. node+tsx start) | ${(parse.wallMs / 1000).toFixed(2)} | ${(mb / (parse.wallMs / 1000)).toFixed(0)} | peak RSS ${peakRss.toFixed(0)} MB |`
    )
    console.log('')
    console.log(
      `RESULT logs throughput_mb_s=${parseRate.toFixed(0)} grep_mb_s=${grepRate.toFixed(0)} ratio_vs_grep=${(parseRate / grepRate).toFixed(2)} peak_rss_mb=${peakRss.toFixed(0)} cpu_ratio_vs_grep=${cpuRatio}`
    )
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child' && process.argv[3]) await child(process.argv[3])
