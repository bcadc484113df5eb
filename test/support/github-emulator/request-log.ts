/** The request log and violation list tests assert on (also served at GET /_emulator/requests). */

/**
 * Why a request or response broke the contract:
 * - client side (our code is wrong): `unknown-route`, `unknown-method`, `unknown-repository`,
 *   `invalid-params`, `invalid-body`, `invalid-auth` (an App's JWT where an installation token
 *   belongs, or the other way round), `graphql-invalid`, `graphql-error`;
 * - emulator side (the emulator is wrong or incomplete): `response-schema`, `not-implemented`,
 *   `emulator-error`.
 */
export type ViolationKind =
  | 'unknown-route'
  | 'unknown-method'
  | 'unknown-repository'
  | 'invalid-params'
  | 'invalid-body'
  | 'invalid-auth'
  | 'graphql-invalid'
  | 'graphql-error'
  | 'response-schema'
  | 'not-implemented'
  | 'emulator-error'

const EMULATOR_KINDS: ReadonlySet<ViolationKind> = new Set([
  'response-schema',
  'not-implemented',
  'emulator-error'
])

/** Who broke the contract: our code (`client`) or the emulator itself. */
export function violationSource(kind: ViolationKind): Violation['source'] {
  return EMULATOR_KINDS.has(kind) ? 'emulator' : 'client'
}

/** One broken contract. `source: 'emulator'` marks the emulator's own bugs and gaps. */
export interface Violation {
  source: 'client' | 'emulator'
  kind: ViolationKind
  method: string
  path: string
  operationId: string | null
  message: string
  /** Sequence number of the request in the log. */
  request: number
}

/** One request the emulator answered. */
export interface RequestLogEntry {
  seq: number
  /** `rest` (API), `graphql`, or `log` (the plain-text job log the logs redirect points to). */
  kind: 'rest' | 'graphql' | 'log'
  method: string
  /** Path without query string and without a `/api/v3` prefix. */
  path: string
  query: Record<string, string>
  status: number
  /** The token sent (`Authorization: token X` or `Bearer X`), or null. */
  token: string | null
  /** The GitHub App whose JWT authenticated the request (its slug), when one did. */
  app?: string
  /** The login the token acted as, or null when unauthenticated or rejected. */
  user: string | null
  /** Operation id of the description (`issues/get`), `graphql`, or null for unknown routes. */
  operationId: string | null
  /** Path template of the description, when matched. */
  route: string | null
  /** Parsed JSON body, if any. */
  body?: unknown
  graphql?: { operationName: string | null; query: string | null; variables: unknown }
  /** Set when an injected fault answered (or delayed) the request. */
  fault?: { status: number | null; delayMs: number | null }
  durationMs: number
}

/** Collects requests and violations of one emulator. */
export class RequestLog {
  readonly entries: RequestLogEntry[] = []
  readonly violations: Violation[] = []
  private seq = 0

  /** Reserves the next sequence number (violations found while answering refer to it). */
  nextSeq(): number {
    return ++this.seq
  }

  /** Empties both lists (sequence numbers keep growing). */
  clear(): void {
    this.entries.length = 0
    this.violations.length = 0
  }
}

/** Human-readable list of violations, for assertion messages. */
export function formatViolations(violations: Violation[]): string {
  return violations
    .map(
      v =>
        `[${v.source}/${v.kind}] ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''}: ${v.message}`
    )
    .join('\n')
}
