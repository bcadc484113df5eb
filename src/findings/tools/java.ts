/**
 * The JVM's build tools: javac (`Foo.java:12: error: message`), Maven (`[ERROR] path:[12,5]
 * message`, Surefire's failed tests in its detail blocks and in the Results summary), Gradle
 * (Kotlin's `e: file:///path:12:5 message`, `Class > test() FAILED` with the exception below) and
 * Java stack traces (`Exception in thread "main" …` and `Caused by:`). A frame names only its
 * file (`FooTest.java:42`); the package of its class gives the directory (`com/x/FooTest.java`).
 * Maven's "Failed to execute goal" sums a failure up; Gradle's "Execution failed for task" with
 * its `> reason` lines states one, which stands when no compiler or test output explains it.
 */
import { finding, severityOf, type Finding } from '../finding.js'
import { CAUSE, SUMMARY, int, type Emit, type LineParser } from '../log/line-parser.js'
import { MAX_BLOCK_LINES } from './jest.js'
import type { ToolParser } from './tool.js'

const JAVA_FILE = /\.(java|kt|kts|scala|groovy)$/
const SEVERITY_REST = /^(error|warning): (.*)$/
const MAVEN_COMPILE = /^\[(ERROR|WARNING)\] (.+?\.(?:java|kt|scala|groovy)):\[(\d+),(\d+)\] (.*)$/
const MAVEN_GOAL = /^\[ERROR\] (Failed to execute goal .*)$/
/** Spotless' lists of unformatted files, under Maven's `[ERROR]` or Gradle's `> `. */
const FORMAT_HEADING = /(The following files had format violations|Violations also present in):\s*$/
/** A file of such a list: indented once (its diff lines are indented twice). */
const FORMAT_FILE = /^(?:\[ERROR\])? {4,6}([^\s@+-][^\s]*\.[\w]+)$/
const MAVEN_RESULT_ROW = /^\[ERROR\]\s+(?:([\w$.]+)\.)?([\w$]+)\.([\w$[\]()<>, -]+?):(\d+)(?:->\S+)?\s+(.*)$/
const SUREFIRE_DETAIL =
  /^(?:\[ERROR\] )?(?:([\w$]+)\(([\w$.]+)\)|([\w$.]+)\.([\w$]+)(?:\([^)]*\))?(?:\[\d+\])?)\s+(?:--\s+)?Time elapsed: .* <<< (FAILURE|ERROR)!$/
const KOTLIN = /^([ew]): (?:file:\/\/)?(.+?\.kts?):(\d+):(\d+) (.*)$/
const KOTLIN_OLD = /^([ew]): (.+?\.kts?): \((\d+), (\d+)\): (.*)$/
const GRADLE_TEST = /^([\w$.]+) > (.+?) FAILED$/
const GRADLE_SHORT_AT = /^\s+(\S.*?) at (\S+\.(?:java|kt|groovy|scala)):(\d+)$/
/** `Execution failed for task ':app:x'.`; newer Gradle names the plugin that registered the task. */
const GRADLE_TASK = /^(Execution failed for task '[^']+')(?: \(registered by [^)]*\))?\.$/
const FRAME = /^\s*at (?:[\w.]+\/\/)?([\w$.]+)\.([\w$<>]+)\(([\w$]+\.(?:java|kt|scala|groovy)):(\d+)\)$/
const EXCEPTION =
  /^(?:Exception in thread "[^"]*" |Caused by: )?((?:[a-z_][\w]*\.)+[A-Z][\w$]*(?:Exception|Error|Failure|Throwable)?[\w$]*)(?:: (.*))?$/
/** Frames of the JDK, test frameworks and build tools: not the repository's code. */
const PLATFORM =
  /^(?:java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|groovy|org\.junit|junit|org\.opentest4j|org\.testng|org\.assertj|org\.hamcrest|org\.mockito|org\.gradle|org\.apache\.maven|org\.springframework|worker\.org\.gradle|app)\./

/** `com.x.FooTest` and `FooTest.java` → `com/x/FooTest.java`. */
function framePath(className: string, file: string): string {
  const dot = className.lastIndexOf('.')
  return dot > 0 ? `${className.slice(0, dot).replace(/\./g, '/')}/${file}` : file
}

