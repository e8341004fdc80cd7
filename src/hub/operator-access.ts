import type { Knex } from 'knex';
import { PIN_PATTERN } from '../domain/approval-input.js';
import { hashPin } from '../runtime/pin-hash.js';
import { QuaiError } from '../runtime/quai-error.js';
import { bumpStreamVersion } from './hub-store.js';

export interface OperatorAccess {
  /** A badge to sign in with (stored upper-case), or null to remove it. */
  badge?: string | null;
  /** A supervisor's override PIN (hashed here), or null to remove it. */
  pin?: string | null;
}

export interface OperatorRow {
  code: string;
  name: string;
  role: string;
  badge: string | null;
  hasPin: boolean;
}

/**
 * Sets an operator's badge or override PIN at the hub: what the ERP does not hold (Tryton has no
 * badges nor PINs). A new catalog version sends it to every agent; pulls from the ERP keep it.
 */
export async function setOperatorAccess(db: Knex, code: string, access: OperatorAccess): Promise<void> {
  if (typeof access.pin === 'string' && !PIN_PATTERN.test(access.pin)) throw new QuaiError('PIN_INVALID', 'a PIN is 4 to 12 digits');
  await db.transaction(async (trx) => {
    const operator = await trx('operators').where({ code }).first('role');
    if (!operator) throw new QuaiError('OPERATOR_UNKNOWN', `no operator ${code} at this hub (operators come from the ERP)`);
    if (typeof access.pin === 'string' && operator.role !== 'supervisor') throw new QuaiError('PIN_NOT_SUPERVISOR', `${code} is not a supervisor: only supervisors override`);
    const badge = access.badge?.trim().toUpperCase();
    if (badge) {
      const holder = await trx('operators').whereRaw('upper(badge) = ?', [badge]).whereNot({ code }).first('code');
      if (holder) throw new QuaiError('BADGE_TAKEN', `badge ${badge} belongs to ${holder.code}`);
    }
    const version = await bumpStreamVersion(trx, 'catalog');
    await trx('operators')
      .where({ code })
      .update({
        version,
        ...(access.badge !== undefined && { badge: badge || null }),
        ...(access.pin !== undefined && { pin_hash: access.pin === null ? null : hashPin(access.pin) }),
      });
  });
}

export async function listOperators(db: Knex): Promise<OperatorRow[]> {
  const rows: { code: string; name: string; role: string; badge: string | null; pin_hash: string | null }[] = await db('operators').orderBy('code').select('code', 'name', 'role', 'badge', 'pin_hash');
  return rows.map((r) => ({ code: r.code, name: r.name, role: r.role, badge: r.badge, hasPin: Boolean(r.pin_hash) }));
}
