/**
 * Docker builds: BuildKit's failure (`ERROR: failed to solve: …`, also as `buildx failed with:`
 * in docker/build-push-action's annotation) at the place its `Dockerfile:12` code frame shows, and
 * the legacy builder's `The command '/bin/sh -c …' returned a non-zero code: 1` after its
 * `Step 5/8 : RUN …` line. The output of the failing step (`#12 0.51 npm ERR! …`) is read by the
 * other parsers once the log parser has removed BuildKit's `#12 0.51` prefix.
 */
import { finding } from '../finding.js'
import { SUMMARY, int, type Emit, type LineParser } from '../log/line-parser.js'
import type { ToolParser } from './tool.js'

const FRAME = /^(\S*?(?:Dockerfile|Containerfile)[\w.-]*):(\d+)$/
const SOLVE =
  /(?:^|\s)(?:ERROR|error): (?:failed to build: )?(failed to solve(?: with frontend [\w.]+)?: .*)$/
/** BuildKit before v0.11: `executor failed running [/bin/sh -c …]: exit code: 1`. */
const EXECUTOR = /(?:^|\s)(executor failed running \[.*\]: .*)$/
/** Anywhere in the line: docker compose puts "ERROR: Service 'x' failed to build:" before it. */
const LEGACY = /(The command '(.*)' returned a non-zero code: \d+)$/
const LEGACY_STEP = /^Step \d+\/\d+ : (.*)$/
/** `#12 [builder 4/6] RUN npm ci`: the step that was running. */
const STEP = /^#\d+ (\[[^\]]+\] .*)$/

function builds(emit: Emit): LineParser {
  let frame: { file: string; line: number | null; text: string } | null = null
  let legacyStep: string | null = null
  let step: string | null = null
  const reported = new Set<string>()
  return {
    line(text) {
      const first = text.charCodeAt(0)
      // Docker's lines start with `#`, `Step`, `The`, `ERROR`/`error`, or name a Dockerfile; others are not its.
      if (
        first !== 35 &&
        !text.startsWith('Step ') &&
        !text.includes('ockerfile') &&
        !text.includes('ontainerfile') &&
        !text.includes('failed') &&
        !text.includes('non-zero')
      )
        return false
      if (text.includes('ockerfile:') || text.includes('ontainerfile:')) {
        const match = FRAME.exec(text.trim())
        if (match) {
          frame = { file: match[1] as string, line: int(match[2]), text }
          return true
        }
      }
      if (text.includes('failed to solve') || text.includes('executor failed running')) {
        const solve = SOLVE.exec(text) ?? EXECUTOR.exec(text)
        if (solve) {
          // "ERROR: failed to solve: process … exit code: 1" repeats in the action's annotation.
          const message = (solve[1] as string).trim()
          if (!reported.has(message)) {
            reported.add(message)
            emit(
              finding({
                tool: 'docker',
                file: frame?.file ?? null,
                line: frame?.line ?? null,
                rule: 'build',
                message,
                excerpt: [step, frame?.text, text].filter(Boolean).join('\n')
              })
            )
          }
          return true
        }
      }
      if (text.startsWith('#')) {
        const current = STEP.exec(text)
        if (current) step = current[1] as string
        return false
      }
      if (text.startsWith('Step ')) {
        const current = LEGACY_STEP.exec(text)
        if (current) legacyStep = current[1] as string
        return false
      }
      if (text.includes('returned a non-zero code')) {
        const legacy = LEGACY.exec(text)
        if (legacy) {
          emit(
            finding({
              tool: 'docker',
              rule: 'build',
              message: legacy[1] as string,
              excerpt: [legacyStep && `Step : ${legacyStep}`, text].filter(Boolean).join('\n')
            }),
            // The builder's closing word: the step's own error line, when there is one, says why.
            SUMMARY
          )
          return true
        }
      }
      return false
    },
    gap() {},
    end() {
      frame = null
      step = null
      legacyStep = null
      reported.clear()
    }
  }
}

export const docker: ToolParser = { name: 'docker', tools: ['docker'], block: builds }
