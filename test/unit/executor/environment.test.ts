import { describe, expect, it } from '@jest/globals'
import { buildChildEnvironment, isForbiddenName, isPassedName } from '../../../src/executor/environment.js'

const PARENT: NodeJS.ProcessEnv = {
  PATH: '/usr/bin',
  HOME: '/home/runner',
  GITHUB_TOKEN: 'ghs_x',
  GH_TOKEN: 'gho_x',
  ACTIONS_RUNTIME_TOKEN: 'rt',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
  ACTIONS_CACHE_URL: 'https://cache',
  'INPUT_GITHUB-TOKEN': 'ghs_input',
  INPUT_ANTHROPIC_API_KEY: 'sk-input',
  GITHUB_REPOSITORY: 'o/r',
  NPM_TOKEN: 'npm_x',
  AWS_REGION: 'us-east-1',
  ANTHROPIC_BASE_URL: 'https://gateway',
  ANTHROPIC_API_KEY: 'sk-env',
  CLAUDE_CODE_USE_BEDROCK: '1',
  LC_ALL: 'C.UTF-8',
  JAVA_HOME: '/opt/java'
}

describe('buildChildEnvironment', () => {
  it('passes only allow-listed names: no GitHub, runtime, OIDC or input values', () => {
    const env = buildChildEnvironment({ parent: PARENT })

    expect(Object.keys(env).sort()).toEqual(
      [
        'ANTHROPIC_API_KEY',
        'ANTHROPIC_BASE_URL',
        'AWS_REGION',
        'CLAUDE_CODE_USE_BEDROCK',
        'GIT_TERMINAL_PROMPT',
        'HOME',
        'LC_ALL',
        'PATH'
      ].sort()
    )
  })

  it('sets the API key input, which wins over the environment', () => {
    expect(
      buildChildEnvironment({ parent: PARENT, credentials: { apiKey: 'sk-input' } }).ANTHROPIC_API_KEY
    ).toBe('sk-input')
  })

  it('sets the OAuth token and removes ANTHROPIC_API_KEY, which would win over it', () => {
    const env = buildChildEnvironment({ parent: PARENT, credentials: { oauthToken: 'oat' } })

    expect(env.CLAUDE_CODE_OAUTH_TOKEN).toBe('oat')
    expect(env.ANTHROPIC_API_KEY).toBeUndefined()
  })

  it('passes extra names the user asked for, but never forbidden ones', () => {
    const env = buildChildEnvironment({
      parent: PARENT,
      passthrough: ['JAVA_HOME', 'GITHUB_TOKEN', 'INPUT_ANTHROPIC_API_KEY']
    })

    expect(env.JAVA_HOME).toBe('/opt/java')
    expect(env.GITHUB_TOKEN).toBeUndefined()
    expect(env.INPUT_ANTHROPIC_API_KEY).toBeUndefined()
  })

  it('leaves model credentials out for verify commands', () => {
    const env = buildChildEnvironment({
      parent: PARENT,
      credentials: { apiKey: 'k' },
      withoutModelCredentials: true
    })

    expect(env.ANTHROPIC_API_KEY).toBeUndefined()
    expect(env.ANTHROPIC_BASE_URL).toBe('https://gateway')
  })
})

describe('name predicates', () => {
  it('forbids GitHub tokens, ACTIONS_* and INPUT_* whatever their case', () => {
    for (const name of ['GITHUB_TOKEN', 'gh_token', 'ACTIONS_RUNTIME_URL', 'INPUT_X', 'input_github-token'])
      expect(isForbiddenName(name)).toBe(true)
    expect(isForbiddenName('ANTHROPIC_API_KEY')).toBe(false)
  })

  it("forbids the GitHub App's id and key, so env_passthrough cannot hand them on", () => {
    for (const name of ['CCAL_APP_ID', 'CCAL_APP_PRIVATE_KEY', 'CCAL_APP_PRIVATE_KEY_FILE'])
      expect(isForbiddenName(name)).toBe(true)
    const env = buildChildEnvironment({
      parent: { CCAL_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----' },
      passthrough: ['CCAL_APP_PRIVATE_KEY']
    })
    expect(env.CCAL_APP_PRIVATE_KEY).toBeUndefined()
  })

  it('passes provider prefixes and exact names', () => {
    expect(isPassedName('ANTHROPIC_MODEL')).toBe(true)
    expect(isPassedName('CLAUDE_CODE_MAX_RETRIES')).toBe(true)
    expect(isPassedName('VERTEX_REGION_CLAUDE_4_0_OPUS')).toBe(true)
    expect(isPassedName('GITHUB_WORKSPACE')).toBe(false)
  })
})
