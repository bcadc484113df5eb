import { describe, expect, it } from '@jest/globals'
import {
  lineRanges,
  parseCobertura,
  parseGoCoverprofile,
  parseIstanbulFinal,
  parseIstanbulSummary,
  parseLcov
} from '../../../src/findings/reports/coverage.js'
import { UnsupportedInputError, detectFormat, parseAnyInput } from '../../../src/findings/detect.js'
import {
  parseCheckstyle,
  parseEslintJson,
  parseGolangciJson,
  parseRubocopJson,
  parseRuffJson,
  parseSarif
} from '../../../src/findings/reports/reports.js'
import { fixture } from './fixtures.js'

const brief = (findings: ReturnType<typeof parseSarif>) =>
  findings.map(f => [f.file, f.line, f.column, f.rule, f.severity, f.message])

describe('lint report parsers', () => {
  it('reads ESLint SARIF like ESLint JSON, leaving out the suppressed result', () => {
    const sarif = parseSarif(fixture('eslint/eslint.sarif'))
    const json = parseEslintJson(fixture('eslint/eslint.json'))

    expect(brief(sarif)).toEqual(brief(json))
    expect(sarif.some(f => f.file?.endsWith('quiet.js'))).toBe(false)
    expect(sarif[0]?.tool).toBe('eslint')
  })

  it('reads ruff SARIF and ruff JSON to the same places and codes', () => {
    const place = (findings: ReturnType<typeof parseSarif>) =>
      findings.map(f => [f.file, f.line, f.column, f.rule, f.message])

    expect(place(parseSarif(fixture('ruff/ruff.sarif')))).toEqual(
      place(parseRuffJson(fixture('ruff/ruff.json')))
    )
  })

  it('honours external suppressions unless rejected, and skips results already fixed', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'CodeQL',
              rules: [{ id: 'js/xss', messageStrings: { default: { text: 'Flows to {0}.' } } }]
            }
          },
          results: [
            {
              ruleId: 'js/xss',
              message: { id: 'default', arguments: ['innerHTML'] },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'src/a.js' }, region: { startLine: 4 } } }
              ]
            },
            {
              ruleId: 'js/xss',
              message: { text: 'kept' },
              suppressions: [{ kind: 'external', status: 'rejected' }]
            },
            { ruleId: 'js/xss', message: { text: 'accepted' }, suppressions: [{ kind: 'external' }] },
            { ruleId: 'js/xss', message: { text: 'gone' }, baselineState: 'absent' }
          ]
        }
      ]
    }

    const findings = parseSarif(JSON.stringify(log))

    expect(findings.map(f => [f.file, f.line, f.message, f.severity])).toEqual([
      ['src/a.js', 4, 'Flows to innerHTML.', 'warning'],
      [null, null, 'kept', 'warning']
    ])
  })

  it('reads RuboCop JSON and golangci-lint JSON with rule names', () => {
    expect(brief(parseRubocopJson(fixture('rubocop/rubocop.json')))).toContainEqual([
      'app.rb',
      8,
      5,
      'Lint/UselessAssignment',
      'warning',
      'Useless assignment to variable - `y`.'
    ])
    expect(brief(parseGolangciJson(fixture('golangci/golangci.json')))[2]).toEqual([
      'server/http.go',
      48,
      1,
      'revive',
      'warning',
      'exported function `Serve` should have comment or be unexported'
    ])
  })

  it('reads Checkstyle XML with entities decoded and the source as tool and rule', () => {
    const findings = parseCheckstyle(fixture('shellcheck/checkstyle.xml'))

    expect(findings[3]).toMatchObject({
      tool: 'shellcheck',
      file: 'deploy.sh',
      line: 7,
      column: 1,
      rule: 'SC2164',
      severity: 'warning',
      message: "Use 'cd ... || exit' or 'cd ... || return' in case cd fails."
    })
    expect(findings[0]?.message).toBe("Use ./*glob* or -- *glob* so names with dashes won't become options.")
  })
})

