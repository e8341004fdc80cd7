// `npm run bench [-- --only pick,pack,...]`: prints a table of figures, each latency beside its
// floor measured in the same run. React must load its production build, as `quai` does.
process.env.NODE_ENV = 'production';
// the benchmark's terminal is a stand-in TTY: Ink must render live frames even under CI
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

import { Command } from 'commander';
import { BENCH_PARTS, parseBenchParts, type BenchPart } from './bench-parts.js';
import type { BenchRow } from './percentiles.js';

const options = new Command('npm run bench --')
  .description('Quai benchmarks (docs/operations.md, "Benchmarks"); QUAI_BENCH_PRODUCTS sets the catalog size (default 100000)')
  .option('--only <parts>', `run only these parts, comma-separated: ${BENCH_PARTS.join(', ')} (sync, pick and pack share one site; load has its own)`, parseBenchParts)
  .parse(process.argv)
  .opts<{ only?: Set<BenchPart> }>();
const runs = (part: BenchPart) => options.only?.has(part) ?? true;

const { benchSiteParts } = await import('./site-parts.js');
const rows: BenchRow[] = [];
if (runs('sync') || runs('pick') || runs('pack')) rows.push(...(await benchSiteParts({ pick: runs('pick'), pack: runs('pack') })));
if (runs('load')) rows.push(...(await (await import('./agent-cpu.js')).benchAgentCpu()));
if (runs('drain')) rows.push(...(await (await import('./drain-throughput.js')).benchDrain()));
if (runs('gs1')) rows.push(...(await import('./gs1-throughput.js')).benchGs1());
if (runs('devices')) rows.push(...(await (await import('./device-latency.js')).benchDevices()));
if (runs('travel')) rows.push(...(await import('./travel.js')).benchTravel());
if (runs('cold')) rows.push(...(await (await import('./cold-start.js')).benchColdStart()));
if (runs('report')) rows.push(...(await (await import('./floor-report.js')).benchFloorReport()));

const { formatBenchTable } = await import('./bench-table.js');
const { benchSize } = await import('./bench-size.js');
const size = benchSize.isGoalSize ? '' : ` (QUAI_BENCH_PRODUCTS=${benchSize.products}: not the goals' 100k catalog, its size-bound goals are not judged)`;
process.stdout.write(`\ncatalog ${benchSize.label} products${size}\n${formatBenchTable(rows)}\n`);
