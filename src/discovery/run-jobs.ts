/**
 * The jobs of several failed workflow runs, with their annotations, in one GraphQL request
 * (`nodes(ids:)` → WorkflowRun → checkSuite → checkRuns → annotations) instead of a job listing
 * and an annotation listing per job through REST. An Actions job is its check run: they share
 * the id, so what comes back is given in the REST job and annotation shapes the source reads.
 * A run this leaves open (no node id, more check runs or annotations than a page, an error) is
 * absent from the answer, and the source lists it through REST as before.
 */
import { z } from 'zod'
import type { GitHubClient } from '../github/client.js'

/** How many runs one request asks about (GitHub takes up to 100 ids). */
const RUNS_PER_QUERY = 50

const RUN_JOBS_QUERY = `query CcalRunJobs($ids: [ID!]!, $annotations: Int!) {
  nodes(ids: $ids) {
    ... on WorkflowRun {
      databaseId
      checkSuite {
        checkRuns(first: 100, filterBy: { checkType: LATEST }) {
          pageInfo { hasNextPage }
          nodes {
            databaseId
            name
            conclusion
            detailsUrl
            annotations(first: $annotations) {
              pageInfo { hasNextPage }
              nodes {
                path
                location { start { line column } }
                annotationLevel
                title
                message
              }
            }
          }
        }
      }
    }
  }
}`

const AnnotationNode = z.object({
  path: z.string(),
  location: z.object({ start: z.object({ line: z.number(), column: z.number().nullable().optional() }) }),
  annotationLevel: z.string().nullable(),
  title: z.string().nullable(),
  message: z.string()
})

const CheckRunNode = z.object({
  databaseId: z.number().nullable(),
  name: z.string(),
  conclusion: z.string().nullable(),
  detailsUrl: z.string().nullable(),
  annotations: z
    .object({ pageInfo: z.object({ hasNextPage: z.boolean() }), nodes: z.array(AnnotationNode.nullable()) })
    .nullable()
})

const RunJobsAnswer = z.object({
  nodes: z.array(
    z
      .object({
        databaseId: z.number().nullable().optional(),
        checkSuite: z
          .object({
            checkRuns: z
              .object({
                pageInfo: z.object({ hasNextPage: z.boolean() }),
                nodes: z.array(CheckRunNode.nullable())
              })
              .nullable()
          })
          .nullable()
          .optional()
      })
      .nullable()
  )
})

/** A run's jobs and each job's annotations, in the REST shapes. */
export interface RunJobs {
  readonly jobs: readonly Record<string, unknown>[]
  readonly annotations: ReadonlyMap<number, readonly Record<string, unknown>[]>
}

/**
 * The jobs of `runs` (those with a node id), keyed by run id; `count` is called once per request.
 * Never throws: whatever it cannot answer is left to REST.
 */
export async function prefetchRunJobs(
  github: GitHubClient,
  runs: readonly { id: number; node_id?: string | undefined }[],
  count: () => void,
  onProblem: (message: string) => void
): Promise<Map<number, RunJobs>> {
  const found = new Map<number, RunJobs>()
  const asked = runs.filter((run): run is { id: number; node_id: string } => typeof run.node_id === 'string')
  for (let start = 0; start < asked.length; start += RUNS_PER_QUERY) {
    const batch = asked.slice(start, start + RUNS_PER_QUERY)
    count()
    let answer: z.infer<typeof RunJobsAnswer>
    try {
      const data = await github.graphql<unknown>(RUN_JOBS_QUERY, {
        ids: batch.map(run => run.node_id),
        annotations: 50
      })
      answer = RunJobsAnswer.parse(data)
    } catch (error) {
      onProblem(
        `the jobs of ${batch.length} run(s) in one query: ${(error as Error).message}; listing them one by one`
      )
      continue
    }
    answer.nodes.forEach((node, index) => {
      const runId = batch[index]!.id
      const checkRuns = node?.checkSuite?.checkRuns
      if (!node || node.databaseId !== runId || !checkRuns || checkRuns.pageInfo.hasNextPage) return
      const runs = checkRuns.nodes.filter(
        (check): check is z.infer<typeof CheckRunNode> => check !== null && check.databaseId !== null
      )
      if (runs.some(check => check.annotations?.pageInfo.hasNextPage)) return
      found.set(runId, {
        jobs: runs.map(check => ({
          id: check.databaseId,
          name: check.name,
          conclusion: check.conclusion?.toLowerCase() ?? null,
          html_url: check.detailsUrl
        })),
        annotations: new Map(
          runs.map(check => [
            check.databaseId!,
            (check.annotations?.nodes ?? []).flatMap(annotation =>
              annotation
                ? [
                    {
                      path: annotation.path,
                      start_line: annotation.location.start.line,
                      start_column: annotation.location.start.column ?? null,
                      annotation_level: annotation.annotationLevel?.toLowerCase() ?? null,
                      title: annotation.title,
                      message: annotation.message
                    }
                  ]
                : []
            )
          ])
        )
      })
    })
  }
  return found
}
