/**
 * How a work item names the tool behind a failure: its name as people write it, and what it
 * reports (test failures, errors of a build, findings of a linter, a crash), which decides the
 * words of a title ("Fix 3 failing Jest tests", "Fix 149 TypeScript errors in apps/api").
 */

/** What a tool reports. */
export type ToolKind = 'test' | 'build' | 'lint' | 'format' | 'install' | 'crash' | 'runner'

export interface ToolLabel {
  name: string
  kind: ToolKind
}

const LABELS: Readonly<Record<string, ToolLabel>> = {
  tsc: { name: 'TypeScript', kind: 'build' },
  configure: { name: 'configure', kind: 'build' },
  next: { name: 'Next.js', kind: 'build' },
  prisma: { name: 'Prisma', kind: 'build' },
  make: { name: 'make', kind: 'build' },
  'svelte-check': { name: 'svelte-check', kind: 'build' },
  eslint: { name: 'ESLint', kind: 'lint' },
  stylelint: { name: 'Stylelint', kind: 'lint' },
  yamllint: { name: 'yamllint', kind: 'lint' },
  biome: { name: 'Biome', kind: 'lint' },
  prettier: { name: 'Prettier', kind: 'format' },
  spotless: { name: 'Spotless', kind: 'format' },
  jest: { name: 'Jest', kind: 'test' },
  vitest: { name: 'Vitest', kind: 'test' },
  'node-test': { name: 'node --test', kind: 'test' },
  node: { name: 'Node.js', kind: 'crash' },
  npm: { name: 'npm', kind: 'install' },
  pnpm: { name: 'pnpm', kind: 'install' },
  yarn: { name: 'Yarn', kind: 'install' },
  nx: { name: 'Nx', kind: 'runner' },
  turbo: { name: 'Turborepo', kind: 'runner' },
  pytest: { name: 'pytest', kind: 'test' },
  python: { name: 'Python', kind: 'crash' },
  mypy: { name: 'mypy', kind: 'build' },
  pyright: { name: 'Pyright', kind: 'build' },
  ruff: { name: 'Ruff', kind: 'lint' },
  flake8: { name: 'flake8', kind: 'lint' },
  pylint: { name: 'Pylint', kind: 'lint' },
  black: { name: 'Black', kind: 'format' },
  isort: { name: 'isort', kind: 'format' },
  pip: { name: 'pip', kind: 'install' },
  uv: { name: 'uv', kind: 'install' },
  poetry: { name: 'Poetry', kind: 'install' },
  go: { name: 'Go', kind: 'build' },
  'go-test': { name: 'Go', kind: 'test' },
  'golangci-lint': { name: 'golangci-lint', kind: 'lint' },
  cargo: { name: 'Rust', kind: 'build' },
  'cargo-test': { name: 'Rust', kind: 'test' },
  rustfmt: { name: 'rustfmt', kind: 'format' },
  gcc: { name: 'C/C++', kind: 'build' },
  msvc: { name: 'MSVC', kind: 'build' },
  ld: { name: 'linker', kind: 'build' },
  cmake: { name: 'CMake', kind: 'build' },
  'clang-format': { name: 'clang-format', kind: 'format' },
  javac: { name: 'javac', kind: 'build' },
  maven: { name: 'Maven', kind: 'build' },
  gradle: { name: 'Gradle', kind: 'build' },
  kotlinc: { name: 'Kotlin', kind: 'build' },
  junit: { name: 'JUnit', kind: 'test' },
  java: { name: 'Java', kind: 'crash' },
  dotnet: { name: '.NET', kind: 'build' },
  'dotnet-test': { name: '.NET', kind: 'test' },
  rubocop: { name: 'RuboCop', kind: 'lint' },
  composer: { name: 'Composer', kind: 'install' },
  phpunit: { name: 'PHPUnit', kind: 'test' },
  phpstan: { name: 'PHPStan', kind: 'lint' },
  psalm: { name: 'Psalm', kind: 'lint' },
  php: { name: 'PHP', kind: 'crash' },
  docker: { name: 'Docker build', kind: 'build' },
  terraform: { name: 'Terraform', kind: 'build' },
  shellcheck: { name: 'ShellCheck', kind: 'lint' },
  lighthouse: { name: 'Lighthouse CI', kind: 'test' },
  'github-script': { name: 'github-script', kind: 'crash' },
  generic: { name: 'lint', kind: 'lint' },
  actions: { name: 'GitHub Actions', kind: 'runner' },
  log: { name: 'CI', kind: 'runner' }
}

/** Whether the tool has a label of its own (tests check that every parser's tools have one). */
export function hasToolLabel(tool: string): boolean {
  return tool in LABELS
}

/** The label of a finding's tool; an unknown tool is named by itself. */
export function toolLabel(tool: string): ToolLabel {
  return LABELS[tool] ?? { name: tool, kind: 'build' }
}
