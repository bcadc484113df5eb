import { notBuilt } from './not-built.js'

/** `ccal findings <file>` — the discovery issue builds it. */
export const findingsCommand = notBuilt('findings', 'print the normalized findings of a log or report file')
