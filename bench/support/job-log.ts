// A generated GitHub Actions job log for the logs benchmark: the runner's framing (timestamps,
// `##[group]Run …` with the echoed script, `##[error]Process completed with exit code 1.`), steps
// of the kinds big CI logs are made of (installs, bundlers, Jest, pytest, go test, cargo, CMake,
// ESLint, ruff and mypy) with the noise each prints when it passes — progress lines, passing
// tests, console output with stack frames, warnings — and, in the steps that fail, their failures
// in the tools' own formats. Deterministic: the same options give the same bytes.
import { closeSync, openSync, writeSync } from 'node:fs'

export interface JobLogOptions {
  megabytes: number
  /** In a failing step, one line in this many starts a failure. */
  errorEvery: number
  /** One step in this many fails (1: every step). */
  failEvery: number
}

type Lines = (n: number) => string[]

/** How a step prints: one line of output at a time (`failing`: this line starts a failure). */
interface StepKind {
  run: string
  /** Lines of output for output number `n`; `failing` asks for a failure. */
  output: (n: number, failing: boolean) => string[]
  /** What the step prints after its output, given the failures it had (a test run's report). */
  report?: (failures: readonly number[]) => string[]
}

const ROOT = '/home/runner/work/app/app'

/** Compilers and linters: progress lines, a warning now and then, an error where it fails. */
function compiler(
  noise: ReadonlyArray<(n: number) => string>,
  warnings: readonly Lines[],
  errors: readonly Lines[]
) {
  return (n: number, failing: boolean): string[] => {
    if (failing) return pick(errors, n)(n)
    if (warnings.length > 0 && n % 300 === 7) return pick(warnings, n)(n)
    return [pick(noise, (n * 2654435761) >>> 7)(n)]
  }
}

