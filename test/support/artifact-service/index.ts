/**
 * A local stand-in for the Actions artifact backend that `@actions/artifact` (v2 and later) talks
 * to: the results service's Twirp JSON API and the Azure blob store behind its signed upload URLs.
 * Every request is held to what the library's own generated Twirp types declare (unknown fields,
 * wrong types and unknown methods are refused and recorded as violations), to the runtime token's
 * backend ids, and to the Azure block blob protocol the storage SDK speaks. Uploaded archives are
 * kept, so a test can read the files inside them. See README.md.
 *
 * ```ts
 * const artifacts = await startArtifactService()
 * Object.assign(process.env, artifacts.env)   // ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL
 * // ... upload with DefaultArtifactClient ...
 * artifacts.artifact('logs')?.files()          // [{ name, data }]
 * await artifacts.stop()                       // throws if any request broke the contract
 * ```
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { readZip, type ZipEntry } from './zip.js'

export { readZip, type ZipEntry } from './zip.js'

/** The protobuf-ts message types the library generated from the service's .proto (JSON codec only). */
interface MessageType {
  readonly typeName: string
  fromJson(json: unknown, options?: { ignoreUnknownFields?: boolean }): Record<string, unknown>
  toJson(message: Record<string, unknown>, options?: { useProtoFieldName?: boolean }): unknown
}
const generated = createRequire(import.meta.url)('@actions/artifact/lib/generated/index.js') as Record<
  string,
  MessageType
>

export const SERVICE = 'github.actions.results.api.v1.ArtifactService'
const METHODS = [
  'CreateArtifact',
  'FinalizeArtifact',
  'ListArtifacts',
  'GetSignedArtifactURL',
  'DeleteArtifact'
] as const
type Method = (typeof METHODS)[number]

/** The characters the service (and the library) refuse in artifact names. */
const INVALID_NAME_CHARACTERS = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/']

export interface ArtifactServiceOptions {
  port?: number
  /** The backend ids the runtime token names (random by default). */
  workflowRunBackendId?: string
  workflowJobRunBackendId?: string
}

/** One artifact as the service holds it. */
export interface StoredArtifact {
  readonly id: number
  readonly name: string
  readonly workflowRunBackendId: string
  readonly workflowJobRunBackendId: string
  readonly createdAt: Date
  /** From the request's `expires_at` (a retention period), when it had one. */
  readonly expiresAt: Date | undefined
  finalized: boolean
  /** The committed blob: the zip archive's bytes. */
  blob: Buffer | undefined
  /** The content type the uploader gave the blob (`zip` for @actions/artifact). */
  contentType: string | undefined
  /** What FinalizeArtifact reported. */
  size: number | undefined
  digest: string | undefined
  /** The files inside the archive. */
  files(): ZipEntry[]
}

export interface ArtifactRequestEntry {
  readonly method: string
  readonly path: string
  /** The Twirp method, or the blob operation (`block`, `blocklist`, `put`, `get`). */
  readonly operation: string
  readonly status: number
}

export interface ArtifactViolation {
  readonly request: string
  readonly problem: string
}

export interface ArtifactFault {
  readonly rpc: Method | 'blob'
  readonly status: number
  readonly code?: string
  readonly message?: string
  /** How many requests get the fault (default 1). */
  readonly times?: number
}

export interface ArtifactService {
  /** The value of ACTIONS_RESULTS_URL (with its trailing slash, as the runner sets it). */
  readonly url: string
  /** A runtime token (JWT) whose `scp` claim names the backend ids. */
  readonly runtimeToken: string
  readonly workflowRunBackendId: string
  readonly workflowJobRunBackendId: string
  /** ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL, as the runner gives them to an action. */
  readonly env: { ACTIONS_RUNTIME_TOKEN: string; ACTIONS_RESULTS_URL: string }
  /** Finalized artifacts (the ones a workflow run's page would list). */
  artifacts(): StoredArtifact[]
  artifact(name: string): StoredArtifact | undefined
  requests(): ArtifactRequestEntry[]
  violations(): ArtifactViolation[]
  injectFault(fault: ArtifactFault): void
  /** Closes the server; throws when violations were recorded (unless allowed). */
  stop(options?: { allowViolations?: boolean }): Promise<void>
}

