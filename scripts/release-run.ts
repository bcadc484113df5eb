/**
 * The effects of `npm run release -- X.Y.Z`: gathers what git, origin and the version files say, lets
 * `release-plan.ts` decide, rebuilds the generated files to prove the commit reproduces them, then
 * writes the tags and pushes them (or prints the push commands). Everything runs in the repository
 * that holds the current directory, so a test can release a scratch repository with its own cheap
 * `bundle` and `schema` scripts.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createProcessRunner, type CommandRunner } from '../src/discovery/command-runner.js'
import { createGit, type Git } from '../src/git/git.js'
import { CcalError } from '../src/util/errors.js'
import {
  changelogSection,
  parseLsRemote,
  parseReleaseArgs,
  planTags,
  pushCommands,
  refusals,
  releaseBranch,
  releaseTagMessage,
  ReleaseRefusedError,
  type ReleaseOptions,
  type RepoState,
  type TagPlan,
  type TagRef,
  type VersionSource
} from './release-plan.js'

/** Where the release writes what it does. */
export interface ReleaseIo {
  readonly cwd: string
  readonly out: (line: string) => void
}

/** The steps that regenerate committed files, and the paths they write (CI's check-dist job runs the same). */
const BUILD_STEPS = [
  ['npm', 'run', 'bundle'],
  ['npm', 'run', 'schema']
] as const
const GENERATED_PATHS = ['dist', 'config', 'docs/workflows'] as const
const BUILD_TIMEOUT_MS = 10 * 60 * 1000

/** Checks, tags and (with `--push`) publishes a release; throws a {@link CcalError} for anything refused. */
export async function release(argv: readonly string[], io: ReleaseIo): Promise<void> {
  const options = parseReleaseArgs(argv)
  const git = createGit({ cwd: await repositoryRoot(io.cwd) })
  const state = await readRepoState(git)
  const problems = refusals(options, state)
  if (problems.length > 0) throw new ReleaseRefusedError(problems)
  io.out(
    `v${options.version.text}: ${state.head.slice(0, 7)} on ${releaseBranch(options, state)} passes the checks`
  )

  await checkGeneratedFilesFresh(git, createProcessRunner(), options, io)

  const plan = planTags(options.version, state.localTags, state.remote?.tags ?? [])
  const section = changelogSection(state.changelog ?? '', options.version.text) ?? ''
  const verb = options.dryRun ? 'would create' : 'creating'
  io.out(
    `${verb} annotated tag ${plan.releaseTag} at ${state.head.slice(0, 7)}, its message from CHANGELOG.md`
  )
  io.out(plan.major.reason)
  if (options.dryRun) {
    io.out(`dry run: nothing was tagged or pushed; ${options.push ? 'it would run' : 'publish with'}:`)
    for (const command of pushCommands(plan)) io.out(`  ${command.join(' ')}`)
    return
  }

  await writeTags(git, options, plan, section)
  if (options.push) await pushTags(git, plan, io)
  else {
    io.out('publish with:')
    for (const command of pushCommands(plan)) io.out(`  ${command.join(' ')}`)
  }
}

async function repositoryRoot(cwd: string): Promise<string> {
  const result = await createGit({ cwd }).exec(['rev-parse', '--show-toplevel'])
  if (result.exitCode !== 0)
    throw new ReleaseRefusedError([
      `${cwd} is not inside a git repository: run the release from the project's clone`
    ])
  return result.stdout.trim()
}

/** Everything the checks look at, read once. */
async function readRepoState(git: Git): Promise<RepoState> {
  const [status, branch, head, remote, localTags] = await Promise.all([
    git.run(['status', '--porcelain', '--untracked-files=all']),
    git.exec(['symbolic-ref', '--quiet', '--short', 'HEAD']),
    git.run(['rev-parse', 'HEAD']),
    git.exec(['ls-remote', '--symref', 'origin', 'HEAD', 'refs/heads/*', 'refs/tags/*']),
    git.run(['for-each-ref', '--format=%(refname:strip=2)%09%(objectname)%09%(*objectname)', 'refs/tags'])
  ])
  return {
    uncommitted: status.split('\n').filter(line => line.trim() !== ''),
    branch: branch.exitCode === 0 ? branch.stdout.trim() : null,
    head: head.trim(),
    remote: remote.exitCode === 0 ? parseLsRemote(remote.stdout) : null,
    originError:
      remote.exitCode === 0 ? null : firstLine(remote.stderr) || `git ls-remote exited ${remote.exitCode}`,
    versionSources: readVersionSources(git.cwd),
    changelog: readText(join(git.cwd, 'CHANGELOG.md')),
    localTags: parseLocalTags(localTags)
  }
}

function parseLocalTags(output: string): TagRef[] {
  return output
    .split('\n')
    .filter(line => line !== '')
    .map(line => {
      const [name = '', object = '', peeled = ''] = line.split('\t')
      return { name, commit: peeled || object }
    })
}

/**
 * The files that state CCAL's version: package.json always; package-lock.json (both of its fields)
 * and src/version.ts, which the bundle prints, when present.
 */
