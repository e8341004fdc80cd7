import { EventEmitter } from 'node:events';
import type { ScaleConfig } from '../device-config.js';
import { LineFramer } from '../line-framer.js';
import { ManagedPort, type ManagedPortOptions, type PortState } from '../managed-port.js';
import { continuousPattern, parseContinuousLine } from './continuous.js';
import { MT_SICS, mtSicsCommandAnswer, parseMtSicsLine } from './mt-sics.js';
import type { ImpliedReading, ScaleAnswer, ScaleFrame } from './scale-frame.js';
import { StableWeightFilter, type WeighEvent } from './stable-weight-filter.js';
import { TOLEDO_8217, parseToledoFrame, toledoCommandAnswer } from './toledo-8217.js';

/** A polled scale gets this many poll periods (at least 300 ms) to answer before it is asked again. */
const ANSWER_PERIODS = 5;
/**
 * How long a zero, tare or clear-tare waits for the scale's answer. MT-SICS Z and T wait for a
 * stable load before they answer, so a load still swinging takes part of it.
 */
export const COMMAND_ANSWER_MS = 3000;

export type ScaleCommand = 'zero' | 'tare' | 'clear-tare';

export interface ScaleDeviceOptions extends ManagedPortOptions {
  /** How long a command waits for the scale's answer; COMMAND_ANSWER_MS unless a test says. */
  commandAnswerMs?: number;
}

interface ProtocolAdapter {
  delimiter: string;
  parse(frame: string): ScaleFrame;
  /** Scales that are asked (MT-SICS, Toledo): the poll, the commands, and how to read a command's answer. */
  polled?: {
    poll: string;
    commands: Record<ScaleCommand, string>;
    /** A frame's meaning for the command sent (its bytes, trimmed); undefined when it is not its answer. */
    answer(raw: string, frame: ScaleFrame, sent: string): ScaleAnswer | undefined;
  };
}

function adapterFor(config: ScaleConfig): ProtocolAdapter {
  const reading: ImpliedReading = { ...(config.decimals !== undefined && { decimals: config.decimals }), ...(config.unit && { unit: config.unit }) };
  switch (config.protocol) {
    case 'mt-sics':
      return {
        delimiter: MT_SICS.delimiter,
        parse: parseMtSicsLine,
        polled: { poll: config.poll ?? MT_SICS.poll, commands: { zero: MT_SICS.zero, tare: MT_SICS.tare, 'clear-tare': MT_SICS.clearTare }, answer: (_raw, frame, sent) => mtSicsCommandAnswer(frame, sent) },
      };
    case 'toledo-8217':
      return {
        delimiter: TOLEDO_8217.delimiter,
        parse: (f) => parseToledoFrame(f, reading),
        polled: { poll: config.poll ?? TOLEDO_8217.poll, commands: { zero: TOLEDO_8217.zero, tare: TOLEDO_8217.tare, 'clear-tare': TOLEDO_8217.clearTare }, answer: (raw, _frame, sent) => toledoCommandAnswer(raw, sent) },
      };
    case 'continuous': {
      const pattern = config.pattern ? continuousPattern(config.pattern, config.unit !== undefined) : undefined;
      // a streaming indicator says nothing back to a command (some take Z or T, none answers),
      // so nothing could tell an operator it was done: it is commanded from its own keys
      return { delimiter: '\n', parse: (f) => parseContinuousLine(f.replace(/\r$/, ''), pattern, reading) };
    }
  }
}

/** A command asked for and not yet answered; `settle` gives its answer once. */
interface PendingCommand {
  bytes: string;
  settle: (answer: ScaleAnswer) => void;
}

/** The question the scale was last asked: a poll, or a command waiting for its answer. */
interface Question {
  sent: string;
  sentAt: number;
  pending?: PendingCommand;
}

/**
 * A scale on a serial port: polls it (MT-SICS, Toledo 8217) or listens to it (continuous),
 * parses each frame, and runs the stable-weight filter. One question at a time: MT-SICS
 * answers out of order or not at all when asked twice. A command (zero, tare, clear-tare) is
 * the next question asked, and is answered with what the scale said, within a bounded wait.
 */
