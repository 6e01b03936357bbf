// Lint configuration: typescript-eslint's recommended type-aware rules over all TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'extension/dist/', 'extension/node_modules/', 'coverage/', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The core never prints or exits: adapters decide how to present results.
    files: ['shared/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'commander'],
          patterns: [
            {
              // Another module's files are its own business: reach it through its entry (`../<module>/index.js`),
              // or a parent module through `../index.js`.
              regex: '^(\\.\\./)+(?!([a-z-]+/)*index\\.js$)[a-z0-9-]+(/|\\.js$)',
              message: 'Import another core module through its entry (../<module>/index.js).',
            },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'exit' }],
    },
  },
  {
    // Each core module has one public entry: adapters import `shared/<module>/index.js`, never a file behind it.
    files: ['kubectl-plugin/**/*.ts', 'extension/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+shared/(?!([a-z-]+/)+index\\.js$)',
              message: 'Import the core through its module entry (shared/<module>/index.js).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
);
