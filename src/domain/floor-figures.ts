import type { DomainEvent } from './events.js';

/**
 * The floor's figures, as the hub folds each agent's events into them (hourly per site, daily per
 * site and operator). Each figure counts events (`n`) and, where it has one, a quantity in units
 * (`quantity`); `detail` splits it by a reason, a kind or a supervisor.
 *
 * Two kinds of figure: what the floor **did** counts every event the hub applied, whatever the ERP
 * answered (a pick the ERP refused was still walked); what the **ERP booked** (`order.picked`,
 * `order.shipped`) counts only accepted events, and `event.rejected` counts the refusals by type.
 */
export const FLOOR_METRICS = {
  /** A pick line done (picked or short): n lines, quantity = units picked. */
  'pick.line': 'pick lines done; units picked',
  /** A short pick: n lines, quantity = units short, detail = the reason (empty-location, damaged, not-found, insufficient). */
  'pick.short': 'short picks; units short, by reason',
  /** The hub closed the order: its last line was picked or shorted (ERP side: accepted events only). */
  'order.picked': 'orders picked (closed at the hub)',
  /** A parcel closed at a pack station: n parcels, quantity = units in it. */
  'parcel.packed': 'parcels packed; units in them',
  /** The last parcel of an order closed: the order is packed (the pack station ships it then). */
  'order.packed': 'orders packed (last parcel closed)',
  /** The ERP booked the order's shipment (accepted `shipment.shipped`). */
  'order.shipped': 'orders shipped (booked by the ERP)',
  /** A parcel's weight check passed (the parcel closed without an override). */
  'weight.passed': 'weight checks passed',
  /** A weighing at a pack station failed its check (one per weighing, `weight.check.failed`): detail = the reason (above, below, missing-weight, over-box-limit). */
  'weight.failed': 'weight checks failed, by reason',
  /** A parcel's weight check failed and a supervisor let it go: detail = the supervisor. */
  'weight.overridden': 'weight checks overridden, by supervisor',
  /** A put-away received: n lines, quantity = units. */
  'receipt.line': 'receipt lines put away; units',
  /** A reception discrepancy: quantity = units, detail = its kind (over, unexpected, damaged, short, expired). */
  'receipt.discrepancy': 'reception discrepancies; units, by kind',
  /** A receipt closed: detail `discrepancy` when a line came short, over or damaged, else `clean`. */
  'receipt.closed': 'receipts closed, with or without discrepancies',
  /** A bin counted: n count lines. */
  'count.line': 'count lines',
  /** A count line whose count differs from the stock expected: quantity = |counted - expected| units. */
  'count.variance': 'count variances; units of difference',
  /** A replenishment request: quantity = units asked for. */
  'replenishment.requested': 'replenishment requests; units',
  /** An event the ERP refused: detail = its type. */
  'event.rejected': 'events rejected, by type',
} as const;

export type FloorMetric = keyof typeof FLOOR_METRICS;

/**
 * Not a figure of events: the hours (the site's clock hours) an operator did anything in, each
 * counted once by the hub's fold, kept beside the figures per operator (`n` = hours).
 */
export const HOURS_WORKED = 'hours.worked';
export const floorMetrics = Object.keys(FLOOR_METRICS) as FloorMetric[];

/** The figures that count units as well as events (the others' `quantity` is always 0). */
export const METRICS_WITH_UNITS: ReadonlySet<FloorMetric> = new Set(['pick.line', 'pick.short', 'parcel.packed', 'receipt.line', 'receipt.discrepancy', 'count.variance', 'replenishment.requested']);

/** One figure: events (`n`), units (`quantity`) and, for a figure with details, the same per detail (a reason, a kind, a supervisor). */
export interface FigureCount {
  n: number;
  quantity: number;
  by: Record<string, { n: number; quantity: number }>;
}

/** Every floor figure, zero when nothing happened. */
export type Figures = Record<FloorMetric, FigureCount>;

/** Every figure at zero. */
export function emptyFigures(): Figures {
  return Object.fromEntries(floorMetrics.map((m) => [m, { n: 0, quantity: 0, by: {} }])) as unknown as Figures;
}

/** One step of one figure: add `n` events and `quantity` units to `metric` under `detail` ('' when none). */
export interface FigureStep {
  metric: FloorMetric;
  detail: string;
  n: number;
  quantity: number;
}

/** An applied event as the fold sees it. */
export interface AppliedEvent {
  event: DomainEvent;
  outcome: 'accepted' | 'rejected';
  /** The event closed its order at the hub (its last open line): only a pick event can. */
  orderClosed: boolean;
}

const step = (metric: FloorMetric, quantity = 0, detail = ''): FigureStep => ({ metric, detail, n: 1, quantity });

/** What the floor did, from the event alone (whatever the ERP answered). */
function floorSteps(event: DomainEvent): FigureStep[] {
  switch (event.type) {
    case 'pick.line.picked':
      return [step('pick.line', event.payload.quantity)];
    case 'pick.short':
      return [step('pick.line', event.payload.picked), step('pick.short', event.payload.short, event.payload.reason)];
    case 'parcel.packed': {
      const units = event.payload.items.reduce((sum, item) => sum + item.quantity, 0);
      return [step('parcel.packed', units), ...(event.payload.overridden ? [] : [step('weight.passed')])];
    }
    case 'weight.check.failed':
      return [step('weight.failed', 0, event.payload.reason)];
    case 'weight.override':
      return [step('weight.overridden', 0, event.payload.supervisor)];
    case 'shipment.shipped':
      return [step('order.packed')];
    case 'receipt.line.received':
      return [step('receipt.line', event.payload.quantity)];
    case 'receipt.discrepancy':
      return [step('receipt.discrepancy', event.payload.quantity, event.payload.kind)];
    case 'receipt.closed': {
      const off = event.payload.lines.some((l) => l.received !== l.ordered || l.damaged > 0 || l.missing > 0);
      return [step('receipt.closed', 0, off ? 'discrepancy' : 'clean')];
    }
    case 'count.line.counted': {
      const difference = Math.abs(event.payload.counted - event.payload.expected);
      return [step('count.line'), ...(difference > 0 ? [step('count.variance', difference)] : [])];
    }
    case 'replenishment.requested':
      return [step('replenishment.requested', event.payload.quantity)];
    default:
      return [];
  }
}

/**
 * The figure steps one applied event makes: the floor's work always, the ERP's bookings when it
 * accepted, `event.rejected` when it refused. Pure.
 */
export function figureSteps(applied: AppliedEvent): FigureStep[] {
  const steps = floorSteps(applied.event);
  if (applied.outcome === 'rejected') return [...steps, step('event.rejected', 0, applied.event.type)];
  if (applied.orderClosed) steps.push(step('order.picked'));
  if (applied.event.type === 'shipment.shipped') steps.push(step('order.shipped'));
  return steps;
}
