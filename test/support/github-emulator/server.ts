/**
 * The HTTP side: one pipeline per request — authenticate, match the route in GitHub's description,
 * validate, maybe inject a fault, run the handler, validate the answer, log. REST is served at `/`
 * and at `/api/v3` (GHES layout), GraphQL at `/graphql` and `/api/graphql`.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppRecord, Credentials } from './apps.js'
import { errorMessage, HttpError } from './errors.js'
import { faultJsonSchema, faultResponse, type FaultInjector, type FaultSpec } from './faults.js'
import { handleGraphql } from './graphql/handler.js'
import { applyMutation, mutationSchema } from './mutations.js'
import { checkBody, checkQuery, checkResponse, matchRoute, type Operation } from './openapi.js'
import type { RateLimiter } from './rate-limit.js'
import { violationSource, type RequestLog, type RequestLogEntry, type ViolationKind } from './request-log.js'
import { actionHandlers } from './rest/actions.js'
import { APP_JWT_OPERATIONS, appHandlers } from './rest/apps.js'
import type { RestHandlers, RestResponse } from './rest/context.js'
import { issueHandlers } from './rest/issues.js'
import { pullHandlers } from './rest/pulls.js'
import { gitHandlers } from './rest/git.js'
import { repoHandlers } from './rest/repos.js'
import type { ShapeContext } from './rest/shapes.js'
import type { EmulatorState } from './state.js'

/** Everything the pipeline works on; one per emulator instance. */
export interface ServerParts {
  state: EmulatorState
  log: RequestLog
  faults: FaultInjector
  rateLimiter: RateLimiter
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin: () => string
}

/** A request in flight: what the log entry and violations will say about it. */
interface Exchange {
  entry: RequestLogEntry
  startedAt: number
  apiBase: string
  url: URL
  rawBody: string
  /** Query parameters coerced to the description's types, once validated. */
  query: Record<string, unknown>
}

const JSON_TYPE = 'application/json; charset=utf-8'

/** Builds the node:http request listener for one emulator. */
export function createRequestListener(
  parts: ServerParts
): (req: IncomingMessage, res: ServerResponse) => void {
  const handlers: RestHandlers = {
    ...issueHandlers,
    ...pullHandlers,
    ...actionHandlers,
    ...gitHandlers,
    ...appHandlers,
    ...repoHandlers(parts.rateLimiter)
  }
  return (req, res) => {
    readBody(req)
      .then(rawBody => route(parts, handlers, req, res, rawBody))
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { message: `emulator crashed: ${errorMessage(error)}` })
      })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function route(
  parts: ServerParts,
  handlers: RestHandlers,
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: string
): Promise<void> {
  const url = new URL(req.url ?? '/', parts.origin())
  let path = url.pathname
  let apiBase = parts.origin()
  if (path === '/api/graphql') path = '/graphql'
  else if (path.startsWith('/api/v3/')) {
    path = path.slice('/api/v3'.length)
    apiBase += '/api/v3'
  }
  if (path.startsWith('/_emulator/') && !path.startsWith('/_emulator/logs/')) {
    controlRoute(parts, req.method ?? 'GET', path, rawBody, res)
    return
  }
  const token = tokenOf(req)
  const exchange: Exchange = {
    startedAt: Date.now(),
    apiBase,
    url,
    rawBody,
    query: {},
    entry: {
      seq: parts.log.nextSeq(),
      kind: path === '/graphql' ? 'graphql' : path.startsWith('/_emulator/logs/') ? 'log' : 'rest',
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      token,
      user: null,
      operationId: null,
      route: null,
      durationMs: 0
    }
  }
  const answer = await answerRequest(parts, handlers, exchange)
  finish(parts, res, exchange, answer)
}

interface Answer {
  status: number
  body?: unknown
  text?: string
  headers?: Record<string, string>
}

