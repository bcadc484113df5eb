/**
 * Splits a command line into words the way a POSIX shell splits plain words and quotes, without
 * ever running a shell: single quotes are literal, double quotes honour `\"` and `\\`, a
 * backslash outside quotes escapes the next character. Shell syntax (`|`, `>`, `$VAR`, `*`) is NOT
 * interpreted: it stays part of a word. Used for the `claude-args` input and the lint commands.
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
      else if (char === '\\' && quote === '"' && (text[index + 1] === '"' || text[index + 1] === '\\'))
        current += text[++index]
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
