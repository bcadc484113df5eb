/**
 * The box the agent and everything it can cause to run live in: the Claude Code process and its
 * tools, the verify commands and the worktree's set-up command. With bubblewrap (Linux) each runs
 * in its own PID namespace with its own `/proc` — so no process of CCAL, the runner or anyone else,
 * and none of their environments, is in view — on a read-only view of the machine in which only the
 * item's worktree, a HOME of its own and a fresh /tmp are writable, and the maintainer's checkout,
 * RUNNER_TEMP (the event payload, the runner's file-command files), CCAL's work directory (but the
 * item's own repository, read only) and the usual credential files are not there at all.
 *
 * `ccal.safety.sandbox`: `auto` uses it wherever it works and says loudly when it cannot;
 * `required` refuses to run without it; `off` runs commands as they are.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { CcalError } from '../util/errors.js'
import { BOX_PROXY_PORT, FORWARDER_SOURCE } from './network.js'

export class SandboxError extends CcalError {}

export type SandboxMode = 'auto' | 'required' | 'off'

/** Files and directories under HOME that hold credentials: hidden from the agent. */
export const HOME_SECRETS: readonly string[] = [
  '.ssh',
  '.gnupg',
  '.aws',
  '.azure',
  '.kube',
  '.docker',
  '.config/gh',
  '.config/gcloud',
  '.config/hub',
  '.git-credentials',
  '.netrc',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.gem/credentials',
  '.cargo/credentials.toml',
  '.cargo/credentials',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
  '.claude',
  '.claude.json'
]

/** A self-hosted Actions runner's own secrets, in its root directory. */
export const RUNNER_SECRETS: readonly string[] = ['.credentials', '.credentials_rsaparams', '.runner', '.env']

/** Where one item's commands run: what they may write, what they may read, what is not there. */
export interface SandboxPlan {
  /** The item's worktree: the one place they may change. */
  readonly worktree: string
  /** The agent's HOME (Claude Code's settings and session files), writable. */
  readonly home: string
  /** Readable, not writable (CCAL's repository, for git in the worktree). */
  readonly readOnly: readonly string[]
  /** Not there at all (the checkout, RUNNER_TEMP, the work directory, credential files). */
  readonly hidden: readonly string[]
  /** Writable directories or files bound at another place (a runner login's ~/.claude into HOME). */
  readonly mounts?: readonly { from: string; to: string }[]
  /**
   * The box's own network (network.ts): only loopback inside, the model proxy and allowed hosts
   * reached through the bridge's socket. Absent: the machine's network is shared.
   */
  readonly network?: { readonly socket: string; readonly modelPort?: number }
}

/** A way to run a command inside the box (or, with none, as it is). */
export interface Sandbox {
  readonly kind: 'bubblewrap' | 'none'
  /** Why there is no box, for the log and the summary (empty with one). */
  readonly reason: string
  /** The argument vector that runs `argv` in the box, in `cwd`. */
  wrap(argv: readonly string[], cwd: string): string[]
  /** The environment as the command sees it (HOME and TMPDIR of the box). */
  environment(env: Readonly<Record<string, string>>): Record<string, string>
}

/** What is hidden for every item: the checkout, the runner's files, credentials in HOME. */
export function hiddenPaths(options: {
  checkout: string
  workDirectory: string
  env: NodeJS.ProcessEnv
}): string[] {
  const home = options.env.HOME || homedir()
  const paths = [options.checkout, options.workDirectory, ...HOME_SECRETS.map(path => join(home, path))]
  if (options.env.RUNNER_TEMP) paths.push(options.env.RUNNER_TEMP)
  if (options.env.GITHUB_EVENT_PATH) paths.push(options.env.GITHUB_EVENT_PATH)
  for (const name of ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    const path = options.env[name]
    if (path) paths.push(path)
  }
  // actions/runner keeps its registration key beside _work: <root>/_work/<repository>.
  if (options.env.RUNNER_WORKSPACE) {
    const root = resolve(options.env.RUNNER_WORKSPACE, '..', '..')
    paths.push(...RUNNER_SECRETS.map(name => join(root, name)))
  }
  return [...new Set(paths.map(path => resolve(path)))]
}

/** The entries of the machine's /tmp (none when it cannot be read). */
function machineTmp(): string[] {
  try {
    return readdirSync('/tmp')
  } catch {
    return []
  }
}

/**
 * Scratch directories of the agent's own tooling in the machine's /tmp: Claude Code keeps each
 * Bash call's working state under `/tmp/claude-<uid>/`. Another run on the machine leaves one
 * behind, and bound back read only it would make every Bash call of the agent fail (EROFS on
 * mkdir); the box gets its own, empty, instead.
 */
function isToolScratch(entry: string): boolean {
  return /^claude-/.test(entry)
}

