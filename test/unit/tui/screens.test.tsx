import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator, type Lang, type Translate } from '../../../src/tui/i18n/translate.js';
import { helpBindings } from '../../../src/tui/input/bindings.js';
import { HOLD_LIMIT_MS } from '../../../src/tui/input/held-keys.js';
import { INITIAL_UI } from '../../../src/tui/input/ui-state.js';
import type { StationView } from '../../../src/protocol/local-api.js';
import { renderTui, type RenderedTui } from '../../helpers/render-tui.js';
import { waitFor } from '../../helpers/wait-for.js';
import { expectWhole } from '../../helpers/whole-frame.js';
import { SAMPLE_VIEWS, batchView, countView, packView, passedCheck, pickView, receiveView } from '../../helpers/station-view-samples.js';

type Context = keyof typeof SAMPLE_VIEWS;

/** What each screen must never lose, at any size: its key figure or the fact it is about. */
const KEY_FIGURE: Record<Context, (t: Translate) => (string | RegExp)[]> = {
  signin: (t) => [t('signin.title')],
  menu: (t) => [`1 ${t('menu.pick')}`, `6 ${t('menu.signOut')}`],
  orders: () => ['CMD-1001', 'CMD-1002'],
  pick: (t) => [t('pick.left', { n: 4 }), 'A-01-02-3', 'P-100', /B-02-05-1/],
  'pick-empty': () => ['A-01-02-3'],
  'pick-done': () => ['P-100 4/6'],
  'batch-cart': (t) => [t('batch.scanCart')],
  'batch-totes': (t) => [t('batch.scanTote', { position: 3, order: 'CMD-1008' }), 'BAC-012', 'CMD-1010', 'BAC-017'],
  'batch-line': (t) => [t('batch.lineFor', { position: 3, order: 'CMD-1008' }), t('pick.left', { n: 4 }), 'A-01-02-3', 'P-100', /B-02-05-1/, /^1✔ (CMD-1001 {2})?2⚠ (CMD-1002 {2})?3● (CMD-1008 {2})?4●/m],
  'batch-empty': (t) => [t('batch.lineFor', { position: 3, order: 'CMD-1008' }), 'A-01-02-3'],
  'batch-put': (t) => [t('batch.put', { position: 3, order: 'CMD-1008', quantity: 2 }), 'BAC-013'],
  'batch-done': () => ['CHR4-01', /⚠ BAC-012 CMD-1002 2\/2/, /✔ BAC-013 CMD-1008 4\/4/],
  'pack-verify': () => ['P-200 0/1'],
  'pack-box': () => ['BOX-S', 'BOX-M'],
  'pack-weigh': () => ['750 g ± 20 g'],
  'pack-failed': (t) => ['750 g ± 20 g', '+62 g', t('pack.fail'), 'kg'],
  'pack-carrier': (t) => [t('pack.pass'), 'colissimo', 'chronopost'],
  'pack-tracking': (t) => [t('input.tracking')],
  'pack-done': () => ['6A12345678901'],
  'receive-list': () => ['ACH-2001', 'ACH-2002'],
  receive: (t) => [t('receive.putawayTo', { location: 'C-04-10-3' }), '× P-100'],
  'receive-done': (t) => [t('receive.closed')],
  'count-list': () => ['INV-3001', 'INV-3002'],
  count: (t) => ['P-100', t('count.expected', { n: 6 }), t('unit.each')],
  'count-done': (t) => [t('count.closed')],
  // a suspect bin's units are not available (27 = 19 + 8) and its row says it is suspect
  lookup: (t) => [t('lookup.available', { n: 27 }), 'A-01-02-3', 'C-04-10-3', new RegExp(`B-02-05-1 +23 +0 +0  ${t('lookup.suspect')}`)],
};

const SIZES = [
  { columns: 40, rows: 16 },
  { columns: 80, rows: 24 },
];

let tui: RenderedTui | undefined;

/** Every binding a screen offers with nothing typed, and those offered once something is. */
const helpBindingsOf = (view: StationView) => helpBindings({ ui: INITIAL_UI, view });
afterEach(() => tui?.unmount());


describe('every screen at 40x16 and 80x24, FR and EN: nothing cut, the key figure on screen', () => {
  for (const lang of ['fr', 'en'] as Lang[]) {
    const t = createTranslator(lang);
    for (const size of SIZES) {
      for (const [context, view] of Object.entries(SAMPLE_VIEWS) as [Context, (typeof SAMPLE_VIEWS)[Context]][]) {
        it(`${context} ${size.columns}x${size.rows} ${lang}`, async () => {
          tui = renderTui(view, { ...size, lang });
          const figures = KEY_FIGURE[context](t);
          await tui.waitForText(figures[0]!);
          const frame = tui.frame();
          for (const figure of figures) expect(frame).toMatch(figure);
          expectWhole(frame, size.columns, size.rows);
          // the help of that screen
          await tui.press('?');
          const help = await tui.waitForText(t('help.title'));
          expectWhole(help, size.columns, size.rows);
          expect(help).toContain(t('hint.help'));
        });
      }
    }
  }
});

