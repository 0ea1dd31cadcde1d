import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tools/**', 'coverage/**', 'services/gateway/web/dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The web page is browser code with its own tsconfig (DOM types, bundler resolution).
    files: ['services/gateway/web/**/*.ts'],
    languageOptions: {
      parserOptions: { project: './services/gateway/web/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The page takes only types from the contracts: a value import brings zod into the bundle.
    files: ['services/gateway/web/src/**/*.ts'],
    ignores: ['services/gateway/web/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@ai-chef/contracts',
              allowTypeImports: true,
              message: 'Import only types from @ai-chef/contracts in the page; values go in web/src/contract-values.ts.',
            },
            { name: 'zod', message: 'The page does not ship zod.' },
          ],
        },
      ],
    },
  },
  {
    // The workflow runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries.
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflows must be deterministic: no Node built-ins.' },
            {
              group: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'timers', 'process'],
              message: 'Workflows must be deterministic: no Node built-ins.',
            },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'got', 'mongodb', 'zod'],
              message: 'Workflows only orchestrate: I/O belongs in activities.',
            },
          ],
          paths: [{ name: '@ai-chef/contracts', message: 'Import @ai-chef/contracts/workflow inside workflows.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' },
    },
  },
);
