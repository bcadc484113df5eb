import { NotBuiltError } from '../../util/errors.js'
import type { CliCommand } from '../io.js'

/** A command whose issue has not landed yet: it says so and exits 2 instead of pretending to work. */
export function notBuilt(name: string, whatItWillDo: string): CliCommand {
  return async () => {
    throw new NotBuiltError(`not built yet: it will ${whatItWillDo}.`)
  }
}
