/**
 * `transcript: true`: each item's Claude Code stream, kept outside its worktree with secrets masked,
 * is uploaded at the end of the run as one artifact (dist/index.js, the real Claude Code CLI against
 * the scripted model server, the real @actions/artifact client against the local artifact service).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parsePullMarker } from '../../src/discovery/marker.js'
import type { TurnInput } from '../support/model-server/index.js'
import { THREE_ISSUES, threeConversations } from '../support/three-issues.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  SANDBOX_CONFIG,
  SCHEDULE_EVENT,
  TOKEN,
  createWorld,
  issuesLabeledPayload,
  type World
} from '../support/world.js'

let world: World | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

/** Every agent first runs a command that prints the job's GitHub token (as a careless one might). */
function echoingToken(turns: TurnInput[]): TurnInput[] {
  return [
    { tool_use: [{ name: 'Bash', input: { command: `echo ${TOKEN}`, description: 'Print a value' } }] },
    ...turns
  ]
}

/** The transcript files left in CCAL's work directory (RUNNER_TEMP/ccal/<repository>/transcripts/<run>/). */
function transcriptsLeft(w: World): string[] {
  const workDirectory = join(w.runnerTemp, 'ccal')
  return readdirSync(workDirectory).flatMap(repository => {
    const dir = join(workDirectory, repository, 'transcripts')
    return existsSync(dir) ? readdirSync(dir).flatMap(run => readdirSync(join(dir, run))) : []
  })
}

function lines(text: string): Array<{ type?: string; subtype?: string }> {
  return text
    .trimEnd()
    .split('\n')
    .map(line => JSON.parse(line) as { type?: string; subtype?: string })
}

describe('transcript: true', () => {
  it('uploads one artifact with one JSONL per item, each from the init event to the result, the token masked', async () => {
    world = await createWorld({
      artifacts: true,
      config: { ccal: { ...SANDBOX_CONFIG.ccal, loop: { max_concurrent_work: 3, max_items_per_run: 3 } } },
      scenario: { issues: THREE_ISSUES },
      script: []
    })
    world.model.setConversations(threeConversations(echoingToken))

    const run = await world.runAction(SCHEDULE_EVENT, { transcript: 'true' })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const pulls = world.gh.state.pulls()
    expect(pulls).toHaveLength(3)
    const [artifact, ...others] = world.artifacts!.artifacts()
    expect(others).toEqual([])
    expect(artifact!.name).toMatch(/^ccal-transcripts-\d+-1$/)
    const files = artifact!.files()
    const itemIds = pulls.map(pull => parsePullMarker(pull.body)!).sort()
    expect(files.map(file => file.name).sort()).toEqual(itemIds.map(id => `${id}.jsonl`))
    for (const file of files) {
      const text = file.data.toString('utf8')
      const events = lines(text)
      expect(events[0]).toMatchObject({ type: 'system', subtype: 'init' })
      expect(events.at(-1)).toMatchObject({ type: 'result', subtype: 'success' })
      // A verify retry resumes the session: a second run, from its own init to its own result.
      const inits = events.filter(event => event.type === 'system' && event.subtype === 'init')
      expect(events.filter(event => event.type === 'result')).toHaveLength(inits.length)
      expect(text).toContain('echo ***')
      expect(text).not.toContain(TOKEN)
    }
    // Each item's own conversation, not a mix of the three that ran at once.
    const bug = files.find(file => file.data.toString('utf8').includes('return a + b'))!
    expect(bug.data.toString('utf8')).not.toContain('shout(text)')
    expect(run.summary).toContain(`Transcripts: artifact \`${artifact!.name}\` (3 items).`)
    // Uploaded, the files go; the worktrees they were never in are gone too.
    expect(transcriptsLeft(world)).toEqual([])
    expect(world.worktrees()).toEqual([])
  })

  it('warns and goes on when the upload fails: the pull request is there, the summary says why', async () => {
    world = await createWorld({ artifacts: true })
    world.artifacts!.injectFault({
      rpc: 'CreateArtifact',
      status: 403,
      code: 'permission_denied',
      message: 'artifact storage quota exceeded for this test'
    })

    const run = await world.runAction(
      { name: 'issues', payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER) },
      { transcript: 'true' }
    )

    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(world.artifacts!.artifacts()).toEqual([])
    expect(run.stdout).toMatch(
      /::warning::transcripts: could not upload artifact ccal-transcripts-\d+-1: .*403/
    )
    expect(transcriptsLeft(world)).toEqual([expect.stringMatching(/^[0-9a-f]{12}\.jsonl$/)])
    expect(run.summary).toMatch(
      /Transcripts: not uploaded \(could not upload artifact ccal-transcripts-\d+-1: .*\); 1 item in `/
    )
  })

  it('keeps and uploads nothing when transcripts are not asked for', async () => {
    world = await createWorld({ artifacts: true })

    const run = await world.runAction({
      name: 'issues',
      payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER)
    })

    expect(run.status).toBe(0)
    expect(world.gh.state.pulls()).toHaveLength(1)
    expect(world.artifacts!.requests()).toEqual([])
    expect(run.summary).not.toContain('Transcripts:')
  })
})
