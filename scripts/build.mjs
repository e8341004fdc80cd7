// Bundles the CLI with esbuild: Ink's cold start drops from ~600 ms to ~250 ms when bundled
// (shared/reference/ceilings.md). Native and dialect-loading packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['knex', 'sqlite3', 'pg', 'pino', 'serialport', '@serialport/*', 'react-devtools-core', 'blessed'],
  banner: { js: "import { createRequire as __quaiCreateRequire } from 'node:module'; const require = __quaiCreateRequire(import.meta.url);" },
});
