import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('quai backup, restore and prune, from outside', () => {
  it('backs up a hub store, refuses to overwrite, restores it, refuses a file that is no backup; prunes', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    expect((await runQuai(['hub', 'agent', 'add', 'AGENT-1', '--data-dir', dir])).code).toBe(0);
    const backup = join(dir, 'hub-backup.sqlite');

    const made = await runQuai(['backup', '--hub', '--data-dir', dir, '--to', backup]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Sauvegarde écrite : .*hub-backup\.sqlite \(\d+\.\d Mio, \d+ ms\)\n$/);
    failsWith(await runQuai(['backup', '--hub', '--data-dir', dir, '--to', backup]), 'BACKUP_EXISTS', 'existe déjà');
    failsWith(await runQuai(['backup', '--data-dir', dir, '--to', join(dir, 'agent.bak')]), 'STORE_NOT_FOUND', 'aucun magasin');

    failsWith(await runQuai(['restore', '--hub', '--data-dir', dir, '--from', join(dir, 'missing.sqlite')]), 'BACKUP_INVALID', 'missing.sqlite : aucun fichier');
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    failsWith(await runQuai(['restore', '--hub', '--data-dir', dir, '--from', junk]), 'BACKUP_INVALID', "junk.sqlite : ce n'est pas un fichier SQLite");
    failsWith(await runQuai(['restore', '--data-dir', dir, '--from', backup]), 'BACKUP_INVALID', "c'est la sauvegarde d'un autre magasin");
    // a new machine: the data directory is made
    const fresh = tempDir();
    expect((await runQuai(['restore', '--hub', '--data-dir', fresh, '--from', backup])).code).toBe(0);
    expect((await runQuai(['hub', 'agent', 'list', '--data-dir', fresh])).out).toContain('AGENT-1');
    const restored = await runQuai(['restore', '--hub', '--data-dir', dir, '--from', backup]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^Magasin restauré : /);
    expect((await runQuai(['hub', 'agent', 'list', '--data-dir', dir])).out).toContain('AGENT-1');

    const pruned = await runQuai(['prune', '--hub', '--data-dir', dir, '--events-days', '30']);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(/^Hub : 0 événements appliqués supprimés\nFichier : [\d.]+ Mio avant, [\d.]+ Mio après\n$/);
    expect((await runQuai(['backup', '--hub', '--data-dir', dir])).code).toBe(2);
  });

  it('on PostgreSQL, says what to run and copies nothing; the password is not printed', async () => {
    const result = await runQuai(['backup', '--db', 'postgres://quai:s3cret@db.example:5432/quai_agent', '--to', '/var/backups/quai-agent.dump']);
    expect(result.code).toBe(0);
    expect(result.out).toContain("pg_dump --format=custom --file=/var/backups/quai-agent.dump 'postgres://quai@db.example:5432/quai_agent'");
    expect(result.out).not.toContain('s3cret');
  });
});
