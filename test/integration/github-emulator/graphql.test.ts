import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GitHubEmulator } from '../../support/github-emulator/index.js'
import { graphqlClient, REPO, restClient, startBasic } from './fixtures.js'

/** The shape of query CCAL's issue discovery sends (one paginated document). */
const ISSUES_QUERY = /* GraphQL */ `
  query Issues($owner: String!, $name: String!, $labels: [String!], $after: String, $first: Int!) {
    repository(owner: $owner, name: $name) {
      issues(
        first: $first
        after: $after
        states: OPEN
        labels: $labels
        orderBy: { field: CREATED_AT, direction: ASC }
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          title
          body
          url
          createdAt
          updatedAt
          authorAssociation
          author {
            login
            __typename
          }
          labels(first: 20) {
            nodes {
              name
            }
          }
          reactionGroups {
            content
            reactors {
              totalCount
            }
          }
          timelineItems(itemTypes: [LABELED_EVENT, CONNECTED_EVENT, CROSS_REFERENCED_EVENT], last: 50) {
            nodes {
              __typename
              ... on LabeledEvent {
                actor {
                  login
                  __typename
                }
                label {
                  name
                }
                createdAt
              }
              ... on CrossReferencedEvent {
                willCloseTarget
                source {
                  __typename
                  ... on PullRequest {
                    number
                    state
                  }
                }
              }
            }
          }
          closedByPullRequestsReferences(first: 10) {
            nodes {
              number
              state
              url
            }
          }
          comments(last: 20) {
            nodes {
              author {
                login
              }
              body
              createdAt
              authorAssociation
            }
          }
        }
      }
    }
  }
`

interface IssuesResult {
  repository: {
    issues: {
      totalCount: number
      pageInfo: { hasNextPage: boolean; endCursor: string | null }
      nodes: {
        number: number
        authorAssociation: string
        author: { login: string; __typename: string }
        reactionGroups: { content: string; reactors: { totalCount: number } }[]
        timelineItems: {
          nodes: {
            __typename: string
            actor?: { login: string; __typename: string }
            label?: { name: string }
          }[]
        }
        closedByPullRequestsReferences: { nodes: { number: number; state: string }[] }
        comments: { nodes: { author: { login: string }; body: string }[] }
      }[]
    }
  }
}

