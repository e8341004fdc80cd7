// The raw ceiling's server side: a bare WebSocket endpoint that inserts-or-ignores each batch of
// events into one SQLite table (knex + sqlite3, WAL, synchronous=FULL like the hub) and acks it.
// Run as its own process; prints its port.
import knexFactory from 'knex';
import { WebSocketServer } from 'ws';

const db = knexFactory({ client: 'sqlite3', connection: { filename: process.argv[2]! }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
await db.raw('PRAGMA journal_mode = WAL');
await db.raw('PRAGMA synchronous = FULL');
await db.schema.createTable('events', (t) => {
  t.string('id').primary();
  t.integer('seq').notNullable();
  t.string('type').notNullable();
  t.string('at').notNullable();
  t.string('station').notNullable();
  t.string('operator').nullable();
  t.text('payload').notNullable();
});
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 4 * 1024 * 1024 });
server.on('connection', (ws) => {
  let chain = Promise.resolve();
  ws.on('message', (data) => {
    chain = chain.then(async () => {
      const { events } = JSON.parse(data.toString()) as { events: { id: string; seq: number; type: string; at: string; station: string; operator: string | null; payload: unknown }[] };
      const rows = events.map((e) => ({ ...e, payload: JSON.stringify(e.payload) }));
      await db.transaction(async (trx) => {
        for (let i = 0; i < rows.length; i += 250) await trx('events').insert(rows.slice(i, i + 250)).onConflict('id').ignore();
      });
      ws.send(JSON.stringify({ lastSeq: events[events.length - 1]!.seq }));
    });
  });
});
server.on('listening', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
