/**
 * The emulated repository's state, in memory. REST handlers, GraphQL resolvers and scripted mutations
 * all change it through the methods here, so derived facts (who labelled an issue, timeline events,
 * `updated_at`) stay consistent whichever door a change came through.
 */
import { AppRegistry } from './apps.js'
import { HttpError, notFound, validationFailed } from './errors.js'
import { GitStore } from './git-store.js'
import { closingReferences } from './references.js'
import type {
  CommentRecord,
  IssueEventKind,
  IssueRecord,
  JobRecord,
  LabelRecord,
  PullData,
  PullRecord,
  ReactionRecord,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  UserRecord,
  WorkflowRunRecord
} from './records.js'
import {
  PERMISSIONS,
  type Permission,
  type ReactionContent,
  type Scenario,
  type ScenarioReview,
  type ScenarioWorkflowRun
} from './scenario.js'

export type * from './records.js'

/** Whether an issue record is a pull request. */
export function isPull(issue: IssueRecord): issue is PullRecord {
  return issue.pull !== undefined
}

/** Whether `permission` is at least `needed`. */
export function hasPermission(permission: Permission, needed: Permission): boolean {
  return PERMISSIONS.indexOf(permission) >= PERMISSIONS.indexOf(needed)
}

/** A fake but well-formed 40-hex commit sha derived from a number. */
export function fakeSha(seed: number): string {
  return seed.toString(16).padStart(40, '0')
}

/** The in-memory state of one emulator instance. */
export class EmulatorState {
  readonly repo: RepoRecord
  readonly users = new Map<string, UserRecord>()
  readonly tokens = new Map<string, string>()
  /** Classic tokens' scopes (the `x-oauth-scopes` header). */
  readonly tokenScopes = new Map<string, string[]>()
  readonly rejectUnknownTokens: boolean
  readonly defaultUser: string
  readonly labels = new Map<string, LabelRecord>()
  readonly issues = new Map<number, IssueRecord>()
  readonly runs = new Map<number, WorkflowRunRecord>()
  /** The repository's git data, when the scenario names its bare repository (`repo.git_dir`). */
  readonly git: GitStore | undefined
  /** GitHub Apps, their installations and the installation tokens they were given. */
  readonly apps: AppRegistry
  private lastId = 10_000_000
  private readonly fixedNow: string | undefined

  constructor(scenario: Scenario) {
    this.fixedNow = scenario.now
    const { repo } = scenario
    this.repo = {
      id: this.nextId(),
      owner: repo.owner,
      name: repo.name,
      defaultBranch: repo.default_branch,
      ownerType: repo.owner_type,
      private: repo.private,
      createdAt: '2020-01-01T00:00:00Z',
      workflowPermissions: {
        defaultWorkflowPermissions: repo.workflow_permissions.default_workflow_permissions,
        canApprovePullRequestReviews: repo.workflow_permissions.can_approve_pull_request_reviews
      }
    }
    this.git = repo.git_dir ? new GitStore(repo.git_dir) : undefined
    this.tokens = new Map(Object.entries(scenario.tokens))
    this.tokenScopes = new Map(Object.entries(scenario.token_scopes))
    this.rejectUnknownTokens = scenario.reject_unknown_tokens
    this.defaultUser = scenario.default_user
    for (const user of scenario.users) this.users.set(user.login, { ...user, id: this.nextId() })
    if (!this.users.has(scenario.default_user)) {
      this.users.set(scenario.default_user, {
        login: scenario.default_user,
        id: this.nextId(),
        type: 'Bot',
        permission: 'write'
      })
    }
    this.apps = new AppRegistry(scenario, this)
    for (const label of scenario.labels) this.ensureLabel(label.name, label.color, label.description)
    for (const issue of scenario.issues) this.seedIssue(issue)
    for (const pull of scenario.pulls) this.seedPull(pull)
    for (const run of scenario.workflow_runs) this.addWorkflowRun(run)
  }

  /** The git data; 404-like failure for a scenario without `repo.git_dir`. */
  gitStore(): GitStore {
    if (!this.git)
      throw new HttpError(501, 'This emulated repository has no git data: give the scenario repo.git_dir')
    return this.git
  }

  /** A fresh id, unique within this emulator. */
  nextId(): number {
    return ++this.lastId
  }

