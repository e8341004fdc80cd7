// first: Ink must see CI unset when it is imported
import '../helpers/live-ink-frames.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { openCommitFloor } from '../../bench/floors/commit-floor.js';
import { mountInkFrameFloor } from '../../bench/floors/ink-frame-floor.js';
import { ScanFloorSampler } from '../../bench/floors/scan-floor.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { useQuaiProcesses } from '../helpers/quai-process.js';

const tempDir = useTempDirs();
const quai = useQuaiProcesses();

describe("the bench's floors and processes", () => {
  it('commits one row per transaction after its warm-up ones, in a WAL database under the given directory', async () => {
    const dir = tempDir();
    const floor = await openCommitFloor(dir, 3);
    for (let i = 0; i < 12; i++) expect(await floor.commit()).toBeGreaterThan(0);
    await floor.close();
    const db = knexFactory({ client: 'sqlite3', connection: { filename: join(dir, 'commit-floor.sqlite') }, useNullAsDefault: true });
    try {
      expect(await db('events').count({ n: '*' }).first()).toEqual({ n: 15 });
      expect(await db.raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await db.destroy();
    }
  });

  it('times bare Ink frames to the frame showing each update', async () => {
    const floor = await mountInkFrameFloor(2);
    for (let i = 0; i < 5; i++) expect(await floor.frame()).toBeGreaterThan(0);
    floor.unmount();
  });

  it('adds the commit p99 and the frame p99 of every round into the scan -> screen floor', async () => {
    const sampler = await ScanFloorSampler.open(tempDir());
    await sampler.sample(10);
    await sampler.sample(10);
    await sampler.close();
    const floor = sampler.result();
    expect(floor.p99).toBeCloseTo(floor.commitP99 + floor.inkFrameP99);
    expect(floor.rows.map((r) => r.name)).toEqual([
      'floor: one-row commit p99 (knex+sqlite3, WAL, synchronous=FULL, 20 commits)',
      'floor: bare Ink 20-row frame p99 (production React, maxFps 0, 20 frames)',
      'floor: scan -> screen p99 (commit p99 + Ink frame p99)',
    ]);
  });

  it('runs hub and agent as plain node processes from dist/, without the parent process’s Node flags (a loader under tsx)', async () => {
    const dir = tempDir();
    const hub = await quai.start(['hub', '--data-dir', dir, '--port', '0']);
    const argv = readFileSync(`/proc/${hub.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv.slice(1, 3)).toEqual([join(process.cwd(), 'dist/cli.js'), 'hub']);
  });
});
