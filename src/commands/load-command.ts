import { percentile } from '../runtime/percentile.js';
import type { StationView } from '../protocol/local-api.js';
import { pickWholeOrder, ScriptedTerminal } from './scripted-terminal.js';

/** The screen shown now (read afresh: each intent changes it). */
const screenOf = (terminal: ScriptedTerminal): StationView['screen'] => terminal.view.screen;

export const LOAD_TASKS = ['pick', 'count', 'lookup'] as const;
export type LoadTask = (typeof LOAD_TASKS)[number];

export interface LoadOptions {
  port: number;
  token: string;
  terminals: number;
  durationMs: number;
  mix: LoadTask[];
  /** Operators the simulated terminals sign in as, in turn. */
  operators: string[];
  onTick?: (stats: LoadReport) => void;
}

export interface LoadReport {
  seconds: number;
  terminals: number;
  /** Intents answered by the agent, and per second. */
  actions: number;
  perSecond: number;
  /** Intent → view round trip, ms. */
  p50: number;
  p99: number;
  tasks: Record<LoadTask, number>;
  /** Business refusals (an order taken by another terminal, a recount asked): expected under load. */
  refusals: number;
  /** Faults: timeouts, closed links. None is expected. */
  faults: string[];
}

/** Things a terminal has seen, to scan again later: bins and the barcodes found in them. */
interface Seen {
  bins: { location: string; barcode: string }[];
}

class Operator {
  private stop = false;

  constructor(
    private readonly terminal: ScriptedTerminal,
    private readonly report: LoadReport,
    private readonly latencies: number[],
    private readonly seen: Seen,
  ) {}

  private async act(step: () => Promise<unknown>): Promise<void> {
    const started = performance.now();
    await step();
    this.latencies.push(performance.now() - started);
    this.report.actions++;
    const feedback = this.terminal.lastView?.feedback;
    if (feedback?.level === 'error') this.report.refusals++;
    // a long run keeps memory flat: the script only needs the latest messages
    if (this.terminal.messages.length > 200) this.terminal.forget();
  }

  private async toMenu(): Promise<void> {
    for (let i = 0; i < 6 && screenOf(this.terminal) !== 'menu'; i++) await this.act(() => this.terminal.act({ type: 'back' }));
  }

  private async pick(offset: number): Promise<boolean> {
    await this.act(() => this.terminal.act({ type: 'menu', choice: 'pick' }));
    const view = this.terminal.view;
    if (view.screen !== 'pick-orders' || view.orders.length === 0) return false;
    const order = view.orders[offset % view.orders.length]!;
    await this.act(() => this.terminal.act({ type: 'open-order', orderId: order.id }));
    if (this.terminal.view.screen !== 'pick') return false;
    await pickWholeOrder(this.terminal, (send) => {
      const line = this.terminal.view;
      if (line.screen === 'pick' && line.line.barcode && this.seen.bins.length < 500) this.seen.bins.push({ location: line.line.location, barcode: line.line.barcode });
      return this.act(send);
    });
    if (screenOf(this.terminal) === 'pick-done') await this.act(() => this.terminal.act({ type: 'finish' }));
    return true;
  }

  private async count(offset: number): Promise<boolean> {
    const bin = this.seen.bins[offset % Math.max(1, this.seen.bins.length)];
    if (!bin) return false;
    await this.act(() => this.terminal.act({ type: 'menu', choice: 'count' }));
    await this.act(() => this.terminal.act({ type: 'open-count', taskId: null }));
    if (this.terminal.view.screen !== 'count') return false;
    await this.act(() => this.terminal.input(bin.location));
    await this.act(() => this.terminal.input(bin.barcode));
    await this.act(() => this.terminal.act({ type: 'quantity', quantity: 1 + (offset % 5) }));
    await this.act(() => this.terminal.act({ type: 'confirm-line' }));
    await this.act(() => this.terminal.act({ type: 'close' }));
    return true;
  }

  private async lookup(offset: number): Promise<boolean> {
    const bin = this.seen.bins[offset % Math.max(1, this.seen.bins.length)];
    await this.act(() => this.terminal.act({ type: 'menu', choice: 'lookup' }));
    await this.act(() => this.terminal.input(bin ? (offset % 2 ? bin.barcode : bin.location) : 'A-01-01-1'));
    return true;
  }

  async run(mix: LoadTask[], index: number): Promise<void> {
    for (let round = 0; !this.stop; round++) {
      const task = mix[(round + index) % mix.length]!;
      try {
        const done = task === 'pick' ? await this.pick(index + round) : task === 'count' ? await this.count(index * 7 + round) : await this.lookup(index * 3 + round);
        if (done) this.report.tasks[task]++;
        await this.toMenu();
      } catch (error) {
        this.report.faults.push(`${task}: ${(error as Error).message}`);
        if (this.terminal.closeCode !== undefined) return;
      }
    }
  }

  halt(): void {
    this.stop = true;
  }
}

/**
 * Simulated operators: N terminals on the agent's local API doing picks, counts and look-ups as
 * fast as the agent answers, for benchmarks and soak tests. Reports throughput and latency.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const report: LoadReport = { seconds: 0, terminals: options.terminals, actions: 0, perSecond: 0, p50: 0, p99: 0, tasks: { pick: 0, count: 0, lookup: 0 }, refusals: 0, faults: [] };
  const latencies: number[] = [];
  const seen: Seen = { bins: [] };
  const terminals = await Promise.all(Array.from({ length: options.terminals }, (_, i) => ScriptedTerminal.open(options.port, options.token, `LOAD-${i + 1}`)));
  const operators: Operator[] = [];
  const started = performance.now();
  const summarise = () => {
    report.seconds = (performance.now() - started) / 1000;
    report.perSecond = report.actions / Math.max(report.seconds, 0.001);
    if (latencies.length > 0) {
      report.p50 = percentile(latencies, 50);
      report.p99 = percentile(latencies, 99);
    }
    if (latencies.length > 50_000) latencies.splice(0, latencies.length - 50_000);
    return report;
  };
  const ticker = options.onTick ? setInterval(() => options.onTick!(summarise()), 1000) : undefined;
  try {
    const runs = terminals.map(async (terminal, i) => {
      if (terminal.view.screen === 'signin') await terminal.input(options.operators[i % options.operators.length]!);
      for (let k = 0; k < 6 && screenOf(terminal) !== 'menu'; k++) await terminal.act({ type: 'back' });
      const operator = new Operator(terminal, report, latencies, seen);
      operators.push(operator);
      await operator.run(options.mix, i);
    });
    const timer = setTimeout(() => operators.forEach((o) => o.halt()), options.durationMs);
    await Promise.all(runs);
    clearTimeout(timer);
  } finally {
    clearInterval(ticker);
    for (const terminal of terminals) terminal.close();
  }
  return summarise();
}

export function formatLoadReport(r: LoadReport): string {
  return [
    `${r.terminals} terminal(s), ${r.seconds.toFixed(1)} s: ${r.actions} actions (${r.perSecond.toFixed(0)}/s), intent -> view p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    `tasks: ${r.tasks.pick} picks, ${r.tasks.count} counts, ${r.tasks.lookup} look-ups; ${r.refusals} business refusal(s); ${r.faults.length} fault(s)`,
    ...r.faults.slice(0, 10).map((f) => `  fault: ${f}`),
  ].join('\n');
}
