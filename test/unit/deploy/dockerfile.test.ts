/**
 * docs/deploy/Dockerfile read as Docker reads it, since there is no Docker daemon to build it with:
 * a pinned slim base, a non-root user, a health check, the volumes, the Claude Code version of
 * package.json, and every file it copies present in the repository and let in by .dockerignore.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SettingsSchema } from '../../../src/config/schema.js'

const ROOT = join(import.meta.dirname, '../../..')
const DOCKERFILE = 'docs/deploy/Dockerfile'

interface Instruction {
  keyword: string
  args: string
  line: number
}

/** The instructions of a Dockerfile: comments dropped, backslash continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = []
  let pending: { text: string; line: number } | undefined
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (!pending && (line === '' || line.startsWith('#'))) return
    if (pending && line.startsWith('#')) return
    const continued = line.endsWith('\\')
    const part = continued ? line.slice(0, -1).trim() : line
    pending = pending ? { ...pending, text: `${pending.text} ${part}` } : { text: part, line: index + 1 }
    if (continued) return
    const match = /^(\S+)\s*(.*)$/.exec(pending.text)!
    instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: pending.line })
    pending = undefined
  })
  return instructions
}

/** The sources of a COPY (flags such as --chmod dropped; JSON or plain form), unless it copies from a stage. */
function copySources(args: string): string[] | undefined {
  const words = args.trim().startsWith('[')
    ? (JSON.parse(args) as string[])
    : args.split(/\s+/).filter(word => !word.startsWith('--') || /^--from=/.test(word))
  if (words.some(word => word.startsWith('--from='))) return undefined
  return words.slice(0, -1)
}

/** Whether .dockerignore (`*` then `!path` exceptions, in order) lets `path` into the build context. */
function inContext(path: string, rules: string[]): boolean {
  let included = true
  for (const rule of rules) {
    const negated = rule.startsWith('!')
    const pattern = (negated ? rule.slice(1) : rule).replace(/\/$/, '')
    const matches = pattern === '*' || path === pattern || path.startsWith(`${pattern}/`)
    if (matches) included = negated
  }
  return included
}

const text = readFileSync(join(ROOT, DOCKERFILE), 'utf8')
const instructions = parseDockerfile(text)
const of = (keyword: string) => instructions.filter(instruction => instruction.keyword === keyword)
const ignoreRules = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map(line => line.trim())
  .filter(line => line && !line.startsWith('#'))

describe('the Dockerfile', () => {
  it('builds every stage from node:24-bookworm-slim, pinned by tag', () => {
    const bases = of('FROM').map(instruction => instruction.args.split(/\s+/)[0])

    expect(bases.length).toBeGreaterThan(0)
    expect(new Set(bases)).toEqual(new Set(['node:24-bookworm-slim']))
  })

  it('installs git, bubblewrap, CA certificates and tini with apt', () => {
    const apt = of('RUN').find(instruction => instruction.args.includes('apt-get install'))

    for (const name of ['git', 'bubblewrap', 'ca-certificates', 'tini'])
      expect(apt?.args.split(/\s+/)).toContain(name)
  })

  it('pins the Claude Code version package.json tests against, which is also the settings default', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>
    }
    const arg = of('ARG').find(instruction => instruction.args.startsWith('CLAUDE_CODE_VERSION='))

    expect(arg?.args).toBe(`CLAUDE_CODE_VERSION=${manifest.devDependencies['@anthropic-ai/claude-code']}`)
    expect(arg?.args).toBe(`CLAUDE_CODE_VERSION=${SettingsSchema.parse({}).claude.version}`)
    expect(text).toContain('"@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}"')
  })

  it('installs the packed ccal tarball globally, without the network', () => {
    const install = of('RUN').find(instruction => instruction.args.startsWith('npm install --global'))

    expect(of('RUN').some(instruction => instruction.args.startsWith('npm pack'))).toBe(true)
    expect(install?.args).toMatch(/npm install --global --offline .*\/tmp\/ccal\.tgz/)
  })

  it('runs as the non-root user ccal, in its home', () => {
    const users = of('USER')

    expect(users.at(-1)?.args).toBe('ccal')
    expect(
      of('RUN').some(instruction => /useradd .*--home-dir \/home\/ccal .*ccal$/.test(instruction.args))
    ).toBe(true)
    // Nothing after the switch runs as root again.
    const last = instructions.lastIndexOf(users.at(-1)!)
    expect(instructions.slice(last).filter(instruction => instruction.keyword === 'USER')).toHaveLength(1)
  })

  it('checks health through /healthz, and starts the daemon through the entry point script under tini', () => {
    expect(of('HEALTHCHECK')).toHaveLength(1)
    expect(of('HEALTHCHECK')[0]!.args).toMatch(/CMD \["ccal-entrypoint", "healthcheck"\]$/)
    expect(of('ENTRYPOINT').map(instruction => JSON.parse(instruction.args))).toEqual([
      ['tini', '--', 'ccal-entrypoint']
    ])
    expect(text).toContain('COPY --chmod=0755 docs/deploy/entrypoint.sh /usr/local/bin/ccal-entrypoint')
    expect(readFileSync(join(ROOT, 'docs/deploy/entrypoint.sh'), 'utf8')).toContain('/healthz')
  })

  it("keeps HOME (Claude Code's login) and the work directory on volumes", () => {
    const volumes = of('VOLUME').flatMap(instruction => JSON.parse(instruction.args) as string[])

    expect(volumes).toEqual(expect.arrayContaining(['/home/ccal', '/home/ccal/.cache/ccal']))
  })

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const sources = of('COPY').flatMap(instruction => copySources(instruction.args) ?? [])

    expect(sources.length).toBeGreaterThan(0)
    for (const source of sources) {
      const path = source.replace(/^\.\//, '').replace(/\/$/, '')
      expect({ source, exists: existsSync(join(ROOT, path)) }).toEqual({ source, exists: true })
      expect({ source, inContext: inContext(path, ignoreRules) }).toEqual({ source, inContext: true })
    }
    expect(statSync(join(ROOT, 'docs/deploy/entrypoint.sh')).mode & 0o111).not.toBe(0)
  })

  it('packs in its first stage every file the npm package holds', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }
    const copied = of('COPY')
      .flatMap(instruction => copySources(instruction.args) ?? [])
      .map(source => source.replace(/\/$/, ''))

    for (const file of [...manifest.files, 'package.json', 'README.md', 'LICENSE'])
      expect(copied).toContain(file.replace(/\/$/, ''))
  })

  it('lets into the build context no more than the npm package holds', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }
    const allowed = ignoreRules
      .filter(rule => rule.startsWith('!'))
      .map(rule => rule.slice(1).replace(/\/$/, ''))
    const packaged = [
      ...manifest.files.map(file => file.replace(/\/$/, '')),
      'package.json',
      'README.md',
      'LICENSE'
    ]

    expect(ignoreRules[0]).toBe('*')
    for (const path of allowed) expect(packaged).toContain(path)
    expect(inContext('src/cli.ts', ignoreRules)).toBe(false)
    expect(inContext('node_modules/yaml/package.json', ignoreRules)).toBe(false)
  })
})
