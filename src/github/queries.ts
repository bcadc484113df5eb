/**
 * GraphQL documents CCAL sends, as named constants, each with the zod schema of its answer (the
 * TypeScript types are inferred from those). The emulator validates every document against GitHub's
 * published schema, so a typo here fails a test rather than a user's run.
 */
import { z } from 'zod'

/** An Actor (User, Bot, …); GitHub answers null for a deleted account. */
export const ActorSchema = z.looseObject({ __typename: z.string(), login: z.string() }).nullable().catch(null)
/** An actor as answered (null for a deleted account). */
export type GraphActor = z.infer<typeof ActorSchema>

const PageInfoSchema = z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullable() })
/** A connection's `nodes`: GraphQL types them nullable; the null ones are dropped. */
const nodeList = <T extends z.ZodType>(node: T) =>
  z.array(node.nullable()).transform(list => list.filter(n => n !== null))
const nodes = <T extends z.ZodType>(node: T) => z.looseObject({ nodes: nodeList(node) })

const COMMENT_FIELDS = /* GraphQL */ `
  databaseId
  createdAt
  body
  author {
    __typename
    login
  }
`

/** An issue or PR conversation comment (where `/ccal` commands are written). */
export const CommentSchema = z.looseObject({
  databaseId: z.number().int().nullable(),
  createdAt: z.string(),
  body: z.string(),
  author: ActorSchema
})
/** A conversation comment as answered. */
export type GraphComment = z.infer<typeof CommentSchema>

/**
 * What issue discovery reads of one issue: labels (priority, category), 👍 count, the latest
 * LABELED events (who applied the trigger label: the trust decision), open PRs that will close it,
 * and the latest comments (commands). Limits keep a 100-issue page well under GitHub's node limit.
 */
export const ISSUE_FIELDS = /* GraphQL */ `
  fragment CcalIssueFields on Issue {
    number
    title
    body
    url
    state
    createdAt
    updatedAt
    authorAssociation
    author {
      __typename
      login
    }
    lastEditedAt
    editor {
      __typename
      login
    }
    labels(first: 50) {
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
    timelineItems(itemTypes: [LABELED_EVENT], last: 25) {
      nodes {
        __typename
        ... on LabeledEvent {
          createdAt
          actor {
            __typename
            login
          }
          label {
            name
          }
        }
      }
    }
    closedByPullRequestsReferences(first: 5) {
      nodes {
        number
        url
        state
        headRefName
      }
    }
    comments(last: 20) {
      nodes {
        ${COMMENT_FIELDS}
      }
    }
  }
`

/** A timeline item of `timelineItems(itemTypes: [LABELED_EVENT])`: who applied which label, when. */
export const LabeledEventSchema = z.looseObject({
  __typename: z.string(),
  createdAt: z.string().optional(),
  actor: ActorSchema.optional(),
  label: z.looseObject({ name: z.string() }).optional()
})

/** The answer for {@link ISSUE_FIELDS}. */
export const IssueNodeSchema = z.looseObject({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  url: z.string(),
  state: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  authorAssociation: z.string(),
  author: ActorSchema,
  /** The last edit of the title or body, and who made it (null: never edited). */
  lastEditedAt: z.string().nullable().optional(),
  editor: ActorSchema.optional(),
  labels: nodes(z.looseObject({ name: z.string() })),
  reactionGroups: z
    .array(z.looseObject({ content: z.string(), reactors: z.looseObject({ totalCount: z.number().int() }) }))
    .nullable()
    .transform(groups => groups ?? []),
  timelineItems: nodes(LabeledEventSchema),
  closedByPullRequestsReferences: nodes(
    z.looseObject({ number: z.number().int(), url: z.string(), state: z.string(), headRefName: z.string() })
  )
    .nullable()
    .transform(list => list ?? { nodes: [] }),
  comments: nodes(CommentSchema)
})
/** One issue as issue discovery reads it. */
export type IssueNode = z.infer<typeof IssueNodeSchema>