  /** Current time in GitHub's format (second precision, `Z`), or the scenario's fixed clock. */
  now(): string {
    return this.fixedNow ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  /** The user with this login, created on first sight with no repository role. */
  user(login: string): UserRecord {
    let user = this.users.get(login)
    if (!user) {
      user = { login, id: this.nextId(), type: login.endsWith('[bot]') ? 'Bot' : 'User', permission: 'none' }
      this.users.set(login, user)
    }
    return user
  }

  /** The login a token acts as, or undefined when unknown tokens are rejected. */
  loginForToken(token: string): string | undefined {
    const mapped = this.tokens.get(token)
    if (mapped) return mapped
    return this.rejectUnknownTokens ? undefined : this.defaultUser
  }

  /** The label with this name (case-insensitive, as on GitHub), created if missing. */
  ensureLabel(name: string, color = 'ededed', description: string | null = null): LabelRecord {
    const existing = this.findLabel(name)
    if (existing) return existing
    const label = { id: this.nextId(), name, color, description }
    this.labels.set(name.toLowerCase(), label)
    return label
  }

  /** The label with this name, if the repository has it. */
  findLabel(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase())
  }

  /** The issue (or pull request) with this number; 404 if missing. */
  issue(number: number): IssueRecord {
    const issue = this.issues.get(number)
    if (!issue) throw notFound()
    return issue
  }

  /** The pull request with this number; 404 if missing or a plain issue. */
  pull(number: number): PullRecord {
    const issue = this.issue(number)
    if (!isPull(issue)) throw notFound()
    return issue
  }

  /** All pull requests, newest first. */
  pulls(): PullRecord[] {
    return [...this.issues.values()].filter(isPull).sort((a, b) => b.number - a.number)
  }

  /** Creates an issue (or the issue half of a pull request) with the next free number. */
  createIssue(fields: {
    title: string
    body?: string
    author: string
    labels?: string[]
    number?: number
  }): IssueRecord {
    const number = fields.number ?? Math.max(0, ...this.issues.keys()) + 1
    if (this.issues.has(number)) throw validationFailed(`number ${number} already exists`)
    const now = this.now()
    const issue: IssueRecord = {
      id: this.nextId(),
      number,
      title: fields.title,
      body: fields.body ?? '',
      state: 'open',
      stateReason: null,
      labels: [],
      author: this.user(fields.author).login,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      comments: [],
      reactions: [],
      events: []
    }
    this.issues.set(number, issue)
    this.addLabels(issue, fields.labels ?? [], fields.author)
    return issue
  }

  /** Adds labels (creating unknown ones, as GitHub does) and records a labeled event per new label. */
  addLabels(issue: IssueRecord, names: string[], actor: string): void {
    for (const name of names) {
      const label = this.ensureLabel(name)
      if (issue.labels.some(l => l.toLowerCase() === label.name.toLowerCase())) continue
      issue.labels.push(label.name)
      this.recordEvent(issue, 'labeled', actor, label.name)
    }
  }

  /** Removes a label; 404 when the issue does not carry it (GitHub's answer). */
  removeLabel(issue: IssueRecord, name: string, actor: string): void {
    const index = issue.labels.findIndex(l => l.toLowerCase() === name.toLowerCase())
    if (index < 0) throw new HttpError(404, 'Label does not exist')
    const [removed] = issue.labels.splice(index, 1)
    this.recordEvent(issue, 'unlabeled', actor, removed)
  }

  /** Replaces the label set, recording labeled/unlabeled events for the difference. */
  setLabels(issue: IssueRecord, names: string[], actor: string): void {
    const wanted = new Set(names.map(n => n.toLowerCase()))
    for (const current of [...issue.labels]) {
      if (!wanted.has(current.toLowerCase())) this.removeLabel(issue, current, actor)
    }
    this.addLabels(issue, names, actor)
  }

  /** Adds a conversation comment. */
  addComment(issue: IssueRecord, author: string, body: string, createdAt = this.now()): CommentRecord {
    const comment = {
      id: this.nextId(),
      author: this.user(author).login,
      body,
      createdAt,
      updatedAt: createdAt
    }
    issue.comments.push(comment)
    issue.updatedAt = createdAt
    return comment
  }

  /** The conversation comment with this id and its issue; 404 if missing. */
  comment(id: number): { issue: IssueRecord; comment: CommentRecord } {
    for (const issue of this.issues.values()) {
      const comment = issue.comments.find(c => c.id === id)
      if (comment) return { issue, comment }
    }
    throw notFound()
  }

  /** Adds a reaction to an issue or a comment; an identical existing one is returned instead (GitHub answers 200 then). */
  addReaction(
    target: { reactions?: ReactionRecord[] },
    user: string,
    content: ReactionContent
  ): { reaction: ReactionRecord; created: boolean } {
    const reactions = (target.reactions ??= [])
    const existing = reactions.find(r => r.user === user && r.content === content)
    if (existing) return { reaction: existing, created: false }
    const reaction = { id: this.nextId(), user: this.user(user).login, content, createdAt: this.now() }
    reactions.push(reaction)
    return { reaction, created: true }
  }

