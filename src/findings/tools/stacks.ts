/**
 * Stack frames: which frame of a JavaScript, Python, Go, Java or PHP stack is the repository's own
 * code. A failure's place is the first such frame (the innermost for Python, whose stacks end
 * with it), not a line of the test framework or of a dependency.
 */
import { int } from '../log/line-parser.js'
import { isRunnerInternal } from '../paths.js'

/** Paths of dependencies, toolchains and runtimes: never the repository's own code. */
const DEPENDENCY =
  /(?:^|[\\/])(?:node_modules|site-packages|dist-packages|vendor|\.venv|venv|\.tox|\.nox|\.cargo[\\/]registry|\.rustup|go[\\/]pkg[\\/]mod|pkg[\\/]mod|hostedtoolcache|\.gradle[\\/]caches|\.m2[\\/]repository)[\\/]|^(?:node:|internal[\\/]|<frozen |<string>|<unknown>|<anonymous>|\/usr\/lib\/|\/usr\/local\/lib\/|\/usr\/local\/go\/|\/usr\/lib\/go|\/opt\/hostedtoolcache\/|\/Library\/Frameworks\/|\/System\/|C:\\Program Files|\/rustc\/|\/build\/glibc)|^(?:\/usr\/local|\/usr|\/opt\/[^/]+)\/lib\/python\d|[\\/]Lib[\\/]|[\\/](?:_h_env|_build_env|_test_env|envs[\\/][^\\/]+|micromamba|miniconda\d?|anaconda\d?)[\\/]lib[\\/]/

/** True when `file` is a dependency's, a runtime's or the runner's code rather than the repository's. */
export function isDependencyPath(file: string): boolean {
  return DEPENDENCY.test(file) || isRunnerInternal(file)
}

/** `at fn (path:line:col)`, `at path:line:col`, `at async fn (file:///path:line:col)`. */
const JS_FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?(?:[A-Za-z]:)?[^():\s][^():]*):(\d+):(\d+)\)?$/

export interface Frame {
  file: string
  line: number | null
  column: number | null
}

/** The JavaScript stack frame on this line, or null. */
export function jsFrame(line: string): Frame | null {
  const match = JS_FRAME.exec(line)
  if (!match) return null
  return { file: (match[1] as string).replace(/^file:\/\//, ''), line: int(match[2]), column: int(match[3]) }
}

/** The first frame of the repository's own code among `lines` (a JavaScript stack). */
export function firstProjectFrame(lines: readonly string[]): Frame | null {
  for (const line of lines) {
    if (!line.includes(' at ') && !line.trimStart().startsWith('at ')) continue
    const frame = jsFrame(line)
    if (frame && !isDependencyPath(frame.file)) return frame
  }
  return null
}
