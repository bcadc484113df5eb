/**
 * The agent's box with the real bubblewrap (where it is installed): what a command inside sees and
 * may write, and what CCAL does where no box can be made.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bubblewrapSandbox,
  findSandbox,
  hiddenPaths,
  SandboxError,
  type SandboxPlan
} from '../../../src/executor/sandbox.js'
import { fakeBwrap } from '../../support/fake-bwrap.js'
import { isAllowedHost, startNetworkBridge } from '../../../src/executor/network.js'

let root: string | undefined
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
  root = undefined
})

/** A machine in miniature: a checkout, a work directory with a worktree, a runner temp, a HOME. */
function layout() {
  root = mkdtempSync(join(tmpdir(), 'ccal-box-'))
  const dirs = {
    checkout: join(root, 'checkout'),
    work: join(root, 'work'),
    worktree: join(root, 'work', 'repo', 'worktrees', 'item'),
    repo: join(root, 'work', 'repo', 'repo.git'),
    home: join(root, 'work', 'repo', 'agent-home'),
    runnerTemp: join(root, 'runner-temp'),
    userHome: join(root, 'user')
  }
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true })
  writeFileSync(join(dirs.checkout, 'notes.txt'), 'the maintainer’s\n')
  writeFileSync(join(dirs.repo, 'config'), '[core]\n')
  writeFileSync(join(dirs.runnerTemp, 'event.json'), '{"secret":1}\n')
  mkdirSync(join(dirs.userHome, '.ssh'))
  writeFileSync(join(dirs.userHome, '.ssh', 'id_ed25519'), 'PRIVATE KEY\n')
  writeFileSync(join(dirs.userHome, '.git-credentials'), 'https://x:token@github.com\n')
  return dirs
}

const real = await findSandbox('auto', process.env)

