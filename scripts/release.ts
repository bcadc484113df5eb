// `npm run release -- X.Y.Z [--push] [--dry-run] [--branch NAME]`: checks that the release can be cut
// and tags it (docs/release.md). This entry only turns the outcome into output and an exit code:
// 0 released (or would be), 1 refused, 2 bad usage. An error CCAL did not expect keeps its stack.
import { isCcalError } from '../src/util/errors.js'
import { release } from './release-run.js'

try {
  await release(process.argv.slice(2), { cwd: process.cwd(), out: line => console.log(line) })
} catch (error) {
  if (!isCcalError(error)) throw error
  for (const line of error.message.split('\n')) console.error(`release: ${line}`)
  process.exitCode = error.exitCode
}
