/**
 * Text from outside — issue titles and bodies, comments, reviews, log lines — is data, never
 * instructions. It is sanitized when it enters the ledger (discovery) and fenced when it enters a
 * prompt (executor). Neither step makes it trustworthy; together they remove the usual ways of
 * hiding instructions from a human reviewer and of breaking out of the fence.
 */

/**
 * What a reader does not see but a model reads: every format character (zero-width characters,
 * bidi controls, the BOM, soft hyphen, tag characters U+E0000–U+E007F …), variation selectors and
 * their supplement (which can carry bytes of hidden text), and line and paragraph separators.
 */
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u2028\u2029]|[\u{E0100}-\u{E01EF}]/gu
/** C0/C1 control characters other than tab and newline (carriage returns become newlines). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
const HTML_COMMENT = /<!--[\s\S]*?(-->|$)/g
/** `![alt](url "title")` → the alt text is hidden in rendered markdown; keep nothing but a marker. */
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(([^)\s]*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\)/g
/** `[text](url "title")` → the title is a hover-only tooltip; keep the text and the URL. */
const LINK_TITLE = /\[([^\]]*)\]\(([^)\s]*)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\)/g
/** Reference-style definitions with titles: `[id]: url "title"`. */
const REFERENCE_TITLE = /^(\s*\[[^\]]+\]:\s*\S+)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$/gm
/** Elements that render nothing visible but can carry text. */
const HIDDEN_ELEMENTS =
  /<(details|summary)[^>]*>|<\/(details|summary)>|<[^>]+\bhidden\b[^>]*>[\s\S]*?<\/[^>]+>/gi

export interface SanitizeOptions {
  /** Characters kept at most; longer text is cut and marked. */
  maxLength?: number
}

/**
 * Drops HTML comments (an unterminated one to the end): hidden from a reader of rendered markdown,
 * and the form of CCAL's own pull request marker, which text from elsewhere must never forge.
 */
export function withoutHtmlComments(text: string): string {
  return text.replace(HTML_COMMENT, '').trim()
}

/**
 * Removes what a human reviewer would not see but a model would read: HTML comments, invisible and
 * bidi control characters, image alt text, link titles, hidden elements; normalizes newlines and
 * caps the length.
 */
export function sanitizeUntrusted(text: string, options: SanitizeOptions = {}): string {
  const maxLength = options.maxLength ?? 20000
  let clean = withoutHtmlComments(text.normalize('NFKC'))
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(MARKDOWN_IMAGE, (_match, url: string) => `[image: ${url}]`)
    .replace(LINK_TITLE, (_match, label: string, url: string) => `[${label}](${url})`)
    .replace(REFERENCE_TITLE, '$1')
    .replace(HIDDEN_ELEMENTS, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim()
  if (clean.length > maxLength)
    clean = `${clean.slice(0, maxLength)}\n[… cut: ${clean.length - maxLength} more characters]`
  return clean
}

/**
 * Wraps untrusted text in a fence the text cannot close: a run of backticks longer than any in the
 * text, labelled so the prompt can say "everything inside is data".
 */
export function fenceUntrusted(label: string, text: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length))
  const fence = '`'.repeat(Math.max(3, longestRun + 1))
  const safeLabel = label.replace(/[^A-Za-z0-9 _.:#/-]/g, '').slice(0, 80)
  return `${fence}untrusted-data ${safeLabel}\n${text}\n${fence}`
}

/** A zero-width joiner: between `@` and a name, or `#` and a number, it keeps GitHub from linking. */
const JOINER = '\u200D'

/** `@user`, `@org/team`, not inside a word (an e-mail address) or a path. */
const MENTION = /(^|[^\w`@./-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?)/g
/** `#123`, `owner/repo#123`, `GH-123`: references that link and cross-reference. */
const REFERENCE = /(^|[^\w&#])((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#|GH-)(\d+)/g
/** Links to issues, pull requests and discussions: they cross-reference like `#123`. */
const GITHUB_THREAD_URL = /https?:\/\/[^\s)<>\]]*\/(?:issues|pull|discussions)\/\d+[^\s)<>\]]*/g
/** An image, inline (`![alt](url)`) or as HTML: fetched by every reader's browser. */
const ANY_IMAGE = /!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]/g
/** Raw HTML tags (not `a < b`): dropped, their text kept. */
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g

/**
 * Text CCAL did not write, made safe to post on GitHub (pull request bodies and titles, comments,
 * commit messages): mentions cannot ping anyone, `#123` and `owner/repo#123` cannot cross-reference
 * (CCAL adds its own `Fixes #N` outside this), images and raw HTML are dropped, HTML comments (a
 * forged CCAL marker) and invisible characters removed, and the length bounded.
 */
export function neutralizeForGitHub(text: string, options: SanitizeOptions = {}): string {
  const maxLength = options.maxLength ?? 20000
  let clean = withoutHtmlComments(text)
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(ANY_IMAGE, (_match, alt: string | undefined, refAlt: string | undefined) => {
      const label = (alt ?? refAlt ?? '').trim()
      return label ? `(image: ${label})` : '(image)'
    })
    .replace(HTML_TAG, '')
    .replace(GITHUB_THREAD_URL, url => `\`${url.replace(/`/g, '')}\``)
    .replace(MENTION, (_match, before: string, name: string) => `${before}@${JOINER}${name}`)
    .replace(
      REFERENCE,
      (_match, before: string, prefix: string, number: string) => `${before}${prefix}${JOINER}${number}`
    )
    .trim()
  if (clean.length > maxLength)
    clean = `${clean.slice(0, maxLength)}\n[… cut: ${clean.length - maxLength} more characters]`
  return clean
}
