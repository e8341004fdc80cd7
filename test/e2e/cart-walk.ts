import { expect } from 'vitest';
import type { MessageKey } from '../../src/tui/i18n/messages-fr.js';
import type { Translate } from '../../src/tui/i18n/translate.js';
import { CheckedTerminal, feedbackOf, flat, inputLine } from '../helpers/station-screen.js';
import { demoEan, readPickScreen } from './screen-reading.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A screen text as a pattern over the screen's words (`flat`), its parameters captured: each
 * `groups` entry names a parameter and the pattern of its value (captured in the order the
 * parameters stand in the text); `fixed` fills the others.
 */
export function textPattern(t: Translate, key: MessageKey, groups: Record<string, string>, fixed: Record<string, string | number> = {}): RegExp {
  const marks = Object.fromEntries(Object.keys(groups).map((name, i) => [name, `\u0001${i}\u0001`]));
  const text = escape(t(key, { ...fixed, ...marks }));
  return new RegExp(Object.values(groups).reduce((pattern, group, i) => pattern.replace(`\u0001${i}\u0001`, `(${group})`), text));
}

/** A key alone (no text), then the agent's answer: a new message, the input empty. */
export async function pressKey(screen: CheckedTerminal, key: string, what: string): Promise<string> {
  const before = feedbackOf(await screen.look(what));
  await screen.keys(key);
  return screen.see((s) => inputLine(s)?.value === '' && feedbackOf(s) !== before, what);
}

export interface CartWalk {
  /** The cart's done screen. */
  done: string;
  /** The first frame of each kind met on the way, for a test to look at: a line at its bin, at its product, the put, the put refused. */
  frames: Partial<Record<'bin' | 'product' | 'put' | 'wrong-tote', string>>;
}

/**
 * Walks a cart's route from its first stop as a picker reads the batch screen, in the terminal's
 * language: each bin scanned, each product (the rest of a line typed with Tab), the FEFO lot where
 * the line wants one, the units put into the tote the screen names (another tote tried first, once,
 * and refused), the empty-bin question answered empty; the first line of `shortOrder` is short,
 * damaged. Ends on the cart's done screen (its title row: `✔ Chariot CHR2-01 … 2 cmd.`). A prompt (quantity, lot, confirmation)
 * closes as soon as it is submitted, before the agent answers: each waits for the answer itself.
 * `eachStop` looks at every frame of a line (at its bin or its product).
 */
export async function walkCart(screen: CheckedTerminal, t: Translate, cart: string, shortOrder: string, eachStop: (frame: string) => void = () => undefined): Promise<CartWalk> {
  const frames: CartWalk['frames'] = {};
  const donePattern = new RegExp(`✔ ${escape(t('batch.cart', { cart }))} ${textPattern(t, 'batch.doneOrders', { n: '\\d+' }).source}`);
  const putPattern = textPattern(t, 'batch.put', { position: '\\d+', order: 'CMD-\\d+', quantity: '\\d+' });
  const confirmPatterns = (['batch.putConfirm', 'batch.putConfirmOne'] as const).map((key) => textPattern(t, key, { tote: 'BAC-\\d+' }));
  const linePattern = textPattern(t, 'batch.lineFor', { position: '\\d+', order: 'CMD-\\d+' });
  const emptyPattern = textPattern(t, 'pick.emptyCheck', { location: '\\S+', key: '\\S+' });
  const shortRecorded = textPattern(t, 'fb.PICK_SHORT_RECORDED', { product: '\\S+', picked: '\\d+', quantity: '\\d+' });
  const lotPatterns = (['pick.lotNeeded', 'pick.lotNeededShort'] as const).map((key) => textPattern(t, key, { fefo: '\\S+', expiry: '[^)]+' }));
  let frame = await screen.look('the cart’s first stop');
  let shorted = false;
  for (let guard = 0; guard < 400; guard++) {
    const words = flat(frame);
    if (donePattern.test(words)) return { done: frame, frames };
    const put = putPattern.exec(words);
    const tote = confirmPatterns.map((pattern) => pattern.exec(words)?.[1]).find(Boolean);
    if (put && tote) {
      if (!frames.put) {
        frames.put = frame;
        const other = tote === 'BAC-001' ? 'BAC-002' : 'BAC-001';
        frames['wrong-tote'] = frame = await screen.settle(other, true, 'a wrong tote at the put');
        expect(flat(frame)).toContain(`✖ ${t('fb.BATCH_WRONG_TOTE', { scanned: other, expected: tote, position: put[1]!, order: put[2]! })}`);
        continue;
      }
      frame = await screen.settle(tote, true, `put into ${tote}`);
      continue;
    }
    if (emptyPattern.test(words)) {
      frame = await pressKey(screen, 'Enter', 'the bin is empty');
      continue;
    }
    const pick = readPickScreen(frame);
    const line = linePattern.exec(words);
    if (!pick || !line) throw new Error(`not a stop of the cart:\n${frame}`);
    eachStop(frame);
    if (pick.atLocation) {
      frames.bin ??= frame;
      frame = await screen.settle(pick.location, true, `bin ${pick.location}`);
      continue;
    }
    frames.product ??= frame;
    if (!shorted && line[2] === shortOrder && pick.picked === 0) {
      shorted = true;
      await screen.type('!', false);
      await screen.see((s) => s.includes(t('short.title')), 'short reasons');
      await screen.type('2', false);
      const asked = await screen.see((s) => s.includes(t('confirm.question')), 'short confirmation');
      expect(flat(asked)).toContain(t('confirm.short', { n: pick.quantity, product: pick.productCode, reason: t('short.damaged') }));
      // the confirmation closes before the agent answers: wait for its answer, not for the prompt to go
      await screen.type('*', false);
      frame = await screen.see((s) => shortRecorded.test(flat(s)), 'short recorded');
      continue;
    }
    const lot = lotPatterns.map((p) => p.exec(words)).find(Boolean)?.[1];
    if (lot) {
      await screen.type('/', false);
      await screen.see((s) => inputLine(s)?.label === t('input.lot'), 'lot prompt');
      await screen.type(lot);
      frame = await screen.see((s) => inputLine(s)?.label !== t('input.lot') && !lotPatterns.some((p) => p.test(flat(s))), `lot ${lot} taken`);
      continue;
    }
    if (pick.picked > 0 && pick.picked < pick.quantity) {
      await screen.keys('Tab');
      await screen.see((s) => inputLine(s)?.label === t('input.quantityAdd'), 'quantity prompt');
      await screen.type(String(pick.quantity - pick.picked));
      frame = await screen.see((s) => inputLine(s)?.label !== t('input.quantityAdd') && readPickScreen(s)?.picked !== pick.picked, 'the rest of the line typed');
      continue;
    }
    frame = await screen.settle(demoEan(pick.productCode), true, `scan ${pick.productCode}`);
  }
  throw new Error(`the cart never finished:\n${frame}`);
}
