/** REST handlers for issues, their comments, labels, events, timeline and reactions. */
import { z } from 'zod'
import { HttpError, validationFailed } from '../errors.js'
import { REACTIONS } from '../scenario.js'
import { hasPermission, type IssueRecord } from '../state.js'
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
import { pullClosesIssue } from '../references.js'
import { issue, issueComment, issueEvent, label, reaction, simpleUser, type ShapeContext } from './shapes.js'

const labelName = z.union([z.string(), z.object({ name: z.string() }).transform(l => l.name)])

function issueOf(req: RestRequest): IssueRecord {
  return req.ctx.state.issue(intParam(req, 'issue_number'))
}

function matchesListFilters(req: RestRequest, record: IssueRecord): boolean {
  const state = stringQuery(req, 'state') ?? 'open'
  if (state !== 'all' && record.state !== state) return false
  const labels = stringQuery(req, 'labels')
  if (labels) {
    const wanted = labels.split(',').map(l => l.trim().toLowerCase())
    if (!wanted.every(w => record.labels.some(l => l.toLowerCase() === w))) return false
  }
  const creator = stringQuery(req, 'creator')
  if (creator && record.author.toLowerCase() !== creator.toLowerCase()) return false
  const since = stringQuery(req, 'since')
  return !since || record.updatedAt >= since
}

function sortIssues(req: RestRequest, items: IssueRecord[]): IssueRecord[] {
  const sort = stringQuery(req, 'sort') ?? 'created'
  const sign = req.query.direction === 'asc' ? 1 : -1
  const key = (i: IssueRecord): string | number =>
    sort === 'updated' ? i.updatedAt : sort === 'comments' ? i.comments.length : i.createdAt
  return [...items].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    const byKey =
      typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb))
    return sign * (byKey !== 0 ? byKey : a.number - b.number)
  })
}

function issueLabelsResponse(ctx: ShapeContext, record: IssueRecord): unknown[] {
  return record.labels.map(name => label(ctx, ctx.state.ensureLabel(name)))
}

/**
 * Timeline entries in time order: recorded events, comments (`commented`) and cross-references from
 * pull requests whose body mentions the issue (derived, as GitHub derives them from text).
 */
function timeline(ctx: ShapeContext, record: IssueRecord): Record<string, unknown>[] {
  const entries: { at: string; id: number; shape: Record<string, unknown> }[] = []
  for (const event of record.events)
    entries.push({ at: event.createdAt, id: event.id, shape: issueEvent(ctx, record, event) })
  for (const comment of record.comments) {
    const shape = {
      ...issueComment(ctx, record, comment),
      event: 'commented',
      actor: simpleUser(ctx, comment.author)
    }
    entries.push({ at: comment.createdAt, id: comment.id, shape })
  }
  for (const pr of ctx.state
    .pulls()
    .filter(p => p.number !== record.number && pullClosesIssue(p, record.number))) {
    entries.push({
      at: pr.createdAt,
      id: pr.id,
      shape: {
        event: 'cross-referenced',
        actor: simpleUser(ctx, pr.author),
        created_at: pr.createdAt,
        updated_at: pr.updatedAt,
        source: { type: 'issue', issue: issue(ctx, pr) }
      }
    })
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id).map(e => e.shape)
}

