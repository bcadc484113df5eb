/**
 * The hidden marker CCAL writes into the body of every pull request it opens, naming the work item
 * the PR delivers. Together with the branch prefix it is how CCAL recognises its own pull requests
 * (a title is too easy to imitate or edit). Delivery writes it with {@link formatPullMarker};
 * discovery and reconciliation read it with {@link parsePullMarker}.
 */

/** `<!-- ccal:item=<id> -->`; the id is an item id (lowercase hex, 8–64 characters). */
const MARKER = /<!--\s*ccal:item=([0-9a-f]{8,64})\s*-->/

/** The marker for an item, to be placed on its own line in the PR body. */
export function formatPullMarker(itemId: string): string {
  if (!/^[0-9a-f]{8,64}$/.test(itemId)) throw new RangeError(`not an item id: '${itemId}'`)
  return `<!-- ccal:item=${itemId} -->`
}

/** The item id in a PR body's marker, or undefined when the body carries none. */
export function parsePullMarker(body: string | null | undefined): string | undefined {
  return body ? MARKER.exec(body)?.[1] : undefined
}

/**
 * Whether a pull request is CCAL's: its head branch starts with the configured prefix AND its body
 * carries the marker. Either alone is not enough: anyone can name a branch `ccal/…`, and a human
 * may copy a body.
 */
export function isCcalPull(
  pull: { headRef: string; body: string | null | undefined },
  branchPrefix: string
): boolean {
  return pull.headRef.startsWith(branchPrefix) && parsePullMarker(pull.body) !== undefined
}
