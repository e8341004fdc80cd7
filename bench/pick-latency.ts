import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentPaths } from '../src/runtime/agent-paths.js';
import { readSecretFile } from '../src/runtime/secret-file.js';
import { feedbackKey, createTranslator } from '../src/tui/i18n/translate.js';
import { mountTui } from '../src/tui/run-tui.js';
import { killHard, spawnQuai } from '../test/helpers/quai-process.js';
import { TerminalClient } from '../test/helpers/terminal-client.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { fakeTerminal } from './fake-terminal.js';
import { benchBatchPicking } from './batch-latency.js';
import { benchPacking } from './pack-latency.js';
import { writeFileSync } from 'node:fs';
import { serialSettings } from '../src/devices/serial-settings.js';
import { startSimulator } from '../src/devices/simulators/device-simulator.js';
import { PtyPair } from '../test/helpers/pty-pair.js';
import { percentile, type BenchRow } from './percentiles.js';
import { processMemory } from './process-memory.js';

/** QUAI_BENCH_PRODUCTS gives a quicker, smaller run while working on the benchmark itself. */
const PRODUCTS = Number(process.env.QUAI_BENCH_PRODUCTS ?? 100_000);
/** One EAN-13 per product and an outer-carton GTIN-14 for every other one (demo data). */
const BARCODES = PRODUCTS * 1.5;
const ORDERS = 60;
/** Open orders left after the discrete picks, for two carts of 8 (the weighed goods' order makes one more). */
const BATCH_CARTS = 2;
const BATCH_ORDERS = 8 * BATCH_CARTS;

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Scan → screen: a scan written to the agent's local API (as a serial reader's would be) until
 * the TUI frame that shows its outcome, with the agent in its own process and a 100k-product
 * catalog generated on the fly and synced from the hub. The same station then picks two carts of
 * 8 of the orders left (batch-latency.ts) and packs (pack-latency.ts): batch picking's scans are
 * compared with discrete picking's in the same run.
 */
