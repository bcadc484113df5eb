/**
 * The npm package as an operator gets it: `npm pack` of the committed dist/ (nothing is rebuilt),
 * `npm install -g` of the tarball into a temporary prefix with no network, and the installed `ccal`
 * bin run from there — its version, a config check and a dry-run cycle against the GitHub emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { GIT_TEST_ENV } from '../support/repos.js'
import { OWNER, REPO, REPO_ROOT, TOKEN, createWorld, type World } from '../support/world.js'

interface PackedFile {
  path: string
}
interface PackResult {
  name: string
  version: string
  filename: string
  files: PackedFile[]
  dependencies?: unknown
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
  bin: Record<string, string>
  dependencies?: Record<string, string>
}

let temp: string
let prefix: string
let packed: PackResult
let installOutput: string

/** An environment with none of this shell's npm, GitHub or CCAL settings: node first on PATH. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: join(temp, 'home'),
    npm_config_cache: join(temp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    ...extra
  }
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 })
}

/** Runs the installed bin (by its path in the prefix) and resolves with its exit code and output. */
function ccal(
  args: string[],
  cwd: string,
  env: Record<string, string> = {}
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(prefix, 'bin', 'ccal'), args, { cwd, env: cleanEnv(env) })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise(done => child.on('close', status => done({ status, stdout, stderr })))
}

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'ccal-package-'))
  prefix = join(temp, 'prefix')
  const [result] = JSON.parse(
    npm(['pack', '--ignore-scripts', '--json', '--pack-destination', temp], REPO_ROOT)
  ) as PackResult[]
  packed = result!
  // --offline: the package has nothing to fetch, so the install must not need the registry.
  installOutput = npm(
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--offline',
      '--no-audit',
      '--no-fund',
      join(temp, packed.filename)
    ],
    temp
  )
}, 90_000)
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('the packed package', () => {
  it('is named and versioned as package.json says, with the ccal bin', () => {
    expect(packed.name).toBe(manifest.name)
    expect(packed.version).toBe(manifest.version)
    expect(manifest.bin).toEqual({ ccal: 'dist/cli/index.js' })
  })

  it('carries the CLI bundle and the operator files, and none of the sources, tests or the action bundle', () => {
    const paths = packed.files.map(file => file.path)

    expect(paths).toEqual(expect.arrayContaining(['dist/cli/index.js', 'dist/cli/package.json', 'README.md']))
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'dist/cli/licenses.txt']))
    expect(paths).toEqual(
      expect.arrayContaining(['docs/deploy.md', 'docs/deploy/ccal.service', 'docs/deploy/ccal.env.example'])
    )
    const unexpected = paths.filter(
      path =>
        !/^(dist\/cli\/|docs\/deploy\/)/.test(path) &&
        !/^(README\.md|LICENSE|CHANGELOG\.md|package\.json|docs\/deploy\.md)$/.test(path)
    )
    expect(unexpected).toEqual([])
  })

  it('depends on nothing: the bundle is self-contained, so an install fetches no package', () => {
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(installOutput).toMatch(/added 1 package/)
    expect(existsSync(join(prefix, 'lib', 'node_modules', manifest.name, 'node_modules'))).toBe(false)
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual([manifest.name])
  })
})

describe('ccal installed globally from the tarball', () => {
  let world: World | undefined
  afterAll(async () => world?.cleanup())

  it('prints its version', async () => {
    const result = await ccal(['--version'], temp)

    expect(result.stderr).toBe('')
    expect(result.stdout.trim()).toBe(manifest.version)
    expect(result.status).toBe(0)
  })

  it("validates a repository's config, and runs a dry-run cycle against the emulator that plans the labelled issue", async () => {
    world = await createWorld()

    const validated = await ccal(['config', 'validate'], world.sandbox.dir)
    const dryRun = await ccal(['run', '--once', '--dry-run', '--json'], world.sandbox.dir, {
      ...(GIT_TEST_ENV as Record<string, string>),
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: world.gh.url,
      GITHUB_GRAPHQL_URL: `${world.gh.url}/graphql`,
      CCAL_WORKSPACE_DIRECTORY: join(temp, 'work')
    })

    expect(validated.stdout.trim()).toBe('.github/ccal.yml: valid')
    expect(validated.status).toBe(0)
    expect(dryRun.stderr).not.toMatch(/\[error\]/)
    expect(dryRun.status).toBe(0)
    const report = JSON.parse(dryRun.stdout) as {
      dryRun: boolean
      repository: string
      plan: { picked: Array<{ title: string }> }
    }
    expect(report.dryRun).toBe(true)
    expect(report.repository).toBe(`${OWNER}/${REPO}`)
    expect(report.plan.picked.map(decision => decision.title)).toEqual(['Resolve issue #1'])
    // A dry run opens nothing and writes no ledger.
    expect(world.gh.state.pulls()).toHaveLength(0)
    expect(world.ledgerItems()).toEqual([])
  })
})
