import { withCheckDigit } from '../domain/barcode/check-digit.js';
import type { AgentStore } from './store/agent-store.js';

/**
 * Gives each parcel its SSCC (AI 00): extension digit, the site's GS1 company prefix, a serial
 * reference from a counter kept in the store (never reused, even across restarts), check digit.
 * The agent id's digits go into the serial so that two agents of one prefix never collide.
 */
export async function allocateSscc(store: AgentStore, companyPrefix: string, agentNumber: number): Promise<string> {
  const serial = await store.write(async (trx) => {
    const row = await trx('meta').where({ key: 'sscc_serial' }).first('value');
    const next = Number(row?.value ?? 0) + 1;
    await trx('meta').insert({ key: 'sscc_serial', value: String(next) }).onConflict('key').merge();
    return next;
  });
  const serialDigits = 16 - companyPrefix.length;
  const reference = `${agentNumber % 100}`.padStart(2, '0') + String(serial).padStart(serialDigits - 2, '0');
  if (reference.length > serialDigits) throw new Error('SSCC serial references exhausted for this company prefix');
  return withCheckDigit(`0${companyPrefix}${reference}`);
}
