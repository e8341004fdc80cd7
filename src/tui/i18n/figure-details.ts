import type { FloorMetric } from '../../domain/floor-figures.js';
import type { MessageKey } from './messages-fr.js';
import type { Translate } from './translate.js';

/** The message table a figure's detail codes are words in; the others (a supervisor, an event type) are names, said as they are. */
const DETAIL_TABLES: Partial<Record<FloorMetric, string>> = {
  'pick.short': 'short',
  'weight.failed': 'weightFail',
  'receipt.discrepancy': 'discrepancy',
  'receipt.closed': 'receiptClosed',
};

/**
 * A figure's detail as people read it (floor-figures.ts says what each metric's detail is): a
 * short pick's reason, a failed weighing's reason, a discrepancy's kind, a receipt closed with or
 * without one in `t`'s language; a supervisor's code, an event type, and a code this version does
 * not know, as they are.
 */
export function figureDetailWords(t: Translate, metric: FloorMetric, detail: string): string {
  const table = DETAIL_TABLES[metric];
  if (!table) return detail;
  const key = `${table}.${detail}` as MessageKey;
  const words = t(key);
  // the short reasons are list entries, capitalised there; in a list of details all read alike
  return words === key ? detail : words.charAt(0).toLocaleLowerCase(t.lang) + words.slice(1);
}