async function answerRequest(parts: ServerParts, handlers: RestHandlers, ex: Exchange): Promise<Answer> {
  const { entry } = ex
  if (entry.kind === 'log') return jobLogAnswer(parts, entry.path)
  if (entry.token === null) return { status: 401, body: errorBody('Requires authentication') }
  const credentials = credentialsOf(parts, entry.token)
  if (credentials.kind === 'refused')
    return { status: credentials.status, body: errorBody(credentials.message) }
  const app = credentials.kind === 'app' ? credentials.app : undefined
  // An App's requests are the App's own: its slug in the log, its own rate limit.
  const user = app ? `${app.slug}[app]` : (credentials as { login: string }).login
  if (app) entry.app = app.slug
  else entry.user = user
  // Like GitHub, asking for the rate limit does not count against it.
  const counts = entry.path !== '/rate_limit'
  const rateHeaders = parts.rateLimiter.consume(user, entry.kind === 'graphql' ? 'graphql' : 'core', counts)
  if (app && entry.kind === 'graphql') {
    violation(parts, ex, 'invalid-auth', "an App's JWT cannot call GraphQL: use an installation token")
    return { status: 403, body: errorBody('Resource not accessible by integration'), headers: rateHeaders }
  }
  const answer =
    entry.kind === 'graphql'
      ? await graphqlAnswer(parts, ex, user)
      : await restAnswer(parts, handlers, ex, user, app)
  const scopes = parts.state.tokenScopes.get(entry.token)
  const scopeHeaders: Record<string, string> = scopes ? { 'x-oauth-scopes': scopes.join(', ') } : {}
  return { ...answer, headers: { ...rateHeaders, ...scopeHeaders, ...answer.headers } }
}

async function graphqlAnswer(parts: ServerParts, ex: Exchange, user: string): Promise<Answer> {
  ex.entry.operationId = 'graphql'
  if (ex.entry.method !== 'POST') {
    violation(parts, ex, 'unknown-method', `${ex.entry.method} /graphql: GitHub accepts only POST`)
    return { status: 404, body: errorBody('Not Found') }
  }
  const body = parseJson(ex.rawBody)
  const faulted = await applyFault(parts, ex, '/graphql')
  if (faulted) return faulted
  const outcome = handleGraphql(shapeContext(parts, ex), user, body.ok ? body.value : undefined)
  ex.entry.graphql = {
    operationName: outcome.operationName,
    query: outcome.query,
    variables: body.ok && isRecord(body.value) ? body.value.variables : undefined
  }
  for (const problem of outcome.problems) violation(parts, ex, problem.kind, problem.message)
  return { status: 200, body: outcome.body }
}

/** Who the token is: an App's installation bot or JWT, a scenario user, or refused. */
function credentialsOf(parts: ServerParts, token: string): Credentials {
  const app = parts.state.apps.authenticate(token, Date.now())
  if (app) return app
  const login = parts.state.loginForToken(token)
  return login === undefined
    ? { kind: 'refused', status: 401, message: 'Bad credentials' }
    : { kind: 'user', login }
}

/**
 * The App routes take only an App's JWT, and an App's JWT takes only them: either mix-up is our
 * code's mistake (the answers' wording is the emulator's, but for GitHub's JWT message).
 */
function wrongCredentials(
  parts: ServerParts,
  ex: Exchange,
  operation: Operation,
  app: AppRecord | undefined
): Answer | undefined {
  const needsJwt = APP_JWT_OPERATIONS.has(operation.operationId)
  if (needsJwt && !app) {
    violation(
      parts,
      ex,
      'invalid-auth',
      `${operation.operationId} needs a GitHub App's JWT (Authorization: Bearer <jwt>)`
    )
    return { status: 401, body: errorBody('A JSON web token could not be decoded') }
  }
  if (!needsJwt && app) {
    violation(
      parts,
      ex,
      'invalid-auth',
      `an App's JWT authenticates only ${[...APP_JWT_OPERATIONS].join(', ')}: ${operation.operationId} needs an installation token`
    )
    return { status: 403, body: errorBody('Resource not accessible by integration') }
  }
  return undefined
}

