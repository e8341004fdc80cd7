import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { runQuai } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
// operators read French first: the messages checked are the French ones
process.env.LANG = 'fr_FR.UTF-8';

/** A failed command says what went wrong and its code on one line of stderr, never a stack trace. */
const failsWith = (result: { code: number | null; err: string }, code: string, text: string) => {
  expect(result.code).toBe(1);
  expect(result.err).toContain(text);
  expect(result.err.trim()).toMatch(new RegExp(`\\[${code}\\]$`));
  expect(result.err).not.toMatch(/\n\s+at /);
};

/** `run` with these environment variables set (the commands it starts inherit them), then as before. */
async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('quai backup, restore and prune, from outside', () => {
  it('backs up a hub store, refuses to overwrite, restores it, refuses a file that is no backup; prunes', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    expect((await runQuai(['hub', 'agent', 'add', 'AGENT-1', '--data-dir', dir])).code).toBe(0);
    const backup = join(dir, 'hub-backup.sqlite');

    const made = await runQuai(['backup', '--hub', '--data-dir', dir, '--to', backup]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Sauvegarde écrite : .*hub-backup\.sqlite \(\d+,\d Mio, \d+ ms\)\n$/);
    failsWith(await runQuai(['backup', '--hub', '--data-dir', dir, '--to', backup]), 'BACKUP_EXISTS', 'existe déjà');
    failsWith(await runQuai(['backup', '--data-dir', dir, '--to', join(dir, 'agent.bak')]), 'STORE_NOT_FOUND', 'aucune base à ');

    failsWith(await runQuai(['restore', '--hub', '--data-dir', dir, '--from', join(dir, 'missing.sqlite')]), 'BACKUP_INVALID', 'missing.sqlite : aucun fichier');
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    failsWith(await runQuai(['restore', '--hub', '--data-dir', dir, '--from', junk]), 'BACKUP_INVALID', 'junk.sqlite : ce n’est pas un fichier SQLite');
    failsWith(await runQuai(['restore', '--data-dir', dir, '--from', backup]), 'BACKUP_INVALID', 'c’est la sauvegarde de l’autre base');
    // a new machine: the data directory is made, and the store's full path printed (a wrong data dir shows)
    const fresh = tempDir();
    const onNewMachine = await runQuai(['restore', '--hub', '--data-dir', fresh, '--from', backup]);
    expect(onNewMachine.code).toBe(0);
    expect(onNewMachine.out).toBe(`Base restaurée : ${join(fresh, 'hub', 'hub.sqlite')} (${onNewMachine.out.match(/\((\d+,\d) Mio\)/)?.[1]} Mio). Au démarrage, le hub redemande aux agents ce qui lui manque, sans rien comptabiliser deux fois.\n`);
    expect((await runQuai(['hub', 'agent', 'list', '--data-dir', fresh])).out).toContain('AGENT-1');
    const restored = await runQuai(['restore', '--hub', '--data-dir', dir, '--from', backup]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^Base restaurée : \//);
    expect((await runQuai(['hub', 'agent', 'list', '--data-dir', dir])).out).toContain('AGENT-1');

    const pruned = await runQuai(['prune', '--hub', '--data-dir', dir, '--events-days', '30']);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(/^Hub : 0 événements appliqués supprimés\nFichier : \d+,\d Mio avant, \d+,\d Mio après\n$/);
    expect((await runQuai(['backup', '--hub', '--data-dir', dir])).code).toBe(2);
  });

  it('on PostgreSQL, says what to run and copies nothing; the password is not printed; paths are shell-quoted', async () => {
    const result = await runQuai(['backup', '--db', 'postgres://quai:s3cret@db.example:5432/quai_agent', '--to', '/var/backups/quai-agent.dump']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('pg_dump --format=custom --file=/var/backups/quai-agent.dump postgres://quai@db.example:5432/quai_agent');
    expect(result.out).not.toContain('s3cret');
    const spaced = await runQuai(['restore', '--db', 'postgres://quai:s3cret@db.example/quai_agent?sslmode=require', '--from', '/mnt/clé usb/quai.dump']);
    expect(spaced.out).toContain("pg_restore --clean --if-exists --dbname='postgres://quai@db.example/quai_agent?sslmode=require' '/mnt/clé usb/quai.dump'");
  });

  it('reads the configuration the service reads (--config or $QUAI_AGENT_CONFIG): its store, its retention days (flags win); $QUAI_HUB_DB with --hub', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const agentData = join(dir, 'srv', 'agent');
    const store = await AgentStore.open(join(agentData, 'agent.sqlite'));
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await store.db('audit').insert(Array.from({ length: 10 }, (_, i) => ({ at: old, station: 'PICK-1', operator: 'OP01', intent: 'input', source: 'wedge', raw: `R${i}` })));
    await store.close();
    const config = join(dir, 'agent.jsonc');
    writeFileSync(config, `{\n  // this site keeps its audit ten years\n  "dataDir": ${JSON.stringify(agentData)},\n  "retention": { "auditDays": 3650 },\n}\n`);
    const elsewhere = join(dir, 'elsewhere');

    // a manual prune keeps what the site keeps
    const kept = await runQuai(['prune', '--config', config, '--data-dir', elsewhere]);
    expect(kept.out).toMatch(/^Agent : 0 événements acceptés et 0 lignes d’audit supprimés\nFichier : \d+,\d Mio avant, \d+,\d Mio après\n$/);
    // the variable stands for --config; a backup into a directory not there yet makes it
    const nightly = join(dir, 'backups', 'quai', 'agent-2026-11-30.sqlite');
    const made = await withEnv({ QUAI_AGENT_CONFIG: config }, () => runQuai(['backup', '--data-dir', elsewhere, '--to', nightly]));
    expect(made.out).toMatch(/^Sauvegarde écrite : .*agent-2026-11-30\.sqlite/);
    // a flag wins over the file
    const pruned = await runQuai(['prune', '--config', config, '--audit-days', '365']);
    expect(pruned.out).toMatch(/^Agent : 0 événements acceptés et 10 lignes d’audit supprimés\n/);
    // a wrong file is refused as `quai agent` refuses it, by its JSON path
    writeFileSync(config, '{ "retention": { "auditDays": 0 } }');
    failsWith(await runQuai(['prune', '--config', config]), 'CONFIG_INVALID', 'retention.auditDays');

    // --hub reads the hub's variable, not the agent's
    expect((await runQuai(['hub', 'agent', 'add', 'AGENT-1', '--db', join(dir, 'hub-elsewhere.sqlite')])).code).toBe(0);
    const hubMade = await withEnv({ QUAI_HUB_DB: join(dir, 'hub-elsewhere.sqlite'), QUAI_AGENT_DB: join(dir, 'nothing.sqlite') }, () =>
      runQuai(['backup', '--hub', '--data-dir', elsewhere, '--to', join(dir, 'hub.bak')]),
    );
    expect(hubMade.code).toBe(0);
  });
});
