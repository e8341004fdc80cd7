import type { FigureCount, Figures, FloorMetric } from '../domain/floor-figures.js';
import { localDay, timeAgo } from '../tui/i18n/relative-time.js';
import type { HubMonitorMessages } from './hub-monitor-messages.js';
import { sparkline } from './monitor-view.js';

/**
 * What the hub monitor draws (the hub's `hubOverview`, read by the command layer from the hub's
 * store): the ERP link, each agent's link and inbox, each site's today.
 */
export interface HubMonitorData {
  /** When it was read (ISO). */
  at: string;
  erp: { name: string; state: 'up' | 'down'; lastPullAt: string | null; lastError: string | null; lastErrorAt: string | null };
  agents: { agentId: string; siteId: string; link: 'online' | 'offline'; lastEvent: { at: string; type: string } | null; backlog: number; rejected: number }[];
  sites: {
    siteId: string;
    timeZone: string;
    day: string;
    figures: Figures;
    linesPerHour: number | null;
    hours: { label: string; lines: number; units: number }[];
    operators: { operator: string | null; hoursWorked: number; linesPerHour: number | null; unitsPerHour: number | null; figures: Figures }[];
  }[];
}

/** Where the supervisor is: the agent row chosen, the screen, the site view's scroll, the help shown. */
export interface HubMonitorState {
  selected: number;
  screen: 'main' | 'site';
  scroll: number;
  help: boolean;
  /** Why the last read failed (the store unreachable), null when it worked. */
  error: string | null;
}

/** A line of the screen, at most the screen's width: `selected` is the row chosen (drawn inverse in colour). */
export interface ScreenLine {
  text: string;
  selected?: boolean;
}

export interface ScreenSize {
  columns: number;
  rows: number;
}

const SYMBOLS = { online: '●', offline: '○', selected: '▶' } as const;
const figure = (figures: Figures, metric: keyof Figures): FigureCount => figures[metric];

/**
 * The agent row chosen once `next` is read, `selected` being the row chosen in `previous`: the same
 * agent wherever its row went (a new agent links above it), else the same place, within the rows.
 */
export function rowKept(previous: HubMonitorData | null, next: HubMonitorData, selected: number): number {
  const chosen = previous?.agents[selected]?.agentId;
  const kept = next.agents.findIndex((agent) => agent.agentId === chosen);
  return kept >= 0 ? kept : Math.min(selected, Math.max(0, next.agents.length - 1));
}

/** `text` cut or padded to `width` characters (`end` pads on the left: numbers). */
export function fit(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? chars[0]! : `${chars.slice(0, width - 1).join('')}…`;
  return align === 'end' ? text.padStart(width) : text.padEnd(width);
}

/** `text` cut to `width` characters, an ellipsis marking the cut; never padded. */
function clip(text: string, width: number): string {
  return [...text].length > width ? fit(text, width) : text;
}

/** Segments joined by `gap` (two spaces), wrapped at `width` (a segment wider than the line is cut). */
export function wrapSegments(segments: string[], width: number, indent = '', gap = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const segment of segments) {
    const next = line ? `${line}${gap}${segment}` : `${indent}${segment}`;
    if (line && [...next].length > width) {
      lines.push(clip(line, width));
      line = `${indent}${segment}`;
    } else line = next;
  }
  if (line) lines.push(clip(line, width));
  return lines;
}

/** The help text, wrapped by words at `width`. */
const helpLines = (m: HubMonitorMessages, width: number, intervalMs: number): ScreenLine[] => wrapSegments(m.text('help', { seconds: m.number(intervalMs / 1000) }).split(' '), width, '', ' ').map((text) => ({ text }));

/** A day's values per hour as a sparkline, one character per hour of the site's day (23, 24 or 25), `·` for an hour with none. */
export function daySparkline(values: number[]): string {
  return sparkline(values, values.length).replace(/ /g, '·');
}

