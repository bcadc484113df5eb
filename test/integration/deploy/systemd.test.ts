/**
 * docs/deploy/ccal.service checked by systemd itself: `systemd-analyze verify` on a copy whose
 * ExecStart points at a stand-in for the global ccal (verify wants an executable there), failing on
 * any line it prints, since it warns about an unknown key or a bad value and still exits 0. Skipped
 * only where systemd-analyze is missing outside CI: with CI set (GitHub Actions sets it) a missing
 * systemd-analyze fails the test, and .ci/run installs the systemd package before the tests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const DEPLOY = join(import.meta.dirname, '../../../docs/deploy')
const UNIT = readFileSync(join(DEPLOY, 'ccal.service'), 'utf8')
const GLOBAL_CCAL = '/usr/local/bin/ccal'

const available = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0
const required = Boolean(process.env.CI)

let temp: string
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'ccal-systemd-'))
})
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** The unit's `Key=value` lines of one section, in order (a key may repeat). */
function directives(section: string): Array<[string, string]> {
  const body = UNIT.split(/^\[/m).find(part => part.startsWith(`${section}]`)) ?? ''
  return body
    .split('\n')
    .slice(1)
    .filter(line => /^\w+=/.test(line))
    .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
}
const service = new Map(directives('Service'))

/** A copy of the unit with `ExecStart` at a stand-in script (verify checks that it is executable). */
function unitCopy(name: string, text = UNIT): string {
  const stand = join(temp, 'ccal')
  writeFileSync(stand, '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  const path = join(temp, name)
  writeFileSync(path, text.replaceAll(GLOBAL_CCAL, stand))
  return path
}

function verify(path: string) {
  const result = spawnSync('systemd-analyze', ['verify', '--man=no', path], {
    encoding: 'utf8',
    timeout: 30_000
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() }
}

describe('the systemd unit', () => {
  it('runs the global ccal as a daemon, as its own user, with the env file, restarting always', () => {
    expect(service.get('ExecStart')).toMatch(new RegExp(`^${GLOBAL_CCAL} run --daemon `))
    expect(service.get('User')).toBe('ccal')
    expect(service.get('EnvironmentFile')).toBe('/etc/ccal/ccal.env')
    expect(service.get('Restart')).toBe('always')
    expect(Number(service.get('RestartSec'))).toBeGreaterThan(0)
    expect(service.get('StateDirectory')).toBe('ccal')
    expect(service.get('CacheDirectory')).toBe('ccal')
  })

  it("is hardened, yet leaves bubblewrap the namespaces the agent's sandbox needs", () => {
    const hardening: Array<[string, string]> = [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes']
    ]
    for (const [key, value] of hardening) expect([key, service.get(key)]).toEqual([key, value])
    expect(service.get('RestrictNamespaces')?.split(/\s+/).sort()).toEqual(['mnt', 'net', 'pid', 'user'])
    expect(service.has('PrivateUsers')).toBe(false)
  })

  it('has an example env file for every variable the docs tell operators to set there', () => {
    const example = readFileSync(join(DEPLOY, 'ccal.env.example'), 'utf8')

    expect(example).toMatch(/^GITHUB_TOKEN=$/m)
    expect(example).toMatch(/^CCAL_MONITORING_METRICS_PORT=\d+$/m)
    expect(example).toMatch(/^#ANTHROPIC_API_KEY=$/m)
  })
  ;(available || required ? it : it.skip)('passes systemd-analyze verify with nothing to say', () => {
    expect({ available, hint: 'install systemd (Debian package `systemd`) for systemd-analyze' }).toEqual({
      available: true,
      hint: expect.any(String)
    })

    expect(verify(unitCopy('ccal.service'))).toEqual({ status: 0, output: '' })
  })
  ;(available || required ? it : it.skip)(
    'would fail on a key systemd does not know (the check can fail)',
    () => {
      const broken = unitCopy(
        'broken.service',
        UNIT.replace('Restart=always', 'Restart=always\nRestartPolicy=often')
      )

      expect(verify(broken).output).toContain("Unknown key 'RestartPolicy' in section [Service]")
    }
  )
})