export class ArtifactViolationsError extends Error {
  constructor(readonly violations: readonly ArtifactViolation[]) {
    super(
      `artifact service recorded ${violations.length} violation(s):\n${violations.map(v => `- ${v.request}: ${v.problem}`).join('\n')}`
    )
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An unsigned JWT shaped like the runner's: `Actions.Results:<run backend id>:<job backend id>` in `scp`. */
export function runtimeTokenFor(runBackendId: string, jobBackendId: string): string {
  const now = Math.floor(Date.now() / 1000)
  const claims = {
    scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`,
    iat: now,
    exp: now + 6 * 3600
  }
  return `${base64url({ typ: 'JWT', alg: 'HS256' })}.${base64url(claims)}.${randomBytes(16).toString('base64url')}`
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** Twirp's error codes and their HTTP statuses (https://twitchtv.github.io/twirp/docs/spec_v7.html). */
const TWIRP_STATUS: Record<string, number> = {
  malformed: 400,
  invalid_argument: 400,
  bad_route: 404,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503
}

class TwirpError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/** Starts the service on 127.0.0.1 (a random port unless given). */
export async function startArtifactService(options: ArtifactServiceOptions = {}): Promise<ArtifactService> {
  const runBackendId = options.workflowRunBackendId ?? randomUUID()
  const jobBackendId = options.workflowJobRunBackendId ?? randomUUID()
  const token = runtimeTokenFor(runBackendId, jobBackendId)
  const stored: StoredArtifact[] = []
  const log: ArtifactRequestEntry[] = []
  const violations: ArtifactViolation[] = []
  const faults: Array<ArtifactFault & { left: number }> = []
  /** Uncommitted blocks and the upload signature, per artifact id. */
  const uploads = new Map<number, { sig: string; blocks: Map<string, Buffer> }>()
  let nextId = 1
  let base = ''

  const violate = (request: string, problem: string) => violations.push({ request, problem })
  const takeFault = (rpc: ArtifactFault['rpc']) => {
    const fault = faults.find(candidate => candidate.rpc === rpc && candidate.left > 0)
    if (fault) fault.left--
    return fault
  }

  const answerJson = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }

  /** A response, checked against the generated type before it goes out (an emulator-side violation otherwise). */
  const reply = (method: Method, json: Record<string, unknown>): unknown => {
    const type = generated[`${method}Response`] as MessageType
    try {
      type.fromJson(json, { ignoreUnknownFields: false })
    } catch (error) {
      violate(`emulator ${method} response`, (error as Error).message)
    }
    return json
  }

  const findArtifact = (name: string, ids: { run: string; job: string }) =>
    stored.find(artifact => artifact.name === name && artifact.workflowRunBackendId === ids.run)

  const checkIds = (label: string, message: Record<string, unknown>) => {
    const run = message.workflowRunBackendId
    const job = message.workflowJobRunBackendId
    if (run !== runBackendId || job !== jobBackendId) {
      violate(
        label,
        `backend ids ${String(run)}/${String(job)} are not the runtime token's ${runBackendId}/${jobBackendId}`
      )
      throw new TwirpError('permission_denied', 'backend ids do not match the token')
    }
    return { run: runBackendId, job: jobBackendId }
  }

  const checkName = (label: string, name: unknown): string => {
    if (typeof name !== 'string' || name === '') {
      violate(label, 'no artifact name')
      throw new TwirpError('invalid_argument', 'name is required')
    }
    const bad = INVALID_NAME_CHARACTERS.find(character => name.includes(character))
    if (bad) {
      violate(label, `artifact name ${JSON.stringify(name)} contains ${JSON.stringify(bad)}`)
      throw new TwirpError('invalid_argument', 'invalid artifact name')
    }
    return name
  }

  const signedUrl = (id: number, sig: string) =>
    `${base}blob/actions-results/${runBackendId}/${jobBackendId}/artifacts/${id}.zip?sv=2025-01-05&sr=b&sp=cw&se=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}&sig=${encodeURIComponent(sig)}`

