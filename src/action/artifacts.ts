/**
 * Workflow run artifacts: the one place CCAL uploads files to the run's page. `@actions/artifact`
 * (and the Azure storage SDK under it) is loaded only when an upload happens, so a run that uploads
 * nothing never parses it; it lives with the Actions adapter, so the `ccal` command never carries it.
 */
import { CcalError, errorMessage } from '../util/errors.js'

/** An artifact could not be uploaded: not under Actions, or the service refused or failed. */
export class ArtifactUploadError extends CcalError {}

export interface UploadedArtifact {
  readonly name: string
  /** The artifact's id on the workflow run (the REST API's artifact_id). */
  readonly id: number
  /** Bytes of the uploaded zip archive. */
  readonly size: number
}

export interface ArtifactUploadOptions {
  /** Days the artifact is kept; the repository's default (at most its maximum) when undefined. */
  readonly retentionDays?: number
  /** Where the runtime's variables are read (the library itself reads process.env). */
  readonly env?: NodeJS.ProcessEnv
}

/** True when the runner offers artifact storage: a runtime token and the results service's URL. */
export function artifactsAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL)
}

/**
 * True on GitHub Enterprise Server, which the artifact service of @actions/artifact v2+ does not
 * serve (the package's own client refuses the same way: not github.com, *.ghe.com or *.localhost).
 */
function isEnterpriseServer(env: NodeJS.ProcessEnv): boolean {
  const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase()
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost')
}

/**
 * Uploads `files` (absolute paths under `rootDirectory`, which is cut from the names inside the
 * archive) as the artifact `name`. Throws {@link ArtifactUploadError} with a one-line message.
 */
export async function uploadArtifact(
  name: string,
  files: readonly string[],
  rootDirectory: string,
  options: ArtifactUploadOptions = {}
): Promise<UploadedArtifact> {
  const env = options.env ?? process.env
  if (!artifactsAvailable(env))
    throw new ArtifactUploadError(
      `cannot upload artifact ${name}: not running under GitHub Actions (no ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL)`
    )
  if (isEnterpriseServer(env))
    throw new ArtifactUploadError(
      `cannot upload artifact ${name}: @actions/artifact does not support GitHub Enterprise Server (${env.GITHUB_SERVER_URL})`
    )
  try {
    // The upload alone, not the package's index: its download and listing code (a second Octokit,
    // an unzip library) would double the size of the lazily loaded chunk for nothing.
    const { uploadArtifact: upload } =
      await import('@actions/artifact/lib/internal/upload/upload-artifact.js')
    const uploaded = await upload(name, [...files], rootDirectory, {
      ...(options.retentionDays ? { retentionDays: options.retentionDays } : {})
    })
    if (uploaded.id === undefined)
      throw new Error('the artifact service finalized the upload without an artifact id')
    return { name, id: uploaded.id, size: uploaded.size ?? 0 }
  } catch (error) {
    // The library's messages run over several lines (the name rules); the first says what failed.
    const first = errorMessage(error).split('\n')[0]?.trim() || 'unknown error'
    throw new ArtifactUploadError(`could not upload artifact ${name}: ${first}`, { cause: error })
  }
}
