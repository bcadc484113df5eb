import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GitHubEmulator } from '../../support/github-emulator/index.js'
import { REPO, restClient, startBasic, statusOf } from './fixtures.js'

describe('GitHub emulator: REST through @actions/github', () => {
  let gh: GitHubEmulator

  beforeEach(async () => {
    gh = await startBasic()
  })
  afterEach(async () => {
    await gh.stop()
  })

  it('serves the repository and records which token each request used', async () => {
    const { data } = await restClient(gh).rest.repos.get(REPO)

    expect(data.full_name).toBe('octo-org/demo')
    expect(data.default_branch).toBe('main')
    expect(gh.requests()).toEqual([
      expect.objectContaining({
        method: 'GET',
        operationId: 'repos/get',
        token: 'tok-bot',
        user: 'ccal-bot[bot]',
        status: 200
      })
    ])
  })

  it('reports collaborator roles with the legacy permission folding', async () => {
    const octokit = restClient(gh)
    const alice = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...REPO, username: 'alice' })
    const bob = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...REPO, username: 'bob' })

    expect([alice.data.permission, alice.data.role_name]).toEqual(['write', 'maintain'])
    expect([bob.data.permission, bob.data.role_name]).toEqual(['read', 'read'])
  })

  it('paginates issue lists with Link headers that octokit.paginate follows', async () => {
    const octokit = restClient(gh)
    const first = await octokit.rest.issues.listForRepo({ ...REPO, state: 'all', per_page: 2 })
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...REPO,
      state: 'all',
      per_page: 2
    })

    expect(first.headers.link).toContain('rel="next"')
    expect(all.map(i => i.number).sort()).toEqual([1, 2, 3, 4])
    expect(all.find(i => i.number === 4)?.pull_request).toBeDefined()
  })

  it('records who labelled an issue as the labeled event actor', async () => {
    await restClient(gh, 'tok-alice').rest.issues.addLabels({ ...REPO, issue_number: 2, labels: ['triaged'] })
    const { data: events } = await restClient(gh).rest.issues.listEvents({ ...REPO, issue_number: 2 })

    const labeled = events
      .filter(e => e.event === 'labeled')
      .map(e => [('label' in e && e.label?.name) || '', e.actor?.login])
    expect(labeled).toEqual([
      ['ccal-task', 'mallory'],
      ['bug', 'mallory'],
      ['triaged', 'alice']
    ])
  })

  it('updates, comments on and reacts to issues', async () => {
    const octokit = restClient(gh)
    await octokit.rest.issues.createComment({ ...REPO, issue_number: 1, body: 'Working on it' })
    await octokit.rest.reactions.createForIssue({ ...REPO, issue_number: 1, content: 'eyes' })
    await octokit.rest.issues.removeLabel({ ...REPO, issue_number: 1, name: 'ccal-task' })
    await octokit.rest.issues.update({ ...REPO, issue_number: 1, state: 'closed' })

    const { data: issue } = await octokit.rest.issues.get({ ...REPO, issue_number: 1 })
    const { data: comments } = await octokit.rest.issues.listComments({ ...REPO, issue_number: 1 })
    expect(issue).toMatchObject({ state: 'closed', labels: [], comments: 1, reactions: { eyes: 1, '+1': 1 } })
    expect(comments.map(c => [c.user?.login, c.body])).toEqual([['ccal-bot[bot]', 'Working on it']])
  })

  it('lets the bot edit its own status comment', async () => {
    const octokit = restClient(gh)
    const { data: created } = await octokit.rest.issues.createComment({
      ...REPO,
      issue_number: 1,
      body: 'Queued'
    })

    await octokit.rest.issues.updateComment({ ...REPO, comment_id: created.id, body: 'Done: #5' })

    const { data: fetched } = await octokit.rest.issues.getComment({ ...REPO, comment_id: created.id })
    expect(fetched.body).toBe('Done: #5')
  })

  it('refuses label changes from a token whose user lacks triage', async () => {
    const status = await statusOf(
      restClient(gh, 'tok-bob').rest.issues.addLabels({ ...REPO, issue_number: 1, labels: ['x'] })
    )

    expect(status).toBe(403)
  })

  it('finds pull requests by head with state=all, then opens, updates and merges one', async () => {
    const octokit = restClient(gh)
    const existing = await octokit.rest.pulls.list({ ...REPO, state: 'all', head: 'octo-org:ccal/issue-1' })
    const created = await octokit.rest.pulls.create({
      ...REPO,
      title: 'Fix',
      head: 'ccal/issue-2',
      base: 'main',
      body: 'Fixes #2'
    })
    await octokit.rest.pulls.update({ ...REPO, pull_number: created.data.number, body: 'Fixes #2\n\nMore.' })
    const merged = await octokit.rest.pulls.merge({ ...REPO, pull_number: created.data.number })

    expect(existing.data.map(p => p.number)).toEqual([4])
    expect(created.data).toMatchObject({
      number: 5,
      state: 'open',
      head: { ref: 'ccal/issue-2' },
      user: { login: 'ccal-bot[bot]' }
    })
    expect(merged.data.merged).toBe(true)
    expect(gh.state.issue(2).state).toBe('closed')
  })

  it('ignores a head filter without the owner prefix, as GitHub does', async () => {
    const octokit = restClient(gh)
    await octokit.rest.pulls.create({ ...REPO, title: 'Other', head: 'ccal/other', base: 'main' })

    const { data } = await octokit.rest.pulls.list({ ...REPO, state: 'all', head: 'ccal/issue-1' })

    expect(data.map(p => p.number)).toEqual([5, 4])
  })

  it('answers 422 for a second open pull request from the same branch', async () => {
    const status = await statusOf(
      restClient(gh).rest.pulls.create({ ...REPO, title: 'Again', head: 'ccal/issue-1', base: 'main' })
    )

    expect(status).toBe(422)
  })

  it('lists reviews and review comments and accepts replies and new reviews', async () => {
    const octokit = restClient(gh)
    const { data: reviews } = await octokit.rest.pulls.listReviews({ ...REPO, pull_number: 4 })
    const { data: comments } = await octokit.rest.pulls.listReviewComments({ ...REPO, pull_number: 4 })
    const reply = await octokit.rest.pulls.createReplyForReviewComment({
      ...REPO,
      pull_number: 4,
      comment_id: comments[0]?.id ?? 0,
      body: 'Renamed.'
    })
    await restClient(gh, 'tok-alice').rest.pulls.createReview({ ...REPO, pull_number: 4, event: 'APPROVE' })

    expect(reviews.map(r => [r.user?.login, r.state, r.body])).toEqual([
      ['alice', 'CHANGES_REQUESTED', 'Please add a test.']
    ])
    expect(comments[0]).toMatchObject({ path: 'src/cli.ts', line: 12 })
    expect(reply.data.in_reply_to_id).toBe(comments[0]?.id)
    expect(gh.state.pull(4).pull.reviews.map(r => r.state)).toEqual(['CHANGES_REQUESTED', 'APPROVED'])
  })

  it('filters workflow runs by branch and conclusion and lists their jobs', async () => {
    const octokit = restClient(gh)
    const failed = await octokit.rest.actions.listWorkflowRunsForRepo({
      ...REPO,
      branch: 'main',
      status: 'failure',
      per_page: 10
    })
    const succeeded = await octokit.rest.actions.listWorkflowRunsForRepo({ ...REPO, status: 'success' })
    const jobs = await octokit.rest.actions.listJobsForWorkflowRun({
      ...REPO,
      run_id: 9001,
      filter: 'latest'
    })

    expect(failed.data.workflow_runs.map(r => r.id)).toEqual([9001])
    expect(succeeded.data.total_count).toBe(0)
    expect(
      (
        await octokit.rest.actions.listWorkflowRuns({ ...REPO, workflow_id: 'ci.yml' })
      ).data.workflow_runs.map(r => r.id)
    ).toEqual([9001])
    expect(jobs.data.jobs.map(j => [j.name, j.conclusion])).toEqual([
      ['test', 'failure'],
      ['lint', 'success']
    ])
  })

  it('redirects job logs to a plain-text URL that octokit follows', async () => {
    const log = await restClient(gh).rest.actions.downloadJobLogsForWorkflowRun({ ...REPO, job_id: 70001 })

    expect(String(log.data)).toContain("error TS2322: Type 'string' is not assignable")
    expect(gh.requests().map(r => [r.kind, r.status])).toEqual([
      ['rest', 302],
      ['log', 200]
    ])
  })

  it('lists check runs for a ref with their annotations and re-runs failed jobs', async () => {
    const octokit = restClient(gh)
    const checks = await octokit.rest.checks.listForRef({
      ...REPO,
      ref: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
    })
    const annotations = await octokit.rest.checks.listAnnotations({ ...REPO, check_run_id: 70001 })
    const rerun = await octokit.rest.actions.reRunWorkflowFailedJobs({ ...REPO, run_id: 9001 })

    expect(checks.data.check_runs.map(c => [c.name, c.conclusion, c.app?.slug])).toEqual([
      ['test', 'failure', 'github-actions'],
      ['lint', 'success', 'github-actions']
    ])
    expect(annotations.data).toEqual([
      expect.objectContaining({ path: 'src/a.ts', start_line: 3, annotation_level: 'failure' })
    ])
    expect(rerun.status).toBe(201)
    expect(gh.state.run(9001)).toMatchObject({ status: 'queued', runAttempt: 2 })
  })

  it('creates and lists labels, and reports rate limits in headers and at /rate_limit', async () => {
    const octokit = restClient(gh)
    await octokit.rest.issues.createLabel({ ...REPO, name: 'ccal-done', color: '5319e7' })
    const labels = await octokit.rest.issues.listLabelsForRepo(REPO)
    const limit = await octokit.rest.rateLimit.get()

    expect(labels.data.map(l => l.name)).toContain('ccal-done')
    expect(labels.headers['x-ratelimit-remaining']).toBe('4998')
    expect(limit.data.resources.core.used).toBe(2)
  })
})
