/**
 * Three labelled issues of the sandbox project, each with the agent's script that resolves it by
 * changing its own file: for runs that work several items at once (test/e2e/loop-parallel.test.ts,
 * bench/parallel.ts), each with its own timing.
 */
import type { Conversation, TurnInput } from './model-server/index.js'
import { BUG_ISSUE, MAINTAINER, fixBugScript } from './world.js'

export const DOC_ISSUE = {
  number: 2,
  title: 'Document shout()',
  body: 'The README does not say what shout() does.'
}
export const LINT_ISSUE = {
  number: 3,
  title: 'Remove the unused suffix',
  body: 'src/strings.js declares unusedSuffix.'
}

/** The three issues, labelled by the maintainer. */
export const THREE_ISSUES = [BUG_ISSUE, DOC_ISSUE, LINT_ISSUE].map(issue => ({
  ...issue,
  author: MAINTAINER,
  labels: ['ccal-task'],
  labeled_by: { 'ccal-task': MAINTAINER }
}))

/** The file each issue's pull request changes. */
export const CHANGED_FILE: Record<number, string> = {
  [BUG_ISSUE.number]: 'src/math.js',
  [DOC_ISSUE.number]: 'README.md',
  [LINT_ISSUE.number]: 'src/strings.js'
}

/** Each issue's agent — read, edit its own file, report — with `timed` applied to its turns. */
export function threeConversations(
  timed: (turns: TurnInput[]) => TurnInput[] = turns => turns
): Conversation[] {
  return [
    { match: `GitHub issue #${BUG_ISSUE.number} of`, turns: timed(fixBugScript() as TurnInput[]) },
    {
      match: `GitHub issue #${DOC_ISSUE.number} of`,
      turns: timed([
        { tool_use: [{ name: 'Read', input: { file_path: '$CWD/README.md' } }] },
        {
          tool_use: [
            {
              name: 'Edit',
              input: {
                file_path: '$CWD/README.md',
                old_string: '`node --test` runs the tests.',
                new_string: '`node --test` runs the tests. `shout(text)` upper-cases a text.'
              }
            }
          ]
        },
        { text: 'Documented shout() in the README.' }
      ])
    },
    {
      match: `GitHub issue #${LINT_ISSUE.number} of`,
      turns: timed([
        { tool_use: [{ name: 'Read', input: { file_path: '$CWD/src/strings.js' } }] },
        {
          tool_use: [
            {
              name: 'Edit',
              input: {
                file_path: '$CWD/src/strings.js',
                old_string: "  const unusedSuffix = '!'\n",
                new_string: ''
              }
            }
          ]
        },
        { text: 'Removed the unused variable.' }
      ])
    }
  ]
}
