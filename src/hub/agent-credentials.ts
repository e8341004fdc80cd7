import { createHash, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { ensureSecretFile } from '../runtime/secret-file.js';
import { credentialHash, deleteCredential, listCredentials, saveCredential } from './store/credentials-repo.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export type TokenCheck = 'ok' | 'unknown-agent' | 'bad-token';

/**
 * Enrols an agent: its token is the one in `tokenFile` (created, mode 0600, if absent); the hub
 * stores the token's hash. Enrolling again with another file replaces the token.
 */
export async function enrolAgent(db: Knex, agentId: string, tokenFile: string, now: Date): Promise<void> {
  const token = ensureSecretFile(tokenFile);
  await saveCredential(db, agentId, sha256(token), now.toISOString());
}

/** Revokes an agent's token; its next hello is refused. Says whether it was enrolled. */
export async function revokeAgent(db: Knex, agentId: string): Promise<boolean> {
  return deleteCredential(db, agentId);
}

/** Every enrolled agent, by id, with when it was enrolled (ISO). */
export async function enrolledAgents(db: Knex): Promise<{ agentId: string; enrolledAt: string }[]> {
  const rows = await listCredentials(db);
  return rows.map((r) => ({ agentId: r.agent_id, enrolledAt: r.enrolled_at }));
}

/** Checks the token an agent presents, in constant time once the agent is known. */
export async function checkAgentToken(db: Knex, agentId: string, token: string): Promise<TokenCheck> {
  const held = await credentialHash(db, agentId);
  if (held === undefined) return 'unknown-agent';
  return timingSafeEqual(Buffer.from(sha256(token), 'hex'), Buffer.from(held, 'hex')) ? 'ok' : 'bad-token';
}
