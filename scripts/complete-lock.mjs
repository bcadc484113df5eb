// The npm registry mirror on our build machines serves only the Linux builds of some packages with
// per-platform optional dependencies, so `npm install` here leaves those dependencies out of
// package-lock.json — and `npm ci` (here and on GitHub) then rejects the lock as out of sync. This
// script adds the missing entries the way npm writes them against the full registry: optional,
// with the platform fields, so every platform skips the ones that are not its own.
// Run it after `npm install` changes the lock: `node scripts/complete-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import { URL } from 'node:url'

const OS = {
  android: 'android',
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  openharmony: 'openharmony',
  win32: 'win32'
}
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x']

/** `@scope/pkg-linux-arm-gnueabihf` → { os: ['linux'], cpu: ['arm'], libc: ['glibc'] }, or undefined. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const os = parts.find(part => OS[part])
  const cpu = parts.find(part => CPU.includes(part))
  if (!os || !cpu) return undefined
  const libc = parts.some(part => part.startsWith('musl'))
    ? 'musl'
    : parts.some(part => part.startsWith('gnu'))
      ? 'glibc'
      : undefined
  return { os: [OS[os]], cpu: [cpu], ...(libc && os === 'linux' ? { libc: [libc] } : {}) }
}

const path = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(path, 'utf8'))
let added = 0
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key === '' ? '' : `${key}/`
    const nested = `${base}node_modules/${name}`
    const hoisted = `node_modules/${name}`
    if (lock.packages[nested] || lock.packages[hoisted]) continue
    const platform = platformOf(name)
    if (!platform || !/^\d+\.\d+\.\d+$/.test(version)) continue
    lock.packages[hoisted] = { version, ...platform, dev: entry.dev, optional: true }
    if (!lock.packages[hoisted].dev) delete lock.packages[hoisted].dev
    added++
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
)
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: ${added} optional platform entries added`)
