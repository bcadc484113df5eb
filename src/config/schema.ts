/**
 * The settings schema: the single source of defaults, validation, documentation (every key's
 * `.describe()`), the generated config/ccal.schema.json and config/ccal.example.yml, and the
 * CCAL_* environment mapping. The YAML shape keeps the original plan's: a top-level `ccal:` key
 * with snake_case names.
 */
import { z } from 'zod'
import { ItemTypeSchema } from '../ledger/schema.js'
import { isTimeZone } from '../util/time-zone.js'

const positiveInt = () => z.number().int().positive()
const nonNegativeInt = () => z.number().int().nonnegative()
const seconds = (fallback: number, description: string) =>
  nonNegativeInt().default(fallback).describe(description)
const usd = (fallback: number, description: string) =>
  z.number().nonnegative().default(fallback).describe(description)
const enabled = (fallback: boolean, what: string) =>
  z.boolean().default(fallback).describe(`Whether ${what}.`)
const stringList = (fallback: string[], description: string) =>
  z.array(z.string().min(1)).default(fallback).describe(description)

/** Work item priority: 1 is the most urgent, 5 the least. */
export const PrioritySchema = z.number().int().min(1).max(5)

/** Repository permission levels, weakest first; trust checks compare positions in this list. */
export const PERMISSION_LEVELS = ['read', 'triage', 'write', 'maintain', 'admin'] as const
export const PermissionSchema = z.enum(PERMISSION_LEVELS)

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const

/** Days of the week, as `loop.active_hours.days` names them (index 0 is Sunday, as `Date` counts). */
export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/

const ActiveHoursSchema = z
  .strictObject({
    from: z
      .string()
      .regex(CLOCK_TIME, 'expected a time of day as HH:MM, such as 09:00')
      .default('00:00')
      .describe('When the window opens each day, as HH:MM on the clock of time_zone.'),
    to: z
      .string()
      .regex(
        /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/,
        'expected a time of day as HH:MM, such as 18:00 (24:00 for midnight)'
      )
      .default('24:00')
      .describe(
        'When it closes, as HH:MM (24:00 for midnight); earlier than from means the window runs past midnight (22:00 to 06:00).'
      ),
    time_zone: z
      .string()
      .default('UTC')
      .refine(zone => isTimeZone(zone), { message: 'expected an IANA time zone such as Europe/Paris or UTC' })
      .describe(
        'The IANA time zone of from and to (Europe/Paris, America/New_York, UTC); daylight saving is followed.'
      ),
    days: z
      .array(z.enum(WEEKDAY_NAMES))
      .min(1)
      .optional()
      .describe(
        'Days on which the window opens (mon … sun); every day when unset. A window past midnight belongs to the day it opens.'
      )
  })
  .refine(window => window.from !== window.to, {
    message: 'from and to are the same time: use 00:00 and 24:00 to allow model work at any hour',
    path: ['to']
  })
  .prefault({})

const LoopSchema = z
  .strictObject({
    cycle_interval_seconds: positiveInt()
      .default(300)
      .describe('Seconds between cycles when running as a daemon (`ccal run --daemon`).'),
    max_concurrent_work: positiveInt()
      .default(1)
      .describe('Work items executed at the same time within one run.'),
    max_items_per_run: positiveInt().default(3).describe('Work items one run may execute.'),
    retry_limit: nonNegativeInt()
      .default(2)
      .describe(
        'Further attempts after a failed one before an item is marked failed: an item gets retry_limit + 1 attempts (a person asking again gives it as many more).'
      ),
    retry_backoff_seconds: seconds(1800, 'Wait before retrying a failed item; doubles with every attempt.'),
    request_timeout_seconds: positiveInt()
      .default(120)
      .describe(
        'Time limit for one attempt of one GitHub API request, answer included (REST, GraphQL, log downloads); a call that gets no answer in time fails and is retried like a server error.'
      ),
    session_timeout_seconds: positiveInt()
      .default(3600)
      .describe('Lease on an item being worked on; when a run dies, the item is reclaimed after this long.'),
    active_hours: ActiveHoursSchema.describe(
      'Hours in which model work may start (for example a subscription shared with people by day); outside them cycles still discover, reconcile and report, and no item starts. Any hour of any day by default.'
    )
  })
  .prefault({})
  .describe('The loop: how often it runs and how much it takes on.')

