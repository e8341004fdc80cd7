import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubPaths } from '../../src/hub/start-hub.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { machineTimeZone } from '../../src/runtime/machine-time-zone.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

/** Watches the agent's reads of the open-order list (what building a pick-orders view costs); `gate` holds them. */
function watchOrderList(s: TestSite, gate?: Promise<void>): { reads: number; waiting: number } {
  const orders = s.agent.store.orders;
  const listOpen = orders.listOpen.bind(orders);
  const watch = { reads: 0, waiting: 0 };
  orders.listOpen = async (limit) => {
    watch.reads++;
    watch.waiting++;
    await gate;
    watch.waiting--;
    return listOpen(limit);
  };
  return watch;
}

describe("agent's local API: token, schema, and nothing lost on bad input", () => {
  it('refuses a bad token with close code 4401 and shows no view', async () => {
    site = await startSite(tempDir());
    const client = await TerminalClient.open(site.agent.port, 'wrong-token');
    await waitFor(() => client.closeCode, 'close');
    expect(client.closeCode).toBe(4401);
    expect(client.messages).toEqual([{ type: 'error', code: 'UNAUTHORIZED', message: 'bad token' }]);
    // the refusal is logged, and no token, good or bad, is in any log line
    const log = await waitFor(() => {
      const text = readFileSync(join(site!.dir, 'test.log'), 'utf8');
      return text.includes('terminal refused: bad token') ? text : '';
    }, 'the refusal in the log');
    for (const secret of ['wrong-token', site.apiToken, readSecretFile(hubPaths(join(site.dir, 'hub')).agentTokenFile('AGENT-1'))]) expect(log).not.toContain(secret);
  });

  it('refuses intents before hello, and from a tool that named no station', async () => {
    site = await startSite(tempDir());
    const raw = await TerminalClient.open(site.agent.port, null);
    const intent = JSON.stringify({ type: 'intent', id: '1', intent: { type: 'back' } });
    raw.sendRaw(intent);
    await waitFor(() => raw.messages.length === 1, 'answer');
    expect(raw.messages[0]).toMatchObject({ type: 'error', code: 'HELLO_FIRST', id: '1' });
    raw.sendRaw(JSON.stringify({ type: 'hello', token: site.apiToken }));
    raw.sendRaw(intent);
    await waitFor(() => raw.messages.length === 3, 'answers');
    expect(raw.messages.slice(1)).toEqual([
      // the site's time zone: site.timeZone, by default the machine's
      { type: 'welcome', agentId: 'AGENT-1', station: null, keyboard: null, timeZone: machineTimeZone() },
      expect.objectContaining({ type: 'error', code: 'NO_STATION', id: '1' }),
    ]);
    raw.close();
  });

  it('answers malformed messages with BAD_MESSAGE and keeps the session intact', async () => {
    site = await startSite(tempDir());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('OP01');
    const before = terminal.view;
    // each error names the request it answers, when the frame could be read as JSON with an id
    const frames: [string, string | undefined][] = [
      ['{', undefined],
      [JSON.stringify({ type: 'intent', id: '9', intent: { type: 'quantity', quantity: 'lots' } }), '9'],
      [JSON.stringify({ type: 'intent', id: '10', intent: { type: 'input', data: 'x'.repeat(600), source: 'keyboard' } }), '10'],
      [JSON.stringify({ type: 'intent', id: 'x'.repeat(65), intent: { type: 'back' } }), undefined],
    ];
    for (const [frame, id] of frames) {
      const seen = terminal.messages.length;
      terminal.sendRaw(frame);
      const error = await waitFor(() => terminal.messages.slice(seen).find((m) => m.type === 'error'), 'error answer');
      expect(error).toMatchObject({ code: 'BAD_MESSAGE' });
      expect(error.type === 'error' ? error.id : 'not an error').toBe(id);
    }
    expect(terminal.closeCode).toBeUndefined();
    const after = await terminal.act({ type: 'menu', choice: 'pick' });
    expect(before.screen).toBe('menu');
    expect(after.view.screen).toBe('pick-orders');
    terminal.close();
  });

  it('closes the link on an oversize frame', async () => {
    site = await startSite(tempDir());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    terminal.sendRaw('x'.repeat(200_000));
    await waitFor(() => terminal.closeCode, 'close');
    expect(terminal.closeCode).toBe(1009);
  });

  it('a change of the status line alone (link, events) resends the last view without reading the store', async () => {
    site = await startSite(tempDir());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('op01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    const watch = watchOrderList(site);
    const seen = terminal.messages.length;
    site.agent.sync.reconnectNow();
    await waitFor(() => terminal.messages.slice(seen).some((m) => m.type === 'view' && m.status.link === 'offline'), 'offline shown');
    await waitFor(() => terminal.messages.slice(seen).some((m) => m.type === 'view' && m.status.link === 'online'), 'online shown');
    expect(terminal.view.screen).toBe('pick-orders');
    expect(watch.reads).toBe(0);
    terminal.close();
  });

  it('sends each result before the view it produced, never a stale view in between, while pushes keep coming', async () => {
    site = await startSite(tempDir());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('op01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    // each link change pushes every station's view, as acks and outcomes do while events drain
    let flapping = true;
    const flaps = (async () => {
      while (flapping) {
        site!.agent.sync.reconnectNow();
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();
    try {
      for (const number of ['CMD-1001', 'CMD-1002', 'CMD-1003']) {
        const seen = terminal.messages.length;
        const opened = await terminal.input(number);
        const result = terminal.messages.slice(seen).find((m) => m.type === 'result');
        expect(opened.feedback?.id).toBe(result?.type === 'result' ? result.feedback?.id : undefined);
        for (let guard = 0; guard < 40 && terminal.view.screen === 'pick'; guard++) {
          const view = terminal.view;
          if (view.screen !== 'pick') break;
          const before = terminal.messages.length;
          // a lot-tracked line: its FEFO lot typed before its items are scanned
          const lot = view.phase === 'product' && view.lots && !view.lots.current ? view.lots.inBin[0]!.lot : null;
          const next = lot ? await terminal.act({ type: 'lot', lot }) : await terminal.input(view.phase === 'location' ? view.line.location : view.line.barcode!);
          const answer = terminal.messages.slice(before).find((m) => m.type === 'result');
          expect(next.feedback?.id).toBe(answer?.type === 'result' ? answer.feedback?.id : undefined);
        }
        await terminal.act({ type: 'finish' });
      }
    } finally {
      flapping = false;
      await flaps;
    }
    terminal.close();
  });

  it('tells a terminal of an internal fault by a reference only, the details going to the log', async () => {
    site = await startSite(tempDir());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('op01');
    // the store vanishes under the agent (a disk gone read-only, a dropped database)
    await site.agent.store.db.schema.dropTable('audit');
    await expect(terminal.act({ type: 'menu', choice: 'pick' })).rejects.toThrow(/AGENT_INTERNAL|internal error, ref [0-9a-f]{8} in the agent log/);
    const error = terminal.messages.find((m) => m.type === 'error');
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^internal error, ref [0-9a-f]{8} in the agent log$/) });
    const ref = /ref ([0-9a-f]{8})/.exec(error!.type === 'error' ? error!.message : '')![1]!;
    await waitFor(() => readFileSync(join(site!.dir, 'test.log'), 'utf8').includes(`"ref":"${ref}"`), 'the fault logged with its reference');
    terminal.close();
  });

  it('answers status and sync-now for tools without a station', async () => {
    site = await startSite(tempDir());
    const tool = await TerminalClient.open(site.agent.port, site.apiToken);
    tool.sendRaw(JSON.stringify({ type: 'status' }));
    const status = await waitFor(() => tool.messages.find((m) => m.type === 'status'), 'status');
    expect(status).toMatchObject({ status: { agentId: 'AGENT-1', link: 'online', pending: 0, catalog: { products: 241, openOrders: 25 } } });
    tool.sendRaw(JSON.stringify({ type: 'sync-now' }));
    await waitFor(() => tool.messages.find((m) => m.type === 'sync-started'), 'sync started');
    await waitFor(() => site!.agent.sync.link === 'online', 'link back online');
    tool.close();
  });
  it('never lets a slow push begun before an intent overwrite the view that intent produced', async () => {
    site = await startSite(tempDir());
    const terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'PICK-1');
    await terminal.input('op01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    // the order list is slow to read while the catalog reloads: its pushes start, then wait
    let release!: () => void;
    const watch = watchOrderList(site, new Promise<void>((resolve) => (release = resolve)));
    // a full catalog reload changes documents: every station's view is read again
    site.agent.sync.reconnectNow({ catalog: true });
    await waitFor(() => watch.waiting > 0 && site!.agent.sync.link === 'online', 'a push waiting on the order list, link back');
    const seen = terminal.messages.length;
    terminal.sendRaw(JSON.stringify({ type: 'intent', id: 'open', intent: { type: 'input', data: 'CMD-1001', source: 'keyboard' } }));
    // the intent commits while the push is held; its answer waits for that push's turn
    await waitFor(async () => (await site!.agent.store.audit.recent('PICK-1', 1))[0]?.outcomeCode === 'PICK_STARTED', 'the intent committed');
    expect(terminal.messages.slice(seen).some((m) => m.type === 'result')).toBe(false);
    release();
    await waitFor(() => watch.waiting === 0 && terminal.view.screen === 'pick', 'the pushes delivered');
    const afterResult = terminal.messages.slice(terminal.messages.findIndex((m, i) => i >= seen && m.type === 'result'));
    expect(afterResult.find((m) => m.type === 'view')).toMatchObject({ view: { screen: 'pick' } });
    // one more round trip on the same socket: anything still in flight lands before its answer
    terminal.sendRaw(JSON.stringify({ type: 'status' }));
    await waitFor(() => terminal.messages.slice(seen).some((m) => m.type === 'status'), 'status answer');
    const screens = terminal.messages.slice(seen).flatMap((m) => (m.type === 'view' ? [m.view.screen] : []));
    expect(screens.at(-1)).toBe('pick');
    expect(screens.slice(screens.indexOf('pick'))).not.toContain('pick-orders');
    terminal.close();
  });
});
