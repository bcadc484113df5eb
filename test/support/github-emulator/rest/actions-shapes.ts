/** JSON shapes of workflow runs, jobs, check runs and annotations, built from state. */
import type { JobRecord, WorkflowRunRecord } from '../state.js'
import { fakeSha } from '../state.js'
import { nodeId, repoApi, repoHtml, repository, simpleUser, type ShapeContext } from './shapes.js'

/** The GitHub Actions app, which owns the check runs of workflow jobs. */
function actionsApp(ctx: ShapeContext): Record<string, unknown> {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: nodeId('App', 15368),
    owner: simpleUser(ctx, 'github'),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: 'https://github.com/apps/github-actions',
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2019-12-10T19:04:12Z',
    permissions: { actions: 'write', checks: 'write', contents: 'write', metadata: 'read' },
    events: ['check_run', 'check_suite', 'workflow_run']
  }
}

/** `workflow-run` */
export function workflowRun(ctx: ShapeContext, run: WorkflowRunRecord): Record<string, unknown> {
  const api = `${repoApi(ctx)}/actions/runs/${run.id}`
  const actor = simpleUser(ctx, run.actor)
  const commitAuthor = {
    name: run.actor,
    email: `${run.actor.replace(/[^\w.-]/g, '')}@users.noreply.github.com`
  }
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id,
    check_suite_node_id: nodeId('CheckSuite', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${repoHtml(ctx)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.createdAt,
    actor,
    triggering_actor: actor,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repoApi(ctx)}/check-suites/${run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${api}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${repoApi(ctx)}/actions/workflows/${run.workflowId}`,
    head_commit: {
      id: run.headSha,
      tree_id: fakeSha(run.id),
      message: run.name,
      timestamp: run.createdAt,
      author: commitAuthor,
      committer: commitAuthor
    },
    repository: repository(ctx),
    head_repository: repository(ctx),
    head_repository_id: ctx.state.repo.id
  }
}

/** `job` */
export function job(ctx: ShapeContext, run: WorkflowRunRecord, record: JobRecord): Record<string, unknown> {
  return {
    id: record.id,
    run_id: run.id,
    run_url: `${repoApi(ctx)}/actions/runs/${run.id}`,
    run_attempt: run.runAttempt,
    node_id: nodeId('CheckRun', record.id),
    head_sha: run.headSha,
    head_branch: run.headBranch,
    workflow_name: run.name,
    url: `${repoApi(ctx)}/actions/jobs/${record.id}`,
    html_url: `${repoHtml(ctx)}/actions/runs/${run.id}/job/${record.id}`,
    status: record.status,
    conclusion: record.conclusion,
    created_at: record.startedAt,
    started_at: record.startedAt,
    completed_at: record.completedAt,
    name: record.name,
    steps: [
      {
        name: record.name,
        status: record.status,
        conclusion: record.conclusion,
        number: 1,
        started_at: record.startedAt,
        completed_at: record.completedAt
      }
    ],
    check_run_url: `${repoApi(ctx)}/check-runs/${record.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions'
  }
}

/** `check-run` for a job (GitHub Actions creates one per job, sharing the job's id). */
export function checkRun(
  ctx: ShapeContext,
  run: WorkflowRunRecord,
  record: JobRecord
): Record<string, unknown> {
  const url = `${repoApi(ctx)}/check-runs/${record.id}`
  return {
    id: record.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', record.id),
    external_id: String(record.id),
    url,
    html_url: `${repoHtml(ctx)}/runs/${record.id}`,
    details_url: `${repoHtml(ctx)}/actions/runs/${run.id}/job/${record.id}`,
    status: record.status,
    conclusion: record.conclusion,
    started_at: record.startedAt,
    completed_at: record.completedAt,
    output: {
      title: record.conclusion === 'failure' ? `${record.name} failed` : null,
      summary: null,
      text: null,
      annotations_count: record.annotations.length,
      annotations_url: `${url}/annotations`
    },
    name: record.name,
    check_suite: { id: run.id },
    app: actionsApp(ctx),
    pull_requests: []
  }
}

/** `check-annotation` list of a job's check run. */
export function annotations(
  ctx: ShapeContext,
  run: WorkflowRunRecord,
  record: JobRecord
): Record<string, unknown>[] {
  return record.annotations.map(a => ({
    path: a.path,
    blob_href: `${repoHtml(ctx)}/blob/${run.headSha}/${a.path}`,
    start_line: a.start_line,
    end_line: a.end_line ?? a.start_line,
    start_column: null,
    end_column: null,
    annotation_level: a.annotation_level,
    title: a.title ?? null,
    message: a.message,
    raw_details: null
  }))
}
