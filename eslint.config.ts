// Lint config for the repository's own sources (`npm run lint`): typescript-eslint's recommended rules
// over the three packages. Tests, benches and the (deliberately leaky) example are type-checked, not linted.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'tests/fixtures/**', 'examples/**'],
  },
  {
    files: ['runtime/src/**/*.ts', 'rules/src/**/*.ts', 'codemods/src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a deliberately unused binding (e.g. an options parameter kept for the contract).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The runtime's hot paths are written for speed on purpose: `push(item)` reads `arguments` to avoid a
    // rest-array allocation per call, and listener wrappers are plain `function`s (they must forward the
    // emitter's `this`), so they reach their scope through a `const scope = this` alias.
    files: ['runtime/src/**/*.ts'],
    rules: {
      'prefer-rest-params': 'off',
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
);