const ClaudeSchema = z
  .strictObject({
    executable: z
      .string()
      .min(1)
      .default('claude')
      .describe('The Claude Code CLI: a command on PATH or a path. Installed (pinned version) when missing.'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 2.1.330')
      .default('2.1.330')
      .describe(
        'Version of @anthropic-ai/claude-code installed (and cached) when the executable is not found.'
      ),
    working_directory: z
      .string()
      .min(1)
      .default('.')
      .describe('Directory, relative to the repository root, in which Claude Code runs.'),
    model: z.string().min(1).optional().describe('Model name passed as --model; the CLI default when unset.'),
    fallback_model: z
      .string()
      .min(1)
      .optional()
      .describe('Model passed as --fallback-model when the main one is overloaded.'),
    max_turns: positiveInt().default(30).describe('Maximum agent turns per run (--max-turns).'),
    timeout_seconds: positiveInt()
      .default(1800)
      .describe('Wall-clock limit for one Claude Code run; the whole process group is killed after it.'),
    max_prompt_length: positiveInt()
      .default(60000)
      .describe('Maximum prompt length in characters; evidence is trimmed to fit, never the instructions.'),
    context_preservation: z
      .boolean()
      .default(true)
      .describe(
        'Resume the same Claude session (--resume) for follow-ups on an item, such as review feedback.'
      ),
    auth_method: z
      .enum(['auto', 'api_key', 'oauth_token', 'login'])
      .default('auto')
      .describe(
        'How Claude Code authenticates: auto picks the API key, then the OAuth token, then the runner login.'
      ),
    allowed_tools: stringList(
      ['Read', 'Glob', 'Grep', 'Edit', 'Write'],
      'Tools Claude Code may use without asking (--allowedTools). Bash is added only for the verify commands.'
    ),
    disallowed_tools: stringList(
      [],
      'Extra tools or patterns to deny (--disallowedTools), on top of the built-in deny list and excluded paths.'
    ),
    extra_args: stringList([], 'Further arguments passed to the claude command as they are.'),
    env_passthrough: stringList(
      [],
      'Further environment variables passed to Claude Code and the verify commands (for example JAVA_HOME); GitHub tokens, ACTIONS_* and INPUT_* never pass.'
    ),
    append_system_prompt: z
      .string()
      .optional()
      .describe("Extra rules appended to CCAL's own system prompt for every run.")
  })
  .prefault({})
  .describe('Running the Claude Code CLI.')

const VerifySchema = z
  .strictObject({
    test_command: z
      .string()
      .min(1)
      .optional()
      .describe('Command that must pass after a change (for example `npm test`); the agent may run it too.'),
    lint_command: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Lint command that must pass after a change (for example `npx eslint .`); the agent may run it too.'
      ),
    timeout_seconds: positiveInt().default(900).describe('Time limit for each verify command.'),
    retries: nonNegativeInt()
      .max(3)
      .default(1)
      .describe('Times a failed verification is fed back to the same session before the item fails.')
  })
  .prefault({})
  .describe('Checking a change before it is delivered.')

const IssuesSourceSchema = z
  .strictObject({
    enabled: enabled(true, 'issues carrying a trigger label become work'),
    labels: stringList(
      ['ccal-task'],
      'Trigger labels: an open issue carrying one of them becomes a work item.'
    ),
    priority_labels: z
      .record(z.string().min(1), PrioritySchema)
      .default({
        'priority:critical': 1,
        'priority:high': 2,
        bug: 2,
        'priority:medium': 3,
        enhancement: 4,
        'priority:low': 5
      })
      .describe('Label → priority (1 most urgent … 5 least); the most urgent matching label wins.'),
    category_labels: z
      .record(z.string().min(1), z.string().min(1))
      .default({ bug: 'bug fix', enhancement: 'feature', documentation: 'documentation' })
      .describe('Label → kind of work, told to the agent (for example bug → "bug fix").'),
    comment_commands: enabled(
      true,
      'trusted users can steer items with /ccal retry, /ccal skip and /ccal priority N'
    ),
    interval_seconds: seconds(
      0,
      'Minimum seconds between two scheduled scans of this source (0: every cycle).'
    ),
    full_scan_seconds: seconds(
      3600,
      'Between two full scans of the labelled issues, a scheduled scan reads only those updated since the last one (0: every scan is full). A full scan is also what notices a removed label without its event.'
    )
  })
  .prefault({})
  .describe('Issues labelled for CCAL.')

