/**
 * The scenario format: the initial state of an emulated repository, written as JSON by tests and
 * demos. One zod schema is the single source of validation and defaults; README.md documents it.
 */
import { createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { errorMessage } from './errors.js'

const login = z.string().min(1)
const timestamp = z.iso.datetime({ offset: true })

/** Repository roles, weakest first (the order matters for permission checks). */
export const PERMISSIONS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const
/** A repository role of a user. */
export type Permission = (typeof PERMISSIONS)[number]

/** REST reaction contents. */
export const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'] as const
/** One REST reaction content. */
export type ReactionContent = (typeof REACTIONS)[number]

const conclusion = z.enum([
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale'
])

const userSchema = z.object({
  login,
  permission: z.enum(PERMISSIONS).default('none'),
  type: z.enum(['User', 'Bot']).default('User'),
  name: z.string().optional()
})

const commentSchema = z.object({ author: login, body: z.string(), created_at: timestamp.optional() })
const reactionSchema = z.object({ user: login, content: z.enum(REACTIONS) })

const issueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().default(''),
  state: z.enum(['open', 'closed']).default('open'),
  labels: z.array(z.string()).default([]),
  /** Who applied each label (label name → login); labels without an entry were applied by the author. */
  labeled_by: z.record(z.string(), login).default({}),
  author: login,
  comments: z.array(commentSchema).default([]),
  reactions: z.array(reactionSchema).default([]),
  created_at: timestamp.optional(),
  updated_at: timestamp.optional()
})

const reviewSchema = z.object({
  user: login,
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']),
  body: z.string().default(''),
  submitted_at: timestamp.optional(),
  /** Inline comments of this review. */
  comments: z
    .array(z.object({ path: z.string(), line: z.number().int().positive().default(1), body: z.string() }))
    .default([])
})

const pullSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().default('Pull request'),
  head: z.string().min(1),
  base: z.string().min(1).optional(),
  head_sha: z.string().optional(),
  state: z.enum(['open', 'closed']).default('open'),
  merged: z.boolean().default(false),
  draft: z.boolean().default(false),
  body: z.string().default(''),
  author: login.optional(),
  labels: z.array(z.string()).default([]),
  reviews: z.array(reviewSchema).default([]),
  comments: z.array(commentSchema).default([]),
  created_at: timestamp.optional()
})

const annotationSchema = z.object({
  path: z.string(),
  start_line: z.number().int().nonnegative(),
  end_line: z.number().int().nonnegative().optional(),
  annotation_level: z.enum(['notice', 'warning', 'failure']).default('failure'),
  title: z.string().optional(),
  message: z.string()
})

const jobSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  status: z.enum(['queued', 'in_progress', 'completed']).default('completed'),
  conclusion: conclusion.nullable().default('success'),
  log: z.string().default(''),
  annotations: z.array(annotationSchema).default([])
})

/** One workflow run of a scenario (also used by the `add_workflow_run` mutation). */
export const workflowRunSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().default('CI'),
  path: z.string().default('.github/workflows/ci.yml'),
  workflow_id: z.number().int().positive().default(1),
  run_number: z.number().int().positive().optional(),
  run_attempt: z.number().int().positive().default(1),
  event: z.string().default('push'),
  head_branch: z.string().optional(),
  head_sha: z.string().default('0000000000000000000000000000000000000001'),
  status: z
    .enum(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'])
    .default('completed'),
  conclusion: conclusion.nullable().default('success'),
  actor: login.optional(),
  created_at: timestamp.optional(),
  jobs: z.array(jobSchema).default([])
})

/** What an installation may do, in the description's `app-permissions` vocabulary. */
const appPermissionsSchema = z.record(z.string(), z.enum(['read', 'write', 'admin']))

/** The permissions CCAL's README asks an App for. */
export const DEFAULT_APP_PERMISSIONS: Readonly<Record<string, 'read' | 'write'>> = {
  contents: 'write',
  pull_requests: 'write',
  issues: 'write',
  actions: 'read',
  checks: 'read',
  metadata: 'read'
}

const appInstallationSchema = z.object({
  id: z.number().int().positive(),
  /** The account it is installed on (the repository's owner by default). */
  account: login.optional(),
  /** `all` of the account's repositories, or these names. */
  repositories: z.union([z.literal('all'), z.array(z.string().min(1))]).default('all'),
  permissions: appPermissionsSchema.default({ ...DEFAULT_APP_PERMISSIONS })
})

