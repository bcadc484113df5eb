/**
 * POST /graphql: every document is validated against GitHub's published schema
 * (`@octokit/graphql-schema`) with graphql-js, then executed over the emulator state.
 */
import { readFileSync } from 'node:fs'
import {
  buildClientSchema,
  defaultFieldResolver,
  execute,
  getNamedType,
  GraphQLError,
  isNonNullType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery
} from 'graphql'
import { z } from 'zod'
import { errorMessage } from '../errors.js'
import { packageFile } from '../package-files.js'
import type { ShapeContext } from '../rest/shapes.js'
import { GraphClientError } from './connection.js'
import { GraphModels } from './models.js'

let cachedSchema: GraphQLSchema | undefined

/** GitHub's schema, built once per process (~0.1 s) on first use. */
export function githubSchema(): GraphQLSchema {
  if (cachedSchema) return cachedSchema
  const json = JSON.parse(readFileSync(packageFile('@octokit/graphql-schema', 'schema.json'), 'utf8')) as {
    data?: IntrospectionQuery
  } & IntrospectionQuery
  cachedSchema = buildClientSchema(json.data ?? json)
  return cachedSchema
}

const requestSchema = z.object({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish()
})

/** A GraphQL problem found while answering (the kind tells whether the client or the emulator erred). */
export interface GraphProblem {
  kind: 'graphql-invalid' | 'graphql-error' | 'not-implemented' | 'emulator-error'
  message: string
}

/** What the server needs to answer and log a GraphQL request. */
export interface GraphOutcome {
  body: Record<string, unknown>
  operationName: string | null
  query: string | null
  problems: GraphProblem[]
}

/** Answers one GraphQL request body for the given viewer. */
export function handleGraphql(ctx: ShapeContext, viewer: string, rawBody: unknown): GraphOutcome {
  const request = requestSchema.safeParse(rawBody)
  if (!request.success) {
    const message = 'A query attribute must be specified and must be a string.'
    return {
      body: { errors: [{ message }] },
      operationName: null,
      query: null,
      problems: [{ kind: 'graphql-invalid', message }]
    }
  }
  const { query, variables, operationName } = request.data
  let loggedName = operationName ?? null
  const outcome = (body: Record<string, unknown>, problems: GraphProblem[]): GraphOutcome => ({
    body,
    operationName: loggedName,
    query,
    problems
  })
  let document: DocumentNode
  try {
    document = parse(query)
  } catch (error) {
    const message = errorMessage(error)
    return outcome({ errors: [{ message }] }, [{ kind: 'graphql-invalid', message }])
  }
  // @octokit/graphql sends no operationName; log the document's own name instead.
  loggedName ??= firstOperationName(document)
  const validationErrors = validate(githubSchema(), document)
  if (validationErrors.length > 0) {
    const problems = validationErrors.map(e => ({ kind: 'graphql-invalid' as const, message: e.message }))
    return outcome({ errors: validationErrors.map(e => e.toJSON()) }, problems)
  }
  const problems: GraphProblem[] = []
  const result = execute({
    schema: githubSchema(),
    document,
    rootValue: new GraphModels(ctx, viewer).root(),
    variableValues: variables ?? undefined,
    operationName: operationName ?? undefined,
    fieldResolver: reportingResolver(problems)
  })
  if (result instanceof Promise)
    throw new Error('resolvers are synchronous; a Promise means a bug in the emulator')
  const errors = (result.errors ?? []).map(e => formatError(e, problems))
  const body: Record<string, unknown> = { data: result.data ?? null }
  if (errors.length > 0) body.errors = errors
  return outcome(body, problems)
}

function firstOperationName(document: DocumentNode): string | null {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? null
  }
  return null
}

/**
 * The default resolver, except that a field the schema has but no model provides is reported as an
 * emulator gap (so a test fails loudly instead of quietly seeing null).
 */
function reportingResolver(problems: GraphProblem[]): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    if (typeof source === 'object' && source !== null && info.fieldName in source) {
      return defaultFieldResolver(source, args, context, info)
    }
    const parent = info.parentType.name
    const message = `the emulator does not implement ${parent}.${info.fieldName} (${String(getNamedType(info.returnType))}${isNonNullType(info.returnType) ? '!' : ''})`
    problems.push({ kind: 'not-implemented', message })
    return null
  }
}

/** Error types that answer a well-formed request (not recorded as the client's violation). */
const ANSWER_TYPES = new Set(['NOT_FOUND', 'FORBIDDEN', 'STALE_DATA'])

function formatError(error: GraphQLError, problems: GraphProblem[]): Record<string, unknown> {
  const json: Record<string, unknown> = { ...error.toJSON() }
  const original = error.originalError
  if (original instanceof GraphClientError) {
    // GitHub puts the error class at the top level (`"type": "NOT_FOUND"`).
    json.type = original.type
    // Not found, forbidden and a stale head (a lost race) are answers about the data and the
    // token, not a malformed request.
    if (!ANSWER_TYPES.has(original.type)) problems.push({ kind: 'graphql-error', message: error.message })
  } else if (original) {
    problems.push({
      kind: 'emulator-error',
      message: `${error.message} at ${error.path?.join('.') ?? '?'}`
    })
  }
  return json
}
