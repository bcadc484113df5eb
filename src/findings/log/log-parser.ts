/**
 * The log parser: CI job logs and plain tool output alike, one line at a time. It removes what the
 * runner adds (timestamps, byte-order marks, colour codes, gh's job and step columns), follows the
 * steps (`##[group]Run …`), skips the script the runner echoes at the start of each step, reads
 * the tool line inside an annotation (`##[error]src/x.ts(3,5): error TS2304: …`, as problem
 * matchers print them), and hands every other line to the tool parsers. Lines that a workspace
 * runner or BuildKit relayed with a prefix (`packages/ui lint: …`, `web:build: …`, `#12 0.51 …`)
 * go, without it, to a chain of parsers of their own, so that interleaved packages do not mix.
 *
 * In a job log, a step's findings are what made it fail: they are kept until the step ends and
 * given out only when it failed (its exit code, or an error annotation). A failed step in which no
 * parser found the failure itself still yields one finding: a failed task a parser quoted with its
 * output, else the step's first error-looking line with its last lines, else a tool's closing word.
 * Plain tool output has no steps: its findings are given out at once, and it gets that one finding
 * when a tool's closing word shows that something failed. A job log in which no step ever says that
 * it failed (an excerpt cut before the runner's words) gives out the errors its steps printed.
 */
import type { Finding } from '../finding.js'
import { finding } from '../finding.js'
import { repoPath } from '../paths.js'
import { FAIL_ON_EVERY_FINDING, TOOL_PARSERS, toolParser } from '../tools/registry.js'
import { createToolChain, type ToolParser } from '../tools/tool.js'
import {
  exitCodeOf,
  isExitWord,
  runnerCommand,
  splitGhLog,
  splitPrefix,
  startsWithTimestamp,
  stripBom
} from './framing.js'
import {
  int,
  isErrorLooking,
  SUMMARY,
  stripAnsi,
  stripTimestamp,
  type Emit,
  type Explains,
  type LineParser
} from './line-parser.js'

export { isErrorLooking } from './line-parser.js'

export interface LogParserOptions {
  /** Only these tool parsers (registry names); all by default. */
  parsers?: readonly string[]
  /**
   * Whether the runner's own words become findings (default true): annotations no parser reads
   * (`##[error]…`), and the finding of a failed step no parser understood.
   */
  runnerFindings?: boolean
  /** The workspace root, removed from paths (runners' checkout roots are removed anyway). */
  root?: string
  /** Told of each step of a job log as it ends. */
  onStep?: (step: StepOutcome) => void
  /**
   * Give out every finding: warnings and notes beside errors, in steps that passed too. By
   * default only what failed is given out: a failed step's errors, or its warnings when it has no
   * error (a linter run with `--max-warnings 0`), and in plain output its errors, or else its
   * warnings.
   */
  every?: boolean
}

/** How a step of a job log ended, for sources that want more than its findings. */
export interface StepOutcome {
  job: string | null
  step: string | null
  /** The exit code the runner reported, or null (the step passed, or failed by an annotation). */
  exitCode: number | null
  failed: boolean
  /** Findings given out for the step (none when it passed). */
  findings: number
}

/** Findings a step holds before they are given out whatever its outcome: no passing step prints that many. */
const MAX_HELD = 2000
/** Lines kept from the end of a step for the finding of a step no parser understood. */
export const TAIL_LINES = 12
/** The longest message a fallback finding takes from a log line. */
const MAX_MESSAGE = 300

/** `file=a.ts,line=3,title=x` → a map; values are %-escaped as the runner's toolkit writes them. */
function commandProperties(text: string | undefined): Map<string, string> {
  const properties = new Map<string, string>()
  for (const pair of (text ?? '').split(',')) {
    const eq = pair.indexOf('=')
    if (eq > 0) properties.set(pair.slice(0, eq).trim(), unescapeProperty(pair.slice(eq + 1)))
  }
  return properties
}

function unescapeProperty(value: string): string {
  return value.replace(/%(25|0D|0A|3A|2C)/gi, code => decodeURIComponent(code))
}

const WORKFLOW_COMMAND = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/
/** The web view's rendering of an annotation, in logs copied from a browser. */
const RENDERED_ANNOTATION = /^(Error|Warning): (.*)$/

/** A parser chain for the lines of one stream (the job's own, or one relayed package's). */
interface Stream {
  chain: LineParser
  package: string | null
  directory: string | null
}