/** Handlers by operation id. */
export const issueHandlers: RestHandlers = {
  'issues/list-for-repo': req => {
    const items = [...req.ctx.state.issues.values()].filter(i => matchesListFilters(req, i))
    return jsonPage(req, sortIssues(req, items), i => issue(req.ctx, i))
  },

  'issues/get': req => json(issue(req.ctx, issueOf(req))),

  'issues/create': req => {
    const body = parseBody(
      req,
      z.object({
        title: z.union([z.string(), z.number()]),
        body: z.string().optional(),
        labels: z.array(labelName).optional()
      })
    )
    const created = req.ctx.state.createIssue({
      title: String(body.title),
      body: body.body,
      author: req.actor,
      labels: body.labels
    })
    return json(issue(req.ctx, created), 201)
  },

  'issues/update': req => {
    const record = issueOf(req)
    const body = parseBody(
      req,
      z.object({
        title: z.union([z.string(), z.number()]).nullish(),
        body: z.string().nullish(),
        state: z.enum(['open', 'closed']).optional(),
        state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).nullish(),
        labels: z.array(labelName).optional()
      })
    )
    const title = body.title !== undefined && body.title !== null ? String(body.title) : undefined
    // As GitHub records it (GraphQL lastEditedAt, editor): an edit that changed the title or body.
    if ((title !== undefined && title !== record.title) || (body.body != null && body.body !== record.body)) {
      record.lastEditedAt = req.ctx.state.now()
      record.editor = req.actor
    }
    if (title !== undefined) record.title = title
    if (body.body !== undefined) record.body = body.body ?? ''
    if (body.labels) {
      requireRole(req, 'triage')
      req.ctx.state.setLabels(record, body.labels, req.actor)
    }
    if (body.state) {
      const reason = body.state_reason === 'not_planned' ? 'not_planned' : 'completed'
      req.ctx.state.setState(record, body.state, req.actor, reason)
    }
    record.updatedAt = req.ctx.state.now()
    return json(issue(req.ctx, record))
  },

  'issues/list-comments': req => {
    const record = issueOf(req)
    const since = stringQuery(req, 'since')
    const comments = record.comments.filter(c => !since || c.updatedAt >= since)
    return jsonPage(req, comments, c => issueComment(req.ctx, record, c))
  },

  'issues/create-comment': req => {
    const record = issueOf(req)
    const { body } = parseBody(req, z.object({ body: z.string() }))
    if (body.length > 65536)
      throw validationFailed('Body is too long (maximum is 65536 characters)', 'IssueComment', 'body')
    const comment = req.ctx.state.addComment(record, req.actor, body)
    return json(issueComment(req.ctx, record, comment), 201)
  },

  'issues/get-comment': req => {
    const found = req.ctx.state.comment(intParam(req, 'comment_id'))
    return json(issueComment(req.ctx, found.issue, found.comment))
  },

  'issues/update-comment': req => {
    const found = req.ctx.state.comment(intParam(req, 'comment_id'))
    // Only the author (or a maintainer) may edit a comment; CCAL edits its own status comments.
    if (found.comment.author !== req.actor) requireRole(req, 'maintain')
    found.comment.body = parseBody(req, z.object({ body: z.string() })).body
    found.comment.updatedAt = req.ctx.state.now()
    return json(issueComment(req.ctx, found.issue, found.comment))
  },

  'issues/list-labels-on-issue': req =>
    jsonPage(req, issueOf(req).labels, name => label(req.ctx, req.ctx.state.ensureLabel(name))),

  'issues/add-assignees': req => {
    requireRole(req, 'triage')
    const record = issueOf(req)
    const { assignees } = parseBody(req, z.object({ assignees: z.array(z.string()).optional() }))
    // GitHub drops, without an error, anyone who may not be assigned (no push access).
    const allowed = (assignees ?? []).filter(login =>
      hasPermission(req.ctx.state.user(login).permission, 'write')
    )
    record.assignees = [...new Set([...(record.assignees ?? []), ...allowed])].slice(0, 10)
    record.updatedAt = req.ctx.state.now()
    return json(issue(req.ctx, record), 201)
  },

  'issues/add-labels': req => {
    requireRole(req, 'triage')
    const record = issueOf(req)
    const { labels } = parseBody(req, z.object({ labels: z.array(labelName) }))
    req.ctx.state.addLabels(record, labels, req.actor)
    return json(issueLabelsResponse(req.ctx, record))
  },

  'issues/set-labels': req => {
    requireRole(req, 'triage')
    const record = issueOf(req)
    const { labels } = parseBody(req, z.object({ labels: z.array(labelName).default([]) }))
    req.ctx.state.setLabels(record, labels, req.actor)
    return json(issueLabelsResponse(req.ctx, record))
  },

  'issues/remove-label': req => {
    requireRole(req, 'triage')
    const record = issueOf(req)
    req.ctx.state.removeLabel(record, req.params.name ?? '', req.actor)
    return json(issueLabelsResponse(req.ctx, record))
  },

  'issues/list-events': req => {
    const record = issueOf(req)
    return jsonPage(req, record.events, e => issueEvent(req.ctx, record, e))
  },

  'issues/list-events-for-timeline': req => {
    const record = issueOf(req)
    return jsonPage(req, timeline(req.ctx, record), e => e)
  },

  'reactions/list-for-issue': req => {
    const record = issueOf(req)
    const content = stringQuery(req, 'content')
    return jsonPage(
      req,
      record.reactions.filter(r => !content || r.content === content),
      r => reaction(req.ctx, r)
    )
  },

  'reactions/create-for-issue': req => {
    const record = issueOf(req)
    const { content } = parseBody(req, z.object({ content: z.enum(REACTIONS) }))
    const result = req.ctx.state.addReaction(record, req.actor, content)
    return json(reaction(req.ctx, result.reaction), result.created ? 201 : 200)
  },

  'reactions/create-for-issue-comment': req => {
    const found = req.ctx.state.comment(intParam(req, 'comment_id'))
    const { content } = parseBody(req, z.object({ content: z.enum(REACTIONS) }))
    const result = req.ctx.state.addReaction(found.comment, req.actor, content)
    return json(reaction(req.ctx, result.reaction), result.created ? 201 : 200)
  },

  'issues/list-labels-for-repo': req =>
    jsonPage(req, [...req.ctx.state.labels.values()], l => label(req.ctx, l)),

  'issues/get-label': req => {
    const found = req.ctx.state.findLabel(req.params.name ?? '')
    if (!found) throw new HttpError(404, 'Not Found')
    return json(label(req.ctx, found))
  },

  'issues/create-label': req => {
    requireRole(req, 'write')
    const body = parseBody(
      req,
      z.object({ name: z.string(), color: z.string().optional(), description: z.string().optional() })
    )
    if (req.ctx.state.findLabel(body.name)) throw validationFailed('already_exists', 'Label', 'name')
    const created = req.ctx.state.ensureLabel(body.name, body.color ?? 'ededed', body.description ?? null)
    return json(label(req.ctx, created), 201)
  }
}
