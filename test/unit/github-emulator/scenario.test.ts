import { describe, expect, it } from '@jest/globals'
import { parseScenario, ScenarioError } from '../../support/github-emulator/scenario.js'

describe('emulator scenario parsing', () => {
  it('applies defaults to an empty scenario', () => {
    const scenario = parseScenario({})

    expect(scenario.repo).toEqual({
      owner: 'octo-org',
      name: 'demo',
      default_branch: 'main',
      owner_type: 'Organization',
      private: false,
      workflow_permissions: { default_workflow_permissions: 'read', can_approve_pull_request_reviews: true }
    })
    expect(scenario.default_user).toBe('github-actions[bot]')
  })

  it('names the key path of every problem', () => {
    const parse = (): unknown =>
      parseScenario(
        { users: [{ login: 'a', permission: 'owner' }], pulls: [{ number: 1, base: 'main' }] },
        'scenario x.json'
      )

    expect(parse).toThrow(ScenarioError)
    expect(parse).toThrow(/Invalid scenario x\.json:\n {2}users\[0\]\.permission: .*\n {2}pulls\[0\]\.head: /)
  })

  it('refuses a pull request number already used by an issue', () => {
    const parse = (): unknown =>
      parseScenario({ issues: [{ number: 1, title: 't', author: 'a' }], pulls: [{ number: 1, head: 'b' }] })

    expect(parse).toThrow(/pulls\[0\]\.number: number 1 is already used by an issue/)
  })
})
