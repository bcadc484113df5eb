import { notBuilt } from './not-built.js'

/** `ccal ledger show|add|verify|log|restore|export` — the ledger issue builds these. */
export const ledgerCommand = notBuilt('ledger', 'show, add to, verify, log, restore and export the ccal-ledger branch')
