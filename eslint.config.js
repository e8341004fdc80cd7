// Lint rules, including the dependency rules of docs/architecture.md enforced per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { folderImportsPlugin } from './scripts/eslint-folder-imports.mjs';

const ALL = ['domain', 'protocol', 'runtime', 'storage', 'devices', 'agent', 'hub', 'tui', 'monitor', 'commands', 'migrations'];

/**
 * What each folder of src/ (and migrations/) may import besides itself: docs/architecture.md's
 * table "Folders and who may import whom", which test/unit/architecture-rules.test.ts holds equal.
 */
const MAY_IMPORT = {
  domain: [],
  protocol: ['domain'],
  runtime: ['domain'],
  storage: ['domain', 'runtime'],
  devices: ['domain', 'runtime'],
  agent: ['domain', 'protocol', 'devices', 'runtime', 'storage', 'migrations'],
  hub: ['domain', 'protocol', 'runtime', 'storage', 'migrations'],
  tui: ['domain', 'protocol'],
  // the supervisor console, like the TUI, knows the agent only through its local API
  monitor: ['domain', 'protocol', 'runtime', 'tui/i18n', 'commands/scripted-terminal'],
  commands: ALL.filter((folder) => folder !== 'commands' && folder !== 'monitor'),
  cli: ALL,
  migrations: [],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**', 'migrations/**'],
    plugins: { quai: folderImportsPlugin(import.meta.dirname, MAY_IMPORT) },
    rules: { 'quai/folder-imports': 'error' },
  },
  {
    // the hub's SQL lives in its store's repositories (docs/architecture.md, "The hub's store");
    // the adapters keep the ERP's own
    files: ['src/hub/**'],
    ignores: ['src/hub/store/**', 'src/hub/adapters/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.type='Identifier'][callee.name=/^(db|trx|knex)$/]", message: "the hub's queries live in src/hub/store/ repositories" },
        { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(db|raw)$/]", message: "the hub's queries live in src/hub/store/ repositories" },
      ],
    },
  },
);
