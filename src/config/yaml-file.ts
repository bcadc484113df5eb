/**
 * Reading the YAML config file while keeping where each key stands, so that every problem can be
 * reported as `file:line:col: ccal.key.path: …`.
 */
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml'
import { describeValue } from '../util/text.js'

export interface ConfigFileContent {
  /** The file as given, used in messages. */
  file: string
  /** What stands under the top-level `ccal:` key (undefined when the file is empty). */
  settings: unknown
  /** Problems with the file's syntax or top-level shape; empty when it can be validated. */
  problems: string[]
  /** `file:line:col` of the value at a settings path (below `ccal`), or of the nearest enclosing key. */
  locate(path: readonly PropertyKey[]): string
  /** `file:line:col` of the key `name` inside the mapping at `parentPath` (below `ccal`). */
  locateKey(parentPath: readonly PropertyKey[], name: string): string
}

/** The top-level key that holds everything, as in the original plan's config. */
export const ROOT_KEY = 'ccal'

/** Parses config text. Never throws: problems are returned for the caller to report together. */
export function parseConfigText(file: string, text: string): ConfigFileContent {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return file
    const { line, col } = lineCounter.linePos(offset)
    return `${file}:${line}:${col}`
  }
  const content: ConfigFileContent = {
    file,
    settings: undefined,
    problems: [],
    locate: path => locateValue(doc, at, [ROOT_KEY, ...path]),
    locateKey: (parentPath, name) => locateKeyIn(doc, at, [ROOT_KEY, ...parentPath], name)
  }
  if (doc.errors.length > 0) {
    content.problems = doc.errors.map(
      error => `${at(error.pos[0])}: YAML syntax error: ${firstLine(error.message)}`
    )
    return content
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    content.problems = [`${file}: YAML could not be read: ${firstLine(String(error))}`]
    return content
  }
  if (data === null || data === undefined) return content
  if (typeof data !== 'object' || Array.isArray(data)) {
    content.problems = [
      `${file}: expected a mapping with a top-level '${ROOT_KEY}:' key, found ${describeValue(data)}`
    ]
    return content
  }
  for (const key of Object.keys(data)) {
    if (key === ROOT_KEY) continue
    content.problems.push(
      `${locateKeyIn(doc, at, [], key)}: unknown top-level key '${key}': settings go under the top-level '${ROOT_KEY}:' key`
    )
  }
  const settings = (data as Record<string, unknown>)[ROOT_KEY] ?? undefined
  // `ccal:` with nothing under it means the defaults; anything but a mapping is a mistake.
  if (settings !== undefined && (typeof settings !== 'object' || Array.isArray(settings))) {
    content.problems.push(
      `${locateValue(doc, at, [ROOT_KEY])}: ${ROOT_KEY}: expected a mapping of settings, found ${describeValue(settings)}`
    )
    return content
  }
  content.settings = settings
  return content
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text
}

type Locator = (offset: number | undefined) => string

function locateValue(doc: Document, at: Locator, path: readonly PropertyKey[]): string {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length) as unknown[], true) as
      { range?: [number, number, number] } | undefined
    if (node && typeof node === 'object' && node.range) return at(node.range[0])
  }
  return at(undefined)
}

function locateKeyIn(doc: Document, at: Locator, parentPath: readonly PropertyKey[], name: string): string {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath as unknown[], true)
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && pair.key.value === name && pair.key.range) return at(pair.key.range[0])
    }
  }
  return locateValue(doc, at, parentPath)
}
