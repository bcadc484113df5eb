/**
 * What woke CCAL up. The webhook payload is turned into one discriminated union here, once, at the
 * edge; the rest of the code switches on `kind` and never reads a raw payload. Text in a trigger
 * (comment and review bodies) is untrusted: discovery sanitizes it before it can reach a prompt.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { TriggerError, errorMessage } from '../util/errors.js'
import { describeValue } from '../util/text.js'

/** A GitHub account as far as trust decisions need it. */
export interface Actor {
  login: string
  type: 'User' | 'Bot' | 'Organization'
}

export interface PullRef {
  number: number
  headRef: string
  baseRef: string
  headSha: string
  body: string
  merged: boolean
  state: 'open' | 'closed'
}

export type Trigger =
  | { kind: 'schedule'; cron?: string }
  | { kind: 'workflow_dispatch'; inputs: Record<string, string>; sender?: Actor }
  | {
      kind: 'issues'
      action: 'opened' | 'labeled' | 'reopened'
      issue: { number: number; title: string; labels: string[]; author: Actor }
      /** The label just applied (labeled events only). */
      label?: string
      sender: Actor
    }
  | {
      kind: 'issue_comment'
      action: 'created'
      issue: { number: number; isPullRequest: boolean }
      comment: { id: number; body: string; author: Actor; authorAssociation: string }
      sender: Actor
    }
  | {
      kind: 'workflow_run'
      action: 'completed'
      run: {
        id: number
        name: string
        workflowId: number
        conclusion: string | null
        headBranch: string | null
        headSha: string
        event: string
        attempt: number
        pullNumbers: number[]
      }
    }
  | { kind: 'pull_request'; action: 'closed'; pull: PullRef; sender: Actor }
  | {
      kind: 'pull_request_review'
      action: 'submitted'
      pull: PullRef
      review: { id: number; state: string; body: string; author: Actor; commitId: string }
      sender: Actor
    }
  | {
      kind: 'pull_request_review_comment'
      action: 'created'
      pull: PullRef
      comment: {
        id: number
        body: string
        path: string
        line: number | null
        author: Actor
        inReplyTo?: number
      }
      sender: Actor
    }
  | {
      kind: 'check_run'
      action: 'completed'
      checkRun: {
        id: number
        name: string
        conclusion: string | null
        headSha: string
        pullNumbers: number[]
      }
    }
  | {
      kind: 'check_suite'
      action: 'completed'
      checkSuite: {
        id: number
        conclusion: string | null
        headBranch: string | null
        headSha: string
        pullNumbers: number[]
      }
    }
  /** An event or action CCAL has nothing to do for; the cycle reports it and stops early. */
  | { kind: 'ignored'; eventName: string; action?: string; reason: string }

export type TriggerKind = Trigger['kind']
export type TriggerOf<K extends TriggerKind> = Extract<Trigger, { kind: K }>

/** Narrows a trigger to one kind. */
export function isTrigger<K extends TriggerKind>(trigger: Trigger, kind: K): trigger is TriggerOf<K> {
  return trigger.kind === kind
}

/** True for triggers that ask CCAL to look at everything enabled, not at one item. */
export function isFullScan(trigger: Trigger): boolean {
  return trigger.kind === 'schedule' || trigger.kind === 'workflow_dispatch'
}

// Payload shapes: only the fields CCAL reads; GitHub adds fields freely, so objects stay loose.
const ActorPayload = z.looseObject({
  login: z.string(),
  type: z.enum(['User', 'Bot', 'Organization']).catch('User')
})
const LabelPayload = z.looseObject({ name: z.string() })
const PullPayload = z.looseObject({
  number: z.number().int(),
  state: z.enum(['open', 'closed']),
  body: z.string().nullable().optional(),
  merged: z.boolean().nullable().optional(),
  merged_at: z.string().nullable().optional(),
  head: z.looseObject({ ref: z.string(), sha: z.string() }),
  base: z.looseObject({ ref: z.string() })
})
const PullNumbers = z.array(z.looseObject({ number: z.number().int() })).default([])

