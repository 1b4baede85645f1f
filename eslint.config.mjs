// Lint rules that keep the layers apart (see ../shared/DESIGN.md):
// electron/ and renderer/ may import shared/, never each other; shared/ imports neither;
// ews/, jobs/, service/ and sim/ run in plain Node and never import `electron`;
// ews/ and sim/ are written independently from the docs and share no code.
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'This layer runs in plain Node: no Electron imports.' };
const rendererPattern = { group: ['**/renderer/**', 'renderer/**'], message: 'electron/ must not import renderer/.' };
const electronPattern = { group: ['**/electron/**', 'electron/**'], message: 'Import from shared/ instead.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'test-results/**', 'e2e/artifacts/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-debugger': 'error',
    },
  },
  {
    files: ['electron/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererPattern] }] },
  },
  {
    files: ['electron/jobs/**/*.ts', 'electron/service/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [rendererPattern] }] },
  },
  {
    files: ['electron/ews/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [rendererPattern, { group: ['**/sim/**', '../sim', '../sim/*'], message: 'ews/ and sim/ share no code.' }],
      }],
    },
  },
  {
    files: ['electron/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [rendererPattern, { group: ['**/ews/**', '../ews', '../ews/*'], message: 'ews/ and sim/ share no code.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [electronPattern] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [electronPattern, { group: ['**/renderer/**'], message: 'shared/ imports neither side.' }] }] },
  },
);
