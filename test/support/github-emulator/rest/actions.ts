/** REST handlers for Actions workflow runs, jobs, job logs and check runs. */
import type { JobRecord, WorkflowRunRecord } from '../state.js'
import {
  intParam,
  json,
  paginate,
  requireRole,
  stringQuery,
  type RestHandlers,
  type RestRequest
} from './context.js'
import { annotations, checkRun, job, workflowRun } from './actions-shapes.js'

/** Where the emulator serves a job's plain-text log (the target of the logs redirect). */
export function jobLogPath(jobId: number): string {
  return `/_emulator/logs/${jobId}`
}

/** GitHub's `status` filter accepts a status or a conclusion. */
function matchesStatus(run: WorkflowRunRecord, status: string): boolean {
  return run.status === status || run.conclusion === status
}

function matchesRunFilters(req: RestRequest, run: WorkflowRunRecord): boolean {
  const checks: [string, (value: string) => boolean][] = [
    ['branch', v => run.headBranch === v],
    ['event', v => run.event === v],
    ['status', v => matchesStatus(run, v)],
    ['actor', v => run.actor.toLowerCase() === v.toLowerCase()],
    ['head_sha', v => run.headSha === v]
  ]
  return checks.every(([name, test]) => {
    const value = stringQuery(req, name)
    return value === undefined || test(value)
  })
}

function newestFirst(a: WorkflowRunRecord, b: WorkflowRunRecord): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id - a.id
}

/** Jobs of every run whose head is `ref` (a sha or a branch name), as check runs are looked up. */
function jobsForRef(req: RestRequest, rawRef: string): { run: WorkflowRunRecord; job: JobRecord }[] {
  return req.ctx.state.jobsForRef(rawRef)
}

/** Handlers by operation id. */
export const actionHandlers: RestHandlers = {
  'actions/list-workflow-runs-for-repo': req => {
    const runs = [...req.ctx.state.runs.values()].filter(r => matchesRunFilters(req, r)).sort(newestFirst)
    const { page, headers } = paginate(req, runs)
    return json(
      { total_count: runs.length, workflow_runs: page.map(r => workflowRun(req.ctx, r)) },
      200,
      headers
    )
  },

  'actions/list-workflow-runs': req => {
    // `workflow_id` is the numeric id or the workflow file name (`ci.yml`).
    const workflow = req.params.workflow_id ?? ''
    const runs = [...req.ctx.state.runs.values()]
      .filter(r => String(r.workflowId) === workflow || r.path.endsWith(`/${workflow}`))
      .filter(r => matchesRunFilters(req, r))
      .sort(newestFirst)
    const { page, headers } = paginate(req, runs)
    return json(
      { total_count: runs.length, workflow_runs: page.map(r => workflowRun(req.ctx, r)) },
      200,
      headers
    )
  },

  'actions/get-workflow-run': req => json(workflowRun(req.ctx, req.ctx.state.run(intParam(req, 'run_id')))),

  'actions/list-jobs-for-workflow-run': req => {
    const run = req.ctx.state.run(intParam(req, 'run_id'))
    const { page, headers } = paginate(req, run.jobs)
    return json({ total_count: run.jobs.length, jobs: page.map(j => job(req.ctx, run, j)) }, 200, headers)
  },

  'actions/get-job-for-workflow-run': req => {
    const found = req.ctx.state.job(intParam(req, 'job_id'))
    return json(job(req.ctx, found.run, found.job))
  },

  'actions/download-job-logs-for-workflow-run': req => {
    const { job: found } = req.ctx.state.job(intParam(req, 'job_id'))
    // Like GitHub: a redirect to a short-lived plain-text URL on another path.
    const origin = new URL(req.ctx.api).origin
    return { status: 302, headers: { location: `${origin}${jobLogPath(found.id)}` } }
  },

  'actions/re-run-workflow-failed-jobs': req => {
    requireRole(req, 'write')
    req.ctx.state.rerunFailedJobs(req.ctx.state.run(intParam(req, 'run_id')))
    return json({}, 201)
  },

  'checks/list-for-ref': req => {
    const name = stringQuery(req, 'check_name')
    const status = stringQuery(req, 'status')
    const found = jobsForRef(req, req.params.ref ?? '').filter(
      ({ job: j }) => (!name || j.name === name) && (!status || j.status === status)
    )
    const { page, headers } = paginate(req, found)
    return json(
      { total_count: found.length, check_runs: page.map(({ run, job: j }) => checkRun(req.ctx, run, j)) },
      200,
      headers
    )
  },

  'checks/get': req => {
    const found = req.ctx.state.job(intParam(req, 'check_run_id'))
    return json(checkRun(req.ctx, found.run, found.job))
  },

  'checks/list-annotations': req => {
    const found = req.ctx.state.job(intParam(req, 'check_run_id'))
    const { page, headers } = paginate(req, annotations(req.ctx, found.run, found.job))
    return json(page, 200, headers)
  }
}
