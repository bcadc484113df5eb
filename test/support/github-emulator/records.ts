/** The records the emulator state is made of (plain data; EmulatorState in state.ts changes them). */
import type { Permission, ReactionContent, ScenarioReview, ScenarioWorkflowRun } from './scenario.js'

/** A user known to the emulator. */
export interface UserRecord {
  login: string
  id: number
  type: 'User' | 'Bot'
  permission: Permission
  name?: string
}

/** A repository label. */
export interface LabelRecord {
  id: number
  name: string
  color: string
  description: string | null
}

/** An issue or pull-request conversation comment. */
export interface CommentRecord {
  id: number
  author: string
  body: string
  createdAt: string
  updatedAt: string
  /** Reactions on the comment (created on the first one). */
  reactions?: ReactionRecord[]
}

/** A reaction on an issue. */
export interface ReactionRecord {
  id: number
  user: string
  content: ReactionContent
  createdAt: string
}

/** Event kinds the emulator records on an issue's timeline. */
export type IssueEventKind = 'labeled' | 'unlabeled' | 'closed' | 'reopened' | 'merged' | 'ready_for_review'

/** One timeline event (REST issue events; GraphQL timelineItems). */
export interface IssueEventRecord {
  id: number
  event: IssueEventKind
  actor: string
  label?: string
  createdAt: string
}

/** A pull-request review. */
export interface ReviewRecord {
  id: number
  user: string
  state: ScenarioReview['state']
  body: string
  submittedAt: string
  commitId: string
  lastEditedAt?: string | null
  editor?: string | null
}

/** An inline review comment (or a reply to one). */
export interface ReviewCommentRecord {
  id: number
  reviewId: number | null
  user: string
  body: string
  path: string
  line: number
  inReplyTo?: number
  commitId: string
  createdAt: string
  lastEditedAt?: string | null
  editor?: string | null
}

/** What makes an issue a pull request. */
export interface PullData {
  head: string
  base: string
  headSha: string
  draft: boolean
  merged: boolean
  mergedAt: string | null
  mergedBy: string | null
  mergeCommitSha: string | null
  reviews: ReviewRecord[]
  reviewComments: ReviewCommentRecord[]
  /** People asked to review (`pulls/request-reviewers`; the emulator has no teams). */
  requestedReviewers?: string[]
}

/** An issue; pull requests are issues with `pull` set, as on GitHub (one number space). */
export interface IssueRecord {
  id: number
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  stateReason: 'completed' | 'not_planned' | 'reopened' | null
  labels: string[]
  author: string
  createdAt: string
  updatedAt: string
  closedAt: string | null
  closedBy: string | null
  /** The last edit of the title or body after creation (GraphQL `lastEditedAt`, `editor`). */
  lastEditedAt?: string | null
  editor?: string | null
  /** Logins assigned (`issues/add-assignees`): only people with push access are kept, as on GitHub. */
  assignees?: string[]
  comments: CommentRecord[]
  reactions: ReactionRecord[]
  events: IssueEventRecord[]
  pull?: PullData
}

/** A pull request: an issue whose `pull` is present. */
export type PullRecord = IssueRecord & { pull: PullData }

/** One job of a workflow run (GitHub Actions also exposes it as a check run with the same id). */
export interface JobRecord {
  id: number
  runId: number
  name: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: string | null
  log: string
  annotations: ScenarioWorkflowRun['jobs'][number]['annotations']
  startedAt: string
  completedAt: string | null
}

/** An Actions workflow run. */
export interface WorkflowRunRecord {
  id: number
  name: string
  path: string
  workflowId: number
  runNumber: number
  runAttempt: number
  event: string
  headBranch: string
  headSha: string
  status: string
  conclusion: string | null
  actor: string
  createdAt: string
  updatedAt: string
  jobs: JobRecord[]
}

/** The repository being emulated. */
export interface RepoRecord {
  id: number
  owner: string
  name: string
  defaultBranch: string
  ownerType: 'User' | 'Organization'
  private: boolean
  createdAt: string
  /** Settings → Actions → Workflow permissions. */
  workflowPermissions: { defaultWorkflowPermissions: 'read' | 'write'; canApprovePullRequestReviews: boolean }
}
