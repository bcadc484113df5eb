/** JSON shapes of pull requests, reviews and review comments, built from state. */
import type { PullRecord, ReviewCommentRecord, ReviewRecord } from '../state.js'
import {
  authorAssociation,
  issueLabels,
  label,
  nodeId,
  repoApi,
  repoHtml,
  repository,
  simpleUser,
  type ShapeContext
} from './shapes.js'

function branchRef(ctx: ShapeContext, ref: string, sha: string): Record<string, unknown> {
  const { repo } = ctx.state
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: { ...simpleUser(ctx, repo.owner), type: repo.ownerType },
    repo: repository(ctx)
  }
}

function link(href: string): { href: string } {
  return { href }
}

/** `pull-request-simple` (what the list endpoint returns). */
export function pullRequestSimple(ctx: ShapeContext, pr: PullRecord): Record<string, unknown> {
  const api = `${repoApi(ctx)}/pulls/${pr.number}`
  const issueApi = `${repoApi(ctx)}/issues/${pr.number}`
  const html = `${repoHtml(ctx)}/pull/${pr.number}`
  const baseSha = pr.pull.mergeCommitSha ?? '0'.repeat(40)
  return {
    url: api,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${repoApi(ctx)}/statuses/${pr.pull.headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: simpleUser(ctx, pr.author),
    body: pr.body,
    // The pull request schemas declare a label's description as a plain string (the issue schemas
    // allow null): an unset one is sent as '' to match.
    labels: issueLabels(ctx, pr).map(l => ({ ...label(ctx, l), description: l.description ?? '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.pull.mergedAt,
    merge_commit_sha: pr.pull.mergeCommitSha,
    assignee: pr.assignees?.[0] ? simpleUser(ctx, pr.assignees[0]) : null,
    assignees: (pr.assignees ?? []).map(login => simpleUser(ctx, login)),
    requested_reviewers: (pr.pull.requestedReviewers ?? []).map(login => simpleUser(ctx, login)),
    requested_teams: [],
    head: branchRef(ctx, pr.pull.head, pr.pull.headSha),
    base: branchRef(ctx, pr.pull.base, baseSha),
    _links: {
      self: link(api),
      html: link(html),
      issue: link(issueApi),
      comments: link(`${issueApi}/comments`),
      review_comments: link(`${api}/comments`),
      review_comment: link(`${repoApi(ctx)}/pulls/comments{/number}`),
      commits: link(`${api}/commits`),
      statuses: link(`${repoApi(ctx)}/statuses/${pr.pull.headSha}`)
    },
    author_association: authorAssociation(ctx, pr.author),
    auto_merge: null,
    draft: pr.pull.draft
  }
}

/** `pull-request` (get, create, update). */
export function pullRequest(ctx: ShapeContext, pr: PullRecord): Record<string, unknown> {
  const open = pr.state === 'open'
  return {
    ...pullRequestSimple(ctx, pr),
    merged: pr.pull.merged,
    mergeable: open ? true : null,
    rebaseable: open ? true : null,
    mergeable_state: open ? (pr.pull.draft ? 'draft' : 'clean') : 'unknown',
    merged_by: pr.pull.mergedBy ? simpleUser(ctx, pr.pull.mergedBy) : null,
    comments: pr.comments.length,
    review_comments: pr.pull.reviewComments.length,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1
  }
}

/** `pull-request-review` */
export function pullRequestReview(
  ctx: ShapeContext,
  pr: PullRecord,
  review: ReviewRecord
): Record<string, unknown> {
  const html = `${repoHtml(ctx)}/pull/${pr.number}#pullrequestreview-${review.id}`
  const pullUrl = `${repoApi(ctx)}/pulls/${pr.number}`
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: simpleUser(ctx, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: link(html), pull_request: link(pullUrl) },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: authorAssociation(ctx, review.user)
  }
}

/** `pull-request-review-comment` */
export function reviewComment(
  ctx: ShapeContext,
  pr: PullRecord,
  comment: ReviewCommentRecord
): Record<string, unknown> {
  const url = `${repoApi(ctx)}/pulls/comments/${comment.id}`
  const html = `${repoHtml(ctx)}/pull/${pr.number}#discussion_r${comment.id}`
  const pullUrl = `${repoApi(ctx)}/pulls/${pr.number}`
  const shape: Record<string, unknown> = {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: nodeId('PullRequestReviewComment', comment.id),
    diff_hunk: `@@ -${comment.line},1 +${comment.line},1 @@`,
    path: comment.path,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    user: simpleUser(ctx, comment.user),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(ctx, comment.user),
    _links: { self: link(url), html: link(html), pull_request: link(pullUrl) },
    line: comment.line,
    original_line: comment.line,
    side: 'RIGHT',
    subject_type: 'line'
  }
  if (comment.inReplyTo !== undefined) shape.in_reply_to_id = comment.inReplyTo
  return shape
}
