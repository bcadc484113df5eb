/**
 * GitHub's published REST description (`@octokit/openapi`, api.github.com, unresolved `$ref`s) turned
 * into a router and lazily compiled Ajv validators. The description is parsed once per process and
 * shared by every emulator instance, because many tests start an emulator and parsing costs ~0.3 s.
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { packageFile } from './package-files.js'

/** ajv-formats is CommonJS; under NodeNext its default import is the module object. */
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const
/** A lower-case HTTP method of an OpenAPI operation. */
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** Loosely typed JSON Schema / OpenAPI node: the description is data we walk, not code we trust. */
type Node = Record<string, unknown>

/** One request parameter of an operation, after resolving `$ref`. */
export interface OperationParameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: Node
}

/** One operation of the description: what the router matched and what the validators check. */
export interface Operation {
  operationId: string
  method: HttpMethod
  /** The path template as written in the description, e.g. `/repos/{owner}/{repo}`. */
  template: string
  parameters: OperationParameter[]
  requestBody?: { required: boolean; schema: Node }
  /** JSON schema of each documented status code's `application/json` body, if any. */
  responses: Map<number, Node | undefined>
}

/** Result of matching a request path against the description's path templates. */
export type RouteMatch =
  | { kind: 'matched'; operation: Operation; pathParams: Record<string, string> }
  | { kind: 'unknown-route' }
  | { kind: 'unknown-method'; template: string; allowed: HttpMethod[] }

interface Template {
  template: string
  segments: string[]
  literalCount: number
  operations: Map<HttpMethod, Operation>
}

interface Spec {
  templates: Template[]
  ajv: Ajv
  validators: Map<string, ValidateFunction>
}

const SPEC_ID = 'github-rest'
let cachedSpec: Spec | undefined

/** Loads, converts and indexes the description once per process. */
function loadSpec(): Spec {
  if (cachedSpec) return cachedSpec
  const file = packageFile('@octokit/openapi', 'generated/api.github.com.json')
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Node
  const components = raw.components as Node
  convertNullable(components)
  // inlineRefs: false compiles each shared component (simple-user, repository...) once and reuses it
  // across operations; inlining made the first call of each operation about twice as slow.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, inlineRefs: false })
  addFormats(ajv)
  // GitHub-specific formats ajv-formats does not know; the description uses them on one field each.
  ajv.addFormat('repo.nwo', true)
  ajv.addFormat('timestamp', true)
  // Compiled lazily: Ajv only compiles the sub-schemas an operation actually reaches.
  ajv.addSchema({ $id: SPEC_ID, components })
  cachedSpec = { templates: indexPaths(raw.paths as Node, components), ajv, validators: new Map() }
  return cachedSpec
}

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema, and Ajv 8 throws on it when `type` is missing.
 * Rewrites it in place into the JSON Schema equivalent: `type: [t, 'null']`, or `anyOf: [schema, null]`.
 */
export function convertNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) convertNullable(item)
    return
  }
  if (!isNode(node)) return
  for (const value of Object.values(node)) convertNullable(value)
  if (node.nullable !== true) return
  delete node.nullable
  if (typeof node.type === 'string') {
    node.type = [node.type, 'null']
    if (Array.isArray(node.enum)) node.enum = [...node.enum, null]
    return
  }
  const copy: Node = { ...node }
  for (const key of Object.keys(node)) delete node[key]
  node.anyOf = [copy, { type: 'null' }]
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function indexPaths(paths: Node, components: Node): Template[] {
  const templates: Template[] = []
  for (const [template, item] of Object.entries(paths)) {
    if (!isNode(item)) continue
    const segments = template.split('/').slice(1)
    const operations = new Map<HttpMethod, Operation>()
    for (const method of HTTP_METHODS) {
      const op = item[method]
      if (isNode(op)) operations.set(method, toOperation(template, method, op, item, components))
    }
    templates.push({ template, segments, literalCount: segments.filter(s => !isParam(s)).length, operations })
  }
  // Literal segments win over parameters: `/issues/events` before `/issues/{issue_number}`.
  templates.sort((a, b) => b.literalCount - a.literalCount)
  return templates
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}')
}