describe('coverage parsers', () => {
  it('agree on the uncovered lines of the same jest run in lcov, Cobertura and Istanbul form', () => {
    const lcov = parseLcov(fixture('coverage/lcov.info'))
    const cobertura = parseCobertura(fixture('coverage/cobertura.xml'))
    const istanbul = parseIstanbulFinal(JSON.parse(fixture('coverage/coverage-final.json')))

    expect(lcov).toEqual([{ file: 'lib/math.cjs', lines: 8, covered: 5, uncovered: [13, 14, 16] }])
    expect(cobertura).toEqual(lcov)
    expect(istanbul.map(f => ({ ...f, file: f.file.replace('/tmp/fx/', '') }))).toEqual(lcov)
  })

  it('reads totals from coverage-summary.json', () => {
    expect(parseIstanbulSummary(JSON.parse(fixture('coverage/coverage-summary.json')))).toEqual([
      { file: '/tmp/fx/lib/math.cjs', lines: 8, covered: 5, uncovered: [] }
    ])
  })

  it('reads a Go coverprofile per line, a line counting as run when any block on it ran', () => {
    const [calc] = parseGoCoverprofile(fixture('coverage/go-cover.out'))

    expect(calc?.file).toBe('example.com/calc/calc/calc.go')
    expect(lineRanges(calc?.uncovered ?? [])).toBe('14-18')
  })

  it('names uncovered lines as ranges', () => {
    expect(lineRanges([1, 2, 3, 7, 9, 10])).toBe('1-3, 7, 9-10')
    expect(lineRanges([])).toBe('')
  })
})

describe('format detection', () => {
  it.each([
    ['eslint/eslint.sarif', 'sarif'],
    ['ruff/ruff.sarif', 'sarif'],
    ['eslint/eslint.json', 'eslint-json'],
    ['ruff/ruff.json', 'ruff-json'],
    ['rubocop/rubocop.json', 'rubocop-json'],
    ['golangci/golangci.json', 'golangci-json'],
    ['shellcheck/checkstyle.xml', 'checkstyle'],
    ['coverage/cobertura.xml', 'cobertura'],
    ['coverage/lcov.info', 'lcov'],
    ['coverage/coverage-final.json', 'istanbul'],
    ['coverage/coverage-summary.json', 'istanbul-summary'],
    ['coverage/go-cover.out', 'go-coverprofile'],
    ['actions/job.log', 'actions-log'],
    ['tsc/tsc.txt', 'text']
  ])('recognises %s as %s from its content', (path, format) => {
    expect(detectFormat(fixture(path))).toBe(format)
  })

  it('refuses JSON of an unknown shape, broken JSON and text with no tool output, naming the format tried', () => {
    const attempt = (text: string, name = ''): unknown[] | null => {
      try {
        parseAnyInput(text, 'auto', name)
        return null
      } catch (error) {
        return error instanceof UnsupportedInputError ? [error.format, error.message] : [error]
      }
    }

    expect(attempt('{"name": "ccal"}')).toEqual(['auto', 'not a supported format'])
    expect(attempt('{"runs": [', 'x.sarif')?.[0]).toBe('json')
    expect(attempt('hello\nworld\n')).toEqual(['auto', 'no output of a supported tool found'])
    expect(attempt('<checkstyle><file name="a">')).toEqual([
      'checkstyle',
      'malformed XML (document ends inside an element)'
    ])
    expect(attempt('<checkstyle><file name="a&#x110000;"></file></checkstyle>')).toEqual([
      'checkstyle',
      "malformed XML (invalid character reference '&#x110000;')"
    ])
  })

  it('names the format and what is wrong when a named format does not fit', () => {
    expect(() => parseAnyInput('[{"nope": 1}]', 'eslint-json')).toThrow(
      'not a ESLint JSON report: 0.filePath'
    )
  })
})
