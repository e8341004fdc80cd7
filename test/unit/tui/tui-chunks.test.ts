import { builtinModules } from 'node:module';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cliBuildOptions } from '../../../scripts/build-options.mjs';

/**
 * What `node dist/cli.js tui` loads before its first frame: the chunks the CLI's entry imports
 * statically, and those of the tui command's module (its one dynamic import) with theirs. The
 * wire (ws, zod, the protocol's schemas) comes after the first frame, through a dynamic import.
 */
function firstFrameGraph(metafile: Metafile): { inputs: string[]; externals: string[] } {
  const outputs = metafile.outputs;
  const chunks = new Set<string>();
  const visit = (chunk: string) => {
    if (chunks.has(chunk)) return;
    chunks.add(chunk);
    for (const edge of outputs[chunk]!.imports) if (edge.kind === 'import-statement' && !edge.external) visit(edge.path);
  };
  const chunkOf = (entryPoint: string) => Object.keys(outputs).find((path) => outputs[path]!.entryPoint === entryPoint)!;
  visit(chunkOf('src/cli.ts'));
  visit(chunkOf('src/commands/tui-command.ts'));
  const inputs = [...chunks].flatMap((chunk) => Object.keys(outputs[chunk]!.inputs));
  const externals = [...chunks].flatMap((chunk) => outputs[chunk]!.imports.filter((edge) => edge.external).map((edge) => edge.path));
  return { inputs, externals };
}

describe('quai tui: what the first frame waits for', () => {
  it('loads no zod, no agent, hub, device or store module, and no native package before its first frame', async () => {
    const { metafile } = await build({ ...cliBuildOptions, write: false, metafile: true, sourcemap: false });
    const { inputs, externals } = firstFrameGraph(metafile);
    expect(inputs).toContain('src/tui/run-tui.tsx');
    expect(inputs.some((input) => input.includes('node_modules/ink/'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(zod|ws)\/|^src\/(agent|hub|devices|storage|protocol\/(common|local-api|sync)\.ts)/.test(input))).toEqual([]);
    expect(externals.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))).toEqual([]);
  });
});
