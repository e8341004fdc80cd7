import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Knex } from 'knex';
import { isPostgresUrl } from '../runtime/system-fault.js';
import { enrolAgent, enrolledAgents, revokeAgent } from '../hub/agent-credentials.js';
import { openHubStore } from '../hub/store/hub-store.js';
import { hubPaths } from '../hub/hub-paths.js';
import { QuaiError } from '../runtime/quai-error.js';
import { storeLocationName } from '../runtime/system-fault.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { withStore } from './admin-timeouts.js';
import { hubDir } from './data-dirs.js';

/** Whether the store at `location` is there: a SQLite file exists; a PostgreSQL database is taken to. */
const hubStoreExists = (location: string) => isPostgresUrl(location) || existsSync(location);

/**
 * Opens the hub's store of the data directory `dataDir` (`<dataDir>/hub/hub.sqlite`, or `db`: a
 * SQLite file or postgres:// URL) for an admin command, and closes it after. Throws
 * HUB_STORE_MISSING when that SQLite file does not exist, unless `create` (then it is made and
 * migrated: `quai hub agent add` before the hub's first start); STORE_TIMEOUT when the store does
 * not answer within STORE_TIMEOUT_MS.
 */
export async function withHubStore<T>(dataDir: string, db: string | undefined, task: (db: Knex, paths: ReturnType<typeof hubPaths>, location: string) => Promise<T>, options: { create?: boolean } = {}): Promise<T> {
  const paths = hubPaths(hubDir(resolve(dataDir)));
  const location = options.create ? (db ?? paths.db) : existingHubStore(dataDir, db);
  return withStore(location, () => openHubStore(location), (store) => store.destroy(), (store) => task(store, paths, location));
}

/**
 * Where the hub store of `dataDir` (or `db`) is: `db`, else `<dataDir>/hub/hub.sqlite`. Throws
 * HUB_STORE_MISSING when that SQLite file does not exist (a command that reads never makes one).
 */
export function existingHubStore(dataDir: string, db: string | undefined): string {
  const location = db ?? hubPaths(hubDir(resolve(dataDir))).db;
  if (!hubStoreExists(location)) throw new QuaiError('HUB_STORE_MISSING', `no hub store at ${location} (run the hub or the demo first, or pass --data-dir or --db)`);
  return location;
}

const WORDS = {
  en: {
    enrolled: (agentId: string, store: string, created: boolean, file: string, kept: boolean) =>
      `${agentId} enrolled at the hub of ${store}${created ? ' (a new hub store)' : ''}; token in ${file} (${kept ? 'the token already in this file, kept' : 'a new token'})`,
    revoked: (agentId: string) => `${agentId} revoked: its next connection is refused`,
  },
  fr: {
    enrolled: (agentId: string, store: string, created: boolean, file: string, kept: boolean) =>
      `${agentId} inscrit au hub de ${store}${created ? ' (un nouveau magasin du hub)' : ''} ; jeton dans ${file} (${kept ? 'le jeton déjà dans ce fichier, conservé' : 'un nouveau jeton'})`,
    revoked: (agentId: string) => `${agentId} révoqué : sa prochaine connexion est refusée`,
  },
} satisfies Record<Lang, Record<string, (...args: never[]) => string>>;

/**
 * `quai hub agent add`: enrols `agentId` with the token in `tokenFile` (default
 * `<dataDir>/hub/agent-tokens/<agentId>`), kept if the file exists, else a new one written there
 * (0600); the hub store is created if there is none. Returns the line to print: which store, which
 * file, whether the token is new (in `lang`, default from LANG). Throws the SECRET_FILE_* of an existing token file, STORE_TIMEOUT.
 */
export function addAgent(dataDir: string, db: string | undefined, agentId: string, tokenFile: string | undefined, lang: Lang = langFromEnv(process.env)): Promise<string> {
  const created = !hubStoreExists(db ?? hubPaths(hubDir(dataDir)).db);
  return withHubStore(
    dataDir,
    db,
    async (store, paths, location) => {
      const file = tokenFile ?? paths.agentTokenFile(agentId);
      const kept = existsSync(file);
      await enrolAgent(store, agentId, file, new Date());
      return WORDS[lang].enrolled(agentId, storeLocationName(location), created, resolve(file), kept);
    },
    { create: true },
  );
}

/** `quai hub agent remove`: revokes `agentId`'s token; returns the line to print. Throws HUB_STORE_MISSING, AGENT_NOT_ENROLLED, STORE_TIMEOUT. */
export function removeAgent(dataDir: string, db: string | undefined, agentId: string, lang: Lang = langFromEnv(process.env)): Promise<string> {
  return withHubStore(dataDir, db, async (store) => {
    if (!(await revokeAgent(store, agentId))) throw new QuaiError('AGENT_NOT_ENROLLED', `${agentId} is not enrolled at this hub`);
    return WORDS[lang].revoked(agentId);
  });
}

/** `quai hub agent list`: one `<agent-id>\tenrolled <ISO time>` line per agent. Throws HUB_STORE_MISSING, STORE_TIMEOUT. */
export function listAgents(dataDir: string, db: string | undefined): Promise<string[]> {
  return withHubStore(dataDir, db, async (store) => (await enrolledAgents(store)).map((a) => `${a.agentId}\tenrolled ${a.enrolledAt}`));
}
