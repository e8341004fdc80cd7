// first: Ink must see CI unset when it is imported
import '../helpers/live-ink-frames.js';
import { describe, expect, it } from 'vitest';
import { fakeTerminal } from '../../bench/fake-terminal.js';
import type { StationView } from '../../src/protocol/local-api.js';
import { mountTui } from '../../src/tui/run-tui.js';
import { useCleanups } from '../helpers/cleanups.js';
import { eanOf, weighableOrders } from '../helpers/demo-data.js';
import { pickOrder } from '../helpers/booked-once.js';
import { useSites } from '../helpers/site.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups = useCleanups();
const startSite = useSites(useTempDirs());

type PackView = Extract<StationView, { screen: 'pack' }>;

describe('type-ahead on a real agent: keys typed before the answer are read against it', () => {
  it('the last item scanned and * in the same breath: the box closes, no "item not verified" question', async () => {
    const site = await startSite();
    const order = weighableOrders[0]!;
    await pickOrder(site, order.number);
    // the packing station, every unit but the last verified by another terminal of it
    const packer = await TerminalClient.open(site.agent.port, site.apiToken, 'PACK-1');
    cleanups.push(() => packer.close());
    await packer.input('OP01');
    await packer.act({ type: 'menu', choice: 'pack' });
    await packer.input(order.number);
    const units = order.lines.flatMap((line) => Array.from({ length: line.quantity }, () => eanOf(line.productCode)));
    for (const ean of units.slice(0, -1)) await packer.input(ean);
    expect((packer.view as PackView).items.reduce((n, item) => n + item.quantity - item.verified, 0)).toBe(1);

    const terminal = fakeTerminal(80, 24);
    const { link, instance } = mountTui({ url: `ws://127.0.0.1:${site.agent.port}`, token: site.apiToken, station: 'PACK-1', lang: 'en', stdout: terminal.stdout, stdin: terminal.stdin });
    cleanups.push(() => {
      instance.unmount();
      link.close();
    });
    await waitFor(() => link.current.view?.screen === 'pack', 'the packing screen');
    // a scanner's burst and the packer's * in one read of the terminal
    const from = terminal.frames.length;
    const drawn = () => terminal.frames.slice(from).map((frame) => frame.text).join('');
    terminal.stdin.write(`${units.at(-1)}\r*`);
    await waitFor(() => link.current.view?.screen === 'pack' && link.current.view.phase === 'box', 'the box closed: its packaging asked');
    await waitFor(() => drawn().includes('BOX-S'), () => `the packaging list drawn: ${drawn()}`);
    expect(drawn()).not.toMatch(/not verified/);
  }, 30_000);
});
