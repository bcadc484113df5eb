import { describe, expect, it } from '@jest/globals'
import { hasToolLabel } from '../../../src/findings/tools/labels.js'
import { TOOL_PARSERS, parsersOfTool, toolParser } from '../../../src/findings/tools/registry.js'

describe('the registry of tool parsers', () => {
  it('names every tool a parser reports, so that titles say "Fix 3 failing Jest tests", not "Fix 3 jest errors"', () => {
    const unnamed = TOOL_PARSERS.flatMap(parser => parser.tools.filter(tool => !hasToolLabel(tool)))

    expect(unnamed).toEqual([])
  })

  it('finds each parser by its name, and the parsers of a tool by the tools they report', () => {
    for (const parser of TOOL_PARSERS) {
      expect(toolParser(parser.name)).toBe(parser)
      for (const tool of parser.tools) expect(parsersOfTool(tool)).toContain(parser)
    }
    expect(new Set(TOOL_PARSERS.map(parser => parser.name)).size).toBe(TOOL_PARSERS.length)
  })

  it('lists the generic shapes last, after every tool that could claim their lines', () => {
    expect(TOOL_PARSERS.at(-1)?.name).toBe('generic')
  })
})
