/**
 * Pull requests and comments on GitHub. Idempotent: an item's pull request is found by its head
 * branch (state=all) and updated rather than opened twice.
 */
import { repositoryWebUrl, type GitHubClient } from '../github/client.js'
import { CcalError, errorMessage, httpStatus } from '../util/errors.js'

export interface PullRequestInfo {
  number: number
  url: string
  state: 'open' | 'closed'
  merged: boolean
  headRef: string
  body: string
}

export interface PullRequestSpec {
  branch: string
  base: string
  title: string
  body: string
  draft: boolean
  labels: readonly string[]
  /** Asked to review a new pull request: logins, or `org/team` for a team. */
  reviewers?: readonly string[]
  /** Assigned to a new pull request (GitHub drops anyone without push access). */
  assignees?: readonly string[]
}

export class PullRequestError extends CcalError {}

/** The most recent pull request whose head is `branch` in this repository, open or closed. */
export async function findPullForBranch(
  client: GitHubClient,
  branch: string
): Promise<PullRequestInfo | undefined> {
  const { data } = await client.rest.rest.pulls.list({
    owner: client.owner,
    repo: client.repo,
    head: `${client.owner}:${branch}`,
    state: 'all',
    per_page: 10
  })
  const latest = [...data].sort((a, b) => b.number - a.number)[0]
  if (!latest) return undefined
  return {
    number: latest.number,
    url: latest.html_url,
    state: latest.state === 'open' ? 'open' : 'closed',
    merged: Boolean(latest.merged_at),
    headRef: latest.head.ref,
    body: latest.body ?? ''
  }
}

/** Creates of one pull request tried before giving up, each after looking for what the last made. */
const PULL_ATTEMPTS = 3

/**
 * Opens the pull request for `spec.branch`, or updates the open one. A merged one is an error (the
 * work is done); a closed unmerged one is left closed and a new one opened, since a person asked
 * for the retry.
 */
export async function openOrUpdatePull(
  client: GitHubClient,
  spec: PullRequestSpec,
  warn: (message: string) => void = () => {}
): Promise<PullRequestInfo & { created: boolean }> {
  const existing = await findPullForBranch(client, spec.branch)
  if (existing?.merged) {
    throw new PullRequestError(`pull request #${existing.number} for '${spec.branch}' is already merged`)
  }
  if (existing?.state === 'open') {
    await client.rest.rest.pulls.update({
      owner: client.owner,
      repo: client.repo,
      pull_number: existing.number,
      title: spec.title,
      body: spec.body
    })
    return { ...existing, body: spec.body, created: false }
  }
  let created: { data: { number: number; html_url: string } } | undefined
  for (let attempt = 1; created === undefined; attempt += 1) {
    try {
      created = await client.rest.rest.pulls.create({
        owner: client.owner,
        repo: client.repo,
        head: spec.branch,
        base: spec.base,
        title: spec.title,
        body: spec.body,
        draft: spec.draft,
        // Not retried blindly: a create whose answer was lost is looked for first (below).
        request: { retries: 0 }
      })
    } catch (error) {
      // The server may have opened it all the same (a lost answer), or an earlier attempt did.
      const found =
        mayHaveActed(error) || isAlreadyExists(error)
          ? await findPullForBranch(client, spec.branch)
          : undefined
      if (found?.state === 'open') created = { data: { number: found.number, html_url: found.url } }
      else if (mayHaveActed(error) && attempt < PULL_ATTEMPTS)
        // Not there: the server failed before acting, and asking again makes no second one.
        await new Promise(resolve => setTimeout(resolve, 500 * attempt))
      else {
        const fix = pullFailureFix(error)
        const compare = `${repositoryWebUrl(client)}/compare/${encodeURIComponent(spec.base)}...${encodeURIComponent(spec.branch)}?expand=1`
        throw new PullRequestError(
          `cannot open a pull request from '${spec.branch}' to '${spec.base}': ${errorMessage(error)}${fix ? ` Fix: ${fix}` : ''} The branch is pushed: ${compare} opens the pull request by hand.`,
          { cause: error }
        )
      }
    }
  }
  if (spec.labels.length > 0) {
    await client.rest.rest.issues.addLabels({
      owner: client.owner,
      repo: client.repo,
      issue_number: created.data.number,
      labels: [...spec.labels]
    })
  }
  await askPeople(client, created.data.number, spec, warn)
  return {
    number: created.data.number,
    url: created.data.html_url,
    state: 'open',
    merged: false,
    headRef: spec.branch,
    body: spec.body,
    created: true
  }
}

