/** Reads the pick screen as an operator would: where to go, what to scan, how many. */
export interface PickScreen {
  location: string;
  barcode: string;
  picked: number;
  quantity: number;
  atLocation: boolean;
}

export function readPickScreen(screen: string): PickScreen | undefined {
  const location = /\b([A-C]-\d{2}-\d{2}-\d)\b/.exec(screen)?.[1];
  const barcode = /\b(\d{13})\b/.exec(screen)?.[1];
  const quantity = /(\d+) \/ (\d+)\s*$/m.exec(screen);
  if (!location || !barcode || !quantity) return undefined;
  const pointerLine = screen.split('\n').find((line) => line.includes('▶')) ?? '';
  return { location, barcode, picked: Number(quantity[1]), quantity: Number(quantity[2]), atLocation: pointerLine.includes(location) };
}
