/**
 * A local GitHub for tests: REST checked against GitHub's OpenAPI description, GraphQL checked
 * against GitHub's schema, state in memory. See README.md in this folder.
 *
 * ```ts
 * const gh = await startGitHubEmulator({ issues: [{ number: 1, title: 'x', author: 'alice' }] })
 * const octokit = getOctokit('token', { baseUrl: gh.url })
 * ...
 * await gh.stop() // throws if any request broke the contract
 * ```
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultInjector, type FaultSpec } from './faults.js'
import { githubSchema } from './graphql/handler.js'
import { applyMutation, mutationSchema, type MutationInput } from './mutations.js'
import { preloadSpec } from './openapi.js'
import { RateLimiter } from './rate-limit.js'
import { formatViolations, RequestLog, type RequestLogEntry, type Violation } from './request-log.js'
import { parseScenario, type ScenarioInput } from './scenario.js'
import { createRequestListener } from './server.js'
import { EmulatorState } from './state.js'

export type { FaultSpec } from './faults.js'
export type { MutationInput } from './mutations.js'
export type { RequestLogEntry, Violation, ViolationKind } from './request-log.js'
export { formatViolations } from './request-log.js'
export type { Scenario, ScenarioInput } from './scenario.js'
export { loadScenarioFile, parseScenario, ScenarioError } from './scenario.js'
export type { EmulatorState } from './state.js'

/** Options of {@link startGitHubEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on (default: a random free port). */
  port?: number
  /** Build the GraphQL schema at start instead of on the first GraphQL request. */
  preloadGraphql?: boolean
}

/** Options of {@link GitHubEmulator.stop}. */
export interface StopOptions {
  /** Don't throw for recorded violations (for tests that provoke them on purpose). */
  allowViolations?: boolean
}

/** A running emulator. */
export interface GitHubEmulator {
  /** REST base URL, e.g. `http://127.0.0.1:PORT` (also served under `/api/v3`). */
  readonly url: string
  /** GraphQL endpoint, `${url}/graphql`. */
  readonly graphqlUrl: string
  /** Live state, for assertions and direct setup. */
  readonly state: EmulatorState
  /** Requests answered so far (control routes excluded). */
  requests(): RequestLogEntry[]
  /** Broken contracts recorded so far. */
  violations(): Violation[]
  /** Arms a fault for matching requests. */
  injectFault(fault: FaultSpec): void
  /** Disarms every fault (one hung now still answers as armed). */
  clearFaults(): void
  /** Requests faults have taken so far, a hung one from the moment it arrived. */
  faultsTaken(): number
  /** Applies a scripted state change (same JSON as POST /_emulator/state). */
  mutate(action: MutationInput): { number?: number; id?: number }
  /** Empties the request log and the violation list. */
  clearRequests(): void
  /**
   * The commits on `branch` (not on `base`, the default branch unless given) that GitHub did not
   * make and sign through the API: what "Require signed commits" would refuse. Needs `repo.git_dir`;
   * a plain `git push` reaches the bare repository directly, so the emulator cannot refuse it —
   * tests assert on this list instead.
   */
  unverifiedCommits(branch: string, base?: string): string[]
  /** Throws a {@link ViolationsError} if any violation was recorded. */
  assertNoViolations(): void
  /** Closes the server; throws a {@link ViolationsError} if violations were recorded (unless allowed). */
  stop(options?: StopOptions): Promise<void>
}

/** Thrown by `stop()` / `assertNoViolations()`; the message lists every violation. */
export class ViolationsError extends Error {
  override readonly name = 'ViolationsError'
  constructor(readonly violations: Violation[]) {
    super(`GitHub emulator recorded ${violations.length} violation(s):\n${formatViolations(violations)}`)
  }
}

/** Starts an emulator on 127.0.0.1 serving `scenario` (parsed and defaulted; see README.md). */
export async function startGitHubEmulator(
  scenario: ScenarioInput = {},
  options: EmulatorOptions = {}
): Promise<GitHubEmulator> {
  const state = new EmulatorState(parseScenario(scenario))
  preloadSpec()
  if (options.preloadGraphql) githubSchema()
  const log = new RequestLog()
  const faults = new FaultInjector()
  let origin = ''
  const server = createServer(
    createRequestListener({ state, log, faults, rateLimiter: new RateLimiter(), origin: () => origin })
  )
  const port = await listen(server, options.port ?? 0)
  origin = `http://127.0.0.1:${port}`

  let closing: Promise<void> | undefined
  const assertNoViolations = (): void => {
    if (log.violations.length > 0) throw new ViolationsError([...log.violations])
  }
  return {
    url: origin,
    graphqlUrl: `${origin}/graphql`,
    state,
    requests: () => [...log.entries],
    violations: () => [...log.violations],
    injectFault: fault => faults.add(fault),
    clearFaults: () => faults.clear(),
    faultsTaken: () => faults.taken,
    mutate: action => applyMutation(state, mutationSchema.parse(action)),
    clearRequests: () => log.clear(),
    unverifiedCommits: (branch, base = state.repo.defaultBranch) => {
      const store = state.gitStore()
      return store
        .commitsBetween(`refs/heads/${base}`, `refs/heads/${branch}`)
        .filter(sha => !store.verified.has(sha))
    },
    assertNoViolations,
    stop: async ({ allowViolations = false } = {}) => {
      closing ??= close(server)
      await closing
      if (!allowViolations) assertNoViolations()
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

function close(server: Server): Promise<void> {
  // Keep-alive sockets of octokit's fetch would otherwise hold close() open.
  server.closeAllConnections()
  return new Promise((resolve, reject) => server.close(error => (error ? reject(error) : resolve())))
}