const CiLogsSourceSchema = z
  .strictObject({
    enabled: enabled(true, 'failed workflow runs on the default branch become work'),
    workflows: stringList([], 'Workflow names to watch; empty watches all.'),
    branches: stringList([], 'Branches whose failures count; empty means the default branch.'),
    max_runs_per_cycle: positiveInt().default(10).describe('Failed runs examined per cycle.'),
    max_log_bytes: positiveInt()
      .default(50 * 1024 * 1024)
      .describe(
        'Bytes of one job log read at most: the log is streamed, and beyond this its beginning is skipped (a job fails at its end), with a note.'
      ),
    annotations: z
      .boolean()
      .default(true)
      .describe(
        "Read the failed jobs' check-run annotations (needs `checks: read`) beside their logs: they give the file and line that `::error file=…` commands do not leave in the log."
      ),
    flaky_check: z
      .boolean()
      .default(false)
      .describe('Re-run failed jobs once and create work only when the failure repeats.'),
    interval_seconds: seconds(
      0,
      'Minimum seconds between two scheduled scans of this source (0: every cycle).'
    )
  })
  .prefault({})
  .describe('Failed CI runs and their logs.')

const LintSourceSchema = z
  .strictObject({
    enabled: enabled(false, 'lint and static-analysis findings become work'),
    commands: stringList(
      [],
      'Commands run on the runner whose output holds findings (for example `npx eslint -f json .`).'
    ),
    reports: stringList(
      [],
      'Report files or globs to read: SARIF, ESLint/Ruff/RuboCop/golangci-lint JSON, Checkstyle XML.'
    ),
    severities: z
      .array(z.enum(['error', 'warning', 'note']))
      .default(['error', 'warning'])
      .describe('Finding severities that become work.'),
    group_by: z
      .enum(['rule_directory', 'rule', 'file'])
      .default('rule_directory')
      .describe('How findings are batched into one work item.'),
    batch_size: positiveInt().default(10).describe('Findings per work item at most.'),
    interval_seconds: seconds(
      3600,
      'Minimum seconds between two scheduled scans of this source (0: every cycle).'
    )
  })
  .prefault({})
  .describe('Lint and static analysis.')

const CoverageSourceSchema = z
  .strictObject({
    enabled: enabled(false, 'files under the coverage threshold become "add tests" work'),
    reports: stringList([], 'Coverage reports: lcov, Cobertura XML, Istanbul JSON, Go coverprofile.'),
    min_test_coverage: z
      .number()
      .min(0)
      .max(100)
      .default(80)
      .describe('Line coverage percentage under which a file gets an "add tests" item.'),
    max_items_per_cycle: positiveInt().default(3).describe('Coverage items created per cycle at most.'),
    interval_seconds: seconds(
      86400,
      'Minimum seconds between two scheduled scans of this source (0: every cycle).'
    )
  })
  .prefault({})
  .describe('Coverage gaps.')

const PrFeedbackSourceSchema = z
  .strictObject({
    enabled: enabled(true, "review feedback on CCAL's own pull requests becomes follow-up work"),
    failing_checks: enabled(true, "failing checks on CCAL's pull requests become fix items"),
    interval_seconds: seconds(
      0,
      'Minimum seconds between two scheduled scans of this source (0: every cycle).'
    )
  })
  .prefault({})
  .describe("Reviews and checks on CCAL's pull requests.")

