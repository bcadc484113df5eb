/**
 * Python dependency installs that fail: pip (no matching version, conflicting dependencies,
 * wheels that do not build), uv (no solution, a lockfile that needs updating) and Poetry (version
 * solving, a lock file older than pyproject.toml). Installers say one problem several times (pip's
 * "Could not find a version … x" and "No matching distribution found for x"; its "× Building wheel
 * for x did not run successfully", "Failed building wheel for x" and "Could not build wheels for
 * x"): the lines that name the same problem are one finding, which keeps the words they were
 * printed with.
 */
import { finding, type Finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

interface Pattern {
  pattern: RegExp
  tool: string
  rule: string
  /** The problem a match names: lines with the same problem are one finding. */
  problem: (match: RegExpExecArray) => string
  file?: string
}

const byPackage = (prefix: string) => (match: RegExpExecArray) =>
  `${prefix}:${(match[1] ?? '').toLowerCase()}`
const once = (name: string) => () => name

/** One-line problems; each pattern's first group names the package or requirement, when there is one. */
const LINES: readonly Pattern[] = [
  {
    pattern: /^ERROR: Could not find a version that satisfies the requirement (\S+)/,
    tool: 'pip',
    rule: 'no-matching-version',
    problem: byPackage('requirement')
  },
  {
    pattern: /^ERROR: No matching distribution found for (\S+)/,
    tool: 'pip',
    rule: 'no-matching-version',
    problem: byPackage('requirement')
  },
  {
    pattern: /^ERROR: Cannot install .* because these package versions have conflicting dependencies/,
    tool: 'pip',
    rule: 'ResolutionImpossible',
    problem: once('conflict')
  },
  {
    pattern: /^ERROR: ResolutionImpossible/,
    tool: 'pip',
    rule: 'ResolutionImpossible',
    problem: once('conflict')
  },
  {
    pattern: /^ERROR: Failed building wheel for (\S+)/,
    tool: 'pip',
    rule: 'wheel-build',
    problem: byPackage('wheel')
  },
  {
    pattern: /^ERROR: (?:Could not build wheels for|Failed to build) (\S+?),?(?: which| |$)/,
    tool: 'pip',
    rule: 'wheel-build',
    problem: byPackage('wheel')
  },
  {
    pattern: /^ERROR: Invalid requirement: (.*)$/,
    tool: 'pip',
    rule: 'invalid-requirement',
    problem: byPackage('invalid')
  },
  {
    pattern: /^ERROR: Could not open requirements file: .*$/,
    tool: 'pip',
    rule: 'requirements-file',
    problem: once('requirements-file')
  },
  {
    pattern: /^ERROR: Could not install packages due to an? .*$/,
    tool: 'pip',
    rule: 'install',
    problem: once('install')
  },
  {
    pattern: /^ERROR: Package '(.*)' requires a different Python: .*$/,
    tool: 'pip',
    rule: 'python-version',
    problem: byPackage('python')
  },
  {
    pattern: /^ERROR: THESE PACKAGES DO NOT MATCH THE HASHES .*$/,
    tool: 'pip',
    rule: 'hashes',
    problem: once('hashes')
  },
  {
    pattern: /^error: The lockfile at `?[^`\s]+`? needs to be updated.*$/,
    tool: 'uv',
    rule: 'lockfile',
    problem: once('uv-lockfile'),
    file: 'uv.lock'
  },
  {
    pattern: /^Because .* version solving failed\.$/,
    tool: 'poetry',
    rule: 'version-solving',
    problem: once('solving')
  },
  {
    pattern: /^pyproject\.toml changed significantly since poetry\.lock was last generated.*$/,
    tool: 'poetry',
    rule: 'lockfile',
    problem: once('poetry-lockfile'),
    file: 'poetry.lock'
  },
  {
    pattern: /^poetry\.lock is not consistent with pyproject\.toml.*$/,
    tool: 'poetry',
    rule: 'lockfile',
    problem: once('poetry-lockfile'),
    file: 'poetry.lock'
  }
]

/** pip's and uv's rich errors: `× heading`, then `│ …` / `╰─> …` lines. */
const RICH = /^\s*× (.+)$/
const RICH_DETAIL = /^\s*(?:│|╰─[>▶])\s?(.*)$/
/** The package a rich heading is about: `× Building wheel for gryffin (pyproject.toml) did not run successfully.` */
const RICH_WHEEL = /^Building wheel for (\S+)/
const REQUIREMENTS_SOURCE = /\(from -r (\S+) \(line (\d+)\)\)/

function installs(emit: Emit): LineParser {
  /** The problems of the step, in the order they were first named; given out when it ends. */
  const problems = new Map<string, Finding>()
  // A `×` heading is pip's or uv's only when a `│`/`╰─>` line follows: Vitest and Biome mark failures with `×` too.
  let rich: { heading: string; detail: string | null; text: string[]; confirmed: boolean } | null = null

  const name = (
    problem: string,
    tool: string,
    rule: string,
    words: string,
    excerpt: string,
    file?: string
  ) => {
    const known = problems.get(problem)
    if (known) {
      if (!known.message.includes(words)) {
        known.message = `${known.message} — ${words}`
        known.excerpt = `${known.excerpt}\n${excerpt}`
      }
      return
    }
    // pip names the requirements file a pin came from: `(from -r requirements.txt (line 28))`.
    const source = REQUIREMENTS_SOURCE.exec(words)
    problems.set(
      problem,
      finding({
        tool,
        rule,
        file: source ? (source[1] as string) : (file ?? null),
        line: source ? Number(source[2]) : null,
        message: words,
        excerpt
      })
    )
  }
  const flushRich = () => {
    const current = rich
    rich = null
    if (!current?.confirmed) return
    const uv = /^No solution found/.test(current.heading)
    const words =
      current.detail && /^Because /.test(current.detail)
        ? `${current.heading} ${current.detail}`
        : current.heading
    const wheel = RICH_WHEEL.exec(current.heading)
    name(
      uv
        ? 'uv:no-solution'
        : wheel
          ? `wheel:${(wheel[1] as string).toLowerCase()}`
          : `rich:${current.heading}`,
      uv ? 'uv' : 'pip',
      uv ? 'no-solution' : wheel ? 'wheel-build' : 'subprocess',
      words,
      current.text.join('\n')
    )
  }
  const flush = () => {
    flushRich()
    for (const found of problems.values()) emit(found)
    problems.clear()
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
      const trimmed = text.trim()
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
      for (const { pattern, tool, rule, problem, file } of LINES) {
        const match = pattern.exec(trimmed)
        if (!match) continue
        name(problem(match), tool, rule, trimmed, text, file)
        return true
      }
      return false
    },
    // An install's lines carry keywords, the package lists between them do not.
    gap: flushRich,
    end: flush
  }
}

export const pythonInstall: ToolParser = {
  name: 'python-install',
  tools: ['pip', 'uv', 'poetry'],
  block: installs
}
