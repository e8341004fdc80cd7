import { existsSync } from 'node:fs';
import knexFactory from 'knex';
import { liveStoreHolder } from '../agent/store/store-owner-lock.js';
import { hubPaths } from '../hub/start-hub.js';
import { agentPaths } from '../runtime/agent-paths.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readRuntimeFile } from '../runtime/runtime-file.js';
import { storeLocationName } from '../runtime/system-fault.js';
import { backupProblem, backupStore, restoreStore, type BackupProblem } from '../storage/store-backup.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { agentDir, hubDir } from './data-dirs.js';

/** Which store a command works on: the agent's (default) or the hub's (`--hub`), by data dir or `--db`. */
export interface StoreChoice {
  hub: boolean;
  dataDir: string;
  db?: string;
}

const MESSAGES = {
  fr: {
    copied: (file: string, mib: string, ms: number) => `Sauvegarde écrite : ${file} (${mib} Mio, ${ms} ms)`,
    postgres: 'Base PostgreSQL : Quai ne la copie pas. Lancez (mot de passe dans PGPASSWORD ou ~/.pgpass) :',
    restored: (location: string, mib: string) => `Magasin restauré : ${location} (${mib} Mio). Au démarrage, l'agent reprend avec le hub sans rien comptabiliser deux fois.`,
    restorePostgres: 'Base PostgreSQL : Quai ne la restaure pas. Service arrêté, lancez :',
    exists: (file: string) => `${file} existe déjà : donnez un autre fichier, ou supprimez-le d'abord`,
    noStore: (location: string) => `aucun magasin à ${location} : vérifiez --data-dir ou --db`,
    running: (hub: boolean, pid: number) => `${hub ? 'le hub' : "l'agent"} tourne sur ce magasin (pid ${pid}) : arrêtez-le d'abord`,
    held: (agent: string, host: string, pid: number) => `l'agent ${agent} utilise ce magasin (${host}, pid ${pid}) : arrêtez-le d'abord`,
    invalid: (file: string, problem: BackupProblem) =>
      `${file} : ${{ missing: 'aucun fichier à cet endroit', 'not-sqlite': "ce n'est pas un fichier SQLite", 'wrong-kind': "c'est la sauvegarde d'un autre magasin (celle d'un agent se restaure sans --hub, celle d'un hub avec --hub)", damaged: `fichier abîmé (${'detail' in problem ? problem.detail : ''})` }[problem.kind]}`,
  },
  en: {
    copied: (file: string, mib: string, ms: number) => `Backup written: ${file} (${mib} MiB, ${ms} ms)`,
    postgres: 'PostgreSQL store: Quai does not copy it. Run (password in PGPASSWORD or ~/.pgpass):',
    restored: (location: string, mib: string) => `Store restored: ${location} (${mib} MiB). When it starts, the agent takes up with the hub with nothing booked twice.`,
    restorePostgres: 'PostgreSQL store: Quai does not restore it. With the service stopped, run:',
    exists: (file: string) => `${file} exists already: give another file, or remove it first`,
    noStore: (location: string) => `no store at ${location}: check --data-dir or --db`,
    running: (hub: boolean, pid: number) => `${hub ? 'the hub' : 'the agent'} runs on this store (pid ${pid}): stop it first`,
    held: (agent: string, host: string, pid: number) => `agent ${agent} is using this store (${host}, pid ${pid}): stop it first`,
    invalid: (file: string, problem: BackupProblem) =>
      `${file}: ${{ missing: 'no such file', 'not-sqlite': 'not a SQLite file', 'wrong-kind': "a backup of the other store (an agent's restores without --hub, a hub's with --hub)", damaged: `damaged (${'detail' in problem ? problem.detail : ''})` }[problem.kind]}`,
  },
} satisfies Record<Lang, unknown>;

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** The store's location and the runtime file of the process that would run on it. */
export function storeOf(choice: StoreChoice): { location: string; runtimeFile: string } {
  const paths = choice.hub ? hubPaths(hubDir(choice.dataDir)) : agentPaths(agentDir(choice.dataDir));
  return { location: choice.db ?? paths.db, runtimeFile: paths.runtimeFile };
}

/**
 * Throws `code` when the agent or hub runs on the chosen store: its runtime file names a live
 * process, or (an agent's SQLite store) its lock row names a live holder, whatever data dir it
 * was started with.
 */
export async function refuseWhileRunning(choice: StoreChoice, code: 'RESTORE_WHILE_RUNNING' | 'PRUNE_WHILE_RUNNING', lang: Lang): Promise<void> {
  const text = MESSAGES[lang];
  const { location, runtimeFile } = storeOf(choice);
  const running = readRuntimeFile(runtimeFile);
  if (running) throw new QuaiError(code, text.running(choice.hub, running.pid));
  if (choice.hub || isPostgres(location) || !existsSync(location)) return;
  const db = knexFactory({ client: 'sqlite3', connection: { filename: location }, useNullAsDefault: true, pool: { min: 0, max: 1 } });
  const holder = await liveStoreHolder(db).finally(() => db.destroy());
  if (holder) throw new QuaiError(code, text.held(holder.agentId, holder.host, holder.pid));
}

/**
 * `quai backup --to FILE [--hub]`: a consistent copy of the store while the agent or hub runs
 * (SQLite), or the `pg_dump` to run (PostgreSQL, exit 0). Lines for the operator, in `lang`.
 * Throws BACKUP_EXISTS, STORE_NOT_FOUND, or a store fault (STORE_FULL, ...).
 */
export async function runBackup(choice: StoreChoice, to: string, write: (line: string) => void, lang: Lang = langFromEnv(process.env)): Promise<void> {
  const text = MESSAGES[lang];
  const { location } = storeOf(choice);
  if (!isPostgres(location)) {
    if (existsSync(to)) throw new QuaiError('BACKUP_EXISTS', text.exists(to));
    if (!existsSync(location)) throw new QuaiError('STORE_NOT_FOUND', text.noStore(location));
  }
  const outcome = await backupStore(location, to);
  if (outcome.kind === 'postgres') return [text.postgres, ...outcome.commands.map((c) => `  ${c}`)].forEach(write);
  write(text.copied(outcome.file, mib(outcome.bytes), outcome.ms));
}

/**
 * `quai restore --from FILE [--hub]`: puts a backup in place of the store, refused while the agent
 * or hub runs on it (its runtime file, or for an agent store the live holder its lock row names:
 * RESTORE_WHILE_RUNNING). The file is checked first (BACKUP_INVALID, saying why). PostgreSQL: prints the
 * `pg_restore` to run, exit 0.
 */
export async function runRestore(choice: StoreChoice, from: string, write: (line: string) => void, lang: Lang = langFromEnv(process.env)): Promise<void> {
  const text = MESSAGES[lang];
  const { location } = storeOf(choice);
  await refuseWhileRunning(choice, 'RESTORE_WHILE_RUNNING', lang);
  if (isPostgres(location)) {
    const outcome = restoreStore(from, location);
    if (outcome.kind === 'postgres') [text.restorePostgres, ...outcome.commands.map((c) => `  ${c}`)].forEach(write);
    return;
  }
  const problem = await backupProblem(from, choice.hub ? 'events' : 'outbox');
  if (problem) throw new QuaiError('BACKUP_INVALID', text.invalid(from, problem));
  const outcome = restoreStore(from, location);
  if (outcome.kind === 'copied') write(text.restored(storeLocationName(location), mib(outcome.bytes)));
}
