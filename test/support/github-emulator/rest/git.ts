/**
 * REST handlers of the Git database (refs) and of commits, over the scenario's bare repository
 * (`repo.git_dir`). A commit GitHub made through the API (`createCommitOnBranch`) reads as verified.
 */
import { z } from 'zod'
import { HttpError, notFound, validationFailed } from '../errors.js'
import type { GitStore } from '../git-store.js'
import { json, parseBody, requireRole, type RestHandlers, type RestRequest } from './context.js'
import { repoApi, repoHtml, simpleUser, type ShapeContext } from './shapes.js'

/** `git-ref` for a full ref name and its sha. */
function gitRef(ctx: ShapeContext, store: GitStore, ref: string, sha: string): Record<string, unknown> {
  const type = store.objectType(sha)
  return {
    ref,
    node_id: Buffer.from(`Ref:${ref}`).toString('base64'),
    url: `${repoApi(ctx)}/git/${ref}`,
    object: { type, sha, url: `${repoApi(ctx)}/git/${type}s/${sha}` }
  }
}

/** The full ref name of a REST `{ref}` parameter (`heads/x` → `refs/heads/x`). */
function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/${ref}`
}

const createRefBody = z.object({ ref: z.string(), sha: z.string() })
const updateRefBody = z.object({ sha: z.string(), force: z.boolean().default(false) })

/** The verification GitHub reports for a commit: verified when GitHub made and signed it. */
function verification(store: GitStore, sha: string): Record<string, unknown> {
  const verified = store.verified.has(sha)
  return {
    verified,
    reason: verified ? 'valid' : 'unsigned',
    signature: verified ? '-----BEGIN PGP SIGNATURE-----\n(emulated)\n-----END PGP SIGNATURE-----\n' : null,
    payload: null,
    verified_at: null
  }
}

/** The login a commit's author email names (`{id}+{login}@users.noreply.github.com`), if any. */
function loginOfEmail(ctx: ShapeContext, email: string): string | null {
  const match = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)
  const login = match?.[1]
  return login && ctx.state.users.has(login) ? login : null
}

function getCommit(req: RestRequest): Record<string, unknown> {
  const store = req.ctx.state.gitStore()
  const sha = store.resolveCommit(req.params.ref ?? '')
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${req.params.ref ?? ''}`)
  const commit = store.commit(sha)
  const api = repoApi(req.ctx)
  const person = (who: { name: string; email: string; date: string }) => ({
    name: who.name,
    email: who.email,
    date: who.date
  })
  const account = (email: string) => {
    const login = loginOfEmail(req.ctx, email)
    return login ? simpleUser(req.ctx, login) : null
  }
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: Buffer.from(`Commit:${sha}`).toString('base64'),
    html_url: `${repoHtml(req.ctx)}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: person(commit.author),
      committer: person(commit.committer),
      message: commit.message.trimEnd(),
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      verification: verification(store, sha)
    },
    author: account(commit.author.email),
    committer: account(commit.committer.email),
    parents: commit.parents.map(parent => ({
      sha: parent,
      url: `${api}/commits/${parent}`,
      html_url: `${repoHtml(req.ctx)}/commit/${parent}`
    }))
  }
}

export const gitHandlers: RestHandlers = {
  'git/get-ref': req => {
    const store = req.ctx.state.gitStore()
    const ref = fullRef(req.params.ref ?? '')
    const sha = store.resolveRef(ref)
    if (!sha) throw notFound()
    return json(gitRef(req.ctx, store, ref, sha))
  },

  'git/create-ref': req => {
    requireRole(req, 'write')
    const store = req.ctx.state.gitStore()
    const body = parseBody(req, createRefBody)
    if (!/^refs\/[^/]+\/.+/.test(body.ref)) throw new HttpError(422, `${body.ref} is not a valid ref name.`)
    if (!store.hasObject(body.sha)) throw new HttpError(422, 'Object does not exist')
    if (store.resolveRef(body.ref)) throw new HttpError(422, 'Reference already exists')
    if (!store.updateRef(body.ref, body.sha, '')) throw new HttpError(422, 'Reference already exists')
    return json(gitRef(req.ctx, store, body.ref, body.sha), 201)
  },

  'git/update-ref': req => {
    requireRole(req, 'write')
    const store = req.ctx.state.gitStore()
    const body = parseBody(req, updateRefBody)
    const ref = fullRef(req.params.ref ?? '')
    const current = store.resolveRef(ref)
    if (!current) throw validationFailed('Reference does not exist', 'Reference', 'ref')
    if (!store.hasObject(body.sha)) throw new HttpError(422, 'Object does not exist')
    if (!body.force && !store.isAncestor(current, body.sha))
      throw new HttpError(422, 'Update is not a fast forward')
    if (!store.updateRef(ref, body.sha, current)) throw new HttpError(409, 'Reference update failed')
    return json(gitRef(req.ctx, store, ref, body.sha))
  },

  'repos/get-commit': req => json(getCommit(req))
}
