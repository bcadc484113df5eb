/**
 * The action adapter: inputs and the event payload in, settings and a trigger out, then the cycle.
 * Everything below this file is shared with the `ccal` CLI.
 */
import { loadSettings } from '../config/load.js'
import { describeTrigger, triggerFromEnvironment } from '../core/trigger.js'
import { NotBuiltError } from '../util/errors.js'
import { CCAL_VERSION } from '../version.js'
import { readActionInputs } from './inputs.js'
import { createActionLogger } from './logger.js'

/** Runs one invocation of the action. Throws typed errors; the entry point reports them. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const inputs = readActionInputs()
  const root =
    env.GITHUB_WORKSPACE && env.GITHUB_WORKSPACE.trim() !== '' ? env.GITHUB_WORKSPACE : process.cwd()
  const loaded = loadSettings({
    root,
    configPath: inputs.configPath,
    configRequired: inputs.configExplicit,
    env,
    overrides: inputs.overrides
  })
  const logger = createActionLogger(loaded.settings.monitoring.log_level)
  for (const warning of loaded.warnings) logger.warning(warning)
  const trigger = triggerFromEnvironment(env)
  logger.info(
    `CCAL ${CCAL_VERSION}: mode ${inputs.mode}, trigger ${describeTrigger(trigger)}, ` +
      `settings from ${loaded.configFound ? loaded.configPath : 'defaults (no config file)'}`
  )
  throw new NotBuiltError(
    `mode '${inputs.mode}' is not built yet: settings and the trigger were read and are valid, but the cycle ` +
      '(discover → plan → execute → deliver) has not landed'
  )
}
