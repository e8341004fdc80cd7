import { describe, expect, it } from 'vitest';
import { releasesElsewhere } from '../../../src/domain/workflows/release.js';
import { initialStationState, reduceStation, type StationIntent, type StationState } from '../../../src/domain/workflows/station.js';
import { order, scanLocation, scanProduct } from './pick-fixtures.js';
import { stationContext } from '../../helpers/station-context.js';

const marie = { code: 'OP01', name: 'Marie Dubois' };
const paul = { code: 'OP02', name: 'Paul Martin' };
const ctx = stationContext();

function run(state: StationState, ...intents: StationIntent[]) {
  let last = null;
  for (const intent of intents) {
    last = reduceStation(state, intent, ctx);
    state = last.state;
  }
  return { state, last: last! };
}

const signedIn = (operator = marie) => run(initialStationState(), { type: 'sign-in', entered: operator.code, operator }).state;
const single = { ...order, lines: [order.lines[0]!] };
/** CMD-1 with one line, picked whole: the pick-done summary. */
const pickDone = () => run(signedIn(), { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order: single }, scanLocation('B-01-03-1'), scanProduct('P2')).state;
/** INV-1 being counted at A-01-02-1, with a line waiting for its recount. */
const counting = () =>
  run(
    signedIn(),
    { type: 'menu', choice: 'count' },
    { type: 'open-count', taskId: 'INV-1', label: 'INV-1 A-01-02-1', found: true },
    { type: 'count-scan', meaning: { kind: 'location', code: 'A-01-02-1' }, expected: 0 },
    { type: 'count-scan', meaning: { kind: 'product', productCode: 'P1', productName: 'P1', multiple: 1 }, expected: 10 },
    { type: 'confirm-line', operator: 'OP01' },
  ).state;

