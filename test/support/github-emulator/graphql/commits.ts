/**
 * GraphQL `createCommitOnBranch` over the scenario's bare repository, and the `Commit` it answers
 * with. The input's shape was validated against GitHub's schema before this runs; here are the rules
 * GitHub applies to its values: the branch must exist, `expectedHeadOid` must be its head (else
 * GitHub's STALE_DATA answer), paths unique, deletions of existing paths only, strict base64. The
 * commit is authored and committed by the token's user and GitHub signs it: its sha is recorded as
 * verified.
 */
import { z } from 'zod'
import { hasPermission } from '../state.js'
import { repoHtml, type ShapeContext } from '../rest/shapes.js'
import { GraphClientError, GraphNotFoundError } from './connection.js'
import type { Model } from './models.js'

const inputSchema = z.object({
  input: z.object({
    branch: z.object({
      branchName: z.string().nullish(),
      repositoryNameWithOwner: z.string().nullish(),
      id: z.string().nullish()
    }),
    clientMutationId: z.string().nullish(),
    expectedHeadOid: z.string(),
    fileChanges: z
      .object({
        additions: z.array(z.object({ path: z.string(), contents: z.string() })).nullish(),
        deletions: z.array(z.object({ path: z.string() })).nullish()
      })
      .nullish(),
    message: z.object({ headline: z.string(), body: z.string().nullish() })
  })
})

/** RFC 4648 base64 with correct padding and nothing outside the standard alphabet. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** GitHub's answer when the branch's head is not `expectedHeadOid` (HTTP 200, `type: STALE_DATA`). */
export function staleHeadMessage(expected: string): string {
  return `Expected branch to point to "${expected}" but it did not.  Pull and try again.`
}

/** The `Commit` model of a sha in the repository. */
export function commitModel(ctx: ShapeContext, sha: string): Model {
  const store = ctx.state.gitStore()
  const commit = store.commit(sha)
  const [headline = '', ...rest] = commit.message.split('\n')
  const verified = store.verified.has(sha)
  return {
    __typename: 'Commit',
    id: Buffer.from(`Commit:${sha}`).toString('base64'),
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    message: commit.message.trimEnd(),
    messageHeadline: headline,
    messageBody: rest.join('\n').trim(),
    url: `${repoHtml(ctx)}/commit/${sha}`,
    committedDate: commit.committer.date,
    authoredDate: commit.author.date,
    signature: verified
      ? {
          __typename: 'GpgSignature',
          email: 'noreply@github.com',
          isValid: true,
          state: 'VALID',
          wasSignedByGitHub: true,
          payload: '',
          signature: '-----BEGIN PGP SIGNATURE-----\n(emulated)\n-----END PGP SIGNATURE-----\n',
          signer: null,
          verifiedAt: commit.committer.date,
          keyId: 'B5690EEEBB952194'
        }
      : null
  }
}

/** Resolves `createCommitOnBranch(input:)` for `viewer`. */
export function createCommitOnBranch(ctx: ShapeContext, viewer: string, args: unknown): Model {
  const { input } = inputSchema.parse(args)
  const { state } = ctx
  const { repo } = state
  const store = state.gitStore()
  const { branchName, repositoryNameWithOwner, id } = input.branch
  if (id || !branchName || !repositoryNameWithOwner) {
    throw new GraphClientError(
      id
        ? 'the emulator locates branches by repositoryNameWithOwner and branchName, not by id'
        : 'branch needs both repositoryNameWithOwner and branchName (or an id)'
    )
  }
  if (repositoryNameWithOwner.toLowerCase() !== `${repo.owner}/${repo.name}`.toLowerCase())
    throw new GraphNotFoundError(
      `Could not resolve to a Repository with the name '${repositoryNameWithOwner}'.`
    )
  const user = state.user(viewer)
  if (!hasPermission(user.permission, 'write'))
    throw new GraphClientError(`${viewer} does not have permission to push to this repository.`, 'FORBIDDEN')
  const ref = `refs/heads/${branchName.replace(/^refs\/heads\//, '')}`
  const head = store.resolveRef(ref)
  if (!head) throw new GraphNotFoundError(`Could not resolve to a Ref with the name '${ref}'.`)
  if (head !== input.expectedHeadOid)
    throw new GraphClientError(staleHeadMessage(input.expectedHeadOid), 'STALE_DATA')
  const additions = input.fileChanges?.additions ?? []
  const deletions = input.fileChanges?.deletions ?? []
  const paths = [...additions, ...deletions].map(change => change.path)
  const duplicate = paths.find((path, index) => paths.indexOf(path) !== index)
  if (duplicate) throw new GraphClientError(`The path '${duplicate}' appears more than once`, 'UNPROCESSABLE')
  for (const addition of additions) {
    if (!STRICT_BASE64.test(addition.contents))
      throw new GraphClientError(`The contents of '${addition.path}' are not valid base64`, 'UNPROCESSABLE')
  }
  for (const deletion of deletions) {
    if (!store.hasPath(head, deletion.path)) {
      throw new GraphClientError(
        `A path was requested for deletion which does not exist as of commit oid \`${head}\`: ${deletion.path}`,
        'UNPROCESSABLE'
      )
    }
  }
  const body = input.message.body?.trim()
  const sha = store.commitOnTop({
    parent: head,
    additions: additions.map(a => ({ path: a.path, contents: Buffer.from(a.contents, 'base64') })),
    deletions: deletions.map(d => d.path),
    message: `${input.message.headline}\n${body ? `\n${body}\n` : ''}`,
    author: {
      name: user.name ?? user.login,
      email: `${user.id}+${user.login}@users.noreply.github.com`
    },
    date: state.now()
  })
  // A writer that moved the branch since the check above loses as GitHub's would: STALE_DATA.
  if (!store.updateRef(ref, sha, head))
    throw new GraphClientError(staleHeadMessage(input.expectedHeadOid), 'STALE_DATA')
  store.verified.add(sha)
  return {
    clientMutationId: input.clientMutationId ?? null,
    commit: commitModel(ctx, sha),
    ref: {
      __typename: 'Ref',
      id: Buffer.from(`Ref:${ref}`).toString('base64'),
      name: ref.slice('refs/heads/'.length),
      prefix: 'refs/heads/',
      target: commitModel(ctx, sha)
    }
  }
}
