// The action's entry point: runs the adapter and turns any error into annotations and a failed step.
import * as core from '@actions/core'
import { describeFailure } from './action/failure.js'
import { runAction } from './action/run.js'

try {
  await runAction()
} catch (error) {
  const { annotations, failure, debug } = describeFailure(error)
  for (const annotation of annotations) core.error(annotation)
  if (debug) core.debug(debug)
  core.setFailed(failure)
}
