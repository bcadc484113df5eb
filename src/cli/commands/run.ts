import { notBuilt } from './not-built.js'

/** `ccal run --once|--daemon` — the loop issue builds it. */
export const runCommand = notBuilt(
  'run',
  'run the discover → plan → execute → deliver cycle once or as a daemon'
)
