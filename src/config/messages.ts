/**
 * zod issues → one line per problem: where (file:line:col, env variable or input), the key path,
 * what was expected and what was found.
 */
import type { z } from 'zod'
import { closestMatch, describeValue } from '../util/text.js'
import { knownNamesAt } from './keys.js'

/** Where a value at a settings path came from, as text for the start of a message. */
export interface OriginLookup {
  valueOrigin(path: readonly PropertyKey[]): string
  keyOrigin(parentPath: readonly PropertyKey[], name: string): string
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cursor = data
  for (const name of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined
    cursor = (cursor as Record<PropertyKey, unknown>)[name]
  }
  return cursor
}

function keyPath(path: readonly PropertyKey[]): string {
  return ['ccal', ...path.map(String)].join('.')
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping'
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return describeValue(value)
}

function bound(
  issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string },
  side: 'min' | 'max'
): string {
  const limit = side === 'min' ? issue.minimum : issue.maximum
  const sizeOf = issue.origin === 'array' ? 'items' : issue.origin === 'string' ? 'characters' : undefined
  if (sizeOf) return `${side === 'min' ? 'at least' : 'at most'} ${String(limit)} ${sizeOf}`
  const operator = side === 'min' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'
  return `a number ${operator} ${String(limit)}`
}

/** Turns one zod issue into messages (unrecognized_keys yields one per key). */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, origins: OriginLookup): string[] {
  const found = valueAt(data, issue.path)
  const where = origins.valueOrigin(issue.path)
  const at = `${where}: ${keyPath(issue.path)}`
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map(name => {
        const known = knownNamesAt(issue.path.map(String)) ?? []
        const suggestion = closestMatch(name, known)
        const hint = suggestion ? `did you mean '${suggestion}'?` : `expected one of: ${known.join(', ')}`
        return `${origins.keyOrigin(issue.path, name)}: ${keyPath([...issue.path, name])}: unknown key; ${hint}`
      })
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected
      return [`${at}: expected ${expected}, found ${typeName(found)}`]
    }
    case 'too_small':
      return [`${at}: expected ${bound(issue, 'min')}, found ${describeValue(found)}`]
    case 'too_big':
      return [`${at}: expected ${bound(issue, 'max')}, found ${describeValue(found)}`]
    case 'invalid_value':
      return [
        `${at}: expected one of ${issue.values.map(value => String(value)).join(' | ')}, found ${describeValue(found)}`
      ]
    case 'invalid_format': {
      const expected = issue.message.startsWith('expected')
        ? issue.message.slice('expected '.length)
        : `a ${issue.format}`
      return [`${at}: expected ${expected}, found ${describeValue(found)}`]
    }
    case 'not_multiple_of':
      return [`${at}: expected a multiple of ${String(issue.divisor)}, found ${describeValue(found)}`]
    default:
      return [`${at}: ${issue.message}, found ${describeValue(found)}`]
  }
}