const PAYLOADS = {
  issues: z.looseObject({
    action: z.string(),
    issue: z.looseObject({
      number: z.number().int(),
      title: z.string(),
      user: ActorPayload,
      labels: z.array(LabelPayload).default([])
    }),
    label: LabelPayload.optional(),
    sender: ActorPayload
  }),
  issue_comment: z.looseObject({
    action: z.string(),
    issue: z.looseObject({ number: z.number().int(), pull_request: z.unknown().optional() }),
    comment: z.looseObject({
      id: z.number().int(),
      body: z.string().nullable(),
      user: ActorPayload,
      author_association: z.string()
    }),
    sender: ActorPayload
  }),
  workflow_run: z.looseObject({
    action: z.string(),
    workflow_run: z.looseObject({
      id: z.number().int(),
      name: z.string().nullable(),
      workflow_id: z.number().int(),
      conclusion: z.string().nullable(),
      head_branch: z.string().nullable(),
      head_sha: z.string(),
      event: z.string(),
      run_attempt: z.number().int().default(1),
      pull_requests: PullNumbers
    })
  }),
  pull_request: z.looseObject({ action: z.string(), pull_request: PullPayload, sender: ActorPayload }),
  pull_request_review: z.looseObject({
    action: z.string(),
    pull_request: PullPayload,
    review: z.looseObject({
      id: z.number().int(),
      state: z.string(),
      body: z.string().nullable(),
      user: ActorPayload,
      commit_id: z.string()
    }),
    sender: ActorPayload
  }),
  pull_request_review_comment: z.looseObject({
    action: z.string(),
    pull_request: PullPayload,
    comment: z.looseObject({
      id: z.number().int(),
      body: z.string(),
      path: z.string(),
      line: z.number().int().nullable().optional(),
      user: ActorPayload,
      in_reply_to_id: z.number().int().optional()
    }),
    sender: ActorPayload
  }),
  check_run: z.looseObject({
    action: z.string(),
    check_run: z.looseObject({
      id: z.number().int(),
      name: z.string(),
      conclusion: z.string().nullable(),
      head_sha: z.string(),
      pull_requests: PullNumbers
    })
  }),
  check_suite: z.looseObject({
    action: z.string(),
    check_suite: z.looseObject({
      id: z.number().int(),
      conclusion: z.string().nullable(),
      head_branch: z.string().nullable(),
      head_sha: z.string(),
      pull_requests: PullNumbers
    })
  }),
  workflow_dispatch: z.looseObject({
    inputs: z.record(z.string(), z.unknown()).nullable().optional(),
    sender: ActorPayload.optional()
  }),
  schedule: z.looseObject({ schedule: z.string().optional() })
} as const

type PayloadName = keyof typeof PAYLOADS

/** Which actions of each event CCAL acts on; any other action yields an `ignored` trigger. */
const HANDLED_ACTIONS: Partial<Record<PayloadName, readonly string[]>> = {
  issues: ['opened', 'labeled', 'reopened'],
  issue_comment: ['created'],
  workflow_run: ['completed'],
  pull_request: ['closed'],
  pull_request_review: ['submitted'],
  pull_request_review_comment: ['created'],
  check_run: ['completed'],
  check_suite: ['completed']
}

function isPayloadName(name: string): name is PayloadName {
  return Object.hasOwn(PAYLOADS, name)
}

function actor(payload: z.infer<typeof ActorPayload>): Actor {
  return { login: payload.login, type: payload.type }
}

function pullRef(payload: z.infer<typeof PullPayload>): PullRef {
  return {
    number: payload.number,
    headRef: payload.head.ref,
    baseRef: payload.base.ref,
    headSha: payload.head.sha,
    body: payload.body ?? '',
    merged: payload.merged === true || Boolean(payload.merged_at),
    state: payload.state
  }
}

function numbers(list: ReadonlyArray<{ number: number }>): number[] {
  return list.map(entry => entry.number)
}

function parseFailure(source: string, eventName: string, error: z.ZodError, payload: unknown): TriggerError {
  const issue = error.issues[0]
  const path = issue?.path.map(String).join('.') ?? ''
  let found: unknown = payload
  for (const key of issue?.path ?? []) found = (found as Record<PropertyKey, unknown> | undefined)?.[key]
  const expected =
    issue?.code === 'invalid_type' ? `expected ${issue.expected}` : (issue?.message ?? 'invalid')
  return new TriggerError(
    `${source}: '${eventName}' event payload: ${path || '(root)'}: ${expected}, found ${describeValue(found)}`
  )
}

