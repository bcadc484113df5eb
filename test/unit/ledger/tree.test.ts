import { describe, expect, it } from '@jest/globals'
import {
  EMPTY_TREE,
  applyTreeChanges,
  filesOf,
  parseDiffTree,
  parseLsTree,
  planTree,
  treeSha
} from '../../../src/ledger/tree.js'

const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

describe('treeSha', () => {
  it('gives the sha git gives the empty tree', () => {
    expect(treeSha([])).toBe(EMPTY_TREE_SHA)
  })

  it('sorts a directory as its name followed by a slash, as git does', () => {
    // `git mktree` of: a.json (blob), a (tree), b (blob)
    const sha = treeSha([
      { name: 'b', mode: '100644', sha: EMPTY_BLOB },
      { name: 'a', mode: '40000', sha: EMPTY_TREE_SHA },
      { name: 'a.json', mode: '100644', sha: EMPTY_BLOB }
    ])

    expect(sha).toBe('d6d2371fe239173a3fb00f4103871be30c9aab14')
  })
})

describe('planTree', () => {
  const lsTree = [
    `100644 blob ${EMPTY_BLOB}\tstate.json`,
    `040000 tree 1111111111111111111111111111111111111111\titems`,
    `040000 tree 2222222222222222222222222222222222222222\titems/ab`,
    `100644 blob ${EMPTY_BLOB}\titems/ab/ab0000000000.json`,
    `040000 tree 3333333333333333333333333333333333333333\titems/cd`,
    `100644 blob ${EMPTY_BLOB}\titems/cd/cd0000000000.json`
  ]
  const base = parseLsTree(`${lsTree.join('\0')}\0`, '0000000000000000000000000000000000000000')

  it('rebuilds only the directories that contain a change, deepest first', () => {
    const plan = planTree(base, new Map([['items/ab/ab1111111111.json', EMPTY_BLOB]]), [])

    expect(plan.trees.map(tree => tree.dir)).toEqual(['items/ab', 'items', ''])
    expect(plan.trees[0]!.sha).toBe(
      treeSha([
        { name: 'ab0000000000.json', mode: '100644', sha: EMPTY_BLOB },
        { name: 'ab1111111111.json', mode: '100644', sha: EMPTY_BLOB }
      ])
    )
    expect(plan.trees[1]!.mktreeLines).toContain('040000 tree 3333333333333333333333333333333333333333\tcd')
    expect(plan.snapshot.trees.get('items/cd')).toBe('3333333333333333333333333333333333333333')
    expect(plan.root).toBe(plan.trees[2]!.sha)
  })

  it('drops a directory left empty', () => {
    const plan = planTree(base, new Map(), ['items/cd/cd0000000000.json'])

    expect(plan.snapshot.trees.has('items/cd')).toBe(false)
    expect(plan.trees.find(tree => tree.dir === 'items')!.mktreeLines).toEqual([
      '040000 tree 2222222222222222222222222222222222222222\tab'
    ])
  })

  it('builds every directory of a first commit', () => {
    const plan = planTree(
      EMPTY_TREE,
      new Map([
        ['state.json', EMPTY_BLOB],
        ['items/ab/ab0000000000.json', EMPTY_BLOB]
      ]),
      []
    )

    expect(plan.trees.map(tree => tree.dir)).toEqual(['items/ab', 'items', ''])
  })
})

describe('diff-tree output', () => {
  it('applies added, changed and deleted files and directories', () => {
    const out = [
      `:000000 100644 0000000000000000000000000000000000000000 ${EMPTY_BLOB} A`,
      'items/ef/ef0000000000.json',
      `:040000 000000 3333333333333333333333333333333333333333 0000000000000000000000000000000000000000 D`,
      'items/cd',
      `:100644 000000 ${EMPTY_BLOB} 0000000000000000000000000000000000000000 D`,
      'items/cd/cd0000000000.json',
      ''
    ].join('\0')
    const base = parseLsTree(
      [
        '040000 tree 3333333333333333333333333333333333333333\titems/cd',
        `100644 blob ${EMPTY_BLOB}\titems/cd/cd0000000000.json`,
        ''
      ].join('\0'),
      'root-1'
    )

    const next = applyTreeChanges(base, parseDiffTree(out), 'root-2')

    expect([...filesOf(next)].map(([path]) => path)).toEqual(['items/ef/ef0000000000.json'])
    expect(next.trees.has('items/cd')).toBe(false)
    expect(next.trees.get('')).toBe('root-2')
  })
})
