/**
 * The box's network. With `--unshare-net` a box has only its own loopback, so nothing inside can
 * reach the machine's network — not the GitHub API, not the runner's services, not the internet.
 * Two ways out are made on purpose, both through one Unix socket CCAL listens on (the bridge):
 *
 * - the model proxy: inside the box a forwarder listens on the proxy's own loopback address
 *   (`ANTHROPIC_BASE_URL` is unchanged) and carries each connection to it;
 * - the hosts in `ccal.safety.network_allow` (package registries, say): the forwarder is also an
 *   HTTPS proxy (`CONNECT host:port`, given to commands as `HTTPS_PROXY`), and the bridge connects
 *   only to hosts on the list.
 *
 * The forwarder runs inside the box as the box's first process and starts the real command as its
 * child; its source is a plain function, so that bundling keeps it whole.
 */
import { mkdir, rm } from 'node:fs/promises'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'

/** A host allowed by `network_allow`: `registry.npmjs.org`, or `.example.com` for its subdomains too. */
export function isAllowedHost(host: string, allow: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  return allow.some(entry => {
    const rule = entry.toLowerCase().trim()
    if (!rule) return false
    if (rule.startsWith('.')) return name.endsWith(rule) || name === rule.slice(1)
    return name === rule
  })
}

/** The bridge: a Unix socket on the machine's side carrying the box's permitted connections. */
export interface NetworkBridge {
  /** The socket's directory, bound into every box. */
  readonly dir: string
  readonly socket: string
  /** The model proxy's loopback port, which the box's forwarder listens on too. */
  readonly modelPort?: number
  close(): Promise<void>
}

/** Reads one `\n`-terminated header line from a socket, then hands the socket (and what followed) on. */
function readHeader(socket: Socket, onHeader: (line: string, rest: Buffer) => void): void {
  let buffered = Buffer.alloc(0)
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk])
    const end = buffered.indexOf(10)
    if (end === -1) {
      if (buffered.length > 1024) socket.destroy()
      return
    }
    socket.off('data', onData)
    socket.pause()
    onHeader(buffered.subarray(0, end).toString('utf8'), buffered.subarray(end + 1))
  }
  socket.on('data', onData)
}

/**
 * Starts the bridge in `dir`: `model` connects to the model proxy at `model`; `connect host:port`
 * connects out when `host` is allowed. The first line back says `ok` or why not.
 */
