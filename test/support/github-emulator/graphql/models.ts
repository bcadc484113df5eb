/**
 * GraphQL objects over the emulator state. Each model is a plain object whose properties are values
 * or `(args) => value` functions, which graphql-js's default resolver calls; `__typename` picks the
 * concrete type of interfaces and unions (Actor, IssueTimelineItems, ReferencedSubject).
 */
import { z } from 'zod'
import { closingReferences, pullClosesIssue } from '../references.js'
import type { ReactionContent } from '../scenario.js'
import type {
  CommentRecord,
  EmulatorState,
  IssueEventRecord,
  IssueRecord,
  JobRecord,
  LabelRecord,
  PullRecord,
  ReviewRecord,
  WorkflowRunRecord
} from '../state.js'
import { isPull } from '../state.js'
import { authorAssociation, nodeId, repoHtml, type ShapeContext } from '../rest/shapes.js'
import { createCommitOnBranch } from './commits.js'
import { connection, GraphClientError, GraphNotFoundError, type Connection } from './connection.js'

type Args = Record<string, unknown>
/** A GraphQL object model. */
export type Model = Record<string, unknown>

const GRAPHQL_REACTIONS: Record<ReactionContent, string> = {
  '+1': 'THUMBS_UP',
  '-1': 'THUMBS_DOWN',
  laugh: 'LAUGH',
  hooray: 'HOORAY',
  confused: 'CONFUSED',
  heart: 'HEART',
  rocket: 'ROCKET',
  eyes: 'EYES'
}

const orderArgs = z.object({
  orderBy: z.object({ field: z.string(), direction: z.enum(['ASC', 'DESC']) }).nullish()
})
const issueFilterArgs = z.object({
  states: z.array(z.string()).nullish(),
  labels: z.array(z.string()).nullish(),
  filterBy: z
    .object({
      labels: z.array(z.string()).nullish(),
      states: z.array(z.string()).nullish(),
      createdBy: z.string().nullish(),
      since: z.string().nullish()
    })
    .nullish()
})
const pullFilterArgs = z.object({
  states: z.array(z.string()).nullish(),
  labels: z.array(z.string()).nullish(),
  headRefName: z.string().nullish(),
  baseRefName: z.string().nullish()
})

/** `LabeledEvent` → `LABELED_EVENT`, the item type enum of timeline connections. */
function itemType(typename: string): string {
  return typename.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()
}

function issueState(record: IssueRecord): string {
  if (record.pull?.merged) return 'MERGED'
  return record.state === 'open' ? 'OPEN' : 'CLOSED'
}

function hasAnyLabel(record: IssueRecord, labels: string[] | null | undefined): boolean {
  if (!labels || labels.length === 0) return true
  return labels.some(l => record.labels.some(own => own.toLowerCase() === l.toLowerCase()))
}

function ordered(records: IssueRecord[], args: Args): IssueRecord[] {
  const order = orderArgs.parse(args).orderBy
  const field = order?.field ?? 'CREATED_AT'
  const sign = order?.direction === 'DESC' ? -1 : 1
  const key = (r: IssueRecord): string =>
    field === 'UPDATED_AT'
      ? r.updatedAt
      : field === 'COMMENTS'
        ? String(r.comments.length).padStart(8, '0')
        : r.createdAt
  return [...records].sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number))
}

/** Builds models for one GraphQL request (the viewer is the token's user). */
export class GraphModels {
  constructor(
    private readonly ctx: ShapeContext,
    private readonly viewerLogin: string
  ) {}

