import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/runtime/keyed-queue.js';

describe('KeyedQueue', () => {
  it('runs one task at a time per key, in order, past a failure; other keys run alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('A', async () => {
      await gate;
      log.push('A1');
      throw new Error('A1 failed');
    });
    const second = queue.run('A', async () => log.push('A2'));
    const other = queue.run('B', async () => log.push('B1'));
    await other;
    expect(log).toEqual(['B1']);
    release();
    await expect(first).rejects.toThrow('A1 failed');
    await second;
    expect(log).toEqual(['B1', 'A1', 'A2']);
  });
});
