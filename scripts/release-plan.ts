/**
 * The decisions of `npm run release -- X.Y.Z`, kept free of effects so each can be tested on its own:
 * reading the command line, semantic versions and their order, the CHANGELOG section that becomes the
 * tag's message, what `git ls-remote` says about origin, which checks refuse the release, and which
 * tags to create or move. `scripts/release-run.ts` gathers the facts and carries the plan out.
 */
import { CcalError, UsageError } from '../src/util/errors.js'

/** A semantic version as the release accepts it: `MAJOR.MINOR.PATCH` with an optional `-prerelease`. */
export interface Version {
  readonly major: number
  readonly minor: number
  readonly patch: number
  /** The dot-separated prerelease identifiers (`rc.1` → `['rc', '1']`); empty for a release. */
  readonly prerelease: readonly string[]
  /** The version as written, without a `v`. */
  readonly text: string
}

/** A release the checks refused: one line per problem, each naming what is wrong and what to do. */
export class ReleaseRefusedError extends CcalError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

const NUMBER = '(0|[1-9]\\d*)'
const IDENTIFIER = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)'
// Semantic Versioning 2.0.0 without build metadata (a `+build` suffix has no place in a tag name that
// users pin): numbers without leading zeros, prerelease identifiers that are numbers without leading
// zeros or alphanumerics.
const VERSION = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?$`)

/** Parses `1.2.3` or `1.2.3-rc.1`; null for anything else (`v1.2.3`, `1.2`, `01.2.3`, `1.2.3+build`). */
export function parseVersion(text: string): Version | null {
  const match = VERSION.exec(text)
  if (!match) return null
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ? match[4].split('.') : [],
    text
  }
}

/** The version a tag names (`v1.2.3` → 1.2.3); null for tags that are not version tags (`v1`, `latest`). */
export function tagVersion(tag: string): Version | null {
  return tag.startsWith('v') ? parseVersion(tag.slice(1)) : null
}

/** True when the version has prerelease identifiers (`1.2.3-rc.1`). */
export function isPrerelease(version: Version): boolean {
  return version.prerelease.length > 0
}

/** Semantic Versioning precedence: negative when `a` comes before `b`, 0 when equal, positive after. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] - b[key]
  // A release comes after every prerelease of it.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i] as string
    const y = b.prerelease[i] as string
    if (x === y) continue
    const xNumeric = /^\d+$/.test(x)
    const yNumeric = /^\d+$/.test(y)
    if (xNumeric && yNumeric) return Number(x) - Number(y)
    // Numeric identifiers come before alphanumeric ones; alphanumerics compare in ASCII order.
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1
    return x < y ? -1 : 1
  }
  return a.prerelease.length - b.prerelease.length
}

/** What the command line asked for. */
export interface ReleaseOptions {
  readonly version: Version
  /** Push the tags to origin (otherwise the push commands are printed). */
  readonly push: boolean
  /** Check and say what would happen, but write nothing. */
  readonly dryRun: boolean
  /** The branch releases are cut from; null means origin's default branch. */
  readonly branch: string | null
}

export const USAGE = 'usage: npm run release -- X.Y.Z[-prerelease] [--push] [--dry-run] [--branch NAME]'

/** Reads the release's arguments; a malformed command line throws {@link UsageError} (exit 2). */
export function parseReleaseArgs(argv: readonly string[]): ReleaseOptions {
  let versionText: string | null = null
  let push = false
  let dryRun = false
  let branch: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--push') push = true
    else if (arg === '--dry-run') dryRun = true
    else if (arg === '--branch' || arg.startsWith('--branch=')) {
      const value = arg === '--branch' ? argv[++i] : arg.slice('--branch='.length)
      if (!value || value.startsWith('-')) throw new UsageError(`--branch needs a branch name (${USAGE})`)
      branch = value
    } else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE)
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} (${USAGE})`)
    else if (versionText !== null)
      throw new UsageError(`one version only, got ${versionText} and ${arg} (${USAGE})`)
    else versionText = arg
  }
  if (versionText === null) throw new UsageError(`which version? ${USAGE}`)
  const version = parseVersion(versionText)
  if (!version) {
    const hint = parseVersion(versionText.replace(/^v/, ''))
      ? `; write it without the v: ${versionText.slice(1)}`
      : ''
    throw new UsageError(
      `'${versionText}' is not a semantic version: expected MAJOR.MINOR.PATCH with an optional -prerelease, e.g. 1.2.3 or 1.2.3-rc.1${hint}`
    )
  }
  return { version, push, dryRun, branch }
}

/**
 * The body of the CHANGELOG.md section for `version`, headed `## [1.2.3]` or `## 1.2.3`, optionally
 * followed by ` - 2025-01-31` (Keep a Changelog): the lines up to the next `## ` heading or the
 * link definitions at the end of the file, trimmed. Null when there is no such heading.
 */
