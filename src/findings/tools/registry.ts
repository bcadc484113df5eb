/**
 * Every tool parser, in the order a line is offered to them: test runners and other block parsers
 * whose blocks contain lines that look like other tools' (a jest failure quotes a stack, a pytest
 * section quotes a traceback) come first; the generic shapes come last.
 */
import { biome } from './biome.js'
import { black } from './black.js'
import { c } from './c.js'
import { cargo } from './cargo.js'
import { docker } from './docker.js'
import { dotnet } from './dotnet.js'
import { eslint } from './eslint.js'
import { generic } from './generic.js'
import { githubScript } from './github-script.js'
import { go } from './go.js'
import { golangci } from './golangci.js'
import { java } from './java.js'
import { jest } from './jest.js'
import { lighthouse } from './lighthouse.js'
import { mypy } from './mypy.js'
import { next } from './next.js'
import { node } from './node.js'
import { nodeInstall } from './node-install.js'
import { nodeTest } from './node-test.js'
import { php } from './php.js'
import { prettier } from './prettier.js'
import { pylint } from './pylint.js'
import { pytest } from './pytest.js'
import { python } from './python.js'
import { pythonInstall } from './python-install.js'
import { rubocop } from './rubocop.js'
import { ruff } from './ruff.js'
import { shellcheck } from './shellcheck.js'
import { terraform } from './terraform.js'
import type { ToolParser } from './tool.js'
import { tsc } from './tsc.js'
import { vitest } from './vitest.js'
import { workspaces } from './workspaces.js'

export const TOOL_PARSERS: readonly ToolParser[] = [
  workspaces,
  jest,
  vitest,
  nodeTest,
  pytest,
  python,
  go,
  golangci,
  cargo,
  java,
  dotnet,
  php,
  biome,
  eslint,
  ruff,
  pylint,
  mypy,
  black,
  prettier,
  // Inside a Next.js build's errors only; before Terraform, which reads any `Error: ` as its own.
  next,
  shellcheck,
  terraform,
  docker,
  lighthouse,
  nodeInstall,
  node,
  pythonInstall,
  c,
  rubocop,
  tsc,
  githubScript,
  generic
]

/** The parser named `name`, or undefined. */
export function toolParser(name: string): ToolParser | undefined {
  return TOOL_PARSERS.find(parser => parser.name === name)
}

/** The parsers whose findings carry `tool` (`clang` is read as gcc, `go-test` by go). */
export function parsersOfTool(tool: string): ToolParser[] {
  return TOOL_PARSERS.filter(parser => parser.name === tool || parser.tools.includes(tool))
}

/** Tools that fail a run on every finding they print, whatever its severity. */
export const FAIL_ON_EVERY_FINDING: ReadonlySet<string> = new Set(
  TOOL_PARSERS.flatMap(parser => parser.failOnEveryFinding ?? [])
)
