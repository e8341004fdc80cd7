import { statSync } from 'node:fs';
import { openPlainSqlite } from '../storage/open-database.js';
import { AgentStore } from '../agent/store/agent-store.js';
import { pruneAgentStore } from '../agent/store/prune-agent-store.js';
import { openHubStore } from '../hub/store/hub-store.js';
import { pruneHubEvents } from '../hub/prune-hub-events.js';
import { isPostgresUrl } from '../runtime/system-fault.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { mebibytes, refuseWhileRunning, requireStore } from './backup-command.js';
import type { RetentionDays, StoreChoice } from './store-choice.js';

const MESSAGES = {
  fr: {
    agent: (outbox: number, audit: number) => `Agent : ${outbox} événements acceptés et ${audit} lignes d’audit supprimés`,
    hub: (events: number) => `Hub : ${events} événements appliqués supprimés`,
    size: (before: string, after: string) => `Fichier : ${before} Mio avant, ${after} Mio après`,
  },
  en: {
    agent: (outbox: number, audit: number) => `Agent: ${outbox} accepted events and ${audit} audit rows pruned`,
    hub: (events: number) => `Hub: ${events} applied events pruned`,
    size: (before: string, after: string) => `File: ${before} MiB before, ${after} MiB after`,
  },
} satisfies Record<Lang, unknown>;

/**
 * `quai prune [--hub]`: one pass of the retention job on a stopped store (a running agent or hub
 * prunes itself every hour: PRUNE_WHILE_RUNNING), then on SQLite a VACUUM, which gives all free
 * pages back and turns a store made before incremental auto-vacuum into one. Prints what went
 * and the file's size before and after. The days kept are the configuration's `retention.*`
 * (`choice.retention`: what the service itself keeps), each replaced by the flag given for it.
 * Throws STORE_NOT_FOUND when there is no store.
 */
export async function runPrune(choice: StoreChoice, given: Partial<RetentionDays>, now: Date, write: (line: string) => void, lang: Lang = langFromEnv(process.env)): Promise<void> {
  const text = MESSAGES[lang];
  const kept = choice.retention;
  const days: RetentionDays = { outboxDays: given.outboxDays ?? kept.outboxDays, auditDays: given.auditDays ?? kept.auditDays, hubEventsDays: given.hubEventsDays ?? kept.hubEventsDays };
  const { location } = choice;
  const sqlite = !isPostgresUrl(location);
  const mib = (file: string) => mebibytes(statSync(file).size, lang);
  requireStore(location, lang);
  await refuseWhileRunning(choice, 'PRUNE_WHILE_RUNNING', lang);
  const before = sqlite ? mib(location) : '';
  if (choice.hub) {
    const db = await openHubStore(location);
    try {
      write(text.hub((await pruneHubEvents(db, days.hubEventsDays, now)).events));
    } finally {
      await db.destroy();
    }
  } else {
    const store = await AgentStore.open(location);
    try {
      const pruned = await pruneAgentStore(store, days, now);
      write(text.agent(pruned.outbox, pruned.audit));
    } finally {
      await store.close();
    }
  }
  if (!sqlite) return;
  const db = openPlainSqlite(location);
  try {
    await db.raw('PRAGMA auto_vacuum = INCREMENTAL');
    await db.raw('VACUUM');
  } finally {
    await db.destroy();
  }
  write(text.size(before, mib(location)));
}
