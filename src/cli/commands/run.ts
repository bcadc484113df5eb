/**
 * `ccal run`. The full cycle belongs to the loop issue; what works today is `--dry-run`: load the
 * settings, read the trigger and the ledger, run the GitHub discovery sources and print what they
 * found — source, fingerprint, trust decision, priority and why — without executing, pushing or
 * writing anything. Without `--dry-run` (or `safety.dry_run`) it says it is not built yet (exit 2).
 */
import { resolve } from 'node:path'
import { loadSettings } from '../../config/load.js'
import type { Settings } from '../../config/schema.js'
import { describeTrigger, triggerFromEnvironment } from '../../core/trigger.js'
import { createGitHubSources } from '../../discovery/github-sources.js'
import { discoveryPlan, type PlanRow } from '../../discovery/plan-view.js'
import type { DiscoveryResult } from '../../discovery/source.js'
import { createGit } from '../../git/git.js'
import { createGitHubClient, type GitHubClient } from '../../github/client.js'
import { newRunId } from '../../ledger/store.js'
import { emptyLedger, type Ledger } from '../../ledger/schema.js'
import { NotBuiltError, UsageError, errorMessage } from '../../util/errors.js'
import { createStreamLogger, type Logger } from '../../util/logger.js'
import { parseCommandArgs, type CliCommand, type CliIo } from '../io.js'
import { LOCATION_OPTIONS, openCliLedger } from './ledger.js'

const USAGE = [
  'Usage: ccal run --dry-run [--json] [--config PATH] [--repo DIR] [--branch NAME] [--remote NAME]',
  '',
  'Discovers work and prints the plan without executing anything. GitHub access comes from',
  'GITHUB_TOKEN (or GH_TOKEN), GITHUB_REPOSITORY (or the origin remote) and GITHUB_API_URL;',
  'the trigger from GITHUB_EVENT_NAME / GITHUB_EVENT_PATH (a schedule when unset).',
  '',
  'The full cycle (--once, --daemon --interval N) is not built yet.'
].join('\n')

/** `owner/repo` from GITHUB_REPOSITORY or a remote URL (https, ssh, or a local emulator's http). */
export function repositoryFrom(text: string): { owner: string; repo: string } | undefined {
  const match = /(?:^|[/:])([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(text.trim())
  return match ? { owner: match[1]!, repo: match[2]! } : undefined
}

async function repositoryOf(io: CliIo, root: string): Promise<{ owner: string; repo: string } | undefined> {
  const named = io.env.GITHUB_REPOSITORY?.trim()
  if (named) {
    const parsed = /^[^/\s]+\/[^/\s]+$/.test(named) ? repositoryFrom(named) : undefined
    if (!parsed) throw new UsageError(`Invalid repository '${named}'. Expected format {owner}/{repo}.`)
    return parsed
  }
  const origin = await createGit({ cwd: root }).exec(['remote', 'get-url', 'origin'])
  return origin.exitCode === 0 ? repositoryFrom(origin.stdout) : undefined
}

async function githubClient(io: CliIo, root: string, logger: Logger): Promise<GitHubClient | undefined> {
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN
  if (!token) {
    logger.warning('no GITHUB_TOKEN or GH_TOKEN: GitHub sources are skipped')
    return undefined
  }
  const repository = await repositoryOf(io, root)
  if (!repository) {
    logger.warning('no GITHUB_REPOSITORY and no GitHub origin remote: GitHub sources are skipped')
    return undefined
  }
  return createGitHubClient({
    token,
    ...repository,
    ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}),
    ...(io.env.GITHUB_GRAPHQL_URL ? { graphqlUrl: io.env.GITHUB_GRAPHQL_URL } : {}),
    logger
  })
}

/** The ledger as it is on the branch; an unreadable ledger plans against an empty one (and says so). */
async function readLedger(
  io: CliIo,
  values: { repo?: string; branch?: string; remote?: string },
  logger: Logger
): Promise<{ ledger: Ledger; commit: string | null; note?: string }> {
  try {
    const snapshot = await (await openCliLedger(io, values)).read()
    return { ledger: snapshot.ledger, commit: snapshot.commit }
  } catch (error) {
    const note = `ledger not read (${errorMessage(error)}); planning against an empty ledger`
    logger.warning(note)
    return { ledger: emptyLedger(), commit: null, note }
  }
}

function textRow(row: PlanRow): string {
  const priority = row.priority === null ? '  ' : `P${row.priority}`
  const what = row.fingerprint ?? row.title
  const why = row.decision === 'candidate' ? `${row.trust ?? ''}; ${row.reason}` : row.reason
  return `  ${row.decision.padEnd(9)}  ${priority}  ${row.source.padEnd(14)}  ${what}  — ${why}`
}

/** `ccal run` — see the module comment. */
export const runCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('run', args, {
    ...LOCATION_OPTIONS,
    config: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    once: { type: 'boolean' },
    daemon: { type: 'boolean' },
    interval: { type: 'string' }
  })
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`ccal run: unexpected argument '${positionals[0]}'`)
  const root = resolve(io.cwd, values.repo ?? '.')
  const settings: Settings = loadSettings({
    root,
    ...(values.config ? { configPath: values.config } : {}),
    env: io.env
  }).settings
  if (!values['dry-run'] && !settings.safety.dry_run) {
    throw new NotBuiltError(
      'not built yet: it will run the discover → plan → execute → deliver cycle once or as a daemon. ' +
        "'ccal run --dry-run --json' shows what discovery finds."
    )
  }
  const logger = createStreamLogger({ write: line => io.stderr(line), level: settings.monitoring.log_level })
  const trigger = triggerFromEnvironment(io.env)
  const github = await githubClient(io, root, logger)
  const ledger = await readLedger(io, values, logger)
  const now = new Date()
  const runId = io.env.CCAL_RUN_ID || newRunId('dry')
  const context = {
    settings,
    trigger,
    ledger: ledger.ledger,
    root,
    runId,
    now,
    logger,
    ...(github ? { github } : {})
  }
  const results: DiscoveryResult[] = []
  for (const source of createGitHubSources(github)) {
    if (source.appliesTo(trigger, settings)) results.push(await source.discover(context))
  }
  const plan = discoveryPlan(results, { ledger: ledger.ledger, context: { now, runId } })
  const header = {
    dryRun: true,
    trigger: describeTrigger(trigger),
    repository: github ? `${github.owner}/${github.repo}` : null,
    ledger: { commit: ledger.commit, ...(ledger.note ? { note: ledger.note } : {}) }
  }
  if (values.json) {
    io.stdout(JSON.stringify({ ...header, ...plan }, null, 2))
    return 0
  }
  io.stdout(
    [
      `Dry run (${header.trigger}) on ${header.repository ?? 'no repository'}: ${plan.counts.candidates} candidates, ` +
        `${plan.counts.skipped} skipped, ${plan.counts.operations} ledger operations`,
      ...plan.rows.map(textRow)
    ].join('\n')
  )
  return 0
}
