import { describe, expect, it } from '@jest/globals'
import type { AddressInfo } from 'node:net'
import { healthOf, serveMetrics, type DaemonProgress } from '../../../src/util/metrics.js'

const minute = 60_000
const start = Date.parse('2026-12-01T10:00:00Z')

describe("the daemon's /healthz", () => {
  it('is starting, then ok while cycles end within two intervals, then stale', () => {
    const progress: DaemonProgress = { startedAt: start, intervalMs: 5 * minute, cycles: 0 }

    expect(healthOf(progress, start + minute)).toMatchObject({ status: 200, body: { status: 'starting' } })
    expect(healthOf(progress, start + 11 * minute)).toMatchObject({ status: 503, body: { status: 'stale' } })

    const running = { ...progress, cycles: 3, lastGoodAt: start + 20 * minute }
    expect(healthOf(running, start + 29 * minute)).toEqual({
      status: 200,
      body: { status: 'ok', cycles: 3, intervalSeconds: 300, lastCycleEndedAt: '2026-12-01T10:20:00.000Z' }
    })
    const failing = { ...running, lastError: 'fetch failed' }
    expect(healthOf(failing, start + 31 * minute)).toMatchObject({
      status: 503,
      body: { status: 'stale', lastError: 'fetch failed' }
    })
  })

  it('is served beside /metrics, as JSON with the status code a HEALTHCHECK reads', async () => {
    let progress: DaemonProgress = { startedAt: Date.now() - 20 * minute, intervalMs: 5 * minute, cycles: 0 }
    const server = await serveMetrics(
      0,
      () => 'ccal_up 1\n',
      '127.0.0.1',
      () => healthOf(progress, Date.now())
    )
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const stale = await fetch(`${base}/healthz`)
      expect(stale.status).toBe(503)
      expect(((await stale.json()) as { status: string }).status).toBe('stale')

      progress = { ...progress, cycles: 1, lastGoodAt: Date.now() }
      const ok = await fetch(`${base}/healthz`)
      expect(ok.status).toBe(200)
      expect(ok.headers.get('content-type')).toBe('application/json')
      expect(await (await fetch(`${base}/metrics`)).text()).toBe('ccal_up 1\n')
      expect((await fetch(`${base}/other`)).status).toBe(404)
    } finally {
      await new Promise<void>(done => server.close(() => done()))
    }
  })
})