/** "detail count" pairs of a figure's details in words, most first: `Emplacement vide 2, Article abîmé 1`; `none` when empty. */
function details(figures: Figures, metric: FloorMetric, m: HubMonitorMessages): string {
  const entries = Object.entries(figures[metric].by).sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  return entries.length ? entries.map(([detail, c]) => `${m.detail(metric, detail)} ${c.n}`).join(', ') : m.text('none');
}

/** A site's figures of the day as short segments (orders, lines, shorts, weighings, discrepancies, variances, replenishments). */
export function figureSegments(site: HubMonitorData['sites'][number], m: HubMonitorMessages): string[] {
  const f = site.figures;
  const weight = {
    passed: figure(f, 'weight.passed').n,
    failed: figure(f, 'weight.failed').n,
    overridden: figure(f, 'weight.overridden').n,
  };
  return [
    m.text('orders', { picked: figure(f, 'order.picked').n, packed: figure(f, 'order.packed').n, shipped: figure(f, 'order.shipped').n }),
    m.text('lines', { lines: figure(f, 'pick.line').n, units: m.number(figure(f, 'pick.line').quantity), rate: site.linesPerHour === null ? '-' : m.number(site.linesPerHour) }),
    m.text('shorts', { n: figure(f, 'pick.short').n }),
    m.text('weight', weight),
    m.text('receipts', { off: figure(f, 'receipt.closed').by.discrepancy?.n ?? 0, closed: figure(f, 'receipt.closed').n, n: figure(f, 'receipt.discrepancy').n }),
    m.text('counts', { n: figure(f, 'count.variance').n }),
    m.text('replenish', { n: figure(f, 'replenishment.requested').n }),
  ];
}

/** The ERP link's line: `ERP tryton ✖ failing since 3 min ago: …` / `ERP embedded ● up` (`ERP intégré` in French). */
function erpLine(data: HubMonitorData, m: HubMonitorMessages, now: number): string {
  const { erp } = data;
  const ago = (at: string | null) => (at ? timeAgo(Date.parse(at), now, m.lang) : m.text('never'));
  // the reference ERP in the hub's own store is said in words; Tryton is a name
  const name = erp.name === 'embedded' ? m.text('erpEmbedded') : erp.name;
  if (erp.state === 'down') return `${m.text('erp', { name })} ✖ ${m.text('erpDownSince', { ago: ago(erp.lastErrorAt), error: erp.lastError ?? '' })}`;
  return `${m.text('erp', { name })} ● ${m.text('erpUp')}${erp.lastPullAt ? ` · ${m.text('erpLastPull', { ago: ago(erp.lastPullAt) })}` : ''}`;
}

/** The widths of the agent table's columns at `columns`: link shows its word from 60 columns, the last event its type from 100. */
function agentColumns(columns: number) {
  const narrow = columns < 60;
  const wide = columns >= 100;
  const widths = narrow ? { link: 1, site: 7, agent: 8, backlog: 4, rejected: 4 } : wide ? { link: 12, site: 16, agent: 16, backlog: 7, rejected: 8 } : { link: 12, site: 10, agent: 11, backlog: 6, rejected: 7 };
  const last = Math.max(6, columns - 2 - widths.link - widths.site - widths.agent - widths.backlog - widths.rejected - 5);
  return { ...widths, last, narrow, wide };
}

function agentHeader(columns: number, m: HubMonitorMessages): string {
  const c = agentColumns(columns);
  return fit(`  ${fit(c.narrow ? '' : m.text('colLink'), c.link)} ${fit(m.text('colSite'), c.site)} ${fit(m.text('colAgent'), c.agent)} ${fit(m.text('colLast'), c.last)} ${fit(m.text('colBacklog'), c.backlog, 'end')} ${fit(m.text('colRejected'), c.rejected, 'end')}`, columns);
}

