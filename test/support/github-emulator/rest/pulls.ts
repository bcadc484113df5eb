/** REST handlers for pull requests, merges, reviews and review comments. */
import { z } from 'zod'
import { HttpError, validationFailed } from '../errors.js'
import type { PullRecord, ReviewRecord } from '../state.js'
import { hasPermission, headMatches } from '../state.js'

/** The login of the workflow's own GITHUB_TOKEN. */
const ACTIONS_LOGIN = 'github-actions[bot]'
import {
  intParam,
  json,
  jsonPage,
  parseBody,
  requireRole,
  stringQuery,
  type RestHandlers,
  type RestRequest
} from './context.js'
import { pullRequest, pullRequestReview, pullRequestSimple, reviewComment } from './pull-shapes.js'

function pullOf(req: RestRequest): PullRecord {
  return req.ctx.state.pull(intParam(req, 'pull_number'))
}

function matchesPullFilters(req: RestRequest, pr: PullRecord): boolean {
  const state = stringQuery(req, 'state') ?? 'open'
  if (state !== 'all' && pr.state !== state) return false
  const head = stringQuery(req, 'head')
  if (head && !headMatches(pr, req.ctx.state.repo.owner, head)) return false
  const base = stringQuery(req, 'base')
  return !base || pr.pull.base === base
}

function sortPulls(req: RestRequest, pulls: PullRecord[]): PullRecord[] {
  const sort = stringQuery(req, 'sort') ?? 'created'
  const sign = req.query.direction === 'asc' ? 1 : -1
  const key = (pr: PullRecord): string => (sort === 'updated' ? pr.updatedAt : pr.createdAt)
  return [...pulls].sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number))
}

const REVIEW_EVENTS: Record<string, ReviewRecord['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED'
}

const createReviewBody = z.object({
  body: z.string().optional(),
  event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']).optional(),
  commit_id: z.string().optional(),
  comments: z
    .array(
      z.object({
        path: z.string(),
        body: z.string(),
        line: z.number().int().optional(),
        position: z.number().int().optional()
      })
    )
    .optional()
})