export function changelogSection(changelog: string, version: string): string | null {
  const escaped = version.replace(/[.+]/g, '\\$&')
  const heading = new RegExp(`^## (?:\\[${escaped}\\]|${escaped})(?:\\s+[-–—]\\s+.*)?\\s*$`)
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return null
  const body: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)) break
    body.push(line)
  }
  return body.join('\n').trim()
}

/** A tag and the commit it names (peeled: for an annotated tag, the commit, not the tag object). */
export interface TagRef {
  readonly name: string
  readonly commit: string
}

/** What origin holds, as `git ls-remote --symref origin HEAD 'refs/heads/*' 'refs/tags/*'` prints it. */
export interface RemoteRefs {
  /** The branch origin's HEAD names (its default branch), when origin says. */
  readonly defaultBranch: string | null
  readonly branches: ReadonlyMap<string, string>
  readonly tags: readonly TagRef[]
}

/** Parses `git ls-remote --symref` output (peeled `^{}` lines win over the tag object's sha). */
export function parseLsRemote(output: string): RemoteRefs {
  let defaultBranch: string | null = null
  const branches = new Map<string, string>()
  const tags = new Map<string, string>()
  const peeled = new Set<string>()
  for (const line of output.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line)
    if (symref) {
      defaultBranch = symref[1] as string
      continue
    }
    const [sha, ref] = line.split('\t')
    if (!sha || !ref) continue
    if (ref.startsWith('refs/heads/')) branches.set(ref.slice('refs/heads/'.length), sha)
    else if (ref.startsWith('refs/tags/')) {
      const name = ref.slice('refs/tags/'.length)
      if (name.endsWith('^{}')) {
        tags.set(name.slice(0, -3), sha)
        peeled.add(name.slice(0, -3))
      } else if (!peeled.has(name)) tags.set(name, sha)
    }
  }
  return { defaultBranch, branches, tags: [...tags].map(([name, commit]) => ({ name, commit })) }
}

/** A file that states the project's version, and what it says (null when it says none). */
export interface VersionSource {
  readonly file: string
  readonly version: string | null
}

/** The facts about the repository the checks decide on, gathered by `release-run.ts`. */
export interface RepoState {
  /** `git status --porcelain` lines: anything uncommitted or untracked. */
  readonly uncommitted: readonly string[]
  /** The checked-out branch; null when HEAD is detached. */
  readonly branch: string | null
  readonly head: string
  /** What origin holds; null when it could not be read, with the reason in `originError`. */
  readonly remote: RemoteRefs | null
  readonly originError: string | null
  readonly versionSources: readonly VersionSource[]
  /** CHANGELOG.md's text; null when the file is missing. */
  readonly changelog: string | null
  readonly localTags: readonly TagRef[]
}

/** The branch releases are cut from: `--branch`, else origin's default branch. */
export function releaseBranch(options: ReleaseOptions, state: RepoState): string | null {
  return options.branch ?? state.remote?.defaultBranch ?? null
}

const short = (sha: string) => sha.slice(0, 7)

/**
 * Every reason the release cannot go ahead, one line each, in the order a maintainer would fix them;
 * empty when it can. The build-freshness check runs after these pass (it takes a rebuild).
 */
