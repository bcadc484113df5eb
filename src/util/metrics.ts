/**
 * Writing and serving the Prometheus metrics of the last cycle (the text comes from
 * core/report.ts): a file after each cycle, and an HTTP endpoint in daemon mode.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { dirname } from 'node:path'

/** Writes the metrics text to `path`, creating its directory. */
export function writeMetricsFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

/** What a daemon knows of its own cycles, for `/healthz`. */
export interface DaemonProgress {
  startedAt: number
  intervalMs: number
  cycles: number
  /** When the last cycle that finished without an error ended. */
  lastGoodAt?: number
  lastError?: string
}

/** The answer of `/healthz`: its status code and JSON body. */
export interface Health {
  status: 200 | 503
  body: {
    status: 'ok' | 'starting' | 'stale'
    cycles: number
    intervalSeconds: number
    lastCycleEndedAt: string | null
    lastError?: string
  }
}

/**
 * Healthy while the last good cycle ended within two intervals (or, before the first one, while
 * the daemon has been up for less): a daemon whose cycles keep failing or hang turns unhealthy, so
 * that a container's HEALTHCHECK or a supervisor can restart it.
 */
export function healthOf(progress: DaemonProgress, now: number): Health {
  const since = progress.lastGoodAt ?? progress.startedAt
  const fresh = now - since <= 2 * progress.intervalMs
  const status = !fresh ? 'stale' : progress.lastGoodAt === undefined ? 'starting' : 'ok'
  return {
    status: fresh ? 200 : 503,
    body: {
      status,
      cycles: progress.cycles,
      intervalSeconds: Math.round(progress.intervalMs / 1000),
      lastCycleEndedAt:
        progress.lastGoodAt === undefined ? null : new Date(progress.lastGoodAt).toISOString(),
      ...(progress.lastError ? { lastError: progress.lastError } : {})
    }
  }
}

/**
 * Serves `GET /metrics` with whatever `current()` returns and, given `health`, `GET /healthz` with
 * its answer; on 127.0.0.1 unless a host is given.
 */
export function serveMetrics(
  port: number,
  current: () => string,
  host = '127.0.0.1',
  health?: () => Health
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0]
    if (request.method === 'GET' && path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      response.end(current())
      return
    }
    if (request.method === 'GET' && path === '/healthz' && health) {
      const answer = health()
      response.writeHead(answer.status, { 'content-type': 'application/json' })
      response.end(`${JSON.stringify(answer.body)}\n`)
      return
    }
    response.writeHead(404, { 'content-type': 'text/plain' })
    response.end(`not found: metrics are at /metrics${health ? ', health at /healthz' : ''}\n`)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server))
  })
}
