import { describe, expect, it } from '@jest/globals'
import { graphqlUrlFor, isMutation } from '../../../src/github/client.js'

describe('the GitHub client', () => {
  it('tells a mutation from a query, so that only writes wait between requests', () => {
    expect(
      isMutation('mutation AddLabel($id: ID!) { addLabelsToLabelable(input: {}) { clientMutationId } }')
    ).toBe(true)
    expect(isMutation('# comment\n  mutation { x }')).toBe(true)
    expect(isMutation('query Issues($owner: String!) { repository(owner: $owner) { id } }')).toBe(false)
    expect(isMutation('{ viewer { login } }')).toBe(false)
    expect(isMutation('query { repository { description } } # mutation later')).toBe(false)
  })

  it('finds the GraphQL endpoint of github.com and of GitHub Enterprise Server', () => {
    expect(graphqlUrlFor('https://api.github.com')).toBe('https://api.github.com/graphql')
    expect(graphqlUrlFor('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/graphql')
  })
})