/** One page (100) of open issues carrying any of `$labels` (updated since `$since`, when given), oldest first. */
export const ISSUES_QUERY = /* GraphQL */ `
  query CcalIssues($owner: String!, $name: String!, $labels: [String!], $after: String, $since: DateTime) {
    repository(owner: $owner, name: $name) {
      issues(
        first: 100
        after: $after
        states: [OPEN]
        labels: $labels
        filterBy: { since: $since }
        orderBy: { field: CREATED_AT, direction: ASC }
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...CcalIssueFields
        }
      }
    }
  }
  ${ISSUE_FIELDS}
`
/** The answer to {@link ISSUES_QUERY}. */
export const IssuesQuerySchema = z.looseObject({
  repository: z.looseObject({
    issues: z.looseObject({
      totalCount: z.number().int(),
      pageInfo: PageInfoSchema,
      nodes: nodeList(IssueNodeSchema)
    })
  })
})

/** One issue (an `issues` or `issue_comment` event looks at nothing else). */
export const ISSUE_QUERY = /* GraphQL */ `
  query CcalIssue($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        ...CcalIssueFields
      }
    }
  }
  ${ISSUE_FIELDS}
`
/** The answer to {@link ISSUE_QUERY} (null when the issue does not exist). */
export const IssueQuerySchema = z.looseObject({
  repository: z.looseObject({ issue: IssueNodeSchema.nullable() })
})

/**
 * What PR feedback reads of one pull request: identity (head branch, marker in the body), state
 * (reconciliation) and the latest reviews with their inline comments and conversation comments.
 */
export const PULL_FIELDS = /* GraphQL */ `
  fragment CcalPullFields on PullRequest {
    number
    url
    state
    merged
    mergedAt
    closedAt
    createdAt
    headRefName
    headRefOid
    body
    commits(last: 1) {
      nodes {
        commit {
          oid
          statusCheckRollup {
            contexts(first: 100) {
              pageInfo {
                hasNextPage
              }
              nodes {
                __typename
                ... on CheckRun {
                  databaseId
                  name
                  status
                  conclusion
                  detailsUrl
                  title
                  summary
                }
              }
            }
          }
        }
      }
    }
    reviews(last: 30) {
      nodes {
        databaseId
        state
        body
        submittedAt
        url
        author {
          __typename
          login
        }
        lastEditedAt
        editor {
          __typename
          login
        }
        comments(first: 30) {
          nodes {
            databaseId
            body
            path
            line
            createdAt
            lastEditedAt
            editor {
              __typename
              login
            }
          }
        }
      }
    }
    comments(last: 20) {
      nodes {
        ${COMMENT_FIELDS}
      }
    }
  }
`

/** A review with its inline comments, as {@link PULL_FIELDS} reads it. */
export const ReviewSchema = z.looseObject({
  databaseId: z.number().int().nullable(),
  state: z.string(),
  body: z.string(),
  submittedAt: z.string().nullable(),
  url: z.string(),
  author: ActorSchema,
  /** The last edit of the review's body after it was submitted, and who made it. */
  lastEditedAt: z.string().nullable().optional(),
  editor: ActorSchema.optional(),
  comments: nodes(
    z.looseObject({
      databaseId: z.number().int().nullable(),
      body: z.string(),
      path: z.string(),
      line: z.number().int().nullable(),
      createdAt: z.string().optional(),
      lastEditedAt: z.string().nullable().optional(),
      editor: ActorSchema.optional()
    })
  )
})
/** One review as PR feedback reads it. */
export type GraphReview = z.infer<typeof ReviewSchema>