const ErrorLogsSourceSchema = z
  .strictObject({
    enabled: enabled(false, 'local error logs (self-hosted runners) become work'),
    paths: stringList([], 'Log files or directories (of *.log and *.json) to watch.'),
    patterns: stringList(
      [
        '\\bERROR\\b',
        '\\bFATAL\\b',
        'Traceback \\(most recent call last\\)',
        'Unhandled(Promise)?Rejection',
        'panic:'
      ],
      'Regular expressions that mark an error line.'
    ),
    context_lines: nonNegativeInt().default(5).describe('Lines kept around each hit as evidence.'),
    max_bytes_per_run: positiveInt()
      .default(10 * 1024 * 1024)
      .describe('New bytes read per file per run at most; offsets are kept in the ledger.'),
    interval_seconds: seconds(
      300,
      'Minimum seconds between two scheduled scans of this source (0: every cycle).'
    )
  })
  .prefault({})
  .describe('Local error logs.')

const DiscoverySchema = z
  .strictObject({
    issues: IssuesSourceSchema,
    ci_logs: CiLogsSourceSchema,
    lint: LintSourceSchema,
    coverage: CoverageSourceSchema,
    pr_feedback: PrFeedbackSourceSchema,
    error_logs: ErrorLogsSourceSchema,
    time_limit_seconds: positiveInt()
      .default(300)
      .describe(
        'Longest one source may take in a cycle (never past safety.max_execution_time_seconds): a source still busy then is reported as stopped, what it found is dropped, and the cycle goes on.'
      )
  })
  .prefault({})
  .describe('Where work comes from.')

