import { afterEach, describe, expect, it } from 'vitest';
import { readAgentStatus } from '../../src/agent/agent-status.js';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { DEMO_SUPERVISOR_PIN, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import type { ClientIntent } from '../../src/protocol/local-api.js';
import { hashPin } from '../../src/runtime/pin-hash.js';
import { testStationSessions } from '../helpers/station-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BACKENDS, freshDatabase, type Backend } from '../helpers/test-database.js';

const tempDir = useTempDirs();
let store: AgentStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const START = Date.parse('2026-11-22T10:00:00Z');
const MINUTE = 60_000;

/** An agent store with the demo operators, SUP1 holding the demo PIN. */
async function seededStore(location: string): Promise<AgentStore> {
  const data = generateDemoData({ products: 5, orders: 1, seed: 7 });
  const opened = await AgentStore.open(location);
  await opened.db.transaction((trx) => opened.catalog.applyPuts(trx, { operators: data.operators.map((o) => ({ ...o, pinHash: o.role === 'supervisor' ? hashPin(DEMO_SUPERVISOR_PIN) : null })) }));
  return opened;
}

/** Stations of one agent, signed in, on a clock the test moves. */
async function stations(s: AgentStore, clock: { now: number }) {
  const sessions = testStationSessions(s, { clock: () => new Date(clock.now) });
  for (const station of ['S1', 'S2', 'S3']) await sessions.handle(station, { type: 'input', data: 'OP01', source: 'keyboard' });
  return async (station: string, intent: ClientIntent) => (await sessions.handle(station, intent)).feedback;
}

const override = (pin: string, extra: Partial<Extract<ClientIntent, { type: 'override' }>> = {}): ClientIntent => ({ type: 'override', supervisor: 'SUP1', pin, reason: 'packaging-variance', ...extra });

describe.each(BACKENDS)('supervisor PIN lockout (%s)', (backend: Backend) => {
  it('five wrong PINs from any stations lock the code agent-wide, across a restart; the lockout grows, a good PIN resets it', async () => {
    const location = await freshDatabase(backend, tempDir(), 'agent');
    store = await seededStore(location);
    const clock = { now: START };
    let send = await stations(store, clock);

    // the code is checked before any PIN: a supervisor's, an operator's, an unknown one
    expect(await send('S1', { type: 'check-supervisor', supervisor: 'B9001' })).toMatchObject({ level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1' } });
    expect(await send('S1', { type: 'check-supervisor', supervisor: 'OP01' })).toMatchObject({ level: 'error', code: 'SUPERVISOR_UNKNOWN', params: { supervisor: 'OP01' } });
    expect(await send('S1', { type: 'check-supervisor', supervisor: 'NOBODY' })).toMatchObject({ level: 'error', code: 'SUPERVISOR_UNKNOWN', params: { supervisor: 'NOBODY' } });

    // bad input costs no attempt: a PIN of letters, reason other without a note or with control characters
    expect(await send('S1', override('abcd'))).toMatchObject({ code: 'APPROVAL_PIN_INVALID' });
    expect(await send('S1', override('0000', { reason: 'other' }))).toMatchObject({ code: 'APPROVAL_NOTE_REQUIRED' });
    expect(await send('S1', override('0000', { reason: 'other', note: 'a\u0007b' }))).toMatchObject({ code: 'APPROVAL_NOTE_INVALID' });
    expect(await store.lockouts.all()).toEqual([]);

    // four wrong PINs from two stations: refused, counted agent-wide
    for (const station of ['S1', 'S2', 'S1', 'S2']) expect(await send(station, override('0000'))).toMatchObject({ level: 'error' });
    expect(await store.lockouts.all()).toMatchObject([{ supervisor: 'SUP1', failures: 4, lockouts: 0, lockedUntilMs: null }]);
    // the fifth locks SUP1 for a minute
    expect(await send('S3', override('9999'))).toMatchObject({ level: 'error', code: 'SUPERVISOR_LOCKED', params: { supervisor: 'SUP1' } });
    // now even the right PIN is refused, from any station, and the code check says so
    expect(await send('S1', override(DEMO_SUPERVISOR_PIN))).toMatchObject({ code: 'SUPERVISOR_LOCKED' });
    expect(await send('S2', { type: 'check-supervisor', supervisor: 'SUP1' })).toMatchObject({ code: 'SUPERVISOR_LOCKED' });

    // the agent restarts: still locked
    await store.close();
    store = await AgentStore.open(location);
    send = await stations(store, clock);
    clock.now += MINUTE - 1000;
    expect(await send('S1', override(DEMO_SUPERVISOR_PIN))).toMatchObject({ code: 'SUPERVISOR_LOCKED' });
    const live = { agentId: 'A', siteId: 'S', link: 'offline' as const, lastSyncAt: null, loading: null, devices: [] };
    expect((await readAgentStatus(store, live, new Date(clock.now))).supervisorLockouts).toEqual([{ supervisor: 'SUP1', failures: 0, lockouts: 1, locked: true, lockedUntil: new Date(START + MINUTE).toISOString() }]);

    // the minute over, five more wrong PINs lock it for two minutes
    clock.now = START + MINUTE;
    for (let i = 0; i < 4; i++) expect(await send('S1', override('0000'))).not.toMatchObject({ code: 'SUPERVISOR_LOCKED' });
    expect(await send('S1', override('0000'))).toMatchObject({ code: 'SUPERVISOR_LOCKED' });
    expect((await store.lockouts.get('SUP1')).lockedUntilMs).toBe(START + 3 * MINUTE);

    // over, the right PIN goes through (here on a screen with nothing to approve) and clears the record
    clock.now = START + 3 * MINUTE;
    expect(await send('S1', override(DEMO_SUPERVISOR_PIN))).toMatchObject({ code: 'NOT_ON_THIS_SCREEN' });
    expect(await store.lockouts.all()).toEqual([]);
    for (let i = 0; i < 5; i++) await send('S1', override('0000'));
    expect((await store.lockouts.get('SUP1')).lockedUntilMs).toBe(START + 4 * MINUTE);

    // the audit: every attempt refused and each lockout started, no PIN nor its length anywhere
    const audit = await store.audit.recent(null, 500);
    const lockouts = audit.filter((a) => a.intent === 'supervisor-lockout');
    expect(lockouts).toHaveLength(3);
    expect(JSON.parse(lockouts.at(-1)!.raw!)).toEqual({ supervisor: 'SUP1', until: new Date(START + MINUTE).toISOString(), lockout: 1 });
    const attempts = audit.filter((a) => a.intent === 'override');
    expect(attempts.every((a) => JSON.parse(a.raw!).pin === '[redacted]')).toBe(true);
    expect(attempts.filter((a) => a.outcomeCode === 'SUPERVISOR_LOCKED').length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(await store.db('audit').select());
    for (const pin of [DEMO_SUPERVISOR_PIN, '0000', '9999', 'abcd']) expect(text).not.toContain(pin);
    expect(text).not.toMatch(/length/i);
  });
});
