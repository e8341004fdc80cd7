import { describe, expect, it } from 'vitest';
import { monitorMessages } from '../../src/monitor/monitor-messages.js';
import { formatLogLine, monitorPanels, ratesPerSecond, sparkline } from '../../src/monitor/monitor-view.js';
import type { AgentStatus } from '../../src/protocol/local-api.js';

const fr = monitorMessages('fr');
const en = monitorMessages('en');

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
  devices: [{ station: 'PACK-1', id: 'scale', kind: 'scale', path: '/dev/ttyUSB0', resolvedPath: null, profile: null, state: 'offline', reason: 'unplugged', lastReading: '1.234 kg' }],
  incarnation: { id: '0193a000-0000-4000-8000-000000000001', since: '2026-11-22T09:00:00.000Z', reason: 'new-store' },
  outbox: { lastSeq: 20, settledThrough: 5 },
  supervisorLockouts: [
    { supervisor: 'SUP1', failures: 0, lockouts: 1, locked: true, lockedUntil: '2026-11-22T10:01:00.000Z' },
    { supervisor: 'SUP2', failures: 2, lockouts: 0, locked: false, lockedUntil: null },
  ],
  recentScans: [
    { at: '2026-11-22T10:00:04.000Z', station: 'PACK-1', source: 'serial', raw: '3761000000014', outcomeLevel: 'error', outcomeCode: 'BARCODE_UNKNOWN' },
    { at: '2026-11-22T10:00:02.000Z', station: 'PICK-2', source: 'wedge', raw: 'B&àà&', remapped: { layout: 'fr', text: 'B1001' }, outcomeLevel: 'ok', outcomeCode: 'SIGNED_IN' },
  ],
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

  it('says what a supervisor must look at, in French: words, codes worded, symbols, without colour when asked', () => {
    const panels = monitorPanels(status, [], fr, { color: false, sparkWidth: 10 });
    expect(panels.header).toBe('Quai - supervision de l’agent AGENT-1 (SITE-1)\nLien ERP ○ hors ligne | dernière synchro 10:00:05  ⟳ catalogue 25 %');
    expect(panels.events).toMatch(/⚠ 12 à envoyer au hub\n◌ 3 en attente de l’ERP\n✖ 1 rejeté\(s\) par l’ERP/);
    // a supervisor code locked after wrong PINs, another with wrong PINs piling up
    expect(panels.events).toMatch(/\n✖ dérogations de SUP1 bloquées jusqu’à 10:01:00 \(PIN erronés\)\n⚠ SUP2 : 2 PIN erroné\(s\) de suite$/);
    // the event type worded, the ERP's reason as the ERP gave it
    expect(panels.rejected).toBe('#9 manquant au prélèvement: line 1 of SO1 is already picked');
    expect(panels.devices).toBe('✖ PACK-1 scale hors ligne | 1.234 kg (unplugged)');
    expect(panels.scans).toBe('10:00:04 PACK-1 3761000000014 ✖ code inconnu\n10:00:02 PICK-2 B&àà& → B1001 (fr) ✔ connecté');
    expect(JSON.stringify(panels)).not.toMatch(/\{red-fg\}/);
  });

  it('and in English, with colour', () => {
    const panels = monitorPanels(status, [], en, { color: true, sparkWidth: 10 });
    expect(panels.header).toBe('Quai - agent AGENT-1 (SITE-1) supervision\nERP link {red-fg}○ offline{/red-fg} | last sync 10:00:05  ⟳ catalog 25%');
    expect(panels.events).toContain('{red-fg}✖ 1 rejected by the ERP{/red-fg}');
    expect(panels.events).toContain('{red-fg}✖ approvals by SUP1 locked until 10:01:00 (wrong PINs){/red-fg}');
    expect(panels.rejected).toBe('#9 pick short: line 1 of SO1 is already picked');
    expect(panels.devices).toBe('{red-fg}✖{/red-fg} PACK-1 scale offline | 1.234 kg (unplugged)');
    expect(panels.scans).toBe('10:00:04 PACK-1 3761000000014 {red-fg}✖ unknown code{/red-fg}\n10:00:02 PICK-2 B&àà& → B1001 (fr) ✔ signed in');
  });

  it('a code it has no word for (a newer agent) shows as itself; nothing yet is said so', () => {
    const newer = {
      ...status,
      link: 'online' as const,
      loading: null,
      lastSyncAt: null,
      rejectedEvents: [{ seq: 10, type: 'pallet.built', reason: null, at: '2026-11-22T10:00:00.000Z' }],
      devices: [{ ...status.devices[0]!, state: 'sleeping' as 'online', reason: null }],
      recentScans: [{ ...status.recentScans[0]!, outcomeLevel: 'ok', outcomeCode: 'PALLET_BUILT' }],
    };
    const panels = monitorPanels(newer, [], fr, { color: false, sparkWidth: 10 });
    expect(panels.header).toContain('● en ligne | dernière synchro jamais');
    expect(panels.rejected).toBe('#10 pallet.built: ');
    expect(panels.devices).toBe('✖ PACK-1 scale sleeping | 1.234 kg');
    expect(panels.scans).toBe('10:00:04 PACK-1 3761000000014 ✔ PALLET_BUILT');
    const empty = { ...newer, rejectedEvents: [], devices: [], recentScans: [] };
    expect(monitorPanels(empty, [], fr, { color: false, sparkWidth: 10 })).toMatchObject({ rejected: 'aucun', devices: 'aucun appareil configuré', scans: 'aucun scan' });
    expect(monitorPanels(empty, [], en, { color: false, sparkWidth: 10 })).toMatchObject({ rejected: 'none', devices: 'no device configured', scans: 'no scan yet' });
  });

  it('the monitor texts of each language', () => {
    expect([fr.text('keys'), en.text('keys')]).toEqual(['[q] quitter  [s] synchroniser  [r] recharger le catalogue', '[q] quit  [s] sync now  [r] reload catalog']);
    expect([fr.text('unreachable', { reason: fr.text('noAnswer', { seconds: 5 }) }), en.text('unreachable', { reason: en.text('linkClosed') })]).toEqual([
      'Agent injoignable : pas de réponse en 5 s',
      'Agent unreachable: the agent closed the link',
    ]);
    expect([fr.deviceState('connecting'), en.deviceState('closed'), fr.stream('work'), en.eventType('scan.undone')]).toEqual(['connexion', 'closed', 'travail', 'scan undone']);
  });

  it('turns JSON log lines into readable ones, the level in the monitor’s language, and keeps others as they are', () => {
    const line = '{"level":40,"time":1795343377716,"msg":"hub refused","kind":"unauthorized","retryAfterMs":60000}';
    expect(formatLogLine(line, en)).toMatch(/^\d\d:\d\d:\d\d WARN {2}hub refused kind=unauthorized$/);
    expect(formatLogLine(line, fr)).toMatch(/^\d\d:\d\d:\d\d AVERT {2}hub refused kind=unauthorized$/);
    expect(formatLogLine('{"level":50,"msg":"x"}', fr)).toBe('--:--:-- ERREUR x');
    expect(formatLogLine('{"level":99,"msg":"x"}', en)).toBe('--:--:-- ?     x');
    expect(formatLogLine('not json', fr)).toBe('not json');
  });
});
