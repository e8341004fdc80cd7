import { setFlagsFromString } from 'node:v8';

/**
 * How far (%) V8 lets the old generation grow past what the last full collection kept before it
 * collects again. V8's own factor (up to 4x on a small heap) let the agent's ~20 MB of live
 * objects sit in 60+ MB of heap after a few hundred scans: 161–166 MB peak RSS after a 100k
 * catalog sync and the bench's 817 scans, 141–144 MB at 20 %, scan p99 unchanged (issue 17,
 * bench/pick-latency.ts with hub and agent on plain node, A/B in the same runs).
 */
export const AGENT_HEAP_GROWING_PERCENT = 20;

/**
 * Caps the old generation's growth between full collections for this process's lifetime (V8
 * reads the flag each time it sets the next limit, so it applies after start). A
 * `--heap-growing-percent` given to node itself (in NODE_OPTIONS or on its command line) wins.
 */
export function limitHeapGrowth(percent: number): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => arg.startsWith('--heap-growing-percent'));
  if (!given) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
