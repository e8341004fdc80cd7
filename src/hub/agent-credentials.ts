import { createHash, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { ensureSecretFile } from '../runtime/secret-file.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export type TokenCheck = 'ok' | 'unknown-agent' | 'bad-token';

/**
 * Enrols an agent: its token is the one in `tokenFile` (created, mode 0600, if absent); the hub
 * stores the token's hash. Enrolling again with another file replaces the token.
 */
export async function enrolAgent(db: Knex, agentId: string, tokenFile: string, now: Date): Promise<void> {
  const token = ensureSecretFile(tokenFile);
  await db('agent_credentials').insert({ agent_id: agentId, token_sha256: sha256(token), enrolled_at: now.toISOString() }).onConflict('agent_id').merge(['token_sha256', 'enrolled_at']);
}

/** Revokes an agent's token; its next hello is refused. Says whether it was enrolled. */
export async function revokeAgent(db: Knex, agentId: string): Promise<boolean> {
  return (await db('agent_credentials').where({ agent_id: agentId }).delete()) > 0;
}

export async function enrolledAgents(db: Knex): Promise<{ agentId: string; enrolledAt: string }[]> {
  const rows: { agent_id: string; enrolled_at: string }[] = await db('agent_credentials').orderBy('agent_id').select('agent_id', 'enrolled_at');
  return rows.map((r) => ({ agentId: r.agent_id, enrolledAt: r.enrolled_at }));
}

/** Checks the token an agent presents, in constant time once the agent is known. */
export async function checkAgentToken(db: Knex, agentId: string, token: string): Promise<TokenCheck> {
  const row: { token_sha256: string } | undefined = await db('agent_credentials').where({ agent_id: agentId }).first('token_sha256');
  if (!row) return 'unknown-agent';
  return timingSafeEqual(Buffer.from(sha256(token), 'hex'), Buffer.from(row.token_sha256, 'hex')) ? 'ok' : 'bad-token';
}
