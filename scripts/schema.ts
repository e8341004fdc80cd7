// `npm run schema`: writes docs/schema/*.json from the protocol's zod schemas (src/protocol/json-schemas.ts).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolJsonSchemaFiles } from '../src/protocol/json-schemas.js';

const dir = join(import.meta.dirname, '..', 'docs', 'schema');
mkdirSync(dir, { recursive: true });
const files = protocolJsonSchemaFiles();
// a schema renamed or dropped leaves no stale file behind
for (const name of readdirSync(dir)) if (name.endsWith('.json') && !(name in files)) rmSync(join(dir, name));
for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
console.log(`docs/schema: ${Object.keys(files).length} files written`);