const STEPS: readonly StepKind[] = [
  {
    run: 'npm ci',
    output: compiler(
      [
        n => `npm http fetch GET 200 https://registry.npmjs.org/package-${n % 977} ${n % 300}ms (cache hit)`,
        n => `npm warn deprecated inflight@1.0.${n % 9}: This module is not supported, and leaks memory.`,
        n => `added ${n % 1000} packages, and audited ${n % 1200} packages in ${n % 40}s`
      ],
      [n => [`npm warn EBADENGINE Unsupported engine { package: 'pkg-${n % 31}@2.0.0' }`]],
      [n => [`npm error 404 Not Found - GET https://registry.npmjs.org/@app%2fmissing-${n % 97} - Not found`]]
    )
  },
  {
    run: 'npx tsc --build && npx webpack --mode production',
    output: compiler(
      [
        n => `  ./src/components/Widget${n % 211}.tsx ${(n % 90) / 10} KiB [built] [code generated]`,
        n => `asset chunk-${n % 500}.js ${n % 900} KiB [emitted] [minimized] (name: chunk-${n % 500})`,
        n => `modules by path ./src/feature${n % 40}/ ${n % 300} KiB ${n % 20} modules`
      ],
      [n => [`WARNING in ./src/legacy/shim${n % 7}.js 12:4-19`, 'export was not found', '']],
      [
        n => [
          `src/components/widget${n % 211}.ts(${n % 400},${n % 60}): error TS2322: Type 'number' is not assignable to type 'string'.`
        ],
        n => [
          `##[error]src/api/client${n % 53}.ts(${n % 300},7): error TS2304: Cannot find name 'Fetcher${n % 9}'.`
        ]
      ]
    )
  },
  {
    // Jest's verbose reporter: each suite's tests, then the `●` block of each failed one.
    run: 'npx jest --ci --verbose',
    output: (n, failing) => {
      const lines: string[] = []
      if (n % 20 === 0) lines.push(`PASS src/module${n % 53}/feature${n % 7}.test.ts (${(n % 90) / 10} s)`)
      if (failing) {
        lines.push(
          `FAIL src/math${n % 13}.test.ts`,
          `  ✕ multiplies case ${n} (${n % 9} ms)`,
          '',
          `  ● math › multiplies case ${n}`,
          '',
          '    expect(received).toBe(expected) // Object.is equality',
          '',
          `    Expected: ${n % 10}`,
          `    Received: ${(n % 10) + 1}`,
          '',
          `      at Object.<anonymous> (src/math${n % 13}.test.ts:${n % 80}:23)`,
          '',
          // The next suite.
          `PASS src/module${n % 53}/feature${n % 7}.test.ts (${(n % 90) / 10} s)`
        )
      } else if (n % 300 === 7) {
        lines.push(
          '  console.log',
          `    fetched ${n % 100} users`,
          '',
          `      at Object.log (src/api/users${n % 13}.ts:${n % 80}:13)`,
          ''
        )
      } else lines.push(`  ✓ handles case number ${n} correctly (${n % 17} ms)`)
      return lines
    },
    report: failures => [
      `Test Suites: ${failures.length > 0 ? `${failures.length} failed, ` : ''}120 passed, ${120 + failures.length} total`,
      `Tests:       ${failures.length > 0 ? `${failures.length} failed, ` : ''}4000 passed`,
      'Ran all test suites.'
    ]
  },
  {
    // pytest -v: the progress lines, then a section for each failure and the short summary.
    run: 'python -m pytest -v',
    output: (n, failing) => [
      n % 300 === 7 && !failing
        ? `tests/test_module_${n % 40}.py:${n % 300}: DeprecationWarning: datetime.datetime.utcnow() is deprecated`
        : `tests/test_module_${n % 40}.py::test_case_${n} ${failing ? 'FAILED' : 'PASSED'}                     [ ${n % 100}%]`
    ],
    report: failures =>
      failures.length === 0
        ? ['============================= 4000 passed in 61.20s ============================']
        : [
            '=================================== FAILURES ===================================',
            ...failures.flatMap(n => [
              `____________________________ test_case_${n} ____________________________`,
              '',
              `    def test_case_${n}():`,
              `>       assert add(${n % 7}, 2) == ${(n % 7) + 3}`,
              `E       assert ${(n % 7) + 2} == ${(n % 7) + 3}`,
              '',
              `tests/test_module_${n % 40}.py:${n % 300}: AssertionError`
            ]),
            '=========================== short test summary info ============================',
            ...failures.map(
              n =>
                `FAILED tests/test_module_${n % 40}.py::test_case_${n} - assert ${(n % 7) + 2} == ${(n % 7) + 3}`
            ),
            `======================= ${failures.length} failed, 4000 passed in 61.20s =======================`
          ]
  },
  {
    run: 'ruff check . && mypy app',
    output: compiler(
      [n => `Checking app/module${n % 400}.py`, n => `app/module${n % 400}.py: ok`],
      [],
      [
        n => [
          `app/models${n % 29}.py:${n % 700}: error: Incompatible return value type (got "int", expected "str")  [return-value]`
        ],
        n => [
          `pkg/util${n % 23}.py:${n % 300}:${n % 40}: F841 Local variable \`value${n % 50}\` is assigned to but never used`
        ]
      ]
    )
  },
  {
    run: 'go test -v ./...',
    output: (n, failing) =>
      failing
        ? [
            `=== RUN   TestHandler${n}`,
            `    handler_test.go:${n % 200}: got ${n % 7}, want ${(n % 7) + 1}`,
            `--- FAIL: TestHandler${n} (0.0${n % 9}s)`
          ]
        : n % 40 === 0
          ? [`ok  \texample.com/service/pkg${n % 30}\t0.${n % 900}s`]
          : n % 2 === 0
            ? [`=== RUN   TestHandler${n}`]
            : [`--- PASS: TestHandler${n - 1} (0.0${n % 9}s)`],
    report: failures => (failures.length > 0 ? ['FAIL\texample.com/service/pkg3\t1.204s', 'FAIL'] : [])
  },
  {
    run: 'cargo clippy --all-targets -- -D warnings',
    output: compiler(
      [
        n => `   Compiling serde v1.0.${n % 200}`,
        n => `    Checking tokio v1.${n % 40}.0`,
        n => `   Compiling app-core v0.${n % 9}.0 (${ROOT}/crates/core)`
      ],
      [
        n => [
          `warning: unused variable: \`tmp${n % 9}\``,
          ` --> crates/core/src/cache${n % 11}.rs:${n % 300}:9`,
          '  |',
          `  = note: \`#[warn(unused_variables)]\` on by default`,
          ''
        ]
      ],
      [
        n => [
          'error[E0308]: mismatched types',
          ` --> src/handler${n % 17}.rs:${n % 3000}:18`,
          '  |',
          `${n % 300} |     let x: i32 = "five";`,
          '  |            ---   ^^^^^^ expected `i32`, found `&str`',
          ''
        ]
      ]
    )
  },
  {
    run: 'cmake --build build --parallel',
    output: compiler(
      [
        n => `[ ${n % 100}%] Building CXX object src/CMakeFiles/core.dir/parser${n % 300}.cpp.o`,
        n => `[ ${n % 100}%] Linking CXX static library libcore${n % 5}.a`
      ],
      [
        n => [
          `${ROOT}/src/parser${n % 300}.cpp:${n % 900}:${n % 70}: warning: unused variable 'tmp' [-Wunused-variable]`
        ]
      ],
      [
        n => [
          `${ROOT}/lib/parser${n % 37}.c:${n % 900}:${n % 70}: error: 'token${n % 500}' undeclared (first use in this function)`
        ]
      ]
    )
  },
  {
    run: 'npx eslint .',
    output: compiler(
      [n => `[lint] checked ${n % 5000} files`],
      [],
      [
        n => [
          `${ROOT}/src/feature${n % 41}.js`,
          `  ${n % 90}:${n % 30}  error    'unused${n % 500}' is assigned a value but never used  no-unused-vars`,
          `  ${(n % 90) + 3}:5   warning  Unexpected var, use let or const instead            no-var`,
          ''
        ]
      ]
    )
  }
]

