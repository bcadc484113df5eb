/**
 * Which GitHub credentials `ccal run` takes: a GitHub App from flags or CCAL_APP_*, else
 * GITHUB_TOKEN / GH_TOKEN; half an App's settings or an unreadable key is one line naming the flag.
 */
import { describe, expect, it } from '@jest/globals'
import { githubAuth } from '../../../src/cli/github-auth.js'
import type { CliIo } from '../../../src/cli/io.js'
import { silentLogger } from '../../../src/util/logger.js'

function io(env: NodeJS.ProcessEnv): CliIo {
  return { cwd: '/tmp', env, stdout: () => undefined, stderr: () => undefined }
}

const OPTIONS = { root: '/tmp', logger: silentLogger, timeoutMs: 1000, command: 'ccal run' }

describe('githubAuth', () => {
  it('uses GITHUB_TOKEN as a fixed token when no App is named', async () => {
    const auth = await githubAuth(io({ GITHUB_TOKEN: 'ghp_x' }), {}, OPTIONS)

    expect(await auth.tokens?.token()).toBe('ghp_x')
    expect(auth.secretFiles).toEqual([])
  })

  it('has no credentials without a token or an App', async () => {
    expect((await githubAuth(io({}), {}, OPTIONS)).tokens).toBeUndefined()
  })

  it('asks for the key when only the App id is given', async () => {
    await expect(githubAuth(io({}), { appId: '12' }, OPTIONS)).rejects.toThrow(
      "ccal run: --app-id needs the App's private key: --private-key-file PATH, CCAL_APP_PRIVATE_KEY_FILE or CCAL_APP_PRIVATE_KEY"
    )
    await expect(githubAuth(io({ CCAL_APP_ID: '12' }), {}, OPTIONS)).rejects.toThrow(
      /^ccal run: CCAL_APP_ID needs/
    )
  })

  it('asks for the App id when only a key is given', async () => {
    await expect(githubAuth(io({ CCAL_APP_PRIVATE_KEY: 'x' }), {}, OPTIONS)).rejects.toThrow(
      "ccal run: CCAL_APP_PRIVATE_KEY names a GitHub App's key but not the App: add --app-id ID (or CCAL_APP_ID)"
    )
  })

  it('names the flag and the file when the key file cannot be read', async () => {
    await expect(
      githubAuth(io({}), { appId: '12', privateKeyFile: '/nonexistent/app.pem' }, OPTIONS)
    ).rejects.toThrow(
      /^--private-key-file \/nonexistent\/app\.pem: cannot read the GitHub App's private key \(ENOENT/
    )
  })

  it('names the variable when the App id is not a number', async () => {
    await expect(
      githubAuth(io({ CCAL_APP_ID: 'my-app', CCAL_APP_PRIVATE_KEY: 'x' }), {}, OPTIONS)
    ).rejects.toThrow(/^CCAL_APP_ID: expected the GitHub App's id/)
  })
})
