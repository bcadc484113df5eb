/**
 * JavaScript package installs that fail: npm (`npm error code ERESOLVE` or, before npm 9,
 * `npm ERR! code …`, with the problem on the lines after the code), pnpm (`ERR_PNPM_OUTDATED_LOCKFILE
 * message`) and Yarn (v1's `error Your lockfile needs to be updated…`, Berry's `➤ YN0028: …`). An
 * npm lifecycle failure, pnpm's "recursive run failed" and Yarn's "Command failed" only sum up the
 * failure of a script whose own output says what went wrong.
 */
import { finding } from '../finding.js'
import { SUMMARY, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const NPM_PREFIX = /^npm (?:error|ERR!) ?(.*)$/
/** `code ERESOLVE`; `code 1` is the exit code of a package's install script that failed. */
const NPM_CODE = /^code (E[A-Z0-9_]+|\d+)$/
const NPM_META =
  /^(?:errno|syscall|path|command|signal|cwd|code|A complete log|Log files were not written|Node\.js v\d)\b/
/** Lines of a script's output that are not its message: a place, a code line, a caret, a frame. */
const SCRIPT_NOISE = /^(?:\S+:\d+(?::\d+)?$|\s*\^+\s*$|\s+|at\s)/
/** The file each npm code is about, when it is about one. */
const NPM_FILES: Record<string, string> = {
  EUSAGE: 'package-lock.json',
  EJSONPARSE: 'package.json',
  ELOCKVERIFY: 'package-lock.json'
}
const NPM_SUMMARY_CODES = new Set(['ELIFECYCLE', 'ERR_SOCKET_TIMEOUT'])
/** Anywhere in a line: pnpm's codes survive the prefixes of other tools that relay its output. */
const PNPM = /(?:^|\s)(ERR_PNPM_[A-Z0-9_]+|ELIFECYCLE)\s+(.*)$/
const PNPM_FILES: Record<string, string> = {
  ERR_PNPM_OUTDATED_LOCKFILE: 'pnpm-lock.yaml',
  ERR_PNPM_LOCKFILE_CONFIG_MISMATCH: 'pnpm-lock.yaml',
  ERR_PNPM_BROKEN_LOCKFILE: 'pnpm-lock.yaml',
  ERR_PNPM_LOCKFILE_MISSING_DEPENDENCY: 'pnpm-lock.yaml'
}
const PNPM_SUMMARY = /^(?:ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL|ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL|ELIFECYCLE)$/
const YARN_V1 = /^error (.*)$/
const YARN_V1_PROBLEMS: ReadonlyArray<[RegExp, string | null, string]> = [
  [/^Your lockfile needs to be updated/, 'yarn.lock', 'frozen-lockfile'],
  [/^An unexpected error occurred: .*(?:Not found|404)/i, null, 'not-found'],
  [/^Couldn't find (?:package|any versions for) /, null, 'not-found'],
  [/^(?:Found incompatible module|The engine "[^"]+" is incompatible)/, null, 'engine']
]
const YARN_BERRY = /^➤ (YN\d{4}): (?:│ )?(.*)$/
/** Berry's error codes (its others are progress and warnings). */
const YARN_BERRY_ERRORS: Record<string, string | null> = {
  YN0001: null,
  YN0009: null,
  YN0018: 'yarn.lock',
  YN0028: 'yarn.lock',
  YN0035: null,
  YN0082: null,
  YN0083: null
}

function installs(emit: Emit): LineParser {
  let npm: { code: string; lines: string[]; message: string | null } | null = null
  /** What a failed install script printed: its `Error: …` line, or its first line of words. */
  const scriptMessage = (lines: readonly string[]): string | null => {
    const rests = lines
      .map(line => (NPM_PREFIX.exec(line)?.[1] ?? '').trimEnd())
      .filter(rest => rest.trim() !== '')
    const output = rests.filter(rest => !NPM_META.test(rest))
    const error = output.find(rest => /^\w*Error: /.test(rest))
    if (error) return error
    const first = output.findIndex(rest => !SCRIPT_NOISE.test(rest))
    if (first < 0) return null
    // cmd.exe's "… is not recognized as an internal or external command," goes on on the next line.
    const line = output[first] as string
    const next = output[first + 1]
    return line.endsWith(',') && next !== undefined ? `${line} ${next.trim()}` : line
  }
  const flushNpm = () => {
    if (!npm) return
    const { code, lines } = npm
    const message = /^\d+$/.test(code) ? scriptMessage(lines) : npm.message
    npm = null
    emit(
      finding({
        tool: 'npm',
        file: NPM_FILES[code] ?? null,
        rule: /^\d+$/.test(code) ? 'install-script' : code,
        message: message ?? (/^\d+$/.test(code) ? `an install script exited with code ${code}` : code),
        excerpt: lines.join('\n')
      }),
      ...(NPM_SUMMARY_CODES.has(code) ? [SUMMARY] : [])
    )
  }
  return {
    line(text) {
      const first = text.charCodeAt(0)
      if (first === 110 && text.startsWith('npm ')) {
        const prefixed = NPM_PREFIX.exec(text)
        if (prefixed) {
          const rest = (prefixed[1] as string).trim()
          const code = NPM_CODE.exec(rest)
          if (code) {
            flushNpm()
            npm = { code: code[1] as string, lines: [text], message: null }
            return true
          }
          if (npm) {
            npm.lines.push(text)
            if (
              npm.message === null &&
              rest !== '' &&
              !/^(?:errno|syscall|path|command|signal|cwd|A complete log|Log files were not written)\b/.test(
                rest
              )
            )
              npm.message = rest
            return true
          }
          if (
            /^Lifecycle script `[^`]+` failed/.test(rest) ||
            /^(?:Missing script|missing script):/.test(rest)
          ) {
            emit(
              finding({
                tool: 'npm',
                rule: rest.startsWith('Lifecycle') ? 'ELIFECYCLE' : 'missing-script',
                message: rest,
                excerpt: text
              }),
              ...(rest.startsWith('Lifecycle') ? [SUMMARY] : [])
            )
            return true
          }
          return true
        }
      }
      flushNpm()
      if (text.includes('ERR_PNPM_') || text.includes('ELIFECYCLE')) {
        const pnpm = PNPM.exec(text)
        if (pnpm) {
          const code = pnpm[1] as string
          emit(
            finding({
              tool: 'pnpm',
              file: PNPM_FILES[code] ?? null,
              rule: code,
              message: (pnpm[2] as string).trim(),
              excerpt: text
            }),
            ...(PNPM_SUMMARY.test(code) ? [SUMMARY] : [])
          )
          return true
        }
      }
      if (first === 101 && text.startsWith('error ')) {
        const message = (YARN_V1.exec(text)?.[1] ?? '').trim()
        for (const [pattern, file, rule] of YARN_V1_PROBLEMS) {
          if (pattern.test(message)) {
            emit(finding({ tool: 'yarn', file, rule, message, excerpt: text }))
            return true
          }
        }
        if (/^Command failed with exit code \d+/.test(message)) {
          emit(finding({ tool: 'yarn', rule: 'command-failed', message, excerpt: text }), SUMMARY)
          return true
        }
      }
      if (text.startsWith('➤ YN')) {
        const berry = YARN_BERRY.exec(text)
        const code = berry?.[1] as string
        if (berry && code in YARN_BERRY_ERRORS) {
          emit(
            finding({
              tool: 'yarn',
              file: YARN_BERRY_ERRORS[code] ?? null,
              rule: code,
              message: (berry[2] as string).trim(),
              excerpt: text
            })
          )
          return true
        }
      }
      return false
    },
    gap: flushNpm,
    end: flushNpm
  }
}

export const nodeInstall: ToolParser = {
  name: 'node-install',
  tools: ['npm', 'pnpm', 'yarn'],
  block: installs
}
