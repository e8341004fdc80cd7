import { initial } from './0001-initial.js';
import { packing } from './0002-packing.js';
import { stock } from './0003-stock.js';
import { agentCredentials } from './0004-agent-credentials.js';
import { inbox } from './0005-inbox.js';
import { deletions } from './0006-deletions.js';
import { pickedFrom } from './0007-picked-from.js';
import { erpStatus } from './0008-erp-status.js';
import { agentIncarnations } from './0009-agent-incarnations.js';
import { scanUndos } from './0010-scan-undos.js';
import { weightSource } from './0012-weight-source.js';
import { countCauses } from './0014-count-causes.js';
import { lotOverrides } from './0015-lot-overrides.js';
import { receiptApprovals } from './0016-receipt-approvals.js';
import { orderBatching } from './0017-order-batching.js';
import { orderTotes } from './0018-order-totes.js';
import { retention } from './0019-retention.js';

export const hubMigrations = { '0001-initial': initial, '0002-packing': packing, '0003-stock': stock, '0004-agent-credentials': agentCredentials, '0005-inbox': inbox, '0006-deletions': deletions, '0007-picked-from': pickedFrom, '0008-erp-status': erpStatus, '0009-agent-incarnations': agentIncarnations, '0010-scan-undos': scanUndos, '0012-weight-source': weightSource, '0014-count-causes': countCauses, '0015-lot-overrides': lotOverrides, '0016-receipt-approvals': receiptApprovals, '0017-order-batching': orderBatching, '0018-order-totes': orderTotes, '0019-retention': retention };