describe('GitHub emulator: GraphQL through @octokit/graphql', () => {
  let gh: GitHubEmulator

  beforeEach(async () => {
    gh = await startBasic()
  })
  afterEach(async () => {
    await gh.stop()
  })

  it('answers the issue discovery query from state', async () => {
    const result = await graphqlClient(gh)<IssuesResult>(ISSUES_QUERY, {
      owner: 'octo-org',
      name: 'demo',
      labels: ['ccal-task'],
      first: 100
    })

    const [one, two] = result.repository.issues.nodes
    expect(result.repository.issues.totalCount).toBe(2)
    expect(one?.reactionGroups.find(g => g.content === 'THUMBS_UP')?.reactors.totalCount).toBe(1)
    expect(one?.closedByPullRequestsReferences.nodes).toEqual([
      { number: 4, state: 'OPEN', url: expect.stringContaining('/pull/4') }
    ])
    expect(one?.timelineItems.nodes.map(n => n.__typename)).toEqual(['LabeledEvent', 'CrossReferencedEvent'])
    expect(one?.timelineItems.nodes[0]).toMatchObject({
      actor: { login: 'alice', __typename: 'User' },
      label: { name: 'ccal-task' }
    })
    expect(two).toMatchObject({
      number: 2,
      authorAssociation: 'NONE',
      comments: { nodes: [{ author: { login: 'bob' }, body: 'Me too.' }] }
    })
  })

  it('shows a label applied through REST with the token user as the LabeledEvent actor', async () => {
    await restClient(gh, 'tok-alice').rest.issues.addLabels({
      ...REPO,
      issue_number: 3,
      labels: ['ccal-task']
    })
    await restClient(gh, 'tok-alice').rest.issues.update({ ...REPO, issue_number: 3, state: 'open' })

    const result = await graphqlClient(gh)<IssuesResult>(ISSUES_QUERY, {
      owner: 'octo-org',
      name: 'demo',
      labels: ['ccal-task'],
      first: 100
    })

    const three = result.repository.issues.nodes.find(n => n.number === 3)
    expect(three?.timelineItems.nodes).toEqual([
      expect.objectContaining({ actor: { login: 'alice', __typename: 'User' } })
    ])
  })

  it('pages with cursors', async () => {
    const query = graphqlClient(gh)
    const vars = { owner: 'octo-org', name: 'demo', labels: null, first: 1 }
    const page1 = await query<IssuesResult>(ISSUES_QUERY, vars)
    const page2 = await query<IssuesResult>(ISSUES_QUERY, {
      ...vars,
      after: page1.repository.issues.pageInfo.endCursor
    })

    expect(page1.repository.issues.pageInfo.hasNextPage).toBe(true)
    expect(page1.repository.issues.nodes.map(n => n.number)).toEqual([1])
    expect(page2.repository.issues.nodes.map(n => n.number)).toEqual([2])
    expect(page2.repository.issues.pageInfo.hasNextPage).toBe(false)
  })

  it('shows bots without the [bot] suffix, as GitHub GraphQL does', async () => {
    const result = await graphqlClient(gh)<{
      repository: {
        pullRequests: {
          nodes: {
            author: { login: string; __typename: string }
            headRefName: string
            reviews: { nodes: { state: string }[] }
          }[]
        }
      }
    }>(
      `query { repository(owner: "octo-org", name: "demo") {
        pullRequests(states: [OPEN, MERGED], headRefName: "ccal/issue-1", first: 10) {
          nodes { number state merged headRefName body url author { login __typename } reviews(last: 20) { nodes { author { login } state body submittedAt } } }
        } } }`
    )

    expect(result.repository.pullRequests.nodes).toEqual([
      expect.objectContaining({
        author: { login: 'ccal-bot', __typename: 'Bot' },
        reviews: { nodes: [expect.objectContaining({ state: 'CHANGES_REQUESTED' })] }
      })
    ])
  })

  it('derives /api/graphql from a GHES-style /api/v3 baseUrl', async () => {
    const query = graphqlClient(gh).defaults({ baseUrl: `${gh.url}/api/v3` })

    const result = await query<{ viewer: { login: string } }>('query Me { viewer { login } }')

    expect(result.viewer.login).toBe('ccal-bot[bot]')
    expect(gh.requests()[0]?.graphql).toMatchObject({
      operationName: 'Me',
      query: 'query Me { viewer { login } }'
    })
  })

  it('rejects a document with a field GitHub does not have, and records a violation', async () => {
    const error = await graphqlClient(gh)('query { viewer { login favouriteColour } }').catch(
      (e: unknown) => e
    )

    expect(String(error)).toContain('Cannot query field "favouriteColour" on type "User"')
    expect(gh.requests()[0]).toMatchObject({ kind: 'graphql', status: 200 })
    expect(gh.violations()).toEqual([expect.objectContaining({ source: 'client', kind: 'graphql-invalid' })])
    await gh.stop({ allowViolations: true })
    gh = await startBasic()
  })

  it('treats nodes without first/last as a client error, like GitHub', async () => {
    const error: unknown = await graphqlClient(gh)(
      'query { repository(owner: "octo-org", name: "demo") { issues { nodes { number } } } }'
    ).catch((e: unknown) => e)

    expect(String(error)).toContain('You must provide a `first` or `last` value')
    expect(gh.violations()).toEqual([expect.objectContaining({ source: 'client', kind: 'graphql-error' })])
    await gh.stop({ allowViolations: true })
    gh = await startBasic()
  })

  it('reports a schema field without a resolver as an emulator-side gap', async () => {
    await graphqlClient(gh)('query { repository(owner: "octo-org", name: "demo") { forkCount } }').catch(
      () => undefined
    )

    expect(gh.violations()).toContainEqual(
      expect.objectContaining({
        source: 'emulator',
        kind: 'not-implemented',
        message: expect.stringContaining('Repository.forkCount')
      })
    )
    await gh.stop({ allowViolations: true })
    gh = await startBasic()
  })

  it('answers a missing issue with a NOT_FOUND error, not a violation', async () => {
    const error: unknown = await graphqlClient(gh)(
      'query { repository(owner: "octo-org", name: "demo") { issue(number: 99) { title } } }'
    ).catch((e: unknown) => e)

    expect(error).toMatchObject({ errors: [{ type: 'NOT_FOUND' }] })
    expect(gh.violations()).toEqual([])
  })
})
