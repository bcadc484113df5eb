/**
 * JSON shapes of users, the repository, labels, issues, comments, reactions and issue events, built
 * from state the way GitHub builds them. The response validator checks every shape against the
 * description, so a field missing here shows up as an emulator violation, not as a surprise in CCAL.
 */
import type {
  EmulatorState,
  IssueEventRecord,
  IssueRecord,
  LabelRecord,
  ReactionRecord,
  CommentRecord
} from '../state.js'
import { hasPermission } from '../state.js'

/** What every shape needs: the state and the emulator's public address. */
export interface ShapeContext {
  state: EmulatorState
  /** REST base URL (`http://127.0.0.1:PORT`); resource `url`s hang below it. */
  api: string
}

/** Base URL of the "web" pages (`html_url`); like GHES, the emulator serves both from one host. */
function web(ctx: ShapeContext): string {
  return ctx.api.replace(/\/api\/v3$/, '')
}

/** `{api}/repos/{owner}/{repo}` */
export function repoApi(ctx: ShapeContext): string {
  return `${ctx.api}/repos/${ctx.state.repo.owner}/${ctx.state.repo.name}`
}

/** `{web}/{owner}/{repo}` */
export function repoHtml(ctx: ShapeContext): string {
  return `${web(ctx)}/${ctx.state.repo.owner}/${ctx.state.repo.name}`
}

/** A GraphQL-style global node id. */
export function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64')
}

/** `simple-user` for a login. */
export function simpleUser(ctx: ShapeContext, login: string): Record<string, unknown> {
  const user = ctx.state.user(login)
  // GitHub percent-encodes bot logins (`github-actions%5Bbot%5D`) and links bots to their app page.
  const url = `${ctx.api}/users/${encodeURIComponent(user.login)}`
  const html =
    user.type === 'Bot'
      ? `${web(ctx)}/apps/${user.login.replace(/\[bot\]$/, '')}`
      : `${web(ctx)}/${user.login}`
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'Bot' : 'User', user.id),
    avatar_url: `${web(ctx)}/avatars/u/${user.id}`,
    gravatar_id: '',
    url,
    html_url: html,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public'
  }
}

/** GitHub's author_association, derived from the user's role on the repository. */
export function authorAssociation(ctx: ShapeContext, login: string): string {
  const { repo } = ctx.state
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER'
  const user = ctx.state.user(login)
  if (hasPermission(user.permission, 'triage'))
    return repo.ownerType === 'Organization' ? 'MEMBER' : 'COLLABORATOR'
  if (hasPermission(user.permission, 'read')) return 'COLLABORATOR'
  return 'NONE'
}

const REPO_URL_TEMPLATES: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}'
}

/** `full-repository` (also satisfies `repository` and `minimal-repository`). */
export function repository(ctx: ShapeContext): Record<string, unknown> {
  const { repo } = ctx.state
  const api = repoApi(ctx)
  const html = repoHtml(ctx)
  const urls = Object.fromEntries(
    Object.entries(REPO_URL_TEMPLATES).map(([key, suffix]) => [key, api + suffix])
  )
  const openIssues = [...ctx.state.issues.values()].filter(i => i.state === 'open').length
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { ...simpleUser(ctx, repo.owner), type: repo.ownerType },
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    description: null,
    fork: false,
    url: api,
    html_url: html,
    ...urls,
    clone_url: `${html}.git`,
    git_url: `${html.replace(/^https?:/, 'git:')}.git`,
    ssh_url: `git@${new URL(ctx.api).host}:${repo.owner}/${repo.name}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues: openIssues,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0
  }
}

/** `label` */
export function label(ctx: ShapeContext, record: LabelRecord): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId('Label', record.id),
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(record.name)}`,
    name: record.name,
    description: record.description,
    color: record.color,
    default: false
  }
}

/** The label records of an issue, in the order they were applied. */
export function issueLabels(ctx: ShapeContext, issue: IssueRecord): LabelRecord[] {
  return issue.labels.map(name => ctx.state.ensureLabel(name))
}

