import type { StationView } from '../../src/protocol/local-api.js';
import type { ScreenContext } from '../../src/tui/input/bindings.js';

type View<S extends StationView['screen']> = Extract<StationView, { screen: S }>;

const order = { id: 'SO-1001', number: 'CMD-1001', customer: 'Camille Martin-Lefèvre, Boutique des Arts de la Table' };

export const pickView = (patch: Partial<View<'pick'>> = {}): View<'pick'> => ({
  screen: 'pick',
  order,
  phase: 'product',
  emptyCheck: null,
  suspectBin: null,
  line: { lineId: 'L1', location: 'A-01-02-3', productCode: 'P-100', productName: 'Tasse à café en porcelaine de Limoges, bleu de four, 12 cl', barcode: '03760000000017', quantity: 6, picked: 2 },
  progress: { settled: 1, total: 5, postponed: 1 },
  lastShort: null,
  undo: { productCode: 'P-100', quantity: 1 },
  lots: null,
  ...patch,
});

export const packView = (patch: Partial<View<'pack'>> = {}): View<'pack'> => ({
  screen: 'pack',
  order: { ...order, address: '12 rue de la République, 69002 Lyon, France' },
  phase: 'verify',
  items: [
    { productCode: 'P-100', productName: 'Tasse à café en porcelaine de Limoges, bleu de four', quantity: 2, ordered: 2, packed: 0, verified: 2 },
    { productCode: 'P-200', productName: 'Sous-tasse assortie', quantity: 1, ordered: 3, packed: 0, verified: 0 },
  ],
  parcelNo: 1,
  boxes: [
    { code: 'BOX-S', name: 'Carton S 20x15x10' },
    { code: 'BOX-M', name: 'Carton M 30x20x15' },
  ],
  box: { code: 'BOX-S', name: 'Carton S 20x15x10' },
  expected: { grams: 750, toleranceGrams: 20, missingWeights: [] },
  check: null,
  override: null,
  typedWeight: 'no',
  carriers: ['colissimo', 'chronopost'],
  carrier: null,
  ...patch,
});

const failedCheck = { expectedGrams: 750, toleranceGrams: 20, measured: '0.812 kg', weightSource: 'scale' as const, differenceGrams: 62, pass: false, reason: 'above', missingWeights: [] };
export const passedCheck = { ...failedCheck, measured: '0.752 kg', differenceGrams: 2, pass: true, reason: null };

export const receiveView = (patch: Partial<View<'receive'>> = {}): View<'receive'> => ({
  screen: 'receive',
  receipt: { number: 'ACH-2001', supplier: 'Porcelaines du Limousin SARL', blind: false },
  phase: 'putaway',
  lines: [
    { productCode: 'P-100', productName: 'Tasse à café en porcelaine de Limoges', expected: 10, received: 3, damaged: 0, unexpected: false },
    { productCode: 'P-200', productName: 'Sous-tasse assortie', expected: 2, received: 0, damaged: 0, unexpected: false },
  ],
  pending: { productCode: 'P-100', productName: 'Tasse à café en porcelaine de Limoges', quantity: 4, lot: 'L-2611', expiry: '2027-06-30', suggested: 'C-04-10-3' },
  undo: { productCode: 'P-100', quantity: 1 },
  hold: null,
  ...patch,
});

export const countView = (patch: Partial<View<'count'>> = {}): View<'count'> => ({
  screen: 'count',
  label: 'INV-3001 emplacement A-01-02-2',
  blind: false,
  phase: 'product',
  location: 'A-01-02-2',
  pending: { productCode: 'P-100', productName: 'Tasse à café en porcelaine de Limoges', lot: null, quantity: 5, expected: 6 },
  lines: [{ location: 'A-01-02-2', productCode: 'P-300', lot: null, status: 'done', expected: 3 }],
  undo: { productCode: 'P-100', quantity: 1 },
  uncounted: 2,
  offer: null,
  paused: null,
  ...patch,
});

const slot = (position: number, number: string, patch: Partial<View<'batch'>['slots'][number]>): View<'batch'>['slots'][number] => ({
  position,
  tote: `BAC-0${10 + position}`,
  order: { id: `SO-${number.slice(4)}`, number, customer: 'Jean Dupont' },
  lines: 2,
  settled: 0,
  short: 0,
  status: 'picking',
  ...patch,
});

/** A cart of 4 under way: position 1 done, 2 done with a line short, 3 being picked (its line below), 4 not started. */
export const batchView = (patch: Partial<View<'batch'>> = {}): View<'batch'> => ({
  screen: 'batch',
  phase: 'product',
  cart: 'CHR4-01',
  slots: [
    slot(1, 'CMD-1001', { lines: 3, settled: 3, status: 'done' }),
    slot(2, 'CMD-1002', { settled: 2, short: 1, status: 'done' }),
    slot(3, 'CMD-1008', { lines: 4, settled: 1 }),
    slot(4, 'CMD-1010', {}),
  ],
  toteFor: null,
  toteRefused: null,
  line: { ...pickView().line, position: 3, orderNumber: 'CMD-1008' },
  put: null,
  emptyCheck: null,
  suspectBin: null,
  progress: { settled: 6, total: 11, postponed: 1 },
  lastShort: null,
  undo: { productCode: 'P-100', quantity: 1 },
  lots: null,
  ...patch,
});

