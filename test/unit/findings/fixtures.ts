/** Reads the real tool outputs under test/fixtures/findings (see its README.md for how each was made). */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const FIXTURES = join(import.meta.dirname, '../../fixtures/findings')

/** The text of `test/fixtures/findings/<path>`. */
export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8')
}

/** `tool/file` paths of every fixture. */
export function allFixtures(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .flatMap(dir => readdirSync(join(FIXTURES, dir.name)).map(file => `${dir.name}/${file}`))
    .sort()
}
