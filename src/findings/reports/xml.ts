/**
 * A small, tolerant XML reader for the flat report formats CCAL reads (Checkstyle, Cobertura): it
 * yields elements with their attributes in document order and ignores text, comments, processing
 * instructions and DOCTYPEs. Not a validating parser; malformed markup is reported with its offset.
 */

/** An element start (or empty element), with decoded attributes and its nesting depth. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  depth: number
}

/** Thrown for markup this reader cannot make sense of. */
export class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Replaces XML entities and character references; a reference to no character is an {@link XmlSyntaxError}. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (!entity.startsWith('#')) return ENTITIES[entity] ?? whole
    const code = entity.startsWith('#x')
      ? Number.parseInt(entity.slice(2), 16)
      : Number.parseInt(entity.slice(1), 10)
    // XML allows no character outside Unicode, nor NUL: such a reference is malformed markup.
    if (!(code > 0 && code <= 0x10ffff))
      throw new XmlSyntaxError(`invalid character reference '${whole.slice(0, 20)}'`)
    return String.fromCodePoint(code)
  })
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

/** Every element of `text`, in document order. Throws {@link XmlSyntaxError} on unclosed markup. */
export function* xmlElements(text: string): Generator<XmlElement> {
  let depth = 0
  let position = 0
  for (;;) {
    const open = text.indexOf('<', position)
    if (open === -1) break
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open)
      if (close === -1) throw new XmlSyntaxError(`unclosed comment at offset ${open}`)
      position = close + 3
      continue
    }
    if (text.startsWith('<![CDATA[', open)) {
      const close = text.indexOf(']]>', open)
      if (close === -1) throw new XmlSyntaxError(`unclosed CDATA at offset ${open}`)
      position = close + 3
      continue
    }
    const close = text.indexOf('>', open)
    if (close === -1) throw new XmlSyntaxError(`unclosed tag at offset ${open}`)
    position = close + 1
    const inner = text.slice(open + 1, close)
    if (inner.startsWith('?') || inner.startsWith('!')) continue
    if (inner.startsWith('/')) {
      depth--
      if (depth < 0) throw new XmlSyntaxError(`unexpected </${inner.slice(1).trim()}> at offset ${open}`)
      continue
    }
    const selfClosing = inner.endsWith('/')
    const body = selfClosing ? inner.slice(0, -1) : inner
    const nameMatch = /^[\w:.-]+/.exec(body)
    if (!nameMatch) throw new XmlSyntaxError(`malformed tag at offset ${open}`)
    const attributes: Record<string, string> = {}
    for (const match of body.slice(nameMatch[0].length).matchAll(ATTRIBUTE)) {
      attributes[match[1] as string] = decodeEntities(match[2] ?? match[3] ?? '')
    }
    yield { name: nameMatch[0], attributes, depth }
    if (!selfClosing) depth++
  }
  if (depth !== 0) throw new XmlSyntaxError('document ends inside an element')
}

/** The name of the first element (the root), or null when there is none. */
export function xmlRootName(text: string): string | null {
  for (const element of xmlElements(text)) return element.name
  return null
}
