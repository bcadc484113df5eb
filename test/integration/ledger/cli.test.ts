import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import type { CliIo } from '../../../src/cli/io.js'
import { runCli } from '../../../src/cli/program.js'
import { GIT_TEST_ENV, createTestRepos, git, type TestRepos } from '../../support/repos.js'
import { SCHEMA_VERSION } from '../../../src/ledger/schema.js'

const run = promisify(execFile)
let repos: TestRepos

beforeEach(() => {
  repos = createTestRepos()
})

afterEach(() => {
  repos.cleanup()
})

/** Runs `ccal …` in-process in the test repository's working clone and captures what it prints. */
function ccal(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return ccalIn(repos.work, ...args)
}

/** Runs `ccal …` in-process in `cwd` and captures what it prints. */
async function ccalIn(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: text => out.push(text),
    stderr: text => err.push(text),
    cwd,
    env: { ...process.env, ...GIT_TEST_ENV, GITHUB_TOKEN: '', GH_TOKEN: '' }
  }
  const code = await runCli(args, io)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('ccal ledger', () => {
  it('adds a manual item and shows it under pending, as text and as JSON', async () => {
    const added = await ccal(
      'ledger',
      'add',
      '--title',
      'Document the ledger',
      '--priority',
      '2',
      '--type',
      'issue',
      '--description',
      'docs/ledger.md'
    )

    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(
      /^added [0-9a-f]{12} 'Document the ledger' to ledger 'ccal-ledger' \(commit [0-9a-f]{7}\)$/
    )
    const shown = await ccal('ledger', 'show')
    expect(shown.stdout).toContain('Pending (1)')
    expect(shown.stdout).toMatch(/[0-9a-f]{12} {2}P2 {2}issue +Document the ledger/)
    expect(shown.stdout).toContain('Budget: $0.00 spent today')
    const json = JSON.parse((await ccal('ledger', 'show', '--json')).stdout)
    expect(json.counts.pending).toBe(1)
    expect(json.items.pending[0]).toMatchObject({ title: 'Document the ledger', priority: 2, type: 'issue' })
    expect(json.budget.spentTodayUsd).toBe(0)
  })

  it('works from another directory with --repo and on another branch with --branch', async () => {
    const clone = repos.clone()

    const added = await ccalIn(
      tmpdir(),
      'ledger',
      'add',
      '--title',
      'elsewhere',
      '--repo',
      clone,
      '--branch',
      'my-ledger'
    )

    expect(added.code).toBe(0)
    expect(git(repos.origin, 'ls-tree', '--name-only', 'my-ledger')).toContain('state.json')
  })

  it('rejects bad input with one clear line', async () => {
    const result = await ccal('ledger', 'add', '--title', 'x', '--priority', '7')

    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      "ccal ledger: --priority must be a whole number from 1 (most urgent) to 5; got '7'"
    )
    expect(git(repos.origin, 'branch', '--list', 'ccal-ledger')).toBe('')
  })

  it('exports the whole ledger as JSON, verifies it and lists its log', async () => {
    await ccal('ledger', 'add', '--title', 'one')
    await ccal('ledger', 'add', '--title', 'two')

    const exported = JSON.parse((await ccal('ledger', 'export', '--json')).stdout)
    const verified = await ccal('ledger', 'verify')
    const logged = await ccal('ledger', 'log', exported.items[0].id)

    expect(exported.items.map((item: { title: string }) => item.title).sort()).toEqual(['one', 'two'])
    expect(exported.state.schemaVersion).toBe(SCHEMA_VERSION)
    expect(exported.commit).toBe(git(repos.origin, 'rev-parse', 'ccal-ledger'))
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/is valid: 2 items/) })
    expect(logged.stdout.split('\n')).toHaveLength(1)
    expect(logged.stdout).toContain(`add manual ${exported.items[0].id}`)
  })

  it('prints the at-a-glance status', async () => {
    await ccal('ledger', 'add', '--title', 'queued')

    const status = await ccal('status')

    expect(status.code).toBe(0)
    expect(status.stdout).toContain('Queue: 1 pending, 0 in progress, 0 PRs open')
    expect(status.stdout).toContain('Last cycle: none yet')
    expect(JSON.parse((await ccal('status', '--json')).stdout).counts.pending).toBe(1)
  })

  it('explains a corrupt ledger and restores it from an earlier commit', async () => {
    await ccal('ledger', 'add', '--title', 'precious')
    const good = git(repos.origin, 'rev-parse', 'ccal-ledger')
    const editor = repos.clone()
    git(editor, 'checkout', '--quiet', 'ccal-ledger')
    const bad = repos.commitFiles(editor, { 'state.json': '{ oops' }, 'break it')
    git(editor, 'push', '--quiet', 'origin', 'ccal-ledger')

    const shown = await ccal('ledger', 'show')
    const restored = await ccal('ledger', 'restore', good.slice(0, 10))

    expect(shown.code).toBe(1)
    expect(shown.stderr).toContain(
      `ccal ledger: ledger branch 'ccal-ledger' at ${bad.slice(0, 7)}: state.json: not valid JSON`
    )
    expect(shown.stderr).toContain(`Restore with: ccal ledger restore ${good.slice(0, 12)}`)
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringContaining('restored ledger') })
    expect(git(repos.origin, 'rev-parse', 'ccal-ledger~1')).toBe(bad)
    expect((await ccal('ledger', 'show')).stdout).toContain('precious')
  })
})

describe('ccal ledger add from many processes at once', () => {
  const PROCESSES = 8
  const ADDS_EACH = 50
  let bundleDir: string
  let cli: string

  beforeAll(async () => {
    // Starting the CLI through tsx costs about a second of CPU per process; 400 of them on two
    // cores would take minutes. The same source bundled once starts in a fraction of that.
    bundleDir = mkdtempSync(join(tmpdir(), 'ccal-cli-bundle-'))
    cli = join(bundleDir, 'cli.mjs')
    await build({
      entryPoints: [join(process.cwd(), 'src', 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: cli,
      logLevel: 'warning',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
      }
    })
  })

  afterAll(() => {
    rmSync(bundleDir, { recursive: true, force: true })
  })

  it(`keeps all ${PROCESSES * ADDS_EACH} items when ${PROCESSES} processes each add ${ADDS_EACH}`, async () => {
    const clones = Array.from({ length: PROCESSES }, (_, index) => repos.clone(`runner-${index}`))
    const env = { ...process.env, ...GIT_TEST_ENV, GITHUB_TOKEN: '', GH_TOKEN: '' }

    await Promise.all(
      clones.map(async (clone, worker) => {
        for (let n = 0; n < ADDS_EACH; n += 1) {
          await run(process.execPath, [cli, 'ledger', 'add', '--title', `w${worker}-${n}`, '--repo', clone], {
            env
          })
        }
      })
    )

    const exported = JSON.parse(
      (await run(process.execPath, [cli, 'ledger', 'export', '--json', '--repo', repos.work], { env })).stdout
    )
    const titles = new Set(exported.items.map((item: { title: string }) => item.title))
    expect(titles.size).toBe(PROCESSES * ADDS_EACH)
    expect(exported.state.totals.itemsCreated).toBe(PROCESSES * ADDS_EACH)
    expect(Number(git(repos.origin, 'rev-list', '--count', 'ccal-ledger'))).toBe(PROCESSES * ADDS_EACH)
  }, 600_000)
})
