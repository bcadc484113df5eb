/**
 * Answers to `/ccal` commands: a reaction on the comment (👍 acted on, 😕 not) and, when CCAL did
 * not act, one line on the same conversation saying why. The text is CCAL's own (see
 * discovery/command-ops.ts) and names nobody.
 */
import type { CommandAnswer } from '../discovery/command-ops.js'
import type { GitHubClient } from '../github/client.js'
import { createCommentOnce } from './pulls.js'

/** Reacts to the command's comment and, when there is one, posts the reply. */
export async function answerCommand(client: GitHubClient, answer: CommandAnswer): Promise<void> {
  const where = { owner: client.owner, repo: client.repo }
  await client.rest.rest.reactions.createForIssueComment({
    ...where,
    comment_id: answer.commentId,
    content: answer.reaction
  })
  if (answer.reply) await createCommentOnce(client, answer.on, answer.reply)
}
