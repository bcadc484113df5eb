/** What REST handlers receive and return, and the helpers they share (pagination, roles, bodies). */
import type { z } from 'zod'
import type { AppRecord } from '../apps.js'
import { forbidden, HttpError } from '../errors.js'
import type { Permission } from '../scenario.js'
import { hasPermission } from '../state.js'
import type { ShapeContext } from './shapes.js'

/** A request that passed validation against the description, ready for its handler. */
export interface RestRequest {
  ctx: ShapeContext
  /** Path parameters by the description's names (`owner`, `issue_number`, ...). */
  params: Record<string, string>
  /** Query parameters, coerced to the types the description declares. */
  query: Record<string, unknown>
  /** Parsed JSON body, if any. */
  body: unknown
  /** Login the request's token acts as. */
  actor: string
  /** The App whose JWT authenticated the request (the App routes only). */
  app?: AppRecord
  /** The request URL as the client addressed it (for `Link` headers). */
  url: URL
}

/** What a handler answers: a JSON body, or a redirect/empty body through `headers`. */
export interface RestResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** A handler for one operation of the description. */
export type RestHandler = (req: RestRequest) => RestResponse

/** Handlers by operation id (`issues/get`). */
export type RestHandlers = Record<string, RestHandler>

/** 200 (or `status`) with a JSON body. */
export function json(body: unknown, status = 200, headers?: Record<string, string>): RestResponse {
  return { status, body, headers }
}

/** A path parameter as an integer (the router already checked that it is present). */
export function intParam(req: RestRequest, name: string): number {
  const value = Number(req.params[name])
  if (!Number.isInteger(value)) throw new HttpError(404, 'Not Found')
  return value
}

/** A query parameter as a string, if given. */
export function stringQuery(req: RestRequest, name: string): string | undefined {
  const value = req.query[name]
  return typeof value === 'string' ? value : value === undefined ? undefined : String(value)
}

/** Parses the (already description-validated) body into a typed value; 422 if it still does not fit. */
export function parseBody<T extends z.ZodType>(req: RestRequest, schema: T): z.output<T> {
  const result = schema.safeParse(req.body ?? {})
  if (result.success) return result.data
  throw new HttpError(422, 'Invalid request.', { errors: result.error.issues.map(i => i.message) })
}

/** 403 unless the acting user has at least `needed` on the repository. */
export function requireRole(req: RestRequest, needed: Permission): void {
  const user = req.ctx.state.user(req.actor)
  if (!hasPermission(user.permission, needed)) {
    throw forbidden(
      `Resource not accessible by integration (${req.actor} has '${user.permission}', needs '${needed}')`
    )
  }
}

/** The `per_page`/`page` window of `items`, with GitHub's `Link` header. */
export function paginate<T>(req: RestRequest, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(req.query.per_page ?? 30)))
  const page = Math.max(1, Number(req.query.page ?? 1))
  const lastPage = Math.max(1, Math.ceil(items.length / perPage))
  const links: string[] = []
  const pageUrl = (n: number): string => {
    const url = new URL(req.url.href)
    url.searchParams.set('page', String(n))
    return url.href
  }
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`)
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {}
  }
}

/** A paginated JSON array response. */
export function jsonPage<T>(req: RestRequest, items: T[], shape: (item: T) => unknown): RestResponse {
  const { page, headers } = paginate(req, items)
  return json(page.map(shape), 200, headers)
}

/** Sorts by a timestamp key, newest first unless `direction` is `asc`. */
export function sortByTime<T>(items: T[], key: (item: T) => string, direction: unknown): T[] {
  const sign = direction === 'asc' ? 1 : -1
  return [...items].sort((a, b) => sign * key(a).localeCompare(key(b)))
}
