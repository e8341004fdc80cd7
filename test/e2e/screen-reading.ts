import { DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';
import { readBigFigure } from '../helpers/station-screen.js';

/** The demo's EAN-13 printed on a product (its GTIN-14 without the leading 0). */
const demo = generateDemoData(DEMO_DEFAULTS);
export const demoEan = (productCode: string): string => demo.barcodes.find((b) => b.productCode === productCode && b.multiple === 1)!.code.slice(1);

/** Reads the pick screen as an operator would: where to go, what to scan, how many. */
export interface PickScreen {
  location: string;
  productCode: string;
  /** The EAN printed on the item, shown for an operator who types it. */
  barcode: string | undefined;
  picked: number;
  quantity: number;
  /** `reste N` / `N left`, beside the figure. */
  left: number;
  atLocation: boolean;
  /** The line's position in the order (`ligne 2/3`, `l. 2/3` on a handheld, `line 2/3`, `ln 2/3`). */
  position: { n: number; total: number } | undefined;
}

export function readPickScreen(screen: string): PickScreen | undefined {
  const location = /\b([A-C]-\d{2}-\d{2}-\d)\b/.exec(screen)?.[1];
  const productCode = /\b(P\d{6})\b/.exec(screen)?.[1];
  const barcode = /\b(\d{13})\b/.exec(screen)?.[1];
  // a handheld: `Qté 2/6 reste 4` on one bold line; 80x24: `2/6` in block letters, `reste 4` beside it
  const compact = /(?:Qté|Qty) (\d+)\/(\d+) (?:reste (\d+)|(\d+) left)/.exec(screen);
  let figure: { picked: number; quantity: number; left: number } | undefined;
  if (compact) figure = { picked: Number(compact[1]), quantity: Number(compact[2]), left: Number(compact[3] ?? compact[4]) };
  else {
    const big = readBigFigure(screen);
    const fraction = big && /^(\d+)\/(\d+)$/.exec(big.text);
    const left = big && /^(?:reste (\d+)|(\d+) left)$/.exec(big.suffix);
    if (fraction && left) figure = { picked: Number(fraction[1]), quantity: Number(fraction[2]), left: Number(left[1] ?? left[2]) };
  }
  if (!location || !productCode || !figure) return undefined;
  const pointerLine = screen.split('\n').find((line) => line.includes('▶')) ?? '';
  const position = /\b(?:ligne|line|l\.|ln) (\d+)\/(\d+)/.exec(screen);
  return { location, productCode, barcode, ...figure, atLocation: pointerLine.includes(location), position: position ? { n: Number(position[1]), total: Number(position[2]) } : undefined };
}
