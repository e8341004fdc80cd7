import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { commitFloorMs } from '../../bench/floors/commit-floor.js';
import { inkFrameFloorMs } from '../../bench/floors/ink-frame-floor.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { useQuaiProcesses } from '../helpers/quai-process.js';

const tempDir = useTempDirs();
const quai = useQuaiProcesses();

describe("the bench's floors and processes", () => {
  it('commits one row per transaction, counting only the commits after the warm-up, in a WAL database under the given directory', async () => {
    const dir = tempDir();
    const samples = await commitFloorMs(dir, 12, 3);
    expect(samples).toHaveLength(12);
    for (const ms of samples) expect(ms).toBeGreaterThan(0);
    const db = knexFactory({ client: 'sqlite3', connection: { filename: join(dir, 'commit-floor.sqlite') }, useNullAsDefault: true });
    try {
      expect(await db('events').count({ n: '*' }).first()).toEqual({ n: 15 });
      expect(await db.raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await db.destroy();
    }
  });

  it('times bare Ink frames to the frame showing each update', async () => {
    const samples = await inkFrameFloorMs(5, 2);
    expect(samples).toHaveLength(5);
    for (const ms of samples) expect(ms).toBeGreaterThan(0);
  });

  it('runs hub and agent as plain node processes from dist/, without the parent process’s Node flags (a loader under tsx)', async () => {
    const dir = tempDir();
    const hub = await quai.start(['hub', '--data-dir', dir, '--port', '0']);
    const argv = readFileSync(`/proc/${hub.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv.slice(1, 3)).toEqual([join(process.cwd(), 'dist/cli.js'), 'hub']);
  });
});