/** The bytes a terminal sends for a key the binding tables name. */
const BYTES: Record<string, string> = { enter: '\r', esc: '\x1b', tab: '\t', up: '\x1b[A', down: '\x1b[B', backspace: '\x7f', quit: '\x03', digit: '1' };

describe('every binding of every screen, pressed through stdin, shows or sends something', () => {
  for (const [context, view] of Object.entries(SAMPLE_VIEWS) as [Context, (typeof SAMPLE_VIEWS)[Context]][]) {
    it(context, async () => {
      for (const binding of helpBindingsOf(view)) {
        tui = renderTui(view, { columns: 40, rows: 16 });
        await tui.waitForText('›');
        if (binding.field === 'typed') await tui.press('X');
        if (binding.command === 'up') await tui.press(BYTES.down!);
        const before = { frame: tui.frame(), sent: tui.sent.length };
        await tui.press(BYTES[binding.key] ?? binding.key);
        if (binding.command === 'quit') await tui.exited;
        else await waitFor(() => tui!.sent.length > before.sent || tui!.frame() !== before.frame, `${context}: ${binding.key} → ${binding.command} shows or sends something`, 2000, 5);
        tui.unmount();
        tui = undefined;
      }
    });
  }
});

describe('a lot-tracked pick line at 40x16 and 80x24, FR and EN: the FEFO lot, a refused lot and its override key, nothing cut', () => {
  const lots = { inBin: [{ lot: 'L26140', expiry: '2027-01-28', quantity: 30 }, { lot: 'L26141', expiry: '2027-03-28', quantity: 12 }], current: null, refused: 'LX-9999' };
  for (const lang of ['fr', 'en'] as Lang[]) {
    const t = createTranslator(lang);
    for (const size of SIZES) {
      it(`${size.columns}x${size.rows} ${lang}`, async () => {
        // with a short pick just before (its replenish hint): the fullest a pick screen gets
        tui = renderTui(pickView({ lots, lastShort: 'P-050' }), { ...size, lang });
        const frame = await tui.waitForText('FEFO L26140');
        // the expiry as the operator writes a day
        expect(frame).toContain(lang === 'fr' ? '28/01/2027' : '28 Jan 2027');
        expect(frame).toContain('LX-9999');
        // the refusal and the key that asks a supervisor, whole
        expect(frame).toContain(t(size.columns === 40 ? 'pick.lotRefusedShort' : 'pick.lotRefused', { lot: 'LX-9999', key: '#' }));
        expect(frame).toContain(t('pick.left', { n: 4 }));
        expectWhole(frame, size.columns, size.rows);
      });
    }
  }

  it('/ opens the lot prompt, Enter sends the lot typed; # opens the lot approval', async () => {
    tui = renderTui(pickView({ lots }), { columns: 40, rows: 16 });
    await tui.press('/');
    await tui.waitForText('N° de lot');
    // typed by a person, key by key (all at once is a scanner burst: a scan)
    for (const key of [...'L26141', '\r']) await tui.press(key);
    await waitFor(() => tui!.sent.length === 1, 'the lot sent');
    // its source (keyboard or wedge) depends on the key timing of a loaded machine: reduce-ui.test.ts checks it
    expect(tui.sent).toMatchObject([{ type: 'lot', lot: 'L26141' }]);
    await tui.press('#');
    await tui.waitForText('Code superviseur');
  });
});

