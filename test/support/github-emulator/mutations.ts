/**
 * Scripted state changes ("a maintainer labels issue 3", "the PR gets merged") for tests and demos:
 * `gh.mutate(action)` or POST /_emulator/state with the same JSON.
 */
import { z } from 'zod'
import { PERMISSIONS, REACTIONS, workflowRunSchema } from './scenario.js'
import type { EmulatorState } from './state.js'

const login = z.string().min(1)
const number = z.number().int().positive()

/** Every mutate action (see README.md "Mutations"). */
export const mutationSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('label_issue'), issue: number, label: z.string(), actor: login }),
  z.object({ action: z.literal('unlabel_issue'), issue: number, label: z.string(), actor: login }),
  z.object({ action: z.literal('comment_issue'), issue: number, body: z.string(), author: login }),
  z.object({
    action: z.literal('edit_issue'),
    issue: number,
    title: z.string().optional(),
    body: z.string().optional(),
    editor: login,
    /** When the edit happened (default: the emulator's clock). */
    at: z.iso.datetime().optional()
  }),
  z.object({ action: z.literal('react_issue'), issue: number, content: z.enum(REACTIONS), user: login }),
  z.object({ action: z.literal('close_issue'), issue: number, actor: login }),
  z.object({ action: z.literal('reopen_issue'), issue: number, actor: login }),
  z.object({
    action: z.literal('create_issue'),
    title: z.string(),
    body: z.string().default(''),
    author: login,
    labels: z.array(z.string()).default([]),
    number: number.optional()
  }),
  z.object({
    action: z.literal('edit_review'),
    pull: number,
    review: number,
    body: z.string(),
    editor: login,
    at: z.iso.datetime().optional()
  }),
  z.object({ action: z.literal('merge_pull'), pull: number, actor: login }),
  z.object({ action: z.literal('close_pull'), pull: number, actor: login }),
  z.object({
    action: z.literal('submit_review'),
    pull: number,
    user: login,
    state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED']),
    body: z.string().default(''),
    comments: z.array(z.object({ path: z.string(), line: number.default(1), body: z.string() })).default([])
  }),
  z.object({ action: z.literal('set_permission'), user: login, permission: z.enum(PERMISSIONS) }),
  z.object({ action: z.literal('add_workflow_run'), run: workflowRunSchema })
])

/** A mutate action as written. */
export type MutationInput = z.input<typeof mutationSchema>
/** A parsed mutate action. */
export type Mutation = z.output<typeof mutationSchema>

/** Applies one action; returns the number/id of what it created or changed. */
export function applyMutation(state: EmulatorState, mutation: Mutation): { number?: number; id?: number } {
  switch (mutation.action) {
    case 'label_issue':
      state.addLabels(state.issue(mutation.issue), [mutation.label], mutation.actor)
      return { number: mutation.issue }
    case 'unlabel_issue':
      state.removeLabel(state.issue(mutation.issue), mutation.label, mutation.actor)
      return { number: mutation.issue }
    case 'comment_issue':
      return { id: state.addComment(state.issue(mutation.issue), mutation.author, mutation.body).id }
    case 'edit_issue': {
      const issue = state.issue(mutation.issue)
      if (mutation.title !== undefined) issue.title = mutation.title
      if (mutation.body !== undefined) issue.body = mutation.body
      issue.lastEditedAt = issue.updatedAt = mutation.at ?? state.now()
      issue.editor = mutation.editor
      return { number: mutation.issue }
    }
    case 'react_issue':
      return {
        id: state.addReaction(state.issue(mutation.issue), mutation.user, mutation.content).reaction.id
      }
    case 'close_issue':
    case 'reopen_issue':
      state.setState(
        state.issue(mutation.issue),
        mutation.action === 'close_issue' ? 'closed' : 'open',
        mutation.actor
      )
      return { number: mutation.issue }
    case 'create_issue':
      return { number: state.createIssue(mutation).number }
    case 'edit_review': {
      const review = state.pull(mutation.pull).pull.reviews.find(entry => entry.id === mutation.review)
      if (!review) throw new Error(`pull request #${mutation.pull} has no review ${mutation.review}`)
      review.body = mutation.body
      review.lastEditedAt = mutation.at ?? state.now()
      review.editor = mutation.editor
      return { id: review.id }
    }
    case 'merge_pull':
      state.mergePull(state.pull(mutation.pull), mutation.actor)
      return { number: mutation.pull }
    case 'close_pull':
      state.setState(state.pull(mutation.pull), 'closed', mutation.actor)
      return { number: mutation.pull }
    case 'submit_review':
      return { id: state.submitReview(state.pull(mutation.pull), mutation.user, mutation).id }
    case 'set_permission':
      state.user(mutation.user).permission = mutation.permission
      return {}
    case 'add_workflow_run':
      return { id: state.addWorkflowRun(mutation.run).id }
  }
}
