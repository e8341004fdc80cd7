// Bundles the CLI with esbuild: Ink's cold start drops from ~600 ms to ~250 ms when bundled
// (shared/reference/ceilings.md). Native and dialect-loading packages stay external.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { cliBuildOptions } from './build-options.mjs';

// chunks are named by their content: the previous build's would stay beside the new ones (and in the npm tarball)
rmSync(cliBuildOptions.outdir, { recursive: true, force: true });
await build(cliBuildOptions);