/** What a step of a job log has shown so far. */
interface StepRecord {
  failed: boolean
  exitCode: number | null
  held: Finding[]
  /** True once the step held more than {@link MAX_HELD}: its findings are given out as they come. */
  overflowing: boolean
  /** Errors held (not yet given out). */
  heldErrors: number
  /** Closing words of tools: proof of a failure, explained by the step's own error line. */
  closing: Finding[]
  /** Failed tasks quoted with their output. */
  causes: Finding[]
  findings: number
  errors: number
  /** Messages of the tools' findings given out, so that an annotation repeating one is dropped. */
  toolMessages: string[]
  /** The first error-looking line, whole, and the task of the runner that relayed it. */
  firstError: { text: string; task: string | null } | null
  tail: string[]
}

function newRecord(): StepRecord {
  return {
    failed: false,
    exitCode: null,
    held: [],
    overflowing: false,
    heldErrors: 0,
    closing: [],
    causes: [],
    findings: 0,
    errors: 0,
    toolMessages: [],
    firstError: null,
    tail: []
  }
}

function selectParsers(names: readonly string[] | undefined): readonly ToolParser[] {
  if (!names) return TOOL_PARSERS
  return names.map(name => {
    const parser = toolParser(name)
    if (!parser) throw new Error(`unknown tool parser '${name}'`)
    return parser
  })
}

/** True when a finding fails a run on its own: an error, or anything a strict linter prints. */
function failsTheRun(found: Finding): boolean {
  return found.severity === 'error' || FAIL_ON_EVERY_FINDING.has(found.tool)
}

/** A finding's identity within a step: the same problem printed twice is given out once. */
function identity(found: Finding): string {
  return `${found.tool}\u0000${found.file}\u0000${found.line}\u0000${found.column}\u0000${found.rule}\u0000${found.message}`
}

