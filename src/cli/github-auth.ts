/**
 * GitHub credentials of the CLI and the daemon: a GitHub App (`--app-id` and `--private-key-file`,
 * or `CCAL_APP_ID` with `CCAL_APP_PRIVATE_KEY_FILE` or `CCAL_APP_PRIVATE_KEY`) whose installation
 * tokens are renewed as they expire, else a fixed token from GITHUB_TOKEN or GH_TOKEN.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { originUrl } from '../core/engine.js'
import { resolveApiEndpoints, resolveRepository, tokenFromEnvironment } from '../core/repository.js'
import { appTokenSource, GitHubAppError, readAppId, readAppPrivateKey } from '../github/app-auth.js'
import { UsageError, errorMessage } from '../util/errors.js'
import type { Logger } from '../util/logger.js'
import { staticTokenSource, type TokenSource } from '../util/token-source.js'
import { readOnlyGit } from '../workspace/workspace.js'
import type { CliIo } from './io.js'

/** The App flags as parsed. */
export interface AppFlags {
  appId?: string | undefined
  privateKeyFile?: string | undefined
}

/** How CCAL authenticates to GitHub, and the files that hold its secrets. */
export interface GitHubAuth {
  tokens?: TokenSource
  /** Absolute paths of credential files (the App's key): hidden from the agent. */
  secretFiles: string[]
}

/** Where the App's id and key come from, each with the name of the flag or variable that gave it. */
interface AppSettings {
  appId: { text: string; origin: string }
  key: { pem: string; origin: string; file?: string }
}

function readKeyFile(path: string, origin: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new GitHubAppError(`${origin}: cannot read the GitHub App's private key (${errorMessage(error)})`)
  }
}

/** The App's id and key from the flags, else from the environment; undefined when neither names an App. */
function appSettings(io: CliIo, flags: AppFlags, command: string): AppSettings | undefined {
  const env = io.env
  const idText = flags.appId ?? (env.CCAL_APP_ID?.trim() || undefined)
  const idOrigin = flags.appId !== undefined ? '--app-id' : 'CCAL_APP_ID'
  let key: AppSettings['key'] | undefined
  const keyFile = flags.privateKeyFile ?? (env.CCAL_APP_PRIVATE_KEY_FILE?.trim() || undefined)
  if (keyFile !== undefined) {
    const origin = `${flags.privateKeyFile !== undefined ? '--private-key-file' : 'CCAL_APP_PRIVATE_KEY_FILE'} ${keyFile}`
    const file = resolve(io.cwd, keyFile)
    key = { pem: readKeyFile(file, origin), origin, file }
  } else if (env.CCAL_APP_PRIVATE_KEY?.trim()) {
    // An environment file cannot hold line breaks: a key written on one line with \n is accepted.
    key = { pem: env.CCAL_APP_PRIVATE_KEY.replace(/\\n/g, '\n'), origin: 'CCAL_APP_PRIVATE_KEY' }
  }
  if (idText === undefined && key === undefined) return undefined
  if (idText === undefined)
    throw new UsageError(
      `${command}: ${key?.origin.split(' ')[0]} names a GitHub App's key but not the App: add --app-id ID (or CCAL_APP_ID)`
    )
  if (key === undefined)
    throw new UsageError(
      `${command}: ${idOrigin} needs the App's private key: --private-key-file PATH, CCAL_APP_PRIVATE_KEY_FILE or CCAL_APP_PRIVATE_KEY`
    )
  return { appId: { text: idText, origin: idOrigin }, key }
}

/**
 * The credentials `ccal run` works with. With an App, its installation on the repository is found
 * and a first token bought here, so that a wrong id, key or installation stops the command at once
 * with one line rather than failing every cycle of a daemon.
 */
export async function githubAuth(
  io: CliIo,
  flags: AppFlags,
  options: { root: string; logger: Logger; timeoutMs: number; command: string }
): Promise<GitHubAuth> {
  const app = appSettings(io, flags, options.command)
  if (!app) {
    const token = tokenFromEnvironment(io.env)
    return { ...(token ? { tokens: staticTokenSource(token, 'GITHUB_TOKEN') } : {}), secretFiles: [] }
  }
  const appId = readAppId(app.appId.text, app.appId.origin)
  const privateKey = readAppPrivateKey(app.key.pem, app.key.origin)
  const repository = resolveRepository(io.env, await originUrl(readOnlyGit(options.root)))
  if (tokenFromEnvironment(io.env))
    options.logger.info(`GitHub App ${appId} authenticates CCAL; GITHUB_TOKEN / GH_TOKEN are not used`)
  const tokens = appTokenSource({
    appId,
    privateKey,
    ...repository,
    apiUrl: resolveApiEndpoints(io.env).apiUrl,
    logger: options.logger,
    timeoutMs: options.timeoutMs
  })
  await tokens.token()
  options.logger.info(
    `GitHub App ${appId}: installed on ${repository.owner}/${repository.repo}; its tokens are renewed before they expire`
  )
  return { tokens, secretFiles: app.key.file ? [app.key.file] : [] }
}
