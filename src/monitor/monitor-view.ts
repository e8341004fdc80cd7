import type { AgentStatus } from '../protocol/local-api.js';
import type { MonitorMessages } from './monitor-messages.js';

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

const hhmmss = (iso: string) => iso.slice(11, 19);
const SHOWN_FIELDS = ['link', 'kind', 'reason', 'err', 'agentId', 'station', 'id', 'state', 'retryInMs', 'swept', 'events'];

/**
 * A JSON log line (pino) as a supervisor reads it: time, level (in the monitor's language),
 * message, the telling fields. The message and fields are the agent's log as written.
 */
export function formatLogLine(line: string, m: MonitorMessages): string {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '--:--:--';
    const fields = SHOWN_FIELDS.filter((f) => entry[f] !== undefined).map((f) => `${f}=${String(entry[f])}`);
    return `${time} ${m.level(entry.level)} ${String(entry.msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}`;
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
export function monitorPanels(status: AgentStatus, samples: MonitorSample[], m: MonitorMessages, options: { color: boolean; sparkWidth: number }): MonitorPanels {
  const paint = (colour: string, text: string) => (options.color ? `{${colour}-fg}${text}{/${colour}-fg}` : text);
  const linkColour = status.link === 'online' ? 'green' : status.link === 'connecting' ? 'yellow' : 'red';
  const rates = ratesPerSecond(samples);
  const rate = rates.at(-1) ?? 0;
  const loading = status.loading
    ? `  ${m.text('loading', { stream: m.stream(status.loading.stream), percent: Math.floor((100 * status.loading.done) / Math.max(1, status.loading.total)) })}`
    : '';
  const lastSync = status.lastSyncAt ? hhmmss(status.lastSyncAt) : m.text('never');
  const outcome = (level: string | null, code: string | null) => {
    const label = code === null ? '' : m.outcome(code);
    return level === 'error' ? paint('red', `${SYMBOLS.error} ${label}`) : `${SYMBOLS.ok} ${label}`;
  };
  return {
    header: `${m.text('title', { agent: status.agentId, site: status.siteId })}\n${m.text('link')} ${paint(linkColour, `${SYMBOLS[status.link]} ${m.link(status.link)}`)} | ${m.text('lastSync', { at: lastSync })}${loading}`,
    events: [
      `${status.pending > 0 ? SYMBOLS.warn : SYMBOLS.ok} ${m.text('pending', { n: status.pending })}`,
      `${status.awaitingOutcome > 0 ? '◌' : SYMBOLS.ok} ${m.text('awaiting', { n: status.awaitingOutcome })}`,
      status.rejected > 0 ? paint('red', `${SYMBOLS.error} ${m.text('rejectedCount', { n: status.rejected })}`) : `${SYMBOLS.ok} ${m.text('rejectedCount', { n: 0 })}`,
      `${sparkline(rates, options.sparkWidth)} ${m.text('rate', { rate: rate.toFixed(rate < 10 ? 1 : 0) })}`,
      // PIN guessing is a supervisor's business too: a locked code, or wrong PINs piling up
      ...status.supervisorLockouts.map((l) =>
        l.locked && l.lockedUntil
          ? paint('red', `${SYMBOLS.error} ${m.text('supervisorLocked', { supervisor: l.supervisor, until: hhmmss(l.lockedUntil) })}`)
          : `${SYMBOLS.warn} ${m.text('supervisorWrongPins', { supervisor: l.supervisor, n: l.failures })}`,
      ),
    ].join('\n'),
    // the reason is the ERP's own words
    rejected: status.rejectedEvents.length ? status.rejectedEvents.map((e) => `#${e.seq} ${m.eventType(e.type)}: ${e.reason ?? ''}`).join('\n') : m.text('noneRejected'),
    devices: status.devices.length
      ? status.devices
          .map((d) => `${d.state === 'online' ? SYMBOLS.ok : paint('red', SYMBOLS.error)} ${d.station} ${d.id} ${m.deviceState(d.state)}${d.lastReading ? ` | ${d.lastReading}` : ''}${d.reason ? ` (${d.reason})` : ''}`)
          .join('\n')
      : m.text('noDevices'),
    // a wedge burst read through a keyboard layout: the burst, then what it was read as
    scans: status.recentScans.length ? status.recentScans.map((s) => `${hhmmss(s.at)} ${s.station} ${s.raw ?? ''}${s.remapped ? ` → ${s.remapped.text} (${s.remapped.layout})` : ''} ${outcome(s.outcomeLevel, s.outcomeCode)}`).join('\n') : m.text('noScans'),
  };
}