/** The same cart while its totes are scanned: positions 1 and 2 have theirs, 3 is asked for. */
export const batchTotesView = (patch: Partial<View<'batch'>> = {}): View<'batch'> =>
  batchView({
    phase: 'totes',
    slots: batchView().slots.map((s) => ({ ...s, settled: 0, short: 0, status: s.position <= 2 ? 'picking' : 'tote', tote: s.position <= 2 ? s.tote : null })),
    toteFor: 3,
    line: null,
    progress: { settled: 0, total: 11, postponed: 0 },
    undo: null,
    ...patch,
  });

export const lookupView = (): View<'lookup'> => ({
  screen: 'lookup',
  target: { kind: 'product', code: 'P-100', name: 'Tasse à café en porcelaine de Limoges, bleu de four, 12 cl' },
  levels: [
    { productCode: 'P-100', location: 'A-01-02-3', lot: '', expiry: null, onHand: 23, reserved: 4, available: 19, suspect: false },
    { productCode: 'P-100', location: 'B-02-05-1', lot: '', expiry: null, onHand: 23, reserved: 0, available: 0, suspect: true },
    { productCode: 'P-100', location: 'C-04-10-3', lot: 'L-2611', expiry: '2027-06-30', onHand: 8, reserved: 0, available: 8, suspect: false },
  ],
  incoming: 6,
  movements: [{ at: '2026-11-29T08:15:00.000Z', type: 'pick.line.picked', productCode: 'P-100', location: 'A-01-02-3', quantity: -2 }],
});

/** One view of every screen context the binding tables know, as an agent would push it. */
export const SAMPLE_VIEWS: Record<Exclude<ScreenContext, 'connecting'>, StationView> = {
  signin: { screen: 'signin' },
  menu: { screen: 'menu', pausedOrder: 'CMD-1001', pausedPack: null, pausedReceipt: null, pausedCount: 'INV-3001', pausedBatch: 'CHR4-01' },
  orders: { screen: 'pick-orders', orders: [{ ...order, lines: 3, units: 7 }, { id: 'SO-1002', number: 'CMD-1002', customer: 'Jean Dupont', lines: 1, units: 1 }] },
  pick: pickView({ lastShort: 'P-050', suspectBin: { location: 'B-02-05-1', moved: true } }),
  'pick-empty': pickView({ phase: 'empty-check', emptyCheck: { location: 'A-01-02-3', productCode: 'P-100' }, undo: null }),
  'pick-done': { screen: 'pick-done', order, lines: [{ productCode: 'P-100', productName: 'Tasse à café en porcelaine de Limoges', picked: 4, quantity: 6, status: 'short' }] },
  'batch-cart': batchView({ phase: 'cart', cart: null, slots: [], line: null, progress: { settled: 0, total: 0, postponed: 0 }, undo: null }),
  'batch-totes': batchTotesView({ toteRefused: { tote: 'BAC-017', order: 'CMD-0999' } }),
  'batch-line': batchView({ lastShort: 'P-050', suspectBin: { location: 'B-02-05-1', moved: true } }),
  'batch-empty': batchView({ phase: 'empty-check', emptyCheck: { location: 'A-01-02-3', productCode: 'P-100' }, undo: null }),
  'batch-put': batchView({ phase: 'put', line: null, put: { position: 3, tote: 'BAC-013', orderNumber: 'CMD-1008', quantity: 2 }, lastShort: 'P-050' }),
  'batch-done': batchView({ phase: 'done', line: null, undo: null, slots: batchView().slots.map((s) => ({ ...s, settled: s.lines, status: 'done' })), progress: { settled: 11, total: 11, postponed: 0 } }),
  'pack-verify': packView(),
  'pack-box': packView({ phase: 'box', box: null }),
  'pack-weigh': packView({ phase: 'weigh' }),
  'pack-failed': packView({ phase: 'failed', check: failedCheck }),
  'pack-carrier': packView({ phase: 'carrier', check: passedCheck }),
  'pack-tracking': packView({ phase: 'carrier', check: passedCheck, carrier: 'colissimo' }),
  'pack-done': { screen: 'pack-done', order, parcels: [{ parcelNo: 1, box: 'BOX-S', weight: '0.752 kg', weightSource: 'scale', carrier: 'colissimo', tracking: '6A12345678901', sscc: '037600000000000017' }] },
  'receive-list': { screen: 'receive-list', receipts: [{ id: 'R1', number: 'ACH-2001', supplier: 'Porcelaines du Limousin SARL', lines: 2, units: 12 }, { id: 'R2', number: 'ACH-2002', supplier: 'Verrerie Arc', lines: 1, units: 24 }] },
  receive: receiveView(),
  'receive-done': receiveView({ phase: 'done', pending: null, undo: null }),
  'count-list': { screen: 'count-list', tasks: [{ id: 'INV-3001', scope: 'location', target: 'A-01-02-2' }, { id: 'INV-3002', scope: 'zone', target: 'C' }] },
  count: countView(),
  'count-done': countView({ phase: 'done', pending: null, undo: null, uncounted: 0 }),
  lookup: lookupView(),
};