/**
 * Requests the configured reviewers and assigns the configured people on a new pull request. A
 * refusal (someone who is not a collaborator, a team the token cannot see) is a warning: the pull
 * request is open and the work is not lost because a name in the settings is wrong.
 */
async function askPeople(
  client: GitHubClient,
  pullNumber: number,
  spec: Pick<PullRequestSpec, 'reviewers' | 'assignees'>,
  warn: (message: string) => void
): Promise<void> {
  const where = { owner: client.owner, repo: client.repo }
  const reviewers = (spec.reviewers ?? []).filter(name => !name.includes('/'))
  const teams = (spec.reviewers ?? [])
    .filter(name => name.includes('/'))
    .map(name => name.split('/')[1] as string)
  if (reviewers.length + teams.length > 0) {
    try {
      await client.rest.rest.pulls.requestReviewers({
        ...where,
        pull_number: pullNumber,
        ...(reviewers.length > 0 ? { reviewers } : {}),
        ...(teams.length > 0 ? { team_reviewers: teams } : {})
      })
    } catch (error) {
      warn(
        `could not request reviews from ${(spec.reviewers ?? []).join(', ')} on #${pullNumber}: ${errorMessage(error)} (pull_requests.reviewers must name collaborators, or org/team for a team of the repository's organization)`
      )
    }
  }
  const assignees = spec.assignees ?? []
  if (assignees.length === 0) return
  try {
    const { data } = await client.rest.rest.issues.addAssignees({
      ...where,
      issue_number: pullNumber,
      assignees: [...assignees]
    })
    const kept = new Set((data.assignees ?? []).map(person => person.login.toLowerCase()))
    const dropped = assignees.filter(login => !kept.has(login.toLowerCase()))
    if (dropped.length > 0)
      warn(
        `GitHub did not assign ${dropped.join(', ')} to #${pullNumber}: only people with push access can be assigned (pull_requests.assignees)`
      )
  } catch (error) {
    warn(`could not assign ${assignees.join(', ')} to #${pullNumber}: ${errorMessage(error)}`)
  }
}

/** Posts a comment on an issue or pull request conversation, once; returns its URL. */
export async function commentOn(client: GitHubClient, issueNumber: number, body: string): Promise<string> {
  return (await createCommentOnce(client, issueNumber, body)).url
}

/**
 * The one-line fix for a pull request GitHub refused for a known reason, named by its message: the
 * repository setting that keeps Actions from opening pull requests (the most reported failure of
 * PR-opening actions), a token without the permission, no commits to propose.
 */
export function pullFailureFix(error: unknown): string | undefined {
  const message = errorMessage(error)
  if (/not permitted to create or approve pull requests/i.test(message))
    return 'in the repository\'s Settings → Actions → General → Workflow permissions, tick "Allow GitHub Actions to create and approve pull requests" (or give CCAL a GitHub App token as github-token).'
  if (
    httpStatus(error) === 403 &&
    /resource not accessible by (integration|personal access token)/i.test(message)
  )
    return "give the token pull-requests: write (the workflow's permissions:, or the GitHub App's repository permissions)."
  if (/no commits between/i.test(message))
    return 'nothing to propose: the branch holds no commit that its base lacks.'
  if (/draft pull requests are not supported/i.test(message))
    return 'set pull_requests.draft: false (draft pull requests need a public repository or a paid plan).'
  if (isAlreadyExists(error))
    return 'a pull request from this branch is already open but CCAL could not find it by its head: close it, or delete the branch, and CCAL opens a new one.'
  if (httpStatus(error) === 422 && /\bbase\b/i.test(message))
    return 'the base branch does not exist: set pull_requests.base_branch to a branch the repository has (or leave it unset for the default branch).'
  return undefined
}

