/**
 * The table of setting keys, derived from the zod schema through its JSON Schema (zod's public
 * `toJSONSchema`), so that the env mapping, "did you mean" suggestions and the example file can
 * never disagree with what the schema accepts.
 */
import { z } from 'zod'
import { SettingsSchema } from './schema.js'

/** A JSON Schema node, as far as this module reads it. */
export interface JsonSchemaNode {
  type?: string | string[]
  description?: string
  default?: unknown
  enum?: unknown[]
  items?: JsonSchemaNode
  properties?: Record<string, JsonSchemaNode>
  additionalProperties?: boolean | JsonSchemaNode
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  pattern?: string
}

export type KeyKind = 'integer' | 'number' | 'boolean' | 'string' | 'enum' | 'array' | 'record' | 'any'

/** One setting: its path under `ccal`, what kind of value it takes, and its documentation. */
export interface SettingKey {
  path: string[]
  kind: KeyKind
  description: string
  default: unknown
  enumValues?: string[]
  itemKind?: KeyKind
  /** The CCAL_* environment variable that overrides it. */
  envName: string
}

/** A section: an object node with named properties. */
export interface SettingSection {
  path: string[]
  description: string
}

/** The JSON Schema of the settings (everything under `ccal:`), in input form: defaults make keys optional. */
export function settingsJsonSchema(): JsonSchemaNode {
  return z.toJSONSchema(SettingsSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode
}

function kindOf(node: JsonSchemaNode): KeyKind {
  if (node.enum) return 'enum'
  const type = Array.isArray(node.type) ? node.type.find(t => t !== 'null') : node.type
  switch (type) {
    case 'integer':
    case 'number':
    case 'boolean':
    case 'string':
    case 'array':
      return type
    case 'object':
      return 'record'
    default:
      return 'any'
  }
}

function isSection(node: JsonSchemaNode): boolean {
  return node.type === 'object' && node.properties !== undefined
}

/** The CCAL_* variable name of a key path: `loop.cycle_interval_seconds` → `CCAL_LOOP_CYCLE_INTERVAL_SECONDS`. */
export function envNameOf(path: readonly string[]): string {
  return `CCAL_${path.join('_').toUpperCase()}`
}

let cache: { keys: SettingKey[]; sections: SettingSection[] } | undefined

function walk(): { keys: SettingKey[]; sections: SettingSection[] } {
  if (cache) return cache
  const keys: SettingKey[] = []
  const sections: SettingSection[] = []
  const visit = (node: JsonSchemaNode, path: string[]): void => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const childPath = [...path, name]
      if (isSection(child)) {
        sections.push({ path: childPath, description: child.description ?? '' })
        visit(child, childPath)
        continue
      }
      const kind = kindOf(child)
      keys.push({
        path: childPath,
        kind,
        description: child.description ?? '',
        default: child.default,
        ...(child.enum ? { enumValues: child.enum.map(String) } : {}),
        ...(kind === 'array' && child.items ? { itemKind: kindOf(child.items) } : {}),
        ...(kind === 'array' && child.items?.enum ? { enumValues: child.items.enum.map(String) } : {}),
        envName: envNameOf(childPath)
      })
    }
  }
  visit(settingsJsonSchema(), [])
  cache = { keys, sections }
  return cache
}

/** Every leaf setting, in schema order. */
export function settingKeys(): readonly SettingKey[] {
  return walk().keys
}

/** Every section (object with named keys), in schema order. */
export function settingSections(): readonly SettingSection[] {
  return walk().sections
}

/** The names a section at `path` accepts (for "did you mean"); undefined when `path` is not a section. */
export function knownNamesAt(path: readonly string[]): string[] | undefined {
  const prefix = path.join('.')
  const isKnownSection =
    path.length === 0 || settingSections().some(section => section.path.join('.') === prefix)
  if (!isKnownSection) return undefined
  const names = new Set<string>()
  for (const entry of [...settingSections(), ...settingKeys()]) {
    if (entry.path.length === path.length + 1 && entry.path.slice(0, -1).join('.') === prefix) {
      names.add(entry.path[path.length] as string)
    }
  }
  return [...names]
}
