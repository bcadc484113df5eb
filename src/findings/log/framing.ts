/**
 * What surrounds a tool's output in a CI log, recognised one line at a time: `gh run view --log`
 * columns (`job<TAB>step<TAB>time text`), the runner's `##[…]` commands, and the prefixes that
 * workspace runners and build tools put before every line they relay (pnpm -r, turbo, nx, Lerna,
 * Yarn workspaces, docker compose, BuildKit, Cloud Build). Pure functions; log-parser.ts keeps the
 * state.
 */

import { stripAnsi, stripTimestamp } from './line-parser.js'

const BOM = 0xfeff

/** The line without a leading byte-order mark (the runner writes one at the start of each step's log). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text
}

/** True when `text` starts with the runner's `2024-01-01T00:00:00.0000000Z` timestamp. */
export function startsWithTimestamp(text: string): boolean {
  return (
    text.length >= 20 &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58
  )
}

export interface GhLogLine {
  job: string
  /** The step column, or null when the output names only the job. */
  step: string | null
  text: string
}

/**
 * A line of `gh run view --log` / `--log-failed`: the job and step columns (some exports keep only
 * the job's) and the rest, which starts with a timestamp (a byte-order mark before it on a step's
 * first line); or null.
 */
export function splitGhLog(line: string): GhLogLine | null {
  const first = line.indexOf('\t')
  if (first <= 0) return null
  const second = line.indexOf('\t', first + 1)
  if (second >= 0) {
    const rest = stripBom(line.slice(second + 1))
    if (startsWithTimestamp(rest))
      return { job: line.slice(0, first), step: line.slice(first + 1, second), text: rest }
  }
  const rest = stripBom(line.slice(first + 1))
  return startsWithTimestamp(rest) ? { job: line.slice(0, first), step: null, text: rest } : null
}

/**
 * The text a tool parser sees of a raw line: without gh's columns, the timestamp, colour codes
 * and a relaying runner's prefix. For the scanner's context rules; the log parser does the same
 * step by step, keeping what it removes.
 */
export function contentOf(raw: string): string {
  let text = stripBom(raw)
  if (text.includes('\t')) text = splitGhLog(text)?.text ?? text
  text = stripAnsi(stripTimestamp(text))
  // A problem matcher's annotation holds the tool's line.
  if (text.startsWith('##[error]') || text.startsWith('##[warning]')) text = text.slice(text.indexOf(']') + 1)
  return splitPrefix(text)?.text ?? text
}

/** A `##[name]rest` runner command, or null. */
export function runnerCommand(text: string): { name: string; rest: string } | null {
  if (text.charCodeAt(0) !== 35 || !text.startsWith('##[')) return null
  const close = text.indexOf(']', 3)
  if (close < 0) return null
  return { name: text.slice(3, close), rest: text.slice(close + 1) }
}

const EXIT_CODE = /^Process completed with exit code (\d+)\.?$/

/** The exit code of the runner's `Process completed with exit code N.` line, or null. */
export function exitCodeOf(message: string): number | null {
  if (!message.startsWith('Process completed')) return null
  const match = EXIT_CODE.exec(message)
  return match ? Number(match[1]) : null
}

/**
 * An action's closing word that says only how a tool exited (`golangci-lint exit with code 3`,
 * `Command failed with exit code 1`, `npm exited with code 2`): proof that the step failed, not why.
 */
const EXIT_WORD = /^(?:[\w@./-]+ )*(?:exit(?:ed)?|failed|terminated) with (?:exit |error )?code:? -?\d+\.?$/i

export function isExitWord(message: string): boolean {
  return message.length < 120 && EXIT_WORD.test(message.trim())
}

/** A relayed line: which stream it belongs to, the package it names, and the line itself. */
export interface Prefixed {
  /** Lines with the same key come from the same task or container. */
  key: string
  /** The package or directory the prefix names, when it names one. */
  package: string | null
  /** True when `package` is a directory of the repository (pnpm names packages by path). */
  isDirectory: boolean
  /** The task the line belongs to, as the runner names it (`web:build`, `packages/ui lint`), or null. */
  task: string | null
  text: string
}

