import { describe, expect, it } from 'vitest';
import { dispatchOf } from '../../../src/hub/adapters/tryton/tryton-dispatch.js';

describe("a Tryton shipment's priority, cut-off and carrier", () => {
  it('priority 0; the planned day at 00:00 UTC; the carrier\'s name where Tryton has the field, cut to the wire\'s 64 characters', () => {
    expect(dispatchOf({ planned_date: '2026-12-24', 'carrier.': { rec_name: 'La Poste - Colissimo' } })).toEqual({ priority: 0, ship_by: '2026-12-24T00:00:00Z', carrier: 'La Poste - Colissimo' });
    expect(dispatchOf({ planned_date: '2026-12-24', 'carrier.': { rec_name: 'x'.repeat(80) } }).carrier).toHaveLength(64);
  });

  it('null when Tryton says nothing: no planned date, no carrier set, or no carrier field (the carrier modules not activated)', () => {
    expect(dispatchOf({ planned_date: null, 'carrier.': null })).toEqual({ priority: 0, ship_by: null, carrier: null });
    expect(dispatchOf({})).toEqual({ priority: 0, ship_by: null, carrier: null });
  });
});
