/**
 * Pieces the GitHub sources (issues, PR feedback, reconciliation) share: running a typed GraphQL
 * query with request counting, reading item state the sources' decisions depend on, and short
 * text helpers for CCAL's own titles.
 */
import { GraphqlResponseError } from '@octokit/graphql'
import type { z } from 'zod'
import type { GitHubClient } from '../github/client.js'
import type { GraphActor } from '../github/queries.js'
import type { ItemStatus, WorkItem } from '../ledger/schema.js'
import { judgeActor, type PermissionLookup, type TrustActor } from './trust.js'
import type { Settings } from '../config/schema.js'

/** Counts the API requests one source makes (DiscoveryResult.requests). */
export interface RequestCounter {
  count: number
}

/**
 * Runs a GraphQL document and parses the answer with `schema`. With `allowPartial`, an answer that
 * carries both data and errors (a PR number that no longer exists among several) yields its data.
 */
export async function runQuery<S extends z.ZodType>(
  github: GitHubClient,
  document: string,
  variables: Record<string, unknown>,
  schema: S,
  counter: RequestCounter,
  options: { allowPartial?: boolean } = {}
): Promise<z.output<S>> {
  counter.count += 1
  let data: unknown
  try {
    data = await github.graphql<unknown>(document, { owner: github.owner, name: github.repo, ...variables })
  } catch (error) {
    if (!(options.allowPartial && error instanceof GraphqlResponseError && error.data)) throw error
    data = error.data
  }
  return schema.parse(data)
}

/** Statuses in which an item is done with, until a trusted person asks again. */
export const CLOSED_OUT_STATUSES: readonly ItemStatus[] = ['failed', 'rejected', 'dismissed', 'needs_human']

/** When an item last changed status (its newest `status` history event; else its last update). */
export function lastStatusChangeAt(item: WorkItem): string {
  for (let index = item.history.length - 1; index >= 0; index -= 1) {
    const entry = item.history[index]!
    if (entry.event === 'status' || entry.event === 'created') return entry.at
  }
  return item.updatedAt
}

/**
 * Context keys that record what CCAL already did with an item (commands applied, a priority set by
 * a person). A source's candidate replaces the item's context when merged, so it carries these over.
 */
export const PRESERVED_CONTEXT_KEYS = ['lastCommandId', 'lastPullCommandId', 'priorityOverride'] as const

/** The preserved keys of an existing item's context. */
export function preservedContext(item: WorkItem | undefined): Record<string, number> {
  const kept: Record<string, number> = {}
  for (const key of PRESERVED_CONTEXT_KEYS) {
    const value = item?.context[key]
    if (typeof value === 'number') kept[key] = value
  }
  return kept
}

/** A number from an item's context, when it holds one. */
export function contextNumber(item: WorkItem, key: string): number | undefined {
  const value = item.context[key]
  return typeof value === 'number' ? value : undefined
}

/** The logins of the people (not bots, not deleted accounts) among `actors`, for a permission prefetch. */
export function peopleAmong(actors: readonly (GraphActor | null | undefined)[]): string[] {
  return actors.flatMap(actor => (actor?.__typename === 'User' ? [actor.login] : []))
}

/** A GraphQL actor as trust.ts judges it (`__typename` is User, Bot, Mannequin, …). */
export function trustActor(actor: GraphActor | undefined): TrustActor | null {
  return actor ? { login: actor.login, type: actor.__typename } : null
}

/**
 * Why text's latest edit does not carry the trust it had at `trustedAt` (a label applied, a review
 * submitted): it came later, from someone without the permission that trust needs. Undefined when
 * there was no later edit, or its editor is trusted too.
 */
export async function untrustedLaterEdit(
  edited: { lastEditedAt?: string | null | undefined; editor?: GraphActor | undefined },
  trustedAt: string | null | undefined,
  trust: Settings['trust'],
  lookup: PermissionLookup,
  since: string
): Promise<string | undefined> {
  if (!edited.lastEditedAt || !trustedAt || Date.parse(edited.lastEditedAt) <= Date.parse(trustedAt))
    return undefined
  const editor = edited.editor ?? null
  const decision = await judgeActor(trustActor(editor), trust, lookup, 'edit')
  if (decision.trusted) return undefined
  return `edited at ${edited.lastEditedAt} by @${editor?.login ?? 'ghost'} after ${since}: ${decision.reason}`
}