function readVersionSources(root: string): VersionSource[] {
  const sources: VersionSource[] = []
  const pkg = readJson(join(root, 'package.json'))
  sources.push({ file: 'package.json', version: stringField(pkg?.version) })
  const lock = readJson(join(root, 'package-lock.json'))
  if (lock) {
    sources.push({ file: 'package-lock.json', version: stringField(lock.version) })
    const packages = lock.packages as Record<string, { version?: unknown }> | undefined
    if (packages?.[''])
      sources.push({ file: 'package-lock.json (packages[""])', version: stringField(packages[''].version) })
  }
  const versionModule = readText(join(root, 'src/version.ts'))
  if (versionModule !== null)
    sources.push({
      file: 'src/version.ts',
      version: /CCAL_VERSION\s*=\s*['"]([^'"]+)['"]/.exec(versionModule)?.[1] ?? null
    })
  return sources
}

/**
 * Rebuilds `dist/` and the generated documents and refuses when that changed any committed file: the
 * tag must name a commit whose `dist/` is what its sources build. A real run leaves the rebuilt files
 * for the maintainer to commit; a dry run puts the tree back as it was (it was clean before).
 */
async function checkGeneratedFilesFresh(
  git: Git,
  runner: CommandRunner,
  options: ReleaseOptions,
  io: ReleaseIo
) {
  for (const step of BUILD_STEPS) {
    io.out(`rebuilding: ${step.join(' ')}`)
    const result = await runner.run(step, { cwd: git.cwd, timeoutMs: BUILD_TIMEOUT_MS })
    if (result.exitCode !== 0) {
      const said = errorLine(result.stderr) || errorLine(result.stdout)
      throw new ReleaseRefusedError([
        `'${step.join(' ')}' failed (exit ${result.exitCode}${said ? `: ${said}` : ''}): fix the build, commit and push, then release`
      ])
    }
  }
  const changed = await changedFiles(git, GENERATED_PATHS)
  if (changed.length === 0) return
  // A bundle that changed is often dozens of chunks: the first few say enough.
  const more = changed.length > 8 ? ` and ${changed.length - 8} more` : ''
  const files = `${changed
    .slice(0, 8)
    .map(file => file.path)
    .join(', ')}${more}`
  if (options.dryRun) {
    await restore(git, changed)
    throw new ReleaseRefusedError([
      `the generated files are stale, rebuilding changed ${files}: run 'npm run bundle && npm run schema', commit and push the result, then release (the dry run put them back)`
    ])
  }
  throw new ReleaseRefusedError([
    `the generated files are stale, rebuilding changed ${files}: commit and push the rebuilt files (left in your working tree), then release`
  ])
}

interface ChangedFile {
  readonly path: string
  readonly untracked: boolean
}

async function changedFiles(git: Git, paths: readonly string[]): Promise<ChangedFile[]> {
  // -z: paths come unquoted, whatever characters they hold.
  const output = await git.run(['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths])
  return output
    .split('\0')
    .filter(entry => entry.length > 3)
    .map(entry => ({ path: entry.slice(3), untracked: entry.startsWith('??') }))
}

async function restore(git: Git, files: readonly ChangedFile[]) {
  const tracked = files.filter(file => !file.untracked).map(file => file.path)
  if (tracked.length > 0) await git.run(['checkout', 'HEAD', '--', ...tracked])
  for (const file of files.filter(candidate => candidate.untracked))
    rmSync(join(git.cwd, file.path), { force: true })
}

async function writeTags(git: Git, options: ReleaseOptions, plan: TagPlan, section: string) {
  // verbatim: the default cleanup would drop the section's `### Added` lines as comments.
  await git.run(['tag', '--annotate', '--cleanup=verbatim', '--file=-', plan.releaseTag], {
    input: releaseTagMessage(options.version, section)
  })
  if (plan.major.move)
    await git.run(
      [
        'tag',
        '--force',
        '--annotate',
        '--cleanup=verbatim',
        '--file=-',
        plan.major.tag,
        `${plan.releaseTag}^{commit}`
      ],
      {
        input: `${plan.major.tag}: the newest ${options.version.major}.x release, ${plan.releaseTag}\n`
      }
    )
}

async function pushTags(git: Git, plan: TagPlan, io: ReleaseIo) {
  const commands = pushCommands(plan)
  for (const [index, command] of commands.entries()) {
    io.out(`pushing: ${command.join(' ')}`)
    const result = await git.exec(command.slice(1))
    if (result.exitCode !== 0) {
      const rest = commands
        .slice(index)
        .map(remaining => remaining.join(' '))
        .join(' && ')
      throw new CcalError(
        `'${command.join(' ')}' failed (${firstLine(result.stderr) || `exit ${result.exitCode}`}): the tags exist locally; once origin accepts pushes, run ${rest}`
      )
    }
  }
  io.out(
    `pushed ${plan.releaseTag}${plan.major.move ? ` and ${plan.major.tag}` : ''}: publish the release on GitHub (docs/release.md)`
  )
}

function readText(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null
}

function readJson(path: string): Record<string, unknown> | null {
  const text = readText(path)
  if (text === null) return null
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null
  } catch {
    throw new ReleaseRefusedError([`${path} is not valid JSON: fix it first`])
  }
}

function stringField(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? ''
}

/** The line of a failed build's output that says what failed: the last naming an error, else the last. */
function errorLine(text: string): string {
  // Node ends an uncaught error's report with its own version, which says nothing about the failure.
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !/^Node\.js v\d/.test(line))
  return lines.findLast(line => /error/i.test(line)) ?? lines.at(-1) ?? ''
}