function agentRow(agent: HubMonitorData['agents'][number], selected: boolean, columns: number, m: HubMonitorMessages, now: number): string {
  const c = agentColumns(columns);
  const symbol = SYMBOLS[agent.link];
  const link = c.narrow ? symbol : `${symbol} ${m.text(agent.link)}`;
  const last = agent.lastEvent ? `${timeAgo(Date.parse(agent.lastEvent.at), now, m.lang)}${c.wide ? ` · ${agent.lastEvent.type}` : ''}` : m.text('never');
  return fit(`${selected ? SYMBOLS.selected : ' '} ${fit(link, c.link)} ${fit(agent.siteId, c.site)} ${fit(agent.agentId, c.agent)} ${fit(last, c.last)} ${fit(String(agent.backlog), c.backlog, 'end')} ${fit(String(agent.rejected), c.rejected, 'end')}`, columns);
}

/** A site's title: `LYON · 30/11/2026 (Europe/Paris)` and, where it fits on the line, its day's sparkline. */
function siteTitle(site: HubMonitorData['sites'][number], columns: number, m: HubMonitorMessages): string[] {
  const title = m.text('siteTitle', { site: site.siteId, day: localDay(site.day, m.lang), zone: site.timeZone });
  const spark = daySparkline(site.hours.map((h) => h.lines));
  return [...title].length + 2 + spark.length <= columns ? [`${title}${' '.repeat(columns - [...title].length - spark.length)}${spark}`] : [fit(title, columns), fit(`${m.text('sparkLines')} ${spark}`, columns)];
}

/** The last line: the store's fault while there is one, else the keys. */
function footer(state: HubMonitorState, m: HubMonitorMessages, columns: number, intervalMs: number): ScreenLine {
  if (state.error) return { text: fit(m.text('unreachable', { reason: state.error, seconds: m.number(intervalMs / 1000) }), columns) };
  return { text: fit(m.text(state.screen === 'main' ? 'keysMain' : 'keysSite'), columns) };
}

/** Fills or cuts `body` to `rows - 1` lines and adds the footer: exactly `rows` lines. */
function frame(body: ScreenLine[], size: ScreenSize, last: ScreenLine): ScreenLine[] {
  const room = Math.max(0, size.rows - 1);
  const shown = body.slice(0, room);
  while (shown.length < room) shown.push({ text: '' });
  return [...shown, last];
}

export interface ViewContext {
  m: HubMonitorMessages;
  /** Now, ms since the epoch: relative times are read from it. */
  now: number;
  intervalMs: number;
}

/**
 * The main screen: title and ERP link, one row per agent (link symbol and word, site, agent, last
 * event how long ago, events waiting, rejected), then each site's today, the chosen site first;
 * exactly `size.rows` lines of at most `size.columns` characters.
 */
