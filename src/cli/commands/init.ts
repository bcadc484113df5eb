/**
 * `ccal init`: sets a repository up for CCAL. It writes the heartbeat workflow and a starting
 * config (never over a file that differs, unless --force), and with a token it creates the labels
 * CCAL uses, checks the repository setting that lets Actions open pull requests, and ends with a
 * dry run: what the first cycle would do. Run twice, it changes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { loadSettings } from '../../config/load.js'
import type { Settings } from '../../config/schema.js'
import { resolveApiEndpoints, resolveRepository, tokenFromEnvironment } from '../../core/repository.js'
import { createGit } from '../../git/git.js'
import { createGitHubClient, type GitHubClient } from '../../github/client.js'
import { WORKFLOW_TEMPLATE, configTemplate, detectTestCommand } from '../../onboarding/templates.js'
import { CcalError, UsageError, errorMessage, httpStatus } from '../../util/errors.js'
import { silentLogger } from '../../util/logger.js'
import { parseCommandArgs, type CliCommand } from '../io.js'
import { runCommand } from './run.js'

const USAGE = [
  'Usage: ccal init [--repo DIR] [--force]',
  '',
  'Sets the repository up for CCAL:',
  '  .github/workflows/ccal.yml  the workflow that runs a cycle on a schedule and on the events CCAL acts on',
  '  .github/ccal.yml            the settings people change first',
  'A file that exists and differs is kept unless --force. With GITHUB_TOKEN or GH_TOKEN it also',
  'creates the labels CCAL uses, checks that GitHub Actions may open pull requests, and ends',
  'with a dry run of the first cycle.'
].join('\n')

const WORKFLOW_PATH = '.github/workflows/ccal.yml'
const CONFIG_PATH = '.github/ccal.yml'

/** What init did with one file. */
type FileOutcome = 'created' | 'unchanged' | 'kept' | 'replaced'

function writeOnce(root: string, path: string, text: string, force: boolean): FileOutcome {
  const full = join(root, path)
  if (existsSync(full)) {
    if (readFileSync(full, 'utf8') === text) return 'unchanged'
    if (!force) return 'kept'
    writeFileSync(full, text)
    return 'replaced'
  }
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(full, text)
  return 'created'
}

const FILE_LINES: Record<FileOutcome, (path: string) => string> = {
  created: path => `created ${path}`,
  unchanged: path => `unchanged ${path}`,
  kept: path => `kept ${path}: it differs from what init writes (--force replaces it)`,
  replaced: path => `replaced ${path}`
}

