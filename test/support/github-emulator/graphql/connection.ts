/** Relay-style connections with GitHub's pagination rules (first/last required, at most 100). */
import { z } from 'zod'

/** An error in how the client asked (GitHub answers it in `errors`; the emulator records a violation). */
export class GraphClientError extends Error {
  override readonly name = 'GraphClientError'
  constructor(
    message: string,
    readonly type = 'INVALID_ARGUMENTS'
  ) {
    super(message)
  }
}

/** A lookup that found nothing (`type: NOT_FOUND` in GitHub's error). */
export class GraphNotFoundError extends GraphClientError {
  constructor(message: string) {
    super(message, 'NOT_FOUND')
  }
}

const connectionArgs = z.object({
  first: z.number().int().nullish(),
  last: z.number().int().nullish(),
  after: z.string().nullish(),
  before: z.string().nullish()
})

const MAX_PAGE = 100

/** Opaque cursor for a position in a list (GitHub's are opaque base64 too). */
export function cursorFor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64')
}

function indexOf(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))
  if (!match) throw new GraphClientError(`\`${cursor}\` does not appear to be a valid cursor.`)
  return Number(match[1])
}

/** A connection object whose nodes are built only when the query asks for them. */
export interface Connection {
  totalCount: number
  nodes: () => unknown[]
  edges: () => { cursor: string; node: unknown }[]
  pageInfo: () => {
    hasNextPage: boolean
    hasPreviousPage: boolean
    startCursor: string | null
    endCursor: string | null
  }
}

/**
 * Pages `items` by first/last/after/before. Like GitHub, asking for nodes or edges without `first`
 * or `last`, or for more than 100, is an error; `totalCount` alone needs neither.
 */
export function connection<T>(
  items: T[],
  rawArgs: Record<string, unknown>,
  toNode: (item: T) => unknown
): Connection {
  const args = connectionArgs.parse(rawArgs)
  const window = (): { start: number; end: number } => {
    if (args.first == null && args.last == null) {
      throw new GraphClientError(
        'You must provide a `first` or `last` value to properly paginate the connection.'
      )
    }
    for (const key of ['first', 'last'] as const) {
      const value = args[key]
      if (value != null && (value < 0 || value > MAX_PAGE)) {
        throw new GraphClientError(
          `Requesting ${value} records on the connection exceeds the \`${key}\` limit of 100 records.`
        )
      }
    }
    let start = args.after ? indexOf(args.after) + 1 : 0
    let end = args.before ? indexOf(args.before) : items.length
    if (args.first != null) end = Math.min(end, start + args.first)
    if (args.last != null) start = Math.max(start, end - args.last)
    return { start, end }
  }
  const positions = (): number[] => {
    const { start, end } = window()
    return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i)
  }
  return {
    totalCount: items.length,
    nodes: () => positions().map(i => toNode(items[i] as T)),
    edges: () => positions().map(i => ({ cursor: cursorFor(i), node: toNode(items[i] as T) })),
    pageInfo: () => {
      const { start, end } = window()
      const empty = end <= start
      return {
        hasNextPage: end < items.length,
        hasPreviousPage: start > 0,
        startCursor: empty ? null : cursorFor(start),
        endCursor: empty ? null : cursorFor(end - 1)
      }
    }
  }
}