export class ScaleDevice extends EventEmitter<{ frame: [ScaleFrame]; weigh: [WeighEvent]; state: [PortState] }> {
  readonly port: ManagedPort;
  readonly filter: StableWeightFilter;
  private readonly adapter: ProtocolAdapter;
  private readonly framer: LineFramer;
  private readonly commandAnswerMs: number;
  private pollTimer: NodeJS.Timeout | undefined;
  private outstanding: Question | undefined;
  /** Commands waiting for their turn, in the order asked. */
  private readonly queue: PendingCommand[] = [];
  /** Every command not yet answered, asked or waiting. */
  private readonly unanswered = new Set<PendingCommand>();

  constructor(
    readonly config: ScaleConfig,
    options: ScaleDeviceOptions = {},
    private readonly clock: () => number = () => performance.now(),
  ) {
    super();
    this.adapter = adapterFor(config);
    this.commandAnswerMs = options.commandAnswerMs ?? COMMAND_ANSWER_MS;
    this.framer = new LineFramer(this.adapter.delimiter, 256);
    this.filter = new StableWeightFilter(config.filter);
    this.port = new ManagedPort(config.serial, options);
    this.port.on('data', (data) => this.onData(data));
    this.port.on('state', (state) => {
      this.outstanding = undefined;
      this.framer.reset();
      // a port that changed state is another port: nothing asked of the old one will be answered
      for (const pending of [...this.unanswered]) pending.settle({ outcome: 'unavailable' });
      this.emit('state', state);
    });
  }

  start(): void {
    this.port.open();
    if (this.adapter.polled) this.pollTimer = setInterval(() => this.tick(), this.config.pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.pollTimer);
    await this.port.close();
  }

  /**
   * Asks the scale to zero, tare or clear its tare, and resolves with what it answered: done
   * (a tare with its value when the protocol reports it), refused and why, `timeout` when it
   * said nothing in time; `no-commands` for a protocol that takes none, `unavailable` offline.
   */
  command(command: ScaleCommand): Promise<ScaleAnswer> {
    const bytes = this.adapter.polled?.commands[command];
    if (!bytes) return Promise.resolve({ outcome: 'no-commands' });
    if (!this.port.isOnline) return Promise.resolve({ outcome: 'unavailable' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => pending.settle({ outcome: 'refused', reason: 'timeout' }), this.commandAnswerMs);
      const pending: PendingCommand = {
        bytes,
        settle: (answer) => {
          if (!this.unanswered.delete(pending)) return;
          clearTimeout(timer);
          const waiting = this.queue.indexOf(pending);
          if (waiting >= 0) this.queue.splice(waiting, 1);
          if (this.outstanding?.pending === pending) this.outstanding = undefined;
          resolve(answer);
        },
      };
      this.unanswered.add(pending);
      this.queue.push(pending);
      this.tick(); // an idle scale is asked at once, a busy one as soon as it answers
    });
  }

  private tick(): void {
    const polled = this.adapter.polled;
    if (!polled || !this.port.isOnline) return;
    if (this.outstanding) {
      // a command waits for its answer until its own time runs out; a poll gets a few periods
      if (this.outstanding.pending || this.clock() - this.outstanding.sentAt < Math.max(300, this.config.pollMs * ANSWER_PERIODS)) return;
    }
    const pending = this.queue.shift();
    void this.send(pending?.bytes ?? polled.poll, pending);
  }

  private async send(bytes: string, pending?: PendingCommand): Promise<void> {
    const question: Question = { sent: bytes.trim(), sentAt: this.clock(), ...(pending && { pending }) };
    this.outstanding = question;
    try {
      await this.port.write(bytes);
    } catch {
      // the port's own state says why
      if (this.outstanding === question) this.outstanding = undefined;
      pending?.settle({ outcome: 'unavailable' });
    }
  }

  private onData(data: Buffer): void {
    const { frames, overflow } = this.framer.push(data);
    for (const raw of overflow) this.deliver({ type: 'garbled', raw });
    for (const raw of frames) {
      const frame = this.adapter.parse(raw);
      const question = this.outstanding;
      if (question?.pending) {
        // a late answer to an earlier poll is read as a reading; the command waits on
        const answer = this.adapter.polled!.answer(raw, frame, question.sent);
        if (answer) question.pending.settle(answer);
      } else {
        this.outstanding = undefined;
      }
      this.deliver(frame);
    }
    // answer the next question as soon as this one is answered: latency, not the poll period
    if (this.adapter.polled && frames.length > 0 && this.queue.length > 0) this.tick();
  }

  private deliver(frame: ScaleFrame): void {
    this.emit('frame', frame);
    for (const event of this.filter.push(frame, this.clock())) this.emit('weigh', event);
  }
}
