import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { agentPaths } from '../src/runtime/agent-paths.js';
import { AgentStore } from '../src/agent/store/agent-store.js';
import { DEMO_DEFAULTS, generateDemoData } from '../src/hub/adapters/embedded/demo-data.js';
import { openHubStore } from '../src/hub/store/hub-store.js';
import { hubPaths } from '../src/hub/start-hub.js';
import { fillOutbox } from '../test/helpers/outbox-backlog.js';
import { killHard, spawnQuai, type QuaiProcess } from '../test/helpers/quai-process.js';
import { waitFor } from '../test/helpers/wait-for.js';
import type { BenchRow } from './percentiles.js';

const EVENTS = 100_000;
const product = generateDemoData(DEMO_DEFAULTS).products[0]!.code;

/**
 * The raw ceiling on this machine: the same events read from an outbox in 500-row pages, sent as
 * ws frames to a bare process that inserts-or-ignores them into SQLite and acks, marked sent.
 */
async function rawCeiling(dir: string): Promise<number> {
  const source = join(dir, 'raw-agent.sqlite');
  await fillOutbox(source, product, EVENTS);
  const sink = spawn(process.execPath, ['--import', 'tsx', 'bench/raw-sink.ts', join(dir, 'raw-sink.sqlite')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      sink.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      sink.once('exit', (code) => reject(new Error(`raw sink exited with ${code}`)));
    });
    const store = await AgentStore.open(source);
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const started = performance.now();
    for (;;) {
      const batch = await store.outbox.nextBatch(500);
      if (batch.length === 0) break;
      const acked = new Promise<number>((resolve) => ws.once('message', (data) => resolve((JSON.parse(data.toString()) as { lastSeq: number }).lastSeq)));
      ws.send(JSON.stringify({ type: 'events', events: batch }));
      const lastSeq = await acked;
      await store.writeBackground((trx) => store.outbox.markReceived(trx, lastSeq));
    }
    const seconds = (performance.now() - started) / 1000;
    ws.close();
    await store.close();
    return EVENTS / seconds;
  } finally {
    sink.kill('SIGKILL');
  }
}

/**
 * `drain / raw ceiling`: a 100k-event backlog drained by a real agent into a real hub (both
 * processes from dist/, SQLite), events stored at the hub per second, beside the raw ceiling
 * (`rawCeiling`) measured in the same run; goal >= 50 %. Then how fast the hub applied them.
 */
export async function benchDrain(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-bench-drain-'));
  const processes: QuaiProcess[] = [];
  try {
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    await fillOutbox(agentPaths(join(dir, 'agent')).db, product, EVENTS);
    const db = await openHubStore(hubPaths(join(dir, 'hub')).db);
    const progress = async () => {
      const row = await db('agents').where({ agent_id: 'AGENT-1' }).first('last_seq', 'settled_seq');
      return { received: Number(row?.last_seq ?? 0), settled: Number(row?.settled_seq ?? 0) };
    };
    const started = performance.now();
    processes.push(await spawnQuai(['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')]));
    await waitFor(async () => (await progress()).received === EVENTS, '100k events stored at the hub', 600_000, 10);
    const drained = (performance.now() - started) / 1000;
    await waitFor(async () => (await progress()).settled === EVENTS, '100k events applied', 600_000, 10);
    const applied = (performance.now() - started) / 1000;
    await db.destroy();
    const ceiling = await rawCeiling(dir);
    const rate = EVENTS / drained;
    const share = Math.round((100 * rate) / ceiling);
    return [
      { name: 'drain / raw ceiling', value: `${Math.round(rate)}/s`, floor: `${Math.round(ceiling)}/s`, ratio: `${share} %`, goal: '>= 50 %', met: share >= 50 },
      { name: `same ${EVENTS / 1000}k-event backlog applied to the embedded ERP (from agent start)`, value: `${Math.round(EVENTS / applied)}/s` },
    ];
  } finally {
    await Promise.all(processes.map(killHard));
    rmSync(dir, { recursive: true, force: true });
  }
}
