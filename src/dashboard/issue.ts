/**
 * The Dashboard issue on GitHub: found by the number the ledger keeps (else by its hidden marker
 * among open `ccal` issues), read with who last edited it, created on a repository's first cycle,
 * and edited only when its body changed. A person who closed it is not overruled: it stays closed.
 */
import { z } from 'zod'
import type { Settings } from '../config/schema.js'
import { runQuery, type RequestCounter } from '../discovery/github-shared.js'
import type { GitHubClient } from '../github/client.js'
import { ActorSchema } from '../github/queries.js'
import { isDashboardBody } from './body.js'

/** The ledger cursor the dashboard keeps its issue number and progress under. */
export const DASHBOARD_CURSOR = 'dashboard'

/** What the dashboard's cursor holds. */
export const DashboardCursorSchema = z.object({
  /** The dashboard issue's number. */
  issue: z.number().int().positive().optional(),
  /** The body edit whose ticks were acted on (or ignored): an edit is judged once. */
  appliedEditAt: z.string().optional()
})
export type DashboardCursor = z.infer<typeof DashboardCursorSchema>

/** The cursor as stored, or an empty one when it is missing or not in this shape. */
export function dashboardCursor(value: unknown): DashboardCursor {
  const parsed = DashboardCursorSchema.safeParse(value ?? {})
  return parsed.success ? parsed.data : {}
}

const ISSUE_NODE = /* GraphQL */ `
  number
  state
  title
  body
  lastEditedAt
  editor {
    __typename
    login
  }
`

const IssueNodeSchema = z.looseObject({
  number: z.number().int(),
  state: z.enum(['OPEN', 'CLOSED']),
  title: z.string(),
  body: z.string(),
  lastEditedAt: z.string().nullable(),
  editor: ActorSchema
})

/** The dashboard issue as read. */
export type DashboardIssue = z.infer<typeof IssueNodeSchema>

export const DASHBOARD_ISSUE_QUERY = /* GraphQL */ `
  query CcalDashboard($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        ${ISSUE_NODE}
      }
    }
  }
`

const DashboardIssueSchema = z.looseObject({
  repository: z.looseObject({ issue: IssueNodeSchema.nullable() }).nullable()
})

export const DASHBOARD_SEARCH_QUERY = /* GraphQL */ `
  query CcalDashboardSearch($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      issues(first: 50, labels: ["ccal"], states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
        nodes {
          ${ISSUE_NODE}
        }
      }
    }
  }
`

const DashboardSearchSchema = z.looseObject({
  repository: z
    .looseObject({
      issues: z.looseObject({ nodes: z.array(IssueNodeSchema.nullable()) })
    })
    .nullable()
})

/**
 * The dashboard issue: the one the ledger names, when it still holds the marker; else the oldest
 * open `ccal` issue that does, else a closed one. Undefined when there is none (or the one named
 * was deleted).
 */
export async function findDashboard(
  github: GitHubClient,
  cursor: DashboardCursor,
  counter: RequestCounter
): Promise<DashboardIssue | undefined> {
  if (cursor.issue) {
    const answer = await runQuery(
      github,
      DASHBOARD_ISSUE_QUERY,
      { number: cursor.issue },
      DashboardIssueSchema,
      counter,
      // A deleted or transferred issue answers NOT_FOUND with data: look for another.
      { allowPartial: true }
    )
    const issue = answer.repository?.issue
    if (issue && isDashboardBody(issue.body)) return issue
  }
  const answer = await runQuery(github, DASHBOARD_SEARCH_QUERY, {}, DashboardSearchSchema, counter)
  const marked = (answer.repository?.issues.nodes ?? []).filter(
    (node): node is NonNullable<typeof node> => node !== null && isDashboardBody(node.body)
  )
  // An open one is the dashboard; else a closed one, which stays closed (a person closed it).
  return marked.find(node => node.state === 'OPEN') ?? marked[0]
}

/**
 * The dashboard as this cycle's discovery read it, by client (every step of a cycle shares one):
 * the end of the cycle compares its new body with it and asks GitHub again only to write.
 */
const readThisCycle = new WeakMap<GitHubClient, DashboardIssue>()

/** Keeps what discovery read of the dashboard for the end of the cycle. */
export function rememberDashboard(github: GitHubClient, issue: DashboardIssue): void {
  readThisCycle.set(github, issue)
}

/** What discovery read of the dashboard this cycle, once (undefined after). */
export function recallDashboard(github: GitHubClient): DashboardIssue | undefined {
  const issue = readThisCycle.get(github)
  readThisCycle.delete(github)
  return issue
}

/** Opens the dashboard issue with `body`; returns its number. */
export async function createDashboard(
  github: GitHubClient,
  settings: Settings['dashboard'],
  body: string
): Promise<number> {
  const { data } = await github.rest.rest.issues.create({
    owner: github.owner,
    repo: github.repo,
    title: settings.title,
    body,
    labels: ['ccal']
  })
  return data.number
}

/** Replaces the dashboard's title and body. */
export async function updateDashboard(
  github: GitHubClient,
  number: number,
  change: { title: string; body: string }
): Promise<void> {
  await github.rest.rest.issues.update({
    owner: github.owner,
    repo: github.repo,
    issue_number: number,
    title: change.title,
    body: change.body
  })
}
