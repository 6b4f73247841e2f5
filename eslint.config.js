// Lint: import boundaries per layer (brief §3, VS Code's common → node/browser → electron rule).
// A wrong import fails `./dawr test`. test/unit/lint-boundaries.test.ts proves each rule bites.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';


// Bare built-in names (fs, path, domain…) are matched exactly: as patterns they would also match
// folders of the same name (shared/domain).
const NO_NODE_MESSAGE = 'This layer runs without Node: no node:* or Node built-ins.';
const noNode = { group: ['node:*'], message: NO_NODE_MESSAGE, builtins: true };
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload import electron.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };
const noElectronFolder = { group: ['**/electron/**'], message: 'This layer may not reach into electron/.' };
const noMainPreload = { group: ['**/electron/main/**', '**/electron/preload/**', '**/main/**', '**/preload/**'], message: 'Plain Node layers do not import the Electron main or preload.' };
const noSqlite = { group: ['better-sqlite3'], message: 'One writer: only electron/hub opens the database.' };
const noUi = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'react-router', 'i18next', 'react-i18next'], message: 'UI libraries belong to the renderer.' };

const restrict = (...rules) => ({
  'no-restricted-imports': ['error', {
    paths: rules.some((r) => r.builtins) ? builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: NO_NODE_MESSAGE })) : [],
    patterns: rules.map(({ group, message }) => ({ group, message })),
  }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', 'tmp/**', 'artifacts/**', 'playwright-report/**', 'resources/**'] },
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
  { files: ['electron/central/**/*.ts'], rules: restrict(noElectron, noRenderer, noMainPreload, noSqlite, noUi, { group: ['**/hub/**', '**/devices/**'], message: 'Central shares only shared/ (and electron/node-common) with the hub: never its store or routes.' }) },
  { files: ['electron/node-common/**/*.ts'], rules: restrict(noElectron, noRenderer, noMainPreload, noSqlite, noUi, { group: ['**/hub/**', '**/devices/**', '**/central/**'], message: 'node-common is plain Node code the hub and central both use; it imports neither.' }) },
  { files: ['electron/hub/**/*.ts'], rules: restrict(noElectron, noRenderer, noMainPreload, noUi, { group: ['**/central/**'], message: 'The hub reaches central only over HTTP.' }) },
  { files: ['electron/devices/**/*.ts'], rules: restrict(noElectron, noRenderer, noMainPreload, noSqlite, noUi) },
  { files: ['electron/preload/**/*.ts'], rules: restrict(noNode, noRenderer, noSqlite, noUi, { group: ['**/hub/**', '**/devices/**'], message: 'The preload only forwards verbs to main.' }) },
  { files: ['electron/main/**/*.ts'], rules: restrict(noRenderer, noSqlite, noUi) },
);