describe('documents release stations', () => {
  it('a count closed elsewhere leaves the counting station for the menu, saying which, and menu 4 opens the list', () => {
    const before = counting();
    expect(before.count?.lines[0]?.status).toBe('recount');
    const { state, last } = run(before, { type: 'release', kind: 'count', id: 'INV-1', reason: 'closed' });
    expect(state).toMatchObject({ screen: 'menu', count: null, operator: marie });
    expect(last.feedback).toEqual({ level: 'error', code: 'DOCUMENT_CLOSED', params: { document: 'INV-1 A-01-02-1' } });
    expect(last.events).toEqual([]);
    expect(run(state, { type: 'menu', choice: 'count' }).state.screen).toBe('count-list');
  });

  it('names the station that took a document over, and the cancellation of an order', () => {
    expect(run(counting(), { type: 'release', kind: 'count', id: 'INV-1', reason: 'taken', by: 'REC-2' }).last.feedback).toMatchObject({ code: 'DOCUMENT_TAKEN', params: { document: 'INV-1 A-01-02-1', station: 'REC-2' } });
    const paused = run(signedIn(), { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order }, { type: 'back' }).state;
    const { state, last } = run(paused, { type: 'release', kind: 'pick', id: 'SO1', reason: 'cancelled' });
    // not on the order's screen: the station stays where it is, told
    expect(state).toMatchObject({ screen: 'menu', pick: null });
    expect(last.feedback).toMatchObject({ code: 'DOCUMENT_CANCELLED', params: { document: 'CMD-1' } });
  });

  it('leaves a station holding another document, or the same one finished, as it is', () => {
    const other = run(counting(), { type: 'release', kind: 'count', id: 'INV-2', reason: 'closed' });
    expect(other.state.count?.taskId).toBe('INV-1');
    expect(other.last.feedback).toBeNull();
    const done = run(pickDone(), { type: 'release', kind: 'pick', id: 'SO1', reason: 'closed' });
    expect(done.state).toMatchObject({ screen: 'pick', pick: { phase: 'done' } });
  });

  it('drops a finished order on leaving its summary: the menu offers it no more, for this operator or the next', () => {
    const { state: back, last } = run(pickDone(), { type: 'back' });
    expect(back).toMatchObject({ screen: 'menu', pick: null });
    // finished, not paused
    expect(last.feedback).toBeNull();
    expect(run(back, { type: 'menu', choice: 'pick' }).state.screen).toBe('pick-orders');
    const next = run(pickDone(), { type: 'back' }, { type: 'sign-out' }, { type: 'sign-in', entered: 'OP02', operator: paul }).state;
    expect(next).toMatchObject({ screen: 'menu', operator: paul, pick: null });
  });

  it('keeps an unfinished document paused at the station across a change of operator, who starts from the menu', () => {
    const paused = run(signedIn(), { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order }, scanLocation('A-01-02-1'), scanProduct('P1'));
    const { state } = run(paused.state, { type: 'sign-out' }, { type: 'sign-in', entered: 'OP02', operator: paul });
    expect(state).toMatchObject({ screen: 'menu', operator: paul, pick: { orderNumber: 'CMD-1' } });
  });

  it('opens the next order scanned on a finished one, and names what was scanned when it cannot', () => {
    const other = { ...order, id: 'SO2', number: 'CMD-2' };
    const opened = run(pickDone(), { type: 'open-order', ref: 'CMD-2', order: other });
    expect(opened.state).toMatchObject({ screen: 'pick', pick: { orderNumber: 'CMD-2' } });
    const refused = run(pickDone(), { type: 'open-order', ref: 'CMD-9', order: null, refusal: 'unknown' });
    expect(refused.last.feedback).toMatchObject({ code: 'ORDER_NOT_FOUND', params: { order: 'CMD-9' } });
    // nothing changed: the summary stays
    expect(refused.state).toEqual(pickDone());
  });

  it('an order scanned during a pick is named, beside the order under way', () => {
    const underWay = run(signedIn(), { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order }).state;
    const { last } = run(underWay, { type: 'scan', meaning: { kind: 'order', order: { ...order, number: 'CMD-9' } } });
    expect(last.feedback).toMatchObject({ level: 'error', code: 'DOCUMENT_OTHER_OPEN', params: { scanned: 'CMD-9', current: 'CMD-1' } });
  });

  it('an order scanned during a count or a receipt is named, beside the document under way', () => {
    const scanOrder = { meaning: { kind: 'order' as const, order: { ...order, number: 'CMD-9' } } };
    expect(run(counting(), { type: 'count-scan', ...scanOrder, expected: 0 }).last.feedback).toMatchObject({ code: 'DOCUMENT_OTHER_OPEN', params: { scanned: 'CMD-9', current: 'INV-1 A-01-02-1' } });
    const receiving = run(signedIn(), { type: 'menu', choice: 'receive' }, { type: 'open-receipt', ref: 'PO-1', doc: { id: 'R1', number: 'PO-1', supplier: 'S', lines: [] } }).state;
    expect(run(receiving, { type: 'receive-scan', ...scanOrder, lotTracked: false, suggested: null }).last.feedback).toMatchObject({ code: 'DOCUMENT_OTHER_OPEN', params: { scanned: 'CMD-9', current: 'PO-1' } });
  });

  it('tells other stations a document opened here is taken over, and one finished here is closed', () => {
    const idle = signedIn();
    const opened = run(idle, { type: 'menu', choice: 'count' }, { type: 'open-count', taskId: 'INV-1', label: 'INV-1 A-01-02-1', found: true }).state;
    expect(releasesElsewhere(idle, opened, 'REC-2')).toEqual([{ type: 'release', kind: 'count', id: 'INV-1', reason: 'taken', by: 'REC-2' }]);
    const picking = run(idle, { type: 'menu', choice: 'pick' }, { type: 'open-order', ref: 'CMD-1', order: single }, scanLocation('B-01-03-1')).state;
    expect(releasesElsewhere(picking, run(picking, scanProduct('P2')).state, 'PICK-1')).toEqual([{ type: 'release', kind: 'pick', id: 'SO1', reason: 'closed' }]);
    const adHoc = run(idle, { type: 'menu', choice: 'count' }, { type: 'open-count', taskId: null, label: 'ad hoc', found: true }).state;
    expect(releasesElsewhere(idle, adHoc, 'REC-2')).toEqual([]);
  });
});