function frameOf(text: string): { file: string; line: number | null; className: string } | null {
  const match = FRAME.exec(text)
  if (!match) return null
  const className = (match[1] as string).replace(/\$.*$/, '')
  return { file: framePath(className, match[3] as string), line: int(match[4]), className }
}

function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1)
}

interface Failure {
  rule: string | null
  message: string | null
  at: { file: string; line: number | null } | null
  lines: string[]
  /** Lines of the header's own indentation or less end the block. */
  indent: number
}

function jvm(emit: Emit): LineParser {
  let current: Failure | null = null
  let compile: Finding | null = null
  let wentWrong: Finding | null = null
  const flushWentWrong = () => {
    if (wentWrong) emit(wentWrong, CAUSE)
    wentWrong = null
  }
  const reportedTests = new Set<string>()
  const flushCompile = () => {
    if (compile) emit(compile)
    compile = null
  }
  const flush = () => {
    flushCompile()
    flushWentWrong()
    if (!current) return
    const failure = current
    current = null
    if (failure.message === null) return
    if (failure.rule) reportedTests.add(failure.rule)
    emit(
      finding({
        tool: failure.rule ? 'junit' : 'java',
        file: failure.at?.file,
        line: failure.at?.line,
        rule: failure.rule ?? /^([\w.$]+)/.exec(failure.message)?.[1] ?? null,
        message: failure.message,
        excerpt: failure.lines.join('\n')
      })
    )
  }
  const start = (rule: string | null, text: string, message: string | null = null) => {
    flush()
    current = { rule, message, at: null, lines: [text], indent: text.length - text.trimStart().length }
  }
  /** The heading of the Spotless list being read. */
  let formatHeading: string | null = null
  return {
    line(text) {
      if (formatHeading !== null) {
        const file = FORMAT_FILE.exec(text)
        if (file) {
          const path = file[1] as string
          emit(
            finding({ tool: 'spotless', file: path, rule: 'spotless', message: formatHeading, excerpt: text })
          )
          return true
        }
        // Diff lines stay inside the list; anything less indented ends it (another heading may start one).
        if (!/^(?:\[ERROR\])?(?:\s{7,}\S|\s*$|\s*(?:@@|\.\.\. \())/.test(text)) formatHeading = null
      }
      if (text.includes('format violations') || text.includes('Violations also present in')) {
        const heading = FORMAT_HEADING.exec(text)
        if (heading) {
          formatHeading = heading[1] as string
          // Maven's goal line is also the build's closing word.
          const goal = MAVEN_GOAL.exec(text)
          if (goal)
            emit(finding({ tool: 'maven', rule: 'goal', message: goal[1] as string, excerpt: text }), SUMMARY)
          return true
        }
      }
      if (compile) {
        // javac's and Maven's follow-up lines: `  symbol:   class Bar`, `  location: class Foo`.
        const detail = /^\s+(symbol|location):\s+(.*)$/.exec(text.replace(/^\[(?:ERROR|WARNING)\]/, ''))
        if (detail) {
          if (detail[1] === 'symbol') compile.message += `: ${(detail[2] as string).trim()}`
          compile.excerpt += `\n${text}`
          return true
        }
        flushCompile()
      }
      if (current) {
        const frame = text.includes('at ') ? frameOf(text) : null
        if (frame) {
          if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
          if (!current.at && !PLATFORM.test(frame.className)) current.at = frame
          return true
        }
        const trimmed = text.trim()
        const cause = trimmed.startsWith('Caused by: ') ? EXCEPTION.exec(trimmed) : null
        if (cause) {
          // The root cause is the last one: its message and frames replace the wrapper's.
          current.message = trimmed.slice('Caused by: '.length)
          current.at = null
          current.lines.push(text)
          return true
        }
        if (current.message === null && trimmed !== '' && !trimmed.startsWith('[')) {
          current.message = trimmed
          const short = GRADLE_SHORT_AT.exec(text)
          if (short) {
            current.message = (short[1] as string).trim()
            current.at = { file: short[2] as string, line: int(short[3]) }
          }
          current.lines.push(text)
          return true
        }
        if (/^\s+\.\.\. \d+ more$/.test(text)) return true
        const indent = text.length - text.trimStart().length
        if (trimmed === '' || indent <= current.indent || trimmed.startsWith('[')) flush()
        else {
          if (current.lines.length < MAX_BLOCK_LINES) current.lines.push(text)
          return true
        }
      }
      const first = text.charCodeAt(0)
      if (first === 91) {
        // [ERROR] / [WARNING]
        const compiled = MAVEN_COMPILE.exec(text)
        if (compiled) {
          flushCompile()
          compile = finding({
            tool: 'maven',
            file: compiled[2],
            line: int(compiled[3]),
            column: int(compiled[4]),
            severity: severityOf(compiled[1]),
            message: (compiled[5] as string).trim(),
            excerpt: text
          })
          return true
        }
        const detail = SUREFIRE_DETAIL.exec(text)
        if (detail) {
          const className = (detail[2] ?? detail[3]) as string
          const method = (detail[1] ?? detail[4]) as string
          start(`${simpleName(className)}.${method}`, text)
          return true
        }
        const row = MAVEN_RESULT_ROW.exec(text)
        if (row && !/^(?:Tests|Failures|Errors|Run|Failed)\b/.test(row[2] as string)) {
          const rule = `${row[2]}.${(row[3] as string).replace(/\(.*$/, '')}`
          if (!reportedTests.has(rule)) {
            reportedTests.add(rule)
            const className = row[1] ? `${row[1]}.${row[2]}` : (row[2] as string)
            emit(
              finding({
                tool: 'junit',
                file: framePath(className, `${row[2]}.java`),
                line: int(row[4]),
                rule,
                message: (row[5] as string).replace(/^»\s*/, '').trim(),
                excerpt: text
              })
            )
          }
          return true
        }
        const goal = MAVEN_GOAL.exec(text)
        if (goal) {
          emit(finding({ tool: 'maven', rule: 'goal', message: goal[1] as string, excerpt: text }), SUMMARY)
          return true
        }
        return false
      }
      if ((first === 101 || first === 119) && text.charCodeAt(1) === 58) {
        const kotlin = KOTLIN.exec(text) ?? KOTLIN_OLD.exec(text)
        if (kotlin) {
          emit(
            finding({
              tool: 'kotlinc',
              file: kotlin[2],
              line: int(kotlin[3]),
              column: int(kotlin[4]),
              severity: kotlin[1] === 'e' ? 'error' : 'warning',
              message: kotlin[5] as string,
              excerpt: text
            })
          )
          return true
        }
      }
      if (text.endsWith(' FAILED')) {
        const test = GRADLE_TEST.exec(text)
        if (test) {
          start(`${simpleName(test[1] as string)}.${(test[2] as string).replace(/\(\)$/, '')}`, text)
          return true
        }
      }
      if (text.startsWith('Execution failed for task')) {
        const task = GRADLE_TASK.exec(text)
        if (task) {
          // "* What went wrong:" names the task, and its `> …` lines say why: a cause, not just a closing word.
          wentWrong = finding({
            tool: 'gradle',
            rule: 'task',
            message: `${task[1] as string}.`,
            excerpt: text
          })
          return true
        }
      }
      if (wentWrong) {
        // Its causes, each one nested deeper: `> A failure occurred…`, `   > SigningConfig … is missing …`.
        const reason = /^\s*> (.*)$/.exec(text)
        if (
          reason &&
          !/^(?:Run with|Get more help|Compilation failed|There were failing tests)/.test(reason[1] as string)
        ) {
          wentWrong.message += ` ${(reason[1] as string).trim()}`
          wentWrong.excerpt += `\n${text}`
          return true
        }
        flushWentWrong()
      }
      if (text.startsWith('Exception in thread ')) {
        const exception = EXCEPTION.exec(text)
        if (exception) {
          start(null, text, text.replace(/^Exception in thread "[^"]*" /, ''))
          return true
        }
      }
      return false
    },
    // Frames carry a keyword (`.java:`), the message lines of a multi-line assertion may not.
    gap() {
      flushCompile()
    },
    end() {
      flush()
      formatHeading = null
    }
  }
}

export const java: ToolParser = {
  name: 'java',
  tools: ['javac', 'maven', 'junit', 'kotlinc', 'gradle', 'java', 'spotless'],
  block: jvm,
  located(at, rest, text) {
    if (!JAVA_FILE.test(at.file)) return null
    const match = SEVERITY_REST.exec(rest)
    if (!match) return null
    return finding({
      tool: 'javac',
      ...at,
      severity: severityOf(match[1]),
      message: match[2] as string,
      excerpt: text
    })
  }
}
