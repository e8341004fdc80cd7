// Bundles the CLI with esbuild: Ink's cold start drops from ~600 ms to ~250 ms when bundled
// (shared/reference/ceilings.md). Native and dialect-loading packages stay external.
import { build } from 'esbuild';
import { cliBuildOptions } from './build-options.mjs';

await build(cliBuildOptions);