describe('keys through stdin, frames out', () => {
  it('pick: Tab opens the quantity prompt with its sum, Enter adds', async () => {
    tui = renderTui(pickView(), { columns: 40, rows: 16 });
    await tui.press('\t');
    await tui.press('3');
    expect(await tui.waitForText('2 + 3 = 5 / 6')).toContain('Qté à ajouter (u.)');
    await tui.press('\r');
    expect(tui.sent).toEqual([{ type: 'quantity', quantity: 3, mode: 'add' }]);
  });

  it.each([
    ['one order', pickView()],
    ['a cart', batchView()],
  ])('pick (%s): - undoes the last scan, > postpones, ! then a reason then * confirms a short', async (_name, view) => {
    tui = renderTui(view);
    await tui.press('-');
    await tui.press('>');
    await tui.press('!');
    await tui.waitForText('1 Emplacement vide');
    await tui.press('2');
    expect(await tui.waitForText('Manquant : 4 × P-100 (Article abîmé).')).toContain('Confirmer ?');
    await tui.press('*');
    expect(tui.sent).toEqual([{ type: 'undo' }, { type: 'postpone' }, { type: 'short', reason: 'damaged' }]);
  });

  it('pick: the empty-bin question takes Enter for empty, a number for what is left', async () => {
    tui = renderTui(SAMPLE_VIEWS['pick-empty']);
    await tui.press('\r');
    await tui.press('3\r');
    expect(tui.sent).toEqual([{ type: 'empty-check', remaining: 0 }, { type: 'empty-check', remaining: 3 }]);
  });

  it('menu: digits and arrows choose, Enter opens', async () => {
    tui = renderTui(SAMPLE_VIEWS.menu);
    await tui.press('3');
    await tui.press('\x1b[B');
    await tui.press('\r');
    // the number also moves the selection: ↓ from 3 is 4
    expect(tui.sent).toEqual([{ type: 'menu', choice: 'receive' }, { type: 'menu', choice: 'count' }]);
  });

  it('pack: * on a parcel with items not verified states the consequence; Esc keeps it open', async () => {
    tui = renderTui(packView(), { columns: 40, rows: 16 });
    await tui.press('*');
    await tui.waitForText('1 article(s) non vérifié(s)');
    await tui.press('\x1b');
    expect(tui.sent).toEqual([]);
    await tui.waitForText('P-200 0/1');
  });

  it('keys typed before the agent answered the last scan wait for its view: * right after the last item closes the box, with no question', async () => {
    tui = renderTui(packView());
    // the last item's scan is out; its answer has not come
    await tui.press('3760000000017\r');
    tui.answering = true;
    await tui.press('*');
    expect(tui.sent).toEqual([{ type: 'input', data: '3760000000017', source: 'wedge' }]);
    expect(tui.frame()).not.toContain('non vérifié');
    // the answer: every item verified; the * held is read against it
    tui.answering = false;
    tui.show(packView({ items: packView().items.map((item) => ({ ...item, verified: item.quantity })) }));
    await waitFor(() => tui!.sent.length === 2, () => `the held * taken: ${JSON.stringify(tui!.sent)} ${tui!.frame()}`);
    expect(tui.sent[1]).toEqual({ type: 'close-box' });
    expect(tui.frame()).not.toContain('non vérifié');
  });

  it('a key held for an answer that never comes is taken after HOLD_LIMIT_MS', async () => {
    tui = renderTui(packView());
    tui.answering = true;
    const at = performance.now();
    await tui.press('*');
    await tui.waitForText('1 article(s) non vérifié(s)', HOLD_LIMIT_MS * 2);
    expect(performance.now() - at).toBeGreaterThanOrEqual(HOLD_LIMIT_MS);
  });

  it('Ctrl+C is never held: the terminal quits with a key still waiting', async () => {
    tui = renderTui(packView());
    tui.answering = true;
    await tui.press('*');
    await tui.press('\x03');
    await tui.exited;
    expect(tui.frame()).not.toContain('non vérifié');
  });

  it('pack at 40x16: a failed check keeps its whole reason and the override key on the handheld, FR and EN', async () => {
    const overLimit = packView({ phase: 'failed', check: { expectedGrams: 1119, toleranceGrams: 56, measured: '1.117 kg', weightSource: 'scale', differenceGrams: -2, pass: false, reason: 'over-box-limit', missingWeights: [] } });
    tui = renderTui(overLimit, { columns: 40, rows: 16 });
    expect(await tui.waitForText('charge max. de l’emballage dépassée')).toContain('3 dérog.');
    tui.unmount();
    tui = renderTui(overLimit, { columns: 40, rows: 16, lang: 'en' });
    expect(await tui.waitForText("over the packaging's maximum load")).toContain('3 override');
  });

  it('pack: a failed check offers re-check, re-weigh, override, zero and tare', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-failed']);
    for (const key of ['1', '2', '+', '=']) await tui.press(key);
    await tui.press('3');
    await tui.waitForText('Un superviseur scanne son badge');
    await tui.press('SUP1\r');
    // the agent is asked about the code first; the PIN comes once it says SUP1 may approve
    await tui.waitForText('Vérification du superviseur SUP1');
    tui.show(SAMPLE_VIEWS['pack-failed'], { feedback: { id: 1, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
    await tui.waitForText('tapez votre PIN');
    await tui.press('1234');
    expect(await tui.waitForText('PIN superviseur › ••••')).not.toContain('1234');
    await tui.press('\r');
    await tui.waitForText('Motif de la dérogation');
    await tui.press('1');
    expect(tui.sent).toEqual([
      { type: 'recheck' },
      { type: 'reweigh' },
      { type: 'scale', command: 'zero' },
      { type: 'scale', command: 'tare' },
      expect.objectContaining({ type: 'check-supervisor', supervisor: 'SUP1' }),
      { type: 'override', supervisor: 'SUP1', pin: '1234', reason: 'product-weight-wrong' },
    ]);
  });

  it('approval on a handheld: a locked code goes back to the code prompt with when it unlocks; reason "other" asks a note', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-failed'], { columns: 40, rows: 16, lang: 'en' });
    await tui.press('3');
    await tui.press('SUP1\r');
    tui.show(SAMPLE_VIEWS['pack-failed'], { feedback: { id: 1, level: 'error', code: 'SUPERVISOR_LOCKED', params: { supervisor: 'SUP1', until: '10:01:00' } } });
    const locked = await tui.waitForText('Supervisor code ›');
    expect(locked.replace(/\s+/g, ' ')).toContain('Approvals by SUP1 are locked until 10:01:00');
    await tui.press('SUP2\r');
    tui.show(SAMPLE_VIEWS['pack-failed'], { feedback: { id: 2, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP2', name: 'Ana' } } });
    await tui.waitForText('Supervisor PIN ›');
    await tui.press('4321\r');
    await tui.waitForText('Reason for the override');
    await tui.press('4');
    const note = await tui.waitForText('Note ›');
    expect(note.replace(/\s+/g, ' ')).toContain('Reason "other": type a note');
    await tui.press('box torn\r');
    expect(tui.sent.slice(-1)).toEqual([{ type: 'override', supervisor: 'SUP2', pin: '4321', reason: 'other', note: 'box torn' }]);
  });

  it.each([
    { columns: 40, rows: 16, lang: 'fr' as const, title: 'Quel article ? 00079198 se lit de deux façons' },
    { columns: 80, rows: 24, lang: 'en' as const, title: 'Which item? 00079198 reads two ways' },
  ])('a code with two known readings opens the choice ($columns x $rows, $lang); its number sends that reading as its GTIN-14', async ({ columns, rows, lang, title }) => {
    tui = renderTui(pickView(), { columns, rows, lang });
    const readings = [
      { reading: 'EAN-8', gtin: '00000000079198', productCode: 'P-8', productName: 'Gomme', multiple: 1 },
      { reading: 'UPC-E', gtin: '00000791000098', productCode: 'P-E', productName: 'Crayon', multiple: 1 },
    ];
    tui.show(pickView(), { feedback: { id: 1, level: 'info', code: 'SCAN_AMBIGUOUS', params: { data: '00079198' }, readings } });
    const frame = (await tui.waitForText('UPC-E Crayon (P-E)')).replace(/\s+/g, ' ');
    expect(frame).toContain(title);
    expect(frame).toContain('1 EAN-8 Gomme (P-8)');
    await tui.press('2');
    expect(tui.sent).toEqual([{ type: 'input', data: '00000791000098', source: 'keyboard' }]);
  });

  it('pack: carrier list and reprint; a tracking number arriving in one burst is a wedge scan', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-carrier']);
    await tui.press('@');
    await tui.press('\x1b[B');
    await tui.press('\r');
    tui.show(packView({ phase: 'carrier', check: passedCheck, carrier: 'chronopost' }));
    await tui.waitForText('N° de suivi');
    await tui.press('6A12345678901\r');
    expect(tui.sent).toEqual([{ type: 'reprint' }, { type: 'carrier', carrier: 'chronopost' }, { type: 'input', data: '6A12345678901', source: 'wedge' }]);
  });

  it('receive: ! asks how many damaged (prompt says so) then why, with a title', async () => {
    tui = renderTui(receiveView());
    await tui.press('!');
    await tui.waitForText('Qté abîmée (u.) ›');
    await tui.press('2\r');
    await tui.waitForText('Motif');
    await tui.press('1');
    expect(tui.sent).toEqual([{ type: 'damaged', quantity: 2, reason: 'crushed' }]);
  });

  it('receive: * with units missing asks, then closes on Enter', async () => {
    tui = renderTui(receiveView({ pending: null, phase: 'scan', undo: null }), { columns: 40, rows: 16 });
    await tui.press('*');
    await tui.waitForText(/9\s+manquant\(s\)/);
    await tui.press('\r');
    expect(tui.sent).toEqual([{ type: 'close' }]);
  });

  it('receive: a bin elsewhere than suggested asks, stating the consequence; yes scans it again, Esc leaves it waiting and says how to confirm', async () => {
    for (const lang of ['fr', 'en'] as Lang[]) {
      const t = createTranslator(lang);
      const held = receiveView({ hold: { location: 'B-01-01-1', check: 'confirm' } });
      tui = renderTui(receiveView(), { columns: 40, rows: 16, lang });
      await tui.waitForText('C-04-10-3');
      tui.show(held);
      const question = await tui.waitForText(t('confirm.question'));
      expect(question.replace(/\s+/g, ' ')).toContain(t('confirm.otherBin', { quantity: 4, product: 'P-100', location: 'B-01-01-1', suggested: 'C-04-10-3' }));
      expectWhole(question, 40, 16);
      await tui.press('*');
      expect(tui.sent).toEqual([{ type: 'input', data: 'B-01-01-1', source: 'keyboard' }]);
      tui.unmount();
      tui = renderTui(held, { columns: 40, rows: 16, lang });
      await tui.waitForText(t('confirm.question'));
      await tui.press('\x1b');
      const waiting = await tui.waitForText(/B-01-01-1/);
      await waitFor(() => !tui!.frame().includes(t('confirm.question')), 'the question closed');
      expect(tui.frame().replace(/\s+/g, ' ')).toContain(t('receive.hold.confirm', { location: 'B-01-01-1', suggested: 'C-04-10-3' }));
      expectWhole(waiting, 40, 16);
      expect(tui.sent).toEqual([]);
      tui.unmount();
      tui = undefined;
    }
  });

  it('receive: the question follows the agent: another bin typed is a scan, its own question replaces the old one, and it goes once nothing is held', async () => {
    const t = createTranslator('fr');
    tui = renderTui(receiveView({ hold: { location: 'B-01-01-1', check: 'confirm' } }), { columns: 40, rows: 16 });
    await tui.waitForText(t('confirm.question'));
    await tui.press('ZZZ\r');
    expect(tui.sent).toEqual([{ type: 'input', data: 'ZZZ', source: 'keyboard' }]);
    tui.show(receiveView({ hold: { location: 'B-02-02-2', check: 'confirm' } }));
    await waitFor(() => tui!.frame().replace(/\s+/g, ' ').includes('en B-02-02-2 au lieu de'), 'the question of the new bin');
    tui.show(receiveView({ pending: null, phase: 'scan', undo: null, hold: null }));
    await waitFor(() => !tui!.frame().includes(t('confirm.question')), 'the question gone with the hold');
  });

  it('receive: units held for a supervisor offer #, which opens the approval of that kind with its reasons', async () => {
    for (const lang of ['fr', 'en'] as Lang[]) {
      const t = createTranslator(lang);
      tui = renderTui(receiveView({ hold: { location: 'C-04-10-3', check: 'over-receipt' } }), { columns: 40, rows: 16, lang });
      const frame = await tui.waitForText('#');
      expect(frame.replace(/\s+/g, ' ')).toContain(t('receive.hold.over-receipt', { location: 'C-04-10-3', key: '#' }));
      expectWhole(frame, 40, 16);
      await tui.press('#');
      await tui.waitForText(`${t('input.supervisor')} ›`);
      expect(tui.frame().replace(/\s+/g, ' ')).toContain(t('approval.over-receipt'));
      await tui.press('SUP1\r');
      const held = receiveView({ hold: { location: 'C-04-10-3', check: 'over-receipt' } });
      tui.show(held, { feedback: { id: 1, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
      await tui.waitForText(`${t('input.pin')} ›`);
      await tui.press('1234\r');
      const reasons = await tui.waitForText(t('reason.supplier-agreed'));
      expect(reasons).toContain(t('reason.order-too-small'));
      expect(reasons).not.toContain(t('reason.packaging-variance'));
      await tui.press('2');
      expect(tui.sent).toEqual([
        // its source (keyboard or wedge) depends on the key timing: reduce-ui.test.ts checks it
        expect.objectContaining({ type: 'check-supervisor', supervisor: 'SUP1' }),
        { type: 'override', supervisor: 'SUP1', pin: '1234', reason: 'order-too-small' },
      ]);
      tui.unmount();
      tui = undefined;
    }
  });

  it('count: a bin refused by the task offers + for an ad-hoc count there; the paused task shows in its title', async () => {
    for (const lang of ['fr', 'en'] as Lang[]) {
      const t = createTranslator(lang);
      tui = renderTui(countView({ offer: 'C-04-10-3', location: null, phase: 'location', pending: null, undo: null }), { columns: 40, rows: 16, lang });
      const frame = await tui.waitForText('C-04-10-3');
      expect(frame.replace(/\s+/g, ' ')).toContain(t('count.offer', { location: 'C-04-10-3', key: '+' }));
      expectWhole(frame, 40, 16);
      await tui.press('+');
      expect(tui.sent).toEqual([{ type: 'adhoc-count' }]);
      tui.show(countView({ label: 'ad hoc C-04-10-3', location: 'C-04-10-3', pending: null, undo: null, lines: [], uncounted: 0, paused: 'INV-3001' }));
      const adhoc = await tui.waitForText(t('count.paused', { task: 'INV-3001' }));
      expectWhole(adhoc, 40, 16);
      tui.unmount();
      tui = undefined;
    }
  });

  it('receive list: * starts a receipt without document', async () => {
    tui = renderTui(SAMPLE_VIEWS['receive-list']);
    await tui.press('*');
    await tui.press('\x1b[B');
    await tui.press('\r');
    expect(tui.sent).toEqual([{ type: 'blind-receipt' }, { type: 'open-receipt', ref: 'ACH-2002' }]);
  });

  it('count: Enter confirms the line, Tab sets by =N, * asks before closing with lines not counted', async () => {
    tui = renderTui(countView());
    await tui.press('\r');
    await tui.press('\t');
    await tui.press('=7\r');
    tui.show(countView({ pending: null, undo: null }));
    await tui.waitForText('INV-3001');
    await tui.press('*');
    await tui.waitForText('2 ligne(s) non comptée(s)');
    await tui.press('*');
    expect(tui.sent).toEqual([{ type: 'confirm-line' }, { type: 'quantity', quantity: 7, mode: 'set' }, { type: 'close' }]);
  });

  it('count list: * starts a free count; Enter opens a task', async () => {
    tui = renderTui(SAMPLE_VIEWS['count-list']);
    await tui.press('*');
    await tui.press('\r');
    expect(tui.sent).toEqual([{ type: 'open-count', taskId: null }, { type: 'open-count', taskId: 'INV-3001' }]);
  });

  it('lookup: + asks the quantity to replenish, in words', async () => {
    tui = renderTui(SAMPLE_VIEWS.lookup);
    await tui.press('+');
    await tui.waitForText('Qté à réapprovisionner (u.) ›');
    await tui.press('12\r');
    expect(tui.sent).toEqual([{ type: 'replenish', quantity: 12, note: '' }]);
  });

  it('done screens: Enter goes on, Esc goes back', async () => {
    tui = renderTui(SAMPLE_VIEWS['pick-done']);
    await tui.press('\r');
    await tui.press('\x1b');
    expect(tui.sent).toEqual([{ type: 'finish' }, { type: 'back' }]);
  });

  it('a local refusal rings the bell and says why', async () => {
    tui = renderTui(SAMPLE_VIEWS.lookup);
    await tui.press('+');
    await tui.press('abc\r');
    await tui.waitForText('Tapez une quantité en chiffres');
    await waitFor(() => tui?.bells === 1, 'one bell');
  });

  it('a local refusal goes once the next step goes through: never left on a later prompt or screen', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-failed']);
    await tui.press('3');
    await tui.press('SUP1\r');
    tui.show(SAMPLE_VIEWS['pack-failed'], { feedback: { id: 1, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
    await tui.waitForText('PIN superviseur ›');
    await tui.press('abcd\r');
    await tui.waitForText('Un PIN compte 4 à 12 chiffres');
    await tui.press('1234\r');
    const reasons = await tui.waitForText('Motif de la dérogation');
    expect(reasons).not.toContain('Un PIN compte');
  });
});

describe('what the terminal says of itself', () => {
  it('the header never says online while the agent is unreachable', async () => {
    tui = renderTui(pickView());
    await tui.waitForText('● en ligne');
    tui.show(pickView(), { phase: 'retrying' });
    const frame = await tui.waitForText('○ agent injoignable');
    expect(frame).not.toContain('en ligne');
  });

  it('devices offline and a lost agent are said whole on a handheld, never cut', async () => {
    tui = renderTui(pickView(), { columns: 40, rows: 16, status: { devicesOffline: ['PACK-1-SCALE', 'PACK-1-SCANNER', 'PACK-1-PRINTER'] } });
    expectWhole(await tui.waitForText('PACK-1-PRINTER'), 40, 16);
    tui.show(pickView(), { phase: 'retrying' });
    expectWhole(await tui.waitForText('Agent injoignable, on réessaie'), 40, 16);
    expect(tui.frame()).toContain('Qté 2/6');
    expect(tui.lines()[0]).toMatch(/^PICK-1 · OP01 +○ · 0 att\.$/);
  });

  it('a handheld hint line keeps the way out: short words before dropping a key', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-failed'], { columns: 40, rows: 16 });
    expect((await tui.waitForText('? aide')).split('\n').at(-1)).toBe('1 vérif. · 2 pesée · 3 dérog. · ? aide');
    tui.unmount();
    tui = renderTui(pickView(), { columns: 40, rows: 16 });
    await tui.press('!');
    await tui.press('1');
    expect((await tui.waitForText('Confirmer ?')).split('\n').at(-1)).toBe('* confirmer · Échap annuler · ? aide');
  });

  it('rows that do not fit are counted, never lost below the edge', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ productCode: `P-${100 + i}`, productName: 'Tasse à café en porcelaine de Limoges', expected: 10, received: 0, damaged: 0, unexpected: false }));
    tui = renderTui(receiveView({ pending: null, phase: 'scan', lines, undo: null }), { columns: 40, rows: 16 });
    const frame = await tui.waitForText(/\+\d+ autre\(s\) ligne\(s\)/);
    expectWhole(frame, 40, 16);
    const shown = lines.filter((l) => frame.includes(`${l.productCode} 0/10`)).length;
    expect(frame).toContain(`+${lines.length - shown} autre(s) ligne(s)`);
  });

  it('the selected menu row stays on screen under a long banner and a long message', async () => {
    tui = renderTui(SAMPLE_VIEWS.menu, { columns: 40, rows: 16, status: { rejected: 3 }, feedback: { id: 1, level: 'error', code: 'PICK_WRONG_LOCATION', params: { scanned: 'A-01-01-1-LONG-CODE', expected: 'B-02-02-2-LONG-CODE' } } });
    await tui.waitForText('1 Prélèvement');
    for (let i = 0; i < 6; i++) await tui.press('\x1b[B');
    expectWhole(await tui.waitForText('▶ 6 Se déconnecter'), 40, 16);
  });

  it.each([false, true])('a PIN being typed goes with its prompt when the screen changes: never shown, never sent as a scan (intents answered: %s)', async (answers) => {
    tui = renderTui(SAMPLE_VIEWS['pack-failed'], { answers });
    await tui.press('3');
    await tui.press('SUP1\r');
    // typed ahead while the agent checks the code: masked already
    await tui.press('12');
    await tui.waitForText('Code superviseur › ••');
    tui.show(SAMPLE_VIEWS['pack-failed'], { feedback: { id: 1, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
    await tui.press('34');
    await tui.waitForText('PIN superviseur › ••••');
    tui.show(SAMPLE_VIEWS['pack-carrier']);
    const frame = await tui.waitForText('Scan ›');
    expect(frame).not.toContain('1234');
    await tui.press('\r');
    expect(JSON.stringify(tui.sent)).not.toContain('1234');
  });

  it('a PIN typed ahead of a code the agent refuses is dropped with the code: never sent as a code', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-failed'], { answers: true });
    await tui.press('3');
    await tui.press('SUP2\r');
    // the check is out, unanswered: the PIN typed ahead stays in the prompt, masked
    await tui.press('1234\r');
    await tui.waitForText('Code superviseur › ••••');
    tui.show(SAMPLE_VIEWS['pack-failed'], { feedback: { id: 1, level: 'error', code: 'SUPERVISOR_UNKNOWN', params: { supervisor: 'SUP2' } } });
    const refused = await tui.waitForText(/Code superviseur ›\s*$/m);
    expect(refused).not.toContain('1234');
    expect(tui.sent.filter((s) => s.type === 'check-supervisor').map((s) => (s as { supervisor: string }).supervisor)).toEqual(['SUP2', 'SUP2']);
  });

  it('keys typed before a question the answer opens are dropped, with a bell, not taken as its answer', async () => {
    tui = renderTui(receiveView(), { answers: true });
    // a bin other than the one suggested scanned, and * at once
    await tui.press('B-01-01-1\r');
    await tui.press('*');
    expect(tui.sent).toEqual([{ type: 'input', data: 'B-01-01-1', source: 'wedge' }]);
    const bells = tui.bells;
    tui.show(receiveView({ hold: { location: 'B-01-01-1', check: 'confirm' } }));
    const asked = await tui.waitForText('Touches tapées d’avance ignorées');
    expect(asked).toContain('Ranger 4 × P-100 en B-01-01-1 au lieu de C-04-10-3');
    expect(tui.sent).toHaveLength(1);
    await waitFor(() => tui!.bells > bells, 'the bell');
    // the question waits for its own answer
    await tui.press('*');
    expect(tui.sent[1]).toEqual({ type: 'input', data: 'B-01-01-1', source: 'keyboard' });
  });

  it('while typing on a handheld the hint line says how to send and how to clear; a long entry keeps its label whole', async () => {
    tui = renderTui(SAMPLE_VIEWS.lookup, { columns: 40, rows: 16 });
    await tui.press('+');
    await tui.press('1234567890123456789012345');
    const frame = await tui.waitForText('Entrée valider · Échap annuler');
    expect(tui.lines().at(-2)).toMatch(/^Qté à réapprovisionner \(u\.\) › …\d+\s*$/);
    expectWhole(frame, 40, 16);
    tui.unmount();
    tui = renderTui(pickView(), { columns: 40, rows: 16 });
    await tui.press('A-01');
    expect(await tui.waitForText('A-01')).toContain('Entrée valider · Échap effacer');
  });

  it('a pick line whose bin is suspect says so, routed or not, whole at 40x16 and 80x24, FR and EN', async () => {
    for (const lang of ['fr', 'en'] as Lang[]) {
      const t = createTranslator(lang);
      for (const size of SIZES) {
        for (const moved of [true, false]) {
          tui = renderTui(pickView({ suspectBin: { location: 'B-02-05-1', moved } }), { ...size, lang });
          const said = moved ? t('pick.suspectMoved', { from: 'B-02-05-1', location: 'A-01-02-3' }) : t('pick.suspectNoOther', { location: 'A-01-02-3' });
          const frame = await tui.waitForText('A-01-02-3');
          expect(frame.replace(/\s+/g, ' ')).toContain(`⚠ ${said}`);
          expectWhole(frame, size.columns, size.rows);
          tui.unmount();
          tui = undefined;
        }
      }
    }
  });

  it('a passed weight stays on screen while the carrier is chosen, with the decimal mark of the language', async () => {
    tui = renderTui(SAMPLE_VIEWS['pack-carrier'], { columns: 40, rows: 16 });
    // wrapped at 40 columns: read as words
    expect((await tui.waitForText('CONFORME')).replace(/\s+/g, ' ')).toContain('0,752 kg (attendu 750 g ± 20 g)');
    tui.unmount();
    tui = renderTui(SAMPLE_VIEWS['pack-carrier'], { columns: 40, rows: 16, lang: 'en' });
    expect((await tui.waitForText('PASS')).replace(/\s+/g, ' ')).toContain('0.752 kg (expected 750 g ± 20 g)');
  });

  it('weights from the scale and in messages with the French decimal comma: the scale line, a failed check, the shipped parcels', async () => {
    tui = renderTui(packView({ phase: 'failed', check: { expectedGrams: 750, toleranceGrams: 20, measured: '1.272 kg', weightSource: 'scale', differenceGrams: 522, pass: false, reason: 'above', missingWeights: [] } }), {
      status: { scale: { condition: 'stable', weight: '1.272', unit: 'kg' } },
      feedback: { id: 3, level: 'error', code: 'PACK_WEIGHT_FAIL', params: { reason: 'above', measured: '1.272 kg', expected: 750, difference: 522, tolerance: 20 } },
    });
    const failed = await tui.waitForText('⚖ 1,272 kg ✔');
    expect(failed).toContain('Poids non conforme (trop lourd) : 1,272 kg, attendu 750 g');
    expect(failed).not.toMatch(/1\.272/);
    tui.unmount();
    tui = renderTui({ screen: 'pack-done', order: { id: 'SO1', number: 'CMD-1001', customer: 'C' }, parcels: [{ parcelNo: 1, box: 'BOX-S', weight: '1.127 kg', weightSource: 'scale', carrier: 'colissimo', tracking: '6A12345678901', sscc: '00376000000000000017' }] });
    expect(await tui.waitForText('colissimo 6A12345678901 1,127 kg')).toContain('CMD-1001');
  });

  it('a day in a message is written as the operator writes a day: an expired lot refused', async () => {
    const feedback = { id: 4, level: 'error' as const, code: 'RECEIVE_EXPIRED', params: { product: 'P-100', expiry: '2025-12-01' } };
    tui = renderTui(receiveView(), { feedback });
    expect(await tui.waitForText('Lot périmé refusé : P-100 expiré le 01/12/2025')).not.toContain('2025-12-01');
    tui.unmount();
    tui = renderTui(receiveView(), { feedback, lang: 'en' });
    expect(await tui.waitForText('Expired lot refused: P-100 expired on 1 Dec 2025')).not.toContain('2025-12-01');
  });

  it('reason codes are said in the operator language, in feedback too', async () => {
    tui = renderTui(receiveView(), { feedback: { id: 9, level: 'info', code: 'RECEIVE_DAMAGED', params: { quantity: 2, product: 'P-100', reason: 'crushed' } } });
    const frame = await tui.waitForText('abîmé(s)');
    expect(frame).toContain('(Écrasé)');
    expect(frame).not.toContain('crushed');
  });

  it('the packer sees what the picker could not find, with a symbol', async () => {
    tui = renderTui(packView());
    expect(await tui.waitForText('P-200')).toMatch(/⚠ P-200 0\/1 \(2 manquant\(s\) au prélèvement\)/);
  });

  it('a catalog loading shows its progress; rejected events show to everyone on the menu', async () => {
    tui = renderTui(SAMPLE_VIEWS.menu, { status: { loading: { stream: 'catalog', done: 45_000, total: 100_000 }, rejected: 3 } });
    const frame = await tui.waitForText('⟳ catalogue 45 %');
    expect(frame).toMatch(/⚠ 3 événement\(s\) rejeté\(s\) par l’ERP/);
    expect(frame).toContain('6 Se déconnecter');
  });
});
