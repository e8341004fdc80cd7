import { orderBatchingColumns } from '../order-batching-columns.js';

/** Each order's priority, cut-off and carrier, as the ERP gives them: streamed to the agents in `workOrder`. */
export const orderBatching = orderBatchingColumns;
