import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openPlainSqlite } from '../storage/open-database.js';
import { liveStoreHolder } from '../agent/store/store-owner-lock.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readRuntimeFile } from '../runtime/runtime-file.js';
import { isPostgresUrl, storeLocationName } from '../runtime/system-fault.js';
import { backupProblem, backupStore, restoreStore, type BackupProblem } from '../storage/store-backup.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import type { StoreChoice } from './store-choice.js';

const MESSAGES = {
  fr: {
    copied: (file: string, mib: string, ms: number) => `Sauvegarde écrite : ${file} (${mib} Mio, ${ms} ms)`,
    postgres: 'Base PostgreSQL : Quai ne la copie pas. Lancez (mot de passe dans PGPASSWORD ou ~/.pgpass) :',
    restored: (hub: boolean, location: string, mib: string) =>
      `Base restaurée : ${location} (${mib} Mio). ${hub ? 'Au démarrage, le hub redemande aux agents ce qui lui manque' : 'Au démarrage, l’agent reprend avec le hub'}, sans rien comptabiliser deux fois.`,
    restorePostgres: 'Base PostgreSQL : Quai ne la restaure pas. Service arrêté, lancez :',
    exists: (file: string) => `${file} existe déjà : donnez un autre fichier, ou supprimez-le d’abord`,
    noStore: (location: string) => `aucune base à ${location} : vérifiez --config, --data-dir ou --db`,
    running: (hub: boolean, pid: number) => `${hub ? 'le hub' : 'l’agent'} tourne sur cette base (pid ${pid}) : arrêtez-le d’abord`,
    held: (agent: string, host: string, pid: number) => `l’agent ${agent} utilise cette base (${host}, pid ${pid}) : arrêtez-le d’abord`,
    invalid: (file: string, problem: BackupProblem) =>
      `${file} : ${{ missing: 'aucun fichier à cet endroit', 'not-sqlite': 'ce n’est pas un fichier SQLite', 'wrong-kind': 'c’est la sauvegarde de l’autre base (celle d’un agent se restaure sans --hub, celle d’un hub avec --hub)', damaged: `fichier abîmé (${'detail' in problem ? problem.detail : ''})` }[problem.kind]}`,
  },
  en: {
    copied: (file: string, mib: string, ms: number) => `Backup written: ${file} (${mib} MiB, ${ms} ms)`,
    postgres: 'PostgreSQL store: Quai does not copy it. Run (password in PGPASSWORD or ~/.pgpass):',
    restored: (hub: boolean, location: string, mib: string) =>
      `Store restored: ${location} (${mib} MiB). ${hub ? 'When it starts, the hub asks the agents again for what it lacks' : 'When it starts, the agent takes up with the hub'}, with nothing booked twice.`,
    restorePostgres: 'PostgreSQL store: Quai does not restore it. With the service stopped, run:',
    exists: (file: string) => `${file} exists already: give another file, or remove it first`,
    noStore: (location: string) => `no store at ${location}: check --config, --data-dir or --db`,
    running: (hub: boolean, pid: number) => `${hub ? 'the hub' : 'the agent'} runs on this store (pid ${pid}): stop it first`,
    held: (agent: string, host: string, pid: number) => `agent ${agent} is using this store (${host}, pid ${pid}): stop it first`,
    invalid: (file: string, problem: BackupProblem) =>
      `${file}: ${{ missing: 'no such file', 'not-sqlite': 'not a SQLite file', 'wrong-kind': "a backup of the other store (an agent's restores without --hub, a hub's with --hub)", damaged: `damaged (${'detail' in problem ? problem.detail : ''})` }[problem.kind]}`,
  },
} satisfies Record<Lang, unknown>;

/** A size in MiB with one decimal, as the operator's language writes it (`0,4` in French, `0.4` in English). */
export const mebibytes = (bytes: number, lang: Lang) => {
  const text = (bytes / 1024 / 1024).toFixed(1);
  return lang === 'fr' ? text.replace('.', ',') : text;
};

/** STORE_NOT_FOUND, said in `lang`, when the SQLite store is not there (a postgres:// URL always passes). */
export function requireStore(location: string, lang: Lang): void {
  if (!isPostgresUrl(location) && !existsSync(location)) throw new QuaiError('STORE_NOT_FOUND', MESSAGES[lang].noStore(location));
}

/**
 * Throws `code` when the agent or hub runs on the chosen store: its runtime file names a live
 * process, or (an agent's SQLite store) its lock row names a live holder, whatever data dir it
 * was started with.
 */
export async function refuseWhileRunning(choice: StoreChoice, code: 'RESTORE_WHILE_RUNNING' | 'PRUNE_WHILE_RUNNING', lang: Lang): Promise<void> {
  const text = MESSAGES[lang];
  const { location } = choice;
  const running = readRuntimeFile(choice.runtimeFile);
  if (running) throw new QuaiError(code, text.running(choice.hub, running.pid));
  if (choice.hub || isPostgresUrl(location) || !existsSync(location)) return;
  const db = openPlainSqlite(location);
  const holder = await liveStoreHolder(db).finally(() => db.destroy());
  if (holder) throw new QuaiError(code, text.held(holder.agentId, holder.host, holder.pid));
}

/**
 * `quai backup --to FILE [--hub]`: a consistent copy of the store while the agent or hub runs
 * (SQLite; FILE 0600, its directory made 0700 if missing), or the `pg_dump` to run (PostgreSQL,
 * exit 0). Lines for the operator, in `lang`. Throws BACKUP_EXISTS, STORE_NOT_FOUND, or a store
 * fault (STORE_FULL, ...).
 */
export async function runBackup(choice: StoreChoice, to: string, write: (line: string) => void, lang: Lang = langFromEnv(process.env)): Promise<void> {
  const text = MESSAGES[lang];
  const { location } = choice;
  if (!isPostgresUrl(location)) {
    if (existsSync(to)) throw new QuaiError('BACKUP_EXISTS', text.exists(to));
    requireStore(location, lang);
  }
  const outcome = await backupStore(location, to);
  if (outcome.kind === 'postgres') return [text.postgres, ...outcome.commands.map((c) => `  ${c}`)].forEach(write);
  write(text.copied(outcome.file, mebibytes(outcome.bytes, lang), outcome.ms));
}

/**
 * `quai restore --from FILE [--hub]`: puts a backup in place of the store, refused while the agent
 * or hub runs on it (its runtime file, or for an agent store the live holder its lock row names:
 * RESTORE_WHILE_RUNNING). The file is checked first (BACKUP_INVALID, saying why). A store not
 * there yet is created (a new machine): the line printed names its full path, so a wrong data
 * dir shows. PostgreSQL: prints the `pg_restore` to run, exit 0.
 */
export async function runRestore(choice: StoreChoice, from: string, write: (line: string) => void, lang: Lang = langFromEnv(process.env)): Promise<void> {
  const text = MESSAGES[lang];
  const { location } = choice;
  await refuseWhileRunning(choice, 'RESTORE_WHILE_RUNNING', lang);
  if (isPostgresUrl(location)) {
    const outcome = restoreStore(from, location);
    if (outcome.kind === 'postgres') [text.restorePostgres, ...outcome.commands.map((c) => `  ${c}`)].forEach(write);
    return;
  }
  const problem = await backupProblem(from, choice.hub ? 'events' : 'outbox');
  if (problem) throw new QuaiError('BACKUP_INVALID', text.invalid(from, problem));
  const outcome = restoreStore(from, location);
  if (outcome.kind === 'copied') write(text.restored(choice.hub, storeLocationName(resolve(location)), mebibytes(outcome.bytes, lang)));
}