/** A commit's check runs and statuses, as `statusCheckRollup` gives them (statuses are not check runs). */
const RollupSchema = z.looseObject({
  contexts: z.looseObject({
    pageInfo: z.looseObject({ hasNextPage: z.boolean() }),
    nodes: z.array(
      z.union([
        z.looseObject({
          __typename: z.literal('CheckRun'),
          databaseId: z.number().int().nullable(),
          name: z.string(),
          status: z.string(),
          conclusion: z.string().nullable(),
          detailsUrl: z.string().nullable().optional(),
          title: z.string().nullable().optional(),
          summary: z.string().nullable().optional()
        }),
        z.looseObject({ __typename: z.string() })
      ])
    )
  })
})

/**
 * The head commit's check runs in the REST list's shape (lower-case status and conclusion), or
 * undefined when the rollup has more than one page of them.
 */
function headCheckRuns(
  commit: { oid: string; statusCheckRollup: z.infer<typeof RollupSchema> | null } | undefined
): CheckRun[] | undefined {
  if (!commit) return undefined
  const rollup = commit.statusCheckRollup
  if (!rollup) return []
  if (rollup.contexts.pageInfo.hasNextPage) return undefined
  return rollup.contexts.nodes.flatMap(node =>
    node.__typename === 'CheckRun' && 'name' in node && typeof node.databaseId === 'number'
      ? [
          {
            id: node.databaseId,
            name: node.name as string,
            head_sha: commit.oid,
            status: String(node.status).toLowerCase(),
            conclusion: typeof node.conclusion === 'string' ? node.conclusion.toLowerCase() : null,
            details_url: (node.detailsUrl as string | null | undefined) ?? null,
            output: {
              title: (node.title as string | null | undefined) ?? null,
              summary: (node.summary as string | null | undefined) ?? null
            }
          }
        ]
      : []
  )
}

/** The answer for {@link PULL_FIELDS}. */
export const PullNodeSchema = z
  .looseObject({
    number: z.number().int().positive(),
    url: z.string(),
    state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
    merged: z.boolean(),
    mergedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    headRefName: z.string(),
    headRefOid: z.string(),
    body: z.string(),
    commits: nodes(
      z.looseObject({
        commit: z.looseObject({ oid: z.string(), statusCheckRollup: RollupSchema.nullable() })
      })
    ).optional(),
    reviews: nodes(ReviewSchema)
      .nullable()
      .transform(list => list ?? { nodes: [] }),
    comments: nodes(CommentSchema)
  })
  .transform(({ commits, ...pull }) => ({
    ...pull,
    /**
     * The head commit's check runs, as the REST list gives them; undefined when the answer does not
     * say (more than a page of them): then they are listed by REST.
     */
    headChecks: headCheckRuns(commits?.nodes[0]?.commit)
  }))
/** One pull request as PR feedback reads it. */
export type PullNode = z.infer<typeof PullNodeSchema>

/** A page (50, newest first) of open pull requests; CCAL's are picked out by branch and marker. */
export const OPEN_PULLS_QUERY = /* GraphQL */ `
  query CcalOpenPulls($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequests(
        first: 50
        after: $after
        states: [OPEN]
        orderBy: { field: CREATED_AT, direction: DESC }
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...CcalPullFields
        }
      }
    }
  }
  ${PULL_FIELDS}
`
/** The answer to {@link OPEN_PULLS_QUERY}. */
export const OpenPullsQuerySchema = z.looseObject({
  repository: z.looseObject({
    pullRequests: z.looseObject({
      pageInfo: PageInfoSchema,
      nodes: nodeList(PullNodeSchema)
    })
  })
})

/** One pull request (a review, review comment or check event on it). */
export const PULL_QUERY = /* GraphQL */ `
  query CcalPull($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        ...CcalPullFields
      }
    }
  }
  ${PULL_FIELDS}
`
/** The answer to {@link PULL_QUERY} (null when the PR does not exist). */
export const PullQuerySchema = z.looseObject({
  repository: z.looseObject({ pullRequest: PullNodeSchema.nullable() })
})

