import { closeSync, openSync, readSync, statSync } from 'node:fs';
import blessed from 'blessed';
import { ScriptedTerminal } from '../commands/scripted-terminal.js';
import type { AgentStatus } from '../protocol/local-api.js';
import { QuaiError } from '../runtime/quai-error.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { monitorMessages, type MonitorMessages } from './monitor-messages.js';
import { formatLogLine, monitorPanels, type MonitorSample } from './monitor-view.js';

const NOTICE_MS = 5000;
const STATUS_TIMEOUT_MS = 5000;

export interface MonitorOptions {
  port: number;
  token: string;
  logFile: string | undefined;
  lang?: Lang;
  intervalMs?: number;
}

/** The last lines of a file, reading only its end. */
function tail(path: string, lines: number): string[] {
  let fd: number | undefined;
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fd = openSync(path, 'r');
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').split('\n').filter(Boolean).slice(-lines);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why the agent did not answer, in the monitor's words when it is one the link names. */
function unreachableReason(error: Error, m: MonitorMessages): string {
  if (error instanceof QuaiError && error.code === 'TERMINAL_TIMEOUT') return m.text('noAnswer', { seconds: STATUS_TIMEOUT_MS / 1000 });
  if (error instanceof QuaiError && error.code === 'TERMINAL_CLOSED') return m.text('linkClosed');
  return error.message;
}

/**
 * `quai monitor`: the supervisor's console for one agent, refreshed every second: hub link,
 * events waiting with a throughput sparkline, rejected events, devices with their last reading,
 * the latest scans, and the agent's log tail. Keyboard only: q quits, s syncs, r reloads the catalog.
 */
export async function runMonitor(options: MonitorOptions): Promise<void> {
  const m = monitorMessages(options.lang ?? langFromEnv(process.env));
  const color = !process.env.NO_COLOR;
  const link = await ScriptedTerminal.open(options.port, options.token);
  const screen = blessed.screen({ smartCSR: true, title: 'quai monitor', fullUnicode: true, forceUnicode: true, ...(color ? {} : { style: {} }) });
  const box = (label: string) => blessed.box({ parent: screen, label: ` ${label} `, border: { type: 'line' }, tags: color, style: color ? { border: { fg: 'gray' } } : {} });
  const place = (element: blessed.Widgets.BoxElement, top: number, left: number | string, width: number | string, height: number) => {
    element.top = top;
    element.left = left;
    element.width = width;
    element.height = Math.max(3, height);
  };
  const narrow = () => (screen.width as number) < 60;
  const header = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 3, tags: color });
  const events = box(m.text('events'));
  const devices = box(m.text('devices'));
  const rejected = box(m.text('rejected'));
  const scans = box(m.text('scans'));
  const log = box(m.text('log'));
  const footer = blessed.box({ parent: screen, bottom: 0, left: 0, width: '100%', height: 1, content: m.text('keys') });
  const layout = () => {
    const wide = !narrow();
    const height = screen.height as number;
    place(events, 3, 0, wide ? '50%' : '100%', 6);
    if (wide) place(devices, 3, '50%', '50%', 6);
    else place(devices, 9, 0, '100%', 4);
    place(rejected, 9, 0, '50%', 6);
    place(scans, 9, '50%', '50%', 6);
    place(log, wide ? 15 : 13, 0, '100%', height - (wide ? 16 : 14));
    if (wide) {
      rejected.show();
      scans.show();
    } else {
      rejected.hide();
      scans.hide();
    }
  };
  const samples: MonitorSample[] = [];
  let notice = '';
  let noticeUntil = 0;
  const tell = (text: string) => {
    notice = text;
    noticeUntil = Date.now() + NOTICE_MS;
  };
  let last: AgentStatus | undefined;

  const render = () => {
    layout();
    if (last) {
      const panels = monitorPanels(last, samples, m, { color, sparkWidth: Math.max(8, Math.floor((screen.width as number) / (narrow() ? 2 : 4))) });
      header.setContent(panels.header);
      events.setContent(panels.events);
      devices.setContent(panels.devices);
      rejected.setContent(panels.rejected);
      scans.setContent(panels.scans);
    }
    const room = Math.max(1, (log.height as number) - 2);
    log.setContent(options.logFile ? tail(options.logFile, room).map((line) => formatLogLine(line, m)).join('\n') : m.text('noLogFile'));
    // a notice takes the key line for a few seconds: at 40 columns there is no room for both
    footer.setContent(notice && Date.now() < noticeUntil ? notice : m.text('keys'));
    screen.render();
  };

  const refresh = async () => {
    try {
      const seen = link.messages.length;
      link.sendRaw(JSON.stringify({ type: 'status' }));
      const answer = await link.until(() => link.messages.slice(seen).find((m) => m.type === 'status'), 'status', STATUS_TIMEOUT_MS);
      if (answer.type !== 'status') return;
      last = answer.status;
      samples.push({ atMs: Date.now(), settledThrough: last.outbox.settledThrough });
      if (samples.length > 300) samples.shift();
      link.forget();
    } catch (error) {
      tell(m.text('unreachable', { reason: unreachableReason(error as Error, m) }));
      process.stdout.write('\x07');
    }
    render();
  };

  await refresh();
  const timer = setInterval(() => void refresh(), options.intervalMs ?? 1000);
  screen.on('resize', render);
  return new Promise((resolve) => {
    const quit = () => {
      clearInterval(timer);
      link.close();
      screen.destroy();
      resolve();
    };
    screen.key(['q', 'escape', 'C-c'], quit);
    screen.key(['s'], () => {
      link.sendRaw(JSON.stringify({ type: 'sync-now', catalog: false }));
      tell(m.text('syncAsked'));
      render();
    });
    screen.key(['r'], () => {
      link.sendRaw(JSON.stringify({ type: 'sync-now', catalog: true }));
      tell(m.text('reloadAsked'));
      render();
    });
  });
}
