/**
 * The executor's public face: what the cycle calls to turn a work item into a change in the working
 * tree with the Claude Code CLI. See docs/executor.md.
 */
export {
  ClaudeSetupError,
  prepareClaude,
  resolveAuth,
  type ClaudeRuntime,
  type ToolCache
} from './install.js'
export { executeItem, DirtyWorkingTreeError, type ExecuteOptions, type ExecutionOutcome } from './execute.js'
export { toResultInput, type OutcomeCode, type OutcomeStatus, type RunRecord } from './outcome.js'
export { shutdownSignal } from './claude.js'
export { BUILTIN_DENIED_TOOLS } from './arguments.js'
export { remainingBudgetUsd } from './budget.js'
