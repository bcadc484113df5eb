// The action's logic entry: runs the adapter and turns any error into annotations and a failed
// step. Exported as `run` (the Actions template's shape) so tools such as @github/local-action can
// call it; src/index.ts is what the runner starts.
import * as core from '@actions/core'
import { describeFailure } from './action/failure.js'
import { runAction } from './action/run.js'

/** Runs the action once; never throws. */
export async function run(): Promise<void> {
  try {
    await runAction()
  } catch (error) {
    const { annotations, failure, debug } = describeFailure(error)
    for (const annotation of annotations) core.error(annotation)
    if (debug) core.debug(debug)
    core.setFailed(failure)
  }
}
