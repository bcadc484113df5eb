#!/usr/bin/env node
// The `ccal` command: wires the real process to the CLI program and nothing else.
import { processIo } from './cli/io.js'
import { runCli } from './cli/program.js'

// A reader that stops early (`ccal findings big.log | head`) closes the pipe: the rest of the output
// is not wanted, which is no error, and no reason for a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
})

process.exitCode = await runCli(process.argv.slice(2), processIo())
