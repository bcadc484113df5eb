// `npm run demo`: CCAL end to end on this machine, offline. It creates a sandbox repository with a
// bare origin, starts the GitHub emulator and the scripted model server, and runs the bundled
// dist/index.js exactly as the Actions runner does (INPUT_*, GITHUB_EVENT_PATH holding a real
// issues.labeled payload, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) with the real Claude Code CLI.
// It prints the job summary, the pull request that was opened, and the ledger branch's git log.
import { git } from '../test/support/repos.js'
import type { TurnInput } from '../test/support/model-server/index.js'
import {
  BUG_ISSUE,
  MAINTAINER,
  createWorld,
  fixBugScript,
  issuesLabeledPayload
} from '../test/support/world.js'

const rule = (title: string) =>
  console.log(`\n${'─'.repeat(8)} ${title} ${'─'.repeat(Math.max(4, 80 - title.length))}`)

// Token counts of a small real session, so the reported cost looks like one.
const turns = fixBugScript() as TurnInput[]
const world = await createWorld({
  script: { turns, default_usage: { input_tokens: 5200, output_tokens: 350, cache_read_input_tokens: 9000 } }
})
let failed: boolean
try {
  rule('What happens')
  console.log(`A sandbox project (${world.sandbox.dir}) has a bug: add() subtracts.`)
  console.log(
    `Issue #${BUG_ISSUE.number} "${BUG_ISSUE.title}" is labelled ccal-task by @${MAINTAINER}, a maintainer.`
  )
  console.log('The workflow runs the bundled action (dist/index.js) for that issues.labeled event.')

  const run = await world.runAction({
    name: 'issues',
    payload: issuesLabeledPayload(BUG_ISSUE, 'ccal-task', MAINTAINER)
  })
  rule(`The action's log (exit code ${run.status})`)
  // The runner hides ::debug:: lines unless step debugging is on; so does the demo.
  console.log(
    run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::debug::'))
      .join('\n')
      .trimEnd()
  )
  if (run.stderr.trim()) console.log(run.stderr.trimEnd())
  failed = run.status !== 0

  rule('Job summary (GITHUB_STEP_SUMMARY)')
  console.log(run.summary.trimEnd())

  rule('Pull request on the (emulated) GitHub')
  for (const pull of world.gh.state.pulls()) {
    console.log(
      `#${pull.number} ${pull.title}  [${pull.state}${pull.pull.draft ? ', draft' : ''}]  ${pull.pull.head} → ${pull.pull.base}`
    )
    console.log(pull.body.trimEnd())
    rule(`The change on ${pull.pull.head}`)
    console.log(
      git(world.sandbox.origin, 'show', '--stat', '--patch', '--format=%an <%ae>%n%n%B', pull.pull.head)
    )
  }
  if (world.gh.state.pulls().length === 0) {
    failed = true
    console.log('No pull request was opened.')
  }
  const comments = world.gh.state.issue(BUG_ISSUE.number).comments
  rule(`Comments on issue #${BUG_ISSUE.number}`)
  for (const comment of comments) console.log(`@${comment.author}: ${comment.body}`)

  rule('git log ccal-ledger (the audit trail)')
  const hasLedger = git(world.sandbox.origin, 'branch', '--list', 'ccal-ledger') !== ''
  console.log(
    hasLedger
      ? git(world.sandbox.origin, 'log', '--format=%h %ad %s', '--date=iso', 'ccal-ledger')
      : 'No ledger branch was written.'
  )
  rule('Outputs (GITHUB_OUTPUT)')
  for (const [name, value] of Object.entries(run.outputs))
    if (name !== 'summary') console.log(`${name}: ${value}`)
  console.log(
    `\nThe model server answered ${world.model.requests().length} requests from the real Claude Code CLI;`
  )
  console.log(
    `the GitHub emulator answered ${world.gh.requests().length} requests, each checked against GitHub's published API.`
  )
} finally {
  await world.cleanup()
}
process.exitCode = failed ? 1 : 0
