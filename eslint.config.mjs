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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Heavy modules (natural, docx, mongoose, the PDF printer) are loaded with require() where they are first used,
      // so that `canvass --help` and each command load only what they need.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['templates/static/**/*.js'], languageOptions: { globals: { ...globals.browser }, sourceType: 'script' } },
  { files: ['**/*.cjs', 'bin/**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], languageOptions: { globals: { ...globals.jest } } },
);
