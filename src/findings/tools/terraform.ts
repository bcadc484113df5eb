/**
 * Terraform (and OpenTofu, tflint): diagnostics as boxes (`│ Error: Summary`, `│   on main.tf line
 * 12, in resource …:`, the detail) or, with `-no-color` in older versions, the same lines without
 * the box; and `terraform fmt -check`, which prints only the names of the files it would change.
 */
import { finding, severityOf } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const HEADING = /^(Error|Warning): (.+?)(?: \(([a-z][\w-]+)\))?$/
const PLACE = /^on (\S+) line (\d+)(?:, in .*)?:?$/
const FMT_FILE = /^(?:[\w.-]+\/)*[\w.-]+\.(?:tf|tfvars|tofu|hcl)$/

/** A diagnostic's line without the box drawing: `│ `, `╷`, `╵`. */
function unboxed(text: string): string {
  return text.replace(/^\s*[│╷╵]/, '').trim()
}

function diagnostics(emit: Emit): LineParser {
  let current: {
    severity: string
    summary: string
    rule: string | null
    file: string | null
    line: number | null
    detail: string | null
    lines: string[]
    boxed: boolean
  } | null = null
  const flush = () => {
    if (!current) return
    // Without its box, `Error: …` is Terraform's only when its `on file line N` place followed.
    if (!current.boxed && current.file === null) {
      current = null
      return
    }
    emit(
      finding({
        tool: 'terraform',
        file: current.file,
        line: current.line,
        severity: severityOf(current.severity),
        rule: current.rule,
        message: [current.summary, current.detail].filter(Boolean).join(': ') || 'Terraform error',
        excerpt: current.lines.join('\n')
      })
    )
    current = null
  }
  return {
    line(text) {
      // Outside a diagnostic, only a heading, a box, a place or a file name of `fmt -check` matters.
      if (
        current === null &&
        !text.includes('Error: ') &&
        !text.includes('Warning: ') &&
        !text.includes('│') &&
        !text.includes('.tf')
      )
        return false
      const trimmed = text.trimStart()
      const boxed = trimmed.startsWith('│') || trimmed.startsWith('╷') || trimmed.startsWith('╵')
      const inner = boxed ? unboxed(text) : text.trim()
      if (inner.startsWith('Error: ') || inner.startsWith('Warning: ')) {
        const heading = HEADING.exec(inner)
        if (heading) {
          flush()
          current = {
            severity: heading[1] as string,
            summary: heading[2] as string,
            rule: heading[3] ?? null,
            file: null,
            line: null,
            detail: null,
            lines: [text],
            boxed
          }
          return true
        }
      }
      if (!current) {
        // A box whose heading is not shown (a log cut inside it): its place still says where.
        const place = boxed ? PLACE.exec(inner) : null
        if (place) {
          current = {
            severity: 'Error',
            summary: '',
            rule: null,
            file: place[1] as string,
            line: int(place[2]),
            detail: null,
            lines: [text],
            boxed
          }
          return true
        }
        if (FMT_FILE.test(inner) && !boxed) {
          emit(
            finding({
              tool: 'terraform',
              file: inner,
              rule: 'fmt',
              message: `${inner} is not formatted as \`terraform fmt\` would`,
              excerpt: text
            })
          )
          return true
        }
        return false
      }
      if (trimmed.startsWith('╵') || (!current.boxed && inner === '' && current.detail !== null)) {
        current.lines.push(text)
        flush()
        return true
      }
      if (!boxed && current.boxed) {
        flush()
        return false
      }
      current.lines.push(text)
      const place = PLACE.exec(inner)
      if (place) {
        current.file = place[1] as string
        current.line = int(place[2])
        return true
      } else if (
        current.detail === null &&
        inner !== '' &&
        current.file !== null &&
        !/^\d+:/.test(inner) &&
        !inner.startsWith('├') &&
        !inner.startsWith('│')
      ) {
        current.detail = inner
      }
      if (current.lines.length > 30) flush()
      return current?.boxed === true || current?.file != null
    },
    gap() {},
    end: flush
  }
}

export const terraform: ToolParser = { name: 'terraform', tools: ['terraform'], block: diagnostics }