const appSchema = z.object({
  id: z.number().int().positive(),
  /** The App's slug; its installation tokens act as the bot user `<slug>[bot]`. */
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: z.string().optional(),
  /** PEM of the App's public key (a private key works too: its public half is used). */
  public_key: z.string().min(1),
  installations: z.array(appInstallationSchema).default([])
})

const labelSchema = z.object({
  name: z.string().min(1),
  color: z.string().default('ededed'),
  description: z.string().nullable().default(null)
})

/** The scenario file (see README.md for every key). */
export const scenarioSchema = z
  .object({
    repo: z
      .object({
        owner: login.default('octo-org'),
        name: z.string().min(1).default('demo'),
        default_branch: z.string().min(1).default('main'),
        owner_type: z.enum(['User', 'Organization']).default('Organization'),
        private: z.boolean().default(false),
        /**
         * The bare repository holding this repository's git data (the one tests use as `origin`):
         * the Git database routes and createCommitOnBranch read and write it with real git.
         */
        git_dir: z.string().min(1).optional(),
        /** Settings → Actions → Workflow permissions: the GITHUB_TOKEN's default and whether Actions may open pull requests. */
        workflow_permissions: z
          .object({
            default_workflow_permissions: z.enum(['read', 'write']).default('read'),
            can_approve_pull_request_reviews: z.boolean().default(true)
          })
          .prefault({})
      })
      .prefault({}),
    users: z.array(userSchema).default([]),
    /** Token → login. Requests with an unmapped token act as `default_user`. */
    tokens: z.record(z.string(), login).default({}),
    /**
     * Token → the scopes of a classic personal access token, sent back in `x-oauth-scopes` on every
     * answer as GitHub does; tokens not listed (fine-grained, App, GITHUB_TOKEN) get no such header.
     */
    token_scopes: z.record(z.string(), z.array(z.string())).default({}),
    /** When true, a token missing from `tokens` is answered 401 Bad credentials. */
    reject_unknown_tokens: z.boolean().default(false),
    /** Identity of unmapped tokens; added as a write-permission Bot when not listed in `users`. */
    default_user: login.default('github-actions[bot]'),
    labels: z.array(labelSchema).default([]),
    issues: z.array(issueSchema).default([]),
    pulls: z.array(pullSchema).default([]),
    workflow_runs: z.array(workflowRunSchema).default([]),
    /** GitHub Apps, each with its public key and installations (see README.md, GitHub Apps). */
    apps: z.array(appSchema).default([]),
    /** How long an installation token works (GitHub.com: an hour); tests use seconds. */
    installation_token_ttl_seconds: z.number().positive().default(3600),
    /** Fixed clock for timestamps the emulator creates (ISO 8601); real time when absent. */
    now: timestamp.optional()
  })
  .superRefine((scenario, ctx) => {
    for (const [index, app] of scenario.apps.entries()) {
      try {
        createPublicKey(app.public_key)
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', index, 'public_key'],
          message: `not a PEM key (${errorMessage(error)})`
        })
      }
    }
    const issueNumbers = new Set(scenario.issues.map(i => i.number))
    for (const [index, pull] of scenario.pulls.entries()) {
      if (issueNumbers.has(pull.number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pulls', index, 'number'],
          message: `number ${pull.number} is already used by an issue (issues and pulls share numbers)`
        })
      }
    }
  })

/** A scenario as written (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>
/** A parsed scenario, every default applied. */
export type Scenario = z.output<typeof scenarioSchema>
/** One workflow run of a parsed scenario. */
export type ScenarioWorkflowRun = Scenario['workflow_runs'][number]
/** One GitHub App of a parsed scenario. */
export type ScenarioApp = Scenario['apps'][number]
/** One review of a parsed scenario. */
export type ScenarioReview = Scenario['pulls'][number]['reviews'][number]

/** Thrown for a scenario that does not parse; the message names every bad key path. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError'
}

/** Parses a scenario object, naming the key path of each problem (`pulls[0].head: ...`). */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(input ?? {})
  if (result.success) return result.data
  const lines = result.error.issues.map(issue => `  ${formatPath(issue.path)}: ${issue.message}`)
  throw new ScenarioError(`Invalid ${source}:\n${lines.join('\n')}`)
}

/** Reads and parses a scenario JSON file. */
export function loadScenarioFile(path: string): Scenario {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ScenarioError(`Cannot read scenario ${path}: ${errorMessage(error)}`, {
      cause: error
    })
  }
  return parseScenario(json, `scenario ${path}`)
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)'
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')
}