/** `reaction-rollup` of an issue. */
function reactionRollup(ctx: ShapeContext, issue: IssueRecord): Record<string, unknown> {
  const count = (content: string): number => issue.reactions.filter(r => r.content === content).length
  return {
    url: `${repoApi(ctx)}/issues/${issue.number}/reactions`,
    total_count: issue.reactions.length,
    '+1': count('+1'),
    '-1': count('-1'),
    laugh: count('laugh'),
    confused: count('confused'),
    heart: count('heart'),
    hooray: count('hooray'),
    eyes: count('eyes'),
    rocket: count('rocket')
  }
}

/** `issue` (pull requests included, with their `pull_request` link block, as GitHub lists them). */
export function issue(ctx: ShapeContext, record: IssueRecord): Record<string, unknown> {
  const url = `${repoApi(ctx)}/issues/${record.number}`
  const kind = record.pull ? 'pull' : 'issues'
  const shape: Record<string, unknown> = {
    id: record.id,
    node_id: nodeId(record.pull ? 'PullRequest' : 'Issue', record.id),
    url,
    repository_url: repoApi(ctx),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${repoHtml(ctx)}/${kind}/${record.number}`,
    number: record.number,
    state: record.state,
    state_reason: record.stateReason,
    title: record.title,
    body: record.body,
    user: simpleUser(ctx, record.author),
    labels: issueLabels(ctx, record).map(l => label(ctx, l)),
    assignee: record.assignees?.[0] ? simpleUser(ctx, record.assignees[0]) : null,
    assignees: (record.assignees ?? []).map(login => simpleUser(ctx, login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: record.comments.length,
    closed_at: record.closedAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_by: record.closedBy ? simpleUser(ctx, record.closedBy) : null,
    author_association: authorAssociation(ctx, record.author),
    reactions: reactionRollup(ctx, record),
    timeline_url: `${url}/timeline`
  }
  if (record.pull) {
    const pullUrl = `${repoApi(ctx)}/pulls/${record.number}`
    shape.draft = record.pull.draft
    shape.pull_request = {
      url: pullUrl,
      html_url: shape.html_url,
      diff_url: `${shape.html_url}.diff`,
      patch_url: `${shape.html_url}.patch`,
      merged_at: record.pull.mergedAt
    }
  }
  return shape
}

/** `issue-comment` */
export function issueComment(
  ctx: ShapeContext,
  record: IssueRecord,
  comment: CommentRecord
): Record<string, unknown> {
  const kind = record.pull ? 'pull' : 'issues'
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${repoApi(ctx)}/issues/comments/${comment.id}`,
    html_url: `${repoHtml(ctx)}/${kind}/${record.number}#issuecomment-${comment.id}`,
    issue_url: `${repoApi(ctx)}/issues/${record.number}`,
    body: comment.body,
    user: simpleUser(ctx, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(ctx, comment.author)
  }
}

/** `reaction` */
export function reaction(ctx: ShapeContext, record: ReactionRecord): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId('Reaction', record.id),
    user: simpleUser(ctx, record.user),
    content: record.content,
    created_at: record.createdAt
  }
}

/** One issue event (`issue-event-for-issue` / `timeline-issue-events`). */
export function issueEvent(
  ctx: ShapeContext,
  record: IssueRecord,
  event: IssueEventRecord
): Record<string, unknown> {
  const shape: Record<string, unknown> = {
    id: event.id,
    node_id: nodeId('IssueEvent', event.id),
    url: `${repoApi(ctx)}/issues/events/${event.id}`,
    actor: simpleUser(ctx, event.actor),
    event: event.event,
    commit_id: event.event === 'merged' ? (record.pull?.mergeCommitSha ?? null) : null,
    commit_url: null,
    created_at: event.createdAt,
    performed_via_github_app: null
  }
  if (event.label !== undefined) {
    const known = ctx.state.findLabel(event.label)
    shape.label = { name: event.label, color: known?.color ?? 'ededed' }
  }
  if (event.event === 'closed' || event.event === 'reopened') shape.state_reason = record.stateReason
  return shape
}
