import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { takeStoreOwnerLock, type StoreHolder, type StoreOwnerLockOptions } from '../../src/agent/store/store-owner-lock.js';
import { currentProcess, type ProcessIdentity } from '../../src/runtime/process-identity.js';
import type { QuaiError } from '../../src/runtime/quai-error.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const opened: AgentStore[] = [];
const releases: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const release of releases.splice(0)) await release();
  for (const store of opened.splice(0)) await store.close();
});

const here = currentProcess();
const elsewhere: ProcessIdentity = { host: 'other-host.lan', bootId: 'another-boot', pid: here.pid, startTicks: here.startTicks };
const holderRow = async (store: AgentStore) => JSON.parse((await store.meta.get('store-owner'))!) as StoreHolder;

describe.each(BACKENDS)('the store owner lock (%s)', (backend) => {
  /** One store, opened as a second process would open it: its own connection(s). A PostgreSQL URL with a password (trust auth ignores it). */
  async function twoHandles(): Promise<[AgentStore, AgentStore, string]> {
    const fresh = await freshDatabase(backend, tempDir(), 'agent');
    const location = backend === 'postgres' ? Object.assign(new URL(fresh), { password: 's3cret' }).href : fresh;
    const a = await AgentStore.open(location);
    const b = await AgentStore.open(location);
    opened.push(a, b);
    return [a, b, location];
  }
  const take = async (store: AgentStore, location: string, options: Partial<StoreOwnerLockOptions> = {}) => {
    const lock = await takeStoreOwnerLock(store.db, store.meta, { agentId: 'AGENT-1', location, onLost: () => undefined, ...options });
    releases.push(() => lock.release());
    return lock;
  };

  it('a second claim while the holder lives is refused, naming the holder; after release it is granted', async () => {
    const [a, b, location] = await twoHandles();
    const first = await take(a, location);
    expect(first.holder).toMatchObject({ host: here.host, pid: process.pid, agentId: 'AGENT-1' });
    const refused = await take(b, location).catch((error: QuaiError) => error);
    expect(refused).toMatchObject({ code: 'STORE_IN_USE' });
    expect((refused as QuaiError).message).toContain(`in use by agent AGENT-1 on ${here.host} (pid ${process.pid}, since ${first.holder.since})`);
    expect((refused as QuaiError).message).not.toContain('s3cret');
    await first.release();
    expect(await a.meta.get('store-owner')).toBeUndefined();
    const second = await take(b, location);
    expect(second.tookOverFrom).toBeUndefined();
  });

  it('a holder whose process is gone on this host (pid dead, or reused by a later process) is taken over at once', async () => {
    const [a, b, location] = await twoHandles();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    await take(a, location, { identity: { ...here, pid: gone } });
    const taken = await take(b, location);
    expect(taken.tookOverFrom).toMatchObject({ pid: gone });
    expect(await holderRow(a)).toMatchObject({ pid: process.pid, claim: taken.holder.claim });
    // our own pid with another start time: the process that had this pid before us
    await a.meta.set('store-owner', JSON.stringify({ ...(await holderRow(a)), claim: 'before-reuse', startTicks: '1' }));
    expect((await take(b, location)).tookOverFrom).toMatchObject({ claim: 'before-reuse' });
  });

  it('a row naming this very process but a claim it no longer holds (a backup restored under an in-process agent) is taken over', async () => {
    const [a, b, location] = await twoHandles();
    const first = await take(a, location);
    const backup = (await a.meta.get('store-owner'))!;
    await first.release();
    await a.meta.set('store-owner', backup);
    expect((await take(b, location)).tookOverFrom).toMatchObject({ claim: first.holder.claim, pid: process.pid });
  });

  it('a holder on another host: refused while its heartbeat is fresh, taken over once it is stale', async () => {
    const [a, b, location] = await twoHandles();
    await take(a, location, { identity: elsewhere, heartbeatMs: 60_000 });
    await expect(take(b, location, { staleMs: 60_000 })).rejects.toMatchObject({ code: 'STORE_IN_USE', message: expect.stringContaining('on other-host.lan') });
    const stale = { ...(await holderRow(a)), heartbeatAt: new Date(Date.now() - 120_000).toISOString() };
    await a.meta.set('store-owner', JSON.stringify(stale));
    expect((await take(b, location, { staleMs: 60_000 })).tookOverFrom).toMatchObject({ host: 'other-host.lan' });
  });

  it('the heartbeat keeps a holder on another host fresh; the holder is told when it has lost the store', async () => {
    const [a, b, location] = await twoHandles();
    const lost: QuaiError[] = [];
    const lock = await take(a, location, { identity: elsewhere, heartbeatMs: 40, onLost: (error) => lost.push(error) });
    const first = lock.holder.heartbeatAt;
    await waitFor(async () => (await holderRow(b)).heartbeatAt > first, 'a heartbeat');
    await expect(take(b, location, { staleMs: 5_000 })).rejects.toMatchObject({ code: 'STORE_IN_USE' });
    // another process decides the holder is dead and takes the store: the holder hears of it
    await b.meta.set('store-owner', JSON.stringify({ ...(await holderRow(b)), claim: 'usurper', host: 'third-host', pid: 4242 }));
    await waitFor(() => lost.length > 0, 'the loss told');
    expect(lost[0]).toMatchObject({ code: 'STORE_LOCK_LOST', message: expect.stringContaining('taken over by agent AGENT-1 on third-host (pid 4242)') });
    expect((await holderRow(b)).claim).toBe('usurper');
  });

  it('starters racing for a free store: exactly one wins', async () => {
    const location = await freshDatabase(backend, tempDir(), 'agent');
    // opened one after the other: what races here is the claim, not knex's first migration
    const stores: AgentStore[] = [];
    for (let i = 0; i < 4; i++) stores.push(await AgentStore.open(location));
    opened.push(...stores);
    const outcomes = await Promise.allSettled(stores.map((s, i) => take(s, location, { identity: { ...elsewhere, host: `host-${i}` } })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['STORE_IN_USE', 'STORE_IN_USE', 'STORE_IN_USE']);
  });
});