export async function benchPickLatency(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-bench-'));
  const processes = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const hub = await spawnQuai(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--demo-products', String(PRODUCTS), '--demo-orders', String(ORDERS + BATCH_ORDERS), '--log-file', join(dir, 'hub.log')]);
    processes.push(hub);
    const syncStart = performance.now();
    const pty = new PtyPair(dir, 'scale');
    await pty.plug();
    cleanups.push(() => pty.unplug());
    const sim = startSimulator({ kind: 'scale', protocol: 'mt-sics' }, serialSettings.parse({ path: pty.a }));
    cleanups.push(() => sim.stop());
    const configFile = join(dir, 'agent.json');
    writeFileSync(configFile, JSON.stringify({ stations: { 'BENCH-1': { devices: [{ kind: 'scale', id: 'scale', protocol: 'mt-sics', serial: { path: pty.b }, pollMs: 50 }] } } }));
    const agent = await spawnQuai(['agent', '--config', configFile, '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--log-file', join(dir, 'agent.log')]);
    processes.push(agent);
    const token = readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile);
    const tool = await TerminalClient.open(agent.port, token);
    await waitFor(async () => {
      const seen = tool.messages.length;
      tool.sendRaw(JSON.stringify({ type: 'status' }));
      const answer = await waitFor(() => tool.messages.slice(seen).find((m) => m.type === 'status'), 'status');
      // the demo's weighed cheese and its order come on top of the generated ones
      return answer.type === 'status' && answer.status.catalog.products === PRODUCTS + 1 && answer.status.catalog.openOrders === ORDERS + BATCH_ORDERS + 1;
    }, '100k catalog synced', 300_000, 200);
    const syncSeconds = (performance.now() - syncStart) / 1000;
    const synced = processMemory(agent.child.pid!);
    tool.close();

    const terminal = fakeTerminal(80, 24);
    const t = createTranslator('fr');
    const tui = mountTui({ url: `ws://127.0.0.1:${agent.port}`, token, station: 'BENCH-1', lang: 'fr', stdout: terminal.stdout, stdin: terminal.stdin });
    const scanner = await TerminalClient.open(agent.port, token, 'BENCH-1');
    await scanner.input('OP01');
    await scanner.act({ type: 'menu', choice: 'pick' });

    const samples: number[] = [];
    /** Sends one scan and measures until a frame shows its message. */
    const timedScan = async (data: string, into: number[] = samples) => {
      const framesBefore = terminal.frames.length;
      const sentAt = performance.now();
      const answer = await scanner.input(data);
      const feedback = answer.feedback;
      if (!feedback) throw new Error(`no feedback for ${data}`);
      const expected = t(feedbackKey(feedback.code), feedback.params);
      const frame = await waitFor(() => terminal.frames.slice(framesBefore).find((f) => stripAnsi(f.text).includes(expected)), `frame showing "${expected}"`, 5000, 1).catch((error: Error) => {
        throw new Error(`${error.message}; last frames:\n${terminal.frames.slice(-6).map((f) => stripAnsi(f.text)).join('\n---\n')}`);
      });
      into.push(frame.at - sentAt);
    };

    for (let o = 0; o < ORDERS; o++) {
      await scanner.input(`CMD-${1001 + o}`);
      for (let guard = 0; guard < 100 && scanner.view.screen === 'pick'; guard++) {
        const view = scanner.view;
        if (view.screen !== 'pick') break;
        // a lot-tracked line takes its FEFO lot, typed, before its items (not timed: not a scan)
        const fefo = view.phase === 'product' && view.lots && !view.lots.current ? (view.lots.inBin[0]?.lot ?? null) : undefined;
        if (fefo === null) await scanner.act({ type: 'short', reason: 'not-found' });
        else if (fefo !== undefined) await scanner.act({ type: 'lot', lot: fefo });
        else await timedScan(view.phase === 'location' ? view.line.location : view.line.barcode!);
      }
      await scanner.act({ type: 'finish' });
    }
    await scanner.act({ type: 'back' });
    const batch = await benchBatchPicking(scanner, BATCH_CARTS, timedScan);
    const pack = await benchPacking(scanner, sim, terminal.frames, timedScan);
    scanner.close();
    tui.instance.unmount();
    tui.link.close();

    const afterWork = processMemory(agent.child.pid!);
    return [
      { name: `catalog sync, ${PRODUCTS / 1000}k products + ${BARCODES / 1000}k barcodes (hub seed excluded)`, value: `${syncSeconds.toFixed(1)} s`, goal: '<= 5 s' },
      { name: `agent RSS, ${PRODUCTS / 1000}k products synced`, value: `${synced.rssMb} MB` },
      { name: `agent peak RSS, after sync + ${samples.length + batch.length + pack.scans.length} scans`, value: `${Math.max(afterWork.peakMb, synced.peakMb)} MB`, goal: '<= 150 MB' },
      { name: `pick scan -> screen p50 (${samples.length} scans)`, value: `${percentile(samples, 50).toFixed(1)} ms` },
      { name: `pick scan -> screen p99 (${samples.length} scans)`, value: `${percentile(samples, 99).toFixed(1)} ms`, goal: '<= 15 ms' },
      ...batchRows(samples, batch),
      { name: `pack item scan -> screen p50 (${pack.scans.length} scans, 100k catalog)`, value: `${percentile(pack.scans, 50).toFixed(1)} ms` },
      { name: `pack item scan -> screen p99 (${pack.scans.length} scans, 100k catalog)`, value: `${percentile(pack.scans, 99).toFixed(1)} ms`, goal: '<= 15 ms' },
      { name: `stable weight -> pass/fail on screen p50 (${pack.weighs.length} parcels)`, value: `${percentile(pack.weighs, 50).toFixed(1)} ms` },
      { name: `stable weight -> pass/fail on screen p99 (${pack.weighs.length} parcels)`, value: `${percentile(pack.weighs, 99).toFixed(1)} ms` },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await Promise.all(processes.map(killHard));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Batch picking's scan → screen against discrete picking's, measured in the same run (issue 16: within 10 %). */
function batchRows(discrete: number[], batch: number[]): BenchRow[] {
  const ratio = (p: number) => `${Math.round((100 * percentile(batch, p)) / percentile(discrete, p))} %`;
  return [
    { name: `batch pick: scan → screen p50 (ms, ${batch.length} scans)`, value: `${percentile(batch, 50).toFixed(1)} ms` },
    { name: `batch pick: scan → screen p99 (ms, ${batch.length} scans)`, value: `${percentile(batch, 99).toFixed(1)} ms` },
    { name: 'batch pick: p50 / discrete pick p50', value: ratio(50), goal: '≤ 110 %' },
    { name: 'batch pick: p99 / discrete pick p99', value: ratio(99), goal: '≤ 110 %' },
  ];
}