  const rpcs: Record<Method, (label: string, message: Record<string, unknown>) => Record<string, unknown>> = {
    CreateArtifact(label, message) {
      const ids = checkIds(label, message)
      const name = checkName(label, message.name)
      if (message.version !== 4) violate(label, `version ${String(message.version)}, expected 4`)
      if (findArtifact(name, ids))
        throw new TwirpError('already_exists', `an artifact named ${name} already exists in this run`)
      const expires = message.expiresAt as { seconds: string } | undefined
      const expiresAt = expires ? new Date(Number(expires.seconds) * 1000) : undefined
      if (expiresAt && expiresAt.getTime() <= Date.now())
        violate(label, `expires_at ${expiresAt.toISOString()} is in the past`)
      const id = nextId++
      const artifact: StoredArtifact = {
        id,
        name,
        workflowRunBackendId: ids.run,
        workflowJobRunBackendId: ids.job,
        createdAt: new Date(),
        expiresAt,
        finalized: false,
        blob: undefined,
        contentType: undefined,
        size: undefined,
        digest: undefined,
        files() {
          if (!this.blob) throw new Error(`artifact ${name} has no uploaded archive`)
          return readZip(this.blob)
        }
      }
      stored.push(artifact)
      const sig = randomBytes(24).toString('base64')
      uploads.set(id, { sig, blocks: new Map() })
      return { ok: true, signed_upload_url: signedUrl(id, sig) }
    },
    FinalizeArtifact(label, message) {
      const ids = checkIds(label, message)
      const name = checkName(label, message.name)
      const artifact = findArtifact(name, ids)
      if (!artifact) {
        violate(label, `no artifact named ${name} was created`)
        throw new TwirpError('not_found', `artifact ${name} not found`)
      }
      if (artifact.finalized) violate(label, `artifact ${name} is already finalized`)
      if (!artifact.blob) {
        violate(label, `artifact ${name} is finalized before its blob was committed`)
        throw new TwirpError('failed_precondition', 'no blob uploaded')
      }
      const size = Number(message.size)
      if (size !== artifact.blob.length)
        violate(label, `size ${String(message.size)} is not the ${artifact.blob.length} bytes uploaded`)
      const hash = (message.hash as { value?: string } | undefined)?.value
      const actual = `sha256:${createHash('sha256').update(artifact.blob).digest('hex')}`
      if (hash !== undefined && hash !== actual) violate(label, `hash ${hash} is not the upload's ${actual}`)
      artifact.finalized = true
      artifact.size = size
      artifact.digest = hash
      return { ok: true, artifact_id: String(artifact.id) }
    },
    ListArtifacts(label, message) {
      const ids = checkIds(label, message)
      const nameFilter = (message.nameFilter as { value?: string } | undefined)?.value
      const idFilter = (message.idFilter as { value?: string } | undefined)?.value
      const artifacts = stored
        .filter(artifact => artifact.finalized && artifact.workflowRunBackendId === ids.run)
        .filter(artifact => nameFilter === undefined || artifact.name === nameFilter)
        .filter(artifact => idFilter === undefined || String(artifact.id) === idFilter)
        .map(artifact => ({
          workflow_run_backend_id: artifact.workflowRunBackendId,
          workflow_job_run_backend_id: artifact.workflowJobRunBackendId,
          database_id: String(artifact.id),
          name: artifact.name,
          size: String(artifact.size ?? 0),
          created_at: artifact.createdAt.toISOString(),
          ...(artifact.digest ? { digest: artifact.digest } : {})
        }))
      return { artifacts }
    },
    GetSignedArtifactURL(label, message) {
      const ids = checkIds(label, message)
      const artifact = findArtifact(checkName(label, message.name), ids)
      if (!artifact?.finalized) throw new TwirpError('not_found', 'artifact not found')
      const upload = uploads.get(artifact.id)!
      return { signed_url: signedUrl(artifact.id, upload.sig).replace('sp=cw', 'sp=r') }
    },
    DeleteArtifact(label, message) {
      const ids = checkIds(label, message)
      const artifact = findArtifact(checkName(label, message.name), ids)
      if (!artifact?.finalized) throw new TwirpError('not_found', 'artifact not found')
      stored.splice(stored.indexOf(artifact), 1)
      return { ok: true, artifact_id: String(artifact.id) }
    }
  }