describe('the sandbox', () => {
  ;(real.available ? it : it.skip)(
    'shows a command its own processes only, the worktree, HOME and /tmp writable, and hides the rest',
    () => {
      const dirs = layout()
      const env = { HOME: dirs.userHome, RUNNER_TEMP: dirs.runnerTemp }
      const plan: SandboxPlan = {
        worktree: dirs.worktree,
        home: dirs.home,
        readOnly: [dirs.repo],
        hidden: hiddenPaths({ checkout: dirs.checkout, workDirectory: dirs.work, env })
      }
      const box = bubblewrapSandbox(real.available ? real.bwrap : 'bwrap', plan)
      const script = [
        'ls /proc | grep -c "^[0-9]"',
        `cat ${dirs.checkout}/notes.txt 2>/dev/null || echo checkout-hidden`,
        `cat ${dirs.runnerTemp}/event.json 2>/dev/null || echo event-hidden`,
        `cat ${dirs.userHome}/.ssh/id_ed25519 2>/dev/null || echo ssh-hidden`,
        `test -s ${dirs.userHome}/.git-credentials && echo credentials-visible || echo credentials-hidden`,
        `cat ${dirs.repo}/config`,
        `touch ${dirs.repo}/planted 2>/dev/null && echo repo-writable || echo repo-read-only`,
        `touch ${dirs.worktree}/ok && touch "$HOME/ok" && touch /tmp/ok && echo writable-ok`,
        'touch /etc/ccal-planted 2>/dev/null && echo etc-writable || echo etc-read-only',
        `touch ${root}/outside 2>/dev/null && echo machine-tmp-writable || echo machine-tmp-read-only`
      ].join('; ')
      const argv = box.wrap(['sh', '-c', script], dirs.worktree)
      const run = spawnSync(argv[0]!, argv.slice(1), {
        env: box.environment({ PATH: process.env.PATH ?? '' }),
        encoding: 'utf8'
      })

      expect(run.stderr).toBe('')
      const lines = run.stdout.trim().split('\n')
      expect(Number(lines[0])).toBeLessThan(5) // bwrap's init, sh, ls and grep: nobody else
      expect(lines.slice(1)).toEqual([
        'checkout-hidden',
        'event-hidden',
        'ssh-hidden',
        'credentials-hidden',
        '[core]',
        'repo-read-only',
        'writable-ok',
        'etc-read-only',
        'machine-tmp-read-only'
      ])
      // /tmp is the box's own: what is written there never reaches the machine.
      expect(existsSync('/tmp/ok')).toBe(false)
      expect(existsSync(join(dirs.worktree, 'ok'))).toBe(true)
      expect(existsSync(join(dirs.home, 'ok'))).toBe(true)
    }
  )

  ;(real.available ? it : it.skip)(
    "gives the agent's tools an empty scratch directory of their own even where another run left one in /tmp",
    () => {
      const dirs = layout()
      // What Claude Code leaves behind on a machine where it ran before: /tmp/claude-<uid>/…
      const left = join('/tmp', `claude-ccal-test-${process.pid}`)
      mkdirSync(join(left, 'earlier'), { recursive: true })
      try {
        const plan: SandboxPlan = { worktree: dirs.worktree, home: dirs.home, readOnly: [], hidden: [] }
        const box = bubblewrapSandbox(real.available ? real.bwrap : 'bwrap', plan)
        const script = `mkdir -p ${left}/cwd && echo made; test -e ${left}/earlier && echo earlier-visible || echo earlier-absent`
        const argv = box.wrap(['sh', '-c', script], dirs.worktree)
        const run = spawnSync(argv[0]!, argv.slice(1), {
          env: box.environment({ PATH: process.env.PATH ?? '' }),
          encoding: 'utf8'
        })

        expect(run.stderr).toBe('')
        expect(run.stdout.trim().split('\n')).toEqual(['made', 'earlier-absent'])
        expect(existsSync(join(left, 'cwd'))).toBe(false)
      } finally {
        rmSync(left, { recursive: true, force: true })
      }
    }
  )

  ;(real.available ? it : it.skip)(
    'in its own network reaches the model proxy and, through its HTTPS proxy, allowed hosts only',
    async () => {
      const dirs = layout()
      const serve = (text: string) =>
        new Promise<{ port: number; close(): void }>(resolve => {
          const server = createServer((_request, response) => response.end(text)).listen(0, '127.0.0.1', () =>
            resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() })
          )
        })
      const model = await serve('the model')
      const other = await serve('another service')
      const bridge = await startNetworkBridge({
        dir: mkdtempSync(join(tmpdir(), 'ccal-net-')),
        model: { host: '127.0.0.1', port: model.port },
        allow: ['localhost']
      })
      try {
        const box = bubblewrapSandbox(real.available ? real.bwrap : 'bwrap', {
          worktree: dirs.worktree,
          home: dirs.home,
          readOnly: [],
          hidden: [],
          network: { socket: bridge.socket, modelPort: model.port }
        })
        writeFileSync(
          join(dirs.worktree, 'probe.cjs'),
          [
            "const net = require('node:net')",
            'const connect = (target) => new Promise(resolve => {',
            "  const socket = net.connect(3128, '127.0.0.1', () => socket.write(`CONNECT ${target} HTTP/1.1\\r\\nHost: ${target}\\r\\n\\r\\n`))",
            "  let seen = ''",
            "  socket.on('data', chunk => {",
            '    seen += chunk',
            "    if (seen.startsWith('HTTP/1.1 200') && !seen.includes('another')) { if (!socket.sent) { socket.sent = true; socket.write('GET / HTTP/1.0\\r\\n\\r\\n') } }",
            '  })',
            "  socket.on('close', () => resolve(seen.split('\\r\\n')[0] + (seen.includes('another service') ? ' another service' : '')))",
            "  socket.on('error', error => resolve('error ' + error.code))",
            '})',
            ';(async () => {',
            `  console.log('model:', await fetch('http://127.0.0.1:${model.port}/').then(r => r.text(), e => 'failed ' + (e.cause?.code ?? e.message)))`,
            `  console.log('direct:', await fetch('http://127.0.0.1:${other.port}/').then(r => r.text(), e => 'failed ' + (e.cause?.code ?? e.message)))`,
            `  console.log('allowed:', await connect('localhost:${other.port}'))`,
            `  console.log('denied:', await connect('127.0.0.1:${other.port}'))`,
            '})()'
          ].join('\n')
        )
        const argv = box.wrap([process.execPath, 'probe.cjs'], dirs.worktree)
        const run = await new Promise<string>(resolve => {
          const child = spawn(argv[0]!, argv.slice(1), {
            env: box.environment({ PATH: process.env.PATH ?? '' })
          })
          let out = ''
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
          child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
          child.on('close', () => resolve(out))
        })

        expect(run.trim().split('\n')).toEqual([
          'model: the model',
          'direct: failed ECONNREFUSED',
          'allowed: HTTP/1.1 200 Connection Established another service',
          'denied: HTTP/1.1 403 Forbidden'
        ])
      } finally {
        await bridge.close()
        model.close()
        other.close()
      }
    }
  )

  it('says why there is none where bubblewrap cannot make one, and refuses to go on when it is required', async () => {
    const fake = fakeBwrap()
    const env = { PATH: `${fake.dir}:${process.env.PATH ?? ''}` }
    try {
      expect(await findSandbox('auto', env)).toEqual({
        available: false,
        reason: expect.stringContaining(
          'bubblewrap cannot make a sandbox here (bwrap: setting up uid map: Permission denied)'
        )
      })
      await expect(findSandbox('required', env)).rejects.toThrow(SandboxError)
      await expect(findSandbox('required', env)).rejects.toThrow(
        /ccal.safety.sandbox is required, but bubblewrap cannot/
      )
      expect(await findSandbox('off', env)).toEqual({
        available: false,
        reason: 'ccal.safety.sandbox is off'
      })
      expect(await findSandbox('auto', { PATH: '/nonexistent' })).toEqual({
        available: false,
        reason: 'bubblewrap is not installed (apt-get install bubblewrap)'
      })
    } finally {
      fake.cleanup()
    }
  })
})

describe('a bubblewrap that can make every namespace but a network', () => {
  it('is used, with the machine’s network shared', async () => {
    const fake = fakeBwrap(
      '#!/bin/sh\nfor a in "$@"; do [ "$a" = --unshare-net ] && { echo "bwrap: loopback: Failed RTM_NEWADDR" >&2; exit 1; }; done\nexit 0\n'
    )
    try {
      expect(await findSandbox('auto', { PATH: `${fake.dir}:${process.env.PATH ?? ''}` })).toEqual({
        available: true,
        bwrap: fake.path,
        ownNetwork: false
      })
    } finally {
      fake.cleanup()
    }
  })
})

describe('network_allow', () => {
  it('allows a host named, and the subdomains of a name given with a leading dot', () => {
    expect(isAllowedHost('registry.npmjs.org', ['registry.npmjs.org'])).toBe(true)
    expect(isAllowedHost('evil.registry.npmjs.org', ['registry.npmjs.org'])).toBe(false)
    expect(isAllowedHost('files.pythonhosted.org', ['.pythonhosted.org'])).toBe(true)
    expect(isAllowedHost('pythonhosted.org', ['.pythonhosted.org'])).toBe(true)
    expect(isAllowedHost('pythonhosted.org.evil.test', ['.pythonhosted.org'])).toBe(false)
    expect(isAllowedHost('api.github.com', [])).toBe(false)
  })
})
