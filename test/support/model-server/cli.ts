/**
 * Standalone model server: `npm run model-server -- --script F [--port N] [--host H]`.
 * Prints its URL as the first line of stdout, then one line per request; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { loadScriptFile, startModelServer } from './index.js'
import { errorMessage } from '../../../src/util/errors.js'

const USAGE = 'usage: model-server --script FILE [--port N] [--host 127.0.0.1]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      script: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help === true) {
    console.log(USAGE)
    return
  }
  if (values.script === undefined) throw new Error(`--script is required\n${USAGE}`)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`)

  // Validate before listening so a bad file fails fast with the key path of each problem.
  const script = loadScriptFile(values.script)
  const server = await startModelServer({
    port,
    host: values.host,
    onResponse(request) {
      const turn = request.turnIndex === null ? '' : ` turn ${request.turnIndex}`
      const note = request.exhausted
        ? ' (script exhausted)'
        : request.mismatch === undefined
          ? ''
          : ` ${request.mismatch}`
      console.log(`${request.method} ${request.path} ${request.kind}${turn} → ${request.status}${note}`)
    }
  })
  server.setScript(script.turns)
  console.log(server.url)

  const stop = (): void => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(errorMessage(error))
  process.exit(1)
})
