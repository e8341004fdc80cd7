import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from '../../runtime/logger.js';
import { currentProcess, isSameHostProcessAlive, type ProcessIdentity } from '../../runtime/process-identity.js';
import { QuaiError } from '../../runtime/quai-error.js';
import { isPostgres } from '../../storage/open-database.js';
import type { AgentStore } from './agent-store.js';
import type { MetaRepo } from './meta-repo.js';
import { storeLocationName } from '../../runtime/system-fault.js';

/** The meta fact naming the agent that writes to this store. */
const OWNER_KEY = 'store-owner';
/** How often the holder says it is alive; what a holder on another host is judged by. */
const HEARTBEAT_MS = 5000;
/** A holder on another host silent this long is taken for dead (several heartbeats missed). */
const STALE_MS = 30_000;

/** Who holds an agent store, as kept (JSON) in its `meta` table. */
export interface StoreHolder extends ProcessIdentity {
  /** Random per claim: a compare-and-set on it tells this claim from any later one, even of the same process. */
  claim: string;
  agentId: string;
  /** When the store was taken (ISO). */
  since: string;
  /** The holder's last heartbeat (ISO, by the store's clock: PostgreSQL's `now()`, the host's for a SQLite file). */
  heartbeatAt: string;
}

export interface StoreOwnerLockOptions {
  agentId: string;
  /** The store's path or URL, for messages (a URL's password is left out of them). */
  location: string;
  /** Another process took the store over (this one looked dead to it): stop writing. */
  onLost(error: QuaiError): void;
  /** A heartbeat could not be written (full disk, database down): told once per run of failures, then again on recovery with null. */
  onHeartbeatTrouble?(error: Error | null): void;
  heartbeatMs?: number;
  staleMs?: number;
  /** This process (tests stand in another host or pid). */
  identity?: ProcessIdentity;
}

export interface StoreOwnerLock {
  readonly holder: StoreHolder;
  /** The holder this claim replaced (a crashed agent's), if any. */
  readonly tookOverFrom: StoreHolder | undefined;
  /** Stops the heartbeat and frees the store; never throws (a lock left behind is taken over at the next start). */
  release(): Promise<void>;
}

/** A store location fit for a message: a postgres:// URL without its password. */
async function storeNow(db: Knex): Promise<Date> {
  if (!isPostgres(db)) return new Date();
  const { rows } = (await db.raw('select now() as now')) as { rows: { now: Date }[] };
  return rows[0]!.now;
}