/** The log parser (right for plain tool output too). Findings carry the job and step they came from. */
export function createLogParser(emit: Emit, options: LogParserOptions = {}): LineParser {
  const parsers = selectParsers(options.parsers)
  const runnerFindings = options.runnerFindings ?? true
  const every = options.every ?? false
  let job: string | null = null
  let step: string | null = null
  /** Inside the script the runner echoes between `##[group]Run …` and `##[endgroup]`. */
  let echo = false
  /** Whether the input is a job log with steps (the runner's commands, gh's columns). */
  let framed = false
  let record = newRecord()
  let seen = new Set<string>()
  /** Whether any step of the log has failed; until one has, the errors of passing steps wait here. */
  let anyFailed = false
  const unclaimed: Finding[] = []
  const streams = new Map<string, Stream>()

  const release = (found: Finding) => {
    const key = identity(found)
    if (seen.has(key)) return
    seen.add(key)
    record.findings++
    if (found.severity === 'error') record.errors++
    if (found.tool !== 'actions' && record.toolMessages.length < MAX_HELD)
      record.toolMessages.push(found.message)
    emit(found)
  }

  const accept = (stream: Stream, found: Finding, kind?: Explains) => {
    // Findings are fresh objects owned by their parser until given out: decorate them in place.
    found.step ??= step
    found.job ??= job
    found.package ??= stream.package
    if (found.file !== null) {
      let file = repoPath(found.file, options.root)
      if (
        stream.directory &&
        !file.startsWith('/') &&
        !file.startsWith(`${stream.directory}/`) &&
        !/^[A-Za-z]:\//.test(file)
      )
        file = `${stream.directory}/${file}`
      found.file = file
    }
    if (kind) {
      ;(kind.summary === 'closing' ? record.closing : record.causes).push(found)
      return
    }
    // Plain output has no steps to wait for: its errors go at once, the rest waits for the end.
    if (!framed && (failsTheRun(found) || every)) release(found)
    else hold(found)
  }

  /** Keeps a finding until its step's outcome decides (or, in plain output, the end of the input). */
  const hold = (found: Finding) => {
    if (record.overflowing) {
      if (every || failsTheRun(found) || record.errors === 0) release(found)
      return
    }
    record.held.push(found)
    if (found.severity === 'error') record.heldErrors++
    if (record.held.length > MAX_HELD) {
      record.overflowing = true
      giveOut()
    }
  }

  /**
   * Gives out what the step held: its errors and everything of tools that fail on any finding,
   * and its other warnings and notes only when it has no error (or `every`).
   */
  const giveOut = () => {
    const held = record.held
    const hasErrors = record.errors > 0 || record.heldErrors > 0
    record.held = []
    record.heldErrors = 0
    // An action often prints its error and then annotates it (`core.setFailed`): one problem.
    const toolMessages = [
      ...record.toolMessages,
      ...held.filter(found => found.tool !== 'actions').map(found => found.message)
    ]
    for (const found of held) {
      if (!every && hasErrors && !failsTheRun(found)) continue
      if (found.tool === 'actions' && toolMessages.some(message => message.includes(found.message))) continue
      release(found)
    }
  }

  const streamFor = (key: string, pkg: string | null, isDirectory: boolean): Stream => {
    let stream = streams.get(key)
    if (!stream) {
      const created: Stream = {
        chain: createToolChain(parsers, (found, kind) => accept(created, found, kind)),
        package: pkg,
        directory: isDirectory ? pkg : null
      }
      stream = created
      streams.set(key, stream)
    }
    return stream
  }
  const main = streamFor('', null, false)

  /** The finding of a failed step no parser explained: its first error-looking line, or its last lines. */
  const fallback = (): Finding => {
    const tail = record.tail.filter(line => line.trim() !== '')
    const first = record.firstError
    const last = [...tail].reverse().find(isErrorLooking) ?? tail[tail.length - 1] ?? null
    const message = (first?.text ?? last ?? `exited with code ${record.exitCode ?? 'non-zero'}`)
      .replace(/^[\s│|]+/, '')
      .trim()
      .slice(0, MAX_MESSAGE)
    const excerpt = [first && !tail.includes(first.text) ? `${first.text}\n…` : null, ...tail]
      .filter(line => line !== null)
      .join('\n')
    return finding({ tool: 'log', rule: first?.task ?? null, message, excerpt: excerpt || null, step, job })
  }

  /** What a failed step gives out when no parser found its failure itself. */
  const explain = () => {
    if (record.causes.length > 0) for (const found of record.causes) release(found)
    else if (record.firstError !== null || record.closing.length === 0) release(fallback())
    else release(record.closing[0] as Finding)
  }

  /** Ends the current step: its parsers finish their blocks, then what it holds is given out or dropped. */
  const closeStep = (atEnd = false) => {
    for (const stream of streams.values()) stream.chain.end()
    if (record.failed) anyFailed = true
    if (!framed) {
      // Plain output: a tool's closing word or a quoted task is the proof that something failed,
      // and the reason when no error says more (its warnings then are not why it failed).
      if (
        record.errors === 0 &&
        record.heldErrors === 0 &&
        (record.closing.length > 0 || record.causes.length > 0)
      )
        explain()
      giveOut()
    } else if (record.failed || record.overflowing || every) {
      // A failed step without an error of its own is explained by its error line; its warnings
      // (a deprecation notice) are not why it failed.
      if (record.failed && runnerFindings && record.errors === 0 && record.heldErrors === 0) explain()
      giveOut()
    } else if (!anyFailed) {
      // No step has shown that it failed yet: keep the errors, in case none ever will (an excerpt).
      for (const found of record.held)
        if (found.severity === 'error' && unclaimed.length < MAX_HELD) unclaimed.push(found)
    }
    if (atEnd && framed && !anyFailed) {
      // A job log that never says which step failed (cut before the runner's words): its errors stand.
      for (const found of unclaimed) release(found)
    }
    if (framed)
      options.onStep?.({
        job,
        step,
        exitCode: record.exitCode,
        failed: record.failed,
        findings: record.findings
      })
    record = newRecord()
    seen = new Set()
  }

  const beginStep = (name: string | null) => {
    closeStep()
    step = name
  }

  /** The runner's annotation: a tool's line when a parser reads it, else the runner's own finding. */
  const annotation = (level: string, message: string) => {
    if (level === 'error') record.failed = true
    const prefixed = splitPrefix(message)
    const stream = prefixed ? streamFor(prefixed.key, prefixed.package, prefixed.isDirectory) : main
    if (stream.chain.line(prefixed ? prefixed.text : message)) return
    if (!runnerFindings) return
    accept(
      main,
      finding({
        tool: 'actions',
        severity: level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'note',
        message: message.trim(),
        excerpt: `##[${level}]${message}`
      }),
      // `golangci-lint exit with code 3`: the step's own error line says why.
      level === 'error' && isExitWord(message) ? SUMMARY : undefined
    )
  }

  const output = (text: string) => {
    const prefixed = splitPrefix(text)
    if (text.trim() !== '') {
      if (record.firstError === null && isErrorLooking(text))
        record.firstError = { text: text.trim().slice(0, MAX_MESSAGE), task: prefixed?.task ?? null }
      record.tail.push(text)
      if (record.tail.length > TAIL_LINES) record.tail.shift()
    }
    if (prefixed) streamFor(prefixed.key, prefixed.package, prefixed.isDirectory).chain.line(prefixed.text)
    else main.chain.line(text)
  }

  return {
    line(raw) {
      let text = stripBom(raw)
      // gh names steps in a column, unless it could not tell them apart ("UNKNOWN STEP").
      let stepColumn = false
      if (text.includes('\t')) {
        const gh = splitGhLog(text)
        if (gh) {
          framed = true
          stepColumn = gh.step !== null && gh.step !== 'UNKNOWN STEP'
          if (gh.job !== job || (stepColumn && gh.step !== step)) {
            beginStep(stepColumn ? gh.step : null)
            job = gh.job
            echo = false
          }
          text = gh.text
        }
      }
      // Timestamps alone do not make steps (other CI systems print them too): commands and gh's columns do.
      if (startsWithTimestamp(text)) text = stripTimestamp(text)
      text = stripAnsi(text)
      const command = runnerCommand(text)
      if (command) {
        framed = true
        switch (command.name) {
          case 'group':
            if (command.rest.startsWith('Run ')) {
              // In gh's output the step column names the step; in a raw log, the group does.
              if (!stepColumn) beginStep(command.rest.slice(4).trim() || null)
              echo = true
            }
            for (const stream of streams.values()) stream.chain.gap()
            return true
          case 'endgroup':
            echo = false
            return true
          case 'error':
          case 'warning': {
            const exit = command.name === 'error' ? exitCodeOf(command.rest.trim()) : null
            if (exit !== null) {
              record.failed = record.failed || exit !== 0
              record.exitCode = exit
              closeStep()
              return true
            }
            annotation(command.name, command.rest)
            return true
          }
          default:
            // ##[notice], ##[debug], ##[command], ##[section]: the runner's own framing.
            return true
        }
      }
      if (echo) return true
      if (text.startsWith('::')) {
        const workflow = WORKFLOW_COMMAND.exec(text)
        if (workflow) {
          const properties = commandProperties(workflow[2])
          // In a job log the runner has turned a step's commands into `##[error]`: a literal one is
          // output (under `::stop-commands::`), and fails nothing.
          if (workflow[1] === 'error' && !framed) record.failed = true
          if (runnerFindings)
            accept(
              main,
              finding({
                tool: 'actions',
                file: properties.get('file') ?? null,
                line: int(properties.get('line')),
                column: int(properties.get('col')),
                rule: properties.get('title') ?? null,
                severity: workflow[1] === 'error' ? 'error' : workflow[1] === 'warning' ? 'warning' : 'note',
                message: unescapeProperty(workflow[3] as string),
                excerpt: text
              })
            )
          return true
        }
      }
      if (text.startsWith('[command]')) return true
      if (text.startsWith('Error: ') || text.startsWith('Warning: ')) {
        // A log copied from the web view shows annotations as `Error: …`.
        const rendered = RENDERED_ANNOTATION.exec(text)
        const exit = rendered && rendered[1] === 'Error' ? exitCodeOf((rendered[2] as string).trim()) : null
        if (exit !== null) {
          record.failed = true
          record.exitCode = exit
          return true
        }
        if (rendered && main.chain.line(rendered[2] as string)) return true
      }
      output(text)
      return true
    },
    gap() {
      for (const stream of streams.values()) stream.chain.gap()
    },
    end() {
      closeStep(true)
      streams.clear()
      streams.set('', main)
    },
    idle(tool) {
      for (const stream of streams.values()) if (!stream.chain.idle?.(tool)) return false
      return true
    }
  }
}

/** Parses a whole text (split into lines here); for small inputs and tests, the streaming path is in scan/. */
export function parseLogText(text: string, options?: LogParserOptions): Finding[] {
  const findings: Finding[] = []
  const parser = createLogParser(found => findings.push(found), options)
  for (const line of text.split(/\r?\n/)) parser.line(line)
  parser.end()
  return findings
}
