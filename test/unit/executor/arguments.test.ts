import { describe, expect, it } from '@jest/globals'
import { defaultSettings } from '../../../src/config/schema.js'
import {
  allowedTools,
  BUILTIN_DENIED_TOOLS,
  buildClaudeArguments,
  commandRule,
  disallowedTools,
  excludedPathRules,
  fitsInArgument,
  formatBudget,
  scopeReadTool
} from '../../../src/executor/arguments.js'

function settings() {
  const { claude, verify, safety } = defaultSettings()
  return { claude, verify, safety }
}

/** The values that follow each occurrence of `flag`. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1] as string] : []))
}

describe('buildClaudeArguments', () => {
  it('runs headless with stream-json, acceptEdits, the turn cap, the rules and the budget', () => {
    const args = buildClaudeArguments({ settings: settings(), systemPrompt: 'RULES', maxBudgetUsd: 1.239 })

    expect(args.slice(0, 6)).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits'
    ])
    expect(valuesOf(args, '--max-turns')).toEqual(['30'])
    expect(valuesOf(args, '--append-system-prompt')).toEqual(['RULES'])
    expect(valuesOf(args, '--max-budget-usd')).toEqual(['1.23'])
    expect(args).not.toContain('--model')
    expect(args).not.toContain('--resume')
  })

  it('allows the default tools and the verify commands as Bash prefix rules', () => {
    const base = settings()
    const args = buildClaudeArguments({
      settings: {
        ...base,
        verify: { ...base.verify, test_command: 'npm test', lint_command: 'npx  eslint .' }
      },
      systemPrompt: ''
    })

    expect(valuesOf(args, '--allowedTools')).toEqual([
      'Read(./**)',
      'Glob(./**)',
      'Grep(./**)',
      'Edit',
      'Write',
      'Bash(npm test:*)',
      'Bash(npx eslint .:*)'
    ])
  })

  it('denies the built-in list, configured extras and every excluded path (and the config file)', () => {
    const base = settings()
    const args = buildClaudeArguments({
      settings: {
        ...base,
        claude: { ...base.claude, disallowed_tools: ['Bash(docker:*)'] },
        safety: { ...base.safety, excluded_paths: ['.github/workflows/**', 'secrets/'] }
      },
      systemPrompt: '',
      extraExcludedPaths: ['.github/ccal.yml']
    })

    const denied = valuesOf(args, '--disallowedTools')
    expect(denied).toEqual(expect.arrayContaining([...BUILTIN_DENIED_TOOLS, 'Bash(docker:*)']))
    expect(denied.slice(-3)).toEqual([
      'Edit(.github/workflows/**)',
      'Edit(secrets/**)',
      'Edit(.github/ccal.yml)'
    ])
  })

  it('resumes a session without repeating the system prompt', () => {
    const args = buildClaudeArguments({ settings: settings(), systemPrompt: 'RULES', resumeSessionId: 'abc' })

    expect(valuesOf(args, '--resume')).toEqual(['abc'])
    expect(args).not.toContain('--append-system-prompt')
  })

  it('names the file of a system prompt too long for one argument instead of passing its text', () => {
    const args = buildClaudeArguments({
      settings: settings(),
      systemPrompt: 'RULES',
      systemPromptFile: '/tmp/x/append-system-prompt.md'
    })

    expect(valuesOf(args, '--append-system-prompt-file')).toEqual(['/tmp/x/append-system-prompt.md'])
    expect(args).not.toContain('--append-system-prompt')
    expect(fitsInArgument('x'.repeat(32 * 1024))).toBe(true)
    expect(fitsInArgument('é'.repeat(16 * 1024 + 1))).toBe(false)
  })

  it('passes model, fallback model and extra arguments last', () => {
    const base = settings()
    const args = buildClaudeArguments({
      settings: {
        ...base,
        claude: { ...base.claude, model: 'sonnet', fallback_model: 'haiku', extra_args: ['--x', 'y'] }
      },
      systemPrompt: ''
    })

    expect(valuesOf(args, '--model')).toEqual(['sonnet'])
    expect(valuesOf(args, '--fallback-model')).toEqual(['haiku'])
    expect(args.slice(-2)).toEqual(['--x', 'y'])
  })
})

describe('rule helpers', () => {
  it('scopes bare read tools to the working directory and keeps explicit rules', () => {
    expect(scopeReadTool('Read')).toBe('Read(./**)')
    expect(scopeReadTool('Read(//opt/data/**)')).toBe('Read(//opt/data/**)')
    expect(scopeReadTool('Edit')).toBe('Edit')
  })

  it('builds prefix rules, path rules and budgets', () => {
    expect(commandRule('  make   test ')).toBe('Bash(make test:*)')
    expect(excludedPathRules(['/infra/**', './docs/'])).toEqual(['Edit(infra/**)', 'Edit(docs/**)'])
    expect(formatBudget(0.001)).toBe('0.01')
    expect(formatBudget(4.999)).toBe('4.99')
  })

  it('does not repeat a tool that appears twice', () => {
    const base = settings()
    const input = {
      settings: {
        ...base,
        claude: { ...base.claude, allowed_tools: ['Write', 'Write', 'Bash(npm test:*)'] },
        verify: { ...base.verify, test_command: 'npm test' }
      },
      systemPrompt: ''
    }
    expect(allowedTools(input)).toEqual(['Write', 'Bash(npm test:*)'])
    expect(new Set(disallowedTools(input)).size).toBe(disallowedTools(input).length)
  })
})
