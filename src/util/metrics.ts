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

/** Serves `GET /metrics` with whatever `current()` returns, on 127.0.0.1 unless a host is given. */
export function serveMetrics(port: number, current: () => string, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      response.end(current())
      return
    }
    response.writeHead(404, { 'content-type': 'text/plain' })
    response.end('not found: metrics are at /metrics\n')
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server))
  })
}
