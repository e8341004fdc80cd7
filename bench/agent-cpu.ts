import { spawn } from 'node:child_process';
import type { LoadReport } from '../src/commands/load-command.js';
import { agentStatusAt, CLI } from '../test/helpers/quai-process.js';
import { settled, waitFor } from '../test/helpers/wait-for.js';
import { startBenchSite, type BenchSite } from './bench-site.js';
import type { BenchRow } from './percentiles.js';
import { processCpuMs } from './process-cpu.js';
import { processMemory } from './process-memory.js';

export const LOAD_TERMINALS = 4;
export const LOAD_SECONDS = 15;
/**
 * Open orders of the load's own site: 15 s at 200-260 actions/s, about 14 actions an order, picks
 * some 230-290 (the row says how many; a run that picks them all is not valid). Kept out of the pick
 * benchmark's site: 600 more open orders there made batch picking's scans 35-50 % slower.
 */
const LOAD_ORDERS = 500;

/**
 * `agent CPU per scan`: on a site of its own (the bench's catalog, `LOAD_ORDERS` open orders),
 * `quai load --mix pick` (dist/cli.js in its own process, as an operator would run it) with
 * `LOAD_TERMINALS` terminals for `LOAD_SECONDS` s against the agent: the agent process's CPU time
 * (utime + stime), from just before the load starts until its last events are at the hub with
 * their outcomes back, in ms, divided by the actions the load's terminals had answered. Also the
 * load's actions/s, orders picked, intent → view p99 and the agent's peak RSS. Throws when
 * `quai load` fails (it exits 1 on any fault).
 */
export async function benchAgentCpu(): Promise<BenchRow[]> {
  const site = await startBenchSite(LOAD_ORDERS);
  try {
    return await loadRows(site);
  } finally {
    await site.stop();
  }
}

async function loadRows(site: BenchSite): Promise<BenchRow[]> {
  const pid = site.agent.child.pid!;
  const cpuBefore = processCpuMs(pid);
  const args = [CLI, 'load', '--data-dir', site.dir, '--terminals', String(LOAD_TERMINALS), '--duration', String(LOAD_SECONDS), '--mix', 'pick', '--json'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QUAI_LOG_LEVEL: 'warn' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`quai load exited with ${code}: ${out}${err}`);
  const report = JSON.parse(out) as LoadReport;
  await waitFor(async () => settled(await agentStatusAt(site.dir, site.agent.port)), 'load events settled at the hub', 120_000, 200);
  const cpuMs = processCpuMs(pid) - cpuBefore;
  const perAction = cpuMs / report.actions;
  const setting = `quai load, ${report.terminals} terminals, pick, ${report.seconds.toFixed(0)} s`;
  return [
    // orders all picked: the terminals went on with empty order lists, actions that are not scans
    { name: 'agent CPU per scan', value: `${perAction.toFixed(2)} ms`, ...(report.tasks.pick >= LOAD_ORDERS - LOAD_TERMINALS && { goal: `not valid: all ${LOAD_ORDERS} orders picked`, met: false }) },
    { name: 'agent CPU per scan: actions one core serves', value: `${Math.floor(1000 / perAction)}/s` },
    { name: `${setting}: actions answered`, value: `${report.perSecond.toFixed(0)}/s` },
    { name: `${setting}: orders picked`, value: `${report.tasks.pick} of ${LOAD_ORDERS}` },
    { name: `${setting}: intent -> view p99`, value: `${report.p99.toFixed(1)} ms` },
    { name: `${setting}: agent peak RSS`, value: `${processMemory(pid).peakMb} MB` },
  ];
}
