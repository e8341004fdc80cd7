import { z } from 'zod';
import { agentMessage, clientMessage, LOCAL_SUBPROTOCOL } from './local-api.js';
import { eventPayloads } from './sync-events.js';
import { agentToHub, hubToAgent, SYNC_SUBPROTOCOL } from './sync.js';

/**
 * The JSON Schema (draft 2020-12) files under docs/schema/, generated from the zod schemas the
 * agent and the hub check frames with (`npm run schema` writes them; a test fails when the
 * committed files differ). `input`: what the receiving end accepts (optional fields it defaults);
 * `output`: what the sender sends (every defaulted field present).
 */
const SCHEMAS = [
  { file: 'quai-local-1.client-to-agent.json', title: `${LOCAL_SUBPROTOCOL}: a terminal's (or tool's) frames, as the agent accepts them`, schema: clientMessage, io: 'input' },
  { file: 'quai-local-1.agent-to-client.json', title: `${LOCAL_SUBPROTOCOL}: the agent's frames, as it sends them`, schema: agentMessage, io: 'output' },
  { file: 'quai-sync-1.agent-to-hub.json', title: `${SYNC_SUBPROTOCOL}: an agent's frames, as the hub accepts them`, schema: agentToHub, io: 'input' },
  { file: 'quai-sync-1.hub-to-agent.json', title: `${SYNC_SUBPROTOCOL}: the hub's frames, as the agent accepts them`, schema: hubToAgent, io: 'input' },
] as const;

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The file of event payloads: one definition per upstream event type, checked by the hub against the event's `type`. */
export const EVENT_PAYLOADS_FILE = 'quai-sync-1.event-payloads.json';

/** Every generated file by name, as the JSON text written (2-space indent, final newline). */
export function protocolJsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { file, title, schema, io } of SCHEMAS) files[file] = text({ $schema: DIALECT, title, ...withoutDialect(z.toJSONSchema(schema, { io, target: 'draft-2020-12' })) });
  const payloads = Object.fromEntries(Object.entries(eventPayloads).map(([type, schema]) => [type, withoutDialect(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }))]));
  files[EVENT_PAYLOADS_FILE] = text({
    $schema: DIALECT,
    title: `${SYNC_SUBPROTOCOL}: the payload of each upstream event type (events[].payload), as the hub accepts it`,
    $defs: payloads,
  });
  return files;
}

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function text(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
