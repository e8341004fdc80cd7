import type { ClientIntent, StationView } from '../protocol/local-api.js';
import type { LoadReport, LoadTask } from './load-command.js';
import { pickWholeOrder, type ScriptedTerminal, type ViewMessage } from './scripted-terminal.js';

/** Pick lines this run has seen (bin, product, its barcode): what counts and look-ups scan later. */
export interface SeenBins {
  bins: { location: string; productCode: string; barcode: string }[];
}

/** What all the simulated operators of one run add to. */
export interface LoadTally {
  report: LoadReport;
  /** Intent → view round trips, ms. */
  latencies: number[];
  seen: SeenBins;
  /** Times a picker found no order to open: says why a run picked nothing. */
  emptyOrderLists: number;
}

const SEEN_LIMIT = 500;
/** Screens one `back` leaves for the menu, at most (a paused order stays with the station). */
const BACK_STEPS = 6;

/**
 * One simulated operator at one station, as fast as the agent answers. Every task starts from the
 * screen the station is on, as a person would: an order or count left under way (by an agent
 * restart, a crashed terminal, an earlier run) is carried on to its end rather than expected away.
 */
export class LoadOperator {
  private stop = false;

  constructor(
    private readonly terminal: ScriptedTerminal,
    private readonly tally: LoadTally,
    /** The operator code this station signs in with, and another who may recount its counts. */
    private readonly codes: { own: string; relief: string | undefined },
  ) {}

  private get view(): StationView {
    return this.terminal.view;
  }

  private async act(step: () => Promise<ViewMessage>): Promise<void> {
    const started = performance.now();
    await step();
    this.tally.latencies.push(performance.now() - started);
    this.tally.report.actions++;
    if (this.terminal.lastView?.feedback?.level === 'error') this.tally.report.refusals++;
    // a long run keeps memory flat: the script only needs the latest messages
    if (this.terminal.messages.length > 200) this.terminal.forget();
  }

  private intent(intent: ClientIntent): Promise<void> {
    return this.act(() => this.terminal.act(intent));
  }

  private input(data: string): Promise<void> {
    return this.act(() => this.terminal.input(data));
  }

  private async toMenu(): Promise<void> {
    for (let i = 0; i < BACK_STEPS && this.view.screen !== 'menu'; i++) await this.intent({ type: 'back' });
  }

  /** Picks an order: the one under way at the station if any, else one from the list. True once one is finished. */
  private async pick(offset: number): Promise<boolean> {
    await this.intent({ type: 'menu', choice: 'pick' });
    const view = this.view;
    if (view.screen === 'pick-orders') {
      if (view.orders.length === 0) {
        this.tally.emptyOrderLists++;
        return false;
      }
      await this.intent({ type: 'open-order', orderId: view.orders[offset % view.orders.length]!.id });
    } else if (view.screen === 'pick' || view.screen === 'pick-done') this.tally.report.resumed++;
    await pickWholeOrder(this.terminal, (send) => {
      const line = this.view;
      if (line.screen === 'pick' && line.line.barcode && this.tally.seen.bins.length < SEEN_LIMIT) {
        this.tally.seen.bins.push({ location: line.line.location, productCode: line.line.productCode, barcode: line.line.barcode });
      }
      return this.act(send);
    });
    if (this.view.screen !== 'pick-done') return false;
    await this.intent({ type: 'finish' });
    return true;
  }

  /** Counts a bin seen on a pick line: in the count under way at the station if any (a closed one is put away first). True once closed. */
  private async count(offset: number): Promise<boolean> {
    const bin = this.tally.seen.bins[offset % Math.max(1, this.tally.seen.bins.length)];
    if (!bin) return false;
    await this.intent({ type: 'menu', choice: 'count' });
    if (this.view.screen === 'count' && this.view.phase === 'done') await this.intent({ type: 'finish' });
    else if (this.view.screen === 'count') this.tally.report.resumed++;
    if (this.view.screen === 'count-list') await this.intent({ type: 'open-count', taskId: null });
    const view = this.view;
    if (view.screen !== 'count') return false;
    if (view.pending) await this.intent({ type: 'confirm-line' });
    await this.input(bin.location);
    await this.input(bin.barcode);
    await this.intent({ type: 'quantity', quantity: 1 + (offset % 5) });
    await this.intent({ type: 'confirm-line' });
    await this.recountAsRelief();
    await this.intent({ type: 'close' });
    return this.view.screen === 'count' && this.view.phase === 'done';
  }

  /**
   * A variance asks for a recount, by another operator where the site says so: the relief operator
   * signs in at this station, recounts the lines whose barcode the run has seen, and hands back.
   */
  private async recountAsRelief(): Promise<void> {
    const view = this.view;
    if (view.screen !== 'count' || !this.codes.relief) return;
    const barcodeOf = (location: string, productCode: string) => this.tally.seen.bins.find((b) => b.location === location && b.productCode === productCode)?.barcode;
    const waiting = view.lines.filter((l) => l.status === 'recount').flatMap((l) => {
      const barcode = barcodeOf(l.location, l.productCode);
      return barcode ? [{ location: l.location, barcode }] : [];
    });
    if (waiting.length === 0) return;
    await this.signInAs(this.codes.relief);
    await this.intent({ type: 'menu', choice: 'count' });
    for (const line of waiting) {
      await this.input(line.location);
      await this.input(line.barcode);
      await this.intent({ type: 'confirm-line' });
    }
    await this.signInAs(this.codes.own);
    await this.intent({ type: 'menu', choice: 'count' });
  }

  private async signInAs(code: string): Promise<void> {
    await this.intent({ type: 'sign-out' });
    await this.input(code);
  }

  private async lookup(offset: number): Promise<boolean> {
    const bin = this.tally.seen.bins[offset % Math.max(1, this.tally.seen.bins.length)];
    await this.intent({ type: 'menu', choice: 'lookup' });
    await this.input(bin ? (offset % 2 ? bin.barcode : bin.location) : 'A-01-01-1');
    return true;
  }

  /**
   * Signs in if the station waits for it (not counted as an action: no work yet), then takes the
   * tasks of the mix in turn until halted. A station where the operator cannot sign in is a fault.
   */
  async run(station: string, mix: LoadTask[], index: number): Promise<void> {
    if (this.view.screen === 'signin') await this.terminal.input(this.codes.own);
    if (this.view.screen === 'signin') {
      this.tally.report.faults.push(`${station}: cannot sign in as ${this.codes.own} (${this.terminal.lastView?.feedback?.code ?? 'no answer'})`);
      return;
    }
    for (let round = 0; !this.stop; round++) {
      const task = mix[(round + index) % mix.length]!;
      try {
        await this.toMenu();
        const done = task === 'pick' ? await this.pick(index + round) : task === 'count' ? await this.count(index * 7 + round) : await this.lookup(index * 3 + round);
        if (done) this.tally.report.tasks[task]++;
      } catch (error) {
        this.tally.report.faults.push(`${task}: ${(error as Error).message}`);
        if (this.terminal.closeCode !== undefined) return;
      }
    }
  }

  halt(): void {
    this.stop = true;
  }
}
