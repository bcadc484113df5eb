/**
 * Real webhook payloads from @octokit/webhooks-examples (GitHub's own examples), for tests of
 * everything that reads an event. Read by path: the package has no exports for its JSON.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

interface ExampleGroup {
  name: string
  examples: Array<Record<string, unknown>>
}

const repoRoot = join(import.meta.dirname, '..', '..')
let groups: ExampleGroup[] | undefined

function allGroups(): ExampleGroup[] {
  groups ??= JSON.parse(
    readFileSync(join(repoRoot, 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')
  ) as ExampleGroup[]
  return groups
}

/** Every example payload of one event, deep-copied so tests may edit them. */
export function webhookExamples(eventName: string): Array<Record<string, unknown>> {
  const group = allGroups().find(candidate => candidate.name === eventName)
  if (!group) throw new Error(`@octokit/webhooks-examples has no '${eventName}' examples`)
  return structuredClone(group.examples)
}

/** The first example payload of an event whose `action` is `action` (any example when undefined). */
export function webhookExample(eventName: string, action?: string): Record<string, unknown> {
  const example = webhookExamples(eventName).find(
    payload => action === undefined || payload.action === action
  )
  if (!example) throw new Error(`@octokit/webhooks-examples has no '${eventName}.${action}' example`)
  return example
}
