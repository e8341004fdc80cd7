import { expect } from 'vitest';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import type { TestSite } from './site.js';
import { pickWholeOrder, TerminalClient } from './terminal-client.js';
import { settled, waitFor } from './wait-for.js';

/** Picks an order at its own station (so no earlier session is resumed); resolves with its lines. */
export async function pickOrder(s: TestSite, number: string): Promise<number> {
  const terminal = await TerminalClient.open(s.agent.port, s.apiToken, `PICK-${number}`);
  try {
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input(number);
    expect(terminal.view.screen).toBe('pick');
    const lines = terminal.view.screen === 'pick' ? terminal.view.progress.total : 0;
    await pickWholeOrder(terminal);
    expect(terminal.view.screen).toBe('pick-done');
    return lines;
  } finally {
    terminal.close();
  }
}

/** Waits until the hub has given the agent an outcome for every event. */
export const drained = (s: TestSite) => waitFor(async () => settled(await s.agent.status()), 'every event settled at the hub', 20_000);

/** Each order is picked at the hub, its stock moved exactly once (by the sum of its moves). */
export async function expectMovedOnce(s: TestSite, numbers: string[]): Promise<void> {
  const report = await inspectHub(s.hub!.db);
  for (const number of numbers) {
    const order = report.orders.find((o) => o.number === number)!;
    expect(order.status, number).toBe('picked');
    expect(order.lines.every((l) => l.picked === l.quantity), number).toBe(true);
    const [moved] = await s.hub!.db('stock_moves').where('ref', 'like', `${order.id}/%`).sum({ total: 'delta' });
    expect(Number(moved?.total), `${number} moved once`).toBe(-order.lines.reduce((sum, l) => sum + l.quantity, 0));
  }
}
