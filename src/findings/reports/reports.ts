/**
 * Structured lint reports: SARIF 2.1.0, ESLint JSON, Ruff JSON, RuboCop JSON, golangci-lint JSON
 * and Checkstyle XML. Each takes the report's text, validates the parts it reads with zod (a report
 * of the wrong shape is an error that names the format), and returns findings.
 */
import { z } from 'zod'
import { finding, severityOf, type Finding, type Severity } from '../finding.js'
import { xmlElements } from './xml.js'

/** A report that is not what its format promises: the message says what was wrong, not a stack. */
export class ReportFormatError extends Error {}

function parseJson(text: string, format: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new ReportFormatError(
      `not valid JSON for ${format}: ${error instanceof Error ? error.message : String(error)}`
    )
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, format: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? issue.path.join('.') : 'the document'
  throw new ReportFormatError(`not a ${format} report: ${where}: ${issue?.message ?? 'unexpected shape'}`)
}

/** `file:///a/b.ts` → `/a/b.ts`; relative URIs stay as they are. */
function uriToPath(uri: string | undefined): string | null {
  if (!uri) return null
  if (uri.startsWith('file://')) return decodeURIComponent(uri.slice('file://'.length))
  return decodeURIComponent(uri)
}

const SarifMessage = z.looseObject({
  text: z.string().optional(),
  markdown: z.string().optional(),
  id: z.string().optional()
})
const SarifRegion = z.looseObject({ startLine: z.number().optional(), startColumn: z.number().optional() })
const SarifLocation = z.looseObject({
  physicalLocation: z
    .looseObject({
      artifactLocation: z
        .looseObject({
          uri: z.string().optional(),
          uriBaseId: z.string().optional(),
          index: z.number().optional()
        })
        .optional(),
      region: SarifRegion.optional()
    })
    .optional()
})
const SarifRule = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  shortDescription: SarifMessage.optional(),
  messageStrings: z.record(z.string(), SarifMessage).optional(),
  defaultConfiguration: z.looseObject({ level: z.string().optional() }).optional()
})
const SarifSchema = z.looseObject({
  version: z.string().optional(),
  runs: z.array(
    z.looseObject({
      tool: z.looseObject({
        driver: z.looseObject({ name: z.string(), rules: z.array(SarifRule).optional() }),
        extensions: z
          .array(z.looseObject({ name: z.string(), rules: z.array(SarifRule).optional() }))
          .optional()
      }),
      originalUriBaseIds: z.record(z.string(), z.looseObject({ uri: z.string().optional() })).optional(),
      artifacts: z
        .array(z.looseObject({ location: z.looseObject({ uri: z.string().optional() }).optional() }))
        .optional(),
      results: z
        .array(
          z.looseObject({
            ruleId: z.string().optional(),
            ruleIndex: z.number().optional(),
            rule: z.looseObject({ id: z.string().optional(), index: z.number().optional() }).optional(),
            level: z.string().optional(),
            kind: z.string().optional(),
            message: SarifMessage,
            locations: z.array(SarifLocation).optional(),
            suppressions: z
              .array(z.looseObject({ kind: z.string().optional(), status: z.string().optional() }))
              .optional(),
            baselineState: z.string().optional()
          })
        )
        .nullable()
        .optional()
    })
  )
})

/** SARIF level → severity; `none` and non-fail kinds are notes. */
function sarifSeverity(level: string | undefined): Severity {
  if (level === 'error') return 'error'
  if (level === 'warning' || level === undefined) return 'warning'
  return 'note'
}

/** Fills `{0}`-style placeholders of a SARIF message string. */
function formatMessage(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole)
}

/**
 * SARIF 2.1.0: one finding per result. Suppressed results (an accepted suppression: in source or
 * external, unless its status is `rejected` or `underReview`) and results in the `absent` baseline
 * state (already fixed) are left out.
 */