/** Deterministic pseudo-random numbers. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 4294967296
  }
}

const pick = <T>(items: readonly T[], at: number): T => items[at % items.length] as T

/** Writes the log to `path`; returns its size in bytes. */
export function writeJobLog(path: string, options: JobLogOptions): number {
  const fd = openSync(path, 'w')
  const next = random(42)
  const target = options.megabytes * 1024 * 1024
  let clock = Date.UTC(2024, 0, 1)
  let written = 0
  let text = ''
  const emit = (line: string) => {
    clock += 3
    text += `${new Date(clock).toISOString().slice(0, -1)}0000Z ${line}\n`
    if (text.length > 1 << 20) {
      written += writeSync(fd, text)
      text = ''
    }
  }
  emit('\ufeff##[group]Runner Image')
  emit('Image: ubuntu-24.04')
  emit('##[endgroup]')
  let n = 0
  for (let step = 0; written + text.length < target; step++) {
    const kind = pick(STEPS, step)
    const fails = step % options.failEvery === options.failEvery - 1
    emit(`##[group]Run ${kind.run}`)
    emit(`\u001b[36;1m${kind.run}\u001b[0m`)
    emit('shell: /usr/bin/bash -e {0}')
    emit('##[endgroup]')
    const lines = 2000 + Math.floor(next() * 6000)
    const failures: number[] = []
    for (let line = 0; line < lines; line++) {
      n++
      const failing = fails && n % options.errorEvery === 0
      if (failing) failures.push(n)
      for (const out of kind.output(n, failing)) emit(out)
    }
    for (const out of kind.report?.(failures) ?? []) emit(out)
    if (fails) emit('##[error]Process completed with exit code 1.')
  }
  written += writeSync(fd, text)
  closeSync(fd)
  return written
}
