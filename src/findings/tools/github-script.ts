/**
 * actions/github-script: an API call the script made failed, or the script threw. The same error is
 * printed in up to three phrasings: Octokit's `RequestError [HttpError]: Not Found`, the action's
 * `Error: Unhandled error: HttpError: Not Found` and its annotation of it. They are one finding,
 * in the words the log printed it with (both, when they come together).
 */
import { finding, type Finding } from '../finding.js'
import type { Emit, LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const HTTP_ERROR = /^(?:RequestError \[HttpError\]|HttpError|(?:Error: )?Unhandled error: HttpError): (.+)$/
const UNHANDLED = /^(?:Error: )?Unhandled error: (?!HttpError)(\w*(?:Error|Exception)?\b.*)$/

/** The error a line states, and what identifies it whatever its phrasing. */
function errorOf(text: string): { rule: string; core: string } | null {
  if (!text.includes('rror')) return null
  const http = HTTP_ERROR.exec(text)
  if (http) return { rule: 'HttpError', core: (http[1] as string).trim() }
  const unhandled = UNHANDLED.exec(text)
  if (!unhandled) return null
  const message = (unhandled[1] as string).trim()
  return { rule: /^(\w+):/.exec(message)?.[1] ?? 'Error', core: message }
}

function scripts(emit: Emit): LineParser {
  let pending: (Finding & { core: string }) | null = null
  const reported = new Set<string>()
  const release = () => {
    if (!pending) return
    const { core, ...found } = pending
    reported.add(core)
    emit(found)
    pending = null
  }
  return {
    line(raw) {
      const text = raw.trim()
      const error = errorOf(text)
      if (!error) {
        release()
        return false
      }
      // The action's annotation reads `Error: Unhandled error: …` where GitHub shows it, in its web view.
      const words = text.startsWith('Unhandled error: ') ? `Error: ${text}` : text
      if (pending && pending.core === error.core) {
        pending.message = `${pending.message} — ${words}`
        pending.excerpt = `${pending.excerpt}\n${raw}`
        release()
        return true
      }
      release()
      if (reported.has(error.core)) return true
      pending = {
        ...finding({ tool: 'github-script', rule: error.rule, message: text, excerpt: raw }),
        core: error.core
      }
      return true
    },
    gap: release,
    end() {
      release()
      reported.clear()
    }
  }
}

export const githubScript: ToolParser = { name: 'github-script', tools: ['github-script'], block: scripts }