function parseHolder(value: string): StoreHolder | undefined {
  try {
    const holder = JSON.parse(value) as StoreHolder;
    return typeof holder.claim === 'string' && typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Claims this process holds now: a row naming this very process is live only if its claim is here (a restored backup brings back a released one). */
const heldHere = new Set<string>();

const sameProcess = (a: ProcessIdentity, b: ProcessIdentity) => a.host === b.host && a.bootId === b.bootId && a.pid === b.pid && a.startTicks === b.startTicks;

/** Whether the holder still runs: by pid and start time on this host, by its heartbeat from another. */
function holderAlive(holder: StoreHolder, here: ProcessIdentity, now: Date, staleMs: number): boolean {
  if (sameProcess(holder, here)) return heldHere.has(holder.claim);
  return isSameHostProcessAlive(holder, here) ?? now.getTime() - Date.parse(holder.heartbeatAt) < staleMs;
}

/**
 * One agent per store, whatever path or URL leads to it (a symlink, `dir/../dir/agent.sqlite`,
 * another host on the same PostgreSQL database): the lock is a row in the store itself, taken
 * with a compare-and-set, refreshed by a heartbeat, released on a clean stop. A holder that is
 * gone (its pid dead or reused on this host, or silent for `staleMs` from another host) is taken
 * over at once, so an agent killed with -9 starts again without help.
 * Throws STORE_IN_USE naming the live holder (agent, host, pid, since when).
 */
export async function takeStoreOwnerLock(db: Knex, meta: MetaRepo, options: StoreOwnerLockOptions): Promise<StoreOwnerLock> {
  const here = options.identity ?? currentProcess();
  const staleMs = options.staleMs ?? STALE_MS;
  const location = storeLocationName(options.location);
  // a few rounds: each one lost means another starter changed the row between our read and write
  for (let round = 0; round < 5; round++) {
    const current = await meta.get(OWNER_KEY);
    const now = await storeNow(db);
    const previous = current === undefined ? undefined : parseHolder(current);
    if (previous && holderAlive(previous, here, now, staleMs)) {
      throw new QuaiError(
        'STORE_IN_USE',
        `the store ${location} is in use by agent ${previous.agentId} on ${previous.host} (pid ${previous.pid}, since ${previous.since}); one agent per store: stop that one, or give this one its own --db`,
      );
    }
    const mine: StoreHolder = { ...here, claim: randomUUID(), agentId: options.agentId, since: now.toISOString(), heartbeatAt: now.toISOString() };
    if (await meta.compareAndSet(OWNER_KEY, current, JSON.stringify(mine))) return heldLock(db, meta, { ...options, location }, mine, previous);
  }
  throw new QuaiError('STORE_IN_USE', `the store ${location} is being taken by another agent at this moment; try again`);
}

/** The heartbeat and release of a claim just won. */
function heldLock(db: Knex, meta: MetaRepo, options: StoreOwnerLockOptions, taken: StoreHolder, tookOverFrom: StoreHolder | undefined): StoreOwnerLock {
  let holder = taken;
  heldHere.add(taken.claim);
  let troubled = false;
  let beating: Promise<void> | undefined;
  const heartbeat = async () => {
    try {
      const next = { ...holder, heartbeatAt: (await storeNow(db)).toISOString() };
      if (await meta.compareAndSet(OWNER_KEY, JSON.stringify(holder), JSON.stringify(next))) {
        holder = next;
        if (troubled) options.onHeartbeatTrouble?.(null);
        troubled = false;
        return;
      }
      clearInterval(timer);
      heldHere.delete(taken.claim);
      const now = await meta.get(OWNER_KEY);
      const other = now === undefined ? undefined : parseHolder(now);
      const by = other ? `agent ${other.agentId} on ${other.host} (pid ${other.pid}) since ${other.since}` : 'another process (the lock row was removed)';
      options.onLost(new QuaiError('STORE_LOCK_LOST', `the store ${options.location} was taken over by ${by}; this agent must stop writing to it`));
    } catch (error) {
      if (!troubled) options.onHeartbeatTrouble?.(error as Error);
      troubled = true;
    }
  };
  // one heartbeat at a time: a store that hangs (a full disk, a database away) gets no pile of them
  const timer = setInterval(() => {
    beating ??= heartbeat().finally(() => (beating = undefined));
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    get holder() {
      return holder;
    },
    tookOverFrom,
    async release() {
      clearInterval(timer);
      heldHere.delete(taken.claim);
      await beating;
      await meta.compareAndSet(OWNER_KEY, JSON.stringify(holder), undefined).catch(() => false);
    },
  };
}

/**
 * The agent holding a store right now, read from its `meta` (undefined: none, or one that is gone):
 * what `quai restore` asks before it replaces the store.
 */
export async function liveStoreHolder(db: Knex): Promise<StoreHolder | undefined> {
  if (!(await db.schema.hasTable('meta'))) return undefined;
  const row: { value: string } | undefined = await db('meta').where({ key: OWNER_KEY }).first('value');
  const holder = row === undefined ? undefined : parseHolder(row.value);
  return holder && holderAlive(holder, currentProcess(), await storeNow(db), STALE_MS) ? holder : undefined;
}

/**
 * The agent's hold on its store, with its logging: a takeover is logged with the holder it
 * replaced, heartbeat trouble once per run of failures. Losing the store to another process is
 * fatal: it is thrown outside any caller (the service exits 1 on it), since one more write would
 * be a second writer's. On refusal the store is closed before STORE_IN_USE is thrown.
 */
export async function holdAgentStore(store: AgentStore, location: string, agentId: string, logger: Logger): Promise<StoreOwnerLock> {
  let lock: StoreOwnerLock;
  try {
    lock = await takeStoreOwnerLock(store.db, store.meta, {
      agentId,
      location,
      onLost: (error) => {
        setImmediate(() => {
          throw error;
        });
      },
      onHeartbeatTrouble: (error) => (error ? logger.warn({ err: error.message }, 'store lock heartbeat not written; retrying') : logger.info('store lock heartbeat written again')),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const previous = lock.tookOverFrom;
  if (previous) logger.warn({ previous: { agentId: previous.agentId, host: previous.host, pid: previous.pid, since: previous.since } }, 'store taken over from an agent that is gone');
  return lock;
}
