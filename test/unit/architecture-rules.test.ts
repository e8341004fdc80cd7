import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md's table "Folders and who may import whom" is what the lint enforces: each
 * folder's row, asked of ESLint itself (eslint.config.js) with one import per target, gives the
 * same answers as the table; a folder missing from the table cannot import anything.
 */
const root = process.cwd();
const eslint = new ESLint({ cwd: root });

/** folder (`domain`, `cli`, `migrations`) → what its row says it may import. */
function documentedTable(): Map<string, string[]> {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const section = doc.split('## Folders and who may import whom')[1]!.split('\n## ')[0]!;
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return new Map(
    rows.map((row) => {
      const [folderCell, , mayCell] = row.split('|').slice(1);
      const folder = /`([^`]+)`/.exec(folderCell!)![1]!.replace(/^src\//, '').replace(/\.ts$/, '');
      return [folder, [...mayCell!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)];
    }),
  );
}

/** The file a probe is written as: a module of the folder (src/cli.ts for `cli`). */
const fileOf = (folder: string) => join(root, folder === 'cli' ? 'src/cli.ts' : folder === 'migrations' ? 'migrations/probe.ts' : `src/${folder}/probe.ts`);
const targetFile = (target: string) => join(root, target.startsWith('migrations') ? target : `src/${target}`, 'probe.js');

async function lintAllows(folder: string, target: string): Promise<{ allowed: boolean; messages: string[] }> {
  const from = fileOf(folder);
  let specifier = relative(join(from, '..'), targetFile(target));
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath: from });
  const messages = result!.messages.filter((m) => m.ruleId === 'quai/folder-imports').map((m) => m.message);
  return { allowed: messages.length === 0, messages };
}

describe('docs/architecture.md: folders and who may import whom', () => {
  const table = documentedTable();

  it('lists every folder of src/ and migrations', () => {
    expect([...table.keys()].sort()).toEqual(['agent', 'cli', 'commands', 'devices', 'domain', 'hub', 'migrations', 'monitor', 'protocol', 'runtime', 'storage', 'tui']);
  });

  it("the lint allows exactly each row's imports: every folder against every folder and every part of one a row names", async () => {
    const folders = [...table.keys()].filter((folder) => folder !== 'cli');
    const parts = [...new Set([...table.values()].flat().filter((entry) => entry.includes('/')))];
    const disagreements: string[] = [];
    for (const [folder, may] of table) {
      for (const target of [...folders, ...parts]) {
        const documented = target.split('/')[0] === folder || may.some((entry) => target === entry || target.startsWith(`${entry}/`));
        const { allowed } = await lintAllows(folder, target);
        if (allowed !== documented) disagreements.push(`${folder} → ${target}: table ${documented ? 'allows' : 'forbids'}, lint ${allowed ? 'allows' : 'forbids'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const edges = new Map([...table].map(([folder, may]) => [folder, [...new Set(may.map((entry) => entry.split('/')[0]!))]]));
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      if (path.includes(folder)) return void cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
      for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
    };
    for (const folder of edges.keys()) visit(folder, []);
    expect(cycles).toEqual([]);
  });

  it('a forbidden import is named with what the folder may import instead', async () => {
    expect((await lintAllows('tui', 'agent/start-agent')).messages).toEqual(['docs/architecture.md: tui may not import agent/start-agent/probe (tui may import: domain, protocol)']);
  });

  it('a folder without a row in the table is told to get one', async () => {
    const [result] = await eslint.lintText("import '../domain/weight.js';\n", { filePath: join(root, 'src/newcomer/probe.ts') });
    expect(result!.messages.map((m) => m.message)).toEqual([expect.stringMatching(/the folder newcomer is not in the table of folders/)]);
  });
});
