import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import { useSites } from '../helpers/site.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const site = useSites(tempDir);

type Connection = 'floor' | 'reader' | 'background';
interface Statement {
  on: Connection;
  sql: string;
}

/** Every statement the agent's store sends, on which connection, in the order they are sent (knex `query` events). */
function recordStatements(connections: Record<Connection, Knex>): { statements: Statement[]; stop(): void } {
  const statements: Statement[] = [];
  const listeners = Object.entries(connections).map(([on, db]) => {
    const listener = (query: { sql: string }) => statements.push({ on: on as Connection, sql: query.sql });
    db.on('query', listener);
    return () => db.off('query', listener);
  });
  return { statements, stop: () => listeners.forEach((off) => off()) };
}

/**
 * The most a pick action may send before its answer: its look-ups (a barcode, a bin or a
 * product), its one transaction (at most: the event, the session, the order's lines and status,
 * the audit), then reads on the side (the view it answers with, the outbox's next batch).
 */
const MOST_LOOK_UPS = 3;
const MOST_IN_TRANSACTION = 6;
const MOST_READS = 8;

describe("a pick scan's statements (SQLite store, hub link up)", () => {
  it('one commit, a fixed few statements before the answer, none of the background writes (going on all along) inside the scan’s transaction, no max(seq)', async () => {
    const s = await site();
    const terminal = await TerminalClient.open(s.agent.port, s.apiToken, 'PICK-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input('CMD-1001');
    await waitFor(async () => settled(await s.agent.status()), 'the link idle');
    const { db, reader, background } = s.agent.store;
    const recording = recordStatements({ floor: db, reader, background });
    // background writes one after the other all along, as a catalog sync would: each scan meets them
    let picking = true;
    let backgroundWrites = 0;
    const contention = (async () => {
      while (picking) await s.agent.store.writeBackground(async (trx) => void (await trx('meta').insert({ key: 'contention', value: String(++backgroundWrites) }).onConflict('key').merge()));
    })();
    const scans: Statement[][] = [];
    const picked = await pickWholeOrder(terminal, async (send) => {
      const from = recording.statements.length;
      await send();
      scans.push(recording.statements.slice(from));
    });
    picking = false;
    await contention;
    expect(backgroundWrites).toBeGreaterThan(picked);
    // the order's last line done, its events sent and settled: the sync client did write meanwhile
    await waitFor(async () => settled(await s.agent.status()), 'the picks sent and settled');
    recording.stop();
    expect(picked).toBeGreaterThan(2);
    expect(recording.statements.some((st) => st.on === 'background')).toBe(true);

    for (const [index, scan] of scans.entries()) {
      const floor = scan.filter((st) => st.on === 'floor').map((st) => st.sql);
      const where = `action ${index + 1}: ${JSON.stringify(scan.map((st) => `${st.on} ${st.sql.slice(0, 60)}`))}`;
      expect(floor.filter((sql) => sql === 'COMMIT;'), where).toHaveLength(1);
      expect(floor[0], where).toBe('BEGIN;');
      expect(floor.at(-1), where).toBe('COMMIT;');
      expect(floor.length - 2, where).toBeLessThanOrEqual(MOST_IN_TRANSACTION);
      expect(scan.filter((st) => st.on === 'reader').length, where).toBeLessThanOrEqual(MOST_READS);
      expect(scan.some((st) => /max\(`seq`\)/.test(st.sql)), where).toBe(false);
      const begin = scan.findIndex((st) => st.on === 'floor' && st.sql === 'BEGIN;');
      const commit = scan.findIndex((st) => st.on === 'floor' && st.sql === 'COMMIT;');
      expect(scan.slice(0, begin).filter((st) => st.on === 'reader').length, where).toBeLessThanOrEqual(MOST_LOOK_UPS);
      // a background transaction may open meanwhile (BEGIN takes no lock): it writes only in its turn
      // (the WAL checkpoint on its timer does not write the database, nor wait for a turn)
      expect(scan.slice(begin, commit).filter((st) => st.on === 'background' && st.sql !== 'BEGIN;' && !st.sql.startsWith('PRAGMA wal_checkpoint')), where).toEqual([]);
    }
    // the line's units and the order's last line: events appended by the scan's own transaction
    expect(scans.flat().filter((st) => st.on === 'floor' && st.sql.startsWith('insert into `outbox`')).length).toBeGreaterThan(0);
    terminal.close();
  });
});
