/**
 * Secret masking for text CCAL keeps or hands on (the agent's transcripts): every known secret value
 * and anything shaped like a GitHub or Anthropic token becomes `***`, as the Actions runner masks
 * its log. The agent never holds CCAL's tokens; this is the second line.
 */

export const MASK = '***'

/** Values shorter than this are not masked as literals: "true" or a port number is no secret. */
const MIN_SECRET_LENGTH = 8

/** Tokens recognisable by their shape, whoever they belong to. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /\bsk-ant-[A-Za-z0-9_-]{20,}/g
]

/** Environment variable names that say their value is a secret. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API[-_]?KEY|ACCESS[-_]?KEY|PRIVATE[-_]?KEY/i

/** The values of the environment's variables whose names say they hold a secret. */
export function secretsInEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env).flatMap(([name, value]) => (value && SECRET_NAME.test(name) ? [value] : []))
}

/** A function that masks `secrets` (and token-shaped text) in whatever it is given. */
export function secretMasker(secrets: Iterable<string | undefined>): (text: string) => string {
  const literals = new Set<string>()
  for (const secret of secrets) {
    if (!secret || secret.trim().length < MIN_SECRET_LENGTH) continue
    literals.add(secret)
    // Inside a JSON string (a transcript line) the value appears escaped.
    const escaped = JSON.stringify(secret).slice(1, -1)
    if (escaped !== secret) literals.add(escaped)
  }
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...literals].sort((a, b) => b.length - a.length)
  return text => {
    let masked = text
    for (const literal of ordered) if (masked.includes(literal)) masked = masked.split(literal).join(MASK)
    for (const pattern of TOKEN_PATTERNS) masked = masked.replace(pattern, MASK)
    return masked
  }
}
