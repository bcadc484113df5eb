import { describe, expect, it } from '@jest/globals'
import { classifyPath, decodeFile, itemPath, parseJsonFile, stableJson } from '../../../src/ledger/layout.js'
import { MIGRATIONS, migrate, type RawLedgerFiles } from '../../../src/ledger/migrate.js'
import { WorkItemSchema } from '../../../src/ledger/schema.js'
import { LedgerCorruptError } from '../../../src/util/errors.js'

const WHERE = { branch: 'ccal-ledger', commit: '1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d' }

describe('stableJson', () => {
  it('sorts keys at every level, indents by two spaces and ends with a newline', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null }, skipped: undefined })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n'
    )
  })

  it('gives the same bytes whatever order the keys were built in', () => {
    expect(stableJson({ x: 1, y: 2 })).toBe(stableJson({ y: 2, x: 1 }))
  })
})

describe('paths', () => {
  it('shards item files by the first two characters of the id', () => {
    expect(itemPath('ab12cd34ef56')).toBe('items/ab/ab12cd34ef56.json')
    expect(classifyPath('items/ab/ab12cd34ef56.json')).toEqual({ kind: 'item', id: 'ab12cd34ef56' })
    expect(classifyPath('items/cd/ab12cd34ef56.json')).toEqual({ kind: 'unknown' })
    expect(classifyPath('state.json')).toEqual({ kind: 'state' })
    expect(classifyPath('notes.txt')).toEqual({ kind: 'unknown' })
  })
})

describe('reading files', () => {
  it('names the file, commit, key path, expected values and what was found', () => {
    const raw = { id: 'ab12cd34ef56', status: 'bogus' }

    const error = captureError(() =>
      decodeFile(WorkItemSchema.pick({ id: true, status: true }), raw, 'items/ab/ab12cd34ef56.json', WHERE)
    )

    expect(error).toBeInstanceOf(LedgerCorruptError)
    expect(error.message).toBe(
      'ledger branch \'ccal-ledger\' at 1a2b3c4: items/ab/ab12cd34ef56.json: status: expected one of pending|in_progress|pr_open|completed|failed|rejected|needs_human|dismissed, found "bogus". ' +
        'Restore with: ccal ledger restore <last-good-sha> (see git log origin/ccal-ledger)'
    )
    expect(error.details).toMatchObject({
      file: 'items/ab/ab12cd34ef56.json',
      keyPath: 'status',
      commit: WHERE.commit
    })
  })

  it('reports text that is not JSON', () => {
    const error = captureError(() => parseJsonFile('{ "a": ', 'state.json', WHERE))

    expect(error.message).toMatch(/^ledger branch 'ccal-ledger' at 1a2b3c4: state.json: not valid JSON \(/)
  })
})

describe('migrate', () => {
  const raw: RawLedgerFiles = {
    state: { schemaVersion: 1, cycles: 3 },
    results: [],
    patterns: [],
    items: new Map()
  }

  it('brings version 1 items into their first generation and gives results an unknown code, keeping every other field', () => {
    const item = { id: 'a1b2c3d4e5f6', status: 'completed', pr: { number: 4 } }
    const result = { itemId: 'a1b2c3d4e5f6', success: true }
    const old: RawLedgerFiles = {
      ...raw,
      results: [result],
      items: new Map([['items/a1/a1b2c3d4e5f6.json', item]])
    }

    const migrated = migrate(old, 1, 2, MIGRATIONS)

    expect(migrated.items.get('items/a1/a1b2c3d4e5f6.json')).toEqual({
      ...item,
      generation: 1,
      generations: [],
      words: []
    })
    expect(migrated.results).toEqual([{ ...result, code: null, deniedTools: [] }])
    expect(migrated.state).toEqual({ schemaVersion: 2, cycles: 3 })
  })

  it('applies each step in order and stamps the new version', () => {
    const table = {
      1: (files: RawLedgerFiles) => ({ ...files, state: { ...(files.state as object), renamed: true } }),
      2: (files: RawLedgerFiles) => ({ ...files, patterns: ['v3'] })
    }

    const migrated = migrate(raw, 1, 3, table)

    expect(migrated.state).toEqual({ schemaVersion: 3, cycles: 3, renamed: true })
    expect(migrated.patterns).toEqual(['v3'])
  })

  it('refuses a gap in the table', () => {
    expect(() => migrate(raw, 1, 2, {})).toThrow('no migration from ledger schema version 1 to 2')
  })
})

function captureError(action: () => unknown): LedgerCorruptError {
  try {
    action()
  } catch (error) {
    return error as LedgerCorruptError
  }
  throw new Error('expected an error')
}
