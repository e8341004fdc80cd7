import { EventEmitter } from 'node:events';
import type { ScaleConfig } from '../device-config.js';
import { LineFramer } from '../line-framer.js';
import { ManagedPort, type ManagedPortOptions, type PortState } from '../managed-port.js';
import { continuousPattern, parseContinuousLine } from './continuous.js';
import { MT_SICS, parseMtSicsLine } from './mt-sics.js';
import type { ScaleFrame } from './scale-frame.js';
import { StableWeightFilter, type WeighEvent } from './stable-weight-filter.js';
import { TOLEDO_8217, parseToledoFrame } from './toledo-8217.js';

/** A polled scale gets this many poll periods (at least 300 ms) to answer before it is asked again. */
const ANSWER_PERIODS = 5;

export type ScaleCommand = 'zero' | 'tare' | 'clear-tare';

interface ProtocolAdapter {
  delimiter: string;
  parse(frame: string, lastCommand: string): ScaleFrame;
  poll?: string;
  commands: Record<ScaleCommand, string | undefined>;
}

function adapterFor(config: ScaleConfig): ProtocolAdapter {
  switch (config.protocol) {
    case 'mt-sics':
      return { delimiter: MT_SICS.delimiter, parse: (f) => parseMtSicsLine(f), poll: MT_SICS.poll, commands: { zero: MT_SICS.zero, tare: MT_SICS.tare, 'clear-tare': MT_SICS.clearTare } };
    case 'toledo-8217':
      return { delimiter: TOLEDO_8217.delimiter, parse: parseToledoFrame, poll: TOLEDO_8217.poll, commands: { zero: TOLEDO_8217.zero, tare: TOLEDO_8217.tare, 'clear-tare': TOLEDO_8217.clearTare } };
    case 'continuous': {
      const pattern = config.pattern ? continuousPattern(config.pattern) : undefined;
      // continuous-output indicators usually take Z and T on their input line; ask, never assume
      return { delimiter: '\n', parse: (f) => parseContinuousLine(f.replace(/\r$/, ''), pattern), commands: { zero: 'Z\r\n', tare: 'T\r\n', 'clear-tare': undefined } };
    }
  }
}

/**
 * A scale on a serial port: polls it (MT-SICS, Toledo 8217) or listens to it (continuous),
 * parses each frame, and runs the stable-weight filter. One question at a time: MT-SICS
 * answers out of order or not at all when asked twice.
 */
export class ScaleDevice extends EventEmitter<{ frame: [ScaleFrame]; weigh: [WeighEvent]; state: [PortState] }> {
  readonly port: ManagedPort;
  readonly filter: StableWeightFilter;
  private readonly adapter: ProtocolAdapter;
  private readonly framer: LineFramer;
  private pollTimer: NodeJS.Timeout | undefined;
  private outstanding: { command: string; sentAt: number } | undefined;
  private readonly queue: string[] = [];

  constructor(
    readonly config: ScaleConfig,
    portOptions: ManagedPortOptions = {},
    private readonly clock: () => number = () => performance.now(),
  ) {
    super();
    this.adapter = adapterFor(config);
    this.framer = new LineFramer(this.adapter.delimiter, 256);
    this.filter = new StableWeightFilter(config.filter);
    this.port = new ManagedPort(config.serial, portOptions);
    this.port.on('data', (data) => this.onData(data));
    this.port.on('state', (state) => {
      this.outstanding = undefined;
      this.framer.reset();
      this.emit('state', state);
    });
  }

  start(): void {
    this.port.open();
    if (this.adapter.poll) this.pollTimer = setInterval(() => this.tick(), this.config.pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.pollTimer);
    await this.port.close();
  }

  /** Queues a zero, tare or clear-tare; refused when the protocol has no such command. */
  command(command: ScaleCommand): boolean {
    const bytes = this.adapter.commands[command];
    if (!bytes) return false;
    // a polled scale gets it as its next question; a streaming one at once
    if (this.adapter.poll) this.queue.push(bytes);
    else void this.send(bytes);
    return true;
  }

  private tick(): void {
    if (!this.port.isOnline) return;
    if (this.outstanding && this.clock() - this.outstanding.sentAt < Math.max(300, this.config.pollMs * ANSWER_PERIODS)) return;
    void this.send(this.queue.shift() ?? this.adapter.poll!);
  }

  private async send(bytes: string): Promise<void> {
    this.outstanding = { command: bytes.trim(), sentAt: this.clock() };
    try {
      await this.port.write(bytes);
    } catch {
      this.outstanding = undefined; // the port's own state says why
    }
  }

  private onData(data: Buffer): void {
    const { frames, overflow } = this.framer.push(data);
    for (const raw of overflow) this.deliver({ type: 'garbled', raw });
    for (const frame of frames) {
      const lastCommand = this.outstanding?.command ?? 'W';
      this.outstanding = undefined;
      this.deliver(this.adapter.parse(frame, lastCommand));
    }
    // answer the next question as soon as this one is answered: latency, not the poll period
    if (this.adapter.poll && frames.length > 0 && this.queue.length > 0) this.tick();
  }

  private deliver(frame: ScaleFrame): void {
    this.emit('frame', frame);
    for (const event of this.filter.push(frame, this.clock())) this.emit('weigh', event);
  }
}
