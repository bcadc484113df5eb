import { describe, expect, it } from '@jest/globals'
import { submittedBefore } from '../../../src/discovery/pr-feedback.js'

describe('a review compared with CCAL last push', () => {
  const pushedAt = Date.parse('2026-11-24T09:18:42.444Z')

  it('is older when GitHub dates it in an earlier second', () => {
    expect(submittedBefore('2026-11-24T09:18:41Z', pushedAt)).toBe(true)
  })

  it('is not known to be older when GitHub dates it in the same second (whole seconds only)', () => {
    expect(submittedBefore('2026-11-24T09:18:42Z', pushedAt)).toBe(false)
  })

  it('is newer in a later second', () => {
    expect(submittedBefore('2026-11-24T09:18:43Z', pushedAt)).toBe(false)
  })
})
