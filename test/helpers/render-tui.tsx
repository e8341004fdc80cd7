import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { AgentLink, LinkSnapshot } from '../../src/tui/agent-link.js';
import type { ClientIntent, FeedbackView, StationStatus, StationView } from '../../src/protocol/local-api.js';
import { App } from '../../src/tui/app.js';
import { createTranslator, type Lang } from '../../src/tui/i18n/translate.js';
import { createTheme } from '../../src/tui/theme.js';
import type { WedgeSettings } from '../../src/tui/wedge-detector.js';
import { waitFor } from './wait-for.js';

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** What the terminal asked of the agent, in order. */
export type Sent = ClientIntent | { type: 'reprint' } | { type: 'scale'; command: string };

/** The site's zone and the instant "now" of a rendered terminal unless a test gives its own: relative times stay the same from run to run. */
export const SITE_TIME_ZONE = 'Europe/Paris';
export const SITE_NOW = Date.parse('2026-11-30T09:00:00Z');

export const STATUS: StationStatus = { station: 'PICK-1', operator: { code: 'OP01', name: 'Marie Dupont' }, link: 'online', pending: 0, rejected: 0, loading: null, scale: null, devicesOffline: [] };

export interface RenderedTui {
  /** Keys as a terminal sends them: `\r` Enter, `\t` Tab, `\x1b` Esc, `\x1b[A` up, `\x1b[B` down. */
  press(keys: string): Promise<void>;
  frame(): string;
  lines(): string[];
  sent: Sent[];
  bells: number;
  /** Whether the link says an intent is unanswered (its result and view not come): keys typed meanwhile wait. */
  answering: boolean;
  show(view: StationView, patch?: Partial<Omit<LinkSnapshot, 'view'>>): void;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the App has exited (Ctrl+C). */
  exited: Promise<unknown>;
  unmount(): void;
}

/**
 * The real App rendered by Ink into a terminal of the given size, with a link that records what
 * it would send: screens' keys tested through stdin, frames read back as the operator sees them.
 */
export function renderTui(
  view: StationView,
  options: {
    columns?: number;
    rows?: number;
    lang?: Lang;
    status?: Partial<StationStatus>;
    feedback?: FeedbackView | null;
    wedge?: WedgeSettings;
    clock?: () => number;
    timeZone?: string;
    /** As a real link: each intent sent is unanswered (keys wait) until the test `show`s the agent's answer. */
    answers?: boolean;
  } = {},
): RenderedTui {
  const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stdin = new FakeStdin();
  const listeners = new Set<(s: LinkSnapshot) => void>();
  const sent: Sent[] = [];
  let snapshot: LinkSnapshot = { phase: 'ready', view, status: { ...STATUS, ...options.status }, feedback: options.feedback ?? null, timeZone: options.timeZone ?? SITE_TIME_ZONE };
  const state = { bells: 0, answering: false };
  const link = {
    get current() {
      return snapshot;
    },
    subscribe: (l: (s: LinkSnapshot) => void) => (listeners.add(l), () => void listeners.delete(l)),
    send: (intent: ClientIntent) => {
      sent.push(intent);
      if (options.answers) state.answering = true;
    },
    get answering() {
      return state.answering;
    },
    scale: (command: string) => void sent.push({ type: 'scale', command }),
    reprint: () => void sent.push({ type: 'reprint' }),
  } as unknown as AgentLink;
  const instance: Instance = render(<App link={link} clock={options.clock ?? (() => SITE_NOW)} {...(options.wedge && { wedge: options.wedge })} t={createTranslator(options.lang ?? 'fr')} theme={createTheme({ NO_COLOR: '1' })} bell={() => void state.bells++} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => stdout.frames.at(-1) ?? '';
  return {
    async press(keys) {
      const before = stdout.frames.length;
      stdin.write(keys);
      // a key that changes nothing on screen draws no frame: a short settle is the only signal
      await waitFor(() => stdout.frames.length > before, 'a frame', 200, 5).catch(() => undefined);
    },
    frame,
    lines: () => frame().split('\n'),
    sent,
    get bells() {
      return state.bells;
    },
    get answering() {
      return state.answering;
    },
    set answering(value: boolean) {
      state.answering = value;
    },
    show(next, patch = {}) {
      if (options.answers) state.answering = false;
      snapshot = { ...snapshot, ...patch, view: next };
      for (const l of listeners) l(snapshot);
    },
    waitForText: async (text, timeoutMs = 2000) => {
      await waitFor(() => (typeof text === 'string' ? frame().includes(text) : text.test(frame())), () => `a frame showing ${String(text)}, last:\n${frame()}`, timeoutMs, 5);
      return frame();
    },
    exited: instance.waitUntilExit(),
    unmount: () => instance.unmount(),
  };
}