export function refusals(options: ReleaseOptions, state: RepoState): string[] {
  const problems: string[] = []
  const version = options.version.text
  const tag = `v${version}`

  if (state.uncommitted.length > 0) {
    const shown = state.uncommitted.slice(0, 5).map(line => line.trim())
    const more = state.uncommitted.length > 5 ? `, and ${state.uncommitted.length - 5} more` : ''
    problems.push(
      `the working tree is not clean (${shown.join(', ')}${more}): commit or stash the changes first`
    )
  }

  const branch = releaseBranch(options, state)
  if (state.remote === null)
    problems.push(
      `cannot read origin (${state.originError ?? 'no answer'}): releases are checked against origin`
    )
  else if (branch === null)
    problems.push(`origin does not say which branch is its default: pass --branch NAME`)
  if (branch !== null) {
    if (state.branch === null) problems.push(`HEAD is detached: check out ${branch} first`)
    else if (state.branch !== branch)
      problems.push(
        `HEAD is on branch ${state.branch}, not ${branch}: releases are cut from ${branch} (or pass --branch NAME)`
      )
    const remoteHead = state.remote?.branches.get(branch)
    if (state.remote && remoteHead === undefined)
      problems.push(`origin has no branch ${branch}: push it before releasing`)
    else if (remoteHead !== undefined && remoteHead !== state.head)
      problems.push(
        `HEAD (${short(state.head)}) is not origin's ${branch} (${short(remoteHead)}): push or pull so they match, so the tag names a commit everyone has`
      )
  }

  const disagreeing = state.versionSources.filter(source => source.version !== version)
  if (disagreeing.length > 0) {
    const byVersion = new Map<string, string[]>()
    for (const source of disagreeing) {
      const said = source.version ?? 'nothing'
      byVersion.set(said, [...(byVersion.get(said) ?? []), source.file])
    }
    const found = [...byVersion]
      .map(([said, files]) => `${files.join(', ')} ${files.length === 1 ? 'says' : 'say'} ${said}`)
      .join('; ')
    problems.push(
      `the version is not ${version} everywhere (${found}): run 'npm version ${version} --no-git-tag-version', set CCAL_VERSION in src/version.ts, rebuild, commit and push`
    )
  }

  if (state.changelog === null)
    problems.push(`CHANGELOG.md is missing: add it with a '## [${version}]' section`)
  else {
    const section = changelogSection(state.changelog, version)
    if (section === null)
      problems.push(
        `CHANGELOG.md has no '## [${version}]' section: move the [Unreleased] entries under '## [${version}] - <date>'`
      )
    else if (section === '')
      problems.push(`CHANGELOG.md's '## [${version}]' section is empty: say what changed`)
  }

  const local = state.localTags.find(candidate => candidate.name === tag)
  if (local)
    problems.push(
      `tag ${tag} already exists locally (at ${short(local.commit)}): delete it with 'git tag -d ${tag}' if it is a leftover, or release another version`
    )
  if (state.remote?.tags.some(candidate => candidate.name === tag))
    problems.push(
      `tag ${tag} already exists on origin: a published version never changes, release the next one`
    )
  return problems
}

/** What happens to the major tag (`v1`) and why. */
export type MajorTagDecision =
  | { readonly move: true; readonly tag: string; readonly reason: string }
  | { readonly move: false; readonly tag: string; readonly reason: string }

/** The tags a release writes: the version tag, always, and the major tag's fate with its reason. */
export interface TagPlan {
  readonly releaseTag: string
  readonly major: MajorTagDecision
}

/**
 * Which tags the release writes. `vX.Y.Z` is always created. The major tag `vX` follows the newest
 * release of its major version: it moves to this release unless this is a prerelease (users of `@v1`
 * get only releases) or it already names a newer version, locally or on origin (a fix released for an
 * older minor version must not pull `@v1` users back). No `vX.Y` tag is kept: `@vX` and `@vX.Y.Z` (or
 * a sha) are the two ways GitHub documents, and every moving tag is one more ref to keep right.
 */
export function planTags(
  version: Version,
  localTags: readonly TagRef[],
  remoteTags: readonly TagRef[]
): TagPlan {
  const releaseTag = `v${version.text}`
  const tag = `v${version.major}`
  if (isPrerelease(version))
    return {
      releaseTag,
      major: { move: false, tag, reason: `${releaseTag} is a prerelease: ${tag} stays where it is` }
    }

  const allTags = [...localTags, ...remoteTags]
  const targets = [
    ...new Set(allTags.filter(candidate => candidate.name === tag).map(candidate => candidate.commit))
  ]
  if (targets.length === 0)
    return {
      releaseTag,
      major: { move: true, tag, reason: `${tag} does not exist yet: it is created at ${releaseTag}` }
    }

  const named: string[] = []
  for (const commit of targets) {
    const newest = newestVersionAt(commit, allTags)
    if (newest && compareVersions(newest, version) > 0)
      return {
        releaseTag,
        major: {
          move: false,
          tag,
          reason: `${tag} stays at v${newest.text}, which is newer than ${version.text}`
        }
      }
    named.push(newest ? `v${newest.text}` : `${short(commit)} (no version tag)`)
  }
  return {
    releaseTag,
    major: {
      move: true,
      tag,
      reason: `${tag} moves from ${[...new Set(named)].join(' and ')} to ${releaseTag}`
    }
  }
}

/** The highest version among the version tags that name `commit`. */
function newestVersionAt(commit: string, tags: readonly TagRef[]): Version | null {
  let newest: Version | null = null
  for (const candidate of tags) {
    if (candidate.commit !== commit) continue
    const version = tagVersion(candidate.name)
    if (version && (!newest || compareVersions(version, newest) > 0)) newest = version
  }
  return newest
}

/** The message of the annotated version tag: a title line, then the CHANGELOG section. */
export function releaseTagMessage(version: Version, section: string): string {
  return `v${version.text}\n\n${section}\n`
}

/** The commands that publish the plan's tags, exactly as `--push` runs them. */
export function pushCommands(plan: TagPlan): string[][] {
  const commands = [['git', 'push', 'origin', `refs/tags/${plan.releaseTag}`]]
  if (plan.major.move) commands.push(['git', 'push', '--force', 'origin', `refs/tags/${plan.major.tag}`])
  return commands
}
