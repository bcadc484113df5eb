/**
 * Python dependency installs that fail: pip (no matching version, conflicting dependencies,
 * wheels that do not build), uv (no solution, a lockfile that needs updating) and Poetry (version
 * solving, a lock file older than pyproject.toml). Each problem is one finding, however many lines
 * the installer spends on it: pip's "No matching distribution found for x" repeats its "Could not
 * find a version … x", and its rich errors print their heading twice.
 */
import { finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

interface Pattern {
  pattern: RegExp
  tool: string
  rule: string
  file?: string
}

/** Each pattern's first group is the message. */
const LINES: readonly Pattern[] = [
  {
    pattern:
      /^ERROR: (Could not find a version that satisfies the requirement (\S+).*?)(?: \(from versions: .*\))?$/,
    tool: 'pip',
    rule: 'no-matching-version'
  },
  { pattern: /^ERROR: (No matching distribution found for (\S+))/, tool: 'pip', rule: 'no-matching-version' },
  {
    pattern: /^ERROR: (Cannot install .* because these package versions have conflicting dependencies\.?)/,
    tool: 'pip',
    rule: 'ResolutionImpossible'
  },
  { pattern: /^ERROR: (ResolutionImpossible.*)$/, tool: 'pip', rule: 'ResolutionImpossible' },
  { pattern: /^ERROR: (Failed building wheel for \S+)/, tool: 'pip', rule: 'wheel-build' },
  { pattern: /^ERROR: (Could not build wheels for .*)$/, tool: 'pip', rule: 'wheel-build' },
  { pattern: /^ERROR: (Invalid requirement: .*)$/, tool: 'pip', rule: 'invalid-requirement' },
  { pattern: /^ERROR: (Could not open requirements file: .*)$/, tool: 'pip', rule: 'requirements-file' },
  { pattern: /^ERROR: (Could not install packages due to an? .*)$/, tool: 'pip', rule: 'install' },
  { pattern: /^ERROR: (Package '.*' requires a different Python: .*)$/, tool: 'pip', rule: 'python-version' },
  { pattern: /^ERROR: (THESE PACKAGES DO NOT MATCH THE HASHES .*)$/, tool: 'pip', rule: 'hashes' },
  {
    pattern: /^error: (The lockfile at `?([^`\s]+)`? needs to be updated.*)$/,
    tool: 'uv',
    rule: 'lockfile',
    file: 'uv.lock'
  },
  { pattern: /^(Because .* version solving failed\.)$/, tool: 'poetry', rule: 'version-solving' },
  {
    pattern: /^(pyproject\.toml changed significantly since poetry\.lock was last generated.*)$/,
    tool: 'poetry',
    rule: 'lockfile',
    file: 'poetry.lock'
  },
  {
    pattern: /^(poetry\.lock is not consistent with pyproject\.toml.*)$/,
    tool: 'poetry',
    rule: 'lockfile',
    file: 'poetry.lock'
  }
]

const REQUIREMENTS_SOURCE = /\(from -r (\S+) \(line (\d+)\)\)/

/** pip's and uv's rich errors: `× heading`, then `│ …` / `╰─> …` lines. */
const RICH = /^\s*× (.+)$/
const RICH_DETAIL = /^\s*(?:│|╰─[>▶])\s?(.*)$/

function installs(emit: Emit): LineParser {
  const seen = new Set<string>()
  // A `×` heading is pip's or uv's only when a `│`/`╰─>` line follows: vitest and Biome mark failures with `×` too.
  let rich: { heading: string; detail: string | null; text: string[]; confirmed: boolean } | null = null
  const report = (tool: string, rule: string, message: string, excerpt: string, file?: string) => {
    const key = `${tool}|${rule}|${message}`
    if (seen.has(key)) return
    seen.add(key)
    // pip names the requirements file a pin came from: `(from -r requirements.txt (line 28))`.
    const source = REQUIREMENTS_SOURCE.exec(message)
    emit(
      finding({
        tool,
        rule,
        file: source ? (source[1] as string) : (file ?? null),
        line: source ? Number(source[2]) : null,
        message,
        excerpt
      })
    )
  }
  const flushRich = () => {
    if (!rich?.confirmed) {
      rich = null
      return
    }
    const message =
      rich.detail && /^Because /.test(rich.detail) ? `${rich.heading} ${rich.detail}` : rich.heading
    const tool = /^No solution found/.test(rich.heading) ? 'uv' : 'pip'
    report(tool, tool === 'uv' ? 'no-solution' : 'subprocess', message, rich.text.join('\n'))
    rich = null
  }
  return {
    line(text) {
      if (rich) {
        const detail = RICH_DETAIL.exec(text)
        if (detail) {
          rich.confirmed = true
          rich.text.push(text)
          if (rich.detail === null && detail[1] !== '' && !/^exit code:/.test(detail[1] as string))
            rich.detail = (detail[1] as string).trim()
          return true
        }
        flushRich()
      }
      const trimmed = text.trimStart()
      if (trimmed.startsWith('× ')) {
        const heading = RICH.exec(trimmed)
        if (heading) {
          rich = { heading: (heading[1] as string).trim(), detail: null, text: [text], confirmed: false }
          // Not taken: the line may be another tool's.
          return false
        }
      }
      const first = trimmed.charCodeAt(0)
      // E(RROR), e(rror), B(ecause), p(yproject / poetry): cheap before the patterns.
      if (first !== 69 && first !== 101 && first !== 66 && first !== 112) return false
      for (const { pattern, tool, rule, file } of LINES) {
        const match = pattern.exec(trimmed)
        if (!match) continue
        // "No matching distribution found for x" is the same problem as "Could not find a version … x".
        const requirement = rule === 'no-matching-version' ? (match[2] as string) : null
        if (requirement !== null) {
          const key = `pip|requirement|${requirement}`
          if (seen.has(key)) return true
          seen.add(key)
          // Both of pip's phrasings of this problem, so that either reads as its message.
          const details = (match[1] as string).replace(
            /^(?:Could not find a version that satisfies the requirement|No matching distribution found for) \S+\s*/,
            ''
          )
          report(
            tool,
            rule,
            `No matching distribution found for ${requirement}: no version satisfies the requirement${details ? ` ${details}` : ''}`,
            text,
            file
          )
          return true
        }
        if (
          rule === 'ResolutionImpossible' &&
          match[1]?.startsWith('ResolutionImpossible') &&
          seen.has('pip|conflict')
        )
          return true
        if (rule === 'ResolutionImpossible') seen.add('pip|conflict')
        report(tool, rule, match[1] as string, text, file)
        return true
      }
      return false
    },
    gap: flushRich,
    end() {
      flushRich()
      seen.clear()
    }
  }
}

export const pythonInstall: ToolParser = {
  name: 'python-install',
  tools: ['pip', 'uv', 'poetry'],
  block: installs
}
