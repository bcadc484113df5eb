/**
 * `npm run release -- X.Y.Z`, run as a maintainer runs it (the real script, with tsx) in a scratch
 * clone whose `origin` is a bare repository. The scratch project's `bundle` and `schema` scripts copy
 * a source file into dist/ and config/, so the freshness check rebuilds for real in milliseconds.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  changelogSection,
  compareVersions,
  parseVersion,
  planTags,
  type Version
} from '../scripts/release-plan.js'
import { createTestRepos, git, GIT_TEST_ENV, type TestRepos } from './support/repos.js'

const root = join(import.meta.dirname, '..')
const tsx = join(root, 'node_modules/.bin/tsx')
const script = join(root, 'scripts/release.ts')

const CHANGELOG = (version: string) => `# Changelog

## [Unreleased]

## [${version}] - 2025-06-01

### Added

- The thing people asked for.

## [0.9.0] - 2025-01-01

- Earlier things.

[${version}]: https://example.com/compare/v0.9.0...v${version}
`

const project = (version: string): Record<string, string> => ({
  'package.json': `${JSON.stringify({ name: 'fixture', version, private: true, scripts: { bundle: 'node build.mjs', schema: 'node schema.mjs' } }, null, 2)}\n`,
  'src/version.ts': `export const CCAL_VERSION = '${version}'\n`,
  'CHANGELOG.md': CHANGELOG(version)
})

const INITIAL: Record<string, string> = {
  ...project('1.2.3'),
  'build.mjs': "import { cpSync } from 'node:fs'\ncpSync('src/index.js', 'dist/index.js')\n",
  'schema.mjs': "import { cpSync } from 'node:fs'\ncpSync('src/schema.json', 'config/ccal.schema.json')\n",
  'src/index.js': "console.log('hello')\n",
  'dist/index.js': "console.log('hello')\n",
  'src/schema.json': '{}\n',
  'config/ccal.schema.json': '{}\n'
}

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

/** Runs the release script in `cwd`, as `npm run release -- …` would. */
async function release(cwd: string, ...args: string[]): Promise<Outcome> {
  // The test process's --experimental-vm-modules is Jest's business, not the script's.
  const { NODE_OPTIONS: _, ...env } = process.env
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [script, ...args], {
      cwd,
      env: { ...env, ...GIT_TEST_ENV },
      encoding: 'utf8'
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

let repos: TestRepos
let work: string
beforeEach(() => {
  repos = createTestRepos(INITIAL)
  work = repos.work
})
afterEach(() => repos.cleanup())

/** Commits files on main and pushes them, as a merged pull request would land. */
function land(files: Record<string, string>, message = 'change'): string {
  const sha = repos.commitFiles(work, files, message)
  git(work, 'push', '--quiet', 'origin', 'main')
  return sha
}

const head = () => git(work, 'rev-parse', 'HEAD')
const commitOf = (dir: string, ref: string) => git(dir, 'rev-parse', `${ref}^{commit}`)
const localTags = () => git(work, 'tag', '--list').split('\n').filter(Boolean)
const originTags = () => git(repos.origin, 'tag', '--list').split('\n').filter(Boolean)

/** Tags the current HEAD as an earlier release, on origin too (as a previous release left them). */
function tagPrevious(version: string, major = `v${version.split('.')[0]}`) {
  git(work, 'tag', '--annotate', '--message', `v${version}`, `v${version}`)
  git(work, 'tag', '--force', major)
  git(work, 'push', '--quiet', '--force', 'origin', `refs/tags/v${version}`, `refs/tags/${major}`)
}

describe('npm run release', () => {
  it('creates the annotated version tag with its CHANGELOG section and the major tag at the same commit', async () => {
    const outcome = await release(work, '1.2.3')

    expect(outcome).toMatchObject({ code: 0, stderr: '' })
    expect(localTags()).toEqual(['v1', 'v1.2.3'])
    expect(commitOf(work, 'v1.2.3')).toBe(head())
    expect(commitOf(work, 'v1')).toBe(head())
    expect(git(work, 'cat-file', '-p', 'v1.2.3')).toContain(
      'v1.2.3\n\n### Added\n\n- The thing people asked for.'
    )
    expect(outcome.stdout).toContain('git push origin refs/tags/v1.2.3')
    expect(outcome.stdout).toContain('git push --force origin refs/tags/v1')
    expect(originTags()).toEqual([])
  })

  it('moves the major tag forward from the previous release', async () => {
    tagPrevious('1.2.2')
    const previous = head()
    land(project('1.3.0'), 'release 1.3.0')

    const outcome = await release(work, '1.3.0')

    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('v1 moves from v1.2.2 to v1.3.0')
    expect(commitOf(work, 'v1')).toBe(head())
    expect(commitOf(work, 'v1.2.2')).toBe(previous)
  })

  it('tags a prerelease but leaves the major tag where it is', async () => {
    tagPrevious('1.2.2')
    const previous = head()
    land(project('1.3.0-rc.1'), 'release candidate')

    const outcome = await release(work, '1.3.0-rc.1')

    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('v1.3.0-rc.1 is a prerelease: v1 stays where it is')
    expect(commitOf(work, 'v1.3.0-rc.1')).toBe(head())
    expect(commitOf(work, 'v1')).toBe(previous)
    expect(outcome.stdout).not.toContain('refs/tags/v1\n')
  })

  it('never moves the major tag back to an older release, even when only origin has the newer one', async () => {
    tagPrevious('1.4.0')
    const newer = head()
    git(work, 'tag', '--delete', 'v1', 'v1.4.0')
    land(project('1.3.1'), 'fix for 1.3')

    const outcome = await release(work, '1.3.1', '--push')

    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('v1 stays at v1.4.0, which is newer than 1.3.1')
    expect(commitOf(repos.origin, 'v1.3.1')).toBe(head())
    expect(commitOf(repos.origin, 'v1')).toBe(newer)
    expect(localTags()).toEqual(['v1.3.1'])
  })

  it('--push puts the version tag and the moved major tag on origin', async () => {
    tagPrevious('1.2.2')
    land(project('1.3.0'), 'release 1.3.0')

    const outcome = await release(work, '1.3.0', '--push')

    expect(outcome.code).toBe(0)
    expect(commitOf(repos.origin, 'v1.3.0')).toBe(head())
    expect(commitOf(repos.origin, 'v1')).toBe(head())
    expect(git(repos.origin, 'cat-file', '-t', 'v1.3.0')).toBe('tag')
  })

  it('--dry-run checks and says what it would do, and tags and pushes nothing', async () => {
    const outcome = await release(work, '1.2.3', '--dry-run', '--push')

    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('would create annotated tag v1.2.3')
    expect(outcome.stdout).toContain('git push --force origin refs/tags/v1')
    expect(localTags()).toEqual([])
    expect(originTags()).toEqual([])
    expect(git(work, 'status', '--porcelain')).toBe('')
  })

  it('refuses stale generated files, names them, and tags nothing', async () => {
    land({ 'src/index.js': "console.log('changed')\n" }, 'change the source, forget the bundle')

    const outcome = await release(work, '1.2.3')

    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toMatch(
      /^release: the generated files are stale, rebuilding changed dist\/index.js: commit/
    )
    expect(localTags()).toEqual([])
    // The rebuilt file is left for the maintainer to commit.
    expect(git(work, 'status', '--porcelain')).toBe('M dist/index.js')
  })

  it('refuses stale generated files in a dry run too, and puts the tree back', async () => {
    land({ 'src/schema.json': '{ "type": "object" }\n' }, 'change the settings, forget the schema')

    const outcome = await release(work, '1.2.3', '--dry-run')

    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('rebuilding changed config/ccal.schema.json')
    expect(git(work, 'status', '--porcelain')).toBe('')
  })

  it('refuses a working tree with uncommitted or untracked files', async () => {
    writeFileSync(join(work, 'notes.txt'), 'scratch\n')

    const outcome = await release(work, '1.2.3')

    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toBe(
      'release: the working tree is not clean (?? notes.txt): commit or stash the changes first\n'
    )
    expect(localTags()).toEqual([])
  })

  it('refuses a version without its CHANGELOG section, and one package.json does not state', async () => {
    land({ 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n- Things.\n' }, 'no section')

    const outcome = await release(work, '1.2.4')

    expect(outcome.code).toBe(1)
    const lines = outcome.stderr.trim().split('\n')
    expect(lines).toEqual([
      expect.stringContaining('the version is not 1.2.4 everywhere (package.json, src/version.ts say 1.2.3)'),
      expect.stringContaining("CHANGELOG.md has no '## [1.2.4]' section")
    ])
  })

  it('refuses a version whose tag already exists on origin', async () => {
    git(work, 'tag', 'v1.2.3')
    git(work, 'push', '--quiet', 'origin', 'refs/tags/v1.2.3')
    git(work, 'tag', '--delete', 'v1.2.3')

    const outcome = await release(work, '1.2.3')

    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('tag v1.2.3 already exists on origin')
    expect(localTags()).toEqual([])
  })

  it("refuses a branch other than origin's default, and releases from one named with --branch", async () => {
    git(work, 'checkout', '--quiet', '-b', 'maintenance')
    git(work, 'push', '--quiet', 'origin', 'maintenance')

    const refused = await release(work, '1.2.3')
    const released = await release(work, '1.2.3', '--branch', 'maintenance')

    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('HEAD is on branch maintenance, not main')
    expect(released.code).toBe(0)
    expect(localTags()).toEqual(['v1', 'v1.2.3'])
  })

  it('refuses a commit origin does not have', async () => {
    repos.commitFiles(work, { 'src/other.js': '1\n' }, 'not pushed')

    const outcome = await release(work, '1.2.3')

    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toMatch(/HEAD \(\w{7}\) is not origin's main \(\w{7}\): push or pull/)
  })

  it('answers a malformed version with one line and exit 2', async () => {
    const outcome = await release(work, 'v1.2')

    expect(outcome.code).toBe(2)
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1)
    expect(outcome.stderr).toContain("'v1.2' is not a semantic version")
  })
})

describe('release decisions', () => {
  const v = (text: string) => parseVersion(text) as Version

  it('accepts strict semantic versions only', () => {
    expect(['1.2.3', '0.0.0', '10.20.30', '1.0.0-rc.1', '1.0.0-alpha-1.x'].map(parseVersion)).not.toContain(
      null
    )
    expect(
      ['v1.2.3', '1.2', '01.2.3', '1.2.3+build', '1.2.3-', '1.2.3-01', ' 1.2.3'].map(parseVersion)
    ).toEqual(Array(7).fill(null))
  })

  it('orders versions by Semantic Versioning precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0'
    ]
    const shuffled = [...ordered].reverse()
    expect(shuffled.sort((a, b) => compareVersions(v(a), v(b)))).toEqual(ordered)
  })

  it('reads a section headed ## 1.2.3 as well as ## [1.2.3] - date, up to the next section', () => {
    const text = '## 1.2.3\n\n- Fixed.\n\n## [1.2.2] - 2025-01-01\n\n- Older.\n'
    expect(changelogSection(text, '1.2.3')).toBe('- Fixed.')
    expect(changelogSection(text, '1.2.2')).toBe('- Older.')
    expect(changelogSection(text, '1.2')).toBeNull()
  })

  it('creates a missing major tag and moves one that names an untagged commit', () => {
    expect(planTags(v('2.0.0'), [], []).major).toMatchObject({ move: true, tag: 'v2' })
    expect(planTags(v('2.0.1'), [{ name: 'v2', commit: 'abcdef0123' }], []).major).toMatchObject({
      move: true,
      reason: 'v2 moves from abcdef0 (no version tag) to v2.0.1'
    })
  })
})
