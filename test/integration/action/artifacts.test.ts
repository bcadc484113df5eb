/**
 * uploadArtifact with the real @actions/artifact client (Twirp JSON, then the Azure storage SDK's
 * block blob upload) over real HTTP, against the local artifact service.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ArtifactUploadError, uploadArtifact } from '../../../src/action/artifacts.js'
import { startArtifactService, type ArtifactService } from '../../support/artifact-service/index.js'

const RUNTIME_VARIABLES = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL'] as const
let service: ArtifactService
let dir: string
let saved: Record<string, string | undefined>

beforeEach(async () => {
  saved = Object.fromEntries(RUNTIME_VARIABLES.map(name => [name, process.env[name]]))
  delete process.env.GITHUB_SERVER_URL
  service = await startArtifactService()
  Object.assign(process.env, service.env)
  dir = mkdtempSync(join(tmpdir(), 'ccal-artifacts-'))
})
afterEach(async () => {
  for (const name of RUNTIME_VARIABLES)
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  rmSync(dir, { recursive: true, force: true })
  await service.stop()
})

function writeFiles(files: Record<string, string>): string[] {
  return Object.entries(files).map(([path, text]) => {
    const full = join(dir, path)
    mkdirSync(join(full, '..'), { recursive: true })
    writeFileSync(full, text)
    return full
  })
}

describe('uploadArtifact', () => {
  it('uploads the files as one zip, named relative to the root directory, with their contents', async () => {
    const big = `${'{"type":"assistant"}\n'.repeat(50_000)}`
    const files = writeFiles({ 'a.jsonl': '{"type":"system"}\n', 'items/b.jsonl': big })

    const uploaded = await uploadArtifact('ccal-transcripts-1-1', files, dir)

    const artifact = service.artifact('ccal-transcripts-1-1')
    expect(artifact).toBeDefined()
    expect(uploaded).toEqual({ name: 'ccal-transcripts-1-1', id: artifact!.id, size: artifact!.blob!.length })
    expect(artifact!.contentType).toBe('zip')
    const entries = artifact!.files().map(entry => ({ name: entry.name, text: entry.data.toString('utf8') }))
    expect(entries).toEqual(
      expect.arrayContaining([
        { name: 'a.jsonl', text: '{"type":"system"}\n' },
        { name: 'items/b.jsonl', text: big }
      ])
    )
    expect(entries).toHaveLength(2)
    expect(service.requests().map(entry => entry.operation)).toEqual([
      'CreateArtifact',
      'block',
      'blocklist',
      'FinalizeArtifact'
    ])
  })

  it('asks for the retention period it is given', async () => {
    const files = writeFiles({ 'a.jsonl': '{}\n' })

    await uploadArtifact('kept-briefly', files, dir, { retentionDays: 3 })

    const expiresAt = service.artifact('kept-briefly')!.expiresAt!.getTime()
    expect(Math.abs(expiresAt - (Date.now() + 3 * 86_400_000))).toBeLessThan(3_600_000)
  })

  it('says in one line that it is not under Actions when the runtime token is missing', async () => {
    const files = writeFiles({ 'a.jsonl': '{}\n' })
    delete process.env.ACTIONS_RUNTIME_TOKEN

    const upload = uploadArtifact('x', files, dir)

    await expect(upload).rejects.toThrow(ArtifactUploadError)
    await expect(upload).rejects.toThrow(
      'cannot upload artifact x: not running under GitHub Actions (no ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL)'
    )
    expect(service.requests()).toEqual([])
  })

  it("turns the service's refusal into one line naming the artifact", async () => {
    const files = writeFiles({ 'a.jsonl': '{}\n' })
    await uploadArtifact('twice', files, dir)

    const error = await uploadArtifact('twice', files, dir).catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(ArtifactUploadError)
    expect((error as Error).message).toMatch(/^could not upload artifact twice: .*\(409\).*already exists/)
    expect((error as Error).message).not.toContain('\n')
  })

  it('refuses a name the service would refuse, before any request', async () => {
    const files = writeFiles({ 'a.jsonl': '{}\n' })

    const error = await uploadArtifact('a/b', files, dir).catch((caught: unknown) => caught)

    expect((error as Error).message).toMatch(
      /^could not upload artifact a\/b: The artifact name is not valid/
    )
    expect((error as Error).message).not.toContain('\n')
    expect(service.requests()).toEqual([])
  })
})
