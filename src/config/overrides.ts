/**
 * Settings given as text — CCAL_* environment variables, action inputs, CLI flags — converted to
 * typed values by the kind of the key they set, each remembering where it came from.
 */
import { closestMatch, describeValue } from '../util/text.js'
import { envNameOf, settingKeys, type KeyKind, type SettingKey } from './keys.js'

/** One override: the key path it sets, the raw text, and where it came from (for messages). */
export interface TextOverride {
  path: readonly string[]
  text: string
  origin: string
}

/** Typed overrides as a nested object, with the origin of each leaf path (dot-joined). */
export interface OverrideLayer {
  values: Record<string, unknown>
  origins: Map<string, string>
  problems: string[]
}

/** CCAL_* variables that are not settings (the GitHub App's credentials are read by the CLI). */
const NON_SETTING_ENV = new Set([
  'CCAL_DEBUG',
  'CCAL_CONFIG',
  'CCAL_APP_ID',
  'CCAL_APP_PRIVATE_KEY',
  'CCAL_APP_PRIVATE_KEY_FILE'
])

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1'])
const FALSE_WORDS = new Set(['false', 'no', 'off', '0'])

function keyAt(path: readonly string[]): SettingKey | undefined {
  const dotted = path.join('.')
  return settingKeys().find(key => key.path.join('.') === dotted)
}

function expectedOf(kind: KeyKind): string {
  switch (kind) {
    case 'integer':
      return 'an integer'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true or false'
    case 'array':
      return 'a comma-separated list or a JSON array'
    case 'record':
      return 'a JSON object'
    default:
      return 'text'
  }
}

type Conversion = { ok: true; value: unknown } | { ok: false }

/** Converts `text` to the kind of value `key` takes; the schema checks ranges and enums afterwards. */
export function convertText(key: SettingKey, text: string): Conversion {
  const trimmed = text.trim()
  switch (key.kind) {
    case 'integer':
    case 'number': {
      const value = trimmed === '' ? Number.NaN : Number(trimmed)
      return Number.isFinite(value) ? { ok: true, value } : { ok: false }
    }
    case 'boolean': {
      const word = trimmed.toLowerCase()
      if (TRUE_WORDS.has(word)) return { ok: true, value: true }
      if (FALSE_WORDS.has(word)) return { ok: true, value: false }
      return { ok: false }
    }
    case 'array': {
      if (trimmed.startsWith('[')) {
        const parsed = parseJson(trimmed)
        return Array.isArray(parsed) ? { ok: true, value: parsed } : { ok: false }
      }
      const items = trimmed
        .split(/[,\n]/)
        .map(item => item.trim())
        .filter(item => item.length > 0)
      return { ok: true, value: items }
    }
    case 'record': {
      const parsed = parseJson(trimmed)
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { ok: true, value: parsed }
        : { ok: false }
    }
    case 'string':
    case 'enum':
      return { ok: true, value: text }
    default:
      return { ok: false }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Sets `value` at `path` in a nested plain object, creating objects on the way. */
export function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cursor = target
  for (const [index, name] of path.entries()) {
    if (index === path.length - 1) {
      cursor[name] = value
      return
    }
    const next = cursor[name]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cursor[name] = {}
    cursor = cursor[name] as Record<string, unknown>
  }
}

/** Converts text overrides into a typed layer; one problem per override that cannot be converted. */
export function buildOverrideLayer(overrides: readonly TextOverride[]): OverrideLayer {
  const layer: OverrideLayer = { values: {}, origins: new Map(), problems: [] }
  for (const override of overrides) {
    const key = keyAt(override.path)
    const keyPath = `ccal.${override.path.join('.')}`
    if (!key || key.kind === 'any') {
      layer.problems.push(`${override.origin}: ${keyPath} is not a setting that can be overridden`)
      continue
    }
    const converted = convertText(key, override.text)
    if (!converted.ok) {
      layer.problems.push(
        `${override.origin}: ${keyPath}: expected ${expectedOf(key.kind)}, found ${describeValue(override.text)}`
      )
      continue
    }
    setIn(layer.values, override.path, converted.value)
    layer.origins.set(override.path.join('.'), override.origin)
  }
  return layer
}

/**
 * CCAL_* environment variables → text overrides. The name of each is `CCAL_` + the key path joined
 * with `_`, upper-cased (`ccal.loop.cycle_interval_seconds` → `CCAL_LOOP_CYCLE_INTERVAL_SECONDS`).
 * An unknown CCAL_* variable is a problem, with the closest known name suggested.
 */
export function envOverrides(env: NodeJS.ProcessEnv): { overrides: TextOverride[]; problems: string[] } {
  const byName = new Map(
    settingKeys()
      .filter(key => key.kind !== 'any')
      .map(key => [key.envName, key] as const)
  )
  const overrides: TextOverride[] = []
  const problems: string[] = []
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith('CCAL_') || text === undefined || NON_SETTING_ENV.has(name)) continue
    const key = byName.get(name)
    if (!key) {
      const suggestion = closestMatch(name, [...byName.keys()])
      problems.push(
        `env ${name}: not a CCAL setting${suggestion ? `; did you mean ${suggestion}?` : ' (see the README for the CCAL_* names)'}`
      )
      continue
    }
    overrides.push({ path: key.path, text, origin: `env ${name}` })
  }
  return { overrides, problems }
}

export { envNameOf }
