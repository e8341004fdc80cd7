// ESLint rule `quai/folder-imports`: a file imports only from its own folder and the folders
// docs/architecture.md's table lets that folder import. Paths are resolved, so `../` at any depth is
// judged right; a folder missing from the table is reported, so a new folder gets its row first.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The plugin, judging files under `root`'s src/ and migrations/ against `mayImport`: folder name →
 * what it may import, each entry a folder (`domain`) or a part of one (`tui/i18n`,
 * `commands/scripted-terminal`). `src/cli.ts` is the folder `cli`.
 */
export function folderImportsPlugin(root, mayImport) {
  // `agent/store/agent-store`, `cli`, `migrations/hub/index`; null outside src/ and migrations/
  const keyOf = (file) => {
    const path = relative(root, file).split(sep).join('/').replace(/\.(js|mjs|ts|tsx)$/, '');
    if (path.startsWith('src/')) return path.slice('src/'.length);
    return path.startsWith('migrations/') ? path : null;
  };
  const allowed = (folder, target) => target.split('/')[0] === folder || (mayImport[folder] ?? []).some((entry) => target === entry || target.startsWith(`${entry}/`));
  const rule = {
    meta: { type: 'problem', docs: { description: "imports follow docs/architecture.md's table of folders" }, schema: [] },
    create(context) {
      const from = keyOf(context.filename);
      if (!from) return {};
      const folder = from.split('/')[0];
      const judge = (source) => {
        if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
        const target = keyOf(resolve(dirname(context.filename), source.value));
        if (!target) return;
        if (!(folder in mayImport)) {
          context.report({ node: source, message: `docs/architecture.md: the folder ${folder} is not in the table of folders; give it a row (what it may import) there and in eslint.config.js` });
        } else if (!allowed(folder, target)) {
          const may = mayImport[folder].length > 0 ? mayImport[folder].join(', ') : 'nothing of ours';
          context.report({ node: source, message: `docs/architecture.md: ${folder} may not import ${target} (${folder} may import: ${may})` });
        }
      };
      return {
        ImportDeclaration: (node) => judge(node.source),
        ExportNamedDeclaration: (node) => judge(node.source),
        ExportAllDeclaration: (node) => judge(node.source),
        ImportExpression: (node) => judge(node.source),
      };
    },
  };
  return { rules: { 'folder-imports': rule } };
}