export function hubMainScreen(data: HubMonitorData | null, state: HubMonitorState, size: ScreenSize, ctx: ViewContext): ScreenLine[] {
  const { m, now } = ctx;
  const { columns } = size;
  const body: ScreenLine[] = [];
  const read = data ? m.text('readAt', { time: data.at.slice(11, 19) }) : '';
  const title = m.text('title', { sites: data?.sites.length ?? 0 });
  body.push({ text: [...title].length + 2 + read.length <= columns ? `${title}${' '.repeat(columns - [...title].length - read.length)}${read}` : fit(title, columns) });
  if (state.help) return frame([...body, ...helpLines(m, columns, ctx.intervalMs)], size, footer(state, m, columns, ctx.intervalMs));
  if (!data) return frame(body, size, footer(state, m, columns, ctx.intervalMs));
  body.push({ text: fit(erpLine(data, m, now), columns) });
  if (data.agents.length === 0) return frame([...body, { text: fit(m.text('noAgents'), columns) }], size, footer(state, m, columns, ctx.intervalMs));
  body.push({ text: agentHeader(columns, m) });
  // the agent rows take at most half the screen, the chosen one always in view
  const rowRoom = Math.max(1, Math.min(data.agents.length, Math.floor((size.rows - 4) / 2)));
  const first = Math.min(Math.max(0, state.selected - rowRoom + 1), data.agents.length - rowRoom);
  data.agents.slice(first, first + rowRoom).forEach((agent, i) => body.push({ text: agentRow(agent, first + i === state.selected, columns, m, now), selected: first + i === state.selected }));
  const chosen = data.agents[state.selected]?.siteId;
  const sites = [...data.sites].sort((a, b) => Number(b.siteId === chosen) - Number(a.siteId === chosen));
  const room = size.rows - 1 - body.length - 1;
  const blocks: string[][] = [];
  let used = 0;
  for (const site of sites) {
    const block = [...siteTitle(site, columns, m), ...wrapSegments(figureSegments(site, m), columns, ' ')];
    if (used + block.length > room - (blocks.length + 1 < sites.length ? 1 : 0)) break;
    blocks.push(block);
    used += block.length;
  }
  body.push({ text: [...`─ ${m.text('today')} ${'─'.repeat(columns)}`].slice(0, columns).join('') });
  for (const block of blocks) body.push(...block.map((text) => ({ text })));
  if (blocks.length < sites.length) body.push({ text: fit(m.text('moreSites', { n: sites.length - blocks.length }), columns) });
  return frame(body, size, footer(state, m, columns, ctx.intervalMs));
}

/** The operator table's columns at `columns`: receipts, counts and replenishments from 60 columns. */
function operatorRow(cells: string[], columns: number): string {
  const narrow = columns < 60;
  const widths = narrow ? [9, 6, 6, 6, 6] : [12, 7, 7, 6, 6, 15, 6, 6, 6];
  return fit(cells.slice(0, widths.length).map((cell, i) => fit(cell, widths[i]!, i === 0 ? 'start' : 'end')).join(' '), columns);
}

/** The site view's fixed head (title, agents) and its body (what scrolls), `null` body when the store knows no figures of the site. */
function siteParts(data: HubMonitorData, siteId: string, columns: number, m: HubMonitorMessages): { head: string[]; body: string[] | null } {
  const site = data.sites.find((s) => s.siteId === siteId);
  const agents = fit(
    data.agents
      .filter((a) => a.siteId === siteId)
      .map((a) => `${SYMBOLS[a.link]} ${a.agentId}`)
      .join('  '),
    columns,
  );
  if (!site) return { head: [fit(siteId, columns), agents], body: null };
  const head = [fit(m.text('siteTitle', { site: site.siteId, day: localDay(site.day, m.lang), zone: site.timeZone }), columns), agents];
  const label = (key: 'sparkLines' | 'sparkUnits') => fit(m.text(key), 9);
  const hoursShown = `${site.hours[0]?.label ?? ''}–${site.hours.at(-1)?.label ?? ''}`;
  const body: string[] = [
    fit(`${label('sparkLines')} ${daySparkline(site.hours.map((h) => h.lines))} ${hoursShown}`, columns),
    fit(`${label('sparkUnits')} ${daySparkline(site.hours.map((h) => h.units))}`, columns),
    ...wrapSegments(figureSegments(site, m), columns),
    '',
    operatorRow([m.text('colOperator'), m.text('colLines'), m.text('colUnits'), m.text('colRate'), m.text('colShort'), `${m.text('colWeight')} ✔/✖/⚑`, m.text('colReceipts'), m.text('colCounts'), m.text('colReplenish')], columns),
  ];
  if (site.operators.length === 0) body.push(fit(m.text('noOperators'), columns));
  for (const o of site.operators) {
    const f = o.figures;
    const weighings = [figure(f, 'weight.passed').n, figure(f, 'weight.failed').n, figure(f, 'weight.overridden').n].join('/');
    const cells = [o.operator ?? '-', String(figure(f, 'pick.line').n), m.number(figure(f, 'pick.line').quantity), o.linesPerHour === null ? '-' : m.number(o.linesPerHour), String(figure(f, 'pick.short').n), weighings];
    body.push(operatorRow([...cells, String(figure(f, 'receipt.discrepancy').n), String(figure(f, 'count.variance').n), String(figure(f, 'replenishment.requested').n)], columns));
    const why = [
      ...(figure(f, 'pick.short').n ? [m.text('shortReasons', { list: details(f, 'pick.short', m) })] : []),
      ...(figure(f, 'weight.overridden').n ? [m.text('overriddenBy', { list: details(f, 'weight.overridden', m) })] : []),
    ];
    body.push(...wrapSegments(why, columns, '   '));
  }
  const f = site.figures;
  body.push(
    '',
    ...wrapSegments([m.text('siteShorts', { list: details(f, 'pick.short', m) })], columns),
    ...wrapSegments([m.text('siteOverrides', { list: details(f, 'weight.overridden', m) })], columns),
    ...wrapSegments([m.text('siteReceipts', { lines: figure(f, 'receipt.line').n, units: m.number(figure(f, 'receipt.line').quantity), list: details(f, 'receipt.discrepancy', m) })], columns),
    ...wrapSegments([m.text('siteCounts', { lines: figure(f, 'count.line').n, n: figure(f, 'count.variance').n, units: m.number(figure(f, 'count.variance').quantity) })], columns),
    ...wrapSegments([m.text('siteReplenish', { n: figure(f, 'replenishment.requested').n, units: m.number(figure(f, 'replenishment.requested').quantity) })], columns),
  );
  return { head, body };
}

