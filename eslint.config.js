import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      // A ledger's items are a persistent map (src/ledger/items.ts): Object.values of one is [] or
      // its internals, never its items, and nothing else would say so.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='Object'][callee.property.name=/^(values|keys|entries)$/] > MemberExpression[property.name='items']",
          message: 'ledger items are a map: use .values(), .keys() or .entries()'
        }
      ]
    }
  },
  {
    // The action logs through @actions/core so that annotations and debug gating work.
    files: ['src/**/*.ts'],
    ignores: ['src/cli.ts', 'src/cli/**'],
    rules: { 'no-console': 'error' }
  }
)
