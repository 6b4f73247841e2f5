// Lint: import boundaries per layer (brief §3, VS Code's common → node/browser → electron rule).
// A wrong import fails `./dawr test`. test/unit/lint-boundaries.test.ts proves each rule bites.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';


const noNode = { group: ['node:*', ...builtinModules], message: 'This layer runs without Node: no node:* or Node built-ins.' };
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload import electron.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };
const noElectronFolder = { group: ['**/electron/**'], message: 'This layer may not reach into electron/.' };
const noMainPreload = { group: ['**/electron/main/**', '**/electron/preload/**', '**/main/**', '**/preload/**'], message: 'Plain Node layers do not import the Electron main or preload.' };
const noSqlite = { group: ['better-sqlite3'], message: 'One writer: only electron/hub opens the database.' };
const noUi = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'react-router', 'i18next', 'react-i18next'], message: 'UI libraries belong to the renderer.' };

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: [], patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', 'artifacts/**', 'playwright-report/**', 'resources/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['shared/**/*.ts'], rules: restrict(noNode, noElectron, noRenderer, noElectronFolder, noSqlite, noUi) },
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], rules: restrict(noNode, noElectron, noElectronFolder, noSqlite) },
  { files: ['electron/hub/**/*.ts'], rules: restrict(noElectron, noRenderer, noMainPreload, noUi) },
  { files: ['electron/devices/**/*.ts'], rules: restrict(noElectron, noRenderer, noMainPreload, noSqlite, noUi) },
  { files: ['electron/preload/**/*.ts'], rules: restrict(noNode, noRenderer, noSqlite, noUi, { group: ['**/hub/**', '**/devices/**'], message: 'The preload only forwards verbs to main.' }) },
  { files: ['electron/main/**/*.ts'], rules: restrict(noRenderer, noSqlite, noUi) },
);