  /** Closes or reopens an issue or pull request, with the matching timeline event. */
  setState(
    issue: IssueRecord,
    state: 'open' | 'closed',
    actor: string,
    reason?: 'completed' | 'not_planned'
  ): void {
    if (issue.state === state) return
    issue.state = state
    const now = this.now()
    issue.closedAt = state === 'closed' ? now : null
    issue.closedBy = state === 'closed' ? actor : null
    issue.stateReason = state === 'closed' ? (issue.pull ? null : (reason ?? 'completed')) : 'reopened'
    this.recordEvent(issue, state === 'closed' ? 'closed' : 'reopened', actor)
  }

  /** Opens a pull request; 422 when an open one already exists for the same head and base. */
  createPull(fields: {
    title: string
    body?: string
    head: string
    base: string
    draft?: boolean
    author: string
    headSha?: string
    number?: number
  }): PullRecord {
    const head = stripOwner(fields.head)
    const duplicate = this.pulls().find(
      p => p.state === 'open' && p.pull.head === head && p.pull.base === fields.base
    )
    if (duplicate) {
      throw validationFailed(`A pull request already exists for ${this.repo.owner}:${head}.`, 'PullRequest')
    }
    if (head === fields.base)
      throw validationFailed(`No commits between ${fields.base} and ${head}`, 'PullRequest')
    const issue = this.createIssue({ ...fields, labels: [] })
    const pull: PullData = {
      head,
      base: fields.base,
      headSha: fields.headSha ?? fakeSha(issue.id),
      draft: fields.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      reviews: [],
      reviewComments: []
    }
    issue.pull = pull
    return issue as PullRecord
  }

  /** Merges an open pull request (405 when it is closed or a draft, like GitHub). */
  mergePull(pr: PullRecord, actor: string): void {
    if (pr.state !== 'open') throw new HttpError(405, 'Pull Request is not mergeable')
    if (pr.pull.draft) throw new HttpError(405, 'Pull Request is still a draft')
    const now = this.now()
    pr.pull.merged = true
    pr.pull.mergedAt = now
    pr.pull.mergedBy = actor
    pr.pull.mergeCommitSha = fakeSha(this.nextId())
    this.recordEvent(pr, 'merged', actor)
    this.setState(pr, 'closed', actor)
    if (pr.pull.base === this.repo.defaultBranch) this.closeReferencedIssues(pr, actor)
  }

  /** Merging into the default branch closes the issues the body references with a closing keyword. */
  private closeReferencedIssues(pr: PullRecord, actor: string): void {
    for (const number of closingReferences(pr)) {
      const target = this.issues.get(number)
      if (target && !isPull(target)) this.setState(target, 'closed', actor, 'completed')
    }
  }

  /** Submits a review, with its inline comments. */
  submitReview(
    pr: PullRecord,
    user: string,
    review: {
      state: ReviewRecord['state']
      body?: string
      submittedAt?: string
      comments?: ScenarioReview['comments']
    }
  ): ReviewRecord {
    const record: ReviewRecord = {
      id: this.nextId(),
      user: this.user(user).login,
      state: review.state,
      body: review.body ?? '',
      submittedAt: review.submittedAt ?? this.now(),
      commitId: pr.pull.headSha
    }
    pr.pull.reviews.push(record)
    for (const comment of review.comments ?? []) {
      pr.pull.reviewComments.push({
        id: this.nextId(),
        reviewId: record.id,
        user: record.user,
        body: comment.body,
        path: comment.path,
        line: comment.line,
        commitId: pr.pull.headSha,
        createdAt: record.submittedAt
      })
    }
    pr.updatedAt = record.submittedAt
    return record
  }

  /** Replies to an inline review comment (the reply lands in the same thread). */
  replyToReviewComment(pr: PullRecord, commentId: number, user: string, body: string): ReviewCommentRecord {
    const parent = pr.pull.reviewComments.find(c => c.id === commentId)
    if (!parent) throw notFound()
    const reply: ReviewCommentRecord = {
      id: this.nextId(),
      reviewId: null,
      user: this.user(user).login,
      body,
      path: parent.path,
      line: parent.line,
      inReplyTo: parent.inReplyTo ?? parent.id,
      commitId: parent.commitId,
      createdAt: this.now()
    }
    pr.pull.reviewComments.push(reply)
    return reply
  }

  /** Adds a workflow run (scenario format) with its jobs. */
  addWorkflowRun(run: ScenarioWorkflowRun): WorkflowRunRecord {
    const createdAt = run.created_at ?? this.now()
    const record: WorkflowRunRecord = {
      id: run.id,
      name: run.name,
      path: run.path,
      workflowId: run.workflow_id,
      runNumber: run.run_number ?? this.runs.size + 1,
      runAttempt: run.run_attempt,
      event: run.event,
      headBranch: run.head_branch ?? this.repo.defaultBranch,
      headSha: run.head_sha,
      status: run.status,
      conclusion: run.status === 'completed' ? run.conclusion : null,
      actor: run.actor ?? this.defaultUser,
      createdAt,
      updatedAt: createdAt,
      jobs: run.jobs.map(job => ({
        id: job.id,
        runId: run.id,
        name: job.name,
        status: job.status,
        conclusion: job.status === 'completed' ? job.conclusion : null,
        log: job.log,
        annotations: job.annotations,
        startedAt: createdAt,
        completedAt: job.status === 'completed' ? createdAt : null
      }))
    }
    this.runs.set(record.id, record)
    return record
  }