/**
 * Turns an event name and its payload into a Trigger. `source` names where the payload came from
 * (the event file) for error messages. Events CCAL does not handle yield `ignored`, never an error.
 */
export function parseTrigger(eventName: string, payload: unknown, source = 'event payload'): Trigger {
  if (!isPayloadName(eventName)) {
    return { kind: 'ignored', eventName, reason: `CCAL does not act on '${eventName}' events` }
  }
  const parsed = PAYLOADS[eventName].safeParse(payload ?? {})
  if (!parsed.success) throw parseFailure(source, eventName, parsed.error, payload)
  const data = parsed.data as Record<string, unknown> & { action?: string }
  const handled = HANDLED_ACTIONS[eventName]
  if (handled && !handled.includes(data.action ?? '')) {
    return {
      kind: 'ignored',
      eventName,
      action: data.action,
      reason: `CCAL acts on '${eventName}' only when ${handled.join(', ')}; this one was '${data.action}'`
    }
  }
  return buildTrigger(eventName, parsed.data)
}

function buildTrigger(eventName: PayloadName, data: unknown): Trigger {
  switch (eventName) {
    case 'schedule': {
      const p = data as z.infer<(typeof PAYLOADS)['schedule']>
      return p.schedule ? { kind: 'schedule', cron: p.schedule } : { kind: 'schedule' }
    }
    case 'workflow_dispatch': {
      const p = data as z.infer<(typeof PAYLOADS)['workflow_dispatch']>
      const inputs = Object.fromEntries(
        Object.entries(p.inputs ?? {}).map(([key, value]) => [key, String(value)])
      )
      return p.sender
        ? { kind: 'workflow_dispatch', inputs, sender: actor(p.sender) }
        : { kind: 'workflow_dispatch', inputs }
    }
    case 'issues': {
      const p = data as z.infer<(typeof PAYLOADS)['issues']>
      return {
        kind: 'issues',
        action: p.action as 'opened' | 'labeled' | 'reopened',
        issue: {
          number: p.issue.number,
          title: p.issue.title,
          labels: p.issue.labels.map(label => label.name),
          author: actor(p.issue.user)
        },
        ...(p.label ? { label: p.label.name } : {}),
        sender: actor(p.sender)
      }
    }
    case 'issue_comment': {
      const p = data as z.infer<(typeof PAYLOADS)['issue_comment']>
      return {
        kind: 'issue_comment',
        action: 'created',
        issue: {
          number: p.issue.number,
          isPullRequest: p.issue.pull_request !== undefined && p.issue.pull_request !== null
        },
        comment: {
          id: p.comment.id,
          body: p.comment.body ?? '',
          author: actor(p.comment.user),
          authorAssociation: p.comment.author_association
        },
        sender: actor(p.sender)
      }
    }
    case 'workflow_run': {
      const run = (data as z.infer<(typeof PAYLOADS)['workflow_run']>).workflow_run
      return {
        kind: 'workflow_run',
        action: 'completed',
        run: {
          id: run.id,
          name: run.name ?? '',
          workflowId: run.workflow_id,
          conclusion: run.conclusion,
          headBranch: run.head_branch,
          headSha: run.head_sha,
          event: run.event,
          attempt: run.run_attempt,
          pullNumbers: numbers(run.pull_requests)
        }
      }
    }
    case 'pull_request': {
      const p = data as z.infer<(typeof PAYLOADS)['pull_request']>
      return {
        kind: 'pull_request',
        action: 'closed',
        pull: pullRef(p.pull_request),
        sender: actor(p.sender)
      }
    }
    case 'pull_request_review': {
      const p = data as z.infer<(typeof PAYLOADS)['pull_request_review']>
      return {
        kind: 'pull_request_review',
        action: 'submitted',
        pull: pullRef(p.pull_request),
        review: {
          id: p.review.id,
          state: p.review.state,
          body: p.review.body ?? '',
          author: actor(p.review.user),
          commitId: p.review.commit_id
        },
        sender: actor(p.sender)
      }
    }
    case 'pull_request_review_comment': {
      const p = data as z.infer<(typeof PAYLOADS)['pull_request_review_comment']>
      return {
        kind: 'pull_request_review_comment',
        action: 'created',
        pull: pullRef(p.pull_request),
        comment: {
          id: p.comment.id,
          body: p.comment.body,
          path: p.comment.path,
          line: p.comment.line ?? null,
          author: actor(p.comment.user),
          ...(p.comment.in_reply_to_id !== undefined ? { inReplyTo: p.comment.in_reply_to_id } : {})
        },
        sender: actor(p.sender)
      }
    }
    case 'check_run': {
      const run = (data as z.infer<(typeof PAYLOADS)['check_run']>).check_run
      return {
        kind: 'check_run',
        action: 'completed',
        checkRun: {
          id: run.id,
          name: run.name,
          conclusion: run.conclusion,
          headSha: run.head_sha,
          pullNumbers: numbers(run.pull_requests)
        }
      }
    }
    case 'check_suite': {
      const suite = (data as z.infer<(typeof PAYLOADS)['check_suite']>).check_suite
      return {
        kind: 'check_suite',
        action: 'completed',
        checkSuite: {
          id: suite.id,
          conclusion: suite.conclusion,
          headBranch: suite.head_branch,
          headSha: suite.head_sha,
          pullNumbers: numbers(suite.pull_requests)
        }
      }
    }
  }
}