async function restAnswer(
  parts: ServerParts,
  handlers: RestHandlers,
  ex: Exchange,
  user: string,
  app: AppRecord | undefined
): Promise<Answer> {
  const { entry } = ex
  const match = matchRoute(entry.method, entry.path)
  if (match.kind === 'unknown-route') {
    violation(parts, ex, 'unknown-route', `no operation in GitHub's REST description matches ${entry.path}`)
    return { status: 404, body: errorBody('Not Found') }
  }
  if (match.kind === 'unknown-method') {
    const allowed = match.allowed.map(m => m.toUpperCase()).join(', ')
    violation(
      parts,
      ex,
      'unknown-method',
      `${entry.method} is not an operation of ${match.template} (only ${allowed})`
    )
    return { status: 404, body: errorBody('Not Found') }
  }
  const { operation, pathParams } = match
  entry.operationId = operation.operationId
  entry.route = operation.template
  const wrong = wrongCredentials(parts, ex, operation, app)
  if (wrong) return wrong
  const invalid = validateRequest(parts, ex, operation, pathParams)
  if (invalid) return invalid
  const spec = parts.faults.take(ex.entry.method, ex.entry.path, operation.template)
  const faulted = spec && !spec.afterAction ? await answerFault(ex, spec) : undefined
  if (faulted) return faulted
  const handler = handlers[operation.operationId]
  if (!handler) {
    violation(parts, ex, 'not-implemented', `the emulator does not implement ${operation.operationId}`)
    return { status: 501, body: errorBody(`Emulator does not implement ${operation.operationId}`) }
  }
  const answer = runHandler(parts, ex, () =>
    handler({
      ctx: shapeContext(parts, ex),
      params: pathParams,
      query: ex.query,
      body: entry.body,
      actor: user,
      url: ex.url,
      ...(app ? { app } : {})
    })
  )
  const problems = answer.body === undefined ? [] : checkResponse(operation, answer.status, answer.body)
  for (const problem of problems) violation(parts, ex, 'response-schema', problem)
  // A lost answer: the change above is made, and the client hears only the fault.
  if (spec?.afterAction) return (await answerFault(ex, spec)) ?? answer
  return answer
}

/** Checks repository, query and body; answers 4xx (and records a violation) when something is off. */
function validateRequest(
  parts: ServerParts,
  ex: Exchange,
  operation: Operation,
  pathParams: Record<string, string>
): Answer | undefined {
  const { repo } = parts.state
  const owner = pathParams.owner
  const name = pathParams.repo
  if (
    owner !== undefined &&
    name !== undefined &&
    (owner.toLowerCase() !== repo.owner.toLowerCase() || name.toLowerCase() !== repo.name.toLowerCase())
  ) {
    violation(
      parts,
      ex,
      'unknown-repository',
      `repository ${owner}/${name} is not the emulated ${repo.owner}/${repo.name}`
    )
    return { status: 404, body: errorBody('Not Found') }
  }
  const { problems, values } = checkQuery(operation, ex.url.searchParams)
  ex.query = values
  if (problems.length > 0) {
    violation(parts, ex, 'invalid-params', problems.join('; '))
    return { status: 422, body: errorBody('Invalid request.', { errors: problems }) }
  }
  const body = ex.rawBody.trim() === '' ? { ok: true as const, value: undefined } : parseJson(ex.rawBody)
  if (!body.ok) {
    violation(parts, ex, 'invalid-body', 'request body is not JSON')
    return { status: 400, body: errorBody('Problems parsing JSON') }
  }
  ex.entry.body = body.value
  const bodyProblems = checkBody(operation, body.value)
  if (bodyProblems.length > 0) {
    violation(parts, ex, 'invalid-body', bodyProblems.join('; '))
    return { status: 422, body: errorBody('Invalid request.', { errors: bodyProblems }) }
  }
  return undefined
}

function runHandler(parts: ServerParts, ex: Exchange, run: () => RestResponse): Answer {
  try {
    return run()
  } catch (error) {
    if (error instanceof HttpError)
      return { status: error.status, body: error.body(), headers: error.headers }
    violation(parts, ex, 'emulator-error', errorMessage(error))
    return { status: 500, body: errorBody(`emulator error: ${errorMessage(error)}`) }
  }
}

