import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { openHubStore } from '../../src/hub/store/hub-store.js';
import { backupStore, restoreStore } from '../../src/storage/store-backup.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('store files are the service user’s only', () => {
  it('a new agent store, its -wal and -shm are 0600; a backup is 0600, in a directory made 0700 when missing; a restored store is 0600', async () => {
    const dir = tempDir();
    const file = join(dir, 'agent', 'agent.sqlite');
    const store = await AgentStore.open(file);
    try {
      await store.db.raw('SELECT 1');
      expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(['600', '600', '600']);
      const to = join(dir, 'backups', 'quai', 'agent-2026-11-30.sqlite');
      const outcome = await backupStore(file, to);
      expect(outcome).toMatchObject({ kind: 'copied', file: to });
      expect(mode(to)).toBe('600');
      expect(mode(join(dir, 'backups'))).toBe('700');
      expect(mode(join(dir, 'backups', 'quai'))).toBe('700');
    } finally {
      await store.close();
    }
    const restored = join(dir, 'new-machine', 'agent', 'agent.sqlite');
    restoreStore(join(dir, 'backups', 'quai', 'agent-2026-11-30.sqlite'), restored);
    expect(mode(restored)).toBe('600');
  });

  it('a new hub store is 0600; a store that exists keeps its mode', async () => {
    const dir = tempDir();
    const file = join(dir, 'hub', 'hub.sqlite');
    const db = await openHubStore(file);
    await db.destroy();
    expect(mode(file)).toBe('600');
    const kept = join(dir, 'kept', 'hub.sqlite');
    mkdirSync(join(dir, 'kept'));
    writeFileSync(kept, '', { mode: 0o640 });
    await (await openHubStore(kept)).destroy();
    expect(mode(kept)).toBe('640');
  });
});
