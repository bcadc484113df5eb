import { describe, expect, it } from '@jest/globals'
import { closestMatch, describeValue, editDistance } from '../../../src/util/text.js'

describe('closestMatch', () => {
  it('suggests the key a typo was meant to be', () => {
    expect(closestMatch('max_itmes_per_run', ['max_items_per_run', 'retry_limit'])).toBe('max_items_per_run')
  })

  it('suggests the full key for an abbreviation', () => {
    expect(closestMatch('max_file_ops', ['dry_run', 'max_file_operations', 'max_file_size_bytes'])).toBe(
      'max_file_operations'
    )
  })

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('colour', ['loop', 'claude', 'ledger'])).toBeUndefined()
  })
})

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })
})

describe('describeValue', () => {
  it('shows strings quoted and long values shortened to one line', () => {
    expect(describeValue('abc')).toBe('"abc"')
    expect(describeValue(undefined)).toBe('nothing')
    expect(describeValue('x'.repeat(100))).toHaveLength(60)
  })
})