/** Handlers by operation id. */
export const pullHandlers: RestHandlers = {
  'pulls/list': req => {
    const pulls = req.ctx.state.pulls().filter(pr => matchesPullFilters(req, pr))
    return jsonPage(req, sortPulls(req, pulls), pr => pullRequestSimple(req.ctx, pr))
  },

  'pulls/get': req => json(pullRequest(req.ctx, pullOf(req))),

  'pulls/create': req => {
    requireRole(req, 'write')
    // The repository setting that keeps the workflow's own token from opening pull requests.
    if (req.actor === ACTIONS_LOGIN && !req.ctx.state.repo.workflowPermissions.canApprovePullRequestReviews)
      throw new HttpError(403, 'GitHub Actions is not permitted to create or approve pull requests.')
    const body = parseBody(
      req,
      z.object({
        title: z.string().optional(),
        head: z.string(),
        base: z.string(),
        body: z.string().optional(),
        draft: z.boolean().optional(),
        issue: z.number().optional()
      })
    )
    if (body.title === undefined) throw validationFailed('title is required', 'PullRequest', 'title')
    const pr = req.ctx.state.createPull({ ...body, title: body.title, author: req.actor })
    return json(pullRequest(req.ctx, pr), 201)
  },

  'pulls/update': req => {
    requireRole(req, 'write')
    const pr = pullOf(req)
    const body = parseBody(
      req,
      z.object({
        title: z.string().optional(),
        body: z.string().optional(),
        state: z.enum(['open', 'closed']).optional(),
        base: z.string().optional()
      })
    )
    if (body.state === 'open' && pr.pull.merged)
      throw validationFailed('state cannot be changed. The pull request is merged.', 'PullRequest', 'state')
    if (body.title !== undefined) pr.title = body.title
    if (body.body !== undefined) pr.body = body.body
    if (body.base !== undefined) pr.pull.base = body.base
    if (body.state) req.ctx.state.setState(pr, body.state, req.actor)
    pr.updatedAt = req.ctx.state.now()
    return json(pullRequest(req.ctx, pr))
  },

  'pulls/request-reviewers': req => {
    requireRole(req, 'triage')
    const pr = pullOf(req)
    const body = parseBody(
      req,
      z.object({ reviewers: z.array(z.string()).optional(), team_reviewers: z.array(z.string()).optional() })
    )
    const { owner, name } = req.ctx.state.repo
    for (const login of body.reviewers ?? []) {
      if (login.toLowerCase() === pr.author.toLowerCase())
        throw validationFailed(
          'Review cannot be requested from pull request author.',
          'PullRequest',
          'reviewers'
        )
      if (!hasPermission(req.ctx.state.user(login).permission, 'read'))
        throw validationFailed(
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${owner}/${name} repository.`,
          'PullRequest',
          'reviewers'
        )
    }
    // The emulator knows no teams: every team is "not a collaborator", as an unknown one is on GitHub.
    if ((body.team_reviewers ?? []).length > 0)
      throw validationFailed(
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${owner}/${name} repository.`,
        'PullRequest',
        'team_reviewers'
      )
    pr.pull.requestedReviewers = [
      ...new Set([...(pr.pull.requestedReviewers ?? []), ...(body.reviewers ?? [])])
    ]
    return json(pullRequestSimple(req.ctx, pr), 201)
  },

  'pulls/check-if-merged': req => {
    if (!pullOf(req).pull.merged) throw new HttpError(404, 'Not Found')
    return { status: 204 }
  },

  'pulls/merge': req => {
    requireRole(req, 'write')
    const pr = pullOf(req)
    const body = parseBody(req, z.object({ sha: z.string().optional() }))
    if (body.sha !== undefined && body.sha !== pr.pull.headSha) {
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.')
    }
    req.ctx.state.mergePull(pr, req.actor)
    return json({ sha: pr.pull.mergeCommitSha, merged: true, message: 'Pull Request successfully merged' })
  },

  'pulls/list-reviews': req => {
    const pr = pullOf(req)
    return jsonPage(req, pr.pull.reviews, r => pullRequestReview(req.ctx, pr, r))
  },

  'pulls/get-review': req => {
    const pr = pullOf(req)
    const review = pr.pull.reviews.find(r => r.id === intParam(req, 'review_id'))
    if (!review) throw new HttpError(404, 'Not Found')
    return json(pullRequestReview(req.ctx, pr, review))
  },

  'pulls/create-review': req => {
    const pr = pullOf(req)
    const body = parseBody(req, createReviewBody)
    const state = body.event ? REVIEW_EVENTS[body.event] : 'PENDING'
    if (!state) throw validationFailed('Unknown review event', 'PullRequestReview', 'event')
    // GitHub refuses approving or requesting changes on one's own pull request.
    if (pr.author === req.actor && (state === 'APPROVED' || state === 'CHANGES_REQUESTED')) {
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: [`Can not ${state === 'APPROVED' ? 'approve' : 'request changes on'} your own pull request`]
      })
    }
    if ((state === 'CHANGES_REQUESTED' || state === 'COMMENTED') && !body.body && !body.comments?.length) {
      throw new HttpError(422, 'Unprocessable Entity', { errors: ['Body is required for this review event'] })
    }
    const review = req.ctx.state.submitReview(pr, req.actor, {
      state,
      body: body.body,
      comments: (body.comments ?? []).map(c => ({
        path: c.path,
        body: c.body,
        line: c.line ?? c.position ?? 1
      }))
    })
    return json(pullRequestReview(req.ctx, pr, review))
  },

  'pulls/list-review-comments': req => {
    const pr = pullOf(req)
    return jsonPage(req, pr.pull.reviewComments, c => reviewComment(req.ctx, pr, c))
  },

  'pulls/create-reply-for-review-comment': req => {
    const pr = pullOf(req)
    const { body } = parseBody(req, z.object({ body: z.string() }))
    const reply = req.ctx.state.replyToReviewComment(pr, intParam(req, 'comment_id'), req.actor, body)
    return json(reviewComment(req.ctx, pr, reply), 201)
  }
}