  const handleTwirp = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const label = `${request.method} ${path}`
    const match = /^\/twirp\/([^/]+)\/([^/]+)$/.exec(path)
    const service = match?.[1]
    const method = match?.[2] as Method | undefined
    const body = await readBody(request)
    const fail = (status: number, code: string, msg: string) => {
      log.push({ method: request.method ?? '', path, operation: method ?? 'twirp', status })
      answerJson(response, status, { code, msg })
    }
    if (service !== SERVICE || !method || !METHODS.includes(method)) {
      violate(label, `no such Twirp method (the service is ${SERVICE}: ${METHODS.join(', ')})`)
      return fail(404, 'bad_route', `no handler for ${path}`)
    }
    if (request.method !== 'POST') {
      violate(label, 'Twirp methods are called with POST')
      return fail(404, 'bad_route', 'use POST')
    }
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      violate(label, `content-type ${String(request.headers['content-type'])}, expected application/json`)
      return fail(400, 'malformed', 'expected application/json')
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      violate(label, 'the Authorization header is not "Bearer <the runtime token>"')
      return fail(401, 'unauthenticated', 'bad token')
    }
    let json: unknown
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      violate(label, 'the body is not JSON')
      return fail(400, 'malformed', 'the body is not JSON')
    }
    let message: Record<string, unknown>
    try {
      message = (generated[`${method}Request`] as MessageType).fromJson(json, { ignoreUnknownFields: false })
    } catch (error) {
      violate(label, `the body is not a ${method}Request: ${(error as Error).message}`)
      return fail(400, 'malformed', (error as Error).message)
    }
    const fault = takeFault(method)
    if (fault) return fail(fault.status, fault.code ?? 'internal', fault.message ?? 'injected fault')
    try {
      const answer = reply(method, rpcs[method](label, message))
      log.push({ method: 'POST', path, operation: method, status: 200 })
      answerJson(response, 200, answer)
    } catch (error) {
      if (!(error instanceof TwirpError)) throw error
      fail(TWIRP_STATUS[error.code] ?? 500, error.code, error.message)
    }
  }

  const handleBlob = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const label = `${request.method} ${url.pathname}?comp=${url.searchParams.get('comp') ?? ''}`
    const body = await readBody(request)
    const comp = url.searchParams.get('comp')
    const operation =
      request.method === 'GET'
        ? 'get'
        : comp === 'block'
          ? 'block'
          : comp === 'blocklist'
            ? 'blocklist'
            : 'put'
    const azureError = (status: number, code: string, message: string) => {
      log.push({ method: request.method ?? '', path: url.pathname, operation, status })
      response.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code })
      response.end(
        `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
      )
    }
    const created = (headers: Record<string, string> = {}) => {
      log.push({ method: request.method ?? '', path: url.pathname, operation, status: 201 })
      response.writeHead(201, {
        'x-ms-request-id': randomUUID(),
        'x-ms-version': '2025-01-05',
        'x-ms-request-server-encrypted': 'true',
        date: new Date().toUTCString(),
        ...headers
      })
      response.end()
    }
    const id = Number(/\/artifacts\/(\d+)\.zip$/.exec(url.pathname)?.[1])
    const artifact = stored.find(candidate => candidate.id === id)
    const upload = uploads.get(id)
    if (!artifact || !upload) {
      violate(label, 'no artifact has this blob URL')
      return azureError(404, 'BlobNotFound', 'The specified blob does not exist.')
    }
    if (url.searchParams.get('sig') !== upload.sig) {
      violate(label, "the URL's signature is not the one CreateArtifact handed out")
      return azureError(403, 'AuthenticationFailed', 'Signature did not match.')
    }
    if (request.method === 'GET') {
      if (!artifact.blob) return azureError(404, 'BlobNotFound', 'The specified blob does not exist.')
      log.push({ method: 'GET', path: url.pathname, operation, status: 200 })
      response.writeHead(200, { 'content-type': artifact.contentType ?? 'application/octet-stream' })
      return response.end(artifact.blob)
    }
    if (request.method !== 'PUT') {
      violate(label, 'uploads are PUT requests')
      return azureError(405, 'UnsupportedHttpVerb', 'The resource does not support the verb.')
    }
    if (!request.headers['x-ms-version']) violate(label, 'no x-ms-version header')
    if (artifact.finalized) violate(label, 'the blob is written after FinalizeArtifact')
    const length = Number(request.headers['content-length'])
    if (length !== body.length)
      violate(label, `content-length ${String(length)} for a ${body.length}-byte body`)
    const fault = takeFault('blob')
    if (fault)
      return azureError(fault.status, fault.code ?? 'InternalError', fault.message ?? 'injected fault')
    const commit = (blob: Buffer) => {
      artifact.blob = blob
      artifact.contentType = request.headers['x-ms-blob-content-type'] as string | undefined
      created({
        etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
        'last-modified': new Date().toUTCString()
      })
    }
    if (comp === 'block') {
      const blockId = url.searchParams.get('blockid') ?? ''
      const decoded = Buffer.from(blockId, 'base64')
      if (!blockId || decoded.toString('base64') !== blockId || decoded.length > 64) {
        violate(label, `block id ${JSON.stringify(blockId)} is not base64 of at most 64 bytes`)
        return azureError(
          400,
          'InvalidQueryParameterValue',
          'Value for one of the query parameters specified in the request URI is invalid.'
        )
      }
      const lengths = new Set([...upload.blocks.keys()].map(key => key.length))
      if (lengths.size > 0 && !lengths.has(blockId.length))
        violate(label, 'block ids of one blob must all have the same length')
      upload.blocks.set(blockId, body)
      return created()
    }
    if (comp === 'blocklist') {
      const xml = body.toString('utf8')
      if (!/^(<\?xml[^>]*\?>)?\s*<BlockList>[\s\S]*<\/BlockList>\s*$/.test(xml)) {
        violate(label, `the body is not a BlockList document: ${xml.slice(0, 200)}`)
        return azureError(400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.')
      }
      const ids = [...xml.matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map(
        match => match[2] ?? ''
      )
      const missing = ids.filter(blockId => !upload.blocks.has(blockId))
      if (missing.length > 0) {
        violate(label, `the block list names blocks never staged: ${missing.join(', ')}`)
        return azureError(400, 'InvalidBlockList', 'The specified block list is invalid.')
      }
      const blob = Buffer.concat(ids.map(blockId => upload.blocks.get(blockId) as Buffer))
      upload.blocks.clear()
      return commit(blob)
    }
    if (comp !== null || request.headers['x-ms-blob-type'] !== 'BlockBlob') {
      violate(
        label,
        `not a block blob upload (comp=${String(comp)}, x-ms-blob-type=${String(request.headers['x-ms-blob-type'])})`
      )
      return azureError(
        400,
        'InvalidHeaderValue',
        'The value for one of the HTTP headers is not in the correct format.'
      )
    }
    return commit(body)
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const handled = url.pathname.startsWith('/twirp/')
      ? handleTwirp(request, response, url.pathname)
      : url.pathname.startsWith('/blob/')
        ? handleBlob(request, response, url)
        : (async () => {
            violate(`${request.method} ${url.pathname}`, 'neither a Twirp route nor a blob URL')
            await readBody(request)
            log.push({ method: request.method ?? '', path: url.pathname, operation: 'unknown', status: 404 })
            answerJson(response, 404, { code: 'bad_route', msg: 'not found' })
          })()
    handled.catch((error: unknown) => {
      violate(
        `${request.method} ${url.pathname}`,
        `emulator error: ${(error as Error).stack ?? String(error)}`
      )
      if (!response.headersSent) answerJson(response, 500, { code: 'internal', msg: 'emulator error' })
      else response.end()
    })
  })
  await new Promise<void>(resolve => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

  return {
    url: base,
    runtimeToken: token,
    workflowRunBackendId: runBackendId,
    workflowJobRunBackendId: jobBackendId,
    env: { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: base },
    artifacts: () => stored.filter(artifact => artifact.finalized),
    artifact: name => stored.find(artifact => artifact.finalized && artifact.name === name),
    requests: () => [...log],
    violations: () => [...violations],
    injectFault: fault => faults.push({ ...fault, left: fault.times ?? 1 }),
    async stop({ allowViolations = false } = {}) {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
      if (!allowViolations && violations.length > 0) throw new ArtifactViolationsError(violations)
    }
  }
}
