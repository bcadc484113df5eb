import { describe, expect, it } from '@jest/globals'
import { defaultSettings } from '../../../src/config/schema.js'
import { issuePriority, PRIORITY_DEFAULTS } from '../../../src/discovery/priority.js'
import {
  decideFromPermission,
  decideWithoutLookup,
  isBot,
  judgeActor,
  permissionAtLeast,
  restLogin
} from '../../../src/discovery/trust.js'
import { permissionFromApi } from '../../../src/github/permissions.js'

const trust = defaultSettings().trust

describe('trust decisions', () => {
  it('orders permissions as PERMISSION_LEVELS does; none is below everything', () => {
    expect(permissionAtLeast('maintain', 'write')).toBe(true)
    expect(permissionAtLeast('write', 'write')).toBe(true)
    expect(permissionAtLeast('triage', 'write')).toBe(false)
    expect(permissionAtLeast('none', 'read')).toBe(false)
  })

  it('reads the finer role_name before the legacy permission field', () => {
    expect(permissionFromApi({ permission: 'write', role_name: 'maintain' })).toBe('maintain')
    expect(permissionFromApi({ permission: 'read', role_name: 'triage' })).toBe('triage')
    expect(permissionFromApi({ permission: 'write', role_name: 'custom-release-role' })).toBe('write')
    expect(permissionFromApi({ permission: 'none' })).toBe('none')
  })

  it('trusts a person at the minimum and explains a refusal below it', () => {
    expect(decideFromPermission({ login: 'alice', type: 'User' }, 'write', trust, 'label applied')).toEqual({
      trusted: true,
      actor: 'alice',
      permission: 'write',
      reason: 'label applied by alice (write)'
    })
    expect(decideFromPermission({ login: 'bob', type: 'User' }, 'read', trust, 'label applied').reason).toBe(
      "label applied by bob, whose permission 'read' is below trust.min_permission 'write'"
    )
  })

  it('ignores bots unless allowed, with or without the [bot] suffix, and never looks them up', async () => {
    const lookups: string[] = []
    const lookup = async (login: string) => {
      lookups.push(login)
      return 'admin' as const
    }
    const bot = { login: 'renovate', type: 'Bot' }
    expect((await judgeActor(bot, trust, lookup, 'label applied')).reason).toBe(
      'label applied by bot renovate, which is not in trust.allowed_bots'
    )
    const allowed = { ...trust, allowed_bots: ['renovate[bot]'] }
    expect((await judgeActor(bot, allowed, lookup, 'label applied')).trusted).toBe(true)
    expect(decideWithoutLookup({ login: 'dependabot[bot]', type: 'User' }, trust, 'x')?.trusted).toBe(false)
    expect(lookups).toEqual([])
  })

  it('gives bots their REST login back and treats a deleted account as untrusted', async () => {
    expect(isBot({ login: 'ccal', type: 'Bot' })).toBe(true)
    expect(restLogin({ login: 'ccal', type: 'Bot' })).toBe('ccal[bot]')
    expect(restLogin({ login: 'alice', type: 'User' })).toBe('alice')
    const decision = await judgeActor(null, trust, async () => 'admin', 'review')
    expect(decision).toEqual({ trusted: false, actor: 'ghost', reason: 'review by a deleted account' })
  })
})

describe('issue priority', () => {
  const rules = { labels: defaultSettings().discovery.issues.priority_labels, ...PRIORITY_DEFAULTS }
  const now = new Date('2026-11-24T00:00:00Z')
  const fresh = '2026-11-20T00:00:00Z'

  it('takes the most urgent priority label, case-insensitively', () => {
    const outcome = issuePriority(
      { labels: ['enhancement', 'Priority:High'], thumbsUp: 0, createdAt: fresh, now },
      rules
    )
    expect(outcome).toEqual({ priority: 2, reason: "label 'Priority:High' → 2" })
  })

  it('defaults to the middle without a priority label', () => {
    expect(issuePriority({ labels: ['ccal-task'], thumbsUp: 0, createdAt: fresh, now }, rules).priority).toBe(
      3
    )
  })

  it('makes popular and old issues one step more urgent each, and explains it', () => {
    const outcome = issuePriority(
      { labels: ['enhancement'], thumbsUp: 5, createdAt: '2026-09-01T00:00:00Z', now },
      rules
    )
    expect(outcome).toEqual({
      priority: 2,
      reason: "label 'enhancement' → 4; 5 👍 (≥ 3) → 3; open 84 days (≥ 30) → 2"
    })
  })

  it('never goes beyond 1', () => {
    const outcome = issuePriority(
      { labels: ['priority:critical'], thumbsUp: 50, createdAt: '2025-01-01T00:00:00Z', now },
      rules
    )
    expect(outcome.priority).toBe(1)
  })
})
