/**
 * The import directions of DESIGN.md §3 and the one-reader/one-writer rules of STYLE.md, checked on
 * the source text so that a change that breaks them fails here rather than in review.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

const src = join(import.meta.dirname, '../../src')

function sourceFiles(dir = src): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const files = sourceFiles().map(path => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }))

function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map(
    match => match[1] as string
  )
}

function filesIn(folder: string) {
  return files.filter(file => file.path.startsWith(`${folder}/`))
}

describe('architecture', () => {
  it('only src/action/inputs.ts reads action inputs', () => {
    const readers = files.filter(file => /core\.getInput|getBooleanInput|getMultilineInput/.test(file.text))
    expect(readers.map(file => file.path)).toEqual(['action/inputs.ts'])
  })

  it('only the entry point marks the run failed, and nothing below the entries exits the process', () => {
    expect(files.filter(file => /setFailed\(/.test(file.text)).map(file => file.path)).toEqual(['main.ts'])
    expect(files.filter(file => /process\.exit\(/.test(file.text)).map(file => file.path)).toEqual([])
  })

  it('nothing imports an entry point (but the runner entry index.ts, which starts main.ts)', () => {
    const entries = new Set(['main.ts', 'cli.ts', 'index.ts'])
    for (const file of files.filter(candidate => candidate.path !== 'index.ts')) {
      for (const target of importsOf(file.text).filter(name => name.startsWith('.'))) {
        const resolved = relative(src, join(src, dirname(file.path), target)).replace(/\.js$/, '.ts')
        expect(`${file.path} → ${resolved}`).not.toMatch(new RegExp(`→ (${[...entries].join('|')})$`))
      }
    }
  })

  it('the Azure-backed SDKs (@actions/cache, @actions/artifact) are loaded lazily, under src/action/ only', () => {
    const heavy = /@actions\/(cache|artifact)\b/
    // A static import would put the Azure storage SDK in the entry chunk that every run parses.
    expect(
      files.filter(file => importsOf(file.text).some(target => heavy.test(target))).map(file => file.path)
    ).toEqual([])
    const loaders = files.filter(file => /import\(\s*['"]@actions\/(cache|artifact)\b/.test(file.text))
    expect(loaders.map(file => file.path).sort()).toEqual(['action/artifacts.ts', 'action/tool-cache.ts'])
  })

  it('the core and everything below the adapters never import the Actions adapter or @actions/core', () => {
    const shared = files.filter(file => !/^(action\/|main\.ts|cli\.ts|cli\/)/.test(file.path))
    for (const file of shared) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(/→ (.*\/action\/|@actions\/core$)/)
      }
    }
  })

  it('the findings library is pure: nothing effectful, nothing of ours but itself and util/', () => {
    // log-reader.ts reads files, so that a log of any size streams through the scanner,
    // read-ahead.ts reads a big one on a second thread, and report-file.ts reads a report whole once
    // its size is known to fit; nothing in the library runs processes or talks to a network.
    const reading = ['findings/log-reader.ts', 'findings/read-ahead.ts', 'findings/report-file.ts']
    for (const file of filesIn('findings')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(
          /→ (node:child_process|node:http|node:https|node:net|@actions\/|@octokit\/)/
        )
        if (target.startsWith('.')) {
          const resolved = relative(src, join(src, dirname(file.path), target))
          expect(`${file.path} → ${resolved}`).toMatch(/→ (findings|util)\//)
        }
      }
      if (!reading.includes(file.path))
        expect(`${file.path} imports ${importsOf(file.text).join(', ')}`).not.toMatch(
          /node:fs|node:worker_threads/
        )
    }
  })

  it('the ledger knows no sources, no agent, no pull requests', () => {
    for (const file of filesIn('ledger')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(
          /→ (.*\/(discovery|executor|delivery|github)\/|@octokit\/|@actions\/github)/
        )
      }
    }
  })

  it('learning is pure and the executor holds no GitHub client', () => {
    for (const file of filesIn('learning')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(
          /→ (node:|@octokit\/|@actions\/|.*\/(github|ledger\/store)\b)/
        )
      }
    }
    for (const file of filesIn('executor')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(/→ (@octokit\/|@actions\/github|.*\/github\/)/)
      }
    }
  })

  it('delivery does what the cycle decides and knows nothing of the cycle itself', () => {
    for (const file of filesIn('delivery')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(/→ (.*\/(core|ledger\/store)\b|@actions\/)/)
      }
    }
  })

  it('the report is drawn from the ledger alone: no sources, agent, GitHub or Actions; files.ts writes it', () => {
    for (const file of filesIn('report')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(
          /→ (.*\/(core|discovery|executor|delivery|github|workspace)\/|@octokit\/|@actions\/|node:child_process|node:http)/
        )
        if (file.path !== 'report/files.ts') expect(`${file.path} → ${target}`).not.toMatch(/→ node:fs/)
      }
    }
  })

  it('the workspace knows git and nothing of the cycle: no sources, agent, ledger or GitHub', () => {
    for (const file of filesIn('workspace')) {
      for (const target of importsOf(file.text)) {
        expect(`${file.path} → ${target}`).not.toMatch(
          /→ (.*\/(core|discovery|executor|delivery|ledger|github|learning)\/|@octokit\/|@actions\/)/
        )
      }
    }
  })
})
