import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_CODES } from '../../../src/domain/feedback.js';
import { protocolJsonSchemaFiles } from '../../../src/protocol/json-schemas.js';

const root = join(import.meta.dirname, '..', '..', '..');
const schemaDir = join(root, 'docs', 'schema');
const protocolDoc = readFileSync(join(root, 'docs', 'protocol.md'), 'utf8');
/** Every `code span` of docs/protocol.md, and every name listed inside one (`{a, b: x|y}` gives a, b, x, y). */
const documented = new Set([...protocolDoc.matchAll(/`([^`]+)`/g)].flatMap(([, span]) => [span!, ...span!.split(/[^\w.-]+/)]).filter(Boolean));

/** What a schema names: its objects' fields, and the values of its constants and enums. */
function namesIn(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) namesIn(item, names);
  else if (schema && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    if (node.properties && typeof node.properties === 'object') for (const key of Object.keys(node.properties)) names.add(key);
    if (typeof node.const === 'string') names.add(node.const);
    if (Array.isArray(node.enum)) for (const value of node.enum) if (typeof value === 'string') names.add(value);
    for (const value of Object.values(node)) namesIn(value, names);
  }
  return names;
}

describe('docs/schema and docs/protocol.md follow the code', () => {
  const generated = protocolJsonSchemaFiles();

  it('the committed JSON Schema files are those the zod schemas give (run `npm run schema`)', () => {
    const committed = readdirSync(schemaDir).filter((name) => name.endsWith('.json')).sort();
    expect(committed).toEqual(Object.keys(generated).sort());
    for (const [name, content] of Object.entries(generated)) expect(readFileSync(join(schemaDir, name), 'utf8'), `docs/schema/${name} is stale: run npm run schema`).toBe(content);
  });

  it('names every schema file, frame, intent, view, field and value of the schemas', () => {
    const missing: string[] = [];
    for (const [name, content] of Object.entries(generated)) {
      if (!protocolDoc.includes(`docs/schema/${name}`)) missing.push(`file ${name}`);
      const names = namesIn(JSON.parse(content));
      // an event payload file's definitions are named by their event types
      for (const type of Object.keys((JSON.parse(content) as { $defs?: object }).$defs ?? {})) names.add(type);
      for (const n of names) if (!documented.has(n)) missing.push(`${name}: ${n}`);
    }
    expect(missing).toEqual([]);
  });

  it('names every feedback code, and its table no code the agent never sends', () => {
    expect(FEEDBACK_CODES.filter((code) => !documented.has(code))).toEqual([]);
    const table = protocolDoc.slice(protocolDoc.indexOf('### Feedback codes'), protocolDoc.indexOf('### Errors and closes'));
    const listed = [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap(([, cell]) => [...cell!.matchAll(/`([A-Z0-9_]+)`/g)].map(([, code]) => code!));
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.filter((code) => !(FEEDBACK_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
