/**
 * Effective settings: defaults ← YAML file ← CCAL_* environment ← action inputs / CLI flags.
 * Every problem of every layer is collected and reported together, one line each.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { ConfigError, errorMessage } from '../util/errors.js'
import { describeIssue, type OriginLookup } from './messages.js'
import { buildOverrideLayer, envOverrides, type TextOverride } from './overrides.js'
import { SettingsSchema, type Settings } from './schema.js'
import { parseConfigText, type ConfigFileContent } from './yaml-file.js'

/** Where the action and the CLI look for the config file when none is named. */
export const DEFAULT_CONFIG_PATH = '.github/ccal.yml'

export interface LoadSettingsOptions {
  /** Repository root; a relative config path is resolved against it. */
  root: string
  /** Config file path; DEFAULT_CONFIG_PATH when unset. */
  configPath?: string
  /** When true a missing file is an error; otherwise a missing file means defaults. */
  configRequired?: boolean
  /** Environment to read CCAL_* overrides from; none when unset. */
  env?: NodeJS.ProcessEnv
  /** Highest-precedence overrides (action inputs or CLI flags), as text with their origins. */
  overrides?: readonly TextOverride[]
}

export interface LoadedSettings {
  settings: Settings
  /** The config file as named (relative to the root when inside it), whether or not it exists. */
  configPath: string
  configFound: boolean
  /** Notes for the log (e.g. the plan's `storage` section being ignored). */
  warnings: string[]
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Deep merge of plain objects; arrays and scalars of `top` replace those of `base`. */
export function mergeSettings(base: unknown, top: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(top)) return top === undefined ? base : top
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(top)) merged[key] = mergeSettings(base[key], value)
  return merged
}

/** The largest config file read: far beyond any real one, small enough to parse at once. */
export const MAX_CONFIG_BYTES = 256 * 1024

function readConfigFile(options: LoadSettingsOptions): {
  content?: ConfigFileContent
  shownPath: string
  problems: string[]
} {
  const requested =
    options.configPath && options.configPath.trim() !== '' ? options.configPath : DEFAULT_CONFIG_PATH
  const absolute = isAbsolute(requested) ? requested : resolve(options.root, requested)
  const inside = relative(options.root, absolute)
  const shownPath = inside.startsWith('..') || isAbsolute(inside) ? absolute : inside
  if (!existsSync(absolute)) {
    const problems = options.configRequired ? [`${shownPath}: config file not found`] : []
    return { shownPath, problems }
  }
  // A settings file is a page or two; anything far larger is a mistake, refused before it is parsed.
  const size = statSync(absolute).size
  if (size > MAX_CONFIG_BYTES)
    return {
      shownPath,
      problems: [
        `${shownPath}: ${size} bytes; a config file may be at most ${MAX_CONFIG_BYTES / 1024} KiB (is it the right file?)`
      ]
    }
  let text: string
  try {
    text = readFileSync(absolute, 'utf8')
  } catch (error) {
    return { shownPath, problems: [`${shownPath}: cannot read config file: ${errorMessage(error)}`] }
  }
  const content = parseConfigText(shownPath, text)
  return { content, shownPath, problems: content.problems }
}

/** Messages that start with `file:line:col:` sorted by position; the others keep their order after them. */
function inFileOrder(messages: string[]): string[] {
  const position = (message: string): number => {
    const match = /^[^\s]*?:(\d+):(\d+): /.exec(message)
    return match ? Number(match[1]) * 100000 + Number(match[2]) : Number.MAX_SAFE_INTEGER
  }
  return messages
    .map((message, index) => ({ message, index, at: position(message) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(entry => entry.message)
}

/**
 * Loads and validates the effective settings. Throws ConfigError listing every problem (file and
 * line, or the env variable / input, then key path, expected and found); never a partial result.
 */
export function loadSettings(options: LoadSettingsOptions): LoadedSettings {
  const file = readConfigFile(options)
  const env = envOverrides(options.env ?? {})
  const envLayer = buildOverrideLayer(env.overrides)
  const topLayer = buildOverrideLayer(options.overrides ?? [])
  const problems = [...file.problems, ...env.problems, ...envLayer.problems, ...topLayer.problems]

  const fromFile = file.content?.settings
  const merged = mergeSettings(mergeSettings(fromFile ?? {}, envLayer.values), topLayer.values)
  const origins: OriginLookup = {
    valueOrigin(path) {
      for (let length = path.length; length > 0; length--) {
        const dotted = path.slice(0, length).map(String).join('.')
        const origin = topLayer.origins.get(dotted) ?? envLayer.origins.get(dotted)
        if (origin) return origin
      }
      return file.content ? file.content.locate(path) : 'defaults'
    },
    keyOrigin(parentPath, name) {
      return file.content ? file.content.locateKey(parentPath, name) : 'defaults'
    }
  }
  // A file with syntax errors has no settings worth validating; everything else is checked so that
  // one run reports every problem at once.
  const parsed = SettingsSchema.safeParse(merged)
  const fileIsReadable = file.content === undefined || file.content.problems.length === 0
  if (!parsed.success && fileIsReadable) {
    problems.push(...inFileOrder(parsed.error.issues.flatMap(issue => describeIssue(issue, merged, origins))))
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems)

  const settings = parsed.data
  const warnings: string[] = []
  if (isPlainObject(fromFile) && 'storage' in fromFile) {
    warnings.push(
      `${file.content?.locateKey([], 'storage') ?? file.shownPath}: ccal.storage is ignored: the ledger branch ` +
        `(ccal.ledger.branch = ${settings.ledger.branch}) replaced the plan's SQLite storage`
    )
  }
  // The agent must never edit the file that sets its own limits.
  if (!settings.safety.excluded_paths.includes(file.shownPath) && !isAbsolute(file.shownPath)) {
    settings.safety.excluded_paths = [...settings.safety.excluded_paths, file.shownPath]
  }
  return { settings, configPath: file.shownPath, configFound: file.content !== undefined, warnings }
}
