/**
 * File paths as a repository knows them. Tools print paths as they ran: absolute under the runner's
 * checkout (`/home/runner/work/R/R/src/x.ts`, `D:\a\R\R\src\x.cs`, `/__w/R/R/…` in container jobs),
 * as `file://` URLs, with `./` or Windows separators. Findings carry the repository-relative form,
 * so that the same problem reads the same from a Linux, macOS, Windows or container job.
 */

/**
 * Checkout roots of GitHub's runners, after backslashes became slashes: hosted Linux and macOS,
 * Windows (any drive), container jobs (`/__w`), Docker container actions (`/github/workspace`), and
 * a self-hosted runner's `_work` directory. The runner's own folders beside the checkouts
 * (`_actions`, `_temp`, `_tool`) are not repositories and keep their paths.
 */
const RUNNER_ROOT =
  /^(?:\/home\/runner\/work\/|\/Users\/runner\/work\/|[A-Za-z]:\/a\/|\/__w\/|(?:\/[^/\s]+)*\/_work\/)(?!_(?:actions|temp|tool|PipelineMapping|update)\/)[^/\s]+\/[^/\s]+\/|^\/github\/workspace\//
/**
 * Checkout roots of other CI systems, whose logs CCAL may be given too: Jenkins workspaces,
 * GitLab's /builds, CircleCI, Travis CI and Azure Pipelines.
 */
const OTHER_CI_ROOT =
  /^(?:(?:\/[^/\s]+)*\/(?:jenkins|jenkins_home|jenkins-agent|agent)\/workspace\/[^/\s]+\/|\/builds\/[^/\s]+\/[^/\s]+\/|\/home\/circleci\/(?:project|repo)\/|\/root\/project\/|\/home\/travis\/build\/[^/\s]+\/[^/\s]+\/|\/home\/vsts\/work\/\d+\/s\/|[A-Za-z]:\/a\/\d+\/s\/)/

/** True when `file` lies in a runner's own folders (an action's code, a temporary script), not in a checkout. */
export function isRunnerInternal(file: string): boolean {
  return /^(?:\/home\/runner\/work|\/Users\/runner\/work|[A-Za-z]:[\\/]a|\/__w|(?:\/[^/\s]+)*\/_work)[\\/]_(?:actions|temp|tool)[\\/]/.test(
    file
  )
}

/**
 * The repository-relative form of a path a tool printed: `file://` and `./` dropped, backslashes
 * turned into slashes, a runner's checkout root or `root` (the workspace, when known) removed.
 * Anything else (a relative path, a path outside the checkout) is kept as printed.
 */
export function repoPath(file: string, root?: string): string {
  let path = file.startsWith('file://') ? decodeFileUrl(file) : file
  // BuildKit's failure summary repeats a step's output with its time first: `11.02 /app/x.cs(3,5)`.
  if (path.charCodeAt(0) <= 57 && /^\d+\.\d+ (?=\/|[A-Za-z]:)/.test(path))
    path = path.slice(path.indexOf(' ') + 1)
  if (path.includes('\\')) path = path.replace(/\\/g, '/')
  // Maven and Gradle on Windows print URI-style paths: `/C:/Users/…`.
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1)
  // .NET's deterministic builds map the source root to `/_/`.
  if (path.startsWith('/_/')) return trimDot(path.slice(3))
  if (root) {
    const prefix = root.replace(/\\/g, '/').replace(/\/?$/, '/')
    if (path.startsWith(prefix)) return trimDot(path.slice(prefix.length))
  }
  const runner = RUNNER_ROOT.exec(path) ?? OTHER_CI_ROOT.exec(path)
  if (runner) path = path.slice(runner[0].length)
  return trimDot(path)
}

function trimDot(path: string): string {
  let rest = path
  while (rest.startsWith('./')) rest = rest.slice(2)
  return rest
}

/** `file:///home/x/a%20b.ts` → `/home/x/a b.ts`; `file:///D:/a/x.ts` → `D:/a/x.ts`. */
function decodeFileUrl(url: string): string {
  let path = url.slice('file://'.length)
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1)
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