/** True when `inner` is `outer` or inside it. */
function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`)
}

/** Every box's base: the machine read only, its own PID namespace, /dev and /proc. */
const BOX_BASE = [
  '--die-with-parent',
  '--unshare-pid',
  '--ro-bind',
  '/',
  '/',
  '--dev',
  '/dev',
  '--proc',
  '/proc'
]

/** The bubblewrap arguments for a plan: read-only machine, own PID namespace and /proc, holes hidden. */
export function bubblewrapArguments(plan: SandboxPlan, cwd: string): string[] {
  const args = [...BOX_BASE]
  if (plan.network) args.push('--unshare-net')
  // /tmp of the box's own, so that what is written there stays there; what the machine's /tmp
  // already holds (tools, test fixtures) is bound back read only, but for what is hidden.
  const hidden = plan.hidden.filter(path => existsSync(path)).sort((a, b) => a.length - b.length)
  args.push('--tmpfs', '/tmp')
  for (const entry of machineTmp()) {
    if (isToolScratch(entry)) continue
    const path = join('/tmp', entry)
    // -try: /tmp changes all the time; an entry gone by the time the box starts is simply not there.
    if (!hidden.some(other => isWithin(path, other))) args.push('--ro-bind-try', path, path)
  }
  // Hidden next; what must be visible inside a hidden directory is bound back on top, in order.
  for (const path of hidden) {
    if (hidden.some(other => other !== path && isWithin(path, other))) continue
    if (statSync(path).isDirectory()) args.push('--tmpfs', path)
    else args.push('--ro-bind', '/dev/null', path)
  }
  for (const path of plan.readOnly) if (existsSync(path)) args.push('--ro-bind-try', path, path)
  args.push('--bind', plan.home, plan.home)
  for (const mount of plan.mounts ?? []) if (existsSync(mount.from)) args.push('--bind', mount.from, mount.to)
  if (plan.network) {
    const dir = dirname(plan.network.socket)
    args.push('--bind', dir, dir)
  }
  args.push('--bind', plan.worktree, plan.worktree, '--chdir', cwd)
  return args
}

/** A box with bubblewrap at `bwrap` for `plan`. */
export function bubblewrapSandbox(bwrap: string, plan: SandboxPlan): Sandbox {
  const proxy = `http://127.0.0.1:${BOX_PROXY_PORT}`
  const environment = (env: Readonly<Record<string, string>>) => ({
    ...env,
    HOME: plan.home,
    TMPDIR: '/tmp',
    // Inside its own network the box reaches allowed hosts only through the forwarder's proxy.
    ...(plan.network
      ? {
          HTTPS_PROXY: proxy,
          HTTP_PROXY: proxy,
          https_proxy: proxy,
          http_proxy: proxy,
          NO_PROXY: '127.0.0.1,localhost',
          no_proxy: '127.0.0.1,localhost'
        }
      : {})
  })
  const forwarder = (argv: readonly string[]): string[] => {
    if (!plan.network) return [...argv]
    const config = {
      socket: plan.network.socket,
      modelPort: plan.network.modelPort,
      proxyPort: BOX_PROXY_PORT
    }
    return [process.execPath, '-e', FORWARDER_SOURCE, JSON.stringify(config), '--', ...argv]
  }
  return {
    kind: 'bubblewrap',
    reason: '',
    environment,
    wrap: (argv, cwd) => [bwrap, ...bubblewrapArguments(plan, cwd), '--', ...forwarder(argv)]
  }
}

/** No box: commands run as they are (`off`, or `auto` where none can be made). */
export function noSandbox(reason: string): Sandbox {
  return {
    kind: 'none',
    reason,
    environment: env => ({ ...env }),
    wrap: argv => [...argv]
  }
}

/** The first `name` on PATH that is a file. */
function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(':')) {
    if (!dir) continue
    const candidate = join(dir, name)
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

/** Runs bubblewrap once the way items will: why it cannot be used, or undefined when it can. */
async function probe(bwrap: string, extra: readonly string[] = []): Promise<string | undefined> {
  const args = [...extra, ...BOX_BASE, '--', 'true']
  return new Promise(resolvePromise => {
    const child = spawn(bwrap, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', error => resolvePromise(`bubblewrap does not start (${error.message})`))
    child.on('close', code =>
      resolvePromise(
        code === 0
          ? undefined
          : `bubblewrap cannot make a sandbox here (${stderr.trim().split('\n')[0] || `exit ${code}`}); unprivileged user namespaces may be disabled`
      )
    )
  })
}

/** What {@link findSandbox} found: bubblewrap's path, or why there is none. */
export type SandboxSupport =
  | {
      available: true
      bwrap: string
      /** Whether a box can have a network of its own (some containers allow the one, not the other). */
      ownNetwork: boolean
    }
  | { available: false; reason: string }

/** Looks for a working bubblewrap; `required` without one is a {@link SandboxError}. */
export async function findSandbox(mode: SandboxMode, env: NodeJS.ProcessEnv): Promise<SandboxSupport> {
  if (mode === 'off') return { available: false, reason: 'ccal.safety.sandbox is off' }
  const reasonWithout = await (async () => {
    if (process.platform !== 'linux') return `no sandbox on ${process.platform} (bubblewrap is Linux only)`
    const bwrap = onPath('bwrap', env.PATH)
    if (!bwrap) return 'bubblewrap is not installed (apt-get install bubblewrap)'
    const problem = await probe(bwrap)
    return problem ?? bwrap
  })()
  if (reasonWithout.startsWith('/')) {
    const ownNetwork = (await probe(reasonWithout, ['--unshare-net'])) === undefined
    return { available: true, bwrap: reasonWithout, ownNetwork }
  }
  if (mode === 'required') throw new SandboxError(`ccal.safety.sandbox is required, but ${reasonWithout}`)
  return { available: false, reason: reasonWithout }
}
