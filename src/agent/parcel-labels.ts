import type { DomainEvent } from '../domain/events.js';
import { errorFeedback, infoFeedback, type Feedback } from '../domain/feedback.js';
import type { PackState } from '../domain/workflows/pack.js';
import { LabelPrinter, type PrinterConfig } from '../devices/label/label-printer.js';
import { zplLabel } from '../devices/label/zpl-label.js';
import type { Logger } from '../runtime/logger.js';

/** Why a label was not printed, as a code the terminal says in the operator's language. */
export type LabelFailure = 'no-printer' | 'no-label' | 'printer-error';

/** A reprint's answer: LABEL_PRINTED, or LABEL_NOT_PRINTED {reason: the failure's code}. */
export function labelFeedback(failure: LabelFailure | null): Feedback {
  return failure ? errorFeedback('LABEL_NOT_PRINTED', { reason: failure }) : infoFeedback('LABEL_PRINTED');
}

/**
 * Prints a label for each parcel a station closes, on the station's printer, after the parcel
 * is committed: a printer that is down never loses a parcel, and the label can be printed again.
 */
export class ParcelLabels {
  private readonly printers = new Map<string, LabelPrinter>();
  private readonly lastLabel = new Map<string, string>();
  private readonly failing = new Set<string>();

  constructor(
    stations: Record<string, { printer?: PrinterConfig | undefined }>,
    private readonly logger: Logger,
    private readonly onChange: (station: string) => void,
  ) {
    for (const [station, { printer }] of Object.entries(stations)) if (printer) this.printers.set(station, new LabelPrinter(printer));
  }

  /** Stations whose printer failed its last label. */
  isFailing(station: string): boolean {
    return this.failing.has(station);
  }

  /** Called after a commit with the station's pack state and the events it produced. */
  parcelsClosed(station: string, pack: PackState, events: DomainEvent[]): void {
    for (const event of events) {
      if (event.type !== 'parcel.packed') continue;
      const p = event.payload;
      const zpl = zplLabel({
        orderNumber: pack.orderNumber,
        customer: pack.customer,
        address: pack.address,
        parcelNo: p.parcelNo,
        weight: `${p.weight.value} ${p.weight.unit}`,
        carrier: p.carrier,
        tracking: p.tracking,
        sscc: p.sscc,
      });
      this.lastLabel.set(station, zpl);
      void this.print(station);
    }
  }

  /**
   * Prints the station's last label (again); null when printed, else why not as a code the
   * terminal translates: `no-printer` (none configured), `no-label` (no parcel closed yet),
   * `printer-error` (the printer refused or could not be reached: the log says how).
   */
  async print(station: string): Promise<LabelFailure | null> {
    const printer = this.printers.get(station);
    const zpl = this.lastLabel.get(station);
    if (!printer) return 'no-printer';
    if (!zpl) return 'no-label';
    try {
      await printer.print(zpl);
      if (this.failing.delete(station)) this.onChange(station);
      return null;
    } catch (error) {
      this.logger.error({ station, err: (error as Error).message }, 'label not printed');
      this.failing.add(station);
      this.onChange(station);
      return 'printer-error';
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.printers.values()].map((p) => p.close()));
  }
}
