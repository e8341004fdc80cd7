import { describe, expect, it } from 'vitest';
import { emptyFigures, type FigureCount, type Figures } from '../../src/domain/floor-figures.js';
import { hubMonitorMessages } from '../../src/monitor/hub-monitor-messages.js';
import { daySparkline, rowKept, figureSegments, fit, hubMainScreen, hubSiteScreen, paintLine, siteScrollMax, wrapSegments, type HubMonitorData, type HubMonitorState } from '../../src/monitor/hub-monitor-view.js';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const figures = (counts: Partial<Record<keyof Figures, Partial<FigureCount>>> = {}): Figures => {
  const all = emptyFigures();
  for (const [metric, count] of Object.entries(counts) as [keyof Figures, Partial<FigureCount>][]) all[metric] = { ...all[metric], ...count };
  return all;
};
const hours = (lines: number[]) => lines.map((n, i) => ({ label: `${String(i).padStart(2, '0')}:00`, lines: n, units: n * 2 }));

function data(): HubMonitorData {
  const lyon = figures({
    'pick.line': { n: 140, quantity: 320 },
    'pick.short': { n: 3, quantity: 4, by: { 'empty-location': { n: 2, quantity: 3 }, damaged: { n: 1, quantity: 1 } } },
    'order.picked': { n: 12 },
    'order.packed': { n: 10 },
    'order.shipped': { n: 9 },
    'weight.passed': { n: 10 },
    'weight.overridden': { n: 2, by: { SUP1: { n: 2, quantity: 0 } } },
    'receipt.discrepancy': { n: 1, quantity: 2, by: { damaged: { n: 1, quantity: 2 } } },
    'receipt.closed': { n: 3, by: { discrepancy: { n: 1, quantity: 0 }, clean: { n: 2, quantity: 0 } } },
    'count.variance': { n: 2, quantity: 5 },
    'replenishment.requested': { n: 4, quantity: 40 },
  });
  return {
    at: '2026-11-30T10:00:00.000Z',
    erp: { name: 'embedded', state: 'up', lastPullAt: null, lastError: null, lastErrorAt: null },
    agents: [
      { agentId: 'LYON-1', siteId: 'LYON', link: 'online', lastEvent: { at: '2026-11-30T09:57:00Z', type: 'pick.line.picked' }, backlog: 0, rejected: 2 },
      { agentId: 'NYC-1', siteId: 'NYC', link: 'offline', lastEvent: null, backlog: 5, rejected: 0 },
      { agentId: 'TOKYO-1', siteId: 'TOKYO', link: 'online', lastEvent: { at: '2026-11-30T07:00:00Z', type: 'count.line.counted' }, backlog: 0, rejected: 0 },
    ],
    sites: [
      {
        siteId: 'LYON',
        timeZone: 'Europe/Paris',
        day: '2026-11-30',
        figures: lyon,
        linesPerHour: 35,
        hours: hours([0, 0, 0, 0, 0, 0, 0, 10, 40, 35, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        operators: [
          { operator: 'OP01', hoursWorked: 3, linesPerHour: 26.7, unitsPerHour: 60, figures: figures({ 'pick.line': { n: 80, quantity: 180 }, 'pick.short': { n: 2, by: { 'empty-location': { n: 2, quantity: 3 } } } }) },
          { operator: 'OP02', hoursWorked: 1, linesPerHour: 60, unitsPerHour: 140, figures: figures({ 'pick.line': { n: 60, quantity: 140 }, 'weight.overridden': { n: 2, by: { SUP1: { n: 2, quantity: 0 } } } }) },
        ],
      },
      { siteId: 'NYC', timeZone: 'America/New_York', day: '2026-11-30', figures: figures(), linesPerHour: null, hours: hours(new Array(24).fill(0)), operators: [] },
      { siteId: 'TOKYO', timeZone: 'Asia/Tokyo', day: '2026-11-30', figures: figures({ 'count.variance': { n: 1, quantity: 1 } }), linesPerHour: null, hours: hours(new Array(24).fill(0)), operators: [] },
    ],
  };
}

const main: HubMonitorState = { selected: 0, screen: 'main', scroll: 0, help: false, error: null };
const fr = { m: hubMonitorMessages('fr'), now: NOW, intervalMs: 2000 };
const en = { m: hubMonitorMessages('en'), now: NOW, intervalMs: 2000 };
const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

describe('hub monitor: formatting', () => {
  it('fits a text to a width: cut with an ellipsis, padded, numbers to the right', () => {
    expect(fit('LYON-ENTREPOT', 6)).toBe('LYON-…');
    expect(fit('LYON', 6)).toBe('LYON  ');
    expect(fit('42', 5, 'end')).toBe('   42');
    expect(fit('abc', 0)).toBe('');
  });

  it('wraps segments at the width, two spaces apart', () => {
    expect(wrapSegments(['aaaa', 'bbbb', 'cccc'], 10)).toEqual(['aaaa  bbbb', 'cccc']);
    expect(wrapSegments(['aaaa', 'bbbb'], 10, ' ')).toEqual([' aaaa', ' bbbb']);
  });

  it('draws the day per hour as a sparkline: one character per hour, a dot where nothing was picked, the busiest hour full', () => {
    const line = daySparkline([0, 0, 10, 40, 20]);
    expect(line).toHaveLength(5);
    expect(line).toBe('··▂█▄');
    // a 25-hour day (clocks going back) has 25 characters
    expect(daySparkline(new Array(25).fill(1))).toHaveLength(25);
  });

  it("words a site's figures in French and English, with decimal commas in French", () => {
    const site = data().sites[0]!;
    const segments = figureSegments({ ...site, linesPerHour: 35.5 }, hubMonitorMessages('fr'));
    expect(segments).toEqual(expect.arrayContaining(['Cmd prép. 12 · emb. 10 · exp. 9', 'Lignes 140 · 320 u · 35,5/h', 'Manquants 3', 'Récep. avec écarts 1/3 · écarts 1', 'Écarts inv. 2', 'Réappro 4']));
    expect(figureSegments(site, hubMonitorMessages('en'))).toContain('Orders picked 12 · packed 10 · shipped 9');
  });

  it('counts weighings passed, failed and overridden', () => {
    const weighings = figureSegments(data().sites[0]!, hubMonitorMessages('fr')).find((s) => s.startsWith('Pesées'));
    expect(weighings).toBe('Pesées ✔10 ✖0 ⚑2');
  });

  it('paints symbols in colour and the chosen row inverse; without colour, the text as is (braces escaped)', () => {
    expect(paintLine({ text: '● a {b}', selected: true }, true)).toBe('{inverse}{green-fg}●{/green-fg} a {open}b{close}{/inverse}');
    expect(paintLine({ text: '○ a', selected: true }, false)).toBe('○ a');
  });
});

describe('hub monitor: the main screen at each size', () => {
  it.each([
    [80, 24],
    [120, 40],
    [40, 16],
  ])('%ix%i: exactly the screen, every line within the width, every agent, the chosen row marked', (columns, rows) => {
    const lines = hubMainScreen(data(), main, { columns, rows }, fr);
    expect(lines).toHaveLength(rows);
    for (const line of lines) expect([...line.text].length).toBeLessThanOrEqual(columns);
    const screen = text(lines);
    expect(screen).toMatch(/▶ ●.*LYON/);
    expect(screen).toMatch(/○.*NYC/);
    expect(lines.filter((l) => l.selected)).toHaveLength(1);
    expect(lines.at(-1)!.text).toMatch(/^\[↑↓\]/);
  });

  it('80x24 in French: link in words, last event how long ago, backlog and rejected; the sites of the day, the chosen one first with its sparkline', () => {
    const screen = text(hubMainScreen(data(), main, { columns: 80, rows: 24 }, fr));
    expect(screen).toContain('ERP intégré ● en service');
    expect(screen).toMatch(/▶ ● en ligne +LYON +LYON-1 +il y a 3 min +0 +2/);
    expect(screen).toMatch(/ {2}○ hors ligne +NYC +NYC-1 +jamais +5 +0/);
    expect(screen).toMatch(/LYON · 30\/11\/2026 \(Europe\/Paris\) +·{7}▂█▇▄·{13}/);
    expect(screen).toContain('Cmd prép. 12 · emb. 10 · exp. 9');
    expect(screen.indexOf('LYON · ')).toBeLessThan(screen.indexOf('NYC · '));
  });

  it('120x40 in English shows the last event type; ↓ puts the chosen site first', () => {
    const screen = text(hubMainScreen(data(), { ...main, selected: 2 }, { columns: 120, rows: 40 }, en));
    expect(screen).toMatch(/▶ ● online +TOKYO +TOKYO-1 +3 h ago · count\.line\.counted/);
    expect(screen.indexOf('TOKYO · ')).toBeLessThan(screen.indexOf('LYON · '));
  });

  it('a failing ERP and an unreachable store are said, in words and with ✖', () => {
    const failing = { ...data(), erp: { name: 'tryton', state: 'down' as const, lastPullAt: '2026-11-30T09:00:00Z', lastError: 'connection refused', lastErrorAt: '2026-11-30T09:58:00Z' } };
    const lines = hubMainScreen(failing, { ...main, error: 'connect ECONNREFUSED 127.0.0.1:5432' }, { columns: 80, rows: 24 }, fr);
    expect(text(lines)).toContain('ERP tryton ✖ en échec depuis il y a 2 min : connection refused');
    expect(lines.at(-1)!.text).toMatch(/^✖ Magasin du hub injoignable : connect ECONNREFUSED/);
  });

  it('before the first read: the title and the fault only; help replaces the body', () => {
    expect(text(hubMainScreen(null, { ...main, error: 'x' }, { columns: 80, rows: 24 }, en))).toMatch(/network head[\s\S]*Hub store unreachable: x/);
    expect(text(hubMainScreen(data(), { ...main, help: true }, { columns: 40, rows: 16 }, en))).toMatch(/Keys: ↑\/↓ choose a site/);
  });

  it('sites that do not fit are counted', () => {
    const many = data();
    many.sites = Array.from({ length: 8 }, (_, i) => ({ ...many.sites[0]!, siteId: `S${i}` }));
    expect(text(hubMainScreen(many, main, { columns: 80, rows: 24 }, fr))).toMatch(/\+\d site\(s\) : ↑\/↓/);
  });
});

describe('hub monitor: the site view', () => {
  it.each([
    [80, 24],
    [120, 40],
    [40, 16],
  ])('%ix%i: sparklines per hour, one row per operator, their shorts with reasons and the supervisors who overrode', (columns, rows) => {
    const lines = hubSiteScreen(data(), 'LYON', { ...main, screen: 'site' }, { columns, rows }, fr);
    expect(lines).toHaveLength(rows);
    for (const line of lines) expect([...line.text].length).toBeLessThanOrEqual(columns);
    const screen = text(lines);
    expect(screen).toContain('LYON · 30/11/2026 (Europe/Paris)');
    expect(screen).toMatch(/Lignes\/h +·{7}▂█▇▄·{8}/);
    expect(screen).toMatch(/OP01 +80 +180 +26,7 +2/);
    if (rows >= 24) {
      expect(screen).toMatch(/Lignes\/h +·{7}▂█▇▄·{13} 00:00–23:00/);
      // codes in the operator's words; a supervisor is a name
      expect(screen).toContain('manquants : emplacement vide 2');
      expect(screen).toContain('dérogations poids : SUP1 2');
    }
  });

  it('scrolls to the end and no further', () => {
    const size = { columns: 40, rows: 16 };
    const max = siteScrollMax(data(), 'LYON', size, hubMonitorMessages('fr'));
    expect(max).toBeGreaterThan(0);
    const end = text(hubSiteScreen(data(), 'LYON', { ...main, screen: 'site', scroll: max + 10 }, size, fr));
    expect(end).toMatch(/Réappro : 4 demande\(s\), 40 u/);
    expect(text(hubSiteScreen(data(), 'LYON', { ...main, screen: 'site', scroll: max }, size, fr))).toBe(end);
  });

  it('a site without activity today says so', () => {
    expect(text(hubSiteScreen(data(), 'NYC', { ...main, screen: 'site' }, { columns: 80, rows: 24 }, en))).toContain('no activity today');
  });
});

describe('the chosen row as the agents come and go', () => {
  it('stays on its agent when a new one links above it, else on its place within the rows', () => {
    const before = data();
    const ann = { agentId: 'ANN-1', siteId: 'ANNECY', link: 'online' as const, lastEvent: null, backlog: 0, rejected: 0 };
    const after = { ...before, agents: [ann, ...before.agents] };
    expect(rowKept(before, after, 1)).toBe(2);
    expect(before.agents[1]!.agentId).toBe(after.agents[2]!.agentId);
    const gone = { ...before, agents: before.agents.slice(0, 1) };
    expect(rowKept(before, gone, 2)).toBe(0);
    expect(rowKept(null, before, 0)).toBe(0);
  });
});
