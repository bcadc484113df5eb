import { notBuilt } from './not-built.js'

/** `ccal status` — the at-a-glance view of the ledger; the ledger issue builds it. */
export const statusCommand = notBuilt('status', 'print the queue, open PRs and budget from the ledger')