/** How far the site view scrolls at `size`: its body's lines beyond the screen. */
export function siteScrollMax(data: HubMonitorData, siteId: string, size: ScreenSize, m: HubMonitorMessages): number {
  const { head, body } = siteParts(data, siteId, size.columns, m);
  return Math.max(0, (body?.length ?? 0) - Math.max(0, size.rows - 1 - head.length));
}

/**
 * The site view: its title and agents, pick lines and units per hour of its day as sparklines, its
 * figures, one row per operator (lines, units, lines per hour, shorts, weighings, discrepancies,
 * variances, replenishments) with their short picks' reasons and the supervisors who overrode a
 * weight, then the site's details; the body scrolls by `state.scroll`. Exactly `size.rows` lines.
 */
export function hubSiteScreen(data: HubMonitorData, siteId: string, state: HubMonitorState, size: ScreenSize, ctx: ViewContext): ScreenLine[] {
  const { m } = ctx;
  const { head, body } = siteParts(data, siteId, size.columns, m);
  const last = footer(state, m, size.columns, ctx.intervalMs);
  const top = head.map((text) => ({ text }));
  if (state.help) return frame([...top, ...helpLines(m, size.columns, ctx.intervalMs)], size, last);
  const scroll = Math.min(state.scroll, siteScrollMax(data, siteId, size, m));
  return frame([...top, ...(body ?? []).slice(scroll).map((text) => ({ text }))], size, last);
}

/**
 * A line as blessed draws it: braces escaped; in colour, link and fault symbols coloured and the
 * chosen row inverse. Without colour (NO_COLOR) the text as is: the symbols say it all.
 */
export function paintLine(line: ScreenLine, color: boolean): string {
  const escaped = line.text.replace(/[{}]/g, (brace) => (brace === '{' ? '{open}' : '{close}'));
  if (!color) return escaped;
  const painted = escaped.replace(/●/g, '{green-fg}●{/green-fg}').replace(/○/g, '{red-fg}○{/red-fg}').replace(/✖/g, '{red-fg}✖{/red-fg}').replace(/⚑/g, '{yellow-fg}⚑{/yellow-fg}');
  return line.selected ? `{inverse}${painted}{/inverse}` : painted;
}
