/** The artifact service holds its callers to the library's generated Twirp types and the token. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { SERVICE, startArtifactService, type ArtifactService } from '../../support/artifact-service/index.js'

let service: ArtifactService
beforeEach(async () => {
  service = await startArtifactService()
})
afterEach(async () => {
  await service.stop({ allowViolations: true })
})

function call(method: string, body: unknown, token = service.runtimeToken) {
  return fetch(`${service.url}twirp/${SERVICE}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
}

const ids = () => ({
  workflow_run_backend_id: service.workflowRunBackendId,
  workflow_job_run_backend_id: service.workflowJobRunBackendId
})

describe('the artifact service', () => {
  it('accepts a CreateArtifactRequest as the library sends it and hands out a signed upload URL', async () => {
    const response = await call('CreateArtifact', { ...ids(), name: 'logs', version: 4 })

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, signed_upload_url: expect.stringContaining('sig=') })
    expect(service.violations()).toEqual([])
  })

  it('refuses a field the generated type does not declare, and records it', async () => {
    const response = await call('CreateArtifact', { ...ids(), name: 'logs', version: 4, retention: 3 })

    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'malformed' })
    expect(service.violations()).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('JSON key: retention') })
    ])
  })

  it('refuses a value of the wrong type', async () => {
    const response = await call('FinalizeArtifact', { ...ids(), name: 'logs', size: 'many' })

    expect(response.status).toBe(400)
    expect(service.violations()[0]?.problem).toContain('FinalizeArtifactRequest')
  })

  it('refuses backend ids that are not the runtime token’s, and a token that is not the runtime token', async () => {
    const wrongIds = await call('CreateArtifact', {
      ...ids(),
      workflow_run_backend_id: 'other',
      name: 'x',
      version: 4
    })
    const wrongToken = await call('CreateArtifact', { ...ids(), name: 'x', version: 4 }, 'not-the-token')

    expect(wrongIds.status).toBe(403)
    expect(wrongToken.status).toBe(401)
    expect(service.violations()).toHaveLength(2)
  })

  it('refuses a method the service does not have', async () => {
    const response = await call('MigrateArtifact', { ...ids(), name: 'x' })

    expect(response.status).toBe(404)
    expect(service.violations()[0]?.problem).toContain('no such Twirp method')
  })

  it('refuses to finalize an artifact whose blob was never committed', async () => {
    await call('CreateArtifact', { ...ids(), name: 'empty', version: 4 })

    const response = await call('FinalizeArtifact', { ...ids(), name: 'empty', size: '0' })

    expect(response.status).toBe(412)
    expect(service.violations()[0]?.problem).toContain('before its blob was committed')
  })

  it('throws from stop() when a violation was recorded', async () => {
    await call('CreateArtifact', { bogus: true })

    await expect(service.stop()).rejects.toThrow(/artifact service recorded 1 violation/)
  })
})
