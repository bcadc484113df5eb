/**
 * Where a GitHub token comes from. Every user of the token — each API request, each git fetch or
 * push — asks the source when it needs one, so that a source whose tokens expire (a GitHub App's
 * installation tokens live an hour) can hand out a fresh one without anyone holding a stale copy.
 */

/** Hands out the GitHub token to use now. */
export interface TokenSource {
  /** The token for the next request or git command; never cache it beyond that one use. */
  token(): Promise<string>
  /** What the tokens are, for log lines and errors (`a token from GITHUB_TOKEN`, `GitHub App 12`). */
  readonly description: string
}

/** A source that always hands out the same token: a PAT, `GITHUB_TOKEN`, an action's `github-token`. */
export function staticTokenSource(token: string, description = 'a GitHub token'): TokenSource {
  return { token: () => Promise.resolve(token), description }
}

/** `value` as a source: a string is a static token, a source stays what it is. */
export function toTokenSource(value: string | TokenSource): TokenSource {
  return typeof value === 'string' ? staticTokenSource(value) : value
}