const LedgerSchema = z
  .strictObject({
    branch: z
      .string()
      .regex(
        /^(?!\/|.*\/\/|.*\.\.|.*\.lock$|.*[~^:?*[\\\s])[\x21-\x7e]+$/,
        'expected a valid git branch name'
      )
      .default('ccal-ledger')
      .describe("Branch holding the ledger: all of CCAL's state, as JSON files."),
    queue_size_limit: positiveInt()
      .default(1000)
      .describe(
        'Pending work items kept at most. Beyond it new findings are not admitted (the most urgent are admitted first; the rest are counted in the summary) and are taken up when a later scan reports them again.'
      ),
    history_retention_days: positiveInt()
      .default(90)
      .describe('Days execution results are kept in detail before being folded into per-type totals.')
  })
  .prefault({})
  .describe("The ledger branch (it replaced the plan's SQLite storage).")

const LearningSchema = z
  .strictObject({
    enabled: enabled(true, 'outcomes of past pull requests steer ranking and prompts'),
    success_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe('Success rate from which a learned approach is offered as a hint.'),
    pattern_min_occurrences: positiveInt()
      .default(3)
      .describe('Outcomes needed before a pattern is trusted.'),
    adaptation_interval_seconds: positiveInt()
      .default(86400)
      .describe(
        'Seconds after which the learned patterns and weights are recomputed even when no pull request was merged or closed since; a new verdict is learned from at once.'
      )
  })
  .prefault({})
  .describe('Learning from which pull requests humans merge.')

const MonitoringSchema = z
  .strictObject({
    log_level: z.enum(LOG_LEVELS).default('info').describe('Lowest level of log lines written.'),
    json_logs: z.boolean().default(false).describe('Write log lines as JSON objects (CLI and daemon).'),
    metrics: z
      .strictObject({
        enabled: enabled(false, 'Prometheus text-format metrics are written'),
        file: z.string().min(1).optional().describe('File the metrics are written to after each cycle.'),
        port: z.number().int().min(1).max(65535).optional().describe('Port serving /metrics in daemon mode.')
      })
      .prefault({})
      .describe('Prometheus metrics.'),
    transcripts: z
      .strictObject({
        enabled: enabled(
          false,
          "each item's Claude Code stream (stream-json, secrets masked, at most 20 MB an item) is kept outside its worktree; the action uploads the run's transcripts as one artifact, `ccal` leaves them in the work directory"
        ),
        retention_days: z
          .number()
          .int()
          .min(1)
          .max(90)
          .optional()
          .describe("Days the transcripts artifact is kept; the repository's default when unset.")
      })
      .prefault({})
      .describe('Transcripts of the agent runs.')
  })
  .prefault({})
  .describe('Logs, metrics and transcripts.')

const SafetySchema = z
  .strictObject({
    dry_run: z
      .boolean()
      .default(false)
      .describe('Plan and report without executing, pushing or writing the ledger.'),
    excluded_paths: stringList(
      ['.github/workflows/**'],
      'Globs the agent must not change; a change there rejects the item. The config file is always excluded too.'
    ),
    max_file_operations: positiveInt().default(20).describe('Files one item may change at most.'),
    max_file_size_bytes: positiveInt()
      .default(1024 * 1024)
      .describe('Largest file a change may write.'),
    max_execution_time_seconds: positiveInt()
      .default(3600)
      .describe(
        'Wall-clock limit for a whole run: no item starts with less than a minute of it left, and the agent never gets more time than is left.'
      ),
    sandbox: z
      .enum(['auto', 'required', 'off'])
      .default('auto')
      .describe(
        "The box the agent and every command it can cause to run live in (bubblewrap on Linux): their own processes and /proc, the item's worktree the only writable place, the checkout, RUNNER_TEMP and credential files absent. auto uses it where it works and warns where it cannot; required refuses to run without it; off runs without it."
      ),
    network: z
      .enum(['restricted', 'open'])
      .default('restricted')
      .describe(
        "The box's network: restricted gives it its own, through which only the model and the network_allow hosts are reached; open shares the machine's."
      ),
    network_allow: stringList(
      [
        'registry.npmjs.org',
        'registry.yarnpkg.com',
        'pypi.org',
        'files.pythonhosted.org',
        'index.crates.io',
        'static.crates.io',
        'proxy.golang.org',
        'sum.golang.org',
        'rubygems.org',
        'repo.maven.apache.org',
        'repo1.maven.org',
        'plugins.gradle.org',
        'services.gradle.org',
        'api.nuget.org',
        'repo.packagist.org'
      ],
      'Hosts the agent and its commands may reach from a restricted box, over HTTPS through a proxy (HTTPS_PROXY); .example.com allows its subdomains too. The default is the public package registries, so that set-up commands (npm ci, pip install) work; [] allows none.'
    )
  })
  .prefault({})
  .describe('Limits on what the agent may do.')

const TrustSchema = z
  .strictObject({
    min_permission: PermissionSchema.default('write').describe(
      'Least repository permission of a person whose label, comment or review CCAL acts on.'
    ),
    allowed_bots: stringList([], 'Bot accounts whose labels and comments count (bots are ignored otherwise).')
  })
  .prefault({})
  .describe('Whose requests count.')

const BudgetsSchema = z
  .strictObject({
    cost_per_run_usd: usd(5, 'Model spend one run may reach.'),
    cost_per_day_usd: usd(20, 'Model spend per UTC day, across runs.'),
    max_open_prs: nonNegativeInt()
      .default(5)
      .describe('Open CCAL pull requests at most; no new work beyond it.'),
    prs_per_hour: nonNegativeInt().default(3).describe('Pull requests opened per hour at most.'),
    cost_per_item_usd: z
      .number()
      .positive()
      .optional()
      .describe(
        'The most one item may spend (--max-budget-usd), reserved from the run and day budgets before it starts, so items running at once never pass them; default: the run budget shared by loop.max_concurrent_work.'
      )
  })
  .prefault({})
  .describe('Spending limits, kept across runs in the ledger.')

const PullRequestsSchema = z
  .strictObject({
    draft: z.boolean().default(true).describe('Open pull requests as drafts.'),
    labels: stringList(['ccal'], 'Labels put on every CCAL pull request.'),
    reviewers: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/,
            'expected a login (alice) or an organization team (my-org/reviewers), without @'
          )
      )
      .default([])
      .describe(
        'People (logins) and teams (org/team) asked to review each new pull request; GitHub refuses anyone who is not a collaborator (a warning, the pull request stays open).'
      ),
    assignees: z
      .array(z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a login (alice), without @'))
      .max(10, 'GitHub assigns at most 10 people')
      .default([])
      .describe('People assigned to each new pull request; GitHub drops anyone without push access.'),
    branch_prefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]+\/$/, "expected a prefix ending in '/', such as ccal/")
      .default('ccal/')
      .describe("Prefix of CCAL's branches; also how CCAL recognises its own pull requests."),
    base_branch: z
      .string()
      .min(1)
      .optional()
      .describe("Branch pull requests target; the repository's default when unset."),
    sign_commits: z
      .boolean()
      .default(false)
      .describe(
        "Make CCAL's commits through GitHub's API (the GraphQL createCommitOnBranch mutation) instead of git push, so GitHub signs them and marks them verified: turn on when branch protection or a ruleset requires signed commits. The commits are authored by the token's user (identity is not used), and a change that sets the executable bit, adds an executable file, or touches a symlink or submodule fails the item (the API cannot express file modes)."
      )
  })
  .prefault({})
  .describe('Pull requests CCAL opens.')

