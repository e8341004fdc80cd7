import type { Knex } from 'knex';

/** An enrolled agent's credential as the hub keeps it: the SHA-256 of its token (hex), never the token. */
export interface CredentialRow {
  agent_id: string;
  token_sha256: string;
  enrolled_at: string;
}

/** Writes an agent's token hash (`enrolledAt` ISO), replacing the one it had. */
export async function saveCredential(db: Knex, agentId: string, tokenSha256: string, enrolledAt: string): Promise<void> {
  await db('agent_credentials').insert({ agent_id: agentId, token_sha256: tokenSha256, enrolled_at: enrolledAt }).onConflict('agent_id').merge(['token_sha256', 'enrolled_at']);
}

/** Deletes an agent's credential; says whether there was one. */
export async function deleteCredential(db: Knex, agentId: string): Promise<boolean> {
  return (await db('agent_credentials').where({ agent_id: agentId }).delete()) > 0;
}

/** Every enrolled agent with when it was enrolled (ISO), by agent id. */
export async function listCredentials(db: Knex): Promise<Pick<CredentialRow, 'agent_id' | 'enrolled_at'>[]> {
  return db('agent_credentials').orderBy('agent_id').select('agent_id', 'enrolled_at');
}

/** The token hash (hex) an agent was enrolled with, undefined for an agent never enrolled. */
export async function credentialHash(db: Knex, agentId: string): Promise<string | undefined> {
  const row: Pick<CredentialRow, 'token_sha256'> | undefined = await db('agent_credentials').where({ agent_id: agentId }).first('token_sha256');
  return row?.token_sha256;
}
