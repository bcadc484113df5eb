/**
 * Whose requests count (DESIGN.md §6): a label, comment or review moves CCAL only when its author has
 * at least the configured repository permission; bots are ignored unless allowed by name. The
 * decisions here are pure; the permission itself comes from a lookup passed in (see
 * src/github/permissions.ts, which asks GitHub once per distinct login per run).
 */
import { PERMISSION_LEVELS, type Permission, type Settings } from '../config/schema.js'
import type { PermissionLevel } from '../github/permissions.js'

/** A repository permission, or `none` (re-exported for callers of the trust decisions). */
export type { PermissionLevel }

/** An account whose action is judged. GraphQL reports bots without REST's `[bot]` suffix. */
export interface TrustActor {
  login: string
  type: 'User' | 'Bot' | 'Organization' | string
}

/** The outcome of judging one actor, with a reason a person can read in the log and the plan. */
export interface TrustDecision {
  trusted: boolean
  /** The actor's login, as judged. */
  actor: string
  /** The permission found, when it was looked up. */
  permission?: PermissionLevel
  reason: string
}

/** Looks up an actor's repository permission (cached by the caller). */
export type PermissionLookup = (login: string) => Promise<PermissionLevel>

/** Whether `permission` is at least `minimum` in the order of PERMISSION_LEVELS. */
export function permissionAtLeast(permission: PermissionLevel, minimum: Permission): boolean {
  return permission !== 'none' && PERMISSION_LEVELS.indexOf(permission) >= PERMISSION_LEVELS.indexOf(minimum)
}

/** `dependabot[bot]` and `dependabot` name the same app; compare without the suffix. */
function botName(login: string): string {
  return login.toLowerCase().replace(/\[bot\]$/, '')
}

/** Whether an account is a bot (by type, or by REST's `[bot]` login suffix). */
export function isBot(actor: TrustActor): boolean {
  return actor.type === 'Bot' || /\[bot\]$/i.test(actor.login)
}

/** Whether a bot is listed in `trust.allowed_bots`. */
export function isAllowedBot(actor: TrustActor, allowedBots: readonly string[]): boolean {
  return allowedBots.some(allowed => botName(allowed) === botName(actor.login))
}

/** The REST login of an actor: bots need their `[bot]` suffix back for REST lookups. */
export function restLogin(actor: TrustActor): string {
  return isBot(actor) && !actor.login.endsWith('[bot]') ? `${actor.login}[bot]` : actor.login
}

/**
 * Decides without asking GitHub when that is possible: a bot is trusted exactly when allowed by
 * config. Returns undefined when the permission must be looked up.
 */
export function decideWithoutLookup(
  actor: TrustActor,
  trust: Settings['trust'],
  what: string
): TrustDecision | undefined {
  if (!isBot(actor)) return undefined
  return isAllowedBot(actor, trust.allowed_bots)
    ? { trusted: true, actor: actor.login, reason: `${what} by allowed bot ${actor.login}` }
    : {
        trusted: false,
        actor: actor.login,
        reason: `${what} by bot ${actor.login}, which is not in trust.allowed_bots`
      }
}

/** Decides from a looked-up permission. */
export function decideFromPermission(
  actor: TrustActor,
  permission: PermissionLevel,
  trust: Settings['trust'],
  what: string
): TrustDecision {
  const trusted = permissionAtLeast(permission, trust.min_permission)
  return {
    trusted,
    actor: actor.login,
    permission,
    reason: trusted
      ? `${what} by ${actor.login} (${permission})`
      : `${what} by ${actor.login}, whose permission '${permission}' is below trust.min_permission '${trust.min_permission}'`
  }
}

/** Judges one actor: bots by config, people by their permission (looked up through `lookup`). */
export async function judgeActor(
  actor: TrustActor | null | undefined,
  trust: Settings['trust'],
  lookup: PermissionLookup,
  what: string
): Promise<TrustDecision> {
  // GitHub reports a deleted account ("ghost") as a null actor: nobody vouches for it.
  if (!actor) return { trusted: false, actor: 'ghost', reason: `${what} by a deleted account` }
  const quick = decideWithoutLookup(actor, trust, what)
  if (quick) return quick
  return decideFromPermission(actor, await lookup(restLogin(actor)), trust, what)
}
