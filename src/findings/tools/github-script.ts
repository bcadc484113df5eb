/**
 * actions/github-script: an API call the script made failed (`RequestError [HttpError]: Not Found`,
 * and the action's `Unhandled error: HttpError: Not Found`, which the runner shows as an
 * annotation), or the script threw (`Unhandled error: TypeError: …`). One finding per error.
 */
import { finding } from '../finding.js'
import type { ToolParser } from './tool.js'

const HTTP_ERROR = /^(?:RequestError \[HttpError\]|HttpError|(?:Error: )?Unhandled error: HttpError): (.+)$/
const UNHANDLED = /^(?:Error: )?Unhandled error: (?!HttpError)(\w*(?:Error|Exception)?\b.*)$/

export const githubScript: ToolParser = {
  name: 'github-script',
  tools: ['github-script'],
  line(text) {
    if (!text.includes('rror')) return null
    const http = HTTP_ERROR.exec(text)
    // One message for the error and the action's annotation of it, in the words Octokit throws it with.
    if (http)
      return finding({
        tool: 'github-script',
        rule: 'HttpError',
        message: `RequestError [HttpError]: ${(http[1] as string).trim()}`,
        excerpt: text
      })
    const unhandled = UNHANDLED.exec(text)
    if (unhandled) {
      const message = (unhandled[1] as string).trim()
      return finding({
        tool: 'github-script',
        rule: /^(\w+):/.exec(message)?.[1] ?? 'Error',
        message,
        excerpt: text
      })
    }
    return null
  }
}
