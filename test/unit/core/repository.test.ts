import { describe, expect, it } from '@jest/globals'
import {
  actionsRunId,
  repositoryFromRemoteUrl,
  resolveApiEndpoints,
  resolveRepository,
  tokenFromEnvironment
} from '../../../src/core/repository.js'

describe('repositoryFromRemoteUrl', () => {
  it.each([
    ['https://github.com/octo/demo.git', 'octo', 'demo'],
    ['https://x-access-token:t@github.com/octo/demo', 'octo', 'demo'],
    ['git@github.com:octo/demo.git', 'octo', 'demo'],
    ['ssh://git@ghes.example.com:2222/octo/demo.git', 'octo', 'demo'],
    ['https://ghes.example.com/octo/demo.git/', 'octo', 'demo'],
    ['http://127.0.0.1:3000/octo-org/demo', 'octo-org', 'demo']
  ])('reads %s', (url, owner, repo) => {
    expect(repositoryFromRemoteUrl(url)).toEqual({ owner, repo })
  })

  it('finds nothing in a local path', () => {
    expect(repositoryFromRemoteUrl('/tmp/origin.git')).toBeUndefined()
  })
})

describe('resolveRepository', () => {
  it('prefers GITHUB_REPOSITORY over the origin remote', () => {
    expect(resolveRepository({ GITHUB_REPOSITORY: 'a/b' }, 'https://github.com/c/d.git')).toEqual({
      owner: 'a',
      repo: 'b'
    })
  })

  it('falls back to the origin remote outside Actions', () => {
    expect(resolveRepository({}, 'git@github.com:c/d.git')).toEqual({ owner: 'c', repo: 'd' })
  })

  it('says how to fix a repository it cannot tell', () => {
    expect(() => resolveRepository({}, '/tmp/origin.git')).toThrow(
      /set GITHUB_REPOSITORY=owner\/name \(the origin remote '\/tmp\/origin.git' does not name one\)/
    )
    expect(() => resolveRepository({ GITHUB_REPOSITORY: 'nope' }, undefined)).toThrow(
      "GITHUB_REPOSITORY: expected owner/name, found 'nope'"
    )
  })
})

describe('resolveApiEndpoints', () => {
  it('defaults to GitHub.com', () => {
    expect(resolveApiEndpoints({})).toEqual({
      apiUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql'
    })
  })

  it('follows GHES variables, deriving GraphQL from /api/v3 when only the REST URL is set', () => {
    expect(resolveApiEndpoints({ GITHUB_API_URL: 'https://ghes.example.com/api/v3' })).toEqual({
      apiUrl: 'https://ghes.example.com/api/v3',
      graphqlUrl: 'https://ghes.example.com/api/graphql'
    })
    expect(
      resolveApiEndpoints({
        GITHUB_API_URL: 'http://127.0.0.1:1/',
        GITHUB_GRAPHQL_URL: 'http://127.0.0.1:1/gql'
      }).graphqlUrl
    ).toBe('http://127.0.0.1:1/gql')
  })
})

describe('tokens and run ids', () => {
  it('takes GITHUB_TOKEN, else GH_TOKEN', () => {
    expect(tokenFromEnvironment({ GH_TOKEN: 'b' })).toBe('b')
    expect(tokenFromEnvironment({ GITHUB_TOKEN: 'a', GH_TOKEN: 'b' })).toBe('a')
    expect(tokenFromEnvironment({})).toBeUndefined()
  })

  it('names the Actions run and attempt', () => {
    expect(actionsRunId({ GITHUB_RUN_ID: '123', GITHUB_RUN_ATTEMPT: '2' })).toBe('123-2')
    expect(actionsRunId({})).toBeUndefined()
  })
})