  /** The run with this id; 404 if missing. */
  run(id: number): WorkflowRunRecord {
    const run = this.runs.get(id)
    if (!run) throw notFound()
    return run
  }

  /**
   * The jobs (check runs) of every run whose head is `ref` — a sha or a branch name, with or without
   * `refs/heads/` — newest run first, as GitHub lists check runs for a ref.
   */
  jobsForRef(ref: string): { run: WorkflowRunRecord; job: JobRecord }[] {
    const name = ref.replace(/^(refs\/)?heads\//, '')
    return [...this.runs.values()]
      .filter(run => run.headSha === name || run.headBranch === name)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
      .flatMap(run => run.jobs.map(job => ({ run, job })))
  }

  /** The job with this id and its run; 404 if missing. */
  job(id: number): { run: WorkflowRunRecord; job: JobRecord } {
    for (const run of this.runs.values()) {
      const job = run.jobs.find(j => j.id === id)
      if (job) return { run, job }
    }
    throw notFound()
  }

  /** Queues the failed jobs of a completed run again, as a new attempt. */
  rerunFailedJobs(run: WorkflowRunRecord): void {
    if (run.status !== 'completed') throw new HttpError(403, 'This workflow is already running')
    run.runAttempt += 1
    run.status = 'queued'
    run.conclusion = null
    run.updatedAt = this.now()
    for (const job of run.jobs.filter(j => j.conclusion !== 'success' && j.conclusion !== 'skipped')) {
      job.status = 'queued'
      job.conclusion = null
      job.completedAt = null
    }
  }

  private recordEvent(issue: IssueRecord, event: IssueEventKind, actor: string, label?: string): void {
    const createdAt = this.now()
    issue.events.push({ id: this.nextId(), event, actor: this.user(actor).login, label, createdAt })
    issue.updatedAt = createdAt
  }

  private seedIssue(seed: Scenario['issues'][number]): void {
    const issue = this.createIssue({
      number: seed.number,
      title: seed.title,
      body: seed.body,
      author: seed.author
    })
    issue.createdAt = seed.created_at ?? issue.createdAt
    for (const label of seed.labels) this.addLabels(issue, [label], seed.labeled_by[label] ?? seed.author)
    for (const comment of seed.comments)
      this.addComment(issue, comment.author, comment.body, comment.created_at)
    for (const reaction of seed.reactions) this.addReaction(issue, reaction.user, reaction.content)
    if (seed.state === 'closed') this.setState(issue, 'closed', seed.author)
    issue.updatedAt = seed.updated_at ?? issue.updatedAt
  }

  private seedPull(seed: Scenario['pulls'][number]): void {
    const pr = this.createPull({
      number: seed.number,
      title: seed.title,
      body: seed.body,
      head: seed.head,
      base: seed.base ?? this.repo.defaultBranch,
      draft: seed.draft,
      author: seed.author ?? this.defaultUser,
      headSha: seed.head_sha
    })
    pr.createdAt = seed.created_at ?? pr.createdAt
    this.addLabels(pr, seed.labels, pr.author)
    for (const comment of seed.comments) this.addComment(pr, comment.author, comment.body, comment.created_at)
    for (const review of seed.reviews) {
      this.submitReview(pr, review.user, {
        state: review.state,
        body: review.body,
        submittedAt: review.submitted_at,
        comments: review.comments
      })
    }
    if (seed.merged) this.mergePull(pr, this.defaultUser)
    else if (seed.state === 'closed') this.setState(pr, 'closed', pr.author)
  }
}

/** `owner:branch` → `branch` (CCAL never opens cross-repository pull requests). */
function stripOwner(head: string): string {
  const colon = head.indexOf(':')
  return colon >= 0 ? head.slice(colon + 1) : head
}

/**
 * Whether a pull request's head matches a `head` filter. GitHub only honours `owner:branch`; a bare
 * branch name is silently ignored (every PR matches), and so it is here, to expose that mistake.
 */
export function headMatches(pr: PullRecord, owner: string, filter: string): boolean {
  const colon = filter.indexOf(':')
  if (colon < 0) return true
  return (
    filter.slice(0, colon).toLowerCase() === owner.toLowerCase() && pr.pull.head === filter.slice(colon + 1)
  )
}
