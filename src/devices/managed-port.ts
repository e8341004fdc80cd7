import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { backoffDelay } from '../runtime/backoff.js';
import type { SerialSettings } from './serial-settings.js';

export type PortState =
  | { state: 'connecting' }
  | { state: 'online' }
  | { state: 'offline'; reason: string }
  | { state: 'closed' };

/** The stream API both SerialPort and SerialPortMock offer. */
export interface SerialStream extends EventEmitter {
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer | string, callback: (error: Error | null | undefined) => void): boolean;
  close(callback?: (error: Error | null) => void): void;
  readonly isOpen: boolean;
}

export type PortFactory = (settings: SerialSettings & { autoOpen: false }) => SerialStream;

export const realPortFactory: PortFactory = (settings) => new SerialPort({ ...settings, lock: true }) as unknown as SerialStream;

export interface ManagedPortOptions {
  factory?: PortFactory;
  /** Reconnect backoff: starts at base, capped so a replugged device is back within ~1 s. */
  reconnectBaseMs?: number;
  reconnectCapMs?: number;
}

/**
 * One serial device's port, kept open: a data listener is attached at once (an unplug is only
 * noticed by a reader), a deliberate close is told apart from an unplug, and after any loss a
 * new SerialPort is made (a destroyed one cannot be reopened), with jittered capped backoff.
 */
export class ManagedPort extends EventEmitter<{ data: [Buffer]; state: [PortState] }> {
  private port: SerialStream | undefined;
  private attempt = 0;
  private closing = false;
  private timer: NodeJS.Timeout | undefined;
  current: PortState = { state: 'closed' };

  constructor(
    readonly settings: SerialSettings,
    private readonly options: ManagedPortOptions = {},
  ) {
    super();
  }

  open(): void {
    this.closing = false;
    this.connect();
  }

  get isOnline(): boolean {
    return this.current.state === 'online';
  }

  write(data: Buffer | string): Promise<void> {
    const port = this.port;
    if (!port || !this.isOnline) return Promise.reject(new Error(`${this.settings.path} is not online`));
    return new Promise((resolve, reject) => {
      port.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** A deliberate close: no reconnection follows. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setState({ state: 'closed' });
  }

  private setState(state: PortState): void {
    this.current = state;
    this.emit('state', state);
  }

  private connect(): void {
    if (this.closing) return;
    this.setState({ state: 'connecting' });
    let port: SerialStream;
    try {
      port = (this.options.factory ?? realPortFactory)({ ...this.settings, autoOpen: false });
    } catch (error) {
      this.lost(undefined, (error as Error).message);
      return;
    }
    this.port = port;
    port.on('data', (data: Buffer) => this.emit('data', data));
    port.on('error', (error: Error) => this.lost(port, error.message));
    port.on('close', (error?: Error) => this.lost(port, error?.message ?? 'port closed'));
    port.open((error) => {
      if (error) return this.lost(port, error.message);
      if (port !== this.port) return;
      this.attempt = 0;
      this.setState({ state: 'online' });
    });
  }

  private lost(port: SerialStream | undefined, reason: string): void {
    if (port && port !== this.port) return; // a late event from a port already given up
    this.port = undefined;
    port?.removeAllListeners('data');
    if (this.closing) return;
    this.setState({ state: 'offline', reason });
    const delay = backoffDelay(this.attempt++, this.options.reconnectBaseMs ?? 100, this.options.reconnectCapMs ?? 1000);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
