// Lint: the rules the code already follows, checked by `npm test` (see package.json "lint").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './client/svelte.config.js';

export default tseslint.config(
  { ignores: ['node_modules', 'client/dist', 'client/dist-server', '.tools', 'data', 'screenshots', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Prettier wraps code at 120; this catches what it cannot wrap (long strings and comments).
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Maps in $state are replaced whole (client/src/lib/series.ts returns new ones), never mutated where read.
      'svelte/prefer-svelte-reactivity': 'off',
      // StoryCard and InsightCard read localStorage in $effect on purpose: after hydration, so both renders agree.
      'svelte/prefer-writable-derived': 'off',
      // RoleBadge writes spaces as {' '}: the compiler trims plain whitespace next to {#if} blocks.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // Tests read received JSON loosely, as supertest's res.body (any) already does.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
