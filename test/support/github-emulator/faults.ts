/**
 * Fault injection: make the next N requests to a route fail or slow down, the ways GitHub does
 * (5xx, secondary rate limit 403 + retry-after, 429, primary rate limit exhausted, slow replies).
 */
import { z } from 'zod'

/** A fault to inject; see README.md "Fault injection". */
export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string
  /**
   * Path template of the description (`/repos/{owner}/{repo}/issues`), a concrete path
   * (`/repos/o/r/issues`), `/graphql`, or a RegExp tested against the concrete path.
   */
  route: string | RegExp
  /** Status to answer with; omit with `delayMs` for a slow but otherwise normal reply. */
  status?: number
  /** How many matching requests to affect (default 1). */
  times?: number
  /** Seconds for the `retry-after` header (makes a 403 a secondary rate limit). */
  retryAfter?: number
  /** Delay before answering, in milliseconds. */
  delayMs?: number
  /** When 0 with status 403: a primary rate limit (`x-ratelimit-remaining: 0`). */
  rateLimitRemaining?: number
  /** Overrides the error message. */
  message?: string
  /**
   * The server does what was asked and only then fails to answer (a lost answer): the change is made,
   * the client sees `status`.
   */
  afterAction?: boolean
}

/** The JSON form accepted by POST /_emulator/faults (`route` or `routeRegex`). */
export const faultJsonSchema = z
  .object({
    method: z.string().optional(),
    route: z.string().optional(),
    routeRegex: z.string().optional(),
    status: z.number().int().min(100).max(599).optional(),
    times: z.number().int().positive().optional(),
    retryAfter: z.number().nonnegative().optional(),
    delayMs: z.number().nonnegative().optional(),
    rateLimitRemaining: z.number().int().nonnegative().optional(),
    afterAction: z.boolean().optional(),
    message: z.string().optional()
  })
  .refine(
    f => (f.route === undefined) !== (f.routeRegex === undefined),
    'give exactly one of route, routeRegex'
  )
  .transform(({ routeRegex, route, ...rest }): FaultSpec => ({
    ...rest,
    route: routeRegex ? new RegExp(routeRegex) : (route ?? '')
  }))

/** The answer an injected fault produces. */
export interface FaultResponse {
  status: number
  body: Record<string, unknown>
  headers: Record<string, string>
}

interface ArmedFault {
  spec: FaultSpec
  remaining: number
}

const SECONDARY_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits'

/** Holds armed faults and hands out the first one matching a request. */
export class FaultInjector {
  private readonly faults: ArmedFault[] = []
  /** Requests a fault has taken so far (a hung one counts from its start). */
  taken = 0

  /** Arms a fault. */
  add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 })
  }

  /** Disarms every fault. */
  clear(): void {
    this.faults.length = 0
  }

  /** The first armed fault matching the request, consumed by one use. */
  take(method: string, path: string, template: string | undefined): FaultSpec | undefined {
    const armed = this.faults.find(f => f.remaining > 0 && matches(f.spec, method, path, template))
    if (!armed) return undefined
    armed.remaining -= 1
    this.taken += 1
    return armed.spec
  }
}

function matches(spec: FaultSpec, method: string, path: string, template: string | undefined): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false
  if (spec.route instanceof RegExp) return spec.route.test(path)
  return spec.route === path || spec.route === template
}

/** What GitHub answers for a fault's status (undefined for a delay-only fault). */
export function faultResponse(spec: FaultSpec): FaultResponse | undefined {
  if (spec.status === undefined) return undefined
  const headers: Record<string, string> = {}
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter)
  let message = spec.message ?? (spec.status >= 500 ? 'Server Error' : 'Injected fault')
  let documentation = 'https://docs.github.com/rest'
  if (spec.status === 403 && spec.rateLimitRemaining === 0) {
    headers['x-ratelimit-remaining'] = '0'
    headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (spec.retryAfter ?? 60))
    message = spec.message ?? 'API rate limit exceeded for installation. (Injected by the emulator.)'
  } else if (spec.status === 429 || (spec.status === 403 && spec.retryAfter !== undefined)) {
    message =
      spec.message ??
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. (Injected by the emulator.)'
    documentation = SECONDARY_DOCS
  }
  return { status: spec.status, body: { message, documentation_url: documentation }, headers }
}
