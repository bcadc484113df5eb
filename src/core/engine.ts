/**
 * The engine: builds the real collaborators of a cycle — git, the GitHub client, the ledger store,
 * the discovery sources and a Claude Code executor — from settings and the environment, and runs
 * it. The action and `ccal run` both call this; they differ only in how they read their inputs and
 * show the report.
 */
import type { Settings } from '../config/schema.js'
import { createEvidenceSources } from '../discovery/evidence-sources.js'
import { createGitHubSources } from '../discovery/github-sources.js'
import type { DiscoveryResult, DiscoverySource } from '../discovery/source.js'
import { executeItem, prepareClaude, type ClaudeRuntime, type ToolCache } from '../executor/index.js'
import { toolDirectory } from '../executor/install.js'
import type { Git } from '../git/git.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import { newRunId, openLedgerStore, type LedgerStore } from '../ledger/store.js'
import type { Ledger } from '../ledger/schema.js'
import type { Logger } from '../util/logger.js'
import { withoutPersistedCredentials } from '../executor/credentials.js'
import { buildChildEnvironment } from '../executor/environment.js'
import {
  bubblewrapSandbox,
  findSandbox,
  hiddenPaths,
  noSandbox,
  type SandboxPlan,
  type SandboxSupport
} from '../executor/sandbox.js'
import { realpathSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { DEFAULT_MODEL_API } from '../executor/model-proxy.js'
import { loopbackPort, startNetworkBridge, type NetworkBridge } from '../executor/network.js'
import { dirname, join } from 'node:path'
import { prepareWorktree, type WorktreeSetup } from '../executor/execute.js'
import { pathSegment, workDirectory } from '../workspace/location.js'
import { secretMasker, secretsInEnvironment } from '../util/secrets.js'
import { toTokenSource, type TokenSource } from '../util/token-source.js'
import { readOnlyGit, Workspace } from '../workspace/workspace.js'
import { ledgerLimits, runCycle, type CycleMode, type ItemExecutor } from './cycle.js'
import type { CycleReport } from './report.js'
import { actionsRunId, actionsRunUrl, resolveApiEndpoints, resolveRepository } from './repository.js'
import type { Trigger } from './trigger.js'

export interface EngineOptions {
  settings: Settings
  /** The config file, relative to the repository root (always excluded from the agent's changes). */
  configPath: string
  /** Repository working tree. */
  root: string
  env: NodeJS.ProcessEnv
  trigger: Trigger
  mode: CycleMode
  itemId?: string
  /**
   * GitHub's credentials: a token (the action's `github-token`, a PAT), or a source every request
   * and every fetch or push asks (a GitHub App's installation tokens, renewed as they expire).
   */
  githubToken?: string | TokenSource
  /** Files holding credentials (a GitHub App's private key): hidden from the agent's box. */
  secretFiles?: readonly string[]
  anthropicApiKey?: string
  claudeOauthToken?: string
  /** The Actions tool cache for the Claude Code install (inside Actions only). */
  toolCache?: ToolCache
  logger: Logger
  signal?: AbortSignal
  runId?: string
  /** Discovery sources to use instead of the standard ones (not used by the entry points). */
  sources?: readonly DiscoverySource[]
}

export interface EngineResult {
  report: CycleReport
  /** What each source reported, for `ccal run --dry-run`'s discovery view. */
  discoveries: DiscoveryResult[]
  ledger: Ledger
  /** The ledger commit the cycle ended on (null when the branch does not exist, as in a first dry run). */
  commit: string | null
  repository: { owner: string; repo: string }
  /** The ledger's store, for readers of its history after the cycle (the report). */
  store: LedgerStore
  /** The items' transcripts (`monitoring.transcripts`), when any item ran with them on. */
  transcripts?: TranscriptFiles
}

/** This run's transcripts: one JSONL file per item, all in one directory of the work directory. */
export interface TranscriptFiles {
  directory: string
  /** Absolute paths, sorted. */
  files: string[]
}

/** The Claude Code executor; the CLI is found, installed and checked once, before the first item. */
export function claudeExecutor(options: {
  settings: Settings
  configPath: string
  /** The maintainer's checkout (reusable directories are copied from it). */
  checkout: string
  /** CCAL's repository and work directory: where the agent's HOME is, and what it must not see. */
  workspace: Pick<Workspace, 'root' | 'repoDir'> & { directory: string }
  /** Told once whether items run in a sandbox, and why not when they do not. */
  onSandbox?: (support: SandboxSupport) => void
  env: NodeJS.ProcessEnv
  anthropicApiKey?: string
  claudeOauthToken?: string
  toolCache?: ToolCache
  /** Files holding credentials (a GitHub App's private key), hidden from the agent's box. */
  secretFiles?: readonly string[]
  /** Keep each item's stream in `directory` (outside every worktree), masking `secrets`. */
  transcripts?: { directory: string; secrets: readonly string[] }
  logger: Logger
}): ItemExecutor {
  let runtime: Promise<ClaudeRuntime> | undefined
  let support: Promise<SandboxSupport> | undefined
  const findBox = () =>
    (support ??= findSandbox(options.settings.safety.sandbox, options.env).then(found => {
      if (!found.available)
        options.logger.warning(
          `no sandbox: ${found.reason}. The agent and the commands it causes to run can see CCAL's processes and the runner's files`
        )
      else if (!found.ownNetwork && options.settings.safety.network === 'restricted')
        options.logger.warning(
          "sandbox without a network of its own (bubblewrap cannot make a network namespace here): the agent's commands share the machine's network"
        )
      options.onSandbox?.(found)
      return found
    }))
  const prepare = () =>
    (runtime ??= prepareClaude({
      settings: options.settings.claude,
      env: options.env,
      logger: options.logger,
      ...(options.anthropicApiKey ? { apiKey: options.anthropicApiKey } : {}),
      ...(options.claudeOauthToken ? { oauthToken: options.claudeOauthToken } : {}),
      ...(options.toolCache ? { cache: options.toolCache } : {})
    }))
  // The boxes' way out (network.ts), started once the model proxy's address is known.
  let bridge: Promise<NetworkBridge | undefined> | undefined
  const openBridge = (prepared: ClaudeRuntime) =>
    (bridge ??= (async () => {
      if (options.settings.safety.network !== 'restricted') return undefined
      const modelPort = loopbackPort(prepared.env.ANTHROPIC_BASE_URL)
      // Without the loopback proxy (an OAuth token, a login) the CLI reaches the model API itself.
      const direct = modelPort === undefined ? [modelHost(prepared.env.ANTHROPIC_BASE_URL)] : []
      return startNetworkBridge({
        dir: await mkdtemp(join(tmpdir(), 'ccal-net-')),
        ...(modelPort === undefined ? {} : { model: { host: '127.0.0.1', port: modelPort } }),
        allow: [...options.settings.safety.network_allow, ...direct]
      })
    })())
  return {
    async prepare() {
      await findBox()
      await prepare()
    },
    async close() {
      // Nothing to stop when no item ran, or when preparing failed (it stopped what it started).
      const opened = await bridge?.catch(() => undefined)
      if (opened) {
        await opened.close()
        await rm(opened.dir, { recursive: true, force: true })
      }
      const prepared = await runtime?.catch(() => undefined)
      await prepared?.close()
    },
    async execute(request) {
      const prepared = await prepare()
      const found = await findBox()
      const network = found.available && found.ownNetwork ? await openBridge(prepared) : undefined
      const outcome = await executeItem({
        item: request.item,
        settings: options.settings,
        runtime: prepared,
        repoDir: request.worktree,
        sandbox: found.available
          ? bubblewrapSandbox(found.bwrap, await agentBox(options, prepared, request.worktree, network))
          : noSandbox(found.reason),
        budgetUsd: request.maxBudgetUsd,
        configPath: options.configPath,
        logger: request.logger ?? options.logger,
        onSessionId: request.onSessionId,
        setup: worktreeSetup(options.settings, options.checkout),
        ...(options.transcripts
          ? {
              transcript: {
                path: join(options.transcripts.directory, `${pathSegment(request.item.id)}.jsonl`),
                mask: secretMasker([...options.transcripts.secrets, ...secretsInEnvironment(prepared.env)])
              }
            }
          : {}),
        ...(request.hints ? { hints: request.hints } : {}),
        ...(request.resumeSessionId ? { resumeSessionId: request.resumeSessionId } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.timeoutMs !== undefined
          ? { timeoutMs: Math.min(request.timeoutMs, options.settings.claude.timeout_seconds * 1000) }
          : {})
      })
      return outcome
    }
  }
}

/**
 * What one item's box holds: its worktree writable, a HOME of the agent's own in the work directory
 * (with a runner login's ~/.claude in it, the model's credential), CCAL's repository read only, and
 * none of the checkout, the work directory's other contents, RUNNER_TEMP or credential files.
 */
async function agentBox(
  options: {
    checkout: string
    env: NodeJS.ProcessEnv
    workspace: { root: string; repoDir: string; directory: string }
    secretFiles?: readonly string[]
  },
  runtime: ClaudeRuntime,
  worktree: string,
  bridge: NetworkBridge | undefined
): Promise<SandboxPlan> {
  const home = join(options.workspace.root, 'agent-home')
  await mkdir(home, { recursive: true })
  const realHome = options.env.HOME || homedir()
  const login = runtime.auth.source === 'runner login'
  return {
    worktree,
    home,
    // The CLI itself, wherever it is installed: CCAL's own installs live in the (hidden) work directory.
    readOnly: [
      options.workspace.repoDir,
      dirname(runtime.executable),
      dirname(realpathSync(runtime.executable)),
      toolDirectory(runtime.version, options.env)
    ],
    hidden: [
      ...hiddenPaths({
        checkout: options.checkout,
        workDirectory: options.workspace.directory,
        env: options.env
      }),
      ...(options.secretFiles ?? [])
    ],
    ...(bridge
      ? { network: { socket: bridge.socket, ...(bridge.modelPort ? { modelPort: bridge.modelPort } : {}) } }
      : {}),
    mounts: login
      ? [
          { from: join(realHome, '.claude'), to: join(home, '.claude') },
          { from: join(realHome, '.claude.json'), to: join(home, '.claude.json') }
        ]
      : []
  }
}

/** The host of the model API the CLI talks to itself (no loopback proxy). */
function modelHost(baseUrl: string | undefined): string {
  try {
    return new URL(baseUrl || DEFAULT_MODEL_API).hostname
  } catch {
    return new URL(DEFAULT_MODEL_API).hostname
  }
}

/** What `ccal.workspace` says a fresh worktree gets. */
function worktreeSetup(settings: Settings, checkout: string): WorktreeSetup {
  const { workspace } = settings
  return {
    checkout,
    reuse: workspace.reuse,
    timeoutMs: workspace.setup_timeout_seconds * 1000,
    ...(workspace.setup_command ? { command: workspace.setup_command } : {})
  }
}

/** The URL of the checkout's `origin`, if it has one. */
export async function originUrl(git: Git): Promise<string | undefined> {
  const result = await git.exec(['remote', 'get-url', 'origin'])
  return result.exitCode === 0 ? result.stdout.trim() : undefined
}

/** Builds the collaborators and runs one cycle. */
export async function runEngine(options: EngineOptions): Promise<EngineResult> {
  const { settings, logger, env } = options
  // The checkout is read (its remote, its default branch); only the credentials step below writes it.
  const git = readOnlyGit(options.root, { logger })
  const repository = resolveRepository(env, await originUrl(git))
  const runId = options.runId ?? actionsRunId(env) ?? newRunId('cli')
  const tokens = options.githubToken ? toTokenSource(options.githubToken) : undefined
  let github: GitHubClient | undefined
  if (tokens) {
    const endpoints = resolveApiEndpoints(env)
    github = createGitHubClient({
      token: tokens,
      ...repository,
      ...endpoints,
      logger,
      timeoutMs: settings.loop.request_timeout_seconds * 1000
    })
  } else {
    logger.warning('no GitHub token: GitHub sources are skipped and no pull request can be opened')
  }
  const directory = workDirectory(settings.workspace.directory, env, options.root)
  const workspace = await Workspace.open({
    checkout: options.root,
    directory,
    runId,
    logger,
    ...(tokens ? { tokens } : {})
  })
  const store = await openLedgerStore({
    repoDir: workspace.repoDir,
    git: workspace.git,
    branch: settings.ledger.branch,
    runId,
    identity: settings.identity,
    logger,
    limits: ledgerLimits(settings),
    ...(tokens ? { tokens } : {})
  })
  const discoveries: DiscoveryResult[] = []
  // In CCAL's own directory of the repository, which the agent's box does not show.
  const transcriptDirectory = settings.monitoring.transcripts.enabled
    ? join(workspace.root, 'transcripts', pathSegment(runId))
    : undefined
  let sandbox: SandboxSupport | undefined
  const standard = [...createGitHubSources(github), ...createEvidenceSources()]
  const sources = (options.sources ?? standard).map(source => recording(source, discoveries))
  const executor = claudeExecutor({
    settings,
    configPath: options.configPath,
    checkout: options.root,
    workspace: { root: workspace.root, repoDir: workspace.repoDir, directory },
    onSandbox: found => {
      sandbox = found
    },
    env,
    logger,
    ...(options.secretFiles ? { secretFiles: options.secretFiles } : {}),
    ...(options.anthropicApiKey ? { anthropicApiKey: options.anthropicApiKey } : {}),
    ...(options.claudeOauthToken ? { claudeOauthToken: options.claudeOauthToken } : {}),
    ...(options.toolCache ? { toolCache: options.toolCache } : {}),
    ...(transcriptDirectory
      ? {
          transcripts: {
            directory: transcriptDirectory,
            // A renewed token is masked by its shape (ghs_…); a fixed one by its value as well.
            secrets: [
              typeof options.githubToken === 'string' ? options.githubToken : undefined,
              options.anthropicApiKey,
              options.claudeOauthToken,
              ...secretsInEnvironment(env)
            ].filter((secret): secret is string => Boolean(secret))
          }
        }
      : {})
  })
  const runUrl = actionsRunUrl(env)
  const cycle = () =>
    runCycle({
      settings,
      trigger: options.trigger,
      mode: options.mode,
      ...(options.itemId ? { itemId: options.itemId } : {}),
      runId,
      root: options.root,
      git,
      workspace,
      setUpWorktree: (dir, worktreeGit) =>
        prepareWorktree(dir, worktreeSetup(settings, options.root), {
          git: worktreeGit,
          env: buildChildEnvironment({
            parent: env,
            passthrough: settings.claude.env_passthrough,
            withoutModelCredentials: true
          }),
          logger,
          ...(options.signal ? { signal: options.signal } : {})
        }),
      store,
      ...(github ? { github } : {}),
      ...(tokens ? { pushTokens: tokens } : {}),
      ...(runUrl ? { runUrl } : {}),
      sources,
      executor,
      logger,
      ...(options.signal ? { signal: options.signal } : {})
    }).finally(() => executor.close?.())
  // actions/checkout may have left the job's token in the checkout's .git/config, which an agent
  // could read: taken out for the cycle and put back after it (the one write to the checkout).
  const { report, ledger } = settings.safety.dry_run
    ? await cycle()
    : await withoutPersistedCredentials(git, cycle, logger)
  if (sandbox && !sandbox.available)
    report.problems.push(
      `no sandbox: ${sandbox.reason}; the agent and the commands it caused to run could see CCAL's processes and the runner's files`
    )
  const { commit } = await store.read()
  const transcripts = transcriptDirectory ? await transcriptFiles(transcriptDirectory) : undefined
  if (transcripts) report.transcripts = { items: transcripts.files.length, directory: transcripts.directory }
  return { report, discoveries, ledger, commit, repository, store, ...(transcripts ? { transcripts } : {}) }
}

/** The transcripts in `directory`, or undefined when no item wrote one. */
async function transcriptFiles(directory: string): Promise<TranscriptFiles | undefined> {
  const names = await readdir(directory).catch(() => [] as string[])
  const files = names
    .filter(name => name.endsWith('.jsonl'))
    .sort()
    .map(name => join(directory, name))
  return files.length > 0 ? { directory, files } : undefined
}

/** A source that also keeps what it reported, for the dry-run view. */
function recording(source: DiscoverySource, into: DiscoveryResult[]): DiscoverySource {
  return {
    name: source.name,
    appliesTo: (trigger, settings) => source.appliesTo(trigger, settings),
    discover: async context => {
      const result = await source.discover(context)
      into.push(result)
      return result
    }
  }
}
