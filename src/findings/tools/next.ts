/**
 * Next.js builds: after `Failed to compile.` (webpack) or `> Build error occurred` (Turbopack),
 * each error is a place (`./src/app/page.tsx:3:1`, or a directory such as `./app`) followed by
 * its message (`Module not found: Can't resolve 'x'`, `Type error: …`, `Error: …`); an error may
 * also come without a place. Turbopack's count (`Error: Turbopack build failed with 2 errors:`)
 * is not an error of its own. A type error is TypeScript's, as tsc.ts reads it outside a build.
 */
import { finding } from '../finding.js'
import { int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const OPENS = /^(?:Failed to compile\.?|> Build error occurred)\s*$/
const PLACE = /^\.\/(\S+?)(?::(\d+):(\d+))?$/
const COUNT = /^Error: \w+ build failed with \d+ errors?:?$/
const MESSAGE = /^(?:Module not found|Module parse failed|Type error|Syntax error|Error|\w*Error):? /
/** What ends a build's errors: the package manager's word, the next build, a blank run. */
const CLOSES = /^(?:error: script|npm error|npm ERR!|ELIFECYCLE|\[\w+\] |Build failed because|\s*at )/
/** Lines a build's errors take at most. */
const MAX_LINES = 60

/** A path with an extension is a file; `./app` is a directory, not a place in a file. */
const isFile = (path: string) => /\.\w+$/.test(path)

function builds(emit: Emit): LineParser {
  let open = false
  let lines = 0
  let place: { file: string | null; line: number | null; column: number | null; text: string } | null = null
  const close = () => {
    open = false
    place = null
  }
  return {
    line(text) {
      if (!open) {
        if ((text.startsWith('Failed') || text.startsWith('> Build')) && OPENS.test(text)) {
          open = true
          lines = 0
          return true
        }
        return false
      }
      if (++lines > MAX_LINES || CLOSES.test(text)) {
        close()
        return false
      }
      const trimmed = text.trim()
      if (trimmed === '') return true
      const at = text.startsWith('./') ? PLACE.exec(text) : null
      if (at) {
        const path = at[1] as string
        place = { file: isFile(path) ? path : null, line: int(at[2]), column: int(at[3]), text }
        return true
      }
      if (COUNT.test(trimmed)) return true
      if (!MESSAGE.test(trimmed)) return place === null
      const typeError = trimmed.startsWith('Type error: ')
      emit(
        finding({
          tool: typeError ? 'tsc' : 'next',
          file: place?.file ?? null,
          line: place?.line ?? null,
          column: place?.column ?? null,
          message: trimmed,
          excerpt: [place?.text, text].filter(line => line !== undefined).join('\n')
        })
      )
      place = null
      return true
    },
    // Its errors' messages carry keywords, their places may not: a gap ends a place, not the build.
    gap() {
      place = null
    },
    end: close
  }
}

export const next: ToolParser = { name: 'next', tools: ['next', 'tsc'], block: builds }
