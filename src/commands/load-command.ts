import { QuaiError } from '../runtime/quai-error.js';
import { percentile } from '../runtime/percentile.js';
import { LoadOperator, type LoadTally } from './load-operator.js';
import { ScriptedTerminal } from './scripted-terminal.js';

export const LOAD_TASKS = ['pick', 'count', 'lookup'] as const;
export type LoadTask = (typeof LOAD_TASKS)[number];

/** `--mix pick,count`: the tasks named, in order; throws LOAD_BAD_MIX naming those that are not tasks. */
export function parseLoadMix(text: string): LoadTask[] {
  const mix = text.split(',').map((t) => t.trim());
  const unknown = mix.filter((t) => !(LOAD_TASKS as readonly string[]).includes(t));
  if (unknown.length > 0 || mix.length === 0) throw new QuaiError('LOAD_BAD_MIX', `unknown task(s) in --mix: ${unknown.join(', ') || '(none)'}; choose from ${LOAD_TASKS.join(', ')}`);
  return mix as LoadTask[];
}

export interface LoadOptions {
  port: number;
  token: string;
  terminals: number;
  /** The stations the terminals work at (their number stands for `terminals`); default LOAD-1 … LOAD-N. */
  stations?: string[];
  durationMs: number;
  mix: LoadTask[];
  /** Operators the simulated terminals sign in as, in turn (the next one on the list recounts a terminal's counts). */
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
  /** Tasks finished, per kind. */
  tasks: Record<LoadTask, number>;
  /** Orders and counts found under way at a station (an agent restart, an earlier run) and carried on. */
  resumed: number;
  /** Business refusals (an order taken by another terminal, a recount asked): expected under load. */
  refusals: number;
  /** Faults: timeouts, closed links, an operator who cannot sign in, a run that picked nothing with pick in the mix or did nothing at all. Any fails the run. */
  faults: string[];
}

/** The faults of a run that did no work worth the name: it must not pass as a soak test. */
function idleFaults(report: LoadReport, mix: LoadTask[], emptyOrderLists: number): string[] {
  const seconds = report.seconds.toFixed(1);
  const faults: string[] = [];
  if (mix.includes('pick') && report.tasks.pick === 0) {
    faults.push(`pick: no order picked in ${seconds} s: ${emptyOrderLists > 0 ? `the order list was empty ${emptyOrderLists} time(s)` : 'no order could be opened and finished'}`);
  }
  if (Object.values(report.tasks).every((n) => n === 0)) faults.push(`nothing done in ${seconds} s: ${report.actions} action(s), no task finished`);
  return faults;
}

/**
 * Simulated operators: N terminals on the agent's local API doing picks, counts and look-ups as
 * fast as the agent answers, for benchmarks and soak tests. Each takes its station as it finds it
 * (an order under way is finished first). Reports throughput and latency; faults include a run
 * that picked nothing while pick was in the mix, or finished no task at all.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const stations = options.stations ?? Array.from({ length: options.terminals }, (_, i) => `LOAD-${i + 1}`);
  const report: LoadReport = { seconds: 0, terminals: stations.length, actions: 0, perSecond: 0, p50: 0, p99: 0, tasks: { pick: 0, count: 0, lookup: 0 }, resumed: 0, refusals: 0, faults: [] };
  const tally: LoadTally = { report, latencies: [], seen: { bins: [] }, emptyOrderLists: 0 };
  const terminals = await Promise.all(stations.map((station) => ScriptedTerminal.open(options.port, options.token, station)));
  const codeAt = (i: number) => options.operators[i % options.operators.length]!;
  const operators = terminals.map((terminal, i) => new LoadOperator(terminal, tally, { own: codeAt(i), relief: codeAt(i + 1) !== codeAt(i) ? codeAt(i + 1) : undefined }));
  const started = performance.now();
  const summarise = () => {
    report.seconds = (performance.now() - started) / 1000;
    report.perSecond = report.actions / Math.max(report.seconds, 0.001);
    if (tally.latencies.length > 0) {
      report.p50 = percentile(tally.latencies, 50);
      report.p99 = percentile(tally.latencies, 99);
    }
    if (tally.latencies.length > 50_000) tally.latencies.splice(0, tally.latencies.length - 50_000);
    return report;
  };
  const ticker = options.onTick ? setInterval(() => options.onTick!(summarise()), 1000) : undefined;
  const timer = setTimeout(() => operators.forEach((o) => o.halt()), options.durationMs);
  try {
    await Promise.all(operators.map((operator, i) => operator.run(stations[i]!, options.mix, i)));
  } finally {
    clearTimeout(timer);
    clearInterval(ticker);
    for (const terminal of terminals) terminal.close();
  }
  summarise();
  report.faults.push(...idleFaults(report, options.mix, tally.emptyOrderLists));
  return report;
}

export function formatLoadReport(r: LoadReport): string {
  return [
    `${r.terminals} terminal(s), ${r.seconds.toFixed(1)} s: ${r.actions} actions (${r.perSecond.toFixed(0)}/s), intent -> view p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    `tasks: ${r.tasks.pick} picks, ${r.tasks.count} counts, ${r.tasks.lookup} look-ups (${r.resumed} found under way and carried on); ${r.refusals} business refusal(s); ${r.faults.length} fault(s)`,
    ...r.faults.slice(0, 10).map((f) => `  fault: ${f}`),
  ].join('\n');
}