async function applyFault(parts: ServerParts, ex: Exchange, template: string): Promise<Answer | undefined> {
  const spec: FaultSpec | undefined = parts.faults.take(ex.entry.method, ex.entry.path, template)
  return spec ? answerFault(ex, spec) : undefined
}

/** The answer to a request a fault took: after its delay, its status (undefined: answer normally). */
async function answerFault(ex: Exchange, spec: FaultSpec): Promise<Answer | undefined> {
  ex.entry.fault = { status: spec.status ?? null, delayMs: spec.delayMs ?? null }
  if (spec.delayMs) await new Promise(resolve => setTimeout(resolve, spec.delayMs))
  const fault = faultResponse(spec)
  return fault ? { status: fault.status, body: fault.body, headers: fault.headers } : undefined
}

function jobLogAnswer(parts: ServerParts, path: string): Answer {
  const id = Number(path.slice('/_emulator/logs/'.length))
  try {
    return {
      status: 200,
      text: parts.state.job(id).job.log,
      headers: { 'content-type': 'text/plain; charset=utf-8' }
    }
  } catch {
    return { status: 404, text: 'Not Found', headers: { 'content-type': 'text/plain; charset=utf-8' } }
  }
}

function finish(parts: ServerParts, res: ServerResponse, ex: Exchange, answer: Answer): void {
  ex.entry.status = answer.status
  ex.entry.durationMs = Date.now() - ex.startedAt
  parts.log.entries.push(ex.entry)
  const headers = {
    'x-github-request-id': randomUUID(),
    'x-github-api-version-selected': '2022-11-28',
    ...answer.headers
  }
  if (answer.text !== undefined) {
    // As GitHub's log storage does: the length is known before the body.
    res.writeHead(answer.status, { ...headers, 'content-length': String(Buffer.byteLength(answer.text)) })
    res.end(answer.text)
    return
  }
  send(res, answer.status, answer.body, headers)
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  if (body === undefined) {
    res.writeHead(status, headers)
    res.end()
    return
  }
  res.writeHead(status, { 'content-type': JSON_TYPE, ...headers })
  res.end(JSON.stringify(body))
}

function violation(parts: ServerParts, ex: Exchange, kind: ViolationKind, message: string): void {
  const { entry } = ex
  parts.log.violations.push({
    source: violationSource(kind),
    kind,
    method: entry.method,
    path: entry.path,
    operationId: entry.operationId,
    message,
    request: entry.seq
  })
}

function shapeContext(parts: ServerParts, ex: Exchange): ShapeContext {
  return { state: parts.state, api: ex.apiBase }
}

function tokenOf(req: IncomingMessage): string | null {
  const match = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')
  return match?.[1]?.trim() ?? null
}

function errorBody(message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return new HttpError(0, message, extra).body()
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The `/_emulator/*` control API (not logged, never validated against GitHub's description). */
function controlRoute(
  parts: ServerParts,
  method: string,
  path: string,
  rawBody: string,
  res: ServerResponse
): void {
  const key = `${method} ${path}`
  if (key === 'GET /_emulator/requests') {
    send(res, 200, { requests: parts.log.entries, violations: parts.log.violations })
  } else if (key === 'DELETE /_emulator/requests') {
    parts.log.clear()
    send(res, 204, undefined)
  } else if (key === 'POST /_emulator/state') {
    controlPost(res, rawBody, json => applyMutation(parts.state, mutationSchema.parse(json)))
  } else if (key === 'POST /_emulator/faults') {
    controlPost(res, rawBody, json => {
      parts.faults.add(faultJsonSchema.parse(json))
      return {}
    })
  } else if (key === 'DELETE /_emulator/faults') {
    parts.faults.clear()
    send(res, 204, undefined)
  } else {
    send(res, 404, { message: `unknown control route ${key}` })
  }
}

function controlPost(
  res: ServerResponse,
  rawBody: string,
  apply: (json: unknown) => Record<string, unknown>
): void {
  const body = parseJson(rawBody)
  if (!body.ok) {
    send(res, 400, { message: 'body is not JSON' })
    return
  }
  try {
    send(res, 200, { ok: true, ...apply(body.value) })
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 400
    send(res, status, { ok: false, message: errorMessage(error) })
  }
}