/**
 * The trigger of this process, from GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH as the
 * Actions runner sets them. Without an event name (a CLI run outside Actions) it is a schedule.
 */
export function triggerFromEnvironment(
  env: NodeJS.ProcessEnv,
  readText: (path: string) => string = path => readFileSync(path, 'utf8')
): Trigger {
  const eventName = env.GITHUB_EVENT_NAME?.trim()
  if (!eventName) return { kind: 'schedule' }
  const eventPath = env.GITHUB_EVENT_PATH?.trim()
  if (!eventPath) {
    if (eventName === 'schedule' || eventName === 'workflow_dispatch') return parseTrigger(eventName, {})
    throw new TriggerError(
      `GITHUB_EVENT_NAME is '${eventName}' but GITHUB_EVENT_PATH is not set: the event payload is needed`
    )
  }
  let payload: unknown
  try {
    payload = JSON.parse(readText(eventPath)) as unknown
  } catch (error) {
    throw new TriggerError(
      `${eventPath}: cannot read the '${eventName}' event payload: ${errorMessage(error)}`,
      {
        cause: error
      }
    )
  }
  return parseTrigger(eventName, payload, eventPath)
}

/** A short description of a trigger for logs and summaries. */
export function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'schedule':
      return trigger.cron ? `schedule (${trigger.cron})` : 'schedule'
    case 'workflow_dispatch':
      return 'workflow_dispatch'
    case 'issues':
      return `issues.${trigger.action} #${trigger.issue.number}${trigger.label ? ` (label '${trigger.label}')` : ''} by ${trigger.sender.login}`
    case 'issue_comment':
      return `issue_comment on #${trigger.issue.number} by ${trigger.comment.author.login}`
    case 'workflow_run':
      return `workflow_run '${trigger.run.name}' #${trigger.run.id} ${trigger.run.conclusion ?? 'pending'}`
    case 'pull_request':
      return `pull_request #${trigger.pull.number} ${trigger.pull.merged ? 'merged' : 'closed'}`
    case 'pull_request_review':
      return `pull_request_review (${trigger.review.state}) on #${trigger.pull.number} by ${trigger.review.author.login}`
    case 'pull_request_review_comment':
      return `pull_request_review_comment on #${trigger.pull.number} by ${trigger.comment.author.login}`
    case 'check_run':
      return `check_run '${trigger.checkRun.name}' ${trigger.checkRun.conclusion ?? 'pending'}`
    case 'check_suite':
      return `check_suite #${trigger.checkSuite.id} ${trigger.checkSuite.conclusion ?? 'pending'}`
    case 'ignored':
      return `${trigger.eventName}${trigger.action ? `.${trigger.action}` : ''} (ignored: ${trigger.reason})`
  }
}
