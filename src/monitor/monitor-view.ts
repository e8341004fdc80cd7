import type { AgentStatus } from '../protocol/local-api.js';
import type { Translate } from '../tui/i18n/translate.js';

/** One status reading: when, and how far the outbox had got. */
export interface MonitorSample {
  atMs: number;
  settledThrough: number;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of the values, scaled to their maximum, the newest on the right. */
export function sparkline(values: number[], width: number): string {
  const shown = values.slice(-width);
  const max = Math.max(1, ...shown);
  return shown.map((v) => (v <= 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))])).join('');
}

/** Events settled per second between consecutive samples. */
export function ratesPerSecond(samples: MonitorSample[]): number[] {
  const rates: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i]!.atMs - samples[i - 1]!.atMs) / 1000;
    rates.push(seconds > 0 ? Math.max(0, samples[i]!.settledThrough - samples[i - 1]!.settledThrough) / seconds : 0);
  }
  return rates;
}

const hhmmss = (iso: string | null) => (iso ? iso.slice(11, 19) : '-');
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SHOWN_FIELDS = ['link', 'kind', 'reason', 'err', 'agentId', 'station', 'id', 'state', 'retryInMs', 'swept', 'events'];

/** A JSON log line (pino) as a supervisor reads it: time, level, message, the telling fields. */
export function formatLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '--:--:--';
    const fields = SHOWN_FIELDS.filter((f) => entry[f] !== undefined).map((f) => `${f}=${String(entry[f])}`);
    return `${time} ${(LEVELS[Number(entry.level)] ?? '?').padEnd(5)} ${String(entry.msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}`;
  } catch {
    return line;
  }
}

export interface MonitorPanels {
  header: string;
  events: string;
  rejected: string;
  devices: string;
  scans: string;
}

const SYMBOLS = { online: '●', offline: '○', connecting: '◌', closed: '○', ok: '✔', error: '✖', warn: '⚠' } as const;

/** The monitor's panels as text (blessed tags for colour unless `color` is off; symbols always). */
export function monitorPanels(status: AgentStatus, samples: MonitorSample[], t: Translate, options: { color: boolean; sparkWidth: number }): MonitorPanels {
  const paint = (colour: string, text: string) => (options.color ? `{${colour}-fg}${text}{/${colour}-fg}` : text);
  const linkColour = status.link === 'online' ? 'green' : status.link === 'connecting' ? 'yellow' : 'red';
  const rates = ratesPerSecond(samples);
  const rate = rates.at(-1) ?? 0;
  const loading = status.loading ? `  ⟳ ${status.loading.stream} ${Math.floor((100 * status.loading.done) / Math.max(1, status.loading.total))} %` : '';
  return {
    header: `${t('monitor.title', { agent: status.agentId, site: status.siteId })}\n${t('monitor.link')} ${paint(linkColour, `${SYMBOLS[status.link]} ${t(`status.${status.link}`)}`)} | ${t('monitor.lastSync', { at: hhmmss(status.lastSyncAt) })}${loading}`,
    events: [
      `${status.pending > 0 ? SYMBOLS.warn : SYMBOLS.ok} ${t('monitor.pending', { n: status.pending })}`,
      `${status.awaitingOutcome > 0 ? '◌' : SYMBOLS.ok} ${t('monitor.awaiting', { n: status.awaitingOutcome })}`,
      status.rejected > 0 ? paint('red', `${SYMBOLS.error} ${t('monitor.rejectedCount', { n: status.rejected })}`) : `${SYMBOLS.ok} ${t('monitor.rejectedCount', { n: 0 })}`,
      `${sparkline(rates, options.sparkWidth)} ${t('monitor.rate', { rate: rate.toFixed(rate < 10 ? 1 : 0) })}`,
    ].join('\n'),
    rejected: status.rejectedEvents.length ? status.rejectedEvents.map((e) => `#${e.seq} ${e.type}: ${e.reason ?? ''}`).join('\n') : t('monitor.noneRejected'),
    devices: status.devices.length
      ? status.devices.map((d) => `${d.state === 'online' ? SYMBOLS.ok : paint('red', SYMBOLS.error)} ${d.station} ${d.id} ${d.state}${d.lastReading ? ` | ${d.lastReading}` : ''}${d.reason ? ` (${d.reason})` : ''}`).join('\n')
      : t('monitor.noDevices'),
    scans: status.recentScans.length
      ? status.recentScans.map((s) => `${hhmmss(s.at)} ${s.station} ${s.raw ?? ''} ${s.outcomeLevel === 'error' ? paint('red', `${SYMBOLS.error} ${s.outcomeCode ?? ''}`) : `${SYMBOLS.ok} ${s.outcomeCode ?? ''}`}`).join('\n')
      : t('monitor.noScans'),
  };
}
