// ESLint with typescript-eslint's recommended rules (syntax only, no type information: the compiler already checks
// types in `npm test`, and type-aware linting would double the time).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Heavy modules (natural, docx, mongoose, the PDF printer) are loaded with require() where they are first used,
      // so that `canvass --help` and each command load only what they need.
      '@typescript-eslint/no-require-imports': 'off',
      // Control characters in patterns are deliberate: they are what XML 1.0 and CSV cells must not carry.
      'no-control-regex': 'off',
    },
  },
  { files: ['templates/static/**/*.js'], languageOptions: { globals: { ...globals.browser }, sourceType: 'script' } },
  {
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Tests read JSON documents loosely; their assertions, not the types, are the check.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Code passed to page.evaluate runs in the browser.
  { files: ['bench/page.mjs'], languageOptions: { globals: { ...globals.browser } } },
);