/** The labels CCAL reads or puts on things, with a colour and what each is for. */
function wantedLabels(settings: Settings): { name: string; color: string; description: string }[] {
  const triggers = settings.discovery.issues.labels.map(name => ({
    name,
    color: '5319e7',
    description: 'CCAL works on this issue (applied by someone with write access)'
  }))
  const marks = settings.pull_requests.labels.map(name => ({
    name,
    color: '0e8a16',
    description: 'Opened by CCAL'
  }))
  const priorities = Object.entries(settings.discovery.issues.priority_labels)
    .filter(([name]) => name.startsWith('priority:'))
    .map(([name, priority]) => ({
      name,
      color: ['b60205', 'd93f0b', 'fbca04', 'c5def5', 'ededed'][priority - 1] ?? 'ededed',
      description: `CCAL priority ${priority} (1 most urgent)`
    }))
  const seen = new Set<string>()
  return [...triggers, ...marks, ...priorities].filter(label => {
    const key = label.name.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Creates the labels the repository lacks; returns one line per label. */
async function ensureLabels(github: GitHubClient, settings: Settings): Promise<string[]> {
  const existing = await github.rest.paginate(github.rest.rest.issues.listLabelsForRepo, {
    owner: github.owner,
    repo: github.repo,
    per_page: 100
  })
  const have = new Set(existing.map(label => label.name.toLowerCase()))
  const lines: string[] = []
  for (const label of wantedLabels(settings)) {
    if (have.has(label.name.toLowerCase())) {
      lines.push(`label '${label.name}' exists`)
      continue
    }
    await github.rest.rest.issues.createLabel({ owner: github.owner, repo: github.repo, ...label })
    lines.push(`created label '${label.name}'`)
  }
  return lines
}

/** Whether the workflow's own token may open pull requests, and what to change if not. */
async function checkWorkflowPermissions(github: GitHubClient): Promise<string> {
  try {
    const { data } = await github.rest.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({
      owner: github.owner,
      repo: github.repo
    })
    if (data.can_approve_pull_request_reviews)
      return 'GitHub Actions may open pull requests in this repository'
    return (
      "GitHub Actions may not open pull requests here, so CCAL cannot with the workflow's own token. Change: " +
      'Settings → Actions → General → Workflow permissions → tick "Allow GitHub Actions to create and approve pull requests", ' +
      'or give CCAL a GitHub App token as github-token (see the README, "Which token").'
    )
  } catch (error) {
    const status = httpStatus(error)
    if (status === 403 || status === 404)
      return `could not read the repository's Actions settings with this token (${status}): check Settings → Actions → General → Workflow permissions by hand`
    throw error
  }
}

/**
 * What the token init runs with may do, and what to change if it falls short: the repository's
 * `permissions` for its user, and a classic token's scopes (`x-oauth-scopes`; other tokens have none
 * GitHub lists). The same rules hold for the token the workflow gives CCAL as github-token.
 */
export async function checkToken(github: GitHubClient): Promise<string[]> {
  const { data, headers } = await github.rest.rest.repos.get({ owner: github.owner, repo: github.repo })
  const where = `${github.owner}/${github.repo}`
  const lines: string[] = []
  if (data.permissions && !data.permissions.push)
    lines.push(
      `this token may not write to ${where} (it can ${data.permissions.triage ? 'triage' : 'only read'}): CCAL needs write access to push its branches, open pull requests and label issues`
    )
  const header = headers['x-oauth-scopes']
  if (typeof header === 'string') {
    const scopes = new Set(
      header
        .split(',')
        .map(scope => scope.trim())
        .filter(Boolean)
    )
    const enough = scopes.has('repo') || (!data.private && scopes.has('public_repo'))
    if (!enough)
      lines.push(
        `this classic token has the scopes ${scopes.size > 0 ? [...scopes].join(', ') : '(none)'}: CCAL needs ${data.private ? 'repo' : 'repo (or public_repo)'}; add it at https://github.com/settings/tokens`
      )
    else if (!scopes.has('workflow'))
      lines.push(
        'this classic token has no workflow scope: a change the agent makes to .github/workflows would be refused (CCAL keeps the agent out of them by default)'
      )
    if (lines.length === 0) lines.push(`the token's scopes are enough (${[...scopes].join(', ')})`)
  } else if (lines.length === 0) {
    lines.push(
      "the token may write here; GitHub does not list a fine-grained or App token's permissions: CCAL needs Contents, Pull requests and Issues: write, Actions and Checks: read"
    )
  }
  return lines
}

export const initCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs('init', args, {
    repo: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  })
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`ccal init: unexpected argument '${positionals[0]}'`)
  const root = resolve(io.cwd, values.repo ?? '.')
  const git = createGit({ cwd: root })
  const top = await git.exec(['rev-parse', '--show-toplevel'])
  if (top.exitCode !== 0) throw new CcalError(`ccal init: ${root} is not inside a git repository`)

  const files = {
    has: (path: string) => existsSync(join(root, path)),
    read: (path: string) =>
      existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined
  }
  const force = values.force === true
  for (const [path, text] of [
    [WORKFLOW_PATH, WORKFLOW_TEMPLATE],
    [CONFIG_PATH, configTemplate(detectTestCommand(files))]
  ] as const)
    io.stdout(FILE_LINES[writeOnce(root, path, text, force)](path))

  const token = tokenFromEnvironment(io.env)
  if (!token) {
    io.stdout(
      [
        '',
        'No GITHUB_TOKEN or GH_TOKEN: the labels and the repository settings were not checked, and no dry run was made.',
        'Next: commit the files, add the ANTHROPIC_API_KEY secret, and label an issue ccal-task.'
      ].join('\n')
    )
    return 0
  }
  const { settings } = loadSettings({ root, env: io.env })
  const origin = await git.exec(['remote', 'get-url', 'origin'])
  const repository = resolveRepository(io.env, origin.exitCode === 0 ? origin.stdout.trim() : undefined)
  const github = createGitHubClient({
    token,
    ...repository,
    ...resolveApiEndpoints(io.env),
    logger: silentLogger,
    timeoutMs: settings.loop.request_timeout_seconds * 1000
  })
  io.stdout('')
  try {
    for (const line of await ensureLabels(github, settings)) io.stdout(line)
    io.stdout(await checkWorkflowPermissions(github))
    for (const line of await checkToken(github)) io.stdout(line)
  } catch (error) {
    throw new CcalError(`ccal init: ${repository.owner}/${repository.repo}: ${errorMessage(error)}`, {
      cause: error
    })
  }
  io.stdout('\nWhat the first cycle would do (a dry run: nothing is executed, pushed or written):')
  return runCommand(['--once', '--dry-run', '--repo', root], io)
}
