import { describe, expect, it } from 'vitest';
import { formatLogLine, monitorPanels, ratesPerSecond, sparkline } from '../../src/monitor/monitor-view.js';
import type { AgentStatus } from '../../src/protocol/local-api.js';
import { createTranslator } from '../../src/tui/i18n/translate.js';

const status: AgentStatus = {
  agentId: 'AGENT-1',
  siteId: 'SITE-1',
  link: 'offline',
  pending: 12,
  awaitingOutcome: 3,
  loading: { stream: 'catalog', done: 50, total: 200 },
  rejected: 1,
  rejectedEvents: [{ seq: 9, type: 'pick.short', reason: 'line 1 of SO1 is already picked', at: '2026-11-22T10:00:00.000Z' }],
  lastSyncAt: '2026-11-22T10:00:05.000Z',
  catalog: { products: 1, locations: 1, openOrders: 1 },
  devices: [{ station: 'PACK-1', id: 'scale', kind: 'scale', path: '/dev/ttyUSB0', state: 'offline', reason: 'unplugged', lastReading: '1.234 kg' }],
  incarnation: { id: '0193a000-0000-4000-8000-000000000001', since: '2026-11-22T09:00:00.000Z', reason: 'new-store' },
  outbox: { lastSeq: 20, settledThrough: 5 },
  recentScans: [{ at: '2026-11-22T10:00:04.000Z', station: 'PACK-1', source: 'serial', raw: '3761000000014', outcomeLevel: 'error', outcomeCode: 'UNKNOWN_BARCODE' }],
};

describe('monitor view', () => {
  it('draws throughput as a sparkline of settled events per second', () => {
    const rates = ratesPerSecond([
      { atMs: 0, settledThrough: 0 },
      { atMs: 1000, settledThrough: 100 },
      { atMs: 2000, settledThrough: 150 },
      { atMs: 3000, settledThrough: 150 },
    ]);
    expect(rates).toEqual([100, 50, 0]);
    expect(sparkline(rates, 10)).toBe('█▄ ');
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toHaveLength(4);
  });

  it('says what a supervisor must look at, in words and symbols, without colour when asked', () => {
    const panels = monitorPanels(status, [], createTranslator('fr'), { color: false, sparkWidth: 10 });
    expect(panels.header).toMatch(/○ hors ligne \| dernière synchro 10:00:05 {2}⟳ catalog 25 %/);
    expect(panels.events).toMatch(/⚠ 12 à envoyer au hub\n◌ 3 en attente de l’ERP\n✖ 1 rejeté\(s\) par l’ERP/);
    expect(panels.rejected).toBe('#9 pick.short: line 1 of SO1 is already picked');
    expect(panels.devices).toBe('✖ PACK-1 scale offline | 1.234 kg (unplugged)');
    expect(panels.scans).toBe('10:00:04 PACK-1 3761000000014 ✖ UNKNOWN_BARCODE');
    expect(JSON.stringify(panels)).not.toMatch(/\{red-fg\}/);
    expect(monitorPanels(status, [], createTranslator('en'), { color: true, sparkWidth: 10 }).events).toContain('{red-fg}✖ 1 rejected by the ERP{/red-fg}');
  });

  it('turns JSON log lines into readable ones and keeps others as they are', () => {
    expect(formatLogLine('{"level":40,"time":1795343377716,"msg":"hub refused","kind":"unauthorized","retryAfterMs":60000}')).toMatch(/^\d\d:\d\d:\d\d WARN {2}hub refused kind=unauthorized$/);
    expect(formatLogLine('not json')).toBe('not json');
  });
});
