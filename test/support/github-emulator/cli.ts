/**
 * Standalone emulator: `npm run emulator -- --scenario FILE.json [--port N]`.
 * The first line of stdout is the base URL (scripts read it); the rest is for humans.
 */
import { parseArgs } from 'node:util'
import { errorMessage } from './errors.js'
import { loadScenarioFile, startGitHubEmulator, type GitHubEmulator } from './index.js'

const USAGE = 'usage: npm run emulator -- --scenario FILE.json [--port N]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scenario: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } }
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const scenario = values.scenario ? loadScenarioFile(values.scenario) : {}
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got '${values.port}'`)
  const gh = await startGitHubEmulator(scenario, { port, preloadGraphql: true })
  console.log(gh.url)
  console.log(`GraphQL: ${gh.graphqlUrl}  request log: ${gh.url}/_emulator/requests  (Ctrl-C to stop)`)
  stopOnSignal(gh)
}

function stopOnSignal(gh: GitHubEmulator): void {
  const stop = (): void => {
    const violations = gh.violations().length
    gh.stop({ allowViolations: true }).finally(() => {
      if (violations > 0) console.error(`${violations} violation(s) recorded; see /_emulator/requests`)
      process.exitCode = violations > 0 ? 1 : 0
    })
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(errorMessage(error))
  console.error(USAGE)
  process.exitCode = 2
})
