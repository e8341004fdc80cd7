import type { Knex } from 'knex';

/** Free pages given back per write: 1 MB at 4 KiB pages, a ms or two; the floor's writes pass between two (2000 a step held 16-20 MB more of the agent's memory at its peak). */
const PAGES_PER_TURN = 256;

const pragma = async (trx: Knex.Transaction, name: string): Promise<number> => {
  const [row] = (await trx.raw(`PRAGMA ${name}`)) as Record<string, number>[];
  return Number(row?.[name] ?? 0);
};

/**
 * Gives a SQLite store's free pages (rows deleted) back to the disk, `PAGES_PER_TURN` at a time,
 * each step one transaction run by `write` (the agent's background turn, or the hub's
 * connection); the file shrinks when the WAL is next checkpointed. Only a store in
 * `auto_vacuum = INCREMENTAL` can (every store made since Quai sets it; an older one is converted
 * by `quai prune`, which VACUUMs it once); any other reclaims nothing. No step starts once `signal`
 * aborts. Returns the bytes reclaimed.
 */
export async function reclaimFreePages(write: <T>(work: (trx: Knex.Transaction) => Promise<T>) => Promise<T>, signal?: AbortSignal): Promise<number> {
  let bytes = 0;
  while (!signal?.aborted) {
    const freed = await write(async (trx) => {
      if ((await pragma(trx, 'auto_vacuum')) !== 2) return 0;
      const free = await pragma(trx, 'freelist_count');
      if (free === 0) return 0;
      await trx.raw(`PRAGMA incremental_vacuum(${PAGES_PER_TURN})`);
      return (free - (await pragma(trx, 'freelist_count'))) * (await pragma(trx, 'page_size'));
    });
    if (freed === 0) return bytes;
    bytes += freed;
  }
  return bytes;
}
