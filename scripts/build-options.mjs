// The esbuild options `quai` is bundled with, shared by scripts/build.mjs, the cold-start bench's
// bare Ink app (bench/cold-start.ts) and the test of what `quai tui` loads before its first frame.

import { fileURLToPath, URL } from 'node:url';

const textWidth = fileURLToPath(new URL('../src/tui/text-width.ts', import.meta.url));

/**
 * Ink and its helpers measure text through src/tui/text-width.ts, which asks string-width itself
 * only for text beyond Latin, punctuation and box drawing (string-width's first use of that costs
 * 100-190 ms: the terminal's first frame waited for it).
 */
const terminalTextWidth = {
  name: 'terminal-text-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, (args) => (args.importer === textWidth ? undefined : { path: textWidth }));
  },
};

/** How every bundle of ours is made: production React; native, dialect-loading and UMD (jsonc-parser: its umd main requires its parts at run time) packages external. */
export const bundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['knex', 'sqlite3', 'pg', 'pino', 'jsonc-parser', 'serialport', '@serialport/*', 'react-devtools-core', 'blessed'],
  banner: { js: "import { createRequire as __quaiCreateRequire } from 'node:module'; const require = __quaiCreateRequire(import.meta.url);" },
  plugins: [terminalTextWidth],
};

/** The CLI: split into chunks, so each subcommand loads only what it imports. */
export const cliBuildOptions = {
  ...bundleOptions,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: true,
  sourcemap: true,
  logLevel: 'warning',
};
