import type { Knex } from 'knex';
import { PIN_PATTERN } from '../domain/approval-input.js';
import { hashPin } from '../runtime/pin-hash.js';
import { QuaiError } from '../runtime/quai-error.js';
import { bumpStreamVersion } from './store/hub-store.js';
import { allOperators, badgeHolder, operatorRole, updateOperator } from './store/catalog-repo.js';

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
    const role = await operatorRole(trx, code);
    if (role === undefined) throw new QuaiError('OPERATOR_UNKNOWN', `no operator ${code} at this hub (operators come from the ERP)`);
    if (typeof access.pin === 'string' && role !== 'supervisor') throw new QuaiError('PIN_NOT_SUPERVISOR', `${code} is not a supervisor: only supervisors override`);
    const badge = access.badge?.trim().toUpperCase();
    if (badge) {
      const holder = await badgeHolder(trx, badge, code);
      if (holder !== undefined) throw new QuaiError('BADGE_TAKEN', `badge ${badge} belongs to ${holder}`);
    }
    const version = await bumpStreamVersion(trx, 'catalog');
    await updateOperator(trx, code, {
      version,
      ...(access.badge !== undefined && { badge: badge || null }),
      ...(access.pin !== undefined && { pin_hash: access.pin === null ? null : hashPin(access.pin) }),
    });
  });
}

/** Every operator at the hub, by code, with whether it has an override PIN (never the PIN). */
export async function listOperators(db: Knex): Promise<OperatorRow[]> {
  const rows = await allOperators(db);
  return rows.map((r) => ({ code: r.code, name: r.name, role: r.role, badge: r.badge, hasPin: Boolean(r.pin_hash) }));
}
