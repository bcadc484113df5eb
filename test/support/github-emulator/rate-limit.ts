/** GitHub's primary rate limit bookkeeping: per user and resource, reported in `x-ratelimit-*` headers. */

/** The rate-limit resources the emulator reports. */
export type RateResource = 'core' | 'graphql' | 'search'

/** One resource's numbers, in the `rate-limit` schema's shape. */
export interface RateSnapshot {
  limit: number
  remaining: number
  reset: number
  used: number
}

const LIMIT = 5000
const WINDOW_SECONDS = 3600

/** Counts requests per user and resource within one fixed window. */
export class RateLimiter {
  private readonly used = new Map<string, number>()
  private readonly reset = Math.floor(Date.now() / 1000) + WINDOW_SECONDS

  /** Counts one request (unless `count` is false) and returns the headers GitHub sends with its answer. */
  consume(user: string, resource: RateResource, count = true): Record<string, string> {
    const key = `${user}\u0000${resource}`
    if (count) this.used.set(key, (this.used.get(key) ?? 0) + 1)
    const snapshot = this.snapshot(user, resource)
    return {
      'x-ratelimit-limit': String(snapshot.limit),
      'x-ratelimit-remaining': String(snapshot.remaining),
      'x-ratelimit-reset': String(snapshot.reset),
      'x-ratelimit-used': String(snapshot.used),
      'x-ratelimit-resource': resource
    }
  }

  /** Current numbers without counting a request (GET /rate_limit does not count either). */
  snapshot(user: string, resource: RateResource): RateSnapshot {
    const used = this.used.get(`${user}\u0000${resource}`) ?? 0
    return { limit: LIMIT, remaining: Math.max(0, LIMIT - used), reset: this.reset, used }
  }
}
