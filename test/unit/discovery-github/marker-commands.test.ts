import { describe, expect, it } from '@jest/globals'
import { describeCommand, mentionsCommand, parseCommands } from '../../../src/discovery/commands.js'
import { formatPullMarker, isCcalPull, parsePullMarker } from '../../../src/discovery/marker.js'

describe('PR body marker', () => {
  it('round-trips an item id through the body', () => {
    const body = `Fixes #12\n\n${formatPullMarker('0123456789ab')}\n`
    expect(parsePullMarker(body)).toBe('0123456789ab')
  })

  it('finds nothing in a body without a marker, or with a malformed one', () => {
    expect(parsePullMarker('Fixes #12')).toBeUndefined()
    expect(parsePullMarker('<!-- ccal:item=NOT-HEX -->')).toBeUndefined()
    expect(parsePullMarker(null)).toBeUndefined()
  })

  it('refuses to format something that is not an item id', () => {
    expect(() => formatPullMarker('x --> <script>')).toThrow(RangeError)
  })

  it('recognises a CCAL pull request only by branch prefix AND marker, never by title', () => {
    const body = formatPullMarker('0123456789ab')
    expect(isCcalPull({ headRef: 'ccal/issue-1', body }, 'ccal/')).toBe(true)
    expect(isCcalPull({ headRef: 'feature/x', body }, 'ccal/')).toBe(false)
    expect(isCcalPull({ headRef: 'ccal/issue-1', body: 'CCAL: fix it' }, 'ccal/')).toBe(false)
  })
})

describe('comment commands', () => {
  it('parses retry, skip and priority N on lines of their own', () => {
    const parsed = parseCommands('Thanks!\n/ccal retry\n  /CCAL priority 2  \n/ccal skip')
    expect(parsed.commands).toEqual([{ kind: 'retry' }, { kind: 'priority', priority: 2 }, { kind: 'skip' }])
    expect(parsed.invalid).toEqual([])
  })

  it('reports malformed commands with a reason instead of guessing', () => {
    const parsed = parseCommands('/ccal priority 9\n/ccal deploy\n/ccal\n/ccal retry now')
    expect(parsed.commands).toEqual([])
    expect(parsed.invalid.map(invalid => invalid.reason)).toEqual([
      "'/ccal priority' needs one number from 1 (most urgent) to 5",
      "unknown command 'deploy' (known: retry, skip, priority N)",
      "'/ccal' needs a command: retry, skip or priority N",
      "'/ccal retry' takes no arguments"
    ])
  })

  it('ignores commands in quotes, code fences and the middle of a sentence', () => {
    const body = '> /ccal retry\n```\n/ccal skip\n```\nplease run /ccal retry later'
    expect(parseCommands(body)).toEqual({ commands: [], invalid: [] })
  })

  it('describes commands for logs', () => {
    expect(describeCommand({ kind: 'priority', priority: 1 })).toBe('/ccal priority 1')
    expect(describeCommand({ kind: 'skip' })).toBe('/ccal skip')
  })

  it('tells cheaply whether a comment may hold a command', () => {
    expect(mentionsCommand('LGTM')).toBe(false)
    expect(mentionsCommand('see the /ccal docs')).toBe(false)
    expect(mentionsCommand('Thanks\n  /ccal retry')).toBe(true)
  })
})
