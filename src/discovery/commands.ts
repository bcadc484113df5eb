/**
 * Comment commands: `/ccal retry`, `/ccal skip`, `/ccal priority N`. Parsing is pure and strict:
 * a command is a line of its own that starts with `/ccal`; anything unrecognised is reported, never
 * guessed at. Whether the author may command CCAL is decided elsewhere (trust.ts).
 */

/** A recognised command. */
export type CcalCommand = { kind: 'retry' } | { kind: 'skip' } | { kind: 'priority'; priority: number }

/** A `/ccal` line that is not a valid command, with the reason (for the log and the plan). */
export interface InvalidCommand {
  kind: 'invalid'
  line: string
  reason: string
}

/** The result of parsing one comment: commands found, in order, and invalid `/ccal` lines. */
export interface ParsedCommands {
  commands: CcalCommand[]
  invalid: InvalidCommand[]
}

const COMMAND_LINE = /^\/ccal(?:\s+(.*))?$/i

/**
 * Finds the commands in a comment body. Lines inside fenced code blocks and quoted lines (`> …`)
 * are ignored: quoting someone else's command must not repeat it.
 */
export function parseCommands(body: string): ParsedCommands {
  const commands: CcalCommand[] = []
  const invalid: InvalidCommand[] = []
  let inFence = false
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence
      continue
    }
    if (inFence || line.startsWith('>')) continue
    const match = COMMAND_LINE.exec(line)
    if (!match) continue
    const parsed = parseCommandWords((match[1] ?? '').trim().split(/\s+/).filter(Boolean))
    if ('reason' in parsed) invalid.push({ kind: 'invalid', line: line.slice(0, 80), reason: parsed.reason })
    else commands.push(parsed)
  }
  return { commands, invalid }
}

function parseCommandWords(words: string[]): CcalCommand | { reason: string } {
  const [verb, ...rest] = words.map(word => word.toLowerCase())
  switch (verb) {
    case 'retry':
    case 'skip':
      return rest.length === 0 ? { kind: verb } : { reason: `'/ccal ${verb}' takes no arguments` }
    case 'priority': {
      const value = rest.length === 1 && /^[1-5]$/.test(rest[0]!) ? Number(rest[0]) : undefined
      return value === undefined
        ? { reason: "'/ccal priority' needs one number from 1 (most urgent) to 5" }
        : { kind: 'priority', priority: value }
    }
    case undefined:
      return { reason: "'/ccal' needs a command: retry, skip or priority N" }
    default:
      return { reason: `unknown command '${verb}' (known: retry, skip, priority N)` }
  }
}

/** A command as text, for logs and commit messages. */
export function describeCommand(command: CcalCommand): string {
  return command.kind === 'priority' ? `/ccal priority ${command.priority}` : `/ccal ${command.kind}`
}

/** Whether a comment may hold a command: a cheap check made before any request is spent on it. */
export function mentionsCommand(body: string): boolean {
  return /^\s*\/ccal\b/im.test(body)
}
