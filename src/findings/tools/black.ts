/**
 * Python formatters run as checks: black (`would reformat path`) and isort (`ERROR: path Imports
 * are incorrectly sorted and/or formatted.`). One finding per file that is not formatted.
 */
import { finding } from '../finding.js'
import type { ToolParser } from './tool.js'

const BLACK = /^would reformat (\S.*?\.pyi?)$/
const ISORT = /^ERROR: (\S.*?\.pyi?) Imports are incorrectly sorted(?: and\/or formatted)?\.?$/

export const black: ToolParser = {
  name: 'black',
  tools: ['black', 'isort'],
  failOnEveryFinding: ['black', 'isort'],
  line(text) {
    if (text.startsWith('would reformat ')) {
      const match = BLACK.exec(text)
      if (match)
        return finding({
          tool: 'black',
          file: match[1],
          rule: 'black',
          message: 'would reformat: the file is not formatted as black would',
          excerpt: text
        })
    }
    if (text.startsWith('ERROR: ') && text.includes('Imports are incorrectly sorted')) {
      const match = ISORT.exec(text)
      if (match)
        return finding({
          tool: 'isort',
          file: match[1],
          rule: 'isort',
          message: 'Imports are incorrectly sorted and/or formatted',
          excerpt: text
        })
    }
    return null
  }
}