function toOperation(
  template: string,
  method: HttpMethod,
  op: Node,
  item: Node,
  components: Node
): Operation {
  const rawParams = [...asArray(item.parameters), ...asArray(op.parameters)]
  const parameters = rawParams.map(p => resolveRef(p, components)).map(toParameter)
  const body = resolveRef(op.requestBody, components)
  const bodySchema = jsonContentSchema(body)
  const responses = new Map<number, Node | undefined>()
  for (const [status, response] of Object.entries(isNode(op.responses) ? op.responses : {})) {
    responses.set(Number(status), jsonContentSchema(resolveRef(response, components)))
  }
  return {
    operationId: String(op.operationId),
    method,
    template,
    parameters,
    requestBody: bodySchema ? { required: body?.required === true, schema: bodySchema } : undefined,
    responses
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** Follows a local `#/components/...` reference one level (parameters, responses, bodies). */
function resolveRef(value: unknown, components: Node): Node | undefined {
  if (!isNode(value)) return undefined
  if (typeof value.$ref !== 'string') return value
  let target: unknown = components
  for (const key of value.$ref.replace('#/components/', '').split('/')) {
    target = isNode(target) ? target[key] : undefined
  }
  return isNode(target) ? target : undefined
}

function toParameter(node: Node | undefined): OperationParameter {
  const where = node?.in
  return {
    name: String(node?.name),
    in: where === 'path' || where === 'header' || where === 'cookie' ? where : 'query',
    required: node?.required === true,
    schema: isNode(node?.schema) ? node.schema : {}
  }
}

function jsonContentSchema(node: Node | undefined): Node | undefined {
  const content = node?.content
  if (!isNode(content)) return undefined
  const json = content['application/json']
  return isNode(json) && isNode(json.schema) ? json.schema : undefined
}

/** Finds the operation for a method and a path (without query string, already stripped of /api/v3). */
export function matchRoute(method: string, path: string): RouteMatch {
  const segments = path.split('/').slice(1)
  const lowerMethod = method.toLowerCase() as HttpMethod
  for (const template of loadSpec().templates) {
    const pathParams = matchSegments(template.segments, segments)
    if (!pathParams) continue
    const operation = template.operations.get(lowerMethod)
    if (operation) return { kind: 'matched', operation, pathParams }
    return { kind: 'unknown-method', template: template.template, allowed: [...template.operations.keys()] }
  }
  return { kind: 'unknown-route' }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, part] of template.entries()) {
    const value = actual[i] ?? ''
    if (isParam(part)) {
      if (value === '') return undefined
      params[part.slice(1, -1)] = safeDecode(value)
    } else if (part !== value) {
      return undefined
    }
  }
  return params
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Warms the cache, so that the first test request does not pay for parsing the description. */
export function preloadSpec(): void {
  loadSpec()
}

/** Compiles (once per process) a validator for a schema node of the description. */
function validatorFor(key: string, schema: Node): ValidateFunction {
  const spec = loadSpec()
  let validate = spec.validators.get(key)
  if (!validate) {
    // `$ref`s inside the description are document-relative; re-anchor them on the shared document.
    const rebased = rebaseRefs(schema)
    // Inline schemas of operations may still carry OpenAPI's `nullable` (components were converted).
    convertNullable(rebased)
    validate = spec.ajv.compile(rebased as Node)
    spec.validators.set(key, validate)
  }
  return validate
}

function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs)
  if (!isNode(node)) return node
  const out: Node = {}
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? SPEC_ID + value
        : rebaseRefs(value)
  }
  return out
}

/**
 * Checks a request's query string against the operation's parameters. Returns readable problems
 * (empty when valid) and the values coerced to the declared types, for the handler.
 */
export function checkQuery(
  operation: Operation,
  query: URLSearchParams
): { problems: string[]; values: Node } {
  const problems: string[] = []
  const values: Node = {}
  const known = new Set(operation.parameters.filter(p => p.in === 'query').map(p => p.name))
  for (const name of new Set(query.keys())) {
    if (!known.has(name)) problems.push(`unknown query parameter '${name}'`)
  }
  for (const param of operation.parameters.filter(p => p.in === 'query')) {
    const raw = query.get(param.name)
    if (raw === null) {
      if (param.required) problems.push(`missing required query parameter '${param.name}'`)
      continue
    }
    const value = coerceQueryValue(raw, param.schema)
    const validate = validatorFor(`${operation.operationId} query ${param.name}`, param.schema)
    if (!validate(value)) problems.push(...formatErrors(validate.errors, `query parameter '${param.name}'`))
    values[param.name] = value
  }
  return { problems, values }
}

/** Query strings are text; the description types them (integers, booleans, enums). */
function coerceQueryValue(raw: string, schema: Node): unknown {
  const type = schema.type
  if ((type === 'integer' || type === 'number') && raw.trim() !== '' && !Number.isNaN(Number(raw))) {
    return Number(raw)
  }
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}

/** Checks a parsed JSON body against the operation's request body schema. */
export function checkBody(operation: Operation, body: unknown): string[] {
  const spec = operation.requestBody
  if (!spec) return []
  if (body === undefined) return spec.required ? ['missing required request body'] : []
  const validate = validatorFor(`${operation.operationId} body`, spec.schema)
  const problems = validate(body) ? [] : formatErrors(validate.errors, 'body')
  return [...problems, ...unknownBodyProperties(spec.schema, body)]
}

/**
 * GitHub silently ignores unknown body properties, which hides typos in our code (octokit sends every
 * unknown option as a body field). The emulator reports top-level ones as violations instead.
 */
function unknownBodyProperties(schema: Node, body: unknown): string[] {
  if (!isNode(body) || !isNode(schema.properties)) return []
  const known = new Set(Object.keys(schema.properties))
  return Object.keys(body)
    .filter(key => !known.has(key))
    .map(key => `body has unknown property '${key}'`)
}

/** Checks one of the emulator's own responses against the documented schema for its status. */
export function checkResponse(operation: Operation, status: number, body: unknown): string[] {
  if (!operation.responses.has(status)) {
    return status < 400 ? [`status ${status} is not documented for ${operation.operationId}`] : []
  }
  const schema = operation.responses.get(status)
  if (!schema) return []
  const validate = validatorFor(`${operation.operationId} response ${status}`, schema)
  return validate(body) ? [] : formatErrors(validate.errors, `response ${status}`)
}

function formatErrors(errors: ErrorObject[] | null | undefined, subject: string): string[] {
  // anyOf/oneOf failures repeat every branch's complaint; keep the report readable.
  return [
    ...new Set((errors ?? []).slice(0, 20).map(e => `${subject}${e.instancePath} ${e.message ?? ''}`.trim()))
  ]
}
