import { InvalidArgumentError } from 'commander';

/** The parts `npm run bench -- --only` chooses from, in the order a full run runs them. */
export const BENCH_PARTS = ['sync', 'pick', 'pack', 'load', 'drain', 'gs1', 'devices', 'travel', 'cold', 'report'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/** `--only`'s value: a comma-separated list of parts. Throws commander's InvalidArgumentError (exit 1) naming the unknown ones and the valid ones. */
export function parseBenchParts(value: string): Set<BenchPart> {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(BENCH_PARTS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`unknown part(s): ${unknown.join(', ') || '(none)'}; valid: ${BENCH_PARTS.join(', ')}`);
  return new Set(names as BenchPart[]);
}
