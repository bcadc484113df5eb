import { describe, expect, it } from '@jest/globals'
import { splitArguments } from '../../../src/config/arguments.js'

describe('splitArguments', () => {
  it('splits on whitespace and honours quotes and backslashes like a shell', () => {
    expect(splitArguments(`--max-turns 5 --append-system-prompt "be brief, please" --x 'a b' c\\ d`)).toEqual(
      ['--max-turns', '5', '--append-system-prompt', 'be brief, please', '--x', 'a b', 'c d']
    )
  })

  it('keeps shell syntax as plain text, never interpreting it', () => {
    expect(splitArguments('$(rm -rf /) `id` ; echo')).toEqual(['$(rm', '-rf', '/)', '`id`', ';', 'echo'])
  })

  it('inside double quotes escapes only a quote or a backslash, as POSIX shells do', () => {
    expect(splitArguments(String.raw`"a\"b" "c\\d" "e\nf"`)).toEqual(['a"b', 'c\\d', 'e\\nf'])
  })

  it('keeps an empty quoted argument', () => {
    expect(splitArguments(`--model ""`)).toEqual(['--model', ''])
  })

  it('rejects an unterminated quote naming where the text came from', () => {
    expect(() => splitArguments(`--x "open`, 'input claude-args')).toThrow(
      /input claude-args: unterminated " quote/
    )
  })
})