export async function startNetworkBridge(options: {
  dir: string
  model?: { host: string; port: number }
  allow: readonly string[]
}): Promise<NetworkBridge> {
  await mkdir(options.dir, { recursive: true })
  const socket = join(options.dir, `bridge-${process.pid}.sock`)
  await rm(socket, { force: true })
  const server: Server = createServer(client => {
    client.on('error', () => client.destroy())
    readHeader(client, (line, rest) => {
      let target: { host: string; port: number } | undefined
      let refusal = ''
      if (line === 'model') {
        target = options.model
        if (!target) refusal = 'no model proxy'
      } else {
        const match = /^connect ([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(line)
        if (!match) refusal = 'bad request'
        else if (!isAllowedHost(match[1]!, options.allow))
          refusal = `${match[1]} is not in ccal.safety.network_allow`
        else target = { host: match[1]!, port: Number(match[2]) }
      }
      if (!target) {
        client.end(`denied ${refusal}\n`)
        return
      }
      const upstream = createConnection(target.port, target.host, () => {
        client.write('ok\n')
        if (rest.length > 0) upstream.write(rest)
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
      upstream.on('error', error => client.end(`denied ${error.message}\n`))
      client.on('close', () => upstream.destroy())
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socket, () => resolve())
  })
  return {
    dir: options.dir,
    socket,
    ...(options.model ? { modelPort: options.model.port } : {}),
    close: async () => {
      await new Promise<void>(resolve => server.close(() => resolve()))
      await rm(socket, { force: true })
    }
  }
}

/**
 * The forwarder, run inside the box as `node -e <source> <config> -- <command…>`: listens on the
 * model proxy's port and on a proxy port for `CONNECT`, carries both through the bridge, runs the
 * command and exits as it does. Kept free of imports and of anything outside its body: it is
 * turned into source text with `toString()`.
 */
export function forwarderMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- runs as a CommonJS `node -e` script */
  const net = require('node:net') as typeof import('node:net')
  const { spawn } = require('node:child_process') as typeof import('node:child_process')
  /* eslint-enable @typescript-eslint/no-require-imports */
  const args = process.argv.slice(1)
  const config = JSON.parse(args[0] as string) as { socket: string; modelPort?: number; proxyPort: number }
  const command = args.slice(args.indexOf('--') + 1)
  const through = (
    header: string,
    onReply: (ok: boolean, reply: string, bridge: import('node:net').Socket) => void
  ) => {
    const bridge = net.createConnection(config.socket, () => bridge.write(`${header}\n`))
    track(bridge)
    let buffered = ''
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1')
      const end = buffered.indexOf('\n')
      if (end === -1) return
      bridge.off('data', onData)
      const reply = buffered.slice(0, end)
      const rest = Buffer.from(buffered.slice(end + 1), 'latin1')
      if (rest.length > 0) bridge.unshift(rest)
      onReply(reply === 'ok', reply, bridge)
    }
    bridge.on('data', onData)
    bridge.on('error', () => onReply(false, 'denied bridge unavailable', bridge))
  }
  const servers: import('node:net').Server[] = []
  const open = new Set<import('node:net').Socket>()
  const track = (socket: import('node:net').Socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  }
  let listening = 0
  const wanted = config.modelPort ? 2 : 1
  const start = () => {
    if (++listening < wanted) return
    const child = spawn(command[0] as string, command.slice(1), { stdio: 'inherit' })
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
      process.on(signal, () => child.kill(signal))
    // The forwarder ends with the command, with its exit code: nothing of its own is left open.
    const end = (code: number) => {
      process.exitCode = code
      for (const server of servers) server.close()
      for (const socket of open) socket.destroy()
    }
    child.on('exit', (code, signal) => end(code ?? (signal ? 128 + 15 : 1)))
    child.on('error', error => {
      process.stderr.write(`${error.message}\n`)
      end(127)
    })
  }
  if (config.modelPort) {
    const model = net.createServer(client => {
      track(client)
      client.pause()
      through('model', (ok, _reply, bridge) => {
        if (!ok) return client.destroy()
        client.pipe(bridge)
        bridge.pipe(client)
        client.resume()
        client.on('error', () => bridge.destroy())
        bridge.on('error', () => client.destroy())
      })
    })
    servers.push(model)
    model.listen(config.modelPort, '127.0.0.1', start)
  }
  const proxy = net.createServer(client => {
    track(client)
    let head = ''
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) {
        if (head.length > 8192) client.destroy()
        return
      }
      client.off('data', onData)
      client.pause()
      const match = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]\r\n/.exec(head)
      if (!match) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n')
        return
      }
      through(`connect ${match[1]}:${match[2]}`, (ok, reply, bridge) => {
        if (!ok) {
          const why = reply.replace(/^denied /, '')
          client.end(
            `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${why.length}\r\n\r\n${why}`
          )
          bridge.destroy()
          return
        }
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        const rest = Buffer.from(head.slice(end + 4), 'latin1')
        if (rest.length > 0) bridge.write(rest)
        client.pipe(bridge)
        bridge.pipe(client)
        client.resume()
        client.on('error', () => bridge.destroy())
        bridge.on('error', () => client.destroy())
      })
    }
    client.on('data', onData)
    client.on('error', () => client.destroy())
  })
  servers.push(proxy)
  proxy.listen(config.proxyPort, '127.0.0.1', start)
}

/**
 * The forwarder as `node -e` source. The bundler may wrap named functions in `__name(…)`, which the
 * script's own scope must then provide (as the read-ahead worker does).
 */
export const FORWARDER_SOURCE = `var __name = (target) => target;\n(${forwarderMain.toString()})()`

/** The port of a loopback `ANTHROPIC_BASE_URL` (the model proxy), if that is what it is. */
export function loopbackPort(url: string | undefined): number | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost') return undefined
    return Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80))
  } catch {
    return undefined
  }
}

/** The loopback port the forwarder's HTTPS proxy listens on inside every box. */
export const BOX_PROXY_PORT = 3128
