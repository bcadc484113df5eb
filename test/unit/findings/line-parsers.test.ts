import { describe, expect, it } from '@jest/globals'
import { parseLogText } from '../../../src/findings/log/log-parser.js'
import { fixture } from './fixtures.js'

const brief = (text: string) =>
  parseLogText(text, { every: true }).map(f => [
    f.tool,
    f.file,
    f.line,
    f.column,
    f.rule,
    f.severity,
    f.message
  ])

describe('tool output parsers', () => {
  it('reads tsc errors in plain and pretty (coloured) form alike', () => {
    const plain = brief(fixture('tsc/tsc.txt'))
    const pretty = brief(fixture('tsc/tsc-pretty.txt'))

    expect(plain).toEqual(pretty)
    expect(plain[0]).toEqual([
      'tsc',
      'src/shapes.ts',
      7,
      9,
      'TS2322',
      'error',
      "Type 'number' is not assignable to type 'string'."
    ])
    expect(plain).toHaveLength(3)
  })

  it('reads ESLint stylish rows under their file line, and compact lines, with the same findings', () => {
    const stylish = brief(fixture('eslint/stylish.txt'))
    const compact = brief(fixture('eslint/compact.txt')).map(row => [
      ...row.slice(0, 6),
      String(row[6]).replace(/\.$/, '')
    ])

    expect(stylish).toEqual(compact)
    expect(stylish).toContainEqual([
      'eslint',
      '/tmp/fx/src/math.js',
      5,
      9,
      'eqeqeq',
      'error',
      "Expected '===' and instead saw '=='"
    ])
    expect(stylish.filter(row => row[5] === 'warning')).toHaveLength(2)
  })

  it('reads jest failures with the test name as rule, the expectation as message and the place from the stack', () => {
    const findings = parseLogText(fixture('jest/jest.txt'))

    expect(findings[0]).toMatchObject({
      tool: 'jest',
      file: 'test/math.test.cjs',
      line: 9,
      column: 23,
      rule: 'math › multiplies two numbers',
      message: 'expect(received).toBe(expected) // Object.is equality; Expected: 7; Received: 6'
    })
    expect(findings[0]?.excerpt).toContain('>  9 |     expect(mul(2, 3)).toBe(7)')
    expect(findings.filter(f => f.rule === 'Test suite failed to run').map(f => f.file)).toEqual([
      'vtest/calc.test.js',
      'ntest/calc.test.mjs'
    ])
  })

  it('reads vitest failures through its colour codes', () => {
    expect(brief(fixture('vitest/vitest.txt'))).toEqual([
      [
        'vitest',
        'vtest/calc.test.js',
        9,
        23,
        'calc > adds wrongly',
        'error',
        'AssertionError: expected 4 to be 5 // Object.is equality'
      ],
      [
        'vitest',
        'vtest/calc.test.js',
        13,
        18,
        'calc > throws on undefined',
        'error',
        "TypeError: Cannot read properties of undefined (reading 'length')"
      ]
    ])
  })

  it('reads node --test TAP failures with their location', () => {
    expect(brief(fixture('node-test/node-test.txt'))).toEqual([
      [
        'node-test',
        '/tmp/fx/ntest/calc.test.mjs',
        8,
        1,
        'subtracts',
        'error',
        'Expected values to be strictly equal:'
      ]
    ])
  })

  it('reads pytest failures: message from the E lines, place from the traceback, one per test', () => {
    const findings = brief(fixture('pytest/pytest.txt'))

    expect(findings).toEqual([
      ['pytest', 'tests/test_util.py', 9, null, 'test_add_negative', 'error', 'assert -3 == -4'],
      [
        'pytest',
        'tests/test_util.py',
        13,
        null,
        'test_greet',
        'error',
        "AssertionError: assert 'hello bob' == 'hi bob'"
      ],
      [
        'pytest',
        'tests/test_util.py',
        17,
        null,
        'test_boom',
        'error',
        'ValueError: unexpected value 0x7f3a2c at /tmp/pytest-of-root/pytest-3/data.json'
      ]
    ])
  })

  it('reads go test failures per (sub)test without reporting the parent again', () => {
    expect(brief(fixture('go/go-test.txt'))).toEqual([
      ['go-test', 'calc_test.go', 7, null, 'TestAdd', 'error', 'Add(1, 2) = 4; want 3'],
      ['go-test', 'calc_test.go', 22, null, 'TestTable/case', 'error', 'Add(1, 1) = 3; want 2'],
      ['go-test', 'calc_test.go', 22, null, 'TestTable/case#01', 'error', 'Add(2, 2) = 5; want 4']
    ])
  })

  it('reads go build and go vet errors', () => {
    expect(brief(fixture('go/go-build.txt'))).toContainEqual([
      'go',
      'broken/broken.go',
      7,
      9,
      null,
      'error',
      'undefined: y'
    ])
    expect(brief(fixture('go/go-vet.txt'))).toEqual([
      ['go', 'broken/broken.go', 7, 9, null, 'error', 'undeclared name: y']
    ])
  })

  it('reads golangci-lint lines with the linter as rule', () => {
    expect(brief(fixture('golangci/golangci.txt'))[1]).toEqual([
      'golangci-lint',
      'calc/calc.go',
      21,
      12,
      'errcheck',
      'error',
      'Error return value of `os.Remove` is not checked'
    ])
  })

  it('reads cargo diagnostics at their --> location, with the lint name when there is no code', () => {
    expect(brief(fixture('cargo/cargo-build.txt'))).toEqual([
      ['cargo', 'src/main.rs', 3, 20, 'E0425', 'error', 'cannot find value `y` in this scope'],
      ['cargo', 'src/main.rs', 2, 18, 'E0308', 'error', 'mismatched types']
    ])
    expect(brief(fixture('cargo/cargo-test.txt'))).toEqual([
      ['cargo', 'src/lib.rs', 2, 9, 'unused_variables', 'warning', 'unused variable: `unused`'],
      ['cargo-test', 'src/lib.rs', 12, 9, 'tests::adds', 'error', 'assertion `left == right` failed'],
      [
        'cargo-test',
        'src/lib.rs',
        17,
        9,
        'tests::adds_zero',
        'error',
        'assertion `left == right` failed: zero plus zero'
      ]
    ])
  })

  it('reads gcc and clang diagnostics with the -W flag as rule', () => {
    expect(brief(fixture('gcc/gcc.txt'))).toContainEqual([
      'gcc',
      'main.c',
      4,
      9,
      '-Wunused-variable',
      'warning',
      'unused variable ‘unused’'
    ])
    expect(brief(fixture('clang/clang.txt'))).toContainEqual([
      'gcc',
      'main.c',
      12,
      12,
      null,
      'error',
      "use of undeclared identifier 'undefined_value'"
    ])
  })

  it('reads mypy with and without columns, the error code as rule', () => {
    const withColumns = brief(fixture('mypy/mypy-columns.txt'))

    expect(withColumns[1]).toEqual([
      'mypy',
      'pkg/util.py',
      11,
      12,
      'return-value',
      'error',
      'Incompatible return value type (got "int", expected "str")'
    ])
    expect(brief(fixture('mypy/mypy.txt')).map(row => row[2])).toEqual([10, 11])
  })

  it('reads ruff/flake8 codes, and pylint codes with their symbols in the message', () => {
    expect(brief(fixture('flake8/flake8.txt'))[0]).toEqual([
      'flake8',
      'pkg/util.py',
      2,
      1,
      'F401',
      'error',
      "'sys' imported but unused"
    ])
    expect(brief(fixture('ruff/ruff-concise.txt'))).toContainEqual([
      'ruff',
      'pkg/util.py',
      2,
      8,
      'F401',
      'error',
      '`sys` imported but unused'
    ])
    expect(brief(fixture('ruff/ruff-concise.txt'))).toHaveLength(14)
    expect(brief(fixture('pylint/pylint.txt'))).toContainEqual([
      'pylint',
      'pkg/util.py',
      18,
      15,
      'E0602',
      'error',
      "Undefined variable 'undefined_name' (undefined-variable)"
    ])
  })

  it('reads shellcheck gcc-format lines and RuboCop emacs lines', () => {
    expect(brief(fixture('shellcheck/shellcheck-gcc.txt'))[3]).toEqual([
      'shellcheck',
      'deploy.sh',
      7,
      1,
      'SC2164',
      'warning',
      "Use 'cd ... || exit' or 'cd ... || return' in case cd fails."
    ])
    expect(brief(fixture('rubocop/rubocop-emacs.txt'))).toContainEqual([
      'rubocop',
      '/tmp/fx/rb/app.rb',
      8,
      5,
      'Lint/UselessAssignment',
      'warning',
      'Useless assignment to variable - `y`.'
    ])
  })

  it('reads Biome diagnostics with the marker as severity', () => {
    const findings = brief(fixture('biome/biome.txt'))

    expect(findings).toContainEqual([
      'biome',
      'src/math.js',
      6,
      3,
      'lint/suspicious/noDebugger',
      'error',
      'This is an unexpected use of the debugger statement.'
    ])
    expect(findings[0]?.[5]).toBe('note')
    expect(findings).toHaveLength(8)
  })

  it('finds nothing in install noise, download progress and passing tests', () => {
    const noise = [
      'added 512 packages, and audited 513 packages in 9s',
      'npm warn deprecated inflight@1.0.6: This module is not supported',
      'Downloading https://example.com/runner.tar.gz [42%]',
      'PASS test/format.test.cjs',
      '    ✓ pads numbers (3 ms)',
      'tests/test_util.py::test_add PASSED                                     [ 25%]',
      'ok  \texample.com/calc/calc\t0.003s',
      '   Compiling serde v1.0.197',
      'Test Suites: 1 passed, 1 total',
      '0 errors, 0 warnings',
      'src/errors.ts is up to date'
    ].join('\n')

    expect(parseLogText(noise)).toEqual([])
  })
})
