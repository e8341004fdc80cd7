// Lint rules, including the dependency rules of ARCHITECTURE.md enforced per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbid = (...folders) => ({
  'no-restricted-imports': [
    'error',
    { patterns: folders.map((folder) => ({ group: [`**/${folder}/*`, `**/${folder}`], message: `ARCHITECTURE.md: may not import ${folder}` })) },
  ],
});

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
  { files: ['src/domain/**'], rules: forbid('agent', 'hub', 'tui', 'devices', 'protocol', 'cli') },
  { files: ['src/protocol/**'], rules: forbid('agent', 'hub', 'tui', 'devices', 'cli') },
  { files: ['src/devices/**'], rules: forbid('agent', 'hub', 'tui', 'protocol', 'cli') },
  { files: ['src/agent/**'], rules: forbid('hub', 'tui', 'cli') },
  { files: ['src/hub/**'], rules: forbid('agent', 'tui', 'devices', 'cli') },
  { files: ['src/tui/**'], rules: forbid('agent', 'hub', 'devices', 'cli') },
  // the supervisor console, like the TUI, knows the agent only through its local API
  { files: ['src/monitor/**'], rules: forbid('agent', 'hub', 'devices', 'cli') },
);
