import { orderBatchingColumns } from '../order-batching-columns.js';

/** Each order's priority, cut-off and carrier, as the hub's work stream sends them: what the agent chooses a batch by. */
export const orderBatching = orderBatchingColumns;