const WorkspaceSchema = z
  .strictObject({
    directory: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Where CCAL keeps its own clone and the worktree each item is worked in; default RUNNER_TEMP/ccal under Actions, else $XDG_CACHE_HOME/ccal (~/.cache/ccal). The maintainer's checkout is never written."
      ),
    setup_command: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Command run in each new worktree before the agent (for example `npm ci`): a fresh worktree has no dependencies or build output.'
      ),
    setup_timeout_seconds: positiveInt().default(600).describe('Time limit for the setup command.'),
    reuse: stringList(
      [],
      "Ignored directories of the checkout (for example node_modules) copied into each new worktree when the lock files are the same as the checkout's, before the setup command."
    )
  })
  .prefault({})
  .describe('The worktrees items are worked in.')

const IdentitySchema = z
  .strictObject({
    name: z.string().min(1).default('ccal[bot]').describe('Git author and committer name of CCAL commits.'),
    email: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, 'expected an e-mail address')
      .default('ccal-bot@users.noreply.github.com')
      .describe('Git author and committer e-mail of CCAL commits.')
  })
  .prefault({})
  .describe("CCAL's git identity.")

const DashboardSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'Keep one Dashboard issue (label ccal) rebuilt from the ledger after each cycle, whose checkboxes steer items.'
      ),
    title: z.string().min(1).max(256).default('CCAL Dashboard').describe("The Dashboard issue's title."),
    approval_required: z
      .array(ItemTypeSchema)
      .default([])
      .describe(
        "Item types (coverage, lint, …) whose new items wait for an 'approve' tick on the dashboard before any work starts."
      )
  })
  .prefault({})
  .describe('The Dashboard issue: what CCAL is doing, and checkboxes to steer it.')

/** Everything under the top-level `ccal:` key. */
export const SettingsSchema = z
  .strictObject({
    loop: LoopSchema,
    claude: ClaudeSchema,
    verify: VerifySchema,
    discovery: DiscoverySchema,
    ledger: LedgerSchema,
    learning: LearningSchema,
    monitoring: MonitoringSchema,
    safety: SafetySchema,
    trust: TrustSchema,
    budgets: BudgetsSchema,
    pull_requests: PullRequestsSchema,
    dashboard: DashboardSchema,
    identity: IdentitySchema,
    workspace: WorkspaceSchema,
    storage: z
      .unknown()
      .optional()
      .describe("The original plan's SQLite storage; accepted and ignored: the ledger branch replaced it.")
  })
  .prefault({})
  .describe('CCAL settings.')

/** A whole config file: the `ccal:` key and nothing else. */
export const ConfigFileSchema = z
  .strictObject({ ccal: SettingsSchema })
  .describe('CCAL configuration file (.github/ccal.yml).')

export type Settings = z.output<typeof SettingsSchema>
export type SettingsInput = z.input<typeof SettingsSchema>
export type Permission = z.output<typeof PermissionSchema>
export type LogLevel = (typeof LOG_LEVELS)[number]

/** The settings a config file that says nothing gets. */
export function defaultSettings(): Settings {
  return SettingsSchema.parse({})
}