  /** The `Query` root. */
  root(): Model {
    const { repo } = this.ctx.state
    return {
      viewer: () => this.viewer(),
      // Mutations share the root value with queries (graphql-js reads both from it); validation
      // against the schema keeps a query from selecting a mutation's field.
      createCommitOnBranch: (args: Args) => createCommitOnBranch(this.ctx, this.viewerLogin, args),
      repository: (args: Args) => {
        const owner = String(args.owner)
        const name = String(args.name)
        if (
          owner.toLowerCase() !== repo.owner.toLowerCase() ||
          name.toLowerCase() !== repo.name.toLowerCase()
        ) {
          throw new GraphNotFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`)
        }
        return this.repository()
      },
      // Global node ids: the kinds CCAL looks up by id (workflow runs); others resolve to null.
      nodes: (args: Args) => (args.ids as string[]).map(id => this.nodeById(id)),
      rateLimit: () => ({
        cost: 1,
        limit: 5000,
        remaining: 4999,
        used: 1,
        nodeCount: 1,
        resetAt: new Date(Date.now() + 3_600_000).toISOString()
      })
    }
  }

  private nodeById(id: string): Model | null {
    const [kind, number] = Buffer.from(id, 'base64').toString('utf8').split(':')
    const run = kind === 'WorkflowRun' ? this.ctx.state.runs.get(Number(number)) : undefined
    return run ? this.workflowRun(run) : null
  }

  /** A `WorkflowRun`: its check suite holds one check run per job, sharing the job's id. */
  private workflowRun(run: WorkflowRunRecord): Model {
    const url = `${repoHtml(this.ctx)}/actions/runs/${run.id}`
    return {
      __typename: 'WorkflowRun',
      id: nodeId('WorkflowRun', run.id),
      databaseId: run.id,
      runNumber: run.runNumber,
      event: run.event,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      url,
      resourcePath: new URL(url).pathname,
      checkSuite: {
        __typename: 'CheckSuite',
        id: nodeId('CheckSuite', run.id),
        databaseId: run.id,
        status: run.status.toUpperCase(),
        conclusion: run.conclusion === null ? null : run.conclusion.toUpperCase(),
        checkRuns: (args: Args) => connection(run.jobs, args, job => this.checkRun(run.id, job))
      }
    }
  }

  /** A field typed `User` (not `Actor`), e.g. a reaction's user. */
  private user(login: string): Model {
    return { ...this.actor(login), __typename: 'User' }
  }

  /** `viewer` is typed `User` even for an app token, whose login keeps its `[bot]` suffix there. */
  private viewer(): Model {
    return { ...this.user(this.viewerLogin), login: this.ctx.state.user(this.viewerLogin).login }
  }

  /** An `Actor`: `User` or `Bot`. Bots' GraphQL logins lack REST's `[bot]` suffix, as on GitHub. */
  actor(login: string): Model {
    const user = this.ctx.state.user(login)
    const bot = user.type === 'Bot'
    const graphLogin = bot ? user.login.replace(/\[bot\]$/, '') : user.login
    return {
      __typename: bot ? 'Bot' : 'User',
      id: nodeId(bot ? 'Bot' : 'User', user.id),
      login: graphLogin,
      name: user.name ?? null,
      url: `${this.web()}/${bot ? 'apps/' : ''}${graphLogin}`,
      avatarUrl: () => `${this.web()}/avatars/u/${user.id}`,
      resourcePath: `/${graphLogin}`
    }
  }

  private web(): string {
    return new URL(this.ctx.api).origin
  }

  /** The `Repository`. */
  repository(): Model {
    const { state } = this.ctx
    const { repo } = state
    const viewerPermission = state.user(this.viewerLogin).permission
    return {
      __typename: 'Repository',
      id: nodeId('Repository', repo.id),
      name: repo.name,
      nameWithOwner: `${repo.owner}/${repo.name}`,
      owner: {
        __typename: repo.ownerType,
        id: nodeId(repo.ownerType, repo.id),
        login: repo.owner,
        url: `${this.web()}/${repo.owner}`
      },
      url: repoHtml(this.ctx),
      isPrivate: repo.private,
      hasIssuesEnabled: true,
      defaultBranchRef: { id: nodeId('Ref', repo.id), name: repo.defaultBranch, prefix: 'refs/heads/' },
      viewerPermission: viewerPermission === 'none' ? null : viewerPermission.toUpperCase(),
      issue: (args: Args) => this.issueByNumber(Number(args.number), false),
      pullRequest: (args: Args) => this.issueByNumber(Number(args.number), true),
      issueOrPullRequest: (args: Args) => this.issueByNumber(Number(args.number), undefined),
      // People with access (not apps), filtered by a substring of login or name, as on GitHub;
      // listing them takes push access.
      collaborators: (args: Args) => {
        if (!['write', 'maintain', 'admin'].includes(viewerPermission))
          throw new GraphClientError('Must have push access to view repository collaborators.', 'FORBIDDEN')
        const query = typeof args.query === 'string' ? args.query.toLowerCase() : ''
        const people = [...state.users.values()]
          .filter(user => user.type !== 'Bot' && user.permission !== 'none')
          .filter(user => `${user.login} ${user.name ?? ''}`.toLowerCase().includes(query))
          .sort((a, b) => a.login.localeCompare(b.login))
        // The edge carries the permission: page over (node, permission) pairs, then spread them.
        const page = connection(people, args, user => ({
          node: this.user(user.login),
          permission: user.permission.toUpperCase()
        }))
        return {
          ...page,
          nodes: () => page.nodes().map(pair => (pair as { node: unknown }).node),
          edges: () => page.edges().map(edge => ({ cursor: edge.cursor, ...(edge.node as object) }))
        }
      },
      labels: (args: Args) => {
        const query = typeof args.query === 'string' ? args.query.toLowerCase() : ''
        const labels = [...state.labels.values()].filter(l => l.name.toLowerCase().includes(query))
        return connection(labels, args, l => this.label(l))
      },
      issues: (args: Args) => this.issues(args),
      pullRequests: (args: Args) => this.pullRequests(args)
    }
  }

  private issueByNumber(number: number, wantPull: boolean | undefined): Model {
    const record = this.ctx.state.issues.get(number)
    const kind = wantPull === undefined ? 'Issue or PullRequest' : wantPull ? 'PullRequest' : 'Issue'
    if (!record || (wantPull !== undefined && isPull(record) !== wantPull)) {
      throw new GraphNotFoundError(`Could not resolve to an ${kind} with the number of ${number}.`)
    }
    return this.issueOrPull(record)
  }

  private issues(args: Args): Connection {
    const filters = issueFilterArgs.parse(args)
    const states = filters.states ?? filters.filterBy?.states
    const labels = filters.labels ?? filters.filterBy?.labels
    const createdBy = filters.filterBy?.createdBy
    const since = filters.filterBy?.since
    const records = [...this.ctx.state.issues.values()].filter(
      r =>
        !isPull(r) &&
        (!states || states.includes(issueState(r))) &&
        hasAnyLabel(r, labels) &&
        (!createdBy || r.author === createdBy) &&
        (!since || r.updatedAt >= since)
    )
    return connection(ordered(records, args), args, r => this.issueOrPull(r))
  }

  private pullRequests(args: Args): Connection {
    const filters = pullFilterArgs.parse(args)
    const records = this.ctx.state
      .pulls()
      .filter(
        pr =>
          (!filters.states || filters.states.includes(issueState(pr))) &&
          hasAnyLabel(pr, filters.labels) &&
          (!filters.headRefName || pr.pull.head === filters.headRefName) &&
          (!filters.baseRefName || pr.pull.base === filters.baseRefName)
      )
    return connection(ordered(records, args), args, pr => this.issueOrPull(pr))
  }

  /** An `Issue` or a `PullRequest`, depending on the record. */
  issueOrPull(record: IssueRecord): Model {
    const shared = this.commentable(record)
    if (!isPull(record)) return { ...shared, ...this.issueFields(record) }
    return { ...shared, ...this.pullFields(record) }
  }

  private commentable(record: IssueRecord): Model {
    const closed = record.state === 'closed'
    return {
      number: record.number,
      title: record.title,
      body: record.body,
      bodyText: record.body,
      url: `${repoHtml(this.ctx)}/${record.pull ? 'pull' : 'issues'}/${record.number}`,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      closed,
      closedAt: record.closedAt,
      state: issueState(record),
      locked: false,
      author: () => this.actor(record.author),
      authorAssociation: authorAssociation(this.ctx, record.author),
      lastEditedAt: record.lastEditedAt ?? null,
      editor: () => (record.editor ? this.actor(record.editor) : null),
      repository: () => this.repository(),
      labels: (args: Args) =>
        connection(record.labels, args, name => this.label(this.ctx.state.ensureLabel(name))),
      assignees: (args: Args) => connection([], args, () => null),
      comments: (args: Args) => connection(record.comments, args, c => this.comment(record, c)),
      reactionGroups: () => this.reactionGroups(record),
      reactions: (args: Args) => {
        const content = typeof args.content === 'string' ? args.content : undefined
        const reactions = record.reactions.filter(r => !content || GRAPHQL_REACTIONS[r.content] === content)
        return connection(reactions, args, r => ({
          id: nodeId('Reaction', r.id),
          content: GRAPHQL_REACTIONS[r.content],
          createdAt: r.createdAt,
          user: () => this.user(r.user)
        }))
      }
    }
  }

  private issueFields(record: IssueRecord): Model {
    return {
      __typename: 'Issue',
      id: nodeId('Issue', record.id),
      stateReason: record.stateReason ? record.stateReason.toUpperCase() : null,
      timelineItems: (args: Args) => this.timeline(this.timelineEntries(record), args),
      closedByPullRequestsReferences: (args: Args) => {
        const includeClosed = args.includeClosedPrs === true
        const pulls = this.ctx.state
          .pulls()
          .filter(pr => pullClosesIssue(pr, record.number) && (includeClosed || pr.state === 'open'))
          .sort((a, b) => a.number - b.number)
        return connection(pulls, args, pr => this.issueOrPull(pr))
      }
    }
  }

  private pullFields(pr: PullRecord): Model {
    return {
      __typename: 'PullRequest',
      id: nodeId('PullRequest', pr.id),
      headRefName: pr.pull.head,
      baseRefName: pr.pull.base,
      headRefOid: pr.pull.headSha,
      isDraft: pr.pull.draft,
      merged: pr.pull.merged,
      mergedAt: pr.pull.mergedAt,
      mergedBy: () => (pr.pull.mergedBy ? this.actor(pr.pull.mergedBy) : null),
      reviewDecision: reviewDecision(pr.pull.reviews),
      reviews: (args: Args) => {
        const states = Array.isArray(args.states) ? args.states.map(String) : undefined
        const author = typeof args.author === 'string' ? args.author : undefined
        const reviews = pr.pull.reviews.filter(
          r => (!states || states.includes(r.state)) && (!author || r.user === author)
        )
        return connection(reviews, args, r => this.review(pr, r))
      },
      closingIssuesReferences: (args: Args) => {
        const issues = closingReferences(pr)
          .map(n => this.ctx.state.issues.get(n))
          .filter((r): r is IssueRecord => r !== undefined && !isPull(r))
        return connection(issues, args, r => this.issueOrPull(r))
      },
      timelineItems: (args: Args) => this.timeline(this.timelineEntries(pr), args),
      // The emulator keeps a pull request's head only: its last commit is the one listed.
      commits: (args: Args) =>
        connection([pr], args, () => ({
          __typename: 'PullRequestCommit',
          id: nodeId('PullRequestCommit', pr.id),
          commit: () => this.commit(pr.pull.headSha)
        }))
    }
  }

  /** A `Commit` with its check runs' rollup (the Actions jobs run on it; the latest per name). */
  private commit(oid: string): Model {
    const latest = new Map<string, ReturnType<EmulatorState['jobsForRef']>[number]>()
    for (const entry of this.ctx.state.jobsForRef(oid))
      if (entry.run.headSha === oid && !latest.has(entry.job.name)) latest.set(entry.job.name, entry)
    const checks = [...latest.values()]
    const failed = checks.some(
      ({ job }) => job.conclusion !== null && !['success', 'neutral', 'skipped'].includes(job.conclusion)
    )
    const pending = checks.some(({ job }) => job.status !== 'completed')
    return {
      __typename: 'Commit',
      id: nodeId('Commit', Number.parseInt(oid.slice(0, 8), 16) || 0),
      oid,
      statusCheckRollup: () =>
        checks.length === 0
          ? null
          : {
              __typename: 'StatusCheckRollup',
              id: nodeId('StatusCheckRollup', Number.parseInt(oid.slice(0, 8), 16) || 0),
              state: failed ? 'FAILURE' : pending ? 'PENDING' : 'SUCCESS',
              contexts: (args: Args) => connection(checks, args, ({ run, job }) => this.checkRun(run.id, job))
            }
    }
  }

  private checkRun(runId: number, job: JobRecord): Model {
    const url = `${repoHtml(this.ctx)}/runs/${job.id}`
    return {
      __typename: 'CheckRun',
      id: nodeId('CheckRun', job.id),
      databaseId: job.id,
      name: job.name,
      status: job.status.toUpperCase(),
      conclusion: job.conclusion === null ? null : job.conclusion.toUpperCase(),
      detailsUrl: `${repoHtml(this.ctx)}/actions/runs/${runId}/job/${job.id}`,
      title: job.conclusion === 'failure' ? `${job.name} failed` : null,
      summary: null,
      text: null,
      startedAt: job.startedAt,
      completedAt: job.completedAt,
      annotations: (args: Args) =>
        connection(job.annotations, args, annotation => ({
          __typename: 'CheckAnnotation',
          path: annotation.path,
          location: {
            start: { line: annotation.start_line, column: null },
            end: { line: annotation.end_line ?? annotation.start_line, column: null }
          },
          annotationLevel: annotation.annotation_level.toUpperCase(),
          title: annotation.title ?? null,
          message: annotation.message,
          rawDetails: null,
          blobUrl: `${repoHtml(this.ctx)}/blob/${this.ctx.state.runs.get(runId)?.headSha ?? 'HEAD'}/${annotation.path}`
        })),
      url,
      permalink: url,
      resourcePath: new URL(url).pathname
    }
  }

  private label(record: LabelRecord): Model {
    return {
      __typename: 'Label',
      id: nodeId('Label', record.id),
      name: record.name,
      color: record.color,
      description: record.description
    }
  }

  private comment(record: IssueRecord, comment: CommentRecord): Model {
    return {
      __typename: 'IssueComment',
      id: nodeId('IssueComment', comment.id),
      databaseId: comment.id,
      author: () => this.actor(comment.author),
      authorAssociation: authorAssociation(this.ctx, comment.author),
      body: comment.body,
      bodyText: comment.body,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      url: `${repoHtml(this.ctx)}/${record.pull ? 'pull' : 'issues'}/${record.number}#issuecomment-${comment.id}`
    }
  }

  private review(pr: PullRecord, review: ReviewRecord): Model {
    return {
      __typename: 'PullRequestReview',
      id: nodeId('PullRequestReview', review.id),
      databaseId: review.id,
      author: () => this.actor(review.user),
      authorAssociation: authorAssociation(this.ctx, review.user),
      state: review.state,
      body: review.body,
      lastEditedAt: review.lastEditedAt ?? null,
      editor: () => (review.editor ? this.actor(review.editor) : null),
      submittedAt: review.submittedAt,
      createdAt: review.submittedAt,
      url: `${repoHtml(this.ctx)}/pull/${pr.number}#pullrequestreview-${review.id}`,
      comments: (args: Args) =>
        connection(
          pr.pull.reviewComments.filter(c => c.reviewId === review.id),
          args,
          c => ({
            id: nodeId('PullRequestReviewComment', c.id),
            databaseId: c.id,
            body: c.body,
            path: c.path,
            line: c.line,
            createdAt: c.createdAt,
            lastEditedAt: c.lastEditedAt ?? null,
            editor: () => (c.editor ? this.actor(c.editor) : null)
          })
        )
    }
  }

  private reactionGroups(record: IssueRecord): Model[] {
    return Object.entries(GRAPHQL_REACTIONS).map(([rest, content]) => {
      const reactions = record.reactions.filter(r => r.content === rest)
      const reactors = (args: Args): Connection => connection(reactions, args, r => this.actor(r.user))
      return {
        content,
        createdAt: reactions[0]?.createdAt ?? null,
        viewerHasReacted: reactions.some(r => r.user === this.viewerLogin),
        reactors,
        users: reactors
      }
    })
  }

  /** Timeline entries (events, comments, reviews, cross-references) in time order, as models. */
  private timelineEntries(record: IssueRecord): { at: string; seq: number; model: Model }[] {
    const entries = record.events.map(e => ({ at: e.createdAt, seq: e.id, model: this.event(record, e) }))
    for (const c of record.comments)
      entries.push({ at: c.createdAt, seq: c.id, model: this.comment(record, c) })
    if (isPull(record)) {
      for (const r of record.pull.reviews)
        entries.push({ at: r.submittedAt, seq: r.id, model: this.review(record, r) })
    } else {
      for (const pr of this.ctx.state.pulls().filter(p => pullClosesIssue(p, record.number))) {
        entries.push({ at: pr.createdAt, seq: pr.id, model: this.crossReference(record, pr) })
      }
    }
    return entries.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq)
  }

  private timeline(entries: { at: string; model: Model }[], args: Args): Connection {
    const types = Array.isArray(args.itemTypes) ? args.itemTypes.map(String) : undefined
    const since = typeof args.since === 'string' ? args.since : undefined
    const skip = typeof args.skip === 'number' ? args.skip : 0
    const items = entries
      .filter(
        e => (!types || types.includes(itemType(String(e.model.__typename)))) && (!since || e.at >= since)
      )
      .slice(skip)
      .map(e => e.model)
    return {
      ...connection(items, args, m => m),
      filteredCount: items.length,
      pageCount: items.length
    } as Connection
  }

  private crossReference(target: IssueRecord, pr: PullRecord): Model {
    return {
      __typename: 'CrossReferencedEvent',
      id: nodeId('CrossReferencedEvent', pr.id),
      actor: () => this.actor(pr.author),
      createdAt: pr.createdAt,
      referencedAt: pr.createdAt,
      isCrossRepository: false,
      willCloseTarget: true,
      source: () => this.issueOrPull(pr),
      target: () => this.issueOrPull(target)
    }
  }

  private event(record: IssueRecord, event: IssueEventRecord): Model {
    const base = {
      id: nodeId('Event', event.id),
      actor: () => this.actor(event.actor),
      createdAt: event.createdAt
    }
    switch (event.event) {
      case 'labeled':
      case 'unlabeled':
        return {
          ...base,
          __typename: event.event === 'labeled' ? 'LabeledEvent' : 'UnlabeledEvent',
          label: this.label(this.ctx.state.ensureLabel(event.label ?? '')),
          labelable: () => this.issueOrPull(record)
        }
      case 'closed':
        return {
          ...base,
          __typename: 'ClosedEvent',
          closable: () => this.issueOrPull(record),
          closer: null,
          stateReason: null
        }
      case 'reopened':
        return { ...base, __typename: 'ReopenedEvent', closable: () => this.issueOrPull(record) }
      case 'merged':
        return {
          ...base,
          __typename: 'MergedEvent',
          mergeRefName: record.pull?.base ?? '',
          pullRequest: () => this.issueOrPull(record)
        }
      case 'ready_for_review':
        return { ...base, __typename: 'ReadyForReviewEvent', pullRequest: () => this.issueOrPull(record) }
    }
  }
}

/** GitHub's review decision from each reviewer's latest decisive review. */
function reviewDecision(reviews: ReviewRecord[]): string | null {
  const latest = new Map<string, string>()
  for (const review of reviews) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') {
      latest.set(review.user, review.state)
    }
  }
  const decisions = [...latest.values()]
  if (decisions.includes('CHANGES_REQUESTED')) return 'CHANGES_REQUESTED'
  if (decisions.includes('APPROVED')) return 'APPROVED'
  return reviews.length > 0 ? 'REVIEW_REQUIRED' : null
}