/** True when a failed write may have been carried out all the same: no answer, or a server error. */
export function mayHaveActed(error: unknown): boolean {
  const status = httpStatus(error)
  return status === undefined || status >= 500
}

/** GitHub's 422 for a second pull request from the same head. */
function isAlreadyExists(error: unknown): boolean {
  return httpStatus(error) === 422 && /already exists/i.test(errorMessage(error))
}

/** Attempts at creating one comment, each after looking for what the one before may have made. */
const COMMENT_ATTEMPTS = 3

/**
 * Creates a comment exactly once: a create whose answer was lost (a server error, a timeout) is
 * looked for by its body among the conversation's latest comments before another is made.
 */
export async function createCommentOnce(
  client: GitHubClient,
  issueNumber: number,
  body: string
): Promise<{ id: number; url: string }> {
  const since = new Date(Date.now() - 10 * 60_000).toISOString()
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { data } = await client.rest.rest.issues.createComment({
        owner: client.owner,
        repo: client.repo,
        issue_number: issueNumber,
        body,
        request: { retries: 0 }
      })
      return { id: data.id, url: data.html_url }
    } catch (error) {
      if (!mayHaveActed(error) || attempt >= COMMENT_ATTEMPTS) throw error
      const made = await findComment(client, issueNumber, since, comment => comment.body === body)
      if (made) return made
    }
  }
}

/** A comment as {@link findComment} offers it to its predicate. */
export type ListedComment = Awaited<
  ReturnType<GitHubClient['rest']['rest']['issues']['listComments']>
>['data'][number]

/** The first comment on `issueNumber` made or edited since `since` that `matches` (100 at most are read). */
export async function findComment(
  client: GitHubClient,
  issueNumber: number,
  since: string,
  matches: (comment: ListedComment) => boolean
): Promise<{ id: number; url: string } | undefined> {
  const { data } = await client.rest.rest.issues.listComments({
    owner: client.owner,
    repo: client.repo,
    issue_number: issueNumber,
    since,
    per_page: 100
  })
  const found = data.find(matches)
  return found ? { id: found.id, url: found.html_url } : undefined
}

/** Replies in the thread of a review comment on a pull request. */
export async function replyToReviewComment(
  client: GitHubClient,
  pullNumber: number,
  commentId: number,
  body: string
): Promise<void> {
  await client.rest.rest.pulls.createReplyForReviewComment({
    owner: client.owner,
    repo: client.repo,
    pull_number: pullNumber,
    comment_id: commentId,
    body
  })
}

/** The note CCAL keeps in a pull request's body between these lines (replaced, never stacked). */
const NOTE_START = '<!-- ccal:note -->'
const NOTE_END = '<!-- ccal:note-end -->'

/** A body with `note` in CCAL's note block: the old note replaced, else the note put first. */
export function withNote(body: string, note: string): string {
  const block = `${NOTE_START}\n${note}\n${NOTE_END}`
  const start = body.indexOf(NOTE_START)
  const end = body.indexOf(NOTE_END)
  if (start >= 0 && end > start) return `${body.slice(0, start)}${block}${body.slice(end + NOTE_END.length)}`
  return `${block}\n\n${body}`
}

/** Retitles an open pull request and keeps a note at the top of its body. */
export async function notePull(
  client: GitHubClient,
  pullNumber: number,
  change: { title: string; note: string }
): Promise<void> {
  const where = { owner: client.owner, repo: client.repo, pull_number: pullNumber }
  const { data } = await client.rest.rest.pulls.get(where)
  const body = withNote(data.body ?? '', change.note)
  if (data.title === change.title && body === (data.body ?? '')) return
  await client.rest.rest.pulls.update({ ...where, title: change.title, body })
}
