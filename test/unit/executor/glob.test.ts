import { describe, expect, it } from '@jest/globals'
import { globToRegExp, matchesAnyGlob, normalizeRepoPath } from '../../../src/executor/glob.js'

const matches = (glob: string, path: string) => globToRegExp(glob).test(normalizeRepoPath(path))

describe('globToRegExp', () => {
  it.each([
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/nested/x.yml', true],
    ['.github/workflows/**', '.github/ccal.yml', false],
    ['.github/workflows/**', 'x/.github/workflows/ci.yml', false],
    ['.github/ccal.yml', '.github/ccal.yml', true],
    ['.github/ccal.yml', '.github/ccal.yml.bak', false],
    ['*.pem', 'keys/deep/server.pem', true],
    ['*.pem', 'server.pem', true],
    ['*.pem', 'server.pem.txt', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/sub/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/sub/deep/a.ts', true],
    ['**/secrets/**', 'a/b/secrets/key', true],
    ['**/secrets/**', 'secrets/key', true],
    ['secrets', 'secrets/key', true],
    ['secrets', 'lib/secrets/key', true],
    ['secrets', 'secretsfile', false],
    ['docs/', 'docs/a.md', true],
    ['/Makefile', 'Makefile', true],
    ['/Makefile', 'sub/Makefile', false],
    ['./config/*.yml', 'config/a.yml', true],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['[ab].txt', 'a.txt', true],
    ['[!ab].txt', 'a.txt', false],
    ['[!ab].txt', 'c.txt', true],
    ['*.{yml,yaml}', 'x/ci.yaml', true],
    ['*.{yml,yaml}', 'x/ci.json', false],
    ['a+b(c).txt', 'a+b(c).txt', true]
  ])('%s on %s → %s', (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected)
  })
})

describe('matchesAnyGlob', () => {
  it('is true when any glob matches, with ./ and backslashes normalized', () => {
    expect(matchesAnyGlob('./.github/workflows/a.yml', ['docs/**', '.github/workflows/**'])).toBe(true)
    expect(matchesAnyGlob('src\\a.ts', ['src/*.ts'])).toBe(true)
    expect(matchesAnyGlob('src/a.ts', [])).toBe(false)
  })
})