const PNPM = /^(\.|@?[\w.-]+(?:\/[\w.-]+)+|@[\w.-]+) ([\w:.-]+)(?:\$|:) (.*)$/
const TURBO = /^(@?[\w.-]+(?:\/[\w.-]+)?):([A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)*): (.*)$/
const YARN = /^\[(@?[\w.-]+(?:\/[\w.-]+)?)\]: (.*)$/
const LERNA = /^(@[\w.-]+\/[\w.-]+): (.*)$/
const COMPOSE = /^([\w.-]+[-_]\d+)\s+\| ?(.*)$/
const BUILDKIT = /^#(\d+) \d+\.\d+ (.*)$/
const CLOUD_BUILD = /^Step #(\d+)(?: - "[^"]*")?: (.*)$/
/**
 * Nix relays a failed builder's last log lines as `       > line` (seven spaces); a code frame's
 * `  > 9 | code` is not that, nor Gradle's nested causes (`   > …`, three spaces a level).
 */
const NIX = /^ {7}>(?: (?!\s*\d+\s*\|)(.*)|)$/
/** Words that start ordinary lines shaped like a prefix (`error:build: …` is not a package). */
const NOT_PACKAGE = /^(?:error|warning|warn|info|note|debug|fatal|http|https|file|npm|node|at)$/i

/**
 * The prefix a workspace runner or build tool put before `text`, or null when there is none.
 * Each shape is checked by cheap character tests before its pattern: this runs on every line.
 */
export function splitPrefix(text: string): Prefixed | null {
  const first = text.charCodeAt(0)
  if (first === 35) {
    // #12 0.512 text (BuildKit's plain progress output)
    const buildkit = BUILDKIT.exec(text)
    return buildkit
      ? { key: `#${buildkit[1]}`, package: null, isDirectory: false, task: null, text: buildkit[2] as string }
      : null
  }
  if (first === 91) {
    const yarn = YARN.exec(text)
    if (yarn && !NOT_PACKAGE.test(yarn[1] as string))
      return {
        key: `yarn:${yarn[1]}`,
        package: yarn[1] as string,
        isDirectory: false,
        task: yarn[1] as string,
        text: yarn[2] as string
      }
    return null
  }
  if (first === 83 && text.startsWith('Step #')) {
    const step = CLOUD_BUILD.exec(text)
    return step
      ? { key: `step#${step[1]}`, package: null, isDirectory: false, task: null, text: step[2] as string }
      : null
  }
  if (first === 32 && text.includes('> ')) {
    const nix = NIX.exec(text)
    if (nix) return { key: 'nix', package: null, isDirectory: false, task: null, text: nix[1] ?? '' }
  }
  const space = text.indexOf(' ')
  if (space <= 0) return null
  const colon = text.indexOf(':')
  if (colon > 0 && colon < space) {
    // turbo / nx: name:task: text
    const next = text.charCodeAt(colon + 1)
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) {
      const turbo = text.charCodeAt(space - 1) === 58 ? TURBO.exec(text) : null
      if (turbo && !NOT_PACKAGE.test(turbo[1] as string))
        return {
          key: `task:${turbo[1]}:${turbo[2]}`,
          package: turbo[1] as string,
          isDirectory: false,
          task: `${turbo[1]}:${turbo[2]}`,
          text: turbo[3] as string
        }
    }
    if (first === 64 && text.charCodeAt(space - 1) === 58) {
      const lerna = LERNA.exec(text)
      if (lerna)
        return {
          key: `pkg:${lerna[1]}`,
          package: lerna[1] as string,
          isDirectory: false,
          task: lerna[1] as string,
          text: lerna[2] as string
        }
    }
    return null
  }
  const head = text.slice(0, space)
  if (head === '.' || head.includes('/') || first === 64) {
    const pnpm = PNPM.exec(text)
    if (pnpm)
      return {
        key: `pnpm:${pnpm[1]}:${pnpm[2]}`,
        package: pnpm[1] as string,
        isDirectory: !(pnpm[1] as string).startsWith('@'),
        task: `${pnpm[1]} ${pnpm[2]}`,
        text: pnpm[3] as string
      }
  }
  if (text.includes(' | ')) {
    const compose = COMPOSE.exec(text)
    if (compose)
      return {
        key: `compose:${compose[1]}`,
        package: null,
        isDirectory: false,
        task: compose[1] as string,
        text: compose[2] as string
      }
  }
  return null
}
