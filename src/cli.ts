#!/usr/bin/env node
// The `ccal` command: wires the real process to the CLI program and nothing else.
import { processIo } from './cli/io.js'
import { runCli } from './cli/program.js'

process.exitCode = await runCli(process.argv.slice(2), processIo())
