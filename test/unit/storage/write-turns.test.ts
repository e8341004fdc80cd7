import { describe, expect, it } from 'vitest';
import { WriteTurns, type WriteKind } from '../../../src/storage/write-turns.js';

/** A write that runs until `finish` is called, noting when it started. */
function heldWrite(turns: WriteTurns, kind: WriteKind, name: string, order: string[]) {
  let finish!: () => void;
  const done = turns.run(kind, () => {
    order.push(name);
    return new Promise<void>((resolve) => (finish = resolve));
  });
  return { done, finish: () => finish() };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('write turns (one SQLite writer at a time, the floor first)', () => {
  it('runs one write at a time; a waiting floor write goes before a background one that asked earlier', async () => {
    const turns = new WriteTurns();
    const order: string[] = [];
    const first = heldWrite(turns, 'background', 'sync-1', order);
    const sync = heldWrite(turns, 'background', 'sync-2', order);
    const scan = heldWrite(turns, 'floor', 'scan', order);
    await flush();
    expect(order).toEqual(['sync-1']);
    first.finish();
    await first.done;
    await flush();
    expect(order).toEqual(['sync-1', 'scan']);
    scan.finish();
    await scan.done;
    await flush();
    expect(order).toEqual(['sync-1', 'scan', 'sync-2']);
    sync.finish();
    await sync.done;
  });

  it('a background write waits at most 8 floor turns, then goes', async () => {
    const turns = new WriteTurns();
    const order: string[] = [];
    const busy = heldWrite(turns, 'floor', 'scan-0', order);
    const sync = heldWrite(turns, 'background', 'sync', order);
    const scans = Array.from({ length: 12 }, (_, i) => heldWrite(turns, 'floor', `scan-${i + 1}`, order));
    busy.finish();
    for (let i = 0; i < 13; i++) {
      await flush();
      const running = [...scans, sync].find((w) => order.at(-1) === (w === sync ? 'sync' : `scan-${scans.indexOf(w) + 1}`));
      running?.finish();
    }
    await Promise.all([sync.done, ...scans.map((s) => s.done)]);
    expect(order.indexOf('sync')).toBe(9);
    expect(order).toHaveLength(14);
  });

  it('a write that fails passes the turn on, and its caller gets the error', async () => {
    const turns = new WriteTurns();
    const failing = turns.run('floor', () => Promise.reject(new Error('disk full')));
    await expect(failing).rejects.toThrow('disk full');
    await expect(turns.run('background', async () => 'next')).resolves.toBe('next');
  });
});