/**
 * What reconciliation needs to know of a pull request: its state, and what people said last (the
 * comments and review around a close are the reason for a "no").
 */
export const PULL_STATE_FIELDS = /* GraphQL */ `
  fragment CcalPullState on PullRequest {
    number
    url
    state
    merged
    mergedAt
    closedAt
    headRefName
    body
    author {
      __typename
      login
    }
    comments(last: 5) {
      nodes {
        ${COMMENT_FIELDS}
      }
    }
    reviews(last: 3) {
      nodes {
        state
        body
        submittedAt
        author {
          __typename
          login
        }
      }
    }
  }
`
/** The answer for {@link PULL_STATE_FIELDS}. */
export const PullStateSchema = z.looseObject({
  number: z.number().int().positive(),
  url: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  merged: z.boolean(),
  mergedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  headRefName: z.string(),
  body: z.string(),
  author: ActorSchema.optional(),
  comments: nodes(CommentSchema).optional(),
  reviews: nodes(
    z.looseObject({
      state: z.string(),
      body: z.string(),
      submittedAt: z.string().nullable(),
      author: ActorSchema
    })
  )
    .nullable()
    .optional()
})
/** A pull request's state as reconciliation reads it. */
export type PullState = z.infer<typeof PullStateSchema>

/** Pull requests asked for in one reconciliation query at most. */
export const PULL_STATES_BATCH = 50

/**
 * The states of several pull requests in one request: one aliased `pullRequest` field per number
 * (`p0`, `p1`, …), the numbers passed as variables. The document's shape depends only on how many
 * numbers there are.
 */
export function pullStatesQuery(count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > PULL_STATES_BATCH)
    throw new RangeError(`pullStatesQuery: count must be 1…${PULL_STATES_BATCH}, got ${count}`)
  const indexes = Array.from({ length: count }, (_, index) => index)
  const variables = indexes.map(index => `$n${index}: Int!`).join(', ')
  const fields = indexes.map(index => `p${index}: pullRequest(number: $n${index}) { ...CcalPullState }`)
  return /* GraphQL */ `
  query CcalPullStates($owner: String!, $name: String!, ${variables}) {
    repository(owner: $owner, name: $name) {
      ${fields.join('\n      ')}
    }
  }
  ${PULL_STATE_FIELDS}
`
}
/** The answer to {@link pullStatesQuery}: `p0`, `p1`, … each a PR state, or null when not found. */
export const PullStatesQuerySchema = z.looseObject({
  repository: z.record(z.string(), z.unknown())
})

/** REST check runs of a commit (`GET /repos/{owner}/{repo}/commits/{ref}/check-runs`), as read. */
export const CheckRunsSchema = z.looseObject({
  total_count: z.number().int(),
  check_runs: z.array(
    z.looseObject({
      id: z.number().int(),
      name: z.string(),
      head_sha: z.string(),
      status: z.string(),
      conclusion: z.string().nullable(),
      html_url: z.string().nullable().optional(),
      details_url: z.string().nullable().optional(),
      output: z
        .looseObject({ title: z.string().nullable().optional(), summary: z.string().nullable().optional() })
        .optional()
    })
  )
})
/** One check run as failing-check discovery reads it. */
export type CheckRun = z.infer<typeof CheckRunsSchema>['check_runs'][number]

/**
 * Appends a commit to a branch as the token's user; GitHub signs it and marks it verified.
 * `expectedHeadOid` makes it a compare-and-swap: a branch that moved is refused (`STALE_DATA`).
 */
export const CREATE_COMMIT_ON_BRANCH = /* GraphQL */ `
  mutation CcalCreateCommitOnBranch($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) {
      commit {
        oid
      }
    }
  }
`

export const CreateCommitOnBranchSchema = z.looseObject({
  createCommitOnBranch: z.looseObject({ commit: z.looseObject({ oid: z.string() }).nullable() }).nullable()
})
