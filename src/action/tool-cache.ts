/**
 * The Actions cache for Claude Code's tool directory. It lives with the Actions adapter so that
 * only the action's bundle carries `@actions/cache` (and the Azure storage SDK under it): the `ccal`
 * command never caches there, and its bundle is 2.6 MB lighter without it.
 */
import type { ToolCache } from '../executor/install.js'

/** The Actions cache, when the runtime offers one (ACTIONS_RUNTIME_TOKEN set); undefined outside Actions. */
export async function actionsToolCache(env: NodeJS.ProcessEnv = process.env): Promise<ToolCache | undefined> {
  if (!env.ACTIONS_RUNTIME_TOKEN) return undefined
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) return undefined
  return {
    restore: async (dir, key) => (await cache.restoreCache([dir], key)) !== undefined,
    save: async (dir, key) => {
      await cache.saveCache([dir], key)
    }
  }
}
