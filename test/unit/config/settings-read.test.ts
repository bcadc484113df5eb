/**
 * No setting without an effect: every leaf key of the settings schema is read somewhere outside
 * src/config/ — as a property (`settings.loop.retry_limit`, `config.batch_size`) or destructured —
 * in a file that also names its section. A key nobody reads is documented and validated yet does
 * nothing; this test keeps such a key from coming back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { renderJsonSchema } from '../../../src/config/documents.js'

const SRC = join(import.meta.dirname, '..', '..', '..', 'src')

/** Keys kept only to tell users what replaced them (read by config/load.ts to warn). */
const RETIRED = new Set(['ccal.storage'])

interface SchemaNode {
  properties?: Record<string, SchemaNode>
}

function leaves(node: SchemaNode, path: string[] = []): string[][] {
  const entries = Object.entries(node.properties ?? {})
  if (entries.length === 0) return [path]
  return entries.flatMap(([key, child]) => leaves(child, [...path, key]))
}

function sourceFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return name.endsWith('.ts') ? [{ path: relative(SRC, full), text: readFileSync(full, 'utf8') }] : []
  })
}

/** True when `text` reads `key`: a property access, an indexed access, or a destructured name. */
function readsKey(text: string, key: string): boolean {
  return (
    new RegExp(`\\.${key}\\b`).test(text) ||
    new RegExp(`\\[['"]${key}['"]\\]`).test(text) ||
    new RegExp(`\\{[^}=]*\\b${key}\\b[^}=]*\\}\\s*=`).test(text)
  )
}

describe('the settings schema', () => {
  const readers = sourceFiles(SRC).filter(file => !file.path.startsWith('config/'))
  const paths = leaves(JSON.parse(renderJsonSchema()) as SchemaNode)
    .map(path => path.join('.'))
    .filter(path => path.startsWith('ccal.') && !RETIRED.has(path))

  it('has leaf keys to check', () => {
    expect(paths.length).toBeGreaterThan(50)
  })

  it.each(paths)('%s is read outside src/config/', path => {
    const parts = path.split('.')
    const key = parts.at(-1)!
    const section = parts.length > 2 ? parts.at(-2)! : undefined
    const found = readers.filter(
      file => readsKey(file.text, key) && (!section || new RegExp(`\\b${section}\\b`).test(file.text))
    )
    expect({ path, readBy: found.map(file => file.path) }).toEqual({
      path,
      readBy: expect.arrayContaining([expect.any(String)])
    })
  })
})
