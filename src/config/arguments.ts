/**
 * Splits a command-line string (the `claude-args` input) into arguments the way a POSIX shell would
 * split words — quotes and backslashes — without ever running a shell.
 */
import { CcalError } from '../util/errors.js'

export function splitArguments(text: string, origin = 'arguments'): string[] {
  const args: string[] = []
  let current = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string
    if (quote) {
      if (char === quote) quote = undefined
      else if (char === '\\' && quote === '"' && index + 1 < text.length) current += text[++index]
      else current += char
      continue
    }
    if (char === '"' || char === "'") {
      quote = char
      inWord = true
    } else if (char === '\\' && index + 1 < text.length) {
      current += text[++index]
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) args.push(current)
      current = ''
      inWord = false
    } else {
      current += char
      inWord = true
    }
  }
  if (quote) throw new CcalError(`${origin}: unterminated ${quote} quote in ${JSON.stringify(text)}`)
  if (inWord) args.push(current)
  return args
}