export function parseSarif(text: string): Finding[] {
  const log = validate(SarifSchema, parseJson(text, 'SARIF'), 'SARIF')
  const findings: Finding[] = []
  for (const run of log.runs) {
    const tool = run.tool.driver.name
    const rules = [
      ...(run.tool.driver.rules ?? []),
      ...(run.tool.extensions ?? []).flatMap(extension => extension.rules ?? [])
    ]
    for (const result of run.results ?? []) {
      const suppressed = (result.suppressions ?? []).some(
        suppression => suppression.status !== 'rejected' && suppression.status !== 'underReview'
      )
      if (suppressed || result.baselineState === 'absent') continue
      const ruleIndex = result.ruleIndex ?? result.rule?.index
      const rule =
        ruleIndex !== undefined
          ? rules[ruleIndex]
          : rules.find(candidate => candidate.id === (result.ruleId ?? result.rule?.id))
      const ruleId = result.ruleId ?? result.rule?.id ?? rule?.id ?? null
      const physical = result.locations?.[0]?.physicalLocation
      const artifact = physical?.artifactLocation
      let uri =
        artifact?.uri ??
        (artifact?.index !== undefined ? run.artifacts?.[artifact.index]?.location?.uri : undefined)
      const base = artifact?.uriBaseId ? run.originalUriBaseIds?.[artifact.uriBaseId]?.uri : undefined
      if (uri && base && !/^[a-z]+:\/\//.test(uri)) uri = `${base.replace(/\/?$/, '/')}${uri}`
      const template =
        result.message.text ??
        (result.message.id ? rule?.messageStrings?.[result.message.id]?.text : undefined)
      const args = ((result.message as { arguments?: unknown }).arguments ?? []) as string[]
      const level =
        result.level ?? (result.kind && result.kind !== 'fail' ? 'note' : rule?.defaultConfiguration?.level)
      findings.push(
        finding({
          tool: tool.toLowerCase(),
          file: uriToPath(uri),
          line: physical?.region?.startLine ?? null,
          column: physical?.region?.startColumn ?? null,
          rule: ruleId,
          severity: sarifSeverity(level),
          message: template
            ? formatMessage(template, args)
            : (rule?.shortDescription?.text ?? ruleId ?? 'finding')
        })
      )
    }
  }
  return findings
}

const EslintJsonSchema = z.array(
  z.looseObject({
    filePath: z.string(),
    messages: z.array(
      z.looseObject({
        ruleId: z.string().nullable().optional(),
        severity: z.number(),
        message: z.string(),
        line: z.number().optional(),
        column: z.number().optional(),
        fatal: z.boolean().optional()
      })
    )
  })
)

/** ESLint `-f json`: messages per file; severity 2 is an error, 1 a warning (suppressed messages are separate and skipped). */
export function parseEslintJson(text: string): Finding[] {
  const files = validate(EslintJsonSchema, parseJson(text, 'ESLint JSON'), 'ESLint JSON')
  return files.flatMap(file =>
    file.messages.map(message =>
      finding({
        tool: 'eslint',
        file: file.filePath,
        line: message.line ?? null,
        column: message.column ?? null,
        rule: message.ruleId ?? null,
        severity: message.severity >= 2 || message.fatal ? 'error' : 'warning',
        message: message.message
      })
    )
  )
}

const RuffJsonSchema = z.array(
  z.looseObject({
    code: z.string().nullable(),
    filename: z.string(),
    message: z.string(),
    location: z.looseObject({ row: z.number(), column: z.number() }).nullable().optional(),
    severity: z.string().optional(),
    name: z.string().optional()
  })
)

/** Ruff `--output-format json`. */
export function parseRuffJson(text: string): Finding[] {
  const items = validate(RuffJsonSchema, parseJson(text, 'Ruff JSON'), 'Ruff JSON')
  return items.map(item =>
    finding({
      tool: 'ruff',
      file: item.filename,
      line: item.location?.row ?? null,
      column: item.location?.column ?? null,
      rule: item.code ?? item.name ?? null,
      // Ruff reports everything as "error"; syntax errors have no code.
      severity:
        item.code === null || item.code.startsWith('F') || item.code.startsWith('E9') ? 'error' : 'warning',
      message: item.message
    })
  )
}

const RubocopJsonSchema = z.looseObject({
  files: z.array(
    z.looseObject({
      path: z.string(),
      offenses: z.array(
        z.looseObject({
          severity: z.string(),
          message: z.string(),
          cop_name: z.string(),
          location: z.looseObject({
            start_line: z.number().optional(),
            line: z.number().optional(),
            start_column: z.number().optional(),
            column: z.number().optional()
          })
        })
      )
    })
  )
})

/** RuboCop `--format json`: conventions and refactorings are still work, so warnings. */
export function parseRubocopJson(text: string): Finding[] {
  const report = validate(RubocopJsonSchema, parseJson(text, 'RuboCop JSON'), 'RuboCop JSON')
  return report.files.flatMap(file =>
    file.offenses.map(offense =>
      finding({
        tool: 'rubocop',
        file: file.path,
        line: offense.location.start_line ?? offense.location.line ?? null,
        column: offense.location.start_column ?? offense.location.column ?? null,
        rule: offense.cop_name,
        severity:
          offense.severity === 'error' || offense.severity === 'fatal'
            ? 'error'
            : offense.severity === 'info'
              ? 'note'
              : 'warning',
        message: offense.message
      })
    )
  )
}

const GolangciJsonSchema = z.looseObject({
  Issues: z
    .array(
      z.looseObject({
        FromLinter: z.string(),
        Text: z.string(),
        Severity: z.string().optional(),
        Pos: z.looseObject({
          Filename: z.string(),
          Line: z.number().optional(),
          Column: z.number().optional()
        })
      })
    )
    .nullable()
})

/** golangci-lint `--out-format json` (v1) / `--output.json.path` (v2). */
export function parseGolangciJson(text: string): Finding[] {
  const report = validate(GolangciJsonSchema, parseJson(text, 'golangci-lint JSON'), 'golangci-lint JSON')
  return (report.Issues ?? []).map(issue =>
    finding({
      tool: 'golangci-lint',
      file: issue.Pos.Filename,
      line: issue.Pos.Line ?? null,
      column: issue.Pos.Column || null,
      rule: issue.FromLinter,
      severity: severityOf(issue.Severity, 'error'),
      message: issue.Text
    })
  )
}

/** Checkstyle XML (Checkstyle itself, shellcheck, ktlint, detekt, PHP_CodeSniffer…): `<file name><error …/>`. */
export function parseCheckstyle(text: string): Finding[] {
  const findings: Finding[] = []
  let file: string | null = null
  let sawRoot = false
  for (const element of xmlElements(text)) {
    if (element.name === 'checkstyle') sawRoot = true
    else if (element.name === 'file') file = element.attributes.name ?? null
    else if (element.name === 'error') {
      const source = element.attributes.source ?? null
      const line = Number.parseInt(element.attributes.line ?? '', 10)
      const column = Number.parseInt(element.attributes.column ?? '', 10)
      findings.push(
        finding({
          tool: source?.includes('.') ? (source.split('.')[0] as string).toLowerCase() : 'checkstyle',
          file,
          line: Number.isFinite(line) ? line : null,
          column: Number.isFinite(column) ? column : null,
          rule: source?.includes('.') ? source.slice(source.indexOf('.') + 1) : source,
          severity: severityOf(element.attributes.severity, 'warning'),
          message: element.attributes.message ?? ''
        })
      )
    }
  }
  if (!sawRoot) throw new ReportFormatError('not a Checkstyle report: no <checkstyle> element')
  return findings
}
