import { initial } from './0001-initial.js';
import { packing } from './0002-packing.js';
import { stock } from './0003-stock.js';
import { catalogGenerations } from './0004-catalog-generations.js';
import { supervisorLockouts } from './0005-supervisor-lockouts.js';
import { stockSuspects } from './0008-stock-suspects.js';
import { caseFreeCodes } from './0009-case-free-codes.js';
import { auditRemapped } from './0011-audit-remapped.js';
import { orderBatching } from './0012-order-batching.js';
import { totes } from './0013-totes.js';

/** Migrations in order; listed in code so that they travel inside the bundle. */
export const agentMigrations = { '0001-initial': initial, '0002-packing': packing, '0003-stock': stock, '0004-catalog-generations': catalogGenerations, '0005-supervisor-lockouts': supervisorLockouts, '0008-stock-suspects': stockSuspects, '0009-case-free-codes': caseFreeCodes, '0011-audit-remapped': auditRemapped, '0012-order-batching': orderBatching, '0013-totes': totes };
